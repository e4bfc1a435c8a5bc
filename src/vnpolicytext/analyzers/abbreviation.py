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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

import regex
from pydantic import Field

from ..config import Config
from ..definitions import abbreviation_chunks, chunk_matches, fold_letter
from ..document import Document, Unit, letter_count, upper_share
from ..models import Model
from .base import Findings, Rule

NAME = "abbreviation"
RULES = (
    Rule(
        "abbreviation.undefined",
        "warning",
        "An abbreviation that the text never explains (Decree 34/2016/NĐ-CP, Art. 69(4)); reported at its "
        "first use.",
        "UBND xã tiếp nhận hồ sơ. → Ủy ban nhân dân (UBND) xã tiếp nhận hồ sơ.",
    ),
    Rule(
        "abbreviation.used_before_definition",
        "warning",
        "An abbreviation used before the place that explains it; reported at its first use.",
        "Nộp hồ sơ tại UBND xã. … Ủy ban nhân dân (UBND) xã trả kết quả. → giải thích ở lần dùng đầu tiên.",
    ),
)

Status = Literal["defined", "undefined", "used_before_definition", "known"]


class AbbreviationItem(Model):
    """One distinct abbreviation of the text."""

    abbr: str = Field(description="The abbreviation as first written in the text, e.g. 'UBND'.")
    count: int = Field(
        description="Occurrences in the text, definitions included; document numbers excluded."
    )
    first_start: int = Field(description="Offset of the first occurrence in the caller's text.")
    defined: bool = Field(description="True when the text explains it (in place, later or in an article).")
    status: Status = Field(
        description="'defined', 'undefined', 'used_before_definition' or 'known' (international or the "
        "user's known_abbreviations: never reported)."
    )
    expansion: str | None = Field(
        description="Full form: the text's own explanation if any, else the bundled list's expansions "
        "joined by ' | ', else None."
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


_KEY_DROP = regex.compile(r"[.\s\-–&]")
_SPLIT = regex.compile(r"[^/.]+")
_HYPHEN_SPLIT = regex.compile(r"[^-]+")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The bundled abbreviation list (key -> expansions) and the international ones (keys)."""

    expansions: dict[str, tuple[str, ...]]
    international: frozenset[str]


def abbr_key(abbr: str) -> str:
    """Matching key of an abbreviation: NFC, upper case, without dots, spaces, hyphens and '&' ("Tp." -> "TP",
    "GD-ĐT" and "GD & ĐT" -> "GDĐT")."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFC", abbr)).upper()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read data/abbreviations.tsv and data/international_abbreviations.txt (once)."""
    data = resources.files("vnpolicytext") / "data"
    expansions: dict[str, tuple[str, ...]] = {}
    for line in (data / "abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr, expansion, *_ = line.split("\t")
        expansions[abbr_key(abbr)] = tuple(e.strip() for e in expansion.split(" | ") if e.strip())
    international = set()
    for line in (data / "international_abbreviations.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            international.add(abbr_key(word))
    return Lexicon(expansions, frozenset(international))


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
# Document numbers: "15/2020/NĐ-CP", "12/QĐ-UBND", "68/2020/QH14", "01/2016/TTLT-BLĐTBXH-BTC", "123/UBND-VX",
# and the party's "01-CT/TW", "03-HD/BTGTW".
_DOC_REF = regex.compile(
    r"(?<![\p{L}\p{N}/])\d{1,6}[\p{L}]{0,2}(?:-\p{Lu}[\p{L}\p{N}&]*)?(?:/\d{2,4})?"
    r"(?:/\p{Lu}[\p{L}\p{N}&.]*(?:-[\p{L}\p{N}&.]+)*)+"
)
_REF_NUMBER = regex.compile(r"^\d{1,6}[\p{L}]{0,2}-?|/\d{2,4}(?=/)")
# Photo credits and sources: "(Ảnh: VGP)", "Nguồn: TTXVN" name an agency, they do not use an abbreviation.
_CREDIT = regex.compile(
    r"(?:(?i:ảnh|nguồn|đồ\s+họa|video|photo)(?:\s+minh\s+họa)?\s*:|(?:Ảnh|Nguồn)(?:\s+minh\s+họa)?)\s*$"
)
# A capitalised word glued to the end of a token: "MBBank", "MTTQViệt" (a missing space), "TVăn".
_GLUED = regex.compile(r"(?P<head>.*?)(?P<tail>\p{Lu}\p{Ll}{2,})")
# What marks a URL or an e-mail address; the whole whitespace-delimited chunk around it is masked.
# (Found from the mark outwards, so the scan stays linear however the text is shaped.)
_URL_MARK = regex.compile(r"(?i)://|www\.|@|\.(?:vn|com|org|net|gov)\b")
_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_CONTEXT = regex.compile(
    r"(?i)(?:chương|mục|phần|phụ\s+lục|khóa|khoá|thế\s+kỷ|quý|lần|đại\s+hội|hội\s+nghị|kỳ\s+họp|nhóm|loại"
    r"|hạng|cấp|giai\s+đoạn|tập|số)\s*$"
)
# Signature marks of official documents: "TM. Ủy ban nhân dân", "KT. Bộ trưởng", "TL.", "TUQ.".
_SIGNATURE = frozenset({"TM", "KT", "TL", "TUQ", "Q"})
# The shape of a Vietnamese syllable (tone and vowel marks removed): a word in capitals, not an abbreviation.
_SYLLABLE_SHAPE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{Ll}\p{M}]{3,}(?![\p{L}\p{M}\p{N}.&/-])")
# A token that starts with a capital (the only kind `_ordinary_words` needs).
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}]*(?:(?:[-&./]| & )[\p{L}\p{M}\p{N}]+)*")
_CAMEL = regex.compile(r"(?:\p{Lu}\p{Ll}{2,})+")
_WORD_CHARS = regex.compile(r"[\p{L}\p{M}]+")


def _strip_marks(word: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D").lower()


def _is_caps_word(word: str) -> bool:
    """An upper-case Vietnamese word ("KHÔNG", "LƯU"), not an abbreviation."""
    letters = "".join(_WORD_CHARS.findall(word))
    return (
        len(letters) >= 2
        and letters.isupper()
        and _SYLLABLE_SHAPE.fullmatch(_strip_marks(letters)) is not None
    )


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


def _mostly_upper(unit: Unit) -> bool:
    body = unit.text[unit.label_end - unit.start :]
    return letter_count(body) >= 4 and upper_share(body) >= 0.7


def _url_spans(body: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-delimited chunks that hold a URL or e-mail mark, each found once."""
    spans: list[tuple[int, int]] = []
    for m in _URL_MARK.finditer(body):
        if spans and m.start() < spans[-1][1]:
            continue
        start, end = m.start(), m.end()
        while start > 0 and not body[start - 1].isspace():
            start -= 1
        while end < len(body) and not body[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


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


def _ordinary_words(doc: Document) -> set[str]:
    """Keys of the words the text also writes as ordinary words ("Biz") or names ("MBBank"): their upper-case
    form ("BIZ", "MBBANK") is the same word in capitals, not an abbreviation."""
    # Lower-case words ("biz"), found in one pass over the text; capitalised ones below.
    words: set[str] = {w.upper() for w in set(_LOWER_WORD.findall(doc.text))}
    for unit in doc.units:
        if unit.text == unit.text.lower():
            continue
        for m in _CAPITALISED.finditer(unit.text):
            w = m.group()
            upper = sum(1 for c in w if c.isupper())
            if len(w) >= 3 and w.isalpha() and ((upper <= 1 and not w[1:].isupper()) or _GLUED.fullmatch(w)):
                words.add(w.upper())
    return words


def _scan(doc: Document, listed: set[str]) -> _Scan:
    """Abbreviation occurrences (working-copy spans) and document numbers of every unit. `listed`: keys of
    the bundled, international, user and document-defined abbreviations."""
    scan = _Scan()
    ordinary = _ordinary_words(doc) - listed
    for unit in doc.units:
        body = unit.text
        if body == body.lower():
            continue  # no capital letter: no abbreviation and no document number
        masked: list[tuple[int, int]] = []
        for m in _DOC_REF.finditer(body):
            scan.references += 1
            scan.codes.add(_REF_NUMBER.sub("", m.group()).lstrip("/"))
            masked.append(m.span())
        masked.extend(_url_spans(body))
        if _mostly_upper(unit):
            continue  # "CHƯƠNG II", "QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH …": a title, not prose
        label = unit.label_end - unit.start
        for m in _CAPS_TOKEN.finditer(body):
            token = m.group()
            if m.start() < label:
                continue
            if masked and any(s <= m.start() < e for s, e in masked):
                continue
            for part, at in _parts(token, m.start(), listed):
                end = at + len(part)
                key = abbr_key(part)
                is_known = key in listed
                if not _shape(part, body, end, is_known) or key in ordinary:
                    continue
                if not is_known and any(c.isdigit() for c in part):
                    continue  # a code ("BM01", "HS08a-VC", "QH14"), not an abbreviation
                if not part[0].isalpha() or _CREDIT.search(body, max(0, at - 30), at):
                    continue
                if _ROMAN.fullmatch(part) and (
                    set(part) <= set("IVXL") or _ROMAN_CONTEXT.search(body, 0, at)
                ):
                    continue
                if part in _SIGNATURE and body[end : end + 1] == ".":
                    continue
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
    whole_document: bool  # an article or section on abbreviations


_NB = r"(?<![\p{L}\p{N}])"
# "UBND (Ủy ban nhân dân)": the full form in brackets after the abbreviation.
_REVERSE = regex.compile(
    _NB + r"(?P<abbr>[\p{Lu}][\p{L}\p{N}]*(?:[-&][\p{L}\p{N}]+)*)\s*\(\s*(?P<full>[^()\n]{3,150}?)\s*\)"
)
# A line that opens a list of abbreviations: "Điều 2. Từ ngữ viết tắt", "Giải thích từ viết tắt",
# "Trong Quyết định này, các chữ viết tắt dưới đây được hiểu như sau:", "Danh mục chữ viết tắt".
_SECTION_TITLE = regex.compile(r"(?i)(?:từ\s+ngữ|chữ|từ|cụm\s+từ|ký\s+hiệu)\s+viết\s+tắt")
_SECTION_END = regex.compile(
    r"[ \t]*(?:(?i:điều)[ \t]+\d+[\p{Ll}]?[ \t]*[.:]|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)[ \t]+"
    r"(?:[IVXLCDM]+|\d+)(?![\p{L}\p{N}]))"
)
_SECTION_LINE = regex.compile(
    r"[ \t]*(?:(?:\d{1,3}[.)]|[a-zđ][.)]|[-–—+•*])[ \t]+)?[\"“”']?(?P<abbr>[\p{L}\p{N}]+(?:[-&./][\p{L}\p{N}]+)*)"
    r"[\"“”']?[ \t]*(?::|–|—|-|=|\t|\s(?:là|được\s+hiểu\s+là|có\s+nghĩa\s+là)\s)[ \t]*(?P<full>[^\n]+?)[ \t.;,]*$"
)
# "Thu nhập quốc gia (GNI)": a foreign (Latin-letter) abbreviation in brackets after its Vietnamese name.
# "Thu nhập quốc gia (GNI)": a parenthesised Latin abbreviation, then up to eight words before it. Found in
# two steps (the parenthesis first, then the words in a bounded window) so the scan stays linear.
_FOREIGN_ABBR = regex.compile(r"\([ \t]*(?P<abbr>[A-Z][A-Za-z]*[A-Z][A-Za-z]*)[ \t]*\)")
_FOREIGN_FULL = regex.compile(r"(?<![\p{L}\p{M}])(?:[\p{L}\p{M}]+[ \t]+){1,7}[\p{L}\p{M}]+[ \t]*$")
_FUNCTION_WORDS = frozenset(
    {"và", "của", "các", "về", "cho", "trong", "với", "tại", "thuộc", "đối", "những", "là", "theo", "hoặc"}
    | {"the", "of", "and", "for"}
)


def initials_match(abbr: str, full: str, trailing: int = 0) -> bool:
    """Do the syllable initials of `full` spell `abbr`? Đ≈D and case are ignored, function words ("và",
    "của") may be skipped, a lower-case tail matches inside its syllable ("Thủ tướng" spells "TTg", "Quy
    định" spells "QyĐ"); up to `trailing` extra words may follow ("Bảo hiểm xã hội Việt Nam" for "BHXH")."""
    chunks = abbreviation_chunks(abbr)
    raw = [w.lower() for w in regex.findall(r"[\p{L}\p{M}]+", full)]
    words = ["".join(fold_letter(c) for c in w) for w in raw]
    if len(chunks) < 2 or not words or len(words) > 3 * len(chunks) + trailing:
        return False
    seen: set[tuple[int, int]] = set()
    stack = [(0, 0)]
    while stack:
        ci, wi = stack.pop()
        if ci == len(chunks):
            if len(words) - wi <= trailing:
                return True
            continue
        if wi == len(words) or (ci, wi) in seen:
            continue
        seen.add((ci, wi))
        if ci > 0 and raw[wi] in _FUNCTION_WORDS:
            stack.append((ci, wi + 1))
        if chunk_matches(chunks[ci], words[wi]):
            stack.append((ci + 1, wi + 1))
    return False


def _looks_like_abbreviation(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return 2 <= len(term) <= 20 and sum(1 for c in letters if c.isupper()) >= 2 and " " not in term.strip()


def _first_clause(text: str) -> str:
    return regex.split(r"[;.\n]|,\s", text, maxsplit=1)[0].strip()


def _definitions(doc: Document, lexicon: Lexicon) -> list[_Definition]:
    """Every place the text explains an abbreviation, as working-copy spans."""
    text = doc.text
    out: list[_Definition] = []
    # The shared extractor works on the caller's kind of string; the working copy is already normalised, so
    # its offsets are working-copy offsets.
    for d in doc.definitions:
        term = d.term.strip()
        if not _looks_like_abbreviation(term):
            continue
        expansion = d.definition if d.kind != "article" else _first_clause(d.definition)
        out.append(_Definition(abbr_key(term), d.term_start, d.term_end, expansion, d.kind == "article"))
    for m in _REVERSE.finditer(text):
        abbr, full = m.group("abbr"), m.group("full")
        if _looks_like_abbreviation(abbr) and initials_match(abbr, full, trailing=3):
            out.append(_Definition(abbr_key(abbr), m.start("abbr"), m.end("abbr"), full, False))
    found = {(d.term_start, d.term_end) for d in out}
    for m in _FOREIGN_ABBR.finditer(text):
        if (m.start("abbr"), m.end("abbr")) in found or abbr_key(m.group("abbr")) in lexicon.expansions:
            continue
        window = max(0, m.start() - 160)
        full = _FOREIGN_FULL.search(text, window, m.start())
        words = full.group().split() if full else []
        if len(words) >= 2:
            out.append(
                _Definition(abbr_key(m.group("abbr")), m.start("abbr"), m.end("abbr"), " ".join(words), False)
            )
    out.extend(_section_definitions(text))
    return out


def _section_definitions(text: str) -> list[_Definition]:
    """Lines "UBND: Ủy ban nhân dân" / "UBND là Ủy ban nhân dân" under a title on abbreviations."""
    out: list[_Definition] = []
    in_section = False
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        title = _SECTION_TITLE.search(line)
        if title and (_SECTION_END.match(line) or line.rstrip().endswith(":") or len(line) <= 80):
            in_section = True
            continue
        if not in_section:
            continue
        if _SECTION_END.match(line):
            in_section = False
            continue
        m = _SECTION_LINE.match(line)
        if m and _looks_like_abbreviation(m.group("abbr")):
            out.append(
                _Definition(
                    abbr_key(m.group("abbr")),
                    start + m.start("abbr"),
                    start + m.end("abbr"),
                    _first_clause(m.group("full")),
                    True,
                )
            )
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


def analyze(doc: Document, config: Config, out: Findings) -> AbbreviationSummary:
    """Find abbreviations and their explanations; report the first use of those explained late or never."""
    lex = load_lexicon()
    user = {abbr_key(a) for a in config.known_abbreviations if a.strip()}
    known = lex.international | user
    definitions = _definitions(doc, lex)
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
        if status in ("undefined", "used_before_definition") and first_use is not None:
            n = len(uses[key])
            data = {"abbr": first_use.text, "key": key, "uses": n, "expansions": list(expansions)}
            if status == "undefined":
                out.add(
                    "abbreviation.undefined",
                    first_use.start,
                    first_use.end,
                    f"Chữ viết tắt «{first_use.text}» (dùng {n} lần) không được giải thích; theo khoản 4 "
                    "Điều 69 Nghị định 34/2016/NĐ-CP, phải viết đầy đủ ở lần dùng đầu tiên.",
                    _suggestion(first_use.text, expansions),
                    data,
                )
            else:
                d0 = min(defs, key=lambda d: d.term_start)
                definition_start = doc.original_span(d0.term_start, d0.term_end)[0]
                data["definition_start"] = definition_start
                out.add(
                    "abbreviation.used_before_definition",
                    first_use.start,
                    first_use.end,
                    f"Chữ viết tắt «{first_use.text}» được dùng trước khi được giải thích (phần giải thích "
                    "ở phía sau; vị trí trong data.definition_start).",
                    f"Đưa phần giải thích lên lần dùng đầu tiên: {d0.expansion} ({first_use.text})",
                    data,
                )
        items.append(
            AbbreviationItem(
                abbr=occ.text,
                count=counts[key],
                first_start=doc.original_span(occ.start, occ.end)[0],
                defined=status == "defined" or status == "used_before_definition",
                status=status,
                expansion=own or (" | ".join(expansions) if expansions else None),
            )
        )
    return AbbreviationSummary(
        used=len(order),
        defined=tally["defined"],
        undefined=tally["undefined"],
        used_before_definition=tally["used_before_definition"],
        known=tally["known"],
        document_references=scan.references,
        document_codes=sorted(scan.codes),
        items=items,
    )
