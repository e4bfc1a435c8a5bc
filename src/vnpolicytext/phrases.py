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

from .document import Document, Unit
from .vocab import fold

T = TypeVar("T")
_END = ""  # trie key holding the payload; never a syllable


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

    def add(self, phrase: str, value: T) -> None:
        """Add or replace a phrase."""
        node = self._root
        for syllable in fold(phrase).split():
            node = node.setdefault(syllable, {})
        if _END not in node:
            self.size += 1
        node[_END] = value

    def remove(self, phrase: str) -> None:
        """Forget a phrase (no error if absent)."""
        node = self._root
        for syllable in fold(phrase).split():
            if syllable not in node:
                return
            node = node[syllable]
        if node.pop(_END, None) is not None:
            self.size -= 1

    def find(self, doc: Document, unit: Unit) -> Iterator[Match[T]]:
        """Non-overlapping matches in `unit`, left to right, the longest at each position."""
        view = doc.phrase_views[unit.index]
        keys, joined, starts, ends = view.keys, view.joined, view.starts, view.ends
        root = self._root
        if root.keys().isdisjoint(keys):
            return  # no phrase can start in this unit
        syl = unit.syllables
        n = len(keys)
        i = 0
        while i < n:
            node = root.get(keys[i])
            if node is None:
                i += 1
                continue
            best: tuple[int, T] | None = None
            j = i
            while node is not None:
                if _END in node and (ends is None or syl[j].end in ends):
                    best = (j + 1, node[_END])
                if j + 1 >= n or not joined[j]:
                    break
                j += 1
                node = node.get(keys[j])
            if best is not None and (starts is None or syl[i].start in starts):
                last, value = best
                yield Match(i, last, syl[i].start, syl[last - 1].end, value)
                i = last
            else:
                i += 1
