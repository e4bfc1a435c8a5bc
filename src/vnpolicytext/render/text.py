"""The default, human-readable format: a summary per file, then `path:line:col: severity rule message`."""

from __future__ import annotations

from typing import Any

from . import FileResult, summaries
from .safe import printable

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _GREEN, _RED, _RESET = "\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[0m"
_SNIPPET = 100
_SKIP_KEYS = frozenset({"limits", "clarity_components", "longest", "indicative"})


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _scalars(summary: Any) -> str:
    """`key=value` for the scalar fields of a summary we do not know in detail."""
    parts = []
    for key, value in summary.model_dump().items():
        if key in _SKIP_KEYS or isinstance(value, dict | list) or value is None:
            continue
        parts.append(f"{key}={_fmt(value)}")
        if len(parts) == 8:
            break
    return ", ".join(parts)


def _summary_lines(r: FileResult) -> list[str]:
    rep = r.report
    lines = [f"  profile: {rep.profile}; units: {rep.text.sentences}; syllables: {rep.text.syllables}"]
    length = rep.sentence_length
    if length is not None:
        lines.append(
            f"  sentence length: mean {length.mean_syllables:g} syllables, p90 {length.p90_syllables:g}, "
            f"max {length.max_syllables} ({length.long_share:.0%} long); reading units (a provision with its "
            f"items counts as one): mean {length.mean_reading_unit_syllables:g}"
        )
    read = rep.readability
    if read is not None:
        luong = "n/a" if read.luong_nguyen_dinh is None else f"{read.luong_nguyen_dinh:.2f}"
        clarity = "n/a" if read.clarity_score is None else f"{read.clarity_score:.1f}/100"
        lines.append(
            f"  level: {read.level or 'n/a'} ({read.level_description or ''}); clarity score: {clarity}"
        )
        lines.append(f"  research measure, not the level: Luong-Nguyen-Dinh (2018) {luong}")
    elif not rep.text.scorable:
        lines.append(f"  not scorable: {', '.join(rep.text.problems) or 'unknown reason'}")
    for name, summary in summaries(rep).items():
        if name in ("sentence_length", "readability") or not hasattr(summary, "model_dump"):
            continue
        body = _scalars(summary)
        if body:
            lines.append(f"  {name}: {body}")
    return lines


def _snippet(text: str) -> str:
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= _SNIPPET else flat[: _SNIPPET - 1] + "…"


def render(results: list[FileResult], *, colour: bool = False) -> str:
    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if colour else s

    out: list[str] = []
    for r in results:
        path = printable(r.path)  # input text and names never reach the terminal as control sequences
        out.append(paint(_BOLD, path))
        out.extend(printable(line) for line in _summary_lines(r))
        for f in r.report.findings:
            sev = paint(_COLOURS[f.severity], f.severity)
            loc = f.data.get("location")  # documents (.docx, .pdf): the place in the file
            place = loc.get("label") if isinstance(loc, dict) else None
            where = f"{path}:{f.line}:{f.column}" + (f" [{printable(place)}]" if place else "")
            out.append(f"{where}: {sev} {f.rule} {printable(f.message)}")
            out.append(paint(_DIM, f"    | {_snippet(f.text)}"))
            if f.suggestion:
                out.append(f"    → {printable(f.suggestion)}")
            for fix in f.fixes:  # `vnpolicytext fix` applies the safe ones (--unsafe: the others too)
                kind = "sửa an toàn" if fix.safe else "có thể sửa"
                out.append(f"    ✎ {kind}: «{_snippet(r.source[fix.start : fix.end])}» → «{printable(fix.replacement)}»")
        counts = {
            s: sum(1 for f in r.report.findings if f.severity == s) for s in ("error", "warning", "info")
        }
        out.append(f"  {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
        if r.check is not None:
            if r.check.passed:
                out.append(paint(_GREEN, "  check: PASSED"))
            else:
                out.append(paint(_RED, "  check: FAILED"))
                for failure in r.check.failures:
                    out.append(f"    - [{failure.gate}] {printable(failure.message)}")
        out.append("")
    return "\n".join(out)
