"""What an analyzer declares about itself: its rules, options, summary, needs and clarity measures.

A leaf module: it imports nothing of the package at run time, so the configuration, the report and the
analyzers can all read it without import cycles. The list of analyzers is `vnpolicytext.analyzers.ANALYZERS`;
everything else (configuration keys, report fields, `vnpolicytext rules`, docs/rules.md) follows from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from .analyzers.base import Context

Severity = Literal["info", "warning", "error"]
Level = Literal["off", "info", "warning", "error"]
Profile = Literal["citizen", "news", "legal"]
PROFILES: tuple[Profile, ...] = ("citizen", "news", "legal")
# What a configuration may ask for: a profile, or "auto" (read from each document, `profile_detect.py`).
ProfileChoice = Literal["citizen", "news", "legal", "auto"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

# Document layers an analyzer may need beyond units and syllables (computed once, on first use).
Layer = Literal["words", "definitions", "names"]

DOCS_RULES = "docs/rules.md"


class NoOptions(BaseModel):
    """An analyzer without options."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: stable id, default severity, Vietnamese message template and its documentation.

    `message` is a `str.format` template filled by the analyzer ("Câu dài {syllables} tiếng …"); `example`
    is a Vietnamese sentence and its rewrite joined by " → "; `why` says why it matters to a reader and
    `source` the legal text or research behind it; `levels` overrides the severity per profile.
    """

    id: str
    severity: Severity
    description: str
    message: str
    example: str
    why: str = ""
    source: str = ""
    levels: Mapping[str, Level] = field(default_factory=dict)

    @property
    def analyzer(self) -> str:
        """The analyzer the rule belongs to ('passive' for 'passive.short')."""
        return self.id.split(".", 1)[0]

    @property
    def anchor(self) -> str:
        """Where the rule is documented: docs/rules.md#<id with dots as dashes>."""
        return f"{DOCS_RULES}#{self.id.replace('.', '-').replace('_', '-')}"

    def level(self, profile: str) -> Level:
        """The rule's level in a profile before the user's settings."""
        return self.levels.get(profile, self.severity)


@dataclass(frozen=True, slots=True)
class Analyzer:
    """An analyzer: a name, its rules, an options model (with per-profile defaults), a summary model, the
    document layers it needs, the measures it gives the clarity score and the function that runs it."""

    name: str
    title: str
    description: str
    rules: tuple[Rule, ...]
    summary: type[BaseModel]
    run: Callable[[Context], BaseModel | None]
    options: type[BaseModel] = NoOptions
    profile_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    needs: frozenset[Layer] = frozenset()
    measures: Callable[[Any, int], dict[str, float]] | None = None
    report_note: str = "None when disabled"

    def default_options(self, profile: str) -> dict[str, Any]:
        """The option values a profile sets before the user's."""
        return dict(self.profile_options.get(profile, {}))
