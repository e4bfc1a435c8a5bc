"""Output formats of the command line: text, json, sarif, github, html.

Every renderer takes the results of a run (one `FileResult` per input, in input order) and returns a str.
Summaries are read generically, so analyzers added later show up without changes here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import regex

from ..check import CheckResult
from ..report import Report

FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github", "html")

# Report fields that are not analyzer summaries.
CORE_FIELDS = frozenset({"version", "profile", "text", "sentences", "findings"})


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input: its display path ('-' for stdin), its source text, its report and, for `check`, the result."""

    path: str
    source: str
    report: Report
    check: CheckResult | None = None


def summaries(report: Report) -> dict[str, Any]:
    """The analyzer summaries present in a report, by analyzer name, in field order."""
    out: dict[str, Any] = {}
    for name in type(report).model_fields:
        if name in CORE_FIELDS:
            continue
        value = getattr(report, name, None)
        if value is not None:
            out[name] = value
    return out


class LineIndex:
    """1-based line and column (code points) of offsets in a text; lines end at \\n, \\r\\n or \\r."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def end_line_column(self, start: int, end: int) -> tuple[int, int]:
        """Line and column just after the last character of [start, end) (the exclusive end column)."""
        if end <= start:
            return self.line_column(start)
        line, col = self.line_column(end - 1)
        return line, col + 1


__all__ = ["FORMATS", "FileResult", "LineIndex", "summaries"]
