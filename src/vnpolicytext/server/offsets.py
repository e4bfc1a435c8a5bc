"""Offsets in UTF-16 code units, the unit JavaScript strings (and so browser editors) index by.

The library reports offsets in code points (Python str indices). A character outside the Basic
Multilingual Plane (an emoji, a rare CJK ideograph) is one code point but two UTF-16 units, so every
offset after it moves by one in UTF-16.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_OFFSET_KEYS = frozenset({"start", "end", "split_at"})
_OFFSET_SUFFIXES = ("_start", "_end", "_at")
# Top-level report fields that are not analyzer summaries.
_CORE = frozenset({"version", "profile", "profile_reasons", "text", "sentences", "findings"})

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


def _is_offset_key(key: str) -> bool:
    return key in _OFFSET_KEYS or key.endswith(_OFFSET_SUFFIXES)


def convert_marked_offsets(value: Any, convert: Converter) -> Any:
    """Convert every offset inside finding data and summaries, in place; returns `value`.

    THE one walk over nested data: today an offset is an int (or a list of ints) under a key named start,
    end, split_at, *_start, *_end or *_at. Re-point this function when offsets get another marking.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _is_offset_key(key):
                if isinstance(item, int) and not isinstance(item, bool):
                    value[key] = convert(item)
                    continue
                if isinstance(item, list) and all(
                    isinstance(x, int) and not isinstance(x, bool) for x in item
                ):
                    value[key] = [convert(x) for x in item]
                    continue
            convert_marked_offsets(item, convert)
    elif isinstance(value, list):
        for item in value:
            convert_marked_offsets(item, convert)
    return value


def report_to_utf16(report: dict[str, Any], source: str) -> dict[str, Any]:
    """Rewrite a report (as `Report.model_dump(mode="json")`) in place so every offset counts UTF-16 units.

    Findings' start, end and column, sentences' start and end, and offsets inside finding data and analyzer
    summaries are converted. Counts (characters, syllables, words) stay counts.
    """
    convert = utf16_converter(source)
    for f in report.get("findings", []):
        line_start = f["start"] - (f["column"] - 1)
        f["start"], f["end"] = convert(f["start"]), convert(f["end"])
        f["column"] = f["start"] - convert(line_start) + 1
        convert_marked_offsets(f.get("data"), convert)
        for fix in f.get("fixes", []):
            fix["start"], fix["end"] = convert(fix["start"]), convert(fix["end"])
    for s in report.get("sentences", []):
        s["start"], s["end"] = convert(s["start"]), convert(s["end"])
    for key, summary in report.items():
        if key not in _CORE:
            convert_marked_offsets(summary, convert)
    return report
