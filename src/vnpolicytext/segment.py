"""Split Vietnamese policy text into units: sentences, headings and list items.

The convention is the one of ``gold/FORMAT.md`` (section "sentences.jsonl"): a paragraph break ends a
unit unless the line is hard-wrapped; inside a paragraph a unit ends after ``.``, ``!``, ``?``, ``…``
when a new sentence follows, except inside numbers, URLs, abbreviations, initials and labels.

Everything here is a single left-to-right pass over the text (plus bounded look-behind), so the run
time is linear in the input size.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

import regex

from .structure import STRUCT_LABEL, Line, text_lines

__all__ = [
    "ABBREVIATIONS",
    "LOCATION_INITIALS",
    "PERSON_TITLES",
    "Unit",
    "UnitKind",
    "segment",
]

UnitKind = Literal["sentence", "heading", "list_item"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of text: offsets are half-open and trimmed of surrounding whitespace."""

    start: int
    end: int
    kind: UnitKind
    paragraph: int
    label_end: int


# Abbreviations written with a period that never end a sentence when a capitalised word follows
# ("TP. Hồ Chí Minh", "PGS.TS. Nguyễn Văn A", "KT. Bộ trưởng"). Case-sensitive. A dotted chain such as
# "PGS.TS" or "Th.S" matches when the whole chain or its last part is listed.
# fmt: off
ABBREVIATIONS: frozenset[str] = frozenset({
    # places
    "TP", "Tp", "tp", "TX", "Tx", "TT", "Tt",
    # academic and professional titles
    "GS", "Gs", "PGS", "Pgs", "TS", "Ts", "TSKH", "ThS", "Ths", "Th.S", "Th.s", "ThS.BS", "BS", "Bs",
    "BSCKI", "BSCKII", "BSCK1", "BSCK2", "DS", "KS", "Ks", "KTS", "LS", "NCS", "SV", "CN",
    "NSND", "NSƯT", "NGND", "NGƯT", "TTND", "TTƯT",
    # signature marks of official documents
    "TM", "KT", "TL", "TUQ",
    # publishers and misc
    "NXB", "Nxb", "St", "Mr", "Mrs", "Ms", "Dr", "Cty",
})
# fmt: on

# Single capital letters that, after a period, abbreviate an administrative unit or "quyền":
# "Q. Ba Đình" (quận), "P. Bến Nghé" (phường), "H. Đông Anh" (huyện), "X. Tân Lập" (xã), "Q. Giám đốc".
LOCATION_INITIALS: frozenset[str] = frozenset({"Q", "P", "H", "X"})

# Words that introduce a person's name: after them a capital letter with a period is the initial of a
# withheld name ("ông Nguyễn Văn Q.", "bác sĩ P."), which may close the sentence.
# fmt: off
PERSON_TITLES: frozenset[str] = frozenset({
    "ông", "bà", "anh", "chị", "em", "cháu", "bé", "cô", "chú", "bác", "thầy", "cụ", "cậu", "mợ",
    "dì", "dượng", "sĩ", "viên", "phạm", "tượng", "can", "cáo", "phụ", "nhân", "sinh", "nữ", "nam",
    "chồng", "vợ", "con", "mẹ", "bố", "cha", "giáo", "trò", "tên", "gã", "ả", "người", "nghị",
})
# fmt: on

_TERMINAL_CHARS = ".!?…"
_CLOSERS = "\"'”’»)]}›"
_OPENERS = "\"'“‘«([{‹"
_BULLET_CHARS = "-+•*–—·●○■□▪◦➢➤✓"

# A run of sentence-final punctuation, possibly interleaved with closing quotes/brackets ('."', ').').
_TERM_RE = regex.compile(r"[.!?…]++(?:[\"'”’»)\]}›]++[.!?…]*+)*+")

# The step, Roman and list labels: sources of `_ANY_LABEL_RE` only, so never compiled on their own.
_STEP_LABEL = (
    r"(?:Bước|BƯỚC)[ \t]+\d{1,3}(?:[.:]{1,2}(?=\s|$)|(?=[ \t]*(?:$|\n|[\p{Lu}\d\"“(-])))"
)
_ROMAN_UPPER_LABEL = r"[IVXL]{1,6}[.)](?=\s)"
_LIST_LABEL = (
    r"(?:"
    r"[\"“]?\(?\d{1,3}+(?:\.\d{1,3}+){0,5}+[a-zđ]?(?:\.\)|\)\.|\.\.|[.)\-])(?=\s)"  # 1.  1)  1-  1.1.  (1)  5a.
    r"|\(\d{1,3}\)(?=\s|\p{L})"
    r"|\d{1,3}[ \t]\.(?=[ \t])"  # "5 ." (stray space)
    r"|\d{1,3}\.\.?(?=\p{Lu}\p{Ll})"  # "3.Người", "2..Thông" (no space after the number)
    r"|\(?[a-zđ]\d{0,2}\)\.?(?=\s|$)"  # a)  đ)  b1)  b3).  (a)
    r"|[a-zđ]\.(?=[ \t]+\p{Lu})"  # a. Hồ sơ
    r"|\(?[ivx]{1,5}\)(?=\s)"  # i)  iv)  (viii)
    r"|\(?[A-ZĐ]\)(?=\s)"  # A)
    r"|[-+•*–—·●○■□▪◦➢➤✓]{1,4}\)?(?=[ \t])"  # -  +  ++  •  *)  **)
    r"|[-+•](?=\p{Lu})"  # -Nội dung
    r")"
)
# The four label patterns in the order they are tried, as one pattern (one match call per position): the
# first alternative that matches wins, as when each is tried in turn; the group names the family.
_ANY_LABEL_RE = regex.compile(
    f"(?P<struct>{STRUCT_LABEL.pattern})|(?P<list>{_STEP_LABEL})"
    f"|(?P<roman>{_ROMAN_UPPER_LABEL})|(?P<list>{_LIST_LABEL})"
)
_PAREN_NUM_RE = regex.compile(r"\(\d{1,2}\)[ \t]")
_INLINE_LABEL_RE = regex.compile(r"(?:\(?[a-zđ]\d{0,2}\)|\([ivx]{1,5}\)|[ivx]{1,5}\))(?=\s)")
# reverse patterns: matched backwards from an end position (bounded look-behind)
_TOKEN_BACK_RE = regex.compile(r"(?r)[\p{L}\p{M}\p{N}.]{0,40}")
_WORD_BACK_RE = regex.compile(r"(?r)[\p{L}\p{M}]{0,30}")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_UPPER_RE = regex.compile(r"\p{Lu}")
_LETTER_RE = regex.compile(r"\p{L}")
_LOWER_LETTER_RE = regex.compile(r"\p{Ll}")

_MAX_LABEL_CHAIN = 3
_MAX_HEADING_WORDS = 30


def _label_match_end(text: str, pos: int, end: int) -> tuple[int, str] | None:
    """End offset and family ("struct" or "list") of a single label starting at ``pos``."""
    if text[pos : pos + 1] in ("\"", "“") and STRUCT_LABEL.match(text, pos + 1, end) is not None:
        # a quoted article heading inside an amending law ("“Điều 5. Người sử dụng đất")
        m = STRUCT_LABEL.match(text, pos + 1, end)
        assert m is not None
        return m.end(), "struct"
    m = _ANY_LABEL_RE.match(text, pos, end)  # none of its alternatives matches an empty string
    if m is None:
        return None
    return m.end(), "list" if m.lastgroup == "list" else "struct"


def _parse_label(text: str, pos: int, end: int) -> tuple[int, str | None]:
    """End of the (possibly chained) label at ``pos`` and the family of its first element."""
    first = _label_match_end(text, pos, end)
    if first is None:
        return pos, None
    label_end, family = first
    for _ in range(_MAX_LABEL_CHAIN - 1):
        nxt = label_end
        while nxt < end and text[nxt] in " \t":
            nxt += 1
        if nxt == label_end or nxt >= end:
            break
        more = _label_match_end(text, nxt, end)
        if more is None:
            break
        label_end = more[0]
    return label_end, family


def _is_label_at(text: str, pos: int, end: int) -> bool:
    return _label_match_end(text, pos, end) is not None


# --------------------------------------------------------------------------- lines and blocks


def _line_spans(text: str, lines: list[Line] | None = None) -> list[tuple[int, int] | None]:
    """Trimmed span of every line, ``None`` for a blank line (`lines`: `text_lines(text)` if known)."""
    return [None if line.blank else (line.first, line.last) for line in (text_lines(text) if lines is None else lines)]


def _ends_terminal(text: str, start: int, end: int) -> bool:
    """True when the span ends with sentence-final punctuation (ignoring closing quotes/brackets)."""
    e = end
    while e > start and text[e - 1] in _CLOSERS:
        e -= 1
    return e > start and text[e - 1] in _TERMINAL_CHARS


def _first_word_len(text: str, start: int, end: int) -> int:
    e = start
    while e < end and not text[e].isspace():
        e += 1
    return e - start


def _wrap_width(text: str, lines: list[tuple[int, int] | None]) -> float | None:
    """Estimated hard-wrap width of the text, or ``None`` when it does not look hard-wrapped.

    Evidence is a line ending in a letter or digit whose next line starts in lower case.
    """
    lengths: list[int] = []
    for cur, nxt in itertools.pairwise(lines):
        if cur is None or nxt is None:
            continue
        last = text[cur[1] - 1]
        if not (last.isalnum()) or not _LOWER_LETTER_RE.match(text[nxt[0]]):
            continue
        if _is_label_at(text, nxt[0], nxt[1]):
            continue
        lengths.append(cur[1] - cur[0])
    if len(lengths) < 3:
        return None
    lengths.sort()
    median = lengths[len(lengths) // 2]
    kept = [v for v in lengths if v <= 1.25 * median]
    return float(max(kept))


def _is_full_line(text: str, cur: tuple[int, int], nxt: tuple[int, int], width: float | None) -> bool:
    """Whether ``cur`` was filled up to the wrap width (the first word of ``nxt`` did not fit)."""
    if width is None:
        return False
    length = cur[1] - cur[0]
    return length <= 1.3 * width and length + 1 + _first_word_len(text, nxt[0], nxt[1]) > 0.85 * width


def _should_join(
    text: str, cur: tuple[int, int], nxt: tuple[int, int], blank_between: bool, width: float | None
) -> bool:
    """Whether line ``nxt`` continues the sentence of line ``cur`` (hard wrap)."""
    first = text[nxt[0]]
    if _is_label_at(text, nxt[0], nxt[1]):
        # "(1) ..." enumerations wrapped onto a new line of a hard-wrapped paragraph
        return (
            not blank_between
            and _PAREN_NUM_RE.match(text, nxt[0], nxt[1]) is not None
            and not _ends_terminal(text, cur[0], cur[1])
            and _is_full_line(text, cur, nxt, width)
        )
    lower_next = _LOWER_LETTER_RE.match(first) is not None
    if _ends_terminal(text, cur[0], cur[1]):
        # "TP.\nhồ" or "ông Nguyễn Văn Q.\nđã": a non-final period followed by lower case.
        if not lower_next or blank_between or text[cur[1] - 1] != ".":
            return False
        return not _period_is_final(text, cur[0], cur[1] - 1, cur[1], nxt[0], first)
    last = text[cur[1] - 1]
    if lower_next:
        return True
    if blank_between:
        return False
    if last == ",":
        return True
    if last == ":" and _UPPER_RE.match(first):
        return False  # "Hồ sơ gồm:\nTờ khai ..." introduces a new unit
    return _is_full_line(text, cur, nxt, width)


def _blocks(text: str, known: list[Line] | None = None) -> list[tuple[int, int]]:
    """Paragraph blocks: runs of lines joined by hard wraps."""
    lines = _line_spans(text, known)
    width = _wrap_width(text, lines)
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    block_start = 0
    blank_between = False
    for span in lines:
        if span is None:
            if cur is not None:
                blank_between = True
            continue
        if cur is None:
            block_start = span[0]
        elif not _should_join(text, cur, span, blank_between, width):
            blocks.append((block_start, cur[1]))
            block_start = span[0]
        cur = span
        blank_between = False
    if cur is not None:
        blocks.append((block_start, cur[1]))
    return blocks


# --------------------------------------------------------------------------- sentence ends


def _token_before(text: str, pos: int, floor: int) -> tuple[int, str]:
    """Start and text of the dotted alphanumeric token ending at ``pos`` ("PGS.TS", "V.P", "2014")."""
    m = _TOKEN_BACK_RE.match(text, max(floor, pos - 40), pos)
    s = m.start() if m is not None else pos
    while s < pos and text[s] == ".":
        s += 1
    return s, text[s:pos]


def _word_before(text: str, pos: int, floor: int) -> str:
    """The word that ends before ``pos`` once spaces are skipped ("" when none)."""
    e = pos
    while e > floor and text[e - 1] in " \t\n":
        e -= 1
    m = _WORD_BACK_RE.match(text, max(floor, e - 30), e)
    return m.group() if m is not None else ""


def _period_is_final(text: str, floor: int, dot: int, after: int, nxt: int, nc: str) -> bool:
    """Decide whether a lone period at ``dot`` ends a sentence when ``nc`` (at ``nxt``) follows."""
    tok_start, tok = _token_before(text, dot, floor)
    if not tok:
        return True
    parts = [p for p in tok.split(".") if p]
    last = parts[-1] if parts else ""
    glued = nxt == after
    if glued:
        # "xem xét.Bước 5": only a plain word glued to a capital; never URLs, numbers, chains.
        if len(parts) != 1 or len(last) < 2 or last in ABBREVIATIONS or not any(c.isalpha() for c in last):
            return False
        before = text[tok_start - 1] if tok_start > floor else " "
        return before not in "/@:.-_" and _UPPER_RE.match(nc) is not None
    standalone = tok_start == floor or text[tok_start - 1].isspace() or text[tok_start - 1] in _OPENERS
    if not standalone and text[tok_start - 1] == ",":
        standalone = _token_before(text, tok_start - 1, floor)[1] in ABBREVIATIONS  # "PGS,TS."
    if not standalone:
        return True  # "CNTT&TT." or "X/Y." is a word, not an abbreviation
    if tok in ABBREVIATIONS or last in ABBREVIATIONS:
        return False
    if all(len(p) == 1 and p.isupper() for p in parts):
        # initials of a withheld name, or Q./P./H. of an address
        if nc == "(":
            return False
        if len(parts) == 1 and last in LOCATION_INITIALS:
            prev = _word_before(text, tok_start, floor)
            if not prev:
                return False
            if prev.lower() in PERSON_TITLES:
                return True
            # "Nguyễn Văn Q." (a name) but not "Tại Q. Ba Đình" (a sentence-initial preposition)
            prev2 = _word_before(text, tok_start - len(prev) - 1, floor) if prev[0].isupper() else ""
            return bool(prev2) and (prev2[0].isupper() or prev2.lower() in PERSON_TITLES)
        return True
    if last.isdigit() and len(last) <= 3 and all(p.isdigit() for p in parts):
        # inline numbered label after a colon or semicolon: "gồm: 1. Hồ sơ ...; 2. Tờ khai"
        k = tok_start
        while k > floor and text[k - 1] in " \t\n":
            k -= 1
        if k == floor or text[k - 1] in ":;":
            return False
    return True


def _is_boundary(text: str, floor: int, t_start: int, t_end: int, block_end: int) -> bool:
    """Whether the punctuation run ``text[t_start:t_end]`` ends a unit."""
    k = t_end
    while k < block_end and text[k].isspace():
        k += 1
    if k >= block_end:
        return False  # the block end closes the unit
    nc = text[k]
    run = text[t_start:t_end]
    core_end = t_start
    while core_end < t_end and text[core_end] in _TERMINAL_CHARS:
        core_end += 1
    core = text[t_start:core_end]
    has_closer = core_end < t_end
    glued = k == t_end
    if glued:
        if _UPPER_RE.match(nc) is None:
            return False
        if core == "." and not has_closer:
            return _period_is_final(text, floor, t_start, t_end, k, nc)
        return ("!" in run or "?" in run) and not has_closer
    if _INLINE_LABEL_RE.match(text, k, block_end):
        return True  # ". b) ..." starts a new list item
    if _LOWER_LETTER_RE.match(nc):
        return False
    if nc in "-–—":
        if has_closer:
            return False  # '..." - anh C. nói' attribution
        j = k + 1
        while j < block_end and text[j] in " \t":
            j += 1
        return j > k + 1 and j < block_end and _UPPER_RE.match(text[j]) is not None
    if not (nc.isalnum() or nc in _OPENERS or nc in _BULLET_CHARS):
        return False
    if core == ".":
        return _period_is_final(text, floor, t_start, t_end, k, nc)
    return True


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int, int, str | None]]:
    """Units of one block as (start, end, label_end, label family)."""
    units: list[tuple[int, int, int, str | None]] = []
    unit_start = start
    label_end, family = _parse_label(text, unit_start, end)
    # text[label_end:scanned] was searched for a word already (never rescanned: linear time)
    scanned, has_word = label_end, False
    for m in _TERM_RE.finditer(text, start, end):
        t_start, t_end = m.span()
        if t_start < label_end:
            continue
        # a unit needs some content of its own before the punctuation
        if not has_word:
            has_word = _WORD_RE.search(text, max(scanned, label_end), t_start) is not None
            scanned = max(scanned, t_start)
            if not has_word:
                continue
        if not _is_boundary(text, unit_start, t_start, t_end, end):
            continue
        units.append((unit_start, t_end, label_end, family))
        unit_start = t_end
        while unit_start < end and text[unit_start].isspace():
            unit_start += 1
        label_end, family = _parse_label(text, unit_start, end)
        scanned, has_word = label_end, False
    if unit_start < end:
        units.append((unit_start, end, label_end, family))
    return units


# --------------------------------------------------------------------------- kinds


def _is_all_caps(s: str) -> bool:
    """At least two letters, none of them lower case (the tests run in C: most units fail at their first
    lower-case letter)."""
    if any(map(str.isalpha, filter(str.islower, s))):
        return False
    return sum(map(str.isalpha, s)) >= 2


def _opens_list(text: str, start: int, end: int) -> bool:
    """True when the span ends with a colon (ignoring closing quotes/brackets): a chapeau."""
    e = end
    while e > start and text[e - 1] in _CLOSERS:
        e -= 1
    return e > start and text[e - 1] == ":"


def _kind(
    text: str,
    start: int,
    end: int,
    label_end: int,
    family: str | None,
    whole_block: bool,
    after_heading: bool = False,
) -> UnitKind:
    """The kind of one unit; `after_heading`: the unit before it on the same line is a heading."""
    rest_start = label_end
    while rest_start < end and text[rest_start].isspace():
        rest_start += 1
    if family == "struct":
        if rest_start >= end:
            return "heading"
        rest = text[rest_start:end]
        if _is_all_caps(rest):
            return "heading"
        if _ends_terminal(text, rest_start, end) or _opens_list(text, rest_start, end):
            # "Điều 1. Quyền tự do … được tôn trọng." or "Điều 7. Thời hạn tạm giam không được quá:", an
            # article whose text starts on its label line (a chapeau, when it ends with a colon)
            return "sentence"
        return "heading"
    if family is not None:
        return "list_item"
    body = text[start:end]
    if _LETTER_RE.search(body) is None:
        return "heading"  # separator, page number, dot leaders
    if _is_all_caps(body) and (whole_block or (after_heading and not _ends_terminal(text, start, end))):
        # a title in capitals, on a line of its own or after another title on the same line ("Mục 2: QUYỀN
        # CỦA NGƯỜI THUÊ NHÀ. NGHĨA VỤ CỦA NGƯỜI THUÊ NHÀ"); a sentence in capitals ends with its punctuation
        return "heading"
    if (
        whole_block
        and not _ends_terminal(text, start, end)
        and text[end - 1] not in ":;,"
        and len(body.split()) <= _MAX_HEADING_WORDS
    ):
        return "heading"
    return "sentence"


def segment(text: str, lines: list[Line] | None = None) -> list[Unit]:
    """Split ``text`` into ordered, non-overlapping, trimmed units (sentences, headings, list items);
    `lines`: `structure.text_lines(text)` when the caller has them."""
    units: list[Unit] = []
    for paragraph, (b_start, b_end) in enumerate(_blocks(text, lines)):
        parts = _split_block(text, b_start, b_end)
        whole = len(parts) == 1
        kind: UnitKind | None = None
        for u_start, u_end, label_end, family in parts:
            kind = _kind(text, u_start, u_end, label_end, family, whole, kind == "heading")
            units.append(Unit(u_start, u_end, kind, paragraph, label_end))
    return units
