"""Documents as people have them: Word (.docx) and PDF files.

`analyze_docx` and `analyze_pdf` extract the text, analyze it with `vnpolicytext.analyze`, and return a
`DocumentReport`: the extracted text, its ordinary `Report`, and one `FindingLocation` per finding
(paragraph, table cell and offset for Word; page for PDF). `annotate_docx` writes a reviewed copy of a
Word file with one comment per finding. python-docx and pdfplumber are imported only when used (extras
`vnpolicytext[docx]` and `vnpolicytext[pdf]`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .. import Config, Finding, Report
    from .docx import DocxLocator
    from .location import DocumentFormat, DocumentReport, FindingLocation, Source
    from .pdf import PdfLocator

DOCUMENT_SUFFIXES: dict[str, DocumentFormat] = {".docx": "docx", ".pdf": "pdf"}

__all__ = [
    "DOCUMENT_SUFFIXES",
    "DocumentReport",
    "ExtractedDocument",
    "FindingLocation",
    "analyze_docx",
    "analyze_pdf",
    "annotate_docx",
    "document_format",
    "read_document",
]


# the names of `location`, imported on first use (the CLI reads .txt files without them)
_LOCATION = ("DocumentFormat", "DocumentReport", "FindingLocation", "Source")
__getattr__ = lazy_names(__name__, dict.fromkeys(_LOCATION, "location"), globals())


def analyze_docx(source: Source, config: Config | dict[str, Any] | None = None) -> DocumentReport:
    """Analyze a Word file (path or bytes); see `vnpolicytext.formats.docx`."""
    from .docx import analyze_docx as run

    return run(source, config)


def analyze_pdf(source: Source, config: Config | dict[str, Any] | None = None) -> DocumentReport:
    """Analyze a PDF file (path or bytes); see `vnpolicytext.formats.pdf`."""
    from .pdf import analyze_pdf as run

    return run(source, config)


def annotate_docx(
    source: Source, output: str | os.PathLike[str], config: Config | dict[str, Any] | None = None
) -> DocumentReport:
    """Write a reviewed copy of a Word file, one comment per finding; see `vnpolicytext.formats.annotate`."""
    from .annotate import annotate_docx as run

    return run(source, output, config)


def document_format(path: str | os.PathLike[str]) -> DocumentFormat | None:
    """'docx' or 'pdf' by the file's extension, None for anything else."""
    return DOCUMENT_SUFFIXES.get(Path(path).suffix.lower())


@dataclass
class ExtractedDocument:
    """The extracted text of a document and the map back to it; plain data, so it crosses processes."""

    format: DocumentFormat
    text: str
    locator: DocxLocator | PdfLocator

    def locate(self, report: Report) -> list[FindingLocation]:
        return [self.locator.locate(f.start, f.end) for f in report.findings]

    def with_locations(self, report: Report) -> Report:
        """A copy of the report whose findings carry their place in `data["location"]` (for the CLI)."""
        findings: list[Finding] = []
        for finding, loc in zip(report.findings, self.locate(report), strict=True):
            place = loc.model_dump(exclude_none=True, exclude={"text_start", "text_end"})
            if not place.get("in_label"):
                place.pop("in_label", None)
            place["label"] = loc.label()
            moved = finding.model_copy(update={"data": {**finding.data, "location": place}})
            moved.mark_offsets(finding.offset_keys)
            findings.append(moved)
        located: Report = report.model_copy(update={"findings": findings})
        return located


def read_document(path: str | os.PathLike[str]) -> ExtractedDocument:
    """Extract the text of a .docx or .pdf file; InputError (in Vietnamese) when it cannot be read."""
    fmt = document_format(path)
    if fmt == "docx":
        from .docx import extract_docx

        d = extract_docx(path)
        return ExtractedDocument("docx", d.text, d.locator)
    if fmt == "pdf":
        from .pdf import extract_pdf

        p = extract_pdf(path)
        return ExtractedDocument("pdf", p.text, p.locator)
    raise ValueError(f"not a .docx or .pdf file: {os.fspath(path)}")
