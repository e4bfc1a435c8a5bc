"""Phrase lexicons matched on syllable sequences: a trie, longest match first, one pass per unit.

Keys are folded (lower case, NFC, classic tone placement), so "Hoà giải", "hòa giải" and "HÒA GIẢI" are
the same phrase. A match never crosses punctuation and starts and ends on word boundaries (the view is built
on the document's words, so it never exists before them): "do" never matches inside "lý do" and "chế tài"
never straddles two words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar, cast

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


class Match(NamedTuple, Generic[T]):
    """A lexicon phrase found in a unit: syllable index range and working-copy offsets (a named tuple: four
    times quicker to make than a frozen dataclass, and as immutable)."""

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

    def export(self, number: Callable[[T], int]) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
        """The matcher as values `marshal` can store (for `disk_cache`): a copy of the trie whose values are
        numbers (`number(value)`), the list of the copy's nodes that hold one, and the phrase count. Marshal
        keeps a node shared by the trie and the list one object, so `restore` needs no walk of the trie."""
        ends: list[dict[str, Any]] = []
        shared: dict[str, str] = {}  # one object per distinct key: marshal stores the others as references

        def copy(node: dict[str, Any]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, child in node.items():
                if key == _END:
                    out[key] = number(child)
                    ends.append(out)
                else:
                    out[shared.setdefault(key, key)] = copy(child)
            return out

        return copy(self._root), ends, self.size

    @classmethod
    def restore(
        cls, exported: tuple[dict[str, Any], list[dict[str, Any]], int], values: Sequence[T]
    ) -> PhraseMatcher[T]:
        """The matcher `export` gave, once read back by marshal, with value number k `values[k]` (it takes
        over the exported trie)."""
        trie, ends, size = exported
        for node in ends:
            node[_END] = values[node[_END]]
        matcher: PhraseMatcher[T] = cls(())
        matcher._root, matcher.size = trie, size
        return matcher

    def copy(self) -> PhraseMatcher[T]:
        """A matcher with the same phrases and values, that changes on its own."""

        def copy(node: dict[str, Any]) -> dict[str, Any]:
            return {key: child if key == _END else copy(child) for key, child in node.items()}

        matcher: PhraseMatcher[T] = PhraseMatcher(())
        matcher._root, matcher.size = copy(self._root), self.size
        return matcher

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


# A node of the merged trie of a PhraseSet: (children by key, the tries holding this node as a bit mask, the
# (bit, trie index, value) of the tries with a phrase ending here, or None).
_Node = tuple[dict[str, Any], int, "tuple[tuple[int, int, Any], ...] | None"]
_NO_MATCHES: tuple[Match[Any], ...] = ()
_NO_OFFSETS: Sequence[int] = ()


def _merge(parts: list[tuple[int, dict[str, Any]]]) -> _Node:
    """The merged node of the tries' nodes at one path (each part: trie index, its node there)."""
    mask = 0
    ends: list[tuple[int, int, Any]] = []
    below: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for k, node in parts:
        mask |= 1 << k
        for key, child in node.items():
            if key == _END:
                ends.append((1 << k, k, child))
            else:
                below.setdefault(key, []).append((k, child))
    return {key: _merge(sub) for key, sub in below.items()}, mask, tuple(ends) or None


class _Firsts(dict[str, _Node]):
    """The merged nodes of the first syllables, each merged when first read (merging every trie at once
    costs tens of milliseconds; a text reads a few hundred of the first syllables)."""

    __slots__ = ("_roots",)

    def __init__(self, roots: list[dict[str, Any]]) -> None:
        super().__init__()
        self._roots = roots

    def __missing__(self, key: str) -> _Node:
        node = self[key] = _merge([(k, root[key]) for k, root in enumerate(self._roots) if key in root])
        return node


class PhraseSet:
    """Several matchers matched in one pass over a document, each getting exactly the matches of its own
    `find`.

    The matchers' tries are merged node by node (a merged node knows which tries hold it), and one walk from
    each candidate start follows every trie at once: where the tries part ways (a syllable that goes on in
    one trie; a coordinating "và" that another skips), the walk forks, each branch carrying the tries that
    go that way, so each trie's longest phrase at each start is the one its own walk finds. Each trie then
    takes its matches greedily left to right, as `find` does, and a start inside a trie's last match is not
    walked for that trie. The matchers must not change after the set is made."""

    def __init__(self, matchers: Sequence[PhraseMatcher[Any]]) -> None:
        self.matchers = tuple(matchers)
        roots = [m._root for m in self.matchers]
        self._keys = frozenset(key for root in roots for key in root)
        # first syllables from which a phrase of one syllable or a coordination goes: always walked
        self._always = frozenset(
            key for root in roots for key, node in root.items() if _END in node or _SEP in node
        )
        self._firsts = _Firsts(roots)

    def matches(self, doc: Document) -> list[list[Sequence[Match[Any]]]]:
        """Per matcher, per unit, the matches `matcher.find(doc, unit)` gives; one pass per document (kept
        with the document, so every analyzer that reads this set reads the one pass)."""
        held = doc.phrase_matches.get(self)
        if held is None:
            held = doc.phrase_matches[self] = self._matches(doc)
        return cast(list[list[Sequence[Match[Any]]]], held)

    def _matches(self, doc: Document) -> list[list[Sequence[Match[Any]]]]:
        keys, gaps, opens, closes, firsts = doc.phrase_views.whole()
        lexicon, always, nodes = self._keys, self._always, self._firsts
        count = len(self.matchers)
        found: list[list[tuple[int, int, Any]]] = [[] for _ in range(count)]
        free = [0] * count  # per trie, where its next match may start
        busy = 0  # the tries whose last match covers the current start
        release = 0  # the nearest end of a busy trie's last match
        # where a match may start: on a word start, at a key some phrase starts with, from which a phrase of
        # one syllable or a coordination goes, or the next syllable goes on (what `find` walks), and then
        # a phrase of two syllables ends, a coordination goes on, or the third syllable goes on (a walk that
        # stops before finds nothing: about two walks in three)
        starts = [
            k
            for k in doc.phrase_views.positions(lexicon)
            if opens[k]
            and (
                (key := keys[k]) in always
                or (
                    gaps[k] == " "
                    and (second := nodes[key][0].get(keys[k + 1])) is not None
                    and (
                        second[2] is not None
                        or _SEP in (after := second[0])
                        or (gaps[k + 1] == " " and keys[k + 2] in after)
                    )
                )
            )
        ]
        for at in starts:
            node = nodes[keys[at]]
            mask = node[1]
            if busy:
                if at >= release:
                    busy, release = 0, len(keys)
                    for k in range(count):
                        if free[k] > at:
                            busy |= 1 << k
                            release = min(release, free[k])
                mask &= ~busy
                if not mask:
                    continue  # inside the last match of every trie that has this first syllable
            longest = _walk(keys, gaps, closes, at, node, mask)
            if longest:
                for k, (last, value) in longest.items():
                    found[k].append((at, last, value))
                    free[k] = last
                    if not busy or last < release:
                        release = last
                    busy |= 1 << k
        units = doc.units
        out: list[list[Sequence[Match[Any]]]] = []
        for per_trie in found:
            per_unit: list[Sequence[Match[Any]]] = [_NO_MATCHES] * len(units)
            u, first, base = -1, 0, 0
            here: list[Match[Any]] = []
            begins = finishes = _NO_OFFSETS
            for at, last, value in per_trie:
                if at >= firsts[u + 1]:  # the first match of a unit
                    u = bisect_right(firsts, at) - 1
                    here, first, syllables = [], firsts[u], units[u].syllables
                    base, begins, finishes = syllables._base, syllables._starts, syllables._ends
                    per_unit[u] = here
                a, b = at - first, last - first
                here.append(Match(a, b, base + begins[a], base + finishes[b - 1], value))
            out.append(per_unit)
        return out


def _walk(keys: list[str], gaps: str, closes: bytes, at: int, node: _Node, mask: int) -> dict[int, Any] | None:
    """Per matcher of `mask` (tries holding `node`, the node of syllable `at`), the (end index, value) of its
    longest phrase starting at `at` and ending on a word end: `PhraseMatcher._longest` of every trie at once
    (None when no phrase ends)."""
    longest: dict[int, Any] | None = None
    forks: list[tuple[_Node, int, int]] = []
    j = at
    while True:
        children, _, ends = node
        if ends is not None and closes[j]:
            for bit, k, value in ends:
                if mask & bit:
                    if longest is None:
                        longest = {}
                    longest[k] = (j + 1, value)
        gap = gaps[j]  # "x" after a unit's last syllable
        if gap == " ":
            step = children.get(keys[j + 1])
            rest = mask
            if step is not None:
                rest &= ~step[1]
            if rest and keys[j + 1] == _VA and gaps[j + 1] == " ":
                sep = children.get(_SEP)  # "… ý chí và hành động", for the tries that cannot go on directly
                if sep is not None:
                    fork = sep[0].get(keys[j + 2])
                    if fork is not None and rest & fork[1]:
                        forks.append((fork, rest & fork[1], j + 2))
            if step is not None and mask & step[1]:
                node, mask, j = step, mask & step[1], j + 1
                continue
        elif gap == "," or gap == "-":
            sep = children.get(_SEP)
            if sep is not None and mask & sep[1]:
                rest = mask & sep[1]
                parts = sep[0]
                if keys[j + 1] == _VA and gaps[j + 1] == " ":
                    fork = parts.get(keys[j + 2])  # ", và …"
                    if fork is not None and rest & fork[1]:
                        forks.append((fork, rest & fork[1], j + 2))
                        rest &= ~fork[1]
                if rest:
                    step = parts.get(keys[j + 1])
                    if step is not None and rest & step[1]:
                        node, mask, j = step, rest & step[1], j + 1
                        continue
        if not forks:
            return longest
        node, mask, j = forks.pop()
