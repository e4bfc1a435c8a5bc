"""Analyzer 'legal_structure' (legal profile): numbering and references of a legal document.

- numbering: Chương and Mục run 1, 2, 3 … (Roman or Arabic), Điều runs through the whole document, khoản
  restart at 1 in each article and điểm at "a" in each clause, in the order of the Vietnamese alphabet
  (a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y: no f, j, w, z);
- cross-references to an article, clause or point of this document that does not exist ("khoản 4 Điều 7"
  when Điều 7 has three clauses; "khoản 3 Điều này"); references naming another document are left alone,
  and article references are checked only when the document's own articles run without a gap (so an
  excerpt is not taken for a broken law);
- numbers of other documents given without their year and without a date ("Quyết định số 12/QĐ-UBND").
Text inside “…” (the quoted provisions of an amending law) is skipped. Built on the labels layer; one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex
from pydantic import Field

from ..document import Document
from ..models import Model
from ..registry import Analyzer, Level, Rule
from ..structure import has_year
from .base import Context

_LEGAL_ONLY: dict[str, Level] = {"citizen": "off", "news": "off"}
_SOURCE = "Điều 61-63 Luật Ban hành văn bản quy phạm pháp luật 2015; Phụ lục I Nghị định 34/2016/NĐ-CP."
RULES = (
    Rule(
        "legal_structure.numbering",
        "warning",
        "A chapter, section, article, clause or point numbered out of sequence.",
        "{what} {number} đứng sau {after}; theo thứ tự phải là {expected}.",
        "Điều 1. … Điều 2. … Điều 4. … → Điều 1. … Điều 2. … Điều 3. …",
        why="Đánh số sai làm các dẫn chiếu «khoản 3 Điều 4» trỏ sai chỗ và người đọc không tìm được quy định.",
        source=_SOURCE,
        levels=_LEGAL_ONLY,
    ),
    Rule(
        "legal_structure.missing_reference",
        "error",
        "A cross-reference to an article, clause or point that this document does not have.",
        "Dẫn chiếu «{reference}» trỏ tới {target} không có trong văn bản.",
        "Điều 7 có ba khoản … theo khoản 4 Điều 7 → theo khoản 3 Điều 7 (hoặc bổ sung khoản 4).",
        why="Dẫn chiếu tới quy định không tồn tại làm người đọc không biết phải áp dụng điều gì.",
        source=_SOURCE,
        levels=_LEGAL_ONLY,
    ),
    Rule(
        "legal_structure.incomplete_document_reference",
        "info",
        "A reference to another document by a number without year and without its date.",
        "Văn bản số «{number}» được dẫn mà không có ngày ban hành; nên ghi đủ số, ngày và tên văn bản.",
        "theo Quyết định số 12/QĐ-UBND → theo Quyết định số 12/QĐ-UBND ngày 05/3/2026 của Ủy ban nhân dân tỉnh",
        why="Số không kèm năm trùng lặp hằng năm; thiếu ngày, người đọc không tra được đúng văn bản.",
        source="Điều 8 Nghị định 30/2020/NĐ-CP (số, ký hiệu và ngày văn bản).",
        levels=_LEGAL_ONLY,
    ),
)

ALPHABET = "abcdđeghiklmnopqrstuvxy"
# The kinds numbered afresh inside each kind of part.
_BELOW = {"chapter": ("section",), "article": ("clause", "point"), "clause": ("point",)}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_WHAT = {"chapter": "Chương", "section": "Mục", "article": "Điều", "clause": "Khoản", "point": "Điểm"}
_SUB_CLAUSE = regex.compile(r"\d+\.\d")

# "điểm a khoản 2 Điều 5", "khoản 2 Điều 5", "Điều 5"; and "khoản 3 Điều này", "điểm b khoản này".
_REFERENCE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:[Đđ]iểm\s+(?P<point>[a-zđ])\s+)?(?:[Kk]hoản\s+(?P<clause>\d+)\s+(?:của\s+)?)?"
    r"(?:[Đđ]iều\s+(?P<article>\d+|này)(?![\p{L}\p{N}]))"
)
# A document named after a reference in the same clause ("từ Điều 138 đến Điều 143 của Bộ luật Dân sự",
# "khoản 2 Điều 357, khoản 5 Điều 466 và Điều 468 của Bộ luật Dân sự"): the reference is to that document,
# unless it is "… này" (this one).
_EXTERNAL = regex.compile(
    r"[^.;:\n“”]{0,160}?(?<![\p{L}])(?P<doc>Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Pháp\s+lệnh|"
    r"Nghị\s+quyết|Hiến\s+pháp|Chỉ\s+thị|Công\s+ước|Hiệp\s+định|Điều\s+lệ|Quy\s+chế)(?![\p{L}])"
    r"(?P<this>\s+này)?"
)
_DATE_AFTER = regex.compile(r"(?i)(?:(?!số\s)[^.;\n/]){0,40}?ngày\s+\d")  # not past another number
# The document's own number ("Số: 12/QĐ-UBND", dated in its header) and numbers of forms ("Mẫu số 01/TK").
_OWN_NUMBER = regex.compile(r"(?i)(?:số\s*:|mẫu\s+số|biểu\s+số|ký\s+hiệu(?:\s+là)?)\s*$")


# An article or clause that amends another document ("Sửa đổi, bổ sung khoản 2 Điều 11 như sau:").
_AMENDS = regex.compile(
    r"(?i)(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)[^.\n]{0,200}?(?:như\s+sau|sau\s+đây)\s*:"
)


def _follows(kind: str, expected: str | None, number: str) -> bool:
    """Is `number` the one after `expected` (the number a slipped label should have had)? Then the label
    that slipped was the only error, and this one is in sequence again."""
    if expected is None:
        return False
    if kind == "point":
        i = ALPHABET.find(expected)
        return 0 <= i < len(ALPHABET) - 1 and ALPHABET[i + 1] == number
    a = int(expected) if expected.isdigit() else roman(expected)
    b = int(number) if number.isdigit() else roman(number)
    return a is not None and b is not None and b == a + 1


def _all_glued(text: str, start: int, end: int, labels: list[str], mark: str) -> bool:
    """Are all of `labels` ("3.", "4.") written, in order, inside text[start:end] without their own lines
    ("4.Thành lập …", "3..Môi trường …": glued to their text or mistyped)?"""
    pos = start
    for label in labels:
        pattern = rf"(?<![\p{{L}}\p{{N}}]){regex.escape(label)}{regex.escape(mark)}(?!\d)"
        m = regex.compile(pattern).search(text, pos, end)
        if m is None:
            return False
        pos = m.end()
    return True


def roman(number: str) -> int | None:
    """The value of a chapter number in Arabic or Roman figures (None when neither)."""
    if number.isdigit():
        return int(number)
    if not number or any(c not in _ROMAN for c in number):
        return None
    total = 0
    for a, b in zip(number, number[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


def to_roman(value: int) -> str:
    """Roman figures of a positive number (Chương IV)."""
    out = ""
    for v, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= v:
            out += sym
            value -= v
    return out


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside curly double quotes (quoted provisions), one pass."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in regex.finditer(r"[“”]", text):
        if m.group() == "“" and start is None:
            start = m.start()
        elif m.group() == "”" and start is not None:
            out.append((start, m.end()))
            start = None
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@dataclass(slots=True)
class _Outline:
    """The articles of the document, their clauses and points, and which article each unit belongs to."""

    articles: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    article_of_unit: dict[int, str] = field(default_factory=dict)
    amending_units: set[int] = field(default_factory=set)
    articles_contiguous: bool = True


class LegalStructureSummary(Model):
    """The outline of the document and what is wrong with it."""

    chapters: int = Field(description="Chapters (Chương).")
    articles: int = Field(description="Articles (Điều).")
    numbering_errors: int = Field(description="Labels numbered out of sequence.")
    references_checked: int = Field(description="References to this document's own parts that were checked.")
    missing_references: int = Field(description="References to parts that do not exist.")
    incomplete_document_references: int = Field(description="Document numbers without year or date.")


def _numbering(
    ctx: Context, doc: Document, quoted: list[tuple[int, int]], starts: list[int]
) -> tuple[int, _Outline]:
    errors = 0
    outline = _Outline()
    last: dict[str, str | None] = {k: None for k in _WHAT}
    article: str | None = None
    clause: str | None = None
    in_appendix = False
    label_at = {lab.unit: lab for lab in doc.labels}
    article_numbers: list[int] = []
    since = {"clause": 0, "point": 0}  # where the last clause / point label ended
    amending = False  # inside an article that amends another document: its numbering is that document's
    resync: dict[str, str | None] = {}  # per kind, the number expected at the last slip, if the last was one
    for u in doc.units:
        lab = label_at.get(u.index)
        if _AMENDS.search(u.text):
            amending = True
            outline.amending_units.add(u.index)
        at_line_start = lab is not None and doc.text[
            doc.line_start(lab.start) : lab.start
        ].strip() in (
            "",
            "“",
            '"',
        )
        if lab is not None and at_line_start and not _inside(quoted, starts, lab.start):
            kind, number = lab.kind, lab.number
            expected: str | None = None
            previous = last.get(kind) if kind in last else None
            if kind == "appendix":
                in_appendix = True
            elif kind in ("chapter", "section", "article"):
                value = roman(number) if kind != "article" else (int(number) if number.isdigit() else None)
                if kind == "chapter":
                    in_appendix = False
                    last["section"] = None
                if kind == "article":
                    in_appendix = False
                    amending = False
                    since["clause"] = since["point"] = lab.end
                    article, clause = number, None
                    outline.articles.setdefault(number, {})
                    last["clause"] = last["point"] = None
                    if value is not None:
                        article_numbers.append(value)
                prev_value = (
                    None
                    if previous is None
                    else roman(previous)
                    if kind != "article"
                    else (int(previous) if previous.isdigit() else None)
                )
                if value is not None:
                    want = 1 if previous is None else (prev_value + 1 if prev_value is not None else None)
                    if want is not None and value != want and not (kind == "article" and previous is None):
                        expected = str(want) if number.isdigit() else to_roman(want)
                    last[kind] = number
            elif kind == "clause" and article is not None and not in_appendix:
                text = doc.text[lab.start : lab.end]
                if not _SUB_CLAUSE.search(text):
                    clause = number
                    outline.articles[article].setdefault(number, set())
                    want_n = 1 if previous is None else int(previous) + 1
                    if int(number) != want_n and not amending:
                        missing = [str(k) for k in range(want_n, int(number))]
                        if missing and _all_glued(doc.text, since["clause"], lab.start, missing, "."):
                            for k in missing:
                                outline.articles[article].setdefault(k, set())
                        else:
                            expected = str(want_n)
                    last["clause"] = number
                    last["point"] = None
                    since["clause"] = since["point"] = lab.end
            elif kind == "point" and article is not None and clause is not None and not in_appendix:
                outline.articles[article][clause].add(number)
                i = -1 if previous is None else ALPHABET.find(previous)
                want_p = ALPHABET[i + 1] if i + 1 < len(ALPHABET) else None
                if want_p is not None and number != want_p and not amending:
                    at = ALPHABET.find(number)
                    gap = list(ALPHABET[ALPHABET.find(want_p) : at]) if at > ALPHABET.find(want_p) else []
                    if gap and _all_glued(doc.text, since["point"], lab.start, gap, ")"):
                        outline.articles[article][clause].update(gap)
                    else:
                        expected = want_p
                last["point"] = number
                since["point"] = lab.end
            if expected is not None and _follows(kind, resync.get(kind), number):
                expected = None  # "a, b, c, b, đ": the second "b" was the slip, "đ" is right after it
            if kind in _WHAT:
                resync[kind] = expected
                for lower in _BELOW.get(kind, ()):
                    resync[lower] = None
            if expected is not None and ctx.enabled("legal_structure.numbering"):
                errors += 1
                what = _WHAT[kind]
                ctx.add(
                    "legal_structure.numbering",
                    lab.start,
                    lab.end,
                    data={"kind": kind, "number": number, "previous": previous, "expected": expected},
                    what=what,
                    number=number,
                    after=f"{what} {previous}" if previous is not None else "phần mở đầu",
                    expected=expected,
                )
        if article is not None:
            outline.article_of_unit[u.index] = article
        if amending:
            outline.amending_units.add(u.index)
    outline.articles_contiguous = bool(article_numbers) and article_numbers == list(
        range(article_numbers[0], article_numbers[0] + len(article_numbers))
    )
    return errors, outline


def _references(
    ctx: Context, doc: Document, outline: _Outline, quoted: list[tuple[int, int]], starts: list[int]
) -> tuple[int, int]:
    checked = missing = 0
    if len(outline.articles) < 2:
        return 0, 0
    text = doc.text
    for u in doc.units:
        if u.index in outline.amending_units:
            continue  # "Sửa đổi, bổ sung khoản 3 Điều 11 …": the amended document's parts
        body_start = u.label_end
        for m in _REFERENCE.finditer(text, body_start, u.end):
            if _inside(quoted, starts, m.start()):
                continue
            ext = _EXTERNAL.match(text, m.end())
            if ext is not None and not ext.group("this"):
                continue  # "Điều 5 của Luật …": another document
            art = m.group("article")
            if art == "này":
                art = outline.article_of_unit.get(u.index)
                if art is None:
                    continue
            clause, point = m.group("clause"), m.group("point")
            target: str | None = None
            checked += 1
            if art not in outline.articles:
                if outline.articles_contiguous:
                    target = f"Điều {art}"
            elif clause is not None:
                clauses = outline.articles[art]
                if clauses and clause not in clauses:
                    target = f"khoản {clause} của Điều {art} (Điều {art} có {len(clauses)} khoản)"
                elif point is not None and clauses.get(clause) and point not in clauses[clause]:
                    target = f"điểm {point} của khoản {clause} Điều {art}"
            if target is not None:
                missing += 1
                ctx.add(
                    "legal_structure.missing_reference",
                    m.start(),
                    m.end(),
                    data={"article": art, "clause": clause, "point": point},
                    reference=m.group(),
                    target=target,
                )
    return checked, missing


def _document_numbers(ctx: Context, doc: Document, quoted: list[tuple[int, int]], starts: list[int]) -> int:
    found = 0
    for span in doc.document_numbers:
        if has_year(span.text) or _inside(quoted, starts, span.start):
            continue
        unit = doc.units[span.unit]
        if span.start < unit.label_end or _OWN_NUMBER.search(
            doc.text, max(unit.start, span.start - 8), span.start
        ):
            continue  # the document's own number ("Số: 12/QĐ-UBND") is dated in its header
        if _DATE_AFTER.match(doc.text, span.end, min(len(doc.text), span.end + 60)):
            continue
        found += 1
        end = span.end - 1 if span.text.endswith(".") else span.end
        ctx.add(
            "legal_structure.incomplete_document_reference",
            span.start,
            end,
            data={"number": doc.text[span.start : end]},
            number=doc.text[span.start : end],
        )
    return found


def analyze(ctx: Context) -> LegalStructureSummary | None:
    """Check numbering, internal references and document references (legal profile)."""
    if not any(ctx.enabled(r.id) for r in RULES):
        return None
    doc = ctx.doc
    quoted = _quoted(doc.text)
    starts = [a for a, _ in quoted]
    errors, outline = _numbering(ctx, doc, quoted, starts)
    checked, missing = (
        _references(ctx, doc, outline, quoted, starts)
        if ctx.enabled("legal_structure.missing_reference")
        else (0, 0)
    )
    incomplete = (
        _document_numbers(ctx, doc, quoted, starts)
        if ctx.enabled("legal_structure.incomplete_document_reference")
        else 0
    )
    return LegalStructureSummary(
        chapters=sum(1 for lab in doc.labels if lab.kind == "chapter"),
        articles=len(outline.articles),
        numbering_errors=errors,
        references_checked=checked,
        missing_references=missing,
        incomplete_document_references=incomplete,
    )


ANALYZER = Analyzer(
    name="legal_structure",
    title="Cấu trúc văn bản pháp luật",
    description="Numbering of chapters, articles, clauses and points; references to parts that do not exist; "
    "document numbers without a date (legal profile).",
    rules=RULES,
    summary=LegalStructureSummary,
    run=analyze,
    report_note="None when disabled or outside the legal profile",
)
