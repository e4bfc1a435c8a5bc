"""The report: what `analyze` returns and other systems embed. Its JSON Schema is published in docs/.

The fields after `findings` are assembled from the analyzer registry: one per analyzer, named after it and
typed by its summary model, so an analyzer added to the registry appears in the report and its schema
without a change here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, Field, create_model

from .analyzers import ANALYZERS
from .analyzers.text_check import TextSummary
from .models import Finding, Model, Sentence
from .version import __version__


class ReportBase(Model):
    """The fields every report has; analyzer summaries are added by `Report`."""

    # Only `Report` is validated and serialised: its bases are not built at import (issue 16, cold start).
    model_config = ConfigDict(defer_build=True)

    version: str = Field(default=__version__, description="vnpolicytext version that made the report.")
    profile: str = Field(description="Profile in force: citizen, news or legal.")
    profile_reasons: list[str] = Field(
        default_factory=list,
        description="When the configuration asked for profile 'auto': why this profile was picked, in "
        "Vietnamese (empty when the profile was set).",
    )
    text: TextSummary = Field(description="Counts and input checks (analyzer 'text').")
    sentences: list[Sentence] = Field(description="Sentences, headings and list items, in order.")
    findings: list[Finding] = Field(description="All findings, ordered by start offset.")

    if TYPE_CHECKING:  # summary fields are assembled from the registry at run time

        def __getattr__(self, name: str) -> Any: ...

    def summaries(self) -> dict[str, Model]:
        """The analyzer summaries present in the report, by analyzer name, in registry order."""
        out: dict[str, Model] = {}
        for spec in ANALYZERS:
            if spec.name == "text":
                continue
            value = getattr(self, spec.name, None)
            if value is not None:
                out[spec.name] = value
        return out


_SUMMARY_FIELDS: dict[str, Any] = {
    spec.name: (
        spec.summary | None,
        Field(default=None, description=f"Analyzer '{spec.name}' ({spec.report_note})."),
    )
    for spec in ANALYZERS
    if spec.name != "text"
}

_ReportFields: type[ReportBase] = create_model("Report", __base__=ReportBase, **_SUMMARY_FIELDS)


class Report(_ReportFields):  # type: ignore[valid-type,misc]
    """Everything vnpolicytext found in one text. Offsets index the caller's original string."""

    model_config = ConfigDict(defer_build=False)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `Report` (the copy in docs/report.schema.json is kept equal by a test)."""
    schema: dict[str, Any] = Report.model_json_schema()
    return schema
