"""The document model: the caller's text, its working copy, and typed read-only layers of spans over it.

Like spaCy's `Doc`, a `Document` owns the text once and every layer is a tuple of spans of the working copy
(`Document.text`); `Document.span_in_original` maps a span back to the caller's string. Layers are computed
once, on first use, and never change afterwards:

- `units`: sentences, headings and list items (`segment.py`), each with its syllables;
- `words`: underthesea's word segmentation of every unit (`words.py`), the expensive layer;
- `labels`: the structural label that opens a unit (Chương II, Điều 5, khoản 1, điểm a) with its number;
- `document_numbers`: "15/2020/NĐ-CP", "12/QĐ-UBND" …; `cross_references`: "khoản 2 Điều 5", numbers
  with a year;
- `names`: names of bodies, titles of documents and quoted names, where no lexical rule fires;
- `definitions`: every term the text defines (`definitions.py`), in working-copy offsets.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import cached_property
from operator import lt
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from .definitions import Definition, definitions_in_working_copy
from .lines import LineIndex
from .models import Sentence, UnitKind
from .normalize import NormalizedText, normalize
from .segment import segment
from .structure import (
    DOCUMENT_NUMBER,
    STRUCTURE_REFERENCE,
    LabelKind,
    Line,
    has_year,
    label_kind,
    names_in,
    text_lines,
)
from .vocab import capital_count, letter_count, letters_digits, syllable_pattern
from .words import bounds_segmenter

if TYPE_CHECKING:
    import numpy as np

_PLAIN_SYLLABLES = 2_000  # up to this many syllables, and while numpy is not loaded, no numpy (cold start)


def _plain(syllables: int) -> bool:
    """Whether a layer of this many syllables is built in plain Python: a short text in a process that has
    not loaded numpy (a cold `vnpolicytext analyze` of a short file does not pay numpy's import)."""
    return syllables <= _PLAIN_SYLLABLES and "numpy" not in sys.modules


class Token(NamedTuple):
    """A syllable or a word: a span of the working copy (a tuple: cheap to make by the hundred thousand)."""

    start: int
    end: int
    text: str


class Tokens(Sequence[Token]):
    """The syllables or words of one unit, kept as two arrays of offsets into the unit's text (8 bytes a
    token instead of a tuple, two ints and a str); a `Token` is made when one is read. Read-only."""

    __slots__ = ("_base", "_ends", "_starts", "_text")

    def __init__(self, text: str, base: int, spans: Iterable[tuple[int, int]]) -> None:
        """`spans`: (start, end) offsets relative to `text`, which starts at `base` in the working copy."""
        self._text, self._base = text, base
        pairs = spans if isinstance(spans, list) else list(spans)
        self._starts = array("i", [s for s, _ in pairs])
        self._ends = array("i", [e for _, e in pairs])

    @classmethod
    def from_bounds(cls, text: str, base: int, starts: Iterable[int], ends: Iterable[int]) -> Tokens:
        """The tokens with these starts and ends (relative to `text`, which starts at `base`)."""
        self = cls.__new__(cls)
        self._text, self._base = text, base
        self._starts, self._ends = array("i", starts), array("i", ends)
        return self

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...
    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(index, slice):
            return tuple(self[k] for k in range(*index.indices(len(self))))
        start, end = self._starts[index], self._ends[index]
        return Token(self._base + start, self._base + end, self._text[start:end])

    def __iter__(self) -> Iterator[Token]:
        text, base = self._text, self._base
        for start, end in zip(self._starts, self._ends, strict=True):
            yield Token(base + start, base + end, text[start:end])

    def span(self, index: int) -> tuple[int, int]:
        """The working-copy (start, end) of one token (no `Token` made)."""
        return self._base + self._starts[index], self._base + self._ends[index]

    def texts(self) -> list[str]:
        """The text of every token (no `Token` made: the cheap way to read them all)."""
        text = self._text
        return [text[s:e] for s, e in zip(self._starts, self._ends, strict=True)]

    def starts(self) -> list[int]:
        """The working-copy start of every token."""
        base = self._base
        return [base + s for s in self._starts]

    def ends(self) -> list[int]:
        """The working-copy end of every token."""
        base = self._base
        return [base + e for e in self._ends]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tokens({tuple(self)!r})"


class Span(NamedTuple):
    """A span of the working copy inside one unit."""

    unit: int
    start: int
    end: int
    text: str


class Label(NamedTuple):
    """The structural label that opens a unit: its kind, its number and its span."""

    unit: int
    kind: LabelKind
    number: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, heading or list item of the working copy, with its syllables."""

    index: int
    start: int
    end: int
    kind: UnitKind
    paragraph: int
    label_end: int
    text: str
    syllables: Tokens


@dataclass(frozen=True, slots=True)
class PhraseView:
    """What phrase lexicons match on in one unit: folded syllable keys, what joins each syllable to the next
    (" " spaces only, "," a comma and spaces, "-" a spaced dash, "x" anything else), and the word boundaries
    (None where the segmenter is not trusted)."""

    keys: tuple[str, ...]  # one shared str per distinct key in the document
    gaps: str  # one character per gap: " " spaces only, "," a comma, "-" a spaced dash, "x" anything else
    opens: bytes | None  # per syllable: 1 when a word starts where it starts
    closes: bytes | None  # per syllable: 1 when a word ends where it ends


class PhraseViews(Sequence[PhraseView]):
    """Every unit's `PhraseView`, kept compact for the whole document (4 bytes a syllable for its key, one
    character for its gap, one byte each for the word bounds); a view is built when read and kept while the
    views kept hold at most `_KEEP` syllables (memory: a view costs about 40 bytes a syllable), so the
    analyzers that read every view in turn share one build of each on a document of ordinary size. Past the
    budget the views kept stay (each analyzer's pass over the units finds them again: dropping them all made
    every later pass over a long document rebuild every view) and the views of a later unit are kept only a
    few at a time (an analyzer reads one unit's view several times in a row)."""

    __slots__ = (
        "_closes",
        "_firsts",
        "_gaps",
        "_ids",
        "_kept",
        "_names",
        "_opens",
        "_recent",
        "_spill",
        "_trusted",
        "_whole",
    )

    _KEEP = 1 << 16  # syllables in the views kept for the document (about 2.6 MB)
    _SPILL = 32  # views of the units past the budget kept at a time

    def __init__(self, units: Sequence[Unit], words: Sequence[Tokens]) -> None:
        index: dict[str, int] = {}  # a few thousand distinct syllables: each key string is kept once
        key_id = index.setdefault
        written: dict[str, int] = {}  # a syllable as written -> the id of its key
        known = written.get
        self._ids = array("i")
        self._firsts = array("i", [0])
        self._trusted = bytearray()
        gaps: list[str] = []
        cases = _CASES.get
        for u, unit_words in zip(units, words, strict=True):
            syl, text = u.syllables, u.text
            starts, ends = syl._starts, syl._ends
            texts = [text[a:b] for a, b in zip(starts, ends, strict=True)]
            ids = list(map(known, texts))
            if None in ids:
                for k, syllable in enumerate(texts):
                    if ids[k] is None:
                        i = known(syllable)
                        if i is None:
                            i = written[syllable] = key_id(syllable.lower(), len(index))
                        ids[k] = i
            self._ids.fromlist(ids)  # type: ignore[arg-type]  # no None left
            if starts:  # one character per syllable: its gap to the next, "x" after the last
                gaps.append(_gaps(text, syl) + "x")
            self._firsts.append(len(self._ids))
            # the segmenter is unreliable on text in capitals: `upper_share(text) <= 0.6`, from the counts of
            # the syllables (every letter of a unit is in one of its syllables)
            trusted = bool(unit_words)
            if trusted:
                counted = list(map(cases, texts))
                if None in counted:
                    counted = list(map(_case_counts, texts))
                total = sum(counted)  # type: ignore[arg-type]  # no None left
                capitals, letters = total >> _SHIFT, total & _LETTERS_MASK
                trusted = capitals / letters <= 0.6 if letters else True
            self._trusted.append(trusted)
        self._names = list(index)
        self._gaps = "".join(gaps)
        self._opens, self._closes = _word_marks(units, words, self._trusted)
        self._recent: dict[int, PhraseView] = {}
        self._kept = 0  # syllables in the views of `_recent`
        self._spill: dict[int, PhraseView] = {}  # the last few views built past the budget
        self._whole: tuple[list[str], str, bytes, bytes, array[int]] | None = None

    def __len__(self) -> int:
        return len(self._trusted)

    def whole(self) -> tuple[list[str], str, bytes, bytes, array[int]]:
        """Every unit's view at once, for one pass over the whole document (made once, then kept): the keys,
        the gaps ("x" after each unit's last syllable), the word opens and closes (1 throughout a unit whose
        words are not trusted, where its view has None) and each unit's first syllable index (then the
        total). Read-only, like the views."""
        if self._whole is None:
            self._whole = self._make_whole()
        return self._whole

    def _make_whole(self) -> tuple[list[str], str, bytes, bytes, array[int]]:
        keys = list(map(self._names.__getitem__, self._ids))
        if all(self._trusted):
            return keys, self._gaps, self._opens, self._closes, self._firsts
        opens, closes = bytearray(self._opens), bytearray(self._closes)
        for u, trusted in enumerate(self._trusted):
            if not trusted:
                a, b = self._firsts[u], self._firsts[u + 1]
                opens[a:b] = closes[a:b] = b"\x01" * (b - a)
        return keys, self._gaps, bytes(opens), bytes(closes), self._firsts

    def positions(self, firsts: Set[str]) -> list[int]:
        """The indices (as in `whole`) of the syllables whose key is in `firsts`, in order: each distinct key
        of the document is tested once, and the syllables are looked up by their key ids in numpy."""
        names = self._names
        if _plain(len(self._ids)):
            wanted_ids = list(map(firsts.__contains__, names))
            return [k for k, key_id in enumerate(self._ids) if wanted_ids[key_id]]
        import numpy as np

        wanted = np.fromiter(map(firsts.__contains__, names), dtype=np.bool_, count=len(names))
        if not wanted.any():
            return []
        ids = np.frombuffer(self._ids, dtype=self._ids.typecode)
        found: list[int] = np.flatnonzero(wanted[ids]).tolist()
        return found

    @overload
    def __getitem__(self, index: int) -> PhraseView: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[PhraseView, ...]: ...
    def __getitem__(self, index: int | slice) -> PhraseView | tuple[PhraseView, ...]:
        if isinstance(index, slice):
            return tuple(self[k] for k in range(*index.indices(len(self))))
        view = self._recent.get(index)
        if view is None:
            view = self._spill.get(index)
        if view is not None:
            return view
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("unit index out of range")
        a, b = self._firsts[index], self._firsts[index + 1]
        keys = tuple(map(self._names.__getitem__, self._ids[a:b]))
        opens = closes = None
        if self._trusted[index]:
            opens, closes = self._opens[a:b], self._closes[a:b]
        view = PhraseView(keys, self._gaps[a : b - 1] if b > a else "", opens, closes)
        if self._kept + b - a + 1 <= self._KEEP:
            self._kept += b - a + 1
            self._recent[index] = view
        else:
            if len(self._spill) >= self._SPILL:
                self._spill.clear()
            self._spill[index] = view
        return view


class Document:
    """The caller's text, its working copy, and the layers every analyzer reads."""

    def __init__(self, original: str, *, converted_from: str | None = None) -> None:
        self.converted_from = converted_from
        """The legacy encoding the caller converted the text from, if any ("tcvn3", "vni", "cp1258")."""
        self.source: NormalizedText = normalize(original)
        self.original = original
        self.text = self.source.text
        units = []
        # the lines of the working copy, split once for the units and the definitions (released once read)
        self._lines: list[Line] | None = text_lines(self.text)
        syllable = syllable_pattern(self.text)
        for i, u in enumerate(segment(self.text, self._lines)):
            body = self.text[u.start : u.end]
            found: list[Any] = list(syllable.finditer(body))  # `re` or `regex` matches
            match = type(found[0]) if found else re.Match
            syllables = Tokens.from_bounds(body, u.start, map(match.start, found), map(match.end, found))
            units.append(Unit(i, u.start, u.end, u.kind, u.paragraph, u.label_end, body, syllables))
        self.units: tuple[Unit, ...] = tuple(units)

    # ------------------------------------------------------------------ counts

    @cached_property
    def unit_starts(self) -> list[int]:
        """Start offsets of the units, for finding the unit of a position by bisection."""
        return [u.start for u in self.units]

    @cached_property
    def _newlines(self) -> array[int]:
        return array("i", (m.start() for m in _NEWLINE.finditer(self.text)))

    def line_start(self, pos: int) -> int:
        """Start of the working-copy line holding `pos` (just after the last "\\n" before it), by bisection:
        `text.rfind("\\n", 0, pos)` reads the whole line, quadratic when called along a long one."""
        newlines = self._newlines
        k = bisect_left(newlines, pos)
        return newlines[k - 1] + 1 if k else 0

    @cached_property
    def lines(self) -> LineIndex:
        """Line index of the caller's text."""
        return LineIndex(self.original)

    @property
    def paragraph_count(self) -> int:
        return len({u.paragraph for u in self.units})

    @cached_property
    def syllable_count(self) -> int:
        return sum(len(u.syllables) for u in self.units)

    @cached_property
    def letters_digits(self) -> int:
        return sum(letters_digits(u.text) for u in self.units)

    # ------------------------------------------------------------------ words

    @cached_property
    def words(self) -> tuple[Tokens, ...]:
        """Every unit's words (underthesea, punctuation included), segmented once for the whole document."""
        return tuple(_segment_unit(u) for u in self.units)

    @cached_property
    def word_counts(self) -> tuple[int, ...]:
        """Per unit, the words that contain a letter or digit (what the report counts as words)."""
        return tuple(map(_counted_words, self.words))

    @property
    def word_count(self) -> int:
        """Words of the whole text."""
        return sum(self.word_counts)

    @cached_property
    def phrase_views(self) -> PhraseViews:
        """Per unit, the view phrase lexicons match on (built on the words: never before them)."""
        return PhraseViews(self.units, self.words)

    # ------------------------------------------------------------------ structure

    @cached_property
    def phrase_matches(self) -> dict[object, object]:
        """The matches of each phrase set read so far (`phrases.PhraseSet.matches` fills it): one pass over
        the document serves every analyzer that reads the set."""
        return {}

    @cached_property
    def labels(self) -> tuple[Label, ...]:
        """The structural or list label that opens each unit that has one."""
        out = []
        for u in self.units:
            if u.label_end > u.start:
                kind, number = label_kind(self.text[u.start : u.label_end])
                out.append(Label(u.index, kind, number, u.start, u.label_end))
        return tuple(out)

    @cached_property
    def document_numbers(self) -> tuple[Span, ...]:
        """Document numbers ("15/2020/NĐ-CP"), in every unit (labels included)."""
        return tuple(
            Span(u.index, u.start + m.start(), u.start + m.end(), m.group())
            for u in self.units
            if u.text != u.text.lower()
            for m in DOCUMENT_NUMBER.finditer(u.text)
        )

    @cached_property
    def cross_references(self) -> tuple[Span, ...]:
        """References the reader must look up elsewhere: parts of documents ("khoản 2 Điều 5", "điểm a") and
        document numbers with a year, outside the unit's own label."""
        out = [
            Span(u.index, u.start + m.start(), u.start + m.end(), m.group())
            for u in self.units
            for m in STRUCTURE_REFERENCE.finditer(u.text)
            if u.start + m.start() >= u.label_end
        ]
        label_end = {u.index: u.label_end for u in self.units}
        out += [s for s in self.document_numbers if has_year(s.text) and s.start >= label_end[s.unit]]
        return tuple(sorted(out, key=lambda s: (s.start, s.end)))

    @cached_property
    def names(self) -> tuple[Span, ...]:
        """Names of bodies, titles of documents (with their number) and quoted names: no lexical rule fires
        inside them ("Cục Lãnh sự", "Luật Căn cước công dân số 59/2014/QH13", “Nông thôn mới”)."""
        return tuple(
            Span(u.index, s, e, self.text[s:e])
            for u in self.units
            if u.text != u.text.lower()
            for s, e in names_in(self.text, u.start, u.end)
        )

    @cached_property
    def _name_bounds(self) -> tuple[list[int], list[int]]:
        return [n.start for n in self.names], [n.end for n in self.names]

    def in_name(self, start: int, end: int) -> bool:
        """Does the working-copy span [start, end) overlap a name?"""
        starts, ends = self._name_bounds
        i = bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:
            return True
        return i + 1 < len(starts) and starts[i + 1] < end

    @cached_property
    def definitions(self) -> tuple[Definition, ...]:
        """Every definition the text gives itself, in working-copy offsets."""
        lines, self._lines = self._lines, None
        return tuple(definitions_in_working_copy(self.text, lines))

    # ------------------------------------------------------------------ offsets

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """The caller's span for a working-copy span."""
        return self.source.span(start, end)

    def offset_in_original(self, pos: int) -> int:
        """The caller's offset for a working-copy position."""
        return self.source.span(pos, pos)[0]

    def sentence_models(self) -> list[Sentence]:
        """The report's sentence list, in the caller's offsets."""
        out = []
        counts = self.__dict__.get("word_counts")  # words are counted only where they were segmented
        # Built without validation (every value is ours and typed) and with one shared set of the fields
        # given: a validated model keeps its own set, about 40% of its memory (issue 18).
        fields = set(Sentence.model_fields)  # complete: assigning a field later adds nothing to it
        for u in self.units:
            s, e = self.source.span(u.start, u.end)
            out.append(
                Sentence.trusted(
                    fields,
                    {
                        "index": u.index,
                        "start": s,
                        "end": e,
                        "text": self.original[s:e],
                        "kind": u.kind,
                        "paragraph": u.paragraph,
                        "syllables": len(u.syllables),
                        "words": counts[u.index] if counts is not None else 0,
                    },
                )
            )
        return out


def _counted_words(words: Tokens) -> int:
    """How many of the words hold a letter or digit: most start with one, which is tested on the first
    character alone; only the others are read whole."""
    text, starts, ends = words._text, words._starts, words._ends
    if not all(map(lt, starts, ends)):  # an empty word (only from the fallback aligner) has no first character
        return sum(1 for w in words.texts() if any(map(str.isalnum, w)))
    firsts = list(map(str.isalnum, map(text.__getitem__, starts)))
    count = sum(firsts)
    if count < len(firsts):
        count += sum(
            1 for k, first in enumerate(firsts) if not first and any(map(str.isalnum, text[starts[k] : ends[k]]))
        )
    return count


def _word_marks(units: Sequence[Unit], words: Sequence[Tokens], trusted: bytearray) -> tuple[bytes, bytes]:
    """Per syllable of the document, 1 when a word of its unit starts where it starts (then: ends where it
    ends), 0 throughout a unit whose words are not trusted. Syllables and words of a unit share its text, so
    their offsets compare; each offset is keyed by its unit (unit index << 32 | offset), and the keys of the
    syllables are looked up among the words' with one `searchsorted` for the whole document (a short text,
    while numpy is not loaded, unit by unit in plain Python: the same marks)."""
    if _plain(sum(len(u.syllables) for u in units)):
        return _word_marks_plain(units, words, trusted)
    import numpy as np

    count = len(units)
    unit_of = np.arange(count, dtype=np.int64) << 32
    syllables = [u.syllables for u in units]
    sizes = np.fromiter(map(len, syllables), dtype=np.int64, count=count)
    shown = [w if t else _NO_WORDS for w, t in zip(words, trusted, strict=True)]
    word_sizes = np.fromiter(map(len, shown), dtype=np.int64, count=count)
    marks = []
    for syllable_side, word_side in (("_starts", "_starts"), ("_ends", "_ends")):
        at = _keyed([getattr(t, syllable_side) for t in syllables], sizes, unit_of)
        bounds = _keyed([getattr(w, word_side) for w in shown], word_sizes, unit_of)
        if not len(bounds):
            marks.append(bytes(len(at)))
            continue
        if len(bounds) > 1 and not bool(np.all(bounds[1:] >= bounds[:-1])):
            bounds = np.sort(bounds)  # membership only: any order of the words' bounds gives the same marks
        found = np.searchsorted(bounds, at)
        np.minimum(found, len(bounds) - 1, out=found)
        marks.append((bounds[found] == at).tobytes())  # one byte per bool: 0 or 1
    return marks[0], marks[1]


def _word_marks_plain(units: Sequence[Unit], words: Sequence[Tokens], trusted: bytearray) -> tuple[bytes, bytes]:
    """`_word_marks` one unit at a time with sets of the words' offsets."""
    opens, closes = bytearray(), bytearray()
    for u, unit_words, ok in zip(units, words, trusted, strict=True):
        starts, ends = u.syllables._starts, u.syllables._ends
        if ok:
            opens += bytes(map(set(unit_words._starts).__contains__, starts))
            closes += bytes(map(set(unit_words._ends).__contains__, ends))
        else:
            opens += bytes(len(starts))
            closes += bytes(len(starts))
    return bytes(opens), bytes(closes)


_NO_WORDS = Tokens("", 0, ())


def _keyed(offsets: list[array[int]], sizes: np.ndarray, unit_of: np.ndarray) -> np.ndarray:
    """The offsets of every unit in one array, each as unit index << 32 | offset."""
    import numpy as np

    if not offsets:
        return np.zeros(0, dtype=np.int64)
    kinds = {a.typecode for a in offsets}  # one kind of array (`Tokens` makes "i"): its numpy type by the same code
    if len(kinds) > 1:
        offsets = [array("q", a) for a in offsets]
    joined = np.frombuffer(b"".join(a.tobytes() for a in offsets), dtype=offsets[0].typecode).astype(np.int64)
    return np.repeat(unit_of, sizes) | joined


_SHIFT = 40  # a syllable's capitals and letters as one int, capitals << _SHIFT | letters: a unit's sum adds both
_LETTERS_MASK = (1 << _SHIFT) - 1
_CASES: dict[str, int] = {}  # a syllable as written -> its counts (kept across documents, at most _CASES_KEPT)
_CASES_KEPT = 20_000


def _case_counts(syllable: str) -> int:
    """`capital_count(syllable) << _SHIFT | letter_count(syllable)`, kept in `_CASES`."""
    counts = _CASES.get(syllable)
    if counts is None:
        if len(_CASES) >= _CASES_KEPT:
            _CASES.clear()
        counts = _CASES[syllable] = capital_count(syllable) << _SHIFT | letter_count(syllable)
    return counts


class _GapKinds(dict[str, str]):
    """What lies between two syllables -> its `_gap` character, made when first read (a few dozen kinds)."""

    def __missing__(self, between: str) -> str:
        if len(self) >= 4096:
            self.clear()
        kind = self[between] = _gap(between)
        return kind


_GAP_KINDS = _GapKinds()


def _gaps(body: str, syllables: Tokens) -> str:
    """`_gap` of every two neighbouring syllables of a unit, one character each."""
    starts, ends = syllables._starts, syllables._ends
    return "".join(map(_GAP_KINDS.__getitem__, [body[e:s] for e, s in zip(ends, starts[1:], strict=False)]))


def _gap(between: str) -> str:
    """What joins two syllables, for phrase matching: " ", ",", "-" or "x" (see `PhraseView`)."""
    if between.isspace():
        return " "
    core = between.strip()
    if core == "," and between.endswith((" ", "\t")):
        return ","
    if core in ("-", "–") and between != core:
        return "-"
    return "x"


_NEWLINE = re.compile("\n")

_CHUNK = 1000  # characters: longer units are segmented piece by piece


def _segment_unit(u: Unit) -> Tokens:
    """underthesea word segmentation of one unit (its tokenizer and tagger grow faster than linearly on long
    inputs, so a unit longer than `_CHUNK` is cut at spaces first)."""
    if not u.syllables:
        return Tokens(u.text, u.start, ())
    bounds_of = bounds_segmenter()
    body = u.text
    if len(body) <= _CHUNK:
        starts, ends = bounds_of(body)
        return Tokens.from_bounds(body, u.start, starts, ends)
    starts, ends = [], []
    for lo, hi in _chunks(body):
        s, e = bounds_of(body[lo:hi])
        starts += [lo + x for x in s]
        ends += [lo + x for x in e]
    return Tokens.from_bounds(body, u.start, starts, ends)


def _chunks(body: str) -> list[tuple[int, int]]:
    """Pieces of at most about `_CHUNK` characters, cut at a space (else after punctuation, else anywhere)."""
    if len(body) <= _CHUNK:
        return [(0, len(body))]
    out = []
    lo = 0
    while len(body) - lo > _CHUNK:
        hi = body.rfind(" ", lo + _CHUNK // 2, lo + _CHUNK)
        if hi < 0:
            hi = next(
                (i + 1 for i in range(lo + _CHUNK - 1, lo + _CHUNK // 2, -1) if not body[i].isalnum()),
                lo + _CHUNK,
            )
        out.append((lo, hi))
        lo = hi
    out.append((lo, len(body)))
    return out
