"""Moving a report made on extracted prose back onto the markup source it came from.

Sentences and findings are moved by their `start`/`end`; a finding's fixes by theirs (a fix whose source
span holds markup, i.e. is not the prose it replaces verbatim, is dropped: applying it would break the
markup); a finding's data by the keys its analyzer marked as offsets (`Finding.offset_keys`); summaries by the fields typed `models.Start` / `models.End`. Nothing
goes by key names, so a summary field added later is moved exactly when it is typed as an offset.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..lines import LineIndex
from ..models import Finding, Fix, SourceOffset, is_end_key
from ..report import Report
from .offsets import Extracted


def _start(ex: Extracted, pos: int) -> int:
    return ex.offset(pos)


def _end(ex: Extracted, pos: int) -> int:
    return ex.span(pos - 1, pos)[1] if pos > 0 else ex.offset(0)


def remap_model(model: BaseModel, ex: Extracted) -> BaseModel:
    """A copy of a summary model with every field typed as an offset moved to the source, recursively."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        marker = next((m for m in info.metadata if isinstance(m, SourceOffset)), None)
        if marker is not None and isinstance(value, int):
            update[name] = _end(ex, value) if marker.edge == "end" else _start(ex, value)
        elif isinstance(value, BaseModel):
            update[name] = remap_model(value, ex)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [remap_model(v, ex) for v in value]
        elif isinstance(value, dict) and value and isinstance(next(iter(value.values())), BaseModel):
            update[name] = {k: remap_model(v, ex) for k, v in value.items()}
    return model.model_copy(update=update) if update else model


def _remap_data(finding: Finding, ex: Extracted) -> dict[str, Any]:
    data = dict(finding.data)
    for key in finding.offset_keys:
        value = data.get(key)
        if (
            isinstance(value, dict)
            and isinstance(value.get("start"), int)
            and isinstance(value.get("end"), int)
        ):
            s, e = ex.span(value["start"], value["end"])
            data[key] = {**value, "start": s, "end": e, "text": ex.source[s:e]}
        elif isinstance(value, int) and not isinstance(value, bool):
            data[key] = _end(ex, value) if is_end_key(key) else _start(ex, value)
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
                "data": _remap_data(f, ex),
                "fixes": _remap_fixes(f, ex),
            }
        )
        moved.mark_offsets(f.offset_keys)
        findings.append(moved)
    update: dict[str, Any] = {"sentences": sentences, "findings": findings}
    for name, summary in report.summaries().items():
        update[name] = remap_model(summary, ex)
    result: Report = report.model_copy(update=update)
    return result
