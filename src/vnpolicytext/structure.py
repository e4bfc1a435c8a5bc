"""Structural facts of Vietnamese policy text, each found by one detector.

- structural labels: "Phần/Chương/Mục/Tiểu mục/Tiết/Điều/Phụ lục N" at the start of a line, with the
  list labels of clauses and points ("1.", "a)", "-") read by the segmenter (`segment.py`);
- section heads: a line that opens an article ("Điều 5.") or a larger part ("Chương II"), where a
  definitions article or a list of abbreviations ends;
- document numbers: "15/2020/NĐ-CP", "12/QĐ-UBND", "01/2016/TTLT-BLĐTBXH-BTC", "01-CT/TW";
- cross-references: "khoản 2 Điều 5", "điểm a", "Chương III", and document numbers with a year;
- lines: every line of the text, trimmed, with the kind of list label that opens it (`text_lines`), the
  one line model the segmenter and the definitions detector share.

The patterns run on the normalised working copy (NFC, "\\n" line ends).
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

import regex

from .lexicon import shipped_words

# Words that open a structural label, in title case and in capitals.
STRUCT_WORDS = (
    r"(?:Điều|ĐIỀU|Chương|CHƯƠNG|Tiểu\ mục|TIỂU\ MỤC|Mục|MỤC|Phần|PHẦN|Phụ\ lục|PHỤ\ LỤC|Tiết|TIẾT)"
)
# A structural label ("Điều 5.", "Chương II", "Mục 1:", glued "Điều 114:Trong"): without trailing punctuation
# it must be followed by a capital letter, a digit or the end, so "Điều 64 được sửa đổi" is not a label; the
# number is read whole ("Điều 114:" is never "Điều 11" + "4").
STRUCT_LABEL = regex.compile(
    STRUCT_WORDS + r"[ \t]+(?:\d{1,4}(?!\d)[a-zđ]?|[IVXLCDM]{1,7})"
    r"(?:[.:]{1,2}(?=\s|$|\p{Lu})|(?=[ \t]*(?:$|\n|[\p{Lu}\d\"“(-])))"
)
# The head line of an article ("Điều 5.", "Điều 12a:") and of a larger part ("Chương II", "Mục 3",
# "Phần thứ nhất" is not numbered and not matched) — what ends a definitions article or section.
ARTICLE_HEAD = regex.compile(r"[ \t]*(?i:điều)[ \t]+\d+[\p{Ll}]?[ \t]*[.:]")
PART_HEAD = regex.compile(
    r"[ \t]*(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)[ \t]+(?:[IVXLCDM]+|\d+)(?![\p{L}\p{N}])"
)

# Document numbers: "15/2020/NĐ-CP", "12/QĐ-UBND", "68/2020/QH14", "01/2016/TTLT-BLĐTBXH-BTC", "123/UBND-VX",
# and the party's "01-CT/TW", "03-HD/BTGTW".
DOCUMENT_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}/])\d{1,6}[\p{L}]{0,2}(?:-\p{Lu}[\p{L}\p{N}&]*)?(?:/\d{2,4})?"
    r"(?:/\p{Lu}[\p{L}\p{N}&.]*(?:-[\p{L}\p{N}&.]+)*)+"
)
# The number and year of a document number, leaving its code ("15/2020/NĐ-CP" -> "NĐ-CP").
_NUMBER_PARTS = regex.compile(r"^\d{1,6}[\p{L}]{0,2}-?|/\d{2,4}(?=/)")
_WITH_YEAR = regex.compile(r"^\d+/\d{4}/[\p{Lu}]")

# A reference to a part of this or another document: article, clause, point, chapter, section, appendix.
STRUCTURE_REFERENCE = regex.compile(
    r"\b(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm|[Cc]hương|[Mm]ục|[Pp]hụ lục)\s+(?:\d+[a-zđ]?|[a-zđ](?=[\s,.;)])|[IVXLC]+\b)"
)

LabelKind = Literal[
    "part", "chapter", "section", "subsection", "article", "appendix", "clause", "point", "item"
]

_LABEL_WORD = regex.compile(
    r"(?i:(?P<w>tiểu\s+mục|phụ\s+lục|điều|chương|mục|phần|tiết))[ \t]+(?P<n>\d{1,4}[a-zđ]?|[IVXLCDM]{1,7})"
)
_KINDS: dict[str, LabelKind] = {
    "phần": "part",
    "chương": "chapter",
    "mục": "section",
    "tiểu mục": "subsection",
    "tiết": "subsection",
    "điều": "article",
    "phụ lục": "appendix",
}
_CLAUSE = regex.compile(r"[\"“]?\(?(?P<n>\d{1,3})[.)]")
_POINT = regex.compile(r"\(?(?P<n>[a-zđ])\d{0,2}\)")


def document_code(number: str) -> str:
    """The code of a document number ("15/2020/NĐ-CP" -> "NĐ-CP", "12/QĐ-UBND" -> "QĐ-UBND")."""
    return _NUMBER_PARTS.sub("", number).lstrip("/")


def has_year(number: str) -> bool:
    """Does a document number carry a year ("15/2020/NĐ-CP" yes, "12/QĐ-UBND" no)?"""
    return _WITH_YEAR.match(number) is not None


def is_section_head(text: str, start: int, end: int) -> bool:
    """Does the line text[start:end] open an article or a larger part?"""
    return ARTICLE_HEAD.match(text, start, end) is not None or PART_HEAD.match(text, start, end) is not None


@lru_cache(maxsize=4096)
def label_kind(label: str) -> tuple[LabelKind, str]:
    """The kind and number of a unit's first label ("Điều 5." -> ("article", "5"), "a)" -> ("point", "a")).
    Cached: a text repeats a few labels ("a)", "1.", "-") many times."""
    m = _LABEL_WORD.match(label)
    if m is not None:
        word = " ".join(m.group("w").lower().split())
        return _KINDS[word], m.group("n")
    m = _CLAUSE.match(label)
    if m is not None:
        return "clause", m.group("n")
    m = _POINT.match(label)
    if m is not None:
        return "point", m.group("n")
    return "item", label.strip()


# Line labels of lists and definitions articles: "1." / "1)" (numbers), "1.1." (sub-numbers), "a)"
# (letters), "-" / "+" / "•" (dashes).
LineLabel = Literal["sub", "num", "let", "dash"]
LINE_LABELS: tuple[tuple[LineLabel, regex.Pattern[str]], ...] = (
    ("sub", regex.compile(r"[ \t]*\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?[ \t]+")),
    # "1. ", "1) ", and a number glued to the item ("3.Người …", "2..Thông tin …", "4.. Cơ sở …")
    ("num", regex.compile(r"[ \t]*\d{1,3}(?:[.)]\.?[ \t]+|\.\.?(?=\p{Lu}))")),
    ("let", regex.compile(r"[ \t]*[a-zđ][.)][ \t]+")),
    ("dash", regex.compile(r"[ \t]*[-–—+•*][ \t]+")),
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: its span ("\\n" excluded), its trimmed span, and the list label opening it."""

    start: int
    end: int
    first: int  # first non-space character (== end on a blank line)
    last: int  # just after the last non-space character
    label: LineLabel | None
    body: int  # just after the label (== start when there is none)

    @property
    def blank(self) -> bool:
        return self.first >= self.last


# `LINE_LABELS` as one pattern, tried in the same order (the first alternative that matches wins; none
# matches an empty string): one match call per line.
_ANY_LINE_LABEL = regex.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in LINE_LABELS))


def line_label(text: str, start: int, end: int) -> tuple[LineLabel | None, int]:
    """The list label at `start` and where the line's body begins after it."""
    m = _ANY_LINE_LABEL.match(text, start, end)
    if m is None:
        return None, start
    return cast(LineLabel, m.lastgroup), m.end()


def text_lines(text: str) -> list[Line]:
    """Every line of `text` (lines end at "\\n"), in one pass."""
    out: list[Line] = []
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        label, body = line_label(text, pos, end)
        out.append(Line(pos, end, s, e, label, body))
        if nl < 0:
            break
        pos = nl + 1
    return out


# What marks a URL or an e-mail address; the whole whitespace-delimited chunk around it is the address.
URL_MARK = regex.compile(r"(?i)://|www\.|@|\.(?:vn|com|org|net|gov)\b")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-delimited chunks of `text` that hold a URL or e-mail mark, in order.

    Found from each mark outwards, every character visited once, so the scan stays linear however the
    text is shaped."""
    spans: list[tuple[int, int]] = []
    for m in URL_MARK.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        start, end = m.start(), m.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with overlapping or touching ones merged (what `in_spans` needs)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` inside one of the sorted, disjoint `spans`? By bisection, so many lookups stay linear."""
    i = bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return i >= 0 and pos < spans[i][1]


# Names of bodies and titles of documents: a head word, then a capitalised word, then the rest of the name
# (Vietnamese capitalises only the first word of a proper name after its head: "Cục Lãnh sự", "Luật Ngân
# sách nhà nước", "Bộ Văn hóa, Thể thao và Du lịch"). No lexical rule fires inside a name.
_BODY_HEADS = (
    "Tổng cục|Chi cục|Cục|Vụ|Sở|Ban|Ủy ban|Uỷ ban|Tòa án|Toà án|Viện kiểm sát|Viện|Văn phòng|Trung tâm|Phòng|"
    "Hội đồng|Quỹ|Kho bạc|Ngân hàng|Công an|Đài|Báo|Tạp chí|Trường|Bệnh viện|Học viện|Hội|Mặt trận|Liên đoàn|"
    "Đoàn|Thanh tra|Kiểm toán|Tổng công ty|Công ty|Tập đoàn|Cổng|Hệ thống|Chương trình|Đề án|Chiến lược|"
    "Cơ sở dữ liệu|Bộ"
)
_DOC_HEADS = (
    "Bộ luật|Luật|Pháp lệnh|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Chỉ thị|Hiến pháp|"
    "Công ước|Hiệp định|Công điện|Kế hoạch|Quy chế|Điều lệ"
)
NAME_START = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<head>{_DOC_HEADS}|{_BODY_HEADS})[ \t]+(?=\p{{Lu}})",
)
# Lower-case words that end a name: what follows is the sentence, not the name.
_NAME_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
_QUOTED = regex.compile(r"[“\"](?P<body>\p{Lu}[^“”\"\n]{0,80}?)[”\"]")
_MAX_NAME_WORDS = 9
# The heads alone, for `re`, which skips to a possible first letter in C: most units hold no head at all
# (a match of `NAME_START` starts with one), so the slower scan runs only where one is.
_ANY_HEAD = re.compile(f"{_DOC_HEADS}|{_BODY_HEADS}")
_DOC_HEAD_SET = frozenset(_DOC_HEADS.split("|"))
_DIGIT_NEXT = regex.compile(r"[ \t]+\d")
_NUMBER_AFTER = regex.compile(r"[ \t]+số[ \t]+")


def names_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the names of bodies, titles of documents (with their number) and quoted names in
    text[start:end], in order and without overlaps."""
    spans: list[tuple[int, int]] = []
    stop_words = shipped_words("name_stop_words.txt")
    heads = NAME_START.finditer(text, start, end) if _ANY_HEAD.search(text, start, end) else ()
    for m in heads:
        if spans and m.start() < spans[-1][1]:
            continue
        pos, stop, words = m.end(), m.end(), 0
        while pos < end and words < _MAX_NAME_WORDS:
            w = _NAME_WORD.match(text, pos, end)
            if w is None:
                break
            word = w.group()
            if words and word[0].islower() and (word in stop_words or (word == "số" and _DIGIT_NEXT.match(text, w.end(), end))):
                break
            words += 1
            stop = w.end()
            nxt = stop
            if text.startswith(", ", nxt) and nxt + 2 < end and text[nxt + 2].isupper():
                nxt += 2  # "Bộ Văn hóa, Thể thao và Du lịch"
            elif nxt < end and text[nxt] == " ":
                nxt += 1
            else:
                break
            if text.startswith("và ", nxt) and (
                not (nxt + 3 < end and text[nxt + 3].isupper()) or NAME_START.match(text, nxt + 3, end)
            ):
                break
            pos = nxt
        if m.group("head") in _DOC_HEAD_SET:
            number = _NUMBER_AFTER.match(text, stop, end)
            if number is not None:
                doc_number = DOCUMENT_NUMBER.match(text, number.end(), end)
                if doc_number is not None:
                    stop = doc_number.end()
        spans.append((m.start(), stop))
    # the names found are disjoint and in order: a quote overlapping one is found by bisection (linear time)
    if text.find('"', start, end) < 0 and text.find("“", start, end) < 0:
        return spans  # no quote can open here (found in order: already sorted)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    for q in _QUOTED.finditer(text, start, end):
        k = bisect.bisect_right(starts, q.start()) - 1
        if k >= 0 and q.start() < ends[k]:
            continue
        k = bisect.bisect_left(starts, q.end()) - 1
        if k >= 0 and q.end() <= ends[k]:
            continue
        spans.append((q.start("body"), q.end("body")))
    return sorted(spans)
