"""A normalised working copy of the caller's text, with an exact map back to the original offsets.

The caller's string is never altered. Analyzers read `NormalizedText.text` (NFC, `\\n` line ends, plain
spaces, no zero-width characters, one tone-mark placement) and report spans in it; `OffsetMap` turns
those spans back into indices of the original string, so `original[start:end]` is always the span.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

# Characters removed from the working copy (zero-width, soft hyphen, byte-order mark).
_REMOVED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Characters that become a plain space.
_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
# Look-alikes of đ/Đ left by old converters (Icelandic eth); underthesea maps them the same way.
_ETH = {"ð": "đ", "Ð": "Đ"}
# Characters that become a line break.
_BREAKS = "\u2028\u2029\u0085"



@cache
def _dirty() -> regex.Pattern[str]:
    """Everything the working copy rewrites: CRLF/CR, removed and space characters, and a base letter
    followed by combining marks (NFD input). Anything else is copied as it is. Compiled on first use: most
    texts have no character of `_MAYBE_DIRTY`, so they never need it."""
    return regex.compile(r"\r\n?|[" + _REMOVED + _SPACES + _BREAKS + "ðÐ" + r"]|\P{M}\p{M}+|\p{M}+")


# The blocks without combining marks (Basic Latin to Spacing Modifier Letters, Latin Extended Additional,
# General Punctuation): their characters are copied as they are, except the rewritten ones listed above.
_COPIED_BLOCKS = ((0x0000, 0x02FF), (0x1E00, 0x1EFF), (0x2000, 0x206F))


def _copied_class() -> str:
    """The characters of `_COPIED_BLOCKS` that are never rewritten, as the ranges of a `re` class."""
    rewritten = set(map(ord, "\r" + _REMOVED + _SPACES + _BREAKS + "ðÐ"))
    ranges: list[list[int]] = []
    for lo, hi in _COPIED_BLOCKS:
        for code in range(lo, hi + 1):
            if code in rewritten:
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges)


# Every match of `_dirty()` holds a character of this class: the rewritten ones and everything outside
# `_COPIED_BLOCKS`. Listed characters only, so `re` scans for it quickly; the text before the first one is
# copied. Written as the complement of what is copied: `re` compiles that in under a millisecond, the same
# class listed up to U+10FFFF in 5-8 ms (a table of every BMP code point).
_MAYBE_DIRTY = re.compile(f"[^{_copied_class()}]")

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng

# "New style" tone placement on the last vowel of oa/oe/uy at the end of a syllable (hoà, khoẻ, thuỷ);
# the working copy uses the classic placement (hòa, khỏe, thủy). "qu" + y keeps the mark on y (quý).
# The pattern looks for the rare toned pair first; `_move_tone` then checks the rest of the syllable.
_NEW_STYLE = regex.compile(r"(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])")
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _move_tone(match: regex.Match[str]) -> str:
    pair = match.group()
    text, pos = match.string, match.start()
    head = pos
    while head > 0 and (text[head - 1].isalpha() or unicodedata.combining(text[head - 1])):
        head -= 1
    onset = text[head:pos]
    if len(onset) > 3 or any(c in _VOWELS for c in onset) or any(unicodedata.combining(c) for c in onset):
        return pair  # not the oa/oe/uy nucleus of a syllable (e.g. "khuỷu" is excluded by the lookahead)
    decomposed = unicodedata.normalize("NFD", pair[1])
    tone = "".join(c for c in decomposed if c in _TONES)
    bare = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", pair[0] + tone) + unicodedata.normalize("NFC", bare)


def canonical_tones(text: str) -> str:
    """Put tone marks in the classic place (hoà -> hòa, thuỷ -> thủy); same length as the input (NFC)."""
    return _NEW_STYLE.sub(_move_tone, text)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from working-copy offsets to original offsets.

    `pieces` holds `(norm_start, orig_start, norm_len, orig_len)` for every rewritten cluster, sorted;
    between them the two texts are identical. A span that touches a rewritten cluster widens to the
    whole cluster in the original, so no original character is ever cut in half.
    """

    pieces: tuple[tuple[int, int, int, int], ...]
    norm_starts: tuple[int, ...]
    orig_length: int

    def start(self, pos: int) -> int:
        """Original index of the first character of the working-copy character at `pos`."""
        i = bisect_right(self.norm_starts, pos) - 1
        if i < 0:
            return pos
        n0, o0, nl, ol = self.pieces[i]
        if pos < n0 + nl:
            return o0
        return o0 + ol + (pos - n0 - nl)

    def end(self, pos: int) -> int:
        """Original index just after the working-copy character at `pos - 1`."""
        if pos <= 0:
            return 0
        i = bisect_right(self.norm_starts, pos - 1) - 1
        if i < 0:
            return pos
        n0, o0, nl, ol = self.pieces[i]
        if pos - 1 < n0 + nl:
            return o0 + ol
        return o0 + ol + (pos - n0 - nl)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open working-copy span to the original string."""
        if end <= start:
            s = self.start(start) if start < self._norm_length() else self.orig_length
            return s, s
        return self.start(start), self.end(end)

    def _norm_length(self) -> int:
        if not self.pieces:
            return self.orig_length
        n0, o0, nl, ol = self.pieces[-1]
        return n0 + nl + (self.orig_length - o0 - ol)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The caller's text, its working copy, and the map between them."""

    original: str
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span for a working-copy span."""
        return self.offsets.span(start, end)


def _rewrite(cluster: str) -> str:
    if cluster in ("\r\n", "\r") or cluster in _BREAKS:
        return "\n"
    if cluster in _REMOVED:
        return ""
    if cluster in _SPACES:
        return " "
    if cluster in _ETH:
        return _ETH[cluster]
    return unicodedata.normalize("NFC", cluster)


def normalize(original: str) -> NormalizedText:
    """Build the working copy of `original` in one linear pass."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    norm_pos = orig_pos = 0
    first = _MAYBE_DIRTY.search(original)  # a match of `_dirty()` starts one character before it at the soonest
    for m in _dirty().finditer(original, max(first.start() - 1, 0)) if first else ():
        s, e = m.span()
        out = _rewrite(m.group())
        if out == m.group():
            continue
        if s > orig_pos:
            parts.append(original[orig_pos:s])
            norm_pos += s - orig_pos
        pieces.append((norm_pos, s, len(out), e - s))
        parts.append(out)
        norm_pos += len(out)
        orig_pos = e
    if orig_pos == 0:
        text = original
    else:
        parts.append(original[orig_pos:])
        text = "".join(parts)
    if not unicodedata.is_normalized("NFC", text):
        return _normalize_slow(original)
    toned = canonical_tones(text)
    if len(toned) != len(text):  # defensive: tone moves never change the length
        toned = text
    return NormalizedText(
        original=original,
        text=toned,
        offsets=OffsetMap(tuple(pieces), tuple(p[0] for p in pieces), len(original)),
    )


def _normalize_slow(original: str) -> NormalizedText:
    """Grapheme by grapheme, for the rare text with NFC changes outside combining sequences."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    norm_pos = 0
    for m in regex.finditer(r"\r\n|\X", original):
        s, e = m.span()
        out = _rewrite(m.group())
        if out != m.group():
            pieces.append((norm_pos, s, len(out), e - s))
        parts.append(out)
        norm_pos += len(out)
    text = canonical_tones("".join(parts))
    return NormalizedText(
        original, text, OffsetMap(tuple(pieces), tuple(p[0] for p in pieces), len(original))
    )
