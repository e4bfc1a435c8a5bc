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

from .document import Document, PhraseView, Unit
from .vocab import fold

T = TypeVar("T")
_END = ""  # trie key holding the payload; never a syllable
_SEP = ","  # trie key between the parts of a coordinated phrase; never a syllable
_SEPARATORS = regex.compile(r"\s*,\s*|\s+[-–]\s+")
_COORDINATORS = regex.compile(r"\s*,\s*(?:và\s+)?|\s+[-–]\s+|\s+và\s+")
_VA = "và"
_NONE = object()  # no payload at a trie node


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
        keys = view.keys
        root = self._root
        if root.keys().isdisjoint(keys):
            return  # no phrase can start in this unit
        opens, gaps, n = view.opens, view.gaps, len(keys)
        i = 0
        for at in [k for k, key in enumerate(keys) if key in root]:  # where some phrase can start
            if at < i:
                continue  # inside the match before
            node = root[keys[at]]
            if (_END not in node and _SEP not in node) and (
                at + 1 == n or gaps[at] != " " or keys[at + 1] not in node
            ):
                continue  # most candidates: no one-syllable phrase, and the next syllable goes on with none
            i = at
            last, value = self._longest(view, at)
            if last and (opens is None or opens[at]):
                start, _ = unit.syllables.span(at)
                yield Match(at, last, start, unit.syllables.span(last - 1)[1], value)
                i = last
            else:
                i += 1

    def _longest(self, view: PhraseView, i: int) -> tuple[int, Any]:
        """(end index, value) of the longest phrase starting at syllable i that ends on a word end, or (0,
        None): the trie walked along the keys, across the gaps a phrase may span."""
        keys, gaps, closes = view.keys, view.gaps, view.closes
        n = len(keys)
        node = self._root[keys[i]]
        best: tuple[int, Any] = (0, None)
        j = i
        while True:
            value = node.get(_END, _NONE)
            if value is not _NONE and (closes is None or closes[j]):
                best = (j + 1, value)
            if j + 1 >= n:
                return best
            gap = gaps[j]
            if gap == " ":
                step = node.get(keys[j + 1])
                if step is None:
                    sep = node.get(_SEP)
                    if sep is None or keys[j + 1] != _VA or j + 2 >= n or gaps[j + 1] != " ":
                        return best
                    step, j = sep.get(keys[j + 2]), j + 1  # "… ý chí và hành động"
                    if step is None:
                        return best
            elif gap == "," or gap == "-":
                sep = node.get(_SEP)
                if sep is None:
                    return best
                step = None
                if keys[j + 1] == _VA and j + 2 < n and gaps[j + 1] == " ":
                    step = sep.get(keys[j + 2])  # ", và …"
                    if step is not None:
                        j += 1
                if step is None:
                    step = sep.get(keys[j + 1])
                    if step is None:
                        return best
            else:
                return best
            j += 1
            node = step
