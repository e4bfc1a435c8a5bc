"""Word (.docx) input: the body text in document order, list labels included, and where each character is.

Paragraphs are separated by a blank line in the extracted text; a numbered or bulleted paragraph starts
with its label as Word renders it ("Điều 1. ", "a) ", "- "); tables are read row by row, cell by cell.
Headers, footers, footnotes, endnotes, comments, deleted text (tracked changes), hidden text, field
codes, drawings and text boxes are left out. Every extracted character maps back to its paragraph, table cell and
offset inside the paragraph, and to the run it came from (which `annotate` uses to place comments).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from .. import Config, InputError, analyze
from .location import CharMap, DocumentReport, FindingLocation, Source, read_source, source_name
from .numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _SDT, _SDT_CONTENT = (
    f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "sdt", "sdtContent")
)
# Containers inside a paragraph whose runs Word shows (insertions of tracked changes included).
_INLINE_CONTAINERS = frozenset(
    f"{_W}{t}" for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
)
_BLOCK_CONTAINERS = frozenset(f"{_W}{t}" for t in ("customXml", "ins", "moveTo"))
_SEPARATOR = "\n\n"
_NUMBERING_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


@dataclass(frozen=True, slots=True)
class DocxParagraph:
    """One non-empty paragraph of the body as extracted."""

    index: int  # 0-based, every body paragraph in document order (empty and table ones counted)
    label: str  # the list label with its suffix, "" when not numbered
    text: str  # the paragraph's own text
    start: int  # offset of the label (or of the text) in the extracted text
    table: int | None = None
    row: int | None = None
    column: int | None = None

    @property
    def body_start(self) -> int:
        return self.start + len(self.label)


@dataclass
class DocxLocator:
    """Picklable map from extracted offsets to places in the Word file."""

    text: str
    chars: CharMap
    cells: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    def locate(self, start: int, end: int) -> FindingLocation:
        n = len(self.text)
        if n == 0:
            return FindingLocation(text_start=start, text_end=end)
        s = min(max(start, 0), n - 1)
        e = min(max(end - 1, s), n - 1)
        para = self.chars.paragraph[s]
        end_para = self.chars.paragraph[e]
        cell = self.cells.get(para)
        return FindingLocation(
            text_start=start,
            text_end=end,
            paragraph=para,
            offset=self.chars.offset[s],
            end_paragraph=end_para,
            end_offset=self.chars.offset[e] + (0 if self.chars.in_label[e] else 1),
            in_label=self.chars.in_label[s],
            table=None if cell is None else cell[0],
            row=None if cell is None else cell[1],
            column=None if cell is None else cell[2],
        )


@dataclass
class DocxText:
    """The extracted text of a Word file, its paragraphs, and for each character the run it came from."""

    text: str
    paragraphs: list[DocxParagraph]
    locator: DocxLocator
    document: Any  # the python-docx Document the text was read from (annotate edits a copy of it)
    runs: list[tuple[Any, list[tuple[Any, str]]]]  # (w:r element, [(content element, its text)])
    run_of: list[int]  # per character: index into `runs`, -1 for labels and separators
    run_offset: list[int]  # per character: offset inside the run's text


def _run_items(r: Any) -> list[tuple[Any, str]]:
    """The content elements of a run with the text Word shows for each ('' for the invisible ones)."""
    items: list[tuple[Any, str]] = []
    for child in r:
        tag = child.tag
        if tag == f"{_W}t":
            items.append((child, child.text or ""))
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            items.append((child, "\t"))
        elif tag in (f"{_W}br", f"{_W}cr"):
            items.append((child, "\n"))
        elif tag == f"{_W}noBreakHyphen":
            items.append((child, "-"))
        elif tag != f"{_W}rPr":
            items.append((child, ""))
    return items


def _hidden(r: Any) -> bool:
    rpr = r.find(f"{_W}rPr")
    vanish = rpr.find(f"{_W}vanish") if rpr is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true") not in ("0", "false", "off")


def _int_attr(el: Any, path: str, default: int) -> int:
    child = el.find(path)
    if child is None:
        return default
    try:
        return int(child.get(f"{_W}val", default))
    except ValueError:
        return default


class _Extractor:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.chars: list[str] = []
        self.map = CharMap()
        self.run_of: list[int] = []
        self.run_offset: list[int] = []
        self.runs: list[tuple[Any, list[tuple[Any, str]]]] = []
        self.paragraphs: list[DocxParagraph] = []
        self.cells: dict[int, tuple[int, int, int]] = {}
        self.paragraph_count = 0
        self.table_count = 0

    def _emit(self, text: str, paragraph: int, offset: int, label: bool, run: int, run_offset: int) -> None:
        for k, c in enumerate(text):
            self.chars.append(c)
            self.map.paragraph.append(paragraph)
            self.map.offset.append(offset if label else offset + k)
            self.map.in_label.append(label)
            self.run_of.append(run)
            self.run_offset.append(run_offset + k if run >= 0 else 0)

    def blocks(self, container: Any, cell: tuple[int, int, int] | None) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, cell)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.blocks(content, cell)
            elif tag in _BLOCK_CONTAINERS:
                self.blocks(child, cell)
            else:  # anything else is left out, but its paragraphs keep their place in the count
                self.paragraph_count += sum(1 for _ in child.iter(_P))

    def table(self, tbl: Any) -> None:
        t = self.table_count
        self.table_count += 1
        rows = [el for el in tbl.iter(_TR) if self._owner_table(el) is tbl]
        for r, tr in enumerate(rows):
            column = _int_attr(tr, f"{_W}trPr/{_W}gridBefore", 0)
            cells = [el for el in tr.iter(_TC) if self._owner_row(el) is tr]
            for tc in cells:
                self.blocks(tc, (t, r, column))
                column += max(1, _int_attr(tc, f"{_W}tcPr/{_W}gridSpan", 1))

    @staticmethod
    def _owner_table(el: Any) -> Any:
        parent = el.getparent()
        while parent is not None and parent.tag != _TBL:
            parent = parent.getparent()
        return parent

    @staticmethod
    def _owner_row(el: Any) -> Any:
        parent = el.getparent()
        while parent is not None and parent.tag != _TR:
            parent = parent.getparent()
        return parent

    def _inline_runs(self, el: Any, out: list[Any]) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                out.append(child)
            elif tag in _INLINE_CONTAINERS:
                self._inline_runs(child, out)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline_runs(content, out)

    def paragraph(self, p: Any, cell: tuple[int, int, int] | None) -> None:
        index = self.paragraph_count
        # paragraphs nested in this one (text boxes) are left out but counted, so that indexes follow
        # the order of body.iter(w:p)
        self.paragraph_count += sum(1 for _ in p.iter(_P))
        label = self.numbering.label(p)
        run_elements: list[Any] = []
        self._inline_runs(p, run_elements)
        runs = [(r, _run_items(r)) for r in run_elements if not _hidden(r)]
        body = "".join(t for _, items in runs for _, t in items)
        if not body.strip():
            return
        if self.chars:
            prev = self.paragraphs[-1]
            self._emit(_SEPARATOR, prev.index, len(prev.text), False, -1, 0)
            # separators sit after the previous paragraph's last character
            for k in range(len(_SEPARATOR)):
                self.map.offset[-1 - k] = len(prev.text)
        start = len(self.chars)
        self._emit(label, index, 0, True, -1, 0)
        offset = 0
        for r, items in runs:
            text = "".join(t for _, t in items)
            if not text:
                continue
            self.runs.append((r, items))
            self._emit(text, index, offset, False, len(self.runs) - 1, 0)
            offset += len(text)
        self.paragraphs.append(
            DocxParagraph(index, label, body, start, *(cell if cell is not None else (None, None, None)))
        )
        if cell is not None:
            self.cells[index] = cell


def _load(data: bytes, name: str) -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - the docx extra is not installed
        raise InputError("đọc tệp Word cần gói python-docx: pip install 'vnpolicytext[docx]'") from None
    if not data.startswith(b"PK"):
        raise InputError(
            f"{name}: không phải tệp Word .docx (tệp .doc cũ hoặc định dạng khác); "
            "hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx"
        )
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a damaged or foreign package
        raise InputError(f"{name}: không đọc được tệp Word .docx ({type(exc).__name__}: {exc})") from None


def _numbering_element(document: Any) -> Any | None:
    for rel in document.part.rels.values():
        if rel.reltype == _NUMBERING_RT and not rel.is_external:
            return rel.target_part.element
    return None


def _styles_element(document: Any) -> Any | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.STYLES and not rel.is_external:
            return rel.target_part.element
    return None


def extract_docx(source: Source) -> DocxText:
    """The body text of a .docx file (path or bytes) in document order, with the map of every character."""
    name = source_name(source)
    document = _load(read_source(source, "Word"), name)
    ex = _Extractor(Numbering(_numbering_element(document), _styles_element(document)))
    ex.blocks(document.element.body, None)
    text = "".join(ex.chars)
    return DocxText(
        text=text,
        paragraphs=ex.paragraphs,
        locator=DocxLocator(text, ex.map, ex.cells),
        document=document,
        runs=ex.runs,
        run_of=ex.run_of,
        run_offset=ex.run_offset,
    )


def analyze_docx(source: Source, config: Config | dict[str, Any] | None = None) -> DocumentReport:
    """Analyze the body text of a Word file; every finding gets its paragraph, table cell and offset."""
    extracted = extract_docx(source)
    report = analyze(extracted.text, config=config)
    locations = [extracted.locator.locate(f.start, f.end) for f in report.findings]
    return DocumentReport(format="docx", text=extracted.text, report=report, locations=locations)
