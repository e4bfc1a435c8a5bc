"""Offsets in UTF-16 code units, the unit JavaScript strings (and so browser editors) index by.

The library reports offsets in code points (Python str indices). A character outside the Basic
Multilingual Plane (an emoji, a rare CJK ideograph) is one code point but two UTF-16 units, so every
offset after it moves by one in UTF-16. The report is moved by the mechanism that moves a markup report
to its source (`markup.remap`): typed summary fields and the data keys each finding marks, never key names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from ..markup.remap import Frame, move_data, move_model
from ..models import Finding
from ..report import Report

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

Converter = Callable[[int], int]


def utf16_converter(text: str) -> Converter:
    """A function mapping a code-point offset of `text` to its UTF-16 offset (identity for BMP-only text)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda i: i

    def convert(i: int) -> int:
        return i + bisect_left(astral, i)

    return convert


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


def utf16_frame(text: str) -> Frame:
    """The frame moving code-point offsets of `text` to UTF-16 units (a span keeps its text)."""
    convert = utf16_converter(text)
    return Frame(convert, convert, lambda s, e: (convert(s), convert(e)))


def report_to_utf16(report: Report, source: str) -> Report:
    """A copy of `report` (made on `source`) whose every offset counts UTF-16 units: sentences' and findings'
    start and end, findings' column and fixes, the data keys a finding marks as offsets and the summary
    fields typed as offsets. Counts (characters, syllables, words) stay counts; texts stay texts."""
    if _ASTRAL.search(source) is None:
        return report  # the same offsets
    frame = utf16_frame(source)
    convert = frame.start
    sentences = [
        s.model_copy(update={"start": convert(s.start), "end": convert(s.end)}) for s in report.sentences
    ]
    findings: list[Finding] = []
    for f in report.findings:
        start = convert(f.start)
        line_start = f.start - (f.column - 1)
        moved = f.model_copy(
            update={
                "start": start,
                "end": convert(f.end),
                "column": start - convert(line_start) + 1,
                "data": move_data(f, frame),
                "fixes": [
                    fix.model_copy(update={"start": convert(fix.start), "end": convert(fix.end)})
                    for fix in f.fixes
                ],
            }
        )
        moved.mark_offsets(f.offset_keys)
        findings.append(moved)
    update: dict[str, Any] = {"sentences": sentences, "findings": findings}
    for name, summary in report.summaries().items():
        update[name] = move_model(summary, frame)
    moved_report: Report = report.model_copy(update=update)
    return moved_report
