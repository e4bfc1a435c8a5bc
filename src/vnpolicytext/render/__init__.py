"""Output formats of the command line: text, json, sarif, github, html.

Every renderer takes the results of a run (one `FileResult` per input, in input order) and returns a str.
Summaries are read generically, so analyzers added later show up without changes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lines import LineIndex
from ..report import Report

if TYPE_CHECKING:
    from ..gates import CheckResult

FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github", "html")


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input: its display path ('-' for stdin), its source text, its report and, for `check`, the result."""

    path: str
    source: str
    report: Report
    check: CheckResult | None = None


def summaries(report: Report) -> dict[str, Any]:
    """The analyzer summaries present in a report, by analyzer name, in registry order."""
    return dict(report.summaries())


__all__ = ["FORMATS", "FileResult", "LineIndex", "summaries"]
