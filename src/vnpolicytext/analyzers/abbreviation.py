"""Analyzer 'abbreviation': abbreviations a reader meets before (or without) being told what they stand for.

Khoản 4 Điều 69 Nghị định 34/2016/NĐ-CP: an abbreviation is written out in full at its first use, with the
abbreviation in brackets ("Ủy ban nhân dân (UBND)"), or explained in an article on abbreviations. This
analyzer finds the abbreviations of the text, the places that explain them, and reports the first use of
each one that is explained late or never.

What counts as an abbreviation, what does not (headings in capitals, Roman numerals, initials, document
numbers such as "15/2020/NĐ-CP") and where the bundled lists come from: docs/abbreviations.md.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import regex
from pydantic import ConfigDict, Field

from ..clarity import undefined_per_1000_words
from ..definitions import looks_like_abbreviation
from ..document import Document
from ..lexicon import rows, shipped_text, word_list
from ..loanwords import non_vietnamese_syllable
from ..models import Fix, Model, Start
from ..registry import Analyzer, Rule
from ..structure import document_code, in_spans, merge_spans, url_spans
from ..vocab import abbr_key, capital_count, is_syllable_shape, letter_count
from .base import Context

_SOURCE = "Khoản 4 Điều 69 Nghị định 34/2016/NĐ-CP."
RULES = (
    Rule(
        "abbreviation.undefined",
        "warning",
        "An abbreviation that the text never explains (Decree 34/2016/NĐ-CP, Art. 69(4)); reported at its "
        "first use.",
        "Chữ viết tắt «{abbr}» (dùng {uses} lần) không được giải thích; {basis}viết đầy đủ ở lần dùng đầu "
        "tiên.",
        "UBND xã tiếp nhận hồ sơ. → Ủy ban nhân dân (UBND) xã tiếp nhận hồ sơ.",
        why="Người đọc không biết chữ viết tắt là gì thì không biết phải đến cơ quan nào, làm giấy tờ gì.",
        source=_SOURCE,
    ),
    Rule(
        "abbreviation.used_before_definition",
        "warning",
        "An abbreviation used before the place that explains it; reported at its first use.",
        "Chữ viết tắt «{abbr}» được dùng trước khi được giải thích (phần giải thích ở phía sau; vị trí trong "
        "data.definition_start).",
        "Nộp hồ sơ tại UBND xã. … Ủy ban nhân dân (UBND) xã trả kết quả. → giải thích ở lần dùng đầu tiên.",
        why="Lời giải thích ở phía sau không giúp người đọc ở lần gặp đầu tiên.",
        source=_SOURCE,
    ),
)


class AbbreviationOptions(Model):
    """Options of analyzer 'abbreviation'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    known: list[str] = Field(
        default_factory=list, description="Abbreviations readers know; never reported as undefined."
    )


Status = Literal["defined", "undefined", "used_before_definition", "known"]


class AbbreviationItem(Model):
    """One distinct abbreviation of the text."""

    abbr: str = Field(description="The abbreviation as first written in the text, e.g. 'UBND'.")
    count: int = Field(
        description="Occurrences in the text, definitions included; document numbers excluded."
    )
    first_start: Start = Field(description="Offset of the first occurrence in the caller's text.")
    defined: bool = Field(description="True when the text explains it (in place, later or in an article).")
    status: Status = Field(
        description="'defined', 'undefined', 'used_before_definition' or 'known' (international or the "
        "user's known_abbreviations: never reported)."
    )
    expansion: str | None = Field(
        description="Full form: the text's own explanation if any, else the bundled list's expansions "
        "joined by ' | ', else None."
    )
    widely_known: bool = Field(
        default=False,
        description="A Vietnamese abbreviation most adults know (UBND, THPT, CCCD …): still reported when "
        "unexplained, but not counted in the clarity score's 'undefined' measure.",
    )


class AbbreviationSummary(Model):
    """Abbreviations used, explained and left unexplained (Decree 34/2016/NĐ-CP, Art. 69(4))."""

    used: int = Field(description="Distinct abbreviations in the text (known ones included).")
    defined: int = Field(
        description="Distinct abbreviations explained at or before their first use, or in an "
        "article on abbreviations."
    )
    undefined: int = Field(description="Distinct abbreviations never explained (reported).")
    used_before_definition: int = Field(
        description="Distinct abbreviations explained only after their first use (reported)."
    )
    known: int = Field(
        description="Distinct abbreviations readers are taken to know (international list or "
        "Config.known_abbreviations); not reported."
    )
    widely_known_unexplained: int = Field(
        default=0,
        description="Of `undefined` and `used_before_definition`, the abbreviations most adults know "
        "(data/widely_known_abbreviations.txt): reported, but left out of the clarity measure.",
    )
    document_references: int = Field(
        description="Document numbers such as '15/2020/NĐ-CP' or '12/QĐ-UBND'; "
        "the codes inside them are never reported."
    )
    document_codes: list[str] = Field(
        default_factory=list,
        description="Distinct codes found inside document numbers, e.g. 'NĐ-CP', 'QĐ-UBND'.",
    )
    items: list[AbbreviationItem] = Field(
        default_factory=list, description="Every abbreviation, in order of first occurrence."
    )


# --------------------------------------------------------------------------------------------------------
# Bundled data


_SPLIT = regex.compile(r"[^/.]+")
_HYPHEN_SPLIT = regex.compile(r"[^-]+")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The bundled abbreviation list (key -> expansions), the international ones and the Vietnamese ones most
    adults know (keys)."""

    expansions: dict[str, tuple[str, ...]]
    international: frozenset[str]
    widely_known: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read data/abbreviations.tsv, international_abbreviations.txt and widely_known_abbreviations.txt (once)."""
    expansions: dict[str, tuple[str, ...]] = {}
    for row in rows(shipped_text("abbreviations.tsv"), "abbreviations.tsv", min_columns=2):
        expansions[abbr_key(row.get(0))] = tuple(e.strip() for e in row.get(1).split(" | ") if e.strip())
    international = frozenset(abbr_key(w) for w in word_list(shipped_text("international_abbreviations.txt")))
    widely_known = frozenset(abbr_key(w) for w in word_list(shipped_text("widely_known_abbreviations.txt")))
    return Lexicon(expansions, international, widely_known)


# --------------------------------------------------------------------------------------------------------
# Detection

# A written token: letters, marks and digits, joined by inner '-', '&', '.', '/' ("NĐ-CP", "GD&ĐT", "TP.HCM").
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}]+(?:(?:[-&./]| & )[\p{L}\p{M}\p{N}]+)*")
# A token that can hold an abbreviation: two capitals ("UBND", "TTg", "NĐ-CP") or a capital, one or two
# lower-case letters and a period ("Tp."). Other tokens fail `_shape` anyway; skipping them is faster.
# The look-ahead is bounded, so a long run such as "a.a.a.…" costs a constant per position.
_CAPS_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])"
    r"(?=[\p{L}\p{M}\p{N}&./-]{0,40}?\p{Lu}[\p{L}\p{M}\p{N}&./-]{0,40}?\p{Lu}|\p{Lu}\p{Ll}{1,2}\.)"
    + _TOKEN.pattern[len(r"(?<![\p{L}\p{M}\p{N}])") :]
)
_TOKEN_BACKWARDS = regex.compile(_TOKEN.pattern, regex.REVERSE)
# Photo credits and sources: "(Ảnh: VGP)", "Nguồn: TTXVN" name an agency, they do not use an abbreviation.
_CREDIT = regex.compile(
    r"(?:(?i:ảnh|nguồn|đồ\s+họa|video|photo)(?:\s+minh\s+họa)?\s*:|(?:Ảnh|Nguồn)(?:\s+minh\s+họa)?)\s*$"
)
# A capitalised word glued to the end of a token: "MBBank", "MTTQViệt" (a missing space), "TVăn".
_GLUED = regex.compile(r"(?P<head>.*?)(?P<tail>\p{Lu}\p{Ll}{2,})")
_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_CONTEXT = regex.compile(
    r"(?i)(?:chương|mục|phần|phụ\s+lục|khóa|khoá|thế\s+kỷ|quý|lần|đại\s+hội|hội\s+nghị|kỳ\s+họp|nhóm|loại"
    r"|hạng|cấp|giai\s+đoạn|tập|số)\s*$"
)
# Signature marks of official documents: "TM. Ủy ban nhân dân", "KT. Bộ trưởng", "TL.", "TUQ.".
_SIGNATURE = frozenset({"TM", "KT", "TL", "TUQ", "Q"})
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{Ll}\p{M}]{3,}(?![\p{L}\p{M}\p{N}.&/-])")
# A token that starts with a capital (the only kind `_ordinary_words` needs).
_CAPITALISED = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}]*(?:(?:[-&./]| & )[\p{L}\p{M}\p{N}]+)*"
)
_CAMEL = regex.compile(r"(?:\p{Lu}\p{Ll}{2,})+")
_WORD_CHARS = regex.compile(r"[\p{L}\p{M}]+")


def _is_caps_word(word: str) -> bool:
    """An upper-case Vietnamese word ("KHÔNG", "LƯU"), not an abbreviation."""
    letters = "".join(_WORD_CHARS.findall(word))
    return len(letters) >= 2 and letters.isupper() and is_syllable_shape(letters)


def _shape(token: str, text: str, end: int, known: bool) -> bool:
    """Does the token look like an abbreviation? `known`: listed in the bundled or user data."""
    letters = [c for c in token if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    if upper >= 2:
        # CamelCase names ("TikTok", "YouTube"): every capital opens a run of 2+ lower-case letters.
        return known or _CAMEL.fullmatch(token) is None
    # "Tp." : one capital, a short lower-case tail and a period, listed in the data.
    return (
        known
        and upper == 1
        and token[0].isupper()
        and 2 <= len(token) <= 3
        and token.isalpha()
        and text[end : end + 1] == "."
    )


@dataclass(slots=True)
class _Occurrence:
    key: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Scan:
    occurrences: list[_Occurrence] = field(default_factory=list)
    references: int = 0
    codes: set[str] = field(default_factory=set)


def _mostly_upper(body: str, upper: int) -> bool:
    """Is `body` (a unit after its label, holding `upper` capitals) a title in capitals?"""
    if upper < 3:
        return False  # 70 % of at least 4 letters are at least 3 capitals (prose has few: decided here)
    letters = letter_count(body)
    return letters >= 4 and upper / letters >= 0.7


def _neighbours(body: str, m: regex.Match[str]) -> list[str]:
    """The tokens just before and just after the match `m` in `body`."""
    before = _TOKEN_BACKWARDS.search(body, 0, m.start())
    after = _TOKEN.search(body, m.end())
    return [t.group() for t in (before, after) if t is not None]


def _parts(token: str, start: int, known: set[str]) -> list[tuple[str, int]]:
    """The token, or its '/'- and '.'-separated parts when the whole is not a listed abbreviation; a
    capitalised word glued to the end is cut off when what remains is listed ("MTTQViệt" -> "MTTQ")."""
    if ("/" not in token and "." not in token) or abbr_key(token) in known:
        parts = [(token, start)]
    elif any(c.isdigit() for c in token):
        return []  # a code such as "HS01-VC/BNV"
    else:
        parts = [(m.group(), start + m.start()) for m in _SPLIT.finditer(token)]
    if len(parts) == 1 and "-" in token and abbr_key(token) not in known:
        pieces = [(m.group(), start + m.start()) for m in _HYPHEN_SPLIT.finditer(token)]
        if all(abbr_key(p) in known for p, _ in pieces):
            parts = pieces  # "THCS-THPT": two abbreviations
    out = []
    for part, at in parts:
        glued = _GLUED.fullmatch(part)
        if glued and abbr_key(part) not in known:
            head = glued.group("head")
            if abbr_key(head) not in known:
                continue  # a name ("MBBank", "TikTok") or a typo ("TVăn phòng")
            part = head
        out.append((part, at))
    return out


@lru_cache(maxsize=4096)
def _plain_case(ch: str) -> bool:
    """Does `ch` change case one character for one, both ways, whatever its context ("ư" ↔ "Ư"), and stay
    itself when lower-cased if it is a lower-case letter or a mark?"""
    up, low = ch.upper(), ch.lower()
    if ch == "\u03a3" or len(up) != 1 or len(low) != 1 or up.lower() != low or low.upper() != up:
        return False  # "ß" → "SS", "İ" → "i̇", "ſ" → "S" → "s", "Σ" (lower-cased by what follows it)
    category = unicodedata.category(ch)
    return low == ch or not (category == "Ll" or category[0] == "M")


class _Ordinary:
    """`key in _ordinary_words(doc)`, answered per key without listing every word of the text.

    When every character of the text changes case one for one (`_plain_case`), a word whose upper case is
    `key` is `key.lower()` in lower case, and upper- or lower-casing keeps offsets: a lower-case word is
    an exact occurrence of `key.lower()` that `_LOWER_WORD` matches there, and a capitalised one lies in a
    unit whose lower-cased text holds `key.lower()` (that unit's capitalised words are read as in
    `_ordinary_words`). Otherwise the whole set is made once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.plain = all(_plain_case(c) for c in set(doc.text))
        self.words: set[str] | None = None
        self.lower: str | None = None
        self.known: dict[str, bool] = {}
        self.capitalised: dict[int, set[str]] = {}  # per unit index, `_capitalised_words`

    def __contains__(self, key: str) -> bool:
        hit = self.known.get(key)
        if hit is None:
            hit = self.known[key] = self._find(key)
        return hit

    def _find(self, key: str) -> bool:
        low = key.lower()
        if not (self.plain and low and all(map(_plain_case, key)) and low.upper() == key):
            if self.words is None:
                self.words = _ordinary_words(self.doc)
            return key in self.words
        doc, text = self.doc, self.doc.text
        if self.lower is None:
            self.lower = text.lower()
        at = self.lower.find(low)
        while at >= 0:
            if text.startswith(low, at):
                m = _LOWER_WORD.match(text, at)
                if m is not None and m.end() == at + len(low):
                    return True
            k = bisect_right(doc.unit_starts, at) - 1
            if k >= 0:
                words = self.capitalised.get(k)
                if words is None:
                    words = self.capitalised[k] = _capitalised_words(doc.units[k].text)
                if key in words:
                    return True
            at = self.lower.find(low, at + 1)
        return False


def _capitalised_words(body: str) -> set[str]:
    """The upper case of a unit's capitalised words that `_ordinary_words` keeps ("Biz", "MBBank")."""
    words: set[str] = set()
    if body == body.lower():
        return words
    for w in _CAPITALISED.findall(body):
        if len(w) >= 3 and w.isalpha():
            upper = sum(map(str.isupper, w))
            if (upper <= 1 and not w[1:].isupper()) or _GLUED.fullmatch(w):
                words.add(w.upper())
    return words


def _ordinary_words(doc: Document) -> set[str]:
    """Keys of the words the text also writes as ordinary words ("Biz") or names ("MBBank"): their upper-case
    form ("BIZ", "MBBANK") is the same word in capitals, not an abbreviation."""
    # Lower-case words ("biz"), found in one pass over the text; capitalised ones below.
    words: set[str] = {w.upper() for w in set(_LOWER_WORD.findall(doc.text))}
    for unit in doc.units:
        words |= _capitalised_words(unit.text)
    return words


# What `_CAPS_TOKEN`'s second alternative needs: a capital, one or two lower-case letters and a period.
_CAPITAL_PERIOD = regex.compile(r"\p{Lu}\p{Ll}{1,2}\.")
# Two capitals in one run of token characters, at most 40 apart: where `_CAPS_TOKEN`'s first look-ahead can
# hold (its second is `_CAPITAL_PERIOD`). A unit with neither has no token to read (most units of prose,
# whose capitals open words).
_TWO_CAPITALS = regex.compile(r"\p{Lu}[\p{L}\p{M}\p{N}&./-]{0,40}?\p{Lu}")
# How far before a Roman-numeral-like token its context word ("Chương", "Phụ lục") is looked for: a bounded
# look-behind keeps the scan linear in the length of a unit.
_CONTEXT_WINDOW = 80
# A Roman numeral followed by one capital letter ("IIB", "IA"): a group label of an annex or list.
_GROUP_LABEL = regex.compile(r"(?:IX|IV|V?I{1,3}|X{1,3}(?:IX|IV|V?I{0,3}))[A-D]")
_NAME_BEFORE = regex.compile(r"([\p{L}\p{N}][\p{L}\p{N}\-,]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}\-]*){0,7})\s*(\(\s*)?$")

# How far back a match of `_NAME_BEFORE` ending at a position can start: its text holds only letters, digits,
# "-", ",", "(" and spaces, in at most nine runs (eight words and a bracket). Matched backwards from the
# position, so the search for the name starts there (the same leftmost match) instead of 120 characters
# back, where every start fails after reading up to eight words.
_NAME_REACH = regex.compile(r"(?:\s*[\p{L}\p{N}\-,(]+){0,9}\s*", regex.REVERSE)


def _after_own_name(body: str, at: int, abbr: str) -> bool:
    """Does the abbreviation at `at` stand right after its own full name, with or without brackets
    ("tiêu chuẩn quốc gia TCVN", "Ủy ban nhân dân (UBND)"), or in brackets right after a foreign name of
    one word, the name of a substance or species it codes ("Brolamphetamine (DOB)")?

    Without brackets the initials of two or more words just before it must spell the abbreviation's first
    letters; in brackets its letters must be the initials of the words before it, in order, or that one
    word must be foreign. Nothing but spaces (and the opening bracket) stands between."""
    lo = max(0, at - 120)
    reach = _NAME_REACH.match(body, lo, at)  # always matches (maybe nothing)
    m = _NAME_BEFORE.search(body, reach.start() if reach is not None else lo, at)
    if m is None:
        return False
    bracket = m.group(2) is not None
    if bracket and not body.startswith(")", at + len(abbr)):
        return False
    words = m.group(1).split()
    letters = [c for c in abbr.lower() if c.isalpha()]
    initials = [w[0].lower() for w in words]
    if len(letters) < 2:
        return False
    if bracket and len(words) >= 1 and _subsequence(letters, initials):
        return True
    if bracket and words and len(words[-1]) >= 6 and non_vietnamese_syllable(words[-1].lower()):
        return True
    # without brackets: a run of words ending right before the abbreviation whose first two initials are
    # the abbreviation's first two letters ("tiêu chuẩn quốc gia TCVN", "Quy chuẩn kỹ thuật QCVN")
    for j in range(max(0, len(words) - 6), len(words) - 1):
        if initials[j : j + 2] == letters[:2] and all(w[:1].isalpha() for w in words[j:]):
            return True
    return False


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    """Are `letters`, in order, initials of the last words of the phrase (function words may be skipped:
    "Ủy ban nhân dân" → UBND, "Hội đồng bảo an" → HĐBA)?"""
    it = iter(initials[-2 * len(letters) :])
    return all(any(c == x for x in it) for c in letters)


def _scan(doc: Document, listed: set[str]) -> _Scan:
    """Abbreviation occurrences (working-copy spans) and document numbers of every unit. `listed`: keys of
    the bundled, international, user and document-defined abbreviations."""
    scan = _Scan()
    # the words also written as ordinary words, made only when an unlisted candidate asks (most texts have none)
    ordinary: _Ordinary | None = None
    numbers: dict[int, list[tuple[int, int]]] = {}
    for number in doc.document_numbers:
        scan.references += 1
        scan.codes.add(document_code(number.text))
        unit_start = doc.units[number.unit].start
        numbers.setdefault(number.unit, []).append((number.start - unit_start, number.end - unit_start))
    for unit in doc.units:
        body = unit.text
        if body == body.lower():
            continue  # no capital letter: no abbreviation and no document number
        label = unit.label_end - unit.start
        prose = body[label:] if label else body
        upper = capital_count(prose)
        if (upper < 2 or not _TWO_CAPITALS.search(prose)) and not _CAPITAL_PERIOD.search(prose):
            continue  # no token after the label can hold two capitals, none is "Tp.": nothing to find
        if _mostly_upper(prose, upper):
            continue  # "CHƯƠNG II", "QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH …": a title, not prose
        masked = merge_spans([*numbers.get(unit.index, ()), *url_spans(body)])
        for m in _CAPS_TOKEN.finditer(body):
            token = m.group()
            if m.start() < label:
                continue
            if in_spans(masked, m.start()):
                continue
            for part, at in _parts(token, m.start(), listed):
                end = at + len(part)
                key = abbr_key(part)
                is_known = key in listed
                if not _shape(part, body, end, is_known):
                    continue
                if not is_known:  # a listed key is never taken for an ordinary word
                    if ordinary is None:
                        ordinary = _Ordinary(doc)
                    if key in ordinary:
                        continue
                if not is_known and any(c.isdigit() for c in part):
                    continue  # a code ("BM01", "HS08a-VC", "QH14"), not an abbreviation
                if not part[0].isalpha() or _CREDIT.search(body, max(0, at - 30), at):
                    continue
                if _ROMAN.fullmatch(part) and (
                    set(part) <= set("IVXL") or _ROMAN_CONTEXT.search(body, max(0, at - _CONTEXT_WINDOW), at)
                ):
                    continue
                if part in _SIGNATURE and body[end : end + 1] == ".":
                    continue
                if _GROUP_LABEL.fullmatch(part) and _ROMAN_CONTEXT.search(body, max(0, at - _CONTEXT_WINDOW), at):
                    continue  # "Nhóm IIB", "Phụ lục IA": a numbered group with a letter, not an abbreviation
                if _after_own_name(body, at, part):
                    continue  # "tiêu chuẩn quốc gia TCVN", "Brolamphetamine (DOB)": named right before
                if _is_caps_word(part):
                    # A word in capitals ("LƯU Ý", "KHÔNG") unless listed and not part of a run of capitals.
                    if not is_known:
                        continue
                    near = _neighbours(body, m)
                    if any(_is_caps_word(w) and abbr_key(w) not in listed for w in near):
                        continue
                if part[0].isupper() and len([c for c in part if c.isupper()]) == 1:
                    end += 1  # "Tp." keeps its period
                    part += "."
                scan.occurrences.append(_Occurrence(key, unit.start + at, unit.start + end, part))
    return scan


# --------------------------------------------------------------------------------------------------------
# Definitions


@dataclass(slots=True)
class _Definition:
    key: str
    term_start: int  # working copy
    term_end: int
    expansion: str
    whole_document: bool  # an article or list of abbreviations


_CLAUSE_END = regex.compile(r"[;.\n]|,\s")


def _first_clause(text: str) -> str:
    return _CLAUSE_END.split(text, maxsplit=1)[0].strip()


def _definitions(doc: Document) -> list[_Definition]:
    """Every place the text explains an abbreviation (the document's definitions layer)."""
    out: list[_Definition] = []
    for d in doc.definitions:
        term = d.term.strip()
        if not looks_like_abbreviation(term):
            last = term.rsplit(None, 1)[-1] if d.kind == "inline" and " " in term else ""
            if last and looks_like_abbreviation(last):  # "(sau đây gọi là hợp đồng BCC)" names BCC too
                start = d.term_start + d.term.rindex(last)
                out.append(_Definition(abbr_key(last), start, start + len(last), d.definition, False))
            continue
        whole = d.kind in ("article", "list")
        expansion = _first_clause(d.definition) if whole else d.definition
        out.append(_Definition(abbr_key(term), d.term_start, d.term_end, expansion, whole))
    return out


# --------------------------------------------------------------------------------------------------------
# The analyzer


def _suggestion(abbr: str, expansions: tuple[str, ...]) -> str:
    if not expansions:
        return (
            f"Viết đầy đủ lần đầu rồi ghi chữ viết tắt trong ngoặc: <tên đầy đủ> ({abbr}); "
            "hoặc giải thích tại điều khoản về từ ngữ viết tắt."
        )
    if len(expansions) == 1:
        return f"Viết đầy đủ lần đầu: {expansions[0]} ({abbr})"
    options = " hoặc ".join(f"{e} ({abbr})" for e in expansions)
    return f"Viết đầy đủ lần đầu, tùy nghĩa: {options}"


# First words of the names of bodies, which keep their capital letter in the middle of a sentence (Phụ lục II
# Nghị định 30/2020/NĐ-CP); other expansions ("An toàn giao thông") are common nouns and lose it there.
_BODY_HEADS = frozenset(
    ["ủy", "hội", "bộ", "sở", "ban", "cục", "tổng", "ngân", "tòa", "viện", "văn", "đảng", "mặt", "công", "trường", "bệnh", "quỹ", "kho", "cổng", "chính", "quốc", "trung", "liên", "thông", "đài"]
)


def _expansion_fix(ctx: Context, occ: _Occurrence, expansion: str) -> Fix | None:
    """A safe fix writing `expansion (ABBR)` at the first use, or None where that would read wrong (the
    abbreviation is already in brackets or followed by one)."""
    text = ctx.doc.text
    if text[occ.start - 1 : occ.start] == "(" or text[occ.end : occ.end + 2].lstrip()[:1] == "(":
        return None
    if text[occ.end : occ.end + 1] == "." or occ.text.endswith("."):
        return None  # "TP. Hà Nội": the period may belong to the abbreviation or end the sentence
    if text[occ.end : occ.end + 1].isalnum() or text[occ.start - 1 : occ.start].isalnum():
        return None  # glued to a word ("MTTQViệt Nam"): the space is missing, not the expansion
    words = expansion.split()
    if not words:
        return None
    line_start = ctx.doc.line_start(occ.start)
    before = text[line_start : occ.start].rstrip()
    sentence_start = not before or before[-1] in ".!?:" or (len(before) <= 4 and before[-1] in ").-")
    first = words[0]
    if not sentence_start and first.lower() not in _BODY_HEADS and first[:1].isupper() and first[1:].islower():
        expansion = first[0].lower() + expansion[1:]
    original = ctx.original(occ.start, occ.end)
    # Inside a name ("Công ty TNHH Tam Hợp", "Chủ tịch UBND TPHCM Võ Văn H."), writing the expansion out
    # changes the name: a suggestion only. A name shows as a capitalised word just before or just after.
    prev = _TOKEN_BACKWARDS.search(text, line_start, occ.start)
    nxt = _TOKEN.search(text, occ.end, min(len(text), occ.end + 40))
    in_name = (
        prev is not None
        and not sentence_start
        and text[prev.end() : occ.start].strip() == ""
        and prev.group()[:1].isupper()
    ) or (nxt is not None and text[occ.end : nxt.start()].strip() == "" and nxt.group()[:1].isupper())
    return ctx.fix(
        occ.start,
        occ.end,
        f"{expansion} ({original})",
        safe=not in_name,
        description=f"Viết đầy đủ ở lần dùng đầu: {expansion} ({original})",
    )


def analyze(ctx: Context) -> AbbreviationSummary:
    """Find abbreviations and their explanations; report the first use of those explained late or never."""
    doc = ctx.doc
    options: AbbreviationOptions = ctx.options
    lex = load_lexicon()
    user = {abbr_key(a) for a in options.known if a.strip()}
    known = lex.international | user
    definitions = _definitions(doc)
    listed = set(lex.expansions) | known | {d.key for d in definitions}
    scan = _scan(doc, listed)
    by_key: dict[str, list[_Definition]] = {}
    for d in definitions:
        by_key.setdefault(d.key, []).append(d)
    term_spans = {(d.term_start, d.term_end) for d in definitions}

    order: list[str] = []
    uses: dict[str, list[_Occurrence]] = {}
    counts: dict[str, int] = {}
    first: dict[str, _Occurrence] = {}
    for occ in scan.occurrences:
        if occ.key not in first:
            first[occ.key] = occ
            order.append(occ.key)
        counts[occ.key] = counts.get(occ.key, 0) + 1
        if (occ.start, occ.end) not in term_spans:
            uses.setdefault(occ.key, []).append(occ)
    # An abbreviation that only appears where it is defined (e.g. in brackets) is still listed.
    for key in sorted({d.key for d in definitions} - set(first), key=lambda k: by_key[k][0].term_start):
        d = by_key[key][0]
        first[key] = _Occurrence(key, d.term_start, d.term_end, doc.text[d.term_start : d.term_end])
        counts[key] = 1
        order.append(key)
    order.sort(key=lambda k: first[k].start)

    items: list[AbbreviationItem] = []
    tally = {"defined": 0, "undefined": 0, "used_before_definition": 0, "known": 0}
    widely_known_unexplained = 0
    for key in order:
        occ = first[key]
        defs = by_key.get(key, [])
        expansions = lex.expansions.get(key, ())
        own = defs[0].expansion if defs else None
        first_use = uses[key][0] if uses.get(key) else None
        status: Status
        if key in known and not defs:
            status = "known"
        elif any(d.whole_document for d in defs) or (
            defs and (first_use is None or first_use.start >= min(d.term_start for d in defs))
        ):
            status = "defined"
        elif defs:
            status = "used_before_definition"
        else:
            status = "undefined"
        tally[status] += 1
        widely_known = key in lex.widely_known
        if status in ("undefined", "used_before_definition") and widely_known:
            widely_known_unexplained += 1
        if status in ("undefined", "used_before_definition") and first_use is not None:
            n = len(uses[key])
            data = {"abbr": first_use.text, "key": key, "uses": n, "expansions": list(expansions)}
            if widely_known:
                data["widely_known"] = True  # reported, not counted in the clarity measure
            if status == "undefined":
                fix = _expansion_fix(ctx, first_use, expansions[0]) if len(expansions) == 1 else None
                ctx.add(
                    "abbreviation.undefined",
                    first_use.start,
                    first_use.end,
                    suggestion=_suggestion(first_use.text, expansions),
                    data=data,
                    fixes=[fix] if fix else None,
                    abbr=first_use.text,
                    uses=n,
                    basis="theo khoản 4 Điều 69 Nghị định 34/2016/NĐ-CP, phải " if ctx.profile == "legal" else "nên ",
                )
            else:
                d0 = min(defs, key=lambda d: d.term_start)
                fix = _expansion_fix(ctx, first_use, d0.expansion) if d0.expansion.strip() else None
                ctx.add(
                    "abbreviation.used_before_definition",
                    first_use.start,
                    first_use.end,
                    suggestion=f"Đưa phần giải thích lên lần dùng đầu tiên: {d0.expansion} ({first_use.text})",
                    data=data,
                    fixes=[fix] if fix else None,
                    offsets={"definition_start": d0.term_start},
                    abbr=first_use.text,
                )
        items.append(
            AbbreviationItem(
                abbr=occ.text,
                count=counts[key],
                first_start=doc.offset_in_original(occ.start),
                defined=status == "defined" or status == "used_before_definition",
                status=status,
                expansion=own or (" | ".join(expansions) if expansions else None),
                widely_known=widely_known,
            )
        )
    return AbbreviationSummary(
        used=len(order),
        defined=tally["defined"],
        undefined=tally["undefined"],
        used_before_definition=tally["used_before_definition"],
        known=tally["known"],
        widely_known_unexplained=widely_known_unexplained,
        document_references=scan.references,
        document_codes=sorted(scan.codes),
        items=items,
    )


def measures(summary: AbbreviationSummary, words: int) -> dict[str, float]:
    """Clarity measure: abbreviations nobody explains, per 1,000 words; those most adults know (UBND, THPT …)
    are reported but not counted (docs/method.md, "Abbreviations readers know")."""
    unexplained = summary.undefined + summary.used_before_definition - summary.widely_known_unexplained
    return undefined_per_1000_words(unexplained, 0, words)


ANALYZER = Analyzer(
    name="abbreviation",
    title="Chữ viết tắt",
    description="Abbreviations a reader meets before, or without, being told what they stand for.",
    rules=RULES,
    summary=AbbreviationSummary,
    run=analyze,
    options=AbbreviationOptions,
    needs=frozenset({"definitions"}),
    measures=measures,
)
