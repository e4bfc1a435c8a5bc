"""Applying the structured fixes of a report: `apply_fixes(text, findings, safe_only=True)`, and
`fix_text`, which analyses, applies, re-analyses and never leaves the clarity score lower than it was.

A fix replaces the caller's text[start:end] by its replacement (start == end inserts). Safe fixes keep the
meaning and every number, date, document number and name; the others are suggestions. Edits never overlap:
when two do, a safe one wins over a suggestion, then the one that starts first; the same edit offered by two
findings is applied once. Used by `vnpolicytext fix`, CMS plugins and the editor page.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from .models import Finding, Fix
from .structure import DOCUMENT_NUMBER

if TYPE_CHECKING:
    from .report import Report

__all__ = ["FixOutcome", "apply_fixes", "fix_text", "protected_tokens", "safety_problems", "select_fixes"]

_NUMBER = regex.compile(r"\d+(?:[.,/:\-]\d+)*")
# A capitalised word in the middle of a sentence (after a letter, digit, comma or bracket): a name.
# ("(UBND) Tân Hòa" counts, "a) Tiến hành …" opens a list item and does not).
_NAME = regex.compile(r"(?<=(?:[\p{L}\p{N},(]|\p{L}{2}\))[ \t]*)(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}]*")


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
    return _apply(text, select_fixes(text, findings, safe_only=safe_only))


def protected_tokens(text: str) -> dict[str, Counter[str]]:
    """What a safe fix must never change: numbers and dates, document numbers, and capitalised names in the
    middle of a sentence (a word that opens a sentence may gain or lose its capital with the word before it)."""
    return {
        "numbers": Counter(m.group() for m in _NUMBER.finditer(text)),
        "document_numbers": Counter(m.group().rstrip(".") for m in DOCUMENT_NUMBER.finditer(text)),
        "names": Counter(m.group() for m in _NAME.finditer(text)),
    }


def safety_problems(text: str, fixed: str, before: Report, after: Report) -> list[str]:
    """Why applying fixes to `text` (giving `fixed`; `before`/`after` their reports) was not safe, if it was
    not: a number, date or document number changed, a name lost, the clarity score lower, or an offset of the
    new report that does not index `fixed` exactly. Empty when safe."""
    problems: list[str] = []
    old, new = protected_tokens(text), protected_tokens(fixed)
    for kind in ("numbers", "document_numbers"):
        if old[kind] != new[kind]:
            problems.append(f"{kind} changed: {sorted((old[kind] - new[kind]).elements())[:5]}")
    lost = old["names"] - new["names"]
    if lost:
        problems.append(f"names lost: {sorted(lost.elements())[:5]}")
    a = getattr(getattr(before, "readability", None), "clarity_score", None)
    b = getattr(getattr(after, "readability", None), "clarity_score", None)
    if a is not None and (b is None or b < a):
        problems.append(f"clarity score fell from {a} to {b}")
    for f in after.findings:
        if fixed[f.start : f.end] != f.text or not all(0 <= x.start <= x.end <= len(fixed) for x in f.fixes):
            problems.append(f"inexact offsets in {f.rule} at {f.start}")
            break
    return problems


@dataclass(slots=True)
class FixOutcome:
    """What `fix_text` did: the new text, the fixes applied, held back and skipped (the target cannot
    express them), the reports before and after."""

    text: str
    applied: list[Fix]
    held_back: list[Fix]
    before: Report
    after: Report
    notes: list[str] = field(default_factory=list)
    skipped: list[Fix] = field(default_factory=list)


def _score(report: Report) -> float | None:
    readability = getattr(report, "readability", None)
    value = getattr(readability, "clarity_score", None)
    return value if isinstance(value, int | float) else None


def fix_text(
    text: str,
    *,
    config: Any = None,
    input_format: str = "text",
    safe_only: bool = True,
    feasible: Callable[[Fix], bool] | None = None,
) -> FixOutcome:
    """Analyse `text` (plain, Markdown or HTML), apply its fixes and analyse the result.

    The clarity score never ends lower than it started: when it would, the fixes that lengthen the text
    (abbreviations written out, which add words a reader must read and sometimes jargon) are held back, and
    if the score still falls, every fix is (the text is returned unchanged). `feasible` says which fixes the
    target can carry (a Word file cannot take an edit across two paragraphs): the others are `skipped`.
    """
    from .markup import analyze_markup

    before = analyze_markup(text, input_format, config=config)
    chosen = select_fixes(text, before.findings, safe_only=safe_only)
    skipped: list[Fix] = []
    if feasible is not None:
        skipped = [f for f in chosen if not feasible(f)]
        chosen = [f for f in chosen if feasible(f)]
    if not chosen:
        return FixOutcome(text, [], [], before, before, skipped=skipped)
    start = _score(before)
    attempts = [chosen, [f for f in chosen if len(f.replacement) <= f.end - f.start]]
    for attempt in attempts:
        if not attempt:
            continue
        fixed = _apply(text, attempt)
        after = analyze_markup(fixed, input_format, config=config)
        end = _score(after)
        if start is None or (end is not None and end >= start):
            held = [f for f in chosen if f not in attempt]
            notes = [f"{len(held)} fixes held back: they would lower the clarity score"] if held else []
            return FixOutcome(fixed, attempt, held, before, after, notes, skipped)
    notes = ["every fix held back: the clarity score would fall"]
    return FixOutcome(text, [], chosen, before, before, notes, skipped)


def _apply(text: str, fixes: list[Fix]) -> str:
    parts: list[str] = []
    pos = 0
    for fix in fixes:
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)
