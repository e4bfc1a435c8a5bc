"""The shared document model: built once per `analyze` call and handed to every analyzer.

Like spaCy's `Doc`, it owns the text once; sentences, syllables and words are spans of the working copy
(`Document.text`), and `Document.finding` maps a span back to the caller's string, so no analyzer ever
handles original offsets or searches for a match's text again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import regex

from .definitions import Definition, definitions_in_working_copy
from .models import Finding, Sentence, Severity, UnitKind
from .normalize import NormalizedText, normalize
from .segment import segment
from .words import segmenter

# A syllable: a run of letters, marks and digits, possibly joined by inner punctuation that belongs to one
# written token (1.000.000, 3,5, 24/11/2025, NĐ-CP, e-mail).
SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,/:\-–'’@_&][\p{L}\p{M}\p{N}]+)*")
_LETTER_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_NOT_LETTER_DIGIT = regex.compile(r"[^\p{L}\p{N}]+")
_NOT_LETTER = regex.compile(r"[^\p{L}]+")
_NOT_UPPER = regex.compile(r"[^\p{Lu}]+")


def letter_count(text: str) -> int:
    """Number of letters in `text`."""
    return len(_NOT_LETTER.sub("", text))


def upper_share(text: str) -> float:
    """Share of the letters of `text` that are capitals (0 when it has no letter)."""
    letters = letter_count(text)
    return len(_NOT_UPPER.sub("", text)) / letters if letters else 0.0


class Token(NamedTuple):
    """A syllable or a word: a span of the working copy (a tuple: cheap to make by the hundred thousand)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Unit:
    """A sentence, heading or list item of the working copy, with its syllables and words."""

    index: int
    start: int
    end: int
    kind: UnitKind
    paragraph: int
    label_end: int
    text: str
    syllables: list[Token]
    words: list[Token] = field(default_factory=list)
    """Every token of underthesea's word segmentation, punctuation included, each placed on the text."""
    word_count: int = 0
    """Words that contain a letter or digit (what the report counts as words)."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Per-unit values that several analyzers derive the same way (see `phrases.PhraseMatcher`)."""


class Document:
    """The caller's text, its working copy, and the units every analyzer reads."""

    def __init__(self, original: str, *, tokenize_words: bool = True) -> None:
        self._words_done = False
        self.source: NormalizedText = normalize(original)
        self.original = original
        self.text = self.source.text
        self.units: list[Unit] = []
        for i, u in enumerate(segment(self.text)):
            body = self.text[u.start : u.end]
            syllables = [
                Token(m.start(), m.end(), m.group()) for m in SYLLABLE.finditer(self.text, u.start, u.end)
            ]
            self.units.append(Unit(i, u.start, u.end, u.kind, u.paragraph, u.label_end, body, syllables))
        if tokenize_words:
            self.segment_words()
        self._line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", original)]

    def segment_words(self) -> None:
        """Segment every unit into words (underthesea, one unit at a time); done once."""
        if not self._words_done:
            _segment_words(self.units)
            self._words_done = True

    @property
    def word_count(self) -> int:
        """Words of the whole text (0 until `segment_words` has run)."""
        return sum(u.word_count for u in self.units)

    @property
    def paragraph_count(self) -> int:
        return len({u.paragraph for u in self.units})

    @cached_property
    def letters_digits(self) -> int:
        return sum(len(_NOT_LETTER_DIGIT.sub("", u.text)) for u in self.units)

    @cached_property
    def definitions(self) -> list[Definition]:
        """Every definition the text gives itself, in working-copy offsets (shared by the analyzers)."""
        return definitions_in_working_copy(self.text)

    def syllables(self) -> Iterator[Token]:
        for u in self.units:
            yield from u.syllables

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The caller's span for a working-copy span."""
        return self.source.span(start, end)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original offset."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def finding(
        self,
        analyzer: str,
        rule: str,
        severity: Severity,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding on the working-copy span [start, end), placed exactly in the caller's text."""
        s, e = self.source.span(start, end)
        line, column = self.line_column(s)
        return Finding(
            analyzer=analyzer,
            rule=rule,
            severity=severity,
            start=s,
            end=e,
            text=self.original[s:e],
            line=line,
            column=column,
            message=message,
            suggestion=suggestion,
            data=data or {},
        )

    def sentence_models(self) -> list[Sentence]:
        """The report's sentence list, in the caller's offsets."""
        out = []
        for u in self.units:
            s, e = self.source.span(u.start, u.end)
            out.append(
                Sentence(
                    index=u.index,
                    start=s,
                    end=e,
                    text=self.original[s:e],
                    kind=u.kind,
                    paragraph=u.paragraph,
                    syllables=len(u.syllables),
                    words=u.word_count,
                )
            )
        return out


_CHUNK = 1000  # characters: longer units are segmented piece by piece


def _segment_words(units: list[Unit]) -> None:
    """underthesea word segmentation, one unit at a time (its tokenizer and tagger grow faster than
    linearly on long inputs, so a unit longer than `_CHUNK` is cut at spaces first)."""
    spans_of = segmenter()
    for u in units:
        if not u.syllables:
            continue
        body, base = u.text, u.start
        words = []
        for lo, hi in _chunks(body):
            words += [
                Token(base + lo + s, base + lo + e, body[lo + s : lo + e]) for s, e in spans_of(body[lo:hi])
            ]
        u.words = words
        u.word_count = sum(1 for w in u.words if w.text[0].isalnum() or _LETTER_DIGIT.search(w.text))


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
