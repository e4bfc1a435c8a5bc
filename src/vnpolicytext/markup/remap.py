"""Moving the offsets of a report to another frame: a markup source the prose was extracted from (`remap`),
or UTF-16 code units for a JavaScript client (`server.offsets.report_to_utf16`).

One mechanism for both: sentences and findings move by their `start`/`end`; a finding's data by the keys
its analyzer marked as offsets (`Finding.offset_keys`: an int, a span {"start", "end", "text"}, or a list
of them); summaries by the fields typed `models.Start` / `models.End`, recursively. Nothing goes by key
names, so a field added later is moved exactly when it is typed or marked as an offset. Here also: a
finding's fixes (a fix whose source span holds markup, i.e. is not the prose it replaces verbatim, is
dropped: applying it would break the markup).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..lines import LineIndex
from ..models import Finding, Fix, SourceOffset, is_end_key
from ..report import Report
from .offsets import Extracted


@dataclass(frozen=True, slots=True)
class Frame:
    """Where offsets of the analysed text go: `start` moves a start (or a single position), `end` the end of
    a span, `span` a whole span, and `text`, when given, is the text of a moved span (None: a span's text
    stays as it is)."""

    start: Callable[[int], int]
    end: Callable[[int], int]
    span: Callable[[int, int], tuple[int, int]]
    text: Callable[[int, int], str] | None = None


def markup_frame(ex: Extracted) -> Frame:
    """From the extracted prose to its markup source."""

    def end(pos: int) -> int:
        return ex.span(pos - 1, pos)[1] if pos > 0 else ex.offset(0)

    return Frame(ex.offset, end, ex.span, lambda s, e: ex.source[s:e])


def move_model(model: BaseModel, frame: Frame) -> BaseModel:
    """A copy of a summary model with every field typed as an offset moved, recursively."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        marker = next((m for m in info.metadata if isinstance(m, SourceOffset)), None)
        if marker is not None and isinstance(value, int):
            update[name] = frame.end(value) if marker.edge == "end" else frame.start(value)
        elif isinstance(value, BaseModel):
            update[name] = move_model(value, frame)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [move_model(v, frame) for v in value]
        elif isinstance(value, dict) and value and isinstance(next(iter(value.values())), BaseModel):
            update[name] = {k: move_model(v, frame) for k, v in value.items()}
    return model.model_copy(update=update) if update else model


def _move_value(value: Any, end: bool, frame: Frame) -> Any:
    """A marked data value moved: an int (a start, or an end when `end`), a span dict, or a list of them."""
    if isinstance(value, int) and not isinstance(value, bool):
        return frame.end(value) if end else frame.start(value)
    if isinstance(value, dict) and isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
        s, e = frame.span(value["start"], value["end"])
        moved = {**value, "start": s, "end": e}
        if frame.text is not None and "text" in value:
            moved["text"] = frame.text(s, e)
        return moved
    if isinstance(value, list):
        return [_move_value(v, end, frame) for v in value]
    return value


def move_data(finding: Finding, frame: Frame) -> dict[str, Any]:
    """The finding's data with every value under a marked key moved (a copy; other keys as they are)."""
    data = dict(finding.data)
    for key in finding.offset_keys:
        if key in data:
            data[key] = _move_value(data[key], is_end_key(key), frame)
    return data


def _remap_fixes(finding: Finding, ex: Extracted) -> list[Fix]:
    out = []
    for fix in finding.fixes:
        if fix.end > fix.start:
            s, e = ex.span(fix.start, fix.end)
            if ex.source[s:e] != ex.text[fix.start : fix.end]:
                continue  # the span holds a tag, an entity or an escape: editing it would break the markup
        elif 0 < fix.start < len(ex.text) and ex.ends[fix.start - 1] != ex.starts[fix.start]:
            continue  # an insertion between two pieces of prose the markup separates
        else:
            s = e = ex.offset(fix.start)
        out.append(fix.model_copy(update={"start": s, "end": e}))
    return out


def remap(report: Report, ex: Extracted) -> Report:
    """The report with every offset, text, line and column moved from the plain text to the source."""
    frame = markup_frame(ex)
    lines = LineIndex(ex.source)
    sentences = []
    for s in report.sentences:
        a, b = ex.span(s.start, s.end)
        sentences.append(s.model_copy(update={"start": a, "end": b, "text": ex.source[a:b]}))
    findings: list[Finding] = []
    for f in report.findings:
        a, b = ex.span(f.start, f.end)
        line, column = lines.line_column(a)
        moved = f.model_copy(
            update={
                "start": a,
                "end": b,
                "text": ex.source[a:b],
                "line": line,
                "column": column,
                "data": move_data(f, frame),
                "fixes": _remap_fixes(f, ex),
            }
        )
        moved.mark_offsets(f.offset_keys)
        findings.append(moved)
    update: dict[str, Any] = {"sentences": sentences, "findings": findings}
    for name, summary in report.summaries().items():
        update[name] = move_model(summary, frame)
    result: Report = report.model_copy(update=update)
    return result
