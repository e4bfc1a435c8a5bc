"""PDF input: the text layer page by page, in reading order, with hard-wrapped lines joined.

pdfplumber gives every character with its position. From them this module builds lines (characters
whose vertical middles fall in one line's band), splits a line at wide horizontal gaps into segments
(the two-column header block of a Vietnamese decision, table cells), reads a run of two-column lines
column by column, drops running headers and footers (a line in the top or bottom band of the page that
repeats at the same height on other pages, digits ignored) and bare page numbers, and joins the lines of
a paragraph the way the sentence rules expect: a line that did not reach the right edge, a wider gap
between lines, an indented line after a finished sentence, or a line that starts with a list label
("Điều 5.", "1.", "a)", "-") starts a new paragraph; other lines are joined with a space (a word broken
after a hyphen or a soft hyphen is joined without one). Paragraphs are separated by a blank line.
Rotated text is left out. A PDF without a text layer (a scan) is refused: there is no OCR.
"""

from __future__ import annotations

import io
import itertools
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import Config, InputError, analyze
from .location import CharMap, DocumentReport, FindingLocation, Source, read_source, source_name

_LABEL = regex.compile(
    r"(?:(?:Điều|Chương|Mục|Phần|Khoản|Bước)\s+[0-9IVXLCDM]+[.:]?"
    r"|\d{1,3}(?:\.\d{1,3})*[.)]"
    r"|[a-zđ]\)"
    r"|[IVXLC]{1,6}\."
    r"|[-+•–*])(?:\s|$)"
)
_PAGE_NUMBER = regex.compile(r"(?i)[-–\s]*(?:trang|page)?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?[-–\s]*")
_TERMINAL = frozenset(".!?…:;")
_CLAUSE_END = frozenset(".!?…:;,")
_CLOSERS = frozenset("\"'”’»)]")
_COLUMN_GAP = 2.5  # em: a wider gap inside a line separates columns (or table cells)
_EDGE_BAND = 0.12  # share of the page height at the top and bottom where headers and footers live


@dataclass
class _Piece:
    text: str
    char: dict[str, Any] | None  # None for a space we inserted


@dataclass
class _Line:
    page: int
    pieces: list[_Piece]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int = -1  # multi-column block id on its page, -1 for full-width lines
    column: int = 0

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class PdfLocator:
    """Picklable map from extracted offsets to pages and positions."""

    text: str
    chars: CharMap = field(default_factory=CharMap)

    def locate(self, start: int, end: int) -> FindingLocation:
        n = len(self.text)
        if n == 0:
            return FindingLocation(text_start=start, text_end=end)
        s = min(max(start, 0), n - 1)
        e = min(max(end - 1, s), n - 1)
        return FindingLocation(
            text_start=start,
            text_end=end,
            page=self.chars.page[s],
            end_page=self.chars.page[e],
            x=round(self.chars.x[s], 2),
            top=round(self.chars.top[s], 2),
        )


@dataclass
class PdfText:
    """The extracted text of a PDF, its page count, and per character the page and position."""

    text: str
    pages: int
    locator: PdfLocator
    dropped: list[str]  # header, footer and page-number lines left out


# --------------------------------------------------------------------------- characters to lines


def _pieces(chars: list[dict[str, Any]]) -> list[_Piece]:
    """The text of chars sorted left to right: combining marks join their base, NFC, gaps become spaces."""
    out: list[_Piece] = []
    prev: dict[str, Any] | None = None
    for c in chars:
        t = c["text"]
        if not t:
            continue
        if out and unicodedata.combining(t[0]) and out[-1].char is not None:
            out[-1].text = unicodedata.normalize("NFC", out[-1].text + t)
            continue
        if prev is not None and not t.isspace() and not out[-1].text.isspace():
            gap = float(c["x0"]) - float(prev["x1"])
            if gap > 0.2 * float(c.get("size") or 10):
                out.append(_Piece(" ", None))
        if t.isspace():
            if out and out[-1].text.isspace():
                continue
            t = " "
        elif 0xFB00 <= ord(t[0]) <= 0xFB06:  # ligatures fi, fl, …
            t = unicodedata.normalize("NFKC", t)
        out.append(_Piece(unicodedata.normalize("NFC", t), c))
        prev = c
    while out and out[-1].text.isspace():
        out.pop()
    while out and out[0].text.isspace():
        out.pop(0)
    return out


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a character drawn again on top of itself (fake bold, shadows): same text within 1 pt."""
    kept: list[dict[str, Any]] = []
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for c in chars:
        x, top = float(c["x0"]), float(c["top"])
        key = (c["text"], round(x), round(top))
        near = [
            o
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for o in seen.get((c["text"], key[1] + dx, key[2] + dy), ())
            if abs(float(o["x0"]) - x) <= 1 and abs(float(o["top"]) - top) <= 1
        ]
        if near:
            continue
        seen.setdefault(key, []).append(c)
        kept.append(c)
    return kept


def _make_line(page: int, chars: list[dict[str, Any]]) -> _Line | None:
    pieces = _pieces(chars)
    if not pieces:
        return None
    real = [c for c in chars if not c["text"].isspace()]
    return _Line(
        page=page,
        pieces=pieces,
        x0=min(float(c["x0"]) for c in real),
        x1=max(float(c["x1"]) for c in real),
        top=min(float(c["top"]) for c in real),
        bottom=max(float(c["bottom"]) for c in real),
        size=statistics.median(float(c.get("size") or 10) for c in real),
    )


def _page_lines(page_no: int, chars: list[dict[str, Any]]) -> list[list[_Line]]:
    """Rows of the page, top to bottom; each row is its segments left to right."""
    chars = [c for c in chars if c.get("upright", True) and c["text"]]
    chars.sort(key=lambda c: (float(c["top"]), float(c["x0"])))
    rows: list[list[dict[str, Any]]] = []
    band: tuple[float, float] | None = None
    for c in chars:
        mid = (float(c["top"]) + float(c["bottom"])) / 2
        if band is not None and band[0] <= mid <= band[1]:
            rows[-1].append(c)
            height = float(c["bottom"]) - float(c["top"])
            if height > band[1] - band[0]:
                band = (float(c["top"]), float(c["bottom"]))
        else:
            rows.append([c])
            band = (float(c["top"]), float(c["bottom"]))
    out: list[list[_Line]] = []
    for row in rows:
        row.sort(key=lambda c: float(c["x0"]))
        segments: list[list[dict[str, Any]]] = [[]]
        last_x1: float | None = None
        for c in row:
            size = float(c.get("size") or 10)
            if last_x1 is not None and float(c["x0"]) - last_x1 > _COLUMN_GAP * size and segments[-1]:
                segments.append([])
            segments[-1].append(c)
            if not c["text"].isspace():
                last_x1 = float(c["x1"])
        lines = [ln for seg in segments if (ln := _make_line(page_no, seg)) is not None]
        if lines:
            out.append(lines)
    return out


def _merge(row: list[_Line]) -> _Line:
    """The segments of one row as a single line."""
    if len(row) == 1:
        return row[0]
    pieces: list[_Piece] = []
    for ln in row:
        if pieces:
            pieces.append(_Piece(" ", None))
        pieces.extend(ln.pieces)
    return _Line(
        page=row[0].page,
        pieces=pieces,
        x0=min(ln.x0 for ln in row),
        x1=max(ln.x1 for ln in row),
        top=min(ln.top for ln in row),
        bottom=max(ln.bottom for ln in row),
        size=max(ln.size for ln in row),
    )


def _tight(above: list[_Line], below: list[_Line]) -> bool:
    """True when `below` follows `above` at ordinary line spacing (no blank line between them)."""
    size = max(ln.size for ln in (*above, *below))
    return min(ln.top for ln in below) - max(ln.bottom for ln in above) < size


def _order(rows: list[list[_Line]]) -> list[_Line]:
    """Reading order: rows top to bottom; a run of two or more two-column rows column by column.

    A row split by a wide gap starts a column block when the next rows, at ordinary line spacing, are
    split too or lie on one side of the gap; a split row alone is one line (wide spacing, not columns).
    """
    out: list[_Line] = []
    block_id = 0
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) >= 2:
            gap = (row[0].x1, row[1].x0)
            j = i + 1
            while (
                j < len(rows)
                and (len(rows[j]) >= 2 or rows[j][0].x1 <= gap[0] + 1 or rows[j][0].x0 >= gap[1] - 1)
                and _tight(rows[j - 1], rows[j])
            ):
                j += 1
            if j - i >= 2:
                block = [ln for r in rows[i:j] for ln in r]
                for ln in block:
                    ln.block = block_id
                    ln.column = 0 if ln.x1 <= gap[0] + 1 else 1
                block.sort(key=lambda ln: (ln.column, ln.top, ln.x0))
                out.extend(block)
                block_id += 1
                i = j
                continue
        out.append(_merge(row))
        i += 1
    return out


# --------------------------------------------------------------------------- headers and footers


def _key(line: _Line) -> str:
    return regex.sub(r"\d+", "#", " ".join(line.text.split())).casefold()


def _drop_running(pages: list[list[_Line]], heights: list[float]) -> tuple[list[list[_Line]], list[str]]:
    """Remove headers/footers repeated across pages and bare page numbers at the top or bottom."""

    def edge(page: int, ln: _Line) -> bool:
        h = heights[page]
        return ln.bottom <= _EDGE_BAND * h or ln.top >= (1 - _EDGE_BAND) * h

    candidates: list[list[_Line]] = []
    for p, lines in enumerate(pages):
        ends = lines[:3] + lines[-3:]
        candidates.append([ln for ln in ends if edge(p, ln)])
    dropped: list[str] = []
    out: list[list[_Line]] = []
    n = len(pages)
    for p, lines in enumerate(pages):
        drop: set[int] = set()
        for ln in candidates[p]:
            if _PAGE_NUMBER.fullmatch(ln.text):
                drop.add(id(ln))
                continue
            if n < 2:
                continue
            key = _key(ln)
            same = sum(
                1
                for q in range(n)
                if q != p and any(_key(o) == key and abs(o.top - ln.top) <= 3 for o in candidates[q])
            )
            if same + 1 >= (2 if n <= 3 else 3):
                drop.add(id(ln))
        dropped.extend(ln.text for ln in lines if id(ln) in drop)
        out.append([ln for ln in lines if id(ln) not in drop])
    return out, dropped


# --------------------------------------------------------------------------- joining lines


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in _TERMINAL


def _first_word_width(line: _Line) -> float:
    chars = [p.char for p in line.pieces]
    width = 0.0
    for p, c in zip(line.pieces, chars, strict=True):
        if p.text.isspace() or c is None:
            break
        width += float(c["x1"]) - float(c["x0"])
    return width


def _breaks(prev: _Line, nxt: _Line, right: float, pitch: float | None) -> bool:
    """True when `nxt` starts a new paragraph after `prev`."""
    if prev.block != nxt.block or prev.column != nxt.column or prev.block >= 0:
        return True
    if abs(nxt.size - prev.size) > 0.15 * max(nxt.size, prev.size):
        return True  # a change of type size: a heading
    if prev.page == nxt.page and pitch is not None and nxt.top - prev.top > 1.3 * pitch:
        return True
    space = 0.3 * prev.size
    if prev.x1 + space + _first_word_width(nxt) < right - 1.0:
        return True  # the next line's first word would have fitted: the line ended on purpose
    if _LABEL.match(nxt.text):
        # a label starts a new item unless the full line before it stops mid-clause: "… tại Khoản 4" +
        # "Điều 13 Nghị định này …", "kinh tế" + "- xã hội" are wraps
        return prev.text.rstrip()[-1:] in _CLAUSE_END or _ends_sentence(prev.text)
    return nxt.x0 > prev.x0 + 0.8 * nxt.size and _ends_sentence(prev.text)


def _join(prev_text: str, next_text: str) -> tuple[int, str]:
    """How to glue two wrapped lines: (characters to drop from the end of prev, text to insert).

    A soft hyphen at the end of a line is dropped. A hyphen right after a letter is kept and the lines
    are glued without a space: Vietnamese syllables are never hyphenated, so such a hyphen belongs to
    a compound ("e-" + "mail", "VNe-" + "ID", "COVID-" + "19"). Otherwise one space.
    """
    if prev_text.endswith("\u00ad"):
        return 1, ""
    if len(prev_text) >= 2 and prev_text[-1] in "-‐" and prev_text[-2].isalnum():
        return 0, ""
    return 0, " "


def _median_pitch(lines: list[_Line]) -> float | None:
    gaps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.block < 0 and b.block < 0 and 0 < b.top - a.top < 3 * max(a.size, b.size)
    ]
    return statistics.median(gaps) if gaps else None


def _open(data: bytes, name: str) -> Any:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - the pdf extra is not installed
        raise InputError("đọc tệp PDF cần gói pdfplumber: pip install 'vnpolicytext[pdf]'") from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{name}: không phải tệp PDF")
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises several kinds on damaged or encrypted files
        raise InputError(
            f"{name}: không đọc được tệp PDF (tệp hỏng hoặc có mật khẩu: {type(exc).__name__})"
        ) from None


def extract_pdf(source: Source) -> PdfText:
    """The text of a PDF (path or bytes) in reading order, without running headers, footers and page numbers."""
    name = source_name(source)
    pdf = _open(read_source(source, "PDF"), name)
    try:
        pages: list[list[_Line]] = []
        heights: list[float] = []
        images = 0
        cid = 0
        total = 0
        for number, page in enumerate(pdf.pages, start=1):
            try:
                chars = _dedupe(page.chars)
                images += len(page.images)
            except Exception as exc:
                raise InputError(
                    f"{name}: không đọc được trang {number} của tệp PDF ({type(exc).__name__})"
                ) from None
            total += sum(1 for c in chars if not c["text"].isspace())
            cid += sum(1 for c in chars if c["text"].startswith("(cid:"))
            heights.append(float(page.height))
            pages.append(_order(_page_lines(number, chars)))
        page_count = len(pdf.pages)
    finally:
        pdf.close()
    if total == 0:
        if images:
            raise InputError(
                f"{name}: tệp PDF là bản quét (chỉ có hình ảnh, không có lớp chữ); vnpolicytext không nhận dạng "
                "chữ (OCR): hãy dùng bản PDF xuất từ Word hoặc tệp .docx"
            )
        raise InputError(f"{name}: tệp PDF không có chữ nào để phân tích")
    if cid > total / 5:
        raise InputError(
            f"{name}: phông chữ trong tệp PDF không có bảng mã Unicode nên không trích được chữ; "
            "hãy dùng tệp .docx hoặc xuất lại PDF với phông Unicode"
        )
    body, dropped = _drop_running(pages, heights)
    return _assemble(body, page_count, dropped)


def _assemble(pages: list[list[_Line]], page_count: int, dropped: list[str]) -> PdfText:
    chars: list[str] = []
    cmap = CharMap()

    def emit(text: str, page: int, x: float, top: float) -> None:
        for c in text:
            chars.append(c)
            cmap.paragraph.append(-1)
            cmap.offset.append(0)
            cmap.in_label.append(False)
            cmap.page.append(page)
            cmap.x.append(x)
            cmap.top.append(top)

    def drop_last(k: int) -> None:
        for _ in range(k):
            chars.pop()
            cmap.paragraph.pop()
            cmap.offset.pop()
            cmap.in_label.pop()
            cmap.page.pop()
            cmap.x.pop()
            cmap.top.pop()

    prev: _Line | None = None
    prev_right = 0.0
    for lines in pages:
        single = [ln for ln in lines if ln.block < 0]
        right = max((ln.x1 for ln in single), default=0.0)
        pitch = _median_pitch(lines)
        for ln in lines:
            if prev is not None:
                where = (cmap.page[-1], cmap.x[-1], cmap.top[-1])
                edge = prev_right if prev.page != ln.page else right
                if _breaks(prev, ln, edge, pitch if prev.page == ln.page else None):
                    emit("\n\n", *where)
                else:
                    cut, glue = _join(prev.text, ln.text)
                    drop_last(cut)
                    emit(glue, *where)
            for piece in ln.pieces:
                c = piece.char
                if c is None:
                    emit(piece.text, cmap.page[-1], cmap.x[-1], cmap.top[-1])
                else:
                    emit(piece.text, ln.page, float(c["x0"]), float(c["top"]))
            prev = ln
        prev_right = right
    text = "".join(chars)
    return PdfText(text=text, pages=page_count, locator=PdfLocator(text, cmap), dropped=dropped)


def analyze_pdf(source: Source, config: Config | dict[str, Any] | None = None) -> DocumentReport:
    """Analyze the text layer of a PDF; every finding gets its page number."""
    extracted = extract_pdf(source)
    report = analyze(extracted.text, config=config)
    locations = [extracted.locator.locate(f.start, f.end) for f in report.findings]
    return DocumentReport(
        format="pdf", text=extracted.text, report=report, locations=locations, pages=extracted.pages
    )
