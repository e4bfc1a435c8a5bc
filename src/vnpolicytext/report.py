"""The report: what `analyze` returns and other systems embed. Its JSON Schema is published in docs/."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from . import __version__
from .analyzers.abbreviation import AbbreviationSummary
from .analyzers.glossary import GlossarySummary
from .analyzers.jargon import JargonSummary
from .analyzers.passive import PassiveSummary
from .analyzers.readability import ReadabilitySummary
from .analyzers.sentence_length import SentenceLengthSummary
from .models import Finding, Model, Sentence, TextSummary


class Report(Model):
    """Everything vnpolicytext found in one text. Offsets index the caller's original string."""

    version: str = Field(default=__version__, description="vnpolicytext version that made the report.")
    profile: str = Field(description="Profile in force: citizen, news or legal.")
    text: TextSummary = Field(description="Counts and input checks (analyzer 'text').")
    sentences: list[Sentence] = Field(description="Sentences, headings and list items, in order.")
    findings: list[Finding] = Field(description="All findings, ordered by start offset.")
    sentence_length: SentenceLengthSummary | None = Field(
        default=None, description="Analyzer 'sentence_length' (None when disabled)."
    )
    passive: PassiveSummary | None = Field(default=None, description="Analyzer 'passive' (None when disabled).")
    jargon: JargonSummary | None = Field(default=None, description="Analyzer 'jargon' (None when disabled).")
    abbreviation: AbbreviationSummary | None = Field(
        default=None, description="Analyzer 'abbreviation' (None when disabled)."
    )
    glossary: GlossarySummary | None = Field(
        default=None, description="Analyzer 'glossary' (None when disabled)."
    )
    readability: ReadabilitySummary | None = Field(
        default=None, description="Analyzer 'readability' (None when disabled or the text cannot be scored)."
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `Report` (the copy in docs/report.schema.json is kept equal by a test)."""
    return Report.model_json_schema()
