"""Where a finding sits in a Word or PDF file: the models `analyze_docx` and `analyze_pdf` return.

The report itself is the ordinary `Report` of the extracted text (offsets index `DocumentReport.text`);
`locations[i]` says where `report.findings[i]` is in the original file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import InputError, Report

DocumentFormat = Literal["docx", "pdf"]
Source = str | os.PathLike[str] | bytes


class FindingLocation(BaseModel):
    """The place of one finding in the original document."""

    model_config = ConfigDict(extra="forbid")

    text_start: int = Field(description="Start offset of the finding in the extracted text.")
    text_end: int = Field(description="End offset (exclusive) in the extracted text.")
    paragraph: int | None = Field(
        default=None,
        description="DOCX: 0-based index of the paragraph holding the start, counting every paragraph of "
        "the body in document order (empty ones, those in table cells and text boxes included).",
    )
    offset: int | None = Field(
        default=None,
        description="DOCX: code-point offset of the start inside that paragraph's own text (its list label "
        "excluded; a finding starting on the label gets 0).",
    )
    end_paragraph: int | None = Field(default=None, description="DOCX: paragraph of the last character.")
    end_offset: int | None = Field(
        default=None, description="DOCX: offset just after the last character inside `end_paragraph`."
    )
    in_label: bool = Field(default=False, description="DOCX: the finding starts on a list label.")
    table: int | None = Field(
        default=None, description="DOCX: 0-based table index (document order, nested tables counted)."
    )
    row: int | None = Field(default=None, description="DOCX: 0-based row of the table cell.")
    column: int | None = Field(default=None, description="DOCX: 0-based grid column of the table cell.")
    page: int | None = Field(default=None, description="PDF: 1-based page of the first character.")
    end_page: int | None = Field(default=None, description="PDF: 1-based page of the last character.")
    x: float | None = Field(default=None, description="PDF: left edge of the first character, in points.")
    top: float | None = Field(
        default=None, description="PDF: top of the first character, in points from the page top."
    )

    def label(self) -> str:
        """A short place name for people: 'paragraph 4, table 1 row 2 column 1, char 16' or 'page 2'."""
        if self.page is not None:
            return (
                f"page {self.page}"
                if self.end_page in (None, self.page)
                else f"pages {self.page}-{self.end_page}"
            )
        parts = [f"paragraph {(self.paragraph or 0) + 1}"]
        if self.table is not None:
            parts.append(f"table {self.table + 1} row {(self.row or 0) + 1} column {(self.column or 0) + 1}")
        parts.append("list label" if self.in_label else f"char {(self.offset or 0) + 1}")
        return ", ".join(parts)


class DocumentReport(BaseModel):
    """The report of a Word or PDF file: extracted text, its report, and each finding's place."""

    model_config = ConfigDict(extra="forbid")

    format: DocumentFormat = Field(description="docx or pdf.")
    text: str = Field(description="The extracted text the report's offsets index.")
    report: Report = Field(description="The ordinary report of `text`.")
    locations: list[FindingLocation] = Field(description="One per finding, aligned with report.findings.")
    pages: int | None = Field(default=None, description="PDF: number of pages.")


@dataclass
class CharMap:
    """Per extracted character: the place it comes from (parallel lists, one entry per character)."""

    paragraph: list[int] = field(default_factory=list)
    offset: list[int] = field(default_factory=list)
    in_label: list[bool] = field(default_factory=list)
    page: list[int] = field(default_factory=list)
    x: list[float] = field(default_factory=list)
    top: list[float] = field(default_factory=list)


def read_source(source: Source, kind: str) -> bytes:
    """The bytes of a path or of bytes given directly; InputError (in Vietnamese) when unreadable."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"expected a path or bytes, not {type(source).__name__}")
    try:
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{os.fspath(source)}: không tìm thấy tệp {kind}") from None
    except OSError as exc:
        raise InputError(f"{os.fspath(source)}: không đọc được tệp {kind}: {exc.strerror or exc}") from None


def source_name(source: Source) -> str:
    return "<bytes>" if isinstance(source, bytes | bytearray | memoryview) else os.fspath(source)
