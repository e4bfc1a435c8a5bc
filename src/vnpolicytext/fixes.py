"""Applying the structured fixes of a report: `apply_fixes(text, findings, safe_only=True)`.

A fix replaces the caller's text[start:end] by its replacement (start == end inserts). Safe fixes keep the
meaning and every number, date, document number and name; the others are suggestions. Edits never overlap:
when two do, a safe one wins over a suggestion, then the one that starts first; the same edit offered by two
findings is applied once. Used by `vnpolicytext fix`, CMS plugins and the editor page.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from .models import Finding, Fix

__all__ = ["apply_fixes", "select_fixes"]


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    """Do the edits [a, b) and [c, d) clash? Two insertions clash at the same point; an insertion clashes
    with an edit it falls strictly inside; adjacent edits do not clash."""
    if a == b and c == d:
        return a == c
    if a == b:
        return c < a < d
    if c == d:
        return a < c < b
    return a < d and c < b


def _clashes(accepted: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) clash with an accepted edit? The accepted edits never overlap, so sorted by start
    their ends are sorted too, and only the neighbours of the insertion point can clash."""
    i = bisect_left(accepted, (start, end))
    return any(_overlap(a, b, start, end) for a, b in accepted[max(0, i - 1) : i + 2])


def select_fixes(text: str, findings: Iterable[Finding], *, safe_only: bool = True) -> list[Fix]:
    """The fixes to apply, in text order: non-overlapping, deduplicated, within `text`."""
    seen: set[tuple[int, int, str]] = set()
    candidates: list[Fix] = []
    for finding in findings:
        for fix in finding.fixes:
            if safe_only and not fix.safe:
                continue
            if not 0 <= fix.start <= fix.end <= len(text):
                raise ValueError(f"fix [{fix.start}, {fix.end}) lies outside the text (length {len(text)})")
            key = (fix.start, fix.end, fix.replacement)
            if key in seen:
                continue
            seen.add(key)
            candidates.append(fix)
    candidates.sort(key=lambda f: (not f.safe, f.start, f.end))
    accepted: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    for fix in candidates:
        if _clashes(accepted, fix.start, fix.end):
            continue
        i = bisect_left(accepted, (fix.start, fix.end))
        accepted.insert(i, (fix.start, fix.end))
        chosen.append(fix)
    return sorted(chosen, key=lambda f: (f.start, f.end))


def apply_fixes(text: str, findings: Iterable[Finding], *, safe_only: bool = True) -> str:
    """`text` with the fixes of `findings` applied (only the safe ones unless `safe_only` is False).

    `findings` must come from analysing this very `text` (offsets index it); a fix outside it is a ValueError.
    """
    parts: list[str] = []
    pos = 0
    for fix in select_fixes(text, findings, safe_only=safe_only):
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)
