"""Phrase lexicons matched on syllable sequences: a trie, longest match first, one pass per unit.

Keys are folded (lower case, NFC, classic tone placement), so "Hoà giải", "hòa giải" and "HÒA GIẢI" are
the same phrase. A match never crosses punctuation and starts and ends on word boundaries (the view is built
on the document's words, so it never exists before them): "do" never matches inside "lý do" and "chế tài"
never straddles two words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import regex

from .document import Document, Unit
from .vocab import fold

T = TypeVar("T")
_END = ""  # trie key holding the payload; never a syllable
_SEP = ","  # trie key between the parts of a coordinated phrase; never a syllable
_SEPARATORS = regex.compile(r"\s*,\s*|\s+[-–]\s+")
_COORDINATORS = regex.compile(r"\s*,\s*(?:và\s+)?|\s+[-–]\s+|\s+và\s+")
_VA = "và"


def phrase_keys(phrase: str, *, coordinated: bool = False) -> list[str]:
    """The trie keys of a phrase: its folded syllables, with a separator key between coordinated parts.

    Commas and spaced dashes always separate parts ("nhận cha, mẹ, con"); in a coordinated phrase "và" does
    too ("thống nhất nhận thức, ý chí và hành động"), so the text may join the parts with ", ", " và ",
    ", và " or " - " (a coordinated lexicon entry matches however the text coordinates its parts)."""
    parts = (_COORDINATORS if coordinated else _SEPARATORS).split(fold(phrase))
    keys: list[str] = []
    for i, part in enumerate(p for p in parts if p.strip()):
        if i:
            keys.append(_SEP)
        keys.extend(part.split())
    return keys


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A lexicon phrase found in a unit: syllable index range and working-copy offsets."""

    first: int
    last: int  # exclusive
    start: int
    end: int
    value: T


class PhraseMatcher(Generic[T]):
    """Longest-match-first lookup of many phrases at once."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._root: dict[str, Any] = {}
        self.size = 0
        for phrase, value in phrases:
            self.add(phrase, value)

    def add(self, phrase: str, value: T, *, coordinated: bool = False) -> None:
        """Add or replace a phrase (see `phrase_keys` for coordinated phrases)."""
        node = self._root
        for syllable in phrase_keys(phrase, coordinated=coordinated):
            node = node.setdefault(syllable, {})
        if _END not in node:
            self.size += 1
        node[_END] = value

    def remove(self, phrase: str, *, coordinated: bool = False) -> None:
        """Forget a phrase (no error if absent)."""
        node = self._root
        for syllable in phrase_keys(phrase, coordinated=coordinated):
            if syllable not in node:
                return
            node = node[syllable]
        if node.pop(_END, None) is not None:
            self.size -= 1

    def find(self, doc: Document, unit: Unit) -> Iterator[Match[T]]:
        """Non-overlapping matches in `unit`, left to right, the longest at each position."""
        view = doc.phrase_views[unit.index]
        keys, gaps, starts, ends = view.keys, view.gaps, view.starts, view.ends
        root = self._root
        if root.keys().isdisjoint(keys):
            return  # no phrase can start in this unit
        candidates = [k for k, key in enumerate(keys) if key in root]  # where some phrase can start
        if not candidates:
            return
        syl_starts, syl_ends = unit.syllables.starts(), unit.syllables.ends()
        n = len(keys)
        i = 0
        for at in candidates:
            if at < i:
                continue  # inside the match before
            i = at
            node = root[keys[i]]
            best: tuple[int, T] | None = None
            j = i
            while node is not None:
                if _END in node and (ends is None or syl_ends[j] in ends):
                    best = (j + 1, node[_END])
                if j + 1 >= n:
                    break
                gap = gaps[j]
                sep = node.get(_SEP)
                if gap == " ":
                    step = node.get(keys[j + 1])
                    if step is None and sep is not None and keys[j + 1] == _VA and j + 2 < n and gaps[j + 1] == " ":
                        j, node = j + 2, sep.get(keys[j + 2])  # "… ý chí và hành động"
                        continue
                    j, node = j + 1, step
                elif gap in (",", "-") and sep is not None:
                    if keys[j + 1] == _VA and j + 2 < n and gaps[j + 1] == " " and keys[j + 2] in sep:
                        j, node = j + 2, sep[keys[j + 2]]  # ", và …"
                        continue
                    j, node = j + 1, sep.get(keys[j + 1])
                else:
                    break
            if best is not None and (starts is None or syl_starts[i] in starts):
                last, value = best
                yield Match(i, last, syl_starts[i], syl_ends[last - 1], value)
                i = last
            else:
                i += 1
