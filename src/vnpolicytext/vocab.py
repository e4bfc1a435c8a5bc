"""The shared vocabulary of the text model: folding keys, the syllable pattern and word lists.

Every module that compares words goes through these helpers, so "Hoà", "hòa" and "HÒA" are the same key
everywhere, and a syllable means the same thing to the segmenter, the analyzers and the definitions.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from functools import lru_cache

import regex

from . import disk_cache
from .normalize import canonical_tones

# A syllable (tiếng): a run of letters, marks and digits, possibly joined by inner punctuation that belongs
# to one written token (1.000.000, 3,5, 24/11/2025, NĐ-CP, e-mail).
SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,/:\-–'’@_&][\p{L}\p{M}\p{N}]+)*")
# Blocks where `quick_class` lists the characters of a `regex` class one by one (Latin to Greek, Latin Extended
# Additional with the Vietnamese letters, punctuation and symbols): on text with no other character, a `re`
# pattern built from the listed characters matches exactly what the `regex` one does, about twice as fast.
QUICK_BLOCKS = ((0x0000, 0x0370), (0x1E00, 0x1F00), (0x2000, 0x2200))
OUTSIDE_QUICK_BLOCKS = re.compile("[^" + "".join(f"\\u{lo:04x}-\\u{hi - 1:04x}" for lo, hi in QUICK_BLOCKS) + "]")


QUICK_FORMAT = 1
"""Version of what the cache keeps of `quick_class` (also keyed by the class, the `regex` version and this
module's code)."""


@lru_cache(maxsize=8)
def quick_class(char_class: str) -> str:
    """The characters of `QUICK_BLOCKS` that the `regex` class `char_class` matches, as the inside of a `re`
    character class: runs of code points as ranges (`re` compiles a thousand single characters ten times
    slower, into the same code). Built from `regex` itself (the same Unicode data), once per class and
    `regex` version: kept in the cache folder (`disk_cache`)."""
    name = f"quick-class-c{zlib.crc32(char_class.encode('utf-8')):08x}"  # one file per class
    sig = disk_cache.signature(char_class, regex.__version__, sys.modules[__name__])
    return disk_cache.cached(name, QUICK_FORMAT, sig, lambda: _quick_class(char_class))


def _quick_class(char_class: str) -> str:
    pattern = regex.compile(char_class)
    runs: list[list[int]] = []
    for lo, hi in QUICK_BLOCKS:
        for c in range(lo, hi):
            if pattern.fullmatch(chr(c)):
                if runs and runs[-1][1] == c - 1:
                    runs[-1][1] = c
                else:
                    runs.append([c, c])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)


@lru_cache(maxsize=1)
def _quick_syllable() -> re.Pattern[str]:
    letters = quick_class(r"[\p{L}\p{M}\p{N}]")
    return re.compile(f"[{letters}]+(?:[.,/:\\-–'’@_&][{letters}]+)*")


def syllable_pattern(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """`SYLLABLE`, or its quicker `re` copy when `text` has no character outside `QUICK_BLOCKS`."""
    return SYLLABLE if OUTSIDE_QUICK_BLOCKS.search(text) else _quick_syllable()


# A word of letters and digits only (no inner punctuation): what initials and keys are read from.
WORD = regex.compile(r"[\p{L}\p{N}]+")

_LETTERS_DIGITS = regex.compile(r"[\p{L}\p{N}]+")
_LETTERS = regex.compile(r"\p{L}+")
_NOT_UPPER = regex.compile(r"[^\p{Lu}]+")
_ABBR_DROP = regex.compile(r"[.\s\-–&]")

# Function words skipped when initials spell an abbreviation ("Bộ Văn hóa, Thể thao và Du lịch" = BVHTTDL)
# and never heads of a term. Vietnamese, plus the English ones of international names.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {"và", "của", "các", "về", "cho", "trong", "với", "tại", "thuộc", "đối", "những", "là", "theo", "hoặc"}
    | {"the", "of", "and", "for", "on", "in", "to"}
)


def fold(text: str) -> str:
    """A matching key: NFC, lower case, classic tone placement, single spaces."""
    return " ".join(canonical_tones(unicodedata.normalize("NFC", text)).lower().split())


def fold_letter(ch: str) -> str:
    """One letter without marks, lower case, đ as d ("Ố" -> "o")."""
    base = unicodedata.normalize("NFD", ch)[0]
    return "d" if base in "đĐ" else base.lower()


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """A word without tone and vowel marks, lower case, đ as d ("Thủ_tướng" -> "thu_tuong")."""
    return "".join(fold_letter(c) if c.isalpha() else c for c in word)


def abbr_key(abbr: str) -> str:
    """Matching key of an abbreviation: NFC, upper case, without dots, spaces, hyphens and '&' ("Tp." -> "TP",
    "GD-ĐT" and "GD & ĐT" -> "GDĐT")."""
    return _ABBR_DROP.sub("", unicodedata.normalize("NFC", abbr)).upper()


# The two counts add up the runs of letters (and digits) once the spaces are removed: the same count, with
# about a tenth as many runs to find as in prose.


def letter_count(text: str) -> int:
    """Number of letters in `text`."""
    return sum(map(len, _LETTERS.findall(text.replace(" ", ""))))


def letters_digits(text: str) -> int:
    """Number of letters and digits in `text` (the 'characters' of readability formulas)."""
    return sum(map(len, _LETTERS_DIGITS.findall(text.replace(" ", ""))))


def capital_count(text: str) -> int:
    """Number of capital letters in `text`."""
    return len(_NOT_UPPER.sub("", text))


def upper_share(text: str) -> float:
    """Share of the letters of `text` that are capitals (0 when it has no letter)."""
    letters = letter_count(text)
    return capital_count(text) / letters if letters else 0.0


FOLDED_FUNCTION_WORDS: frozenset[str] = frozenset(bare(w) for w in FUNCTION_WORDS)

# The shape of a Vietnamese syllable once tone and vowel marks are removed: onset, nucleus, coda.
SYLLABLE_SHAPE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng


def is_syllable_shape(word: str) -> bool:
    """Could `word` (letters only, any case and marks) be one Vietnamese syllable by its shape?"""
    return SYLLABLE_SHAPE.fullmatch(bare(word).lower()) is not None


def tone_marks(word: str) -> int:
    """Number of tone marks in `word` (a Vietnamese syllable has at most one)."""
    return sum(1 for c in unicodedata.normalize("NFD", word) if c in _TONE_MARKS)


def strip_tones(s: str) -> str:
    """Lower case, NFC, tone marks removed ("Người" -> "ngươi"); vowel marks (ư, ơ, â …) kept."""
    decomposed = unicodedata.normalize("NFD", s.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
