"""GitHub Actions workflow commands: one `::warning file=…,line=…::message` line per finding.

Workflow commands have no field for an edit, so a finding's fixes are written into the message, one line
each ("Sửa (an toàn): «tiến hành kiểm tra» → «kiểm tra»"); SARIF carries them as structured `fixes`."""

from __future__ import annotations

from . import FileResult, LineIndex
from .safe import printable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (%, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property's value (%, CR, LF, ':' and ',')."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult]) -> str:
    out: list[str] = []
    for r in results:
        index = LineIndex(r.source)
        file = escape_property(printable(r.path))
        for f in r.report.findings:
            end_line, end_col = index.end_line_column(f.start, f.end)
            message = printable(f.message)
            if f.suggestion:
                message += f"\nGợi ý: {printable(f.suggestion)}"
            for fix in f.fixes:
                kind = "Sửa (an toàn)" if fix.safe else "Có thể sửa"
                message += f"\n{kind}: «{printable(r.source[fix.start : fix.end])}» → «{printable(fix.replacement)}»"
            props = (
                f"file={file},line={f.line},col={f.column},endLine={end_line},endColumn={end_col},"
                f"title={escape_property(f.rule)}"
            )
            out.append(f"::{_LEVEL[f.severity]} {props}::{escape_data(message)}")
        if r.check is not None and not r.check.passed:
            for failure in r.check.failures:
                title = escape_property(f"vnpolicytext check: {failure.gate}")
                out.append(f"::error file={file},title={title}::{escape_data(printable(failure.message))}")
    return "".join(line + "\n" for line in out)
