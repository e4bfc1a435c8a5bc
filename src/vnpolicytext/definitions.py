"""Find the terms a text defines: definitions articles, "(sau đây gọi là …)" and "Ủy ban nhân dân (UBND)".

`extract_definitions(text)` returns every definition with exact offsets into the caller's string. It works on
the normalised working copy (`normalize.normalize`), so CRLF and NFD input behave like clean text, and maps
every span back. Three kinds are found:

- ``article``: a numbered item of a definitions article ("Điều 3. Giải thích từ ngữ", "Định nghĩa", "Từ ngữ
  viết tắt", or any run of items introduced by "… được hiểu như sau:"). The term is what comes before the
  first connective ("là", "được hiểu là", "bao gồm", "gồm", "có nghĩa là", "chỉ", ":"); the definition runs to
  the end of the item, points a), b), c) included. The article ends at the next "Điều N." or chapter heading.
- ``inline``: "(sau đây gọi là X)", "(gọi tắt là X)", "sau đây viết tắt là X", "(gọi chung là X)": the term is
  X, the definition the noun phrase just before it. The phrase is cut at a "và" or a comma, except inside a
  name that X abbreviates: "Bộ Tài nguyên và Môi trường (sau đây gọi là Bộ)" defines "Bộ" as the whole name.
- ``abbreviation``: "Ủy ban nhân dân (UBND)": the term is the abbreviation, the definition the words before it
  whose initials spell it.
- ``sentence``: an article titled with a term whose first sentence defines it after an opening clause of
  exception or scope ("Điều 310. Đình chỉ thực hiện hợp đồng" / "Trừ …, đình chỉ thực hiện hợp đồng là việc …").

An opening clause ("Trong Luật này, …", "Trừ trường hợp …, …") is cut off the term of an article item too;
"…, ký hiệu là QCVN" and "…, viết tắt là X" name an abbreviation inline.

Everything is one pass over the lines plus bounded local searches, so the run time is linear in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from .normalize import normalize
from .structure import ARTICLE_HEAD, Line, in_spans, is_section_head, line_label, text_lines
from .vocab import FOLDED_FUNCTION_WORDS, SYLLABLE, WORD, bare, fold_letter


def _on_first_use(pattern: str, flags: int = 0) -> Callable[[], regex.Pattern[str]]:
    """A getter of `pattern` compiled on its first call: for patterns that only some texts reach (articles of
    definitions, lists of abbreviations), so that a cold start does not compile them for every text."""
    return cache(lambda: regex.compile(pattern, flags))

DefinitionKind = Literal["article", "inline", "abbreviation", "foreign", "list", "sentence"]

__all__ = ["Definition", "DefinitionKind", "extract_definitions"]


class Definition(BaseModel):
    """One defined term and what it stands for, both as spans of the caller's text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    term: str = Field(description="The term as written in the text: text[term_start:term_end].")
    definition: str = Field(description="The defining text: text[definition_start:definition_end].")
    kind: DefinitionKind = Field(
        description="'article' (item of a definitions article), 'inline' ('(sau đây gọi là X)'), "
        "'abbreviation' ('Ủy ban nhân dân (UBND)', 'UBND (Ủy ban nhân dân)': the initials spell it), 'foreign' (a "
        "Latin abbreviation in brackets after up to eight words that name it: 'Thu nhập quốc gia (GNI)'), "
        "'list' (an entry 'UBND: Ủy ban nhân dân' of a list of abbreviations outside a definitions article) or "
        "'sentence' (an article titled with a term whose first sentence defines it after an opening clause: "
        "'Điều 310. Đình chỉ thực hiện hợp đồng' then 'Trừ …, đình chỉ thực hiện hợp đồng là việc …')."
    )
    term_start: int = Field(description="Start offset of the term (Python str index into the caller's text).")
    term_end: int = Field(description="End offset (exclusive) of the term.")
    definition_start: int = Field(description="Start offset of the definition.")
    definition_end: int = Field(description="End offset (exclusive) of the definition.")


# --------------------------------------------------------------------------------------------------------
# Patterns (applied to the NFC working copy, whose only line break is "\n")

_NB = r"(?<![\p{L}\p{N}])"  # no letter or digit just before
_NA = r"(?![\p{L}\p{N}])"  # no letter or digit just after

_DEF_TITLE = regex.compile(
    r"giải\s+thích\s+(?:từ\s+ngữ|thuật\s+ngữ|các\s+từ)|định\s+nghĩa|(?:từ\s+ngữ|chữ|từ|cụm\s+từ)\s+viết\s+tắt"
    r"|thuật\s+ngữ|khái\s+niệm",
    regex.IGNORECASE,
)
_INTRO = regex.compile(
    r"(?:được\s+hiểu|được\s+định\s+nghĩa|được\s+giải\s+thích|có\s+nghĩa)\s+như\s+sau\s*:?\s*$"
    r"|(?:từ\s+ngữ|thuật\s+ngữ|chữ\s+viết\s+tắt|từ\s+viết\s+tắt)[^.\n]{0,40}(?:sau|dưới)\s+đây\s*:?\s*$",
    regex.IGNORECASE,
)

# Connectives between a term and its definition; the earliest one wins.
_CONNECTIVE = regex.compile(
    _NB
    + r"(?:(?P<long>(?:được\s+)?(?:hiểu|định\s+nghĩa)\s+là|(?:có\s+)?nghĩa\s+là|bao\s+gồm|gồm(?:\s+có)?)"
    + r"|(?P<la>là))"
    + _NA
    + r"|(?P<colon>:)(?=[ \t]*\S)",
    regex.IGNORECASE,
)
# "chỉ" as a connective ("“Người chưa thành niên” chỉ người…"), used only when nothing else is found.
_CHI = regex.compile(
    _NB + r"(?<!địa\s)chỉ(?!\s+(?:tiêu|số|đạo|huy|định|thị|dẫn|có|được|là|dùng|gồm|bao|áp|mang|để"
    r"|nhằm|cần|trong|khi|khác|riêng|duy|một|cho|khoảng|mới|khi|phải)" + _NA + r")" + _NA,
    regex.IGNORECASE,
)
# A "là" right after these belongs inside the term ("người được coi là cư trú là …") if another "là" follows.
_LA_INSIDE = _on_first_use(r"(?:coi|xem|gọi|cho|xác\s+định|công\s+nhận|được)\s*$", regex.IGNORECASE)
# Where a definition without a connective is cut when nothing else works ("Chỉ tiêu thống kê phản ánh …").
_FALLBACK_CUT = _on_first_use(_NB + r"(?:do|phản\s+ánh|thể\s+hiện|bao\s+hàm)" + _NA, regex.IGNORECASE)
# Heads that are rules, not definitions ("Các từ ngữ khác … được hiểu theo …", "Chính phủ quy định …").
_NOT_A_TERM = _on_first_use(
    r"từ\s+ngữ|thuật\s+ngữ|quy\s+định|hướng\s+dẫn|^(?:Trong|Ngoài|Đối\s+với|Trường\s+hợp|Việc|Khi|Nếu)" + _NA,
    regex.IGNORECASE,
)
# Trailing qualifiers that are not part of the term: "… quy định tại Thông tư này".
_TERM_TAIL = regex.compile(
    r"\s+(?:đồng\s+thời"  # "Hồ sơ đề nghị, đồng thời là …": an added role, not part of the term
    r"|(?:được\s+)?(?:quy\s+định|nêu|nói|đề\s+cập)\s+(?:tại|ở|trong)\s+[^,;]{1,60}"
    r"|(?:trong|tại|theo|của)\s+(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết"
    r"|văn\s+bản|Điều|Chương)\s+này)$",
    regex.IGNORECASE,
)
_SENTENCE_END = regex.compile(r"[.!?;](?=\s+[\p{Lu}\"“‘(]|\s*$)|;")
_QUOTES = "\"'“”‘’«»„"

_MAX_TERM_SYLLABLES = 30
_MAX_FALLBACK_SYLLABLES = 8

# Inline naming: "(sau đây gọi là X)", "(gọi tắt là X)", "(sau đây gọi chung là X)", "sau đây viết tắt là X".
_INLINE_PAREN = regex.compile(
    r"\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?P<verb>gọi|viết)(?:\s+(?P<mode>tắt|chung))?\s+là\s*:?\s+"
    r"(?P<term>[^()\n]{1,120}?)\s*\)",
    regex.IGNORECASE,
)
# Without "sau đây", only an abbreviation is named this way: "Quy chuẩn kỹ thuật quốc gia, ký hiệu là QCVN",
# "…, viết tắt là BHXH", "…, gọi tắt là VKS".
_INLINE_BARE = regex.compile(
    r"(?<=[,\s])(?:(?P<after>sau\s+đây)\s+)?(?:được\s+)?(?:(?P<verb>gọi|viết)(?:\s+(?P<mode>tắt|chung))?"
    r"|(?P<sign>ký\s+hiệu))\s+là\s*:?\s+"
    r"(?P<term>[^,;:.()\n]{1,100}?)\s*(?=[,;:.)\n]|$)",
    regex.IGNORECASE,
)
# Where `_INLINE_BARE` can match: its verb ("gọi", "viết", "ký hiệu"), found by a scan for literals, and the
# optional "sau đây" and "được" just before it (matched backwards from the verb). See `_bare_matches`.
_BARE_VERB = regex.compile(r"gọi|viết|ký\s+hiệu", regex.IGNORECASE)
_BEFORE_VERB = regex.compile(r"được\s+", regex.IGNORECASE | regex.REVERSE)
_BEFORE_DUOC = regex.compile(r"sau\s+đây\s+", regex.IGNORECASE | regex.REVERSE)
_INLINE_STOP = regex.compile(_NB + r"(?:và|hoặc|đến|tới|tại|vào|gửi|nộp|với)" + _NA, regex.IGNORECASE)
_MAX_INLINE_SYLLABLES = 25

# "(UBND)", "(BHXH)", "(TTg)", "(BLĐTBXH)", "(KH&CN)", "(NĐ-CP)".
_ABBR_PAREN = regex.compile(
    r"\(\s*(?P<abbr>\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\p{Ll}]*(?:[-&/]\p{Lu}[\p{Lu}\p{Ll}]*)*)\s*\)"
)
# --------------------------------------------------------------------------------------------------------
# Small helpers


# The first character of a line that opens an article ("Điều 5.") or a larger part ("Chương II", "Mục 1",
# "Phần …", "Phụ lục …"): a line starting otherwise is not tried against those patterns.
_ARTICLE_FIRST = frozenset("đĐ")
_HEAD_FIRST = frozenset("đĐCMP")


def _section_head(text: str, line: Line) -> bool:
    """`is_section_head` of a line."""
    return line.first < line.last and text[line.first] in _HEAD_FIRST and is_section_head(text, line.start, line.end)


def _article_head(text: str, line: Line) -> regex.Match[str] | None:
    """`ARTICLE_HEAD` matched at the start of a line."""
    if line.first < line.last and text[line.first] in _ARTICLE_FIRST:
        return ARTICLE_HEAD.match(text, line.start, line.end)
    return None


def _syllables(text: str) -> int:
    return sum(1 for _ in SYLLABLE.finditer(text))


def _strip_span(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Trim whitespace and the given characters from both ends of a span."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _clean_term(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim quotes, a trailing parenthesis ("(sau đây gọi là …)") and qualifiers off a term span."""
    for _ in range(4):
        start, end = _strip_span(text, start, end, _QUOTES + ":,-–")
        if end > start and text[end - 1] == ")":
            depth, i = 0, end - 1
            while i >= start:
                if text[i] == ")":
                    depth += 1
                elif text[i] == "(":
                    depth -= 1
                    if depth == 0:
                        break
                i -= 1
            if i > start:
                end = i
                continue
        m = _TERM_TAIL.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
            continue
        break
    return start, end


# --------------------------------------------------------------------------------------------------------
# Definitions articles


def _article_regions(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Line ranges [first, last) holding definition items: the bodies of definitions articles, and the
    lines after an intro sentence ("… được hiểu như sau:") found in any other article."""
    regions: list[tuple[int, int]] = []
    heads: list[int] = []
    for i, line in enumerate(lines):
        if _section_head(text, line):
            heads.append(i)
    heads.append(len(lines))
    for k in range(len(heads) - 1):
        head, stop = heads[k], heads[k + 1]
        line = lines[head]
        m = ARTICLE_HEAD.match(text, line.start, line.end)
        if not m:
            continue  # a chapter heading
        if _DEF_TITLE.search(text, m.end(), line.end):
            regions.append((head + 1, stop))
            continue
        for i in range(head + 1, stop):
            intro = lines[i]
            if not _intro(text, intro.body, intro.end):
                continue
            j = i + 1
            if intro.label is not None:  # the intro is itself a numbered item: stop at its next sibling
                while j < stop and lines[j].label != intro.label:
                    j += 1
            else:
                j = stop
            regions.append((i + 1, j))
            break
    return regions


def _intro(text: str, start: int, end: int) -> bool:
    r"""`_INTRO.search(text, start, end)`, tried only when the span ends like both its alternatives: "sau" or
    "đây" (in any case: "au" or "ây" once lower-cased), then blanks and at most one colon (every `\s` of the
    pattern is a `str.isspace` character), so most lines are decided without the pattern."""
    tail = text[start:end].rstrip()
    if tail.endswith(":"):
        tail = tail[:-1].rstrip()
    return tail[-2:].lower() in ("au", "ây") and _INTRO.search(text, start, end) is not None


def _items(lines: list[Line], first: int, last: int) -> list[tuple[int, int]]:
    """[first, last) line ranges of the top-level items of a region: the label kind seen first."""
    level = next((lines[i].label for i in range(first, last) if lines[i].label is not None), None)
    if level is None:
        return []
    starts = [i for i in range(first, last) if lines[i].label == level]
    return [(s, starts[k + 1] if k + 1 < len(starts) else last) for k, s in enumerate(starts)]


def _first_sentence_end(text: str, start: int, end: int) -> int:
    m = _SENTENCE_END.search(text, start, end)
    return m.start() if m else end


def _find_connective(text: str, start: int, end: int, lower: str) -> tuple[int, int] | None:
    """Span of the connective that ends the term of a head [start, end), or None.

    Connectives inside brackets ("… (sau đây viết tắt là X) là …") do not count."""
    inside = _bracketed(text, start, end)
    matches = [m for m in _CONNECTIVE.finditer(text, start, end) if not in_spans(inside, m.start())]
    for k, m in enumerate(matches):
        if m.group("colon") is not None:
            if m.start() > start:
                return m.span()
            continue
        if m.group("la") is not None and k + 1 < len(matches):
            nxt = matches[k + 1]
            if nxt.group("la") is not None and _syllables(text[m.end() : nxt.start()]) <= 8:
                # Two "là" close together: the first may sit inside the term ("… được coi là …" or a
                # compound such as "Người lao động là người nước ngoài" used elsewhere in the text).
                if _LA_INSIDE().search(text, start, m.start()):
                    return nxt.span()
                phrase = " ".join(text[start : nxt.start()].split()).lower()
                if _syllables(phrase) >= 3 and lower.count(phrase) > 1:
                    return nxt.span()
        return m.span()
    for m2 in _CHI.finditer(text, start, end):
        if not in_spans(inside, m2.start()):
            return m2.span()
    return None


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the (outermost) bracketed parts of text[start:end]."""
    first = text.find("(", start, end)
    if first < 0:
        return []  # a ")" with no "(" before it is ignored: nothing is bracketed
    spans: list[tuple[int, int]] = []
    depth, open_at = 0, start
    for i in range(first, end):
        ch = text[i]
        if ch == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((open_at, i + 1))
    if depth:
        spans.append((open_at, end))
    return spans


def _article_item(
    text: str, lines: list[Line], first: int, last: int, lower: str, depth: int = 0
) -> list[tuple[int, int, int, int]]:
    """Definitions (term span, definition span) of one item spanning lines [first, last)."""
    line = lines[first]
    item_end = lines[last - 1].end
    while item_end > line.body and text[item_end - 1].isspace():
        item_end -= 1
    head_start, head_end = line.body, line.end
    j = first
    while (  # a hard-wrapped head continues on unlabelled lines until a line ends a sentence
        j + 1 < last
        and lines[j + 1].label is None
        and lines[j + 1].end > lines[j + 1].start
        and text[lines[j].start : lines[j].end].rstrip()[-1:] not in (".", ";", ":", "!", "?", "")
    ):
        j += 1
        head_end = lines[j].end
    if _intro(text, head_start, head_end) or (
        text[head_start:head_end].rstrip().endswith(":")
        and _head_has_no_connective(text, head_start, head_end)
    ):
        # "1. Trong Luật này, các từ ngữ … được hiểu như sau:" or "2. Các chữ viết tắt:" — the definitions
        # are its points a), b), c).
        if depth >= 2 or last - first < 2:
            return []
        out: list[tuple[int, int, int, int]] = []
        for s, e in _items(lines, first + 1, last):
            out.extend(_article_item(text, lines, s, e, lower, depth + 1))
        return out
    sent_end = _first_sentence_end(text, head_start, head_end)
    conn = _find_connective(text, head_start, sent_end, lower)
    if conn is not None:
        t0, t1 = _clean_term(text, head_start, conn[0])
        d0 = conn[1]
        max_syl = _MAX_TERM_SYLLABLES
    else:
        cut = _FALLBACK_CUT().search(text, head_start, sent_end)
        if cut is None:
            return []
        t0, t1 = _clean_term(text, head_start, cut.start())
        if _NOT_A_TERM().search(text[t0:t1]):
            return []
        d0 = head_start
        max_syl = _MAX_FALLBACK_SYLLABLES
    t0 = _after_opening(text, t0, t1)
    if t1 <= t0 or _syllables(text[t0:t1]) > max_syl or not _looks_like_term(text[t0:t1]):
        return []
    d0, d1 = _strip_span(text, d0, item_end)
    while d0 < d1 and (text[d0] == ":" or text[d0].isspace()):
        d0 += 1
    if conn is not None and text[conn[0]] == ":":
        # "X: là …", "X: được hiểu là …": the colon already ends the term; the connective is not defining text.
        lead = _CONNECTIVE.match(text, d0, d1)
        if lead is not None and lead.group("colon") is None:
            d0, _ = _strip_span(text, lead.end(), d1, ":")
    if d1 <= d0:
        return []
    return [(t0, t1, d0, d1)]


# An opening clause of exception, condition or scope before the term: "Trừ trường hợp …, X là …", "Trong Luật
# này, X là …", "Đối với …, X là …".
_OPENING = regex.compile(
    r"(?:Trừ|Ngoài|Trong|Đối\s+với|Trường\s+hợp|Khi|Nếu|Theo|Tại|Với|Về)" + _NA, regex.IGNORECASE
)

# `_OPENING` without its look-ahead: a match of `_OPENING` at a position (with any end) is a match of this one
_OPENING_WORD = regex.compile(_OPENING.pattern.removesuffix(_NA), regex.IGNORECASE)
assert _OPENING_WORD.pattern != _OPENING.pattern


def _after_opening(text: str, t0: int, t1: int) -> int:
    """Start of the term once an opening clause of exception, condition or scope is cut off ("Trừ trường hợp
    có thỏa thuận khác, tạm ngừng hợp đồng" → "tạm ngừng hợp đồng"); `t0` when there is none."""
    if not _OPENING.match(text, t0, t1):
        return t0
    inside = _bracketed(text, t0, t1)
    cut = max((i for i in range(t0, t1) if text[i] == "," and not in_spans(inside, i)), default=-1)
    if cut < 0:
        return t0
    start, end = _clean_term(text, cut + 1, t1)
    return start if end > start and WORD.search(text, start, end) else t0


def _titled_definitions(text: str, lines: list[Line]) -> list[tuple[int, int, int, int]]:
    """An article titled with a term whose first sentence defines it after an opening clause of exception or
    scope: "Điều 310. Đình chỉ thực hiện hợp đồng" then "Trừ các trường hợp …, đình chỉ thực hiện hợp đồng là
    việc …". (Titled articles that open with the term itself are many and are left to the glossary.)"""
    out: list[tuple[int, int, int, int]] = []
    lower: str | None = None
    for i, line in enumerate(lines[:-1]):
        m = _article_head(text, line)
        if not m:
            continue
        t0, t1 = _strip_span(text, m.end(), line.end, ".")
        title = " ".join(text[t0:t1].split()).lower()
        if not title or _syllables(title) > 12 or _DEF_TITLE.search(title):
            continue
        j = i + 1
        while j < len(lines) - 1 and lines[j].blank:
            j += 1
        body = lines[j]
        end = _first_sentence_end(text, body.body, body.end)
        if not _OPENING_WORD.match(text, _strip_span(text, body.body, end, _QUOTES + ":,-–")[0], end):
            continue  # the term below must open with a clause of exception or scope (where `_clean_term` starts)
        if lower is None:
            lower = text.lower()
        conn = _find_connective(text, body.body, end, lower)
        if conn is None or not text[conn[0] : conn[1]].lower().endswith("là"):
            continue  # "X bao gồm: …" lists the parts of X, it does not say what X is
        s0, s1 = _clean_term(text, body.body, conn[0])
        opened = _after_opening(text, s0, s1)
        if opened == s0 or " ".join(text[opened:s1].split()).lower() != title:
            continue  # without an opening clause the article is a definitions item of its own kind, left out
        s0 = opened
        d0, d1 = _strip_span(text, conn[1], end)
        if d1 > d0:
            out.append((s0, s1, d0, d1))
    return out


def _head_has_no_connective(text: str, start: int, end: int) -> bool:
    stop = end
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ":"):
        stop -= 1
    return not any(m.group("colon") is None for m in _CONNECTIVE.finditer(text, start, stop))


def _looks_like_term(term: str) -> bool:
    """A term starts with a letter or quote and holds no sentence break."""
    if not term or not (term[0].isalpha() or term[0].isdigit()):
        return False
    return ". " not in term and ";" not in term


def _article_definitions(text: str, lines: list[Line]) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    lower = text.lower()
    for first, last in _article_regions(text, lines):
        for s, e in _items(lines, first, last):
            out.extend(_article_item(text, lines, s, e, lower))
    return out


# --------------------------------------------------------------------------------------------------------
# Inline naming: "(sau đây gọi là X)"


def _phrase_before(text: str, end: int, commas: int, stop_at_conjunction: bool) -> int:
    """Start of the noun phrase ending at `end`: back to a clause boundary, a list label or a line start."""
    # the line start matters only within the last 400 characters: search no further (linear time)
    line_start = text.rfind("\n", max(0, end - 400), end) + 1
    i = end
    limit = max(line_start, end - 400)
    while i > limit:
        ch = text[i - 1]
        if ch in ".;:()[]\n" or (ch == "," and commas == 0):
            break
        if ch == ",":
            commas -= 1
        i -= 1
    start = i
    if stop_at_conjunction:
        for stop in _INLINE_STOP.finditer(text, start, end):
            start = stop.end()
    # Skip a list label at the start of the line ("1. ", "a) ").
    if start == line_start:
        start = line_label(text, start, end)[1]
    start, _ = _strip_span(text, start, end, _QUOTES)
    # Keep it short: at most the last _MAX_INLINE_SYLLABLES syllables, starting on a whole word.
    sylls = [m.start() for m in SYLLABLE.finditer(text, start, end)]
    if len(sylls) > _MAX_INLINE_SYLLABLES:
        start = whole_word_start(text, sylls[-_MAX_INLINE_SYLLABLES], end)
    return start


def whole_word_start(text: str, start: int, end: int) -> int:
    """`start`, or the start of the next word when the syllable at `start` ends a word that began before it
    ("tệ liên ngân hàng" cut from "ngoại tệ", "điểm thuộc" from "địa điểm"). A window cut by a syllable count
    must not cut a word in half; underthesea's segmenter, run on the few syllables around the cut, says where
    the words are."""
    before = regex.search(r"(?:[\p{L}\p{M}]+[ \t]+){1,2}$", text[max(0, start - 40) : start])
    if before is None:
        return start  # punctuation or a line start before: the phrase starts cleanly
    lo = max(0, start - 40) + before.start()
    stop = min(end, start + 80)
    from .words import segmenter

    for w0, w1 in segmenter()(text[lo:stop]):
        if lo + w0 < start < lo + w1:
            nxt = lo + w1
            while nxt < end and text[nxt] in " \t,;":
                nxt += 1
            return nxt if nxt < end else start
    return start


def _name_start(text: str, d0: int, d1: int, term: str) -> int:
    """Start of the name that `term` abbreviates when the phrase [d0, d1) was cut inside it, else d0.

    "Bộ Tài nguyên và Môi trường (sau đây gọi là Bộ)": the phrase cut at "và" is "Môi trường", which does not
    start with the term's first word; the nearest earlier capitalised word(s) matching the term's first
    word(s) ("Bộ") in the same clause start the name. The name may run across commas and "và"; a "và"
    followed by a lowercase word joins clauses, not parts of a name, and is crossed only when the match is
    at least two words long ("Ủy ban nhân dân tỉnh …" for "Ủy ban nhân dân cấp tỉnh"). The result stays
    within the last _MAX_INLINE_SYLLABLES syllables."""
    term_words = [bare(w) for w in WORD.findall(term)]
    first = WORD.search(text, d0, d1)
    if not term_words or first is None or bare(first.group()) == term_words[0]:
        return d0
    # The clause the name may span: no sentence or bracket break, no other stop word than "và".
    line_start = text.rfind("\n", max(0, d1 - 400), d0) + 1  # only the last 400 characters matter
    lo = d0
    while lo > max(line_start, d1 - 400) and text[lo - 1] not in ".;:()[]\n":
        lo -= 1
    for m in _INLINE_STOP.finditer(text, lo, d0):
        if m.group().lower() != "và":
            lo = m.end()
    sylls = [m.start() for m in SYLLABLE.finditer(text, lo, d1)]
    if len(sylls) > _MAX_INLINE_SYLLABLES:
        lo = sylls[-_MAX_INLINE_SYLLABLES]
    words = list(WORD.finditer(text, lo, d1))
    folded = [bare(w.group()) for w in words]
    need = min(2, len(term_words))
    for j in range(len(words) - 1, -1, -1):
        start = words[j].start()
        if start >= d0 or not text[start].isupper():
            continue
        matched = 0
        while (
            matched < len(term_words)
            and j + matched < len(words)
            and folded[j + matched] == term_words[matched]
        ):
            matched += 1
        if matched < need:
            continue
        # Every "và" crossed between the name start and the cut must join capitalised parts (or the match
        # must be long enough to trust on its own).
        crossed_ok = matched >= 2 or all(
            w.group().lower() != "và" or k + 1 >= len(words) or words[k + 1].group()[0].isupper()
            for k, w in enumerate(words)
            if start <= w.start() < d0
        )
        if crossed_ok:
            return start
        return d0  # the nearest candidate is across a clause-joining "và": keep the cut
    return d0


def blank_start(text: str, end: int, lo: int = 0) -> int:
    """Start of the run of blanks (`str.isspace`, which every `\\s` of `regex` is) that ends at `end`, not
    before `lo`. A backward match of a word and blanks ending at `end` starts at most a word's length before
    it: passing that bound keeps the engine from reading the text back to `lo` (for a pattern with a literal
    it does, which made one match per verb quadratic)."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end


def _bare_matches(text: str) -> Iterator[regex.Match[str]]:
    """`_INLINE_BARE.finditer(text)`, without trying the pattern at every position (its look-behind comes
    first, so the engine cannot skip ahead). Every match starts at its verb, or at the "được" or "sau đây"
    just before it (the only text its optional prefix can hold, and it holds no verb); those starts are tried
    from the left, as `finditer` would, from the end of the previous match on."""
    pos = 0
    for verb in _BARE_VERB.finditer(text):
        v = verb.start()
        if v < pos:
            continue  # inside the previous match
        starts = [v]
        duoc = _BEFORE_VERB.match(text, max(0, blank_start(text, v) - 10), v)  # "được" and blanks
        if duoc is not None:
            starts.append(duoc.start())
        # "sau", blanks, "đây" (three characters: case folding maps one to one), blanks
        lo = max(0, blank_start(text, max(0, blank_start(text, starts[-1]) - 3)) - 10)
        after = _BEFORE_DUOC.match(text, lo, starts[-1])
        if after is not None:
            starts.append(after.start())
        for q in reversed(starts):
            if q >= pos:
                m = _INLINE_BARE.match(text, q)
                if m is not None:
                    yield m
                    pos = m.end()
                    break


def _inline_definitions(text: str) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    seen: set[int] = set()
    for pattern in (_INLINE_PAREN, _INLINE_BARE):
        for m in pattern.finditer(text) if pattern is _INLINE_PAREN else _bare_matches(text):
            t0, t1 = _strip_span(text, m.start("term"), m.end("term"), _QUOTES)
            if t1 <= t0 or t0 in seen or _syllables(text[t0:t1]) > 15:
                continue
            if pattern is _INLINE_BARE and not m.group("after"):
                # "…, ký hiệu là QCVN", "…, viết tắt là BHXH": an abbreviation, named in a bare clause
                short = m.group("sign") or (m.group("mode") or "").lower() == "tắt"
                if not (short and _is_abbreviation(text[t0:t1])):
                    continue
            d1 = m.start()
            while d1 > 0 and text[d1 - 1] in " \t,":
                d1 -= 1
            term = text[t0:t1]
            d0 = -1
            if _is_abbreviation(term):
                span = _match_abbreviation(text, term, d1)
                if span is not None:
                    d0 = span
            if d0 < 0:
                together = (m.group("mode") or "").lower() == "chung"  # names a list: cross commas
                commas = 1000 if together else term.count(",")
                d0 = _phrase_before(text, d1, commas, not together)
                d0 = _name_start(text, d0, d1, term)
            d0, d1 = _strip_span(text, d0, d1, _QUOTES)
            if d1 <= d0 or not WORD.search(text, d0, d1):
                continue
            seen.add(t0)
            out.append((t0, t1, d0, d1))
    return out


# --------------------------------------------------------------------------------------------------------
# Abbreviations: "Ủy ban nhân dân (UBND)"


def _is_abbreviation(term: str) -> bool:
    return _ABBR_PAREN.fullmatch("(" + term + ")") is not None


def abbreviation_chunks(abbr: str) -> list[str]:
    """Folded chunks, one per capital: "TTg" -> ["tg"], "UBND" -> ["u", "b", "n", "d"]."""
    chunks: list[str] = []
    for ch in abbr:
        if not ch.isalpha():
            continue
        if ch.isupper() or not chunks:
            chunks.append(fold_letter(ch))
        else:
            chunks[-1] += fold_letter(ch)
    return chunks


def chunk_matches(chunk: str, word: str) -> bool:
    """The chunk's first letter starts the word and its other letters follow inside it ("tg" ~ "tuong")."""
    if not word or word[0] != chunk[0]:
        return False
    i = 1
    for ch in word[1:]:
        if i < len(chunk) and ch == chunk[i]:
            i += 1
    return i == len(chunk)


def _match_abbreviation(text: str, abbr: str, end: int) -> int | None:
    """Start of the full form ending at `end` whose word initials spell `abbr`, or None."""
    chunks = abbreviation_chunks(abbr)
    if len(chunks) < 2 or len(chunks) > 12:
        return None
    window_start = max(0, end - 30 * len(chunks))
    window_start = text.rfind("\n", window_start, end) + 1 or window_start  # not before the line start
    words = [(m.start(), m.group()) for m in WORD.finditer(text, window_start, end)]
    words = words[-(2 * len(chunks) + 4) :]
    folded = [bare(w) for _, w in words]
    raw = [w for _, w in words]
    n = len(words)

    # Trailing proper-name words ("Bảo hiểm xã hội Việt Nam (BHXH)") may follow the matched ones.
    for trailing in range(0, 3):
        last = n - 1 - trailing
        if last < 0:
            break
        if trailing and not raw[last + 1][0].isupper():
            break
        found = _match_back(chunks, folded, last)
        if found is not None:
            return words[found][0]
    return None


def _match_back(chunks: list[str], words: list[str], last: int, first: int | None = None) -> int | None:
    """Index of the first word when chunks[-1] matches words[last] and the others match backwards, skipping
    function words between them; with `first`, only a match that starts at that word counts. None if none."""
    # states: (chunk index, word index); iterative search with a small explicit stack (bounded sizes).
    stack: list[tuple[int, int]] = [(len(chunks) - 1, last)]
    seen: set[tuple[int, int]] = set()
    while stack:
        ci, wi = stack.pop()
        if (ci, wi) in seen or wi < 0:
            continue
        seen.add((ci, wi))
        word = words[wi]
        if chunk_matches(chunks[ci], word):
            if ci == 0:
                if first is None or wi == first:
                    return wi
            else:
                stack.append((ci - 1, wi - 1))
        if word in FOLDED_FUNCTION_WORDS and ci < len(chunks) - 1:
            stack.append((ci, wi - 1))
    return None


def initials_match(abbr: str, full: str, trailing: int = 0) -> bool:
    """Do the syllable initials of `full` spell `abbr`? Đ≈D and case are ignored, function words ("và",
    "của") may be skipped, a lower-case tail matches inside its syllable ("Thủ tướng" spells "TTg"); up to
    `trailing` extra words may follow ("Bảo hiểm xã hội Việt Nam" for "BHXH")."""
    chunks = abbreviation_chunks(abbr)
    words = [bare(w) for w in _LETTERS.findall(full)]
    if len(chunks) < 2 or not words or len(words) > 3 * len(chunks) + trailing:
        return False
    return any(
        _match_back(chunks, words, len(words) - 1 - t, first=0) == 0
        for t in range(min(trailing, len(words) - 1) + 1)
    )


_LETTERS = regex.compile(r"[\p{L}\p{M}]+")


def _abbreviation_definitions(text: str) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    for m in _ABBR_PAREN.finditer(text):
        abbr = m.group("abbr")
        d1 = m.start()
        while d1 > 0 and text[d1 - 1] in " \t":
            d1 -= 1
        d0 = _match_abbreviation(text, abbr, d1)
        if d0 is None:
            continue
        out.append((m.start("abbr"), m.end("abbr"), d0, d1))
    return out


# --------------------------------------------------------------------------------------------------------
# Abbreviations explained the other way round, and lists of abbreviations

# "UBND (Ủy ban nhân dân)": the full form in brackets after the abbreviation.
_REVERSE = regex.compile(
    _NB + r"(?P<abbr>[\p{Lu}][\p{L}\p{N}]*(?:[-&][\p{L}\p{N}]+)*)\s*\(\s*(?P<full>[^()\n]{3,150}?)\s*\)"
)
# "Thu nhập quốc gia (GNI)": a parenthesised Latin abbreviation, then up to eight words before it. Found in
# two steps (the parenthesis first, then the words in a bounded window) so the scan stays linear.
_FOREIGN_ABBR = regex.compile(r"\([ \t]*(?P<abbr>[A-Z][A-Za-z]*[A-Z][A-Za-z]*)[ \t]*\)")
_LEADING_LINK = _on_first_use(r"(?i:và|hoặc|với|theo|của|là|bằng|gồm|tại|cho)[ \t]+")
_FOREIGN_FULL = regex.compile(r"(?<![\p{L}\p{M}])(?:[\p{L}\p{M}]+[ \t]+){1,7}[\p{L}\p{M}]+[ \t]*$")
# A line that opens a list of abbreviations: "Điều 2. Từ ngữ viết tắt", "Giải thích từ viết tắt",
# "Trong Quyết định này, các chữ viết tắt dưới đây được hiểu như sau:", "Danh mục chữ viết tắt".
_LIST_TITLE = regex.compile(r"(?i)(?:từ\s+ngữ|chữ|từ|cụm\s+từ|ký\s+hiệu)\s+viết\s+tắt")
_LIST_LINE = _on_first_use(
    r"[ \t]*(?:(?:\d{1,3}[.)]|[a-zđ][.)]|[-–—+•*])[ \t]+)?[\"“”']?(?P<abbr>[\p{L}\p{N}]+(?:[-&./][\p{L}\p{N}]+)*)"
    r"[\"“”']?[ \t]*(?::|–|—|-|=|\t|\s(?:là|được\s+hiểu\s+là|có\s+nghĩa\s+là)\s)[ \t]*(?P<full>[^\n]+?)[ \t.;,]*$"
)


def looks_like_abbreviation(term: str) -> bool:
    """Two capitals or more, one written token, at most 20 characters ("UBND", "TTg", "NĐ-CP")."""
    letters = [c for c in term if c.isalpha()]
    return 2 <= len(term) <= 20 and sum(1 for c in letters if c.isupper()) >= 2 and " " not in term.strip()


def _reverse_definitions(text: str) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    for m in _REVERSE.finditer(text):
        if looks_like_abbreviation(m.group("abbr")) and initials_match(
            m.group("abbr"), m.group("full"), trailing=3
        ):
            out.append((m.start("abbr"), m.end("abbr"), m.start("full"), m.end("full")))
    return out


def _foreign_definitions(text: str, found: set[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    for m in _FOREIGN_ABBR.finditer(text):
        if (m.start("abbr"), m.end("abbr")) in found:
            continue
        full = _FOREIGN_FULL.search(text, max(0, m.start() - 160), m.start())
        if full is None:
            continue
        d0, d1 = _strip_span(text, whole_word_start(text, full.start(), full.end()), full.end())
        lead = _LEADING_LINK().match(text, d0, d1)
        if lead is not None and lead.end() < d1:
            d0 = lead.end()  # "và Văn hóa của …", "theo hình thức …": the name starts after the link word
        out.append((m.start("abbr"), m.end("abbr"), d0, d1))
    return out


def _list_definitions(text: str, lines: list[Line]) -> list[tuple[int, int, int, int]]:
    """Lines "UBND: Ủy ban nhân dân" / "UBND là Ủy ban nhân dân" under a title on abbreviations."""
    out: list[tuple[int, int, int, int]] = []
    in_list = False
    for line in lines:
        title = _LIST_TITLE.search(text, line.start, line.end)
        if not title and not in_list:
            continue
        head = _section_head(text, line)
        if title and (
            head or text[line.start : line.end].rstrip().endswith(":") or line.end - line.start <= 80
        ):
            in_list = True
            continue
        if not in_list:
            continue
        if head:
            in_list = False
            continue
        m = _LIST_LINE().match(text, line.start, line.end)
        if m and looks_like_abbreviation(m.group("abbr")):
            out.append((m.start("abbr"), m.end("abbr"), m.start("full"), m.end("full")))
    return out


# --------------------------------------------------------------------------------------------------------
# Entry point


def extract_definitions(text: str) -> list[Definition]:
    """Every definition in `text`, in order of `term_start`; offsets index the caller's string."""
    if not isinstance(text, str):
        hint = (
            " (decode it first with vnpolicytext.decode_bytes)" if isinstance(text, bytes | bytearray) else ""
        )
        raise TypeError(f"extract_definitions() takes the text as str, not {type(text).__name__}{hint}")
    norm = normalize(text)
    return _definitions(norm.text, text, norm.span)


def definitions_in_working_copy(work: str, lines: list[Line] | None = None) -> list[Definition]:
    """Like `extract_definitions`, for text that is already a normalised working copy (offsets index it);
    `lines`: `structure.text_lines(work)` when the caller has them."""
    return _definitions(work, work, lambda start, end: (start, end), lines)


def _definitions(
    work: str, text: str, span: Callable[[int, int], tuple[int, int]], lines: list[Line] | None = None
) -> list[Definition]:
    """Find the definitions in the working copy `work` and place them on `text` with `span`."""
    if lines is None:
        lines = text_lines(work)
    found: list[tuple[DefinitionKind, tuple[int, int, int, int]]] = []
    found.extend(("article", spans) for spans in _article_definitions(work, lines))
    found.extend(("inline", spans) for spans in _inline_definitions(work))
    articles = {(t0, t1) for _, (t0, t1, _, _) in found}
    found.extend(("sentence", spans) for spans in _titled_definitions(work, lines) if spans[:2] not in articles)
    found.extend(("abbreviation", spans) for spans in _abbreviation_definitions(work))
    found.extend(("abbreviation", spans) for spans in _reverse_definitions(work))
    terms = {(t0, t1) for _, (t0, t1, _, _) in found}
    found.extend(("foreign", spans) for spans in _foreign_definitions(work, terms))
    terms = {(t0, t1) for _, (t0, t1, _, _) in found}
    found.extend(("list", spans) for spans in _list_definitions(work, lines) if spans[:2] not in terms)
    out: list[Definition] = []
    seen: set[tuple[str, int, int]] = set()
    for kind, (t0, t1, d0, d1) in found:
        ts, te = span(t0, t1)
        ds, de = span(d0, d1)
        key = (kind, ts, te)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Definition(
                term=text[ts:te],
                definition=text[ds:de],
                kind=kind,
                term_start=ts,
                term_end=te,
                definition_start=ds,
                definition_end=de,
            )
        )
    out.sort(key=lambda d: (d.term_start, d.definition_start))
    return out
