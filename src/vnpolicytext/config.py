"""Configuration: a profile (citizen, news, legal) plus the user's overrides, validated strictly."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError

Profile = Literal["citizen", "news", "legal"]
Level = Literal["off", "info", "warning", "error"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SentenceLengthLimits(_Strict):
    """Sentence length limits in syllables (tiếng). Headings and list items get their own limits."""

    long: int = Field(gt=0, description="A sentence above this many syllables is long (warning).")
    very_long: int = Field(gt=0, description="A sentence above this many syllables is very long (error).")
    item_long: int = Field(gt=0, description="The 'long' limit for list items and headings.")
    item_very_long: int = Field(gt=0, description="The 'very long' limit for list items and headings.")

    @model_validator(mode="after")
    def _ordered(self) -> SentenceLengthLimits:
        if self.very_long <= self.long or self.item_very_long <= self.item_long:
            raise ValueError("very_long limits must be above the long limits")
        return self


class Gates(_Strict):
    """What makes `check()` fail."""

    fail_on: Literal["info", "warning", "error", "never"] = Field(
        default="error", description="Fail when a finding at or above this severity remains."
    )
    min_clarity: float | None = Field(default=None, ge=0, le=100, description="Minimum clarity score.")
    max_undefined_abbreviations: int | None = Field(
        default=None, ge=0, description="Maximum number of abbreviations never explained."
    )
    max_passive_share: float | None = Field(
        default=None, ge=0, le=1, description="Maximum share of sentences with an agentless passive."
    )


class Config(_Strict):
    """Everything a user can set. Unknown keys are an error that names them."""

    profile: Profile = Field(default="citizen", description="Threshold set: citizen (default), news, legal.")
    rules: dict[str, Level] = Field(
        default_factory=dict, description="Per rule id: 'off' disables it, a severity re-levels it."
    )
    analyzers: dict[str, bool] = Field(default_factory=dict, description="Turn whole analyzers on or off.")
    sentence_length: SentenceLengthLimits | None = Field(default=None, description="Override the limits.")
    jargon_files: list[Path] = Field(default_factory=list, description="User jargon lexicons (TSV).")
    glossary_files: list[Path] = Field(default_factory=list, description="User glossaries (TSV).")
    known_abbreviations: list[str] = Field(
        default_factory=list, description="Abbreviations readers know; never reported as undefined."
    )
    check: Gates | None = Field(default=None, description="Gates of check(); profile defaults if unset.")

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, rules: dict[str, Level]) -> dict[str, Level]:
        from .analyzers import RULES  # the registry imports this module: look it up at validation time

        unknown = sorted(set(rules) - set(RULES))
        if unknown:
            raise ValueError(f"unknown rule id {unknown[0]!r} (see `vnpolicytext rules`)")
        return rules

    @field_validator("analyzers")
    @classmethod
    def _known_analyzers(cls, analyzers: dict[str, bool]) -> dict[str, bool]:
        from .analyzers import ANALYZERS

        unknown = sorted(set(analyzers) - {m.NAME for m in ANALYZERS})
        if unknown:
            raise ValueError(f"unknown analyzer {unknown[0]!r}")
        return analyzers

    def limits(self) -> SentenceLengthLimits:
        """The sentence length limits in force."""
        return self.sentence_length or PROFILE_LIMITS[self.profile]

    def gates(self) -> Gates:
        """The check gates in force: the profile's, with the keys the user set replaced."""
        base = PROFILE_GATES[self.profile]
        if self.check is None:
            return base
        return base.model_copy(update=self.check.model_dump(exclude_unset=True))

    def level(self, rule: str, default: str) -> str:
        """The severity of `rule`: the user's setting, else the profile's, else the rule's default."""
        return self.rules.get(rule) or PROFILE_RULES[self.profile].get(rule) or default

    def enabled(self, analyzer: str) -> bool:
        return self.analyzers.get(analyzer, True)


# Calibrated in docs/method.md ("Sentence length limits").
PROFILE_LIMITS: dict[str, SentenceLengthLimits] = {
    "citizen": SentenceLengthLimits(long=40, very_long=60, item_long=50, item_very_long=75),
    "news": SentenceLengthLimits(long=50, very_long=90, item_long=55, item_very_long=90),
    "legal": SentenceLengthLimits(long=60, very_long=90, item_long=70, item_very_long=100),
}

# Rule levels that differ by profile. Legal drafters write for lawyers first: legal terms and old
# Sino-Vietnamese words are noted (info), not warned about. Levels only: what a rule counts in the
# summaries and the clarity score does not depend on the profile, so scores stay comparable.
PROFILE_RULES: dict[str, dict[str, Level]] = {
    "citizen": {},
    "news": {"jargon.legal": "info"},
    "legal": {"jargon.legal": "info", "jargon.archaic": "info"},
}

PROFILE_GATES: dict[str, Gates] = {
    "citizen": Gates(fail_on="error", min_clarity=50, max_undefined_abbreviations=0),
    "news": Gates(fail_on="error", min_clarity=45, max_undefined_abbreviations=2),
    "legal": Gates(fail_on="error", min_clarity=None, max_undefined_abbreviations=None),
}


def load_config(value: Config | dict[str, Any] | None) -> Config:
    """Accept a Config, a plain dict (e.g. from TOML) or None; raise ConfigError naming what is wrong."""
    if value is None:
        return Config()
    if isinstance(value, Config):
        return value
    if not isinstance(value, dict):
        raise ConfigError(f"config must be a vnpolicytext.Config or a dict, not {type(value).__name__}")
    try:
        return Config.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "config"
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"unknown configuration key: {where}") from None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"invalid configuration value for {where}: {message}") from None
