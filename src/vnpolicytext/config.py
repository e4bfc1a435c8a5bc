"""Configuration: a profile (citizen, news, legal), rule levels, analyzer options and check gates.

The keys are validated strictly against the analyzer registry: a rule id, an analyzer name or an option
that does not exist is an error that names it. Each analyzer's options are a table named after the analyzer
(`[tool.vnpolicytext.sentence_length]`), merged over the profile's defaults. Three short forms of earlier
versions are still read: `jargon_files` (= `jargon.files`), `glossary_files` (= `glossary.files`) and
`known_abbreviations` (= `abbreviation.known`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from .analyzers import ANALYZERS, BY_NAME, RULES
from .errors import ConfigError
from .registry import Level, Profile, ProfileChoice

__all__ = ["PROFILE_GATES", "Config", "Gates", "Level", "Profile", "load_config"]

# Earlier flat keys and the analyzer option they stand for.
_SHORT_FORMS = {
    "jargon_files": ("jargon", "files"),
    "glossary_files": ("glossary", "files"),
    "known_abbreviations": ("abbreviation", "known"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Gates(_Strict):
    """What makes `check()` fail. Gates read the analyzers' summaries (what was measured), never which
    findings are shown."""

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


PROFILE_GATES: dict[str, Gates] = {
    "citizen": Gates(fail_on="error", min_clarity=50, max_undefined_abbreviations=0),
    "news": Gates(fail_on="error", min_clarity=45, max_undefined_abbreviations=2),
    "legal": Gates(fail_on="error", min_clarity=None, max_undefined_abbreviations=None),
}


class Config(_Strict):
    """Everything a user can set. Unknown keys are an error that names them."""

    profile: ProfileChoice = Field(
        default="citizen",
        description="Threshold set: citizen (default), news, legal, or auto (picked from each document: "
        "legal for laws and decrees, citizen for procedures, news otherwise).",
    )
    rules: dict[str, Level] = Field(
        default_factory=dict, description="Per rule id: 'off' disables it, a severity re-levels it."
    )
    analyzers: dict[str, bool] = Field(default_factory=dict, description="Turn whole analyzers on or off.")
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per analyzer name, its options (merged over the profile's defaults); in a file, a table "
        "named after the analyzer.",
    )
    check: Gates | None = Field(default=None, description="Gates of check(); profile defaults if unset.")
    max_characters: int = Field(
        default=20_000_000, ge=1, description="Longest text analyze() accepts; longer is an input error."
    )

    _resolved: dict[str, BaseModel] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _gather_options(cls, data: Any) -> Any:
        """Move analyzer tables (`sentence_length = {…}`) and the short forms into `options`."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        options: dict[str, dict[str, Any]] = {
            k: dict(v) for k, v in (data.pop("options", None) or {}).items()
        }
        for key in list(data):
            if key in _SHORT_FORMS:
                name, option = _SHORT_FORMS[key]
                options.setdefault(name, {})[option] = data.pop(key)
            elif key in BY_NAME and key not in cls.model_fields:
                value = data.pop(key)
                if value is None:
                    continue
                if isinstance(value, BaseModel):
                    value = value.model_dump()
                if not isinstance(value, dict):
                    raise ValueError(f"[{key}] must be a table of options")
                options.setdefault(key, {}).update(value)
        data["options"] = options
        return data

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, rules: dict[str, Level]) -> dict[str, Level]:
        unknown = sorted(set(rules) - set(RULES))
        if unknown:
            raise ValueError(f"unknown rule id {unknown[0]!r} (see `vnpolicytext rules`)")
        return rules

    @field_validator("analyzers", "options")
    @classmethod
    def _known_analyzers(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(BY_NAME))
        if unknown:
            raise ValueError(f"unknown analyzer {unknown[0]!r}")
        return value

    @model_validator(mode="after")
    def _resolve(self) -> Config:
        profile = "citizen" if self.profile == "auto" else self.profile  # re-resolved per document
        for spec in ANALYZERS:
            values = spec.default_options(profile)
            values.update(self.options.get(spec.name, {}))
            try:
                self._resolved[spec.name] = spec.options.model_validate(values)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in (spec.name, *first["loc"]))
                if first["type"] == "extra_forbidden":
                    raise ValueError(f"unknown option {where}") from None
                raise ValueError(f"{where}: {str(first['msg']).removeprefix('Value error, ')}") from None
        return self

    def options_for(self, analyzer: str) -> Any:
        """The options model of `analyzer` in force: the profile's defaults with the user's values over them."""
        return self._resolved[analyzer]

    def for_profile(self, profile: Profile) -> Config:
        """The same configuration with a concrete profile (what "auto" becomes for one document)."""
        if profile == self.profile:
            return self
        data = self.model_dump(exclude_unset=True)
        data["profile"] = profile
        return Config.model_validate(data)

    def gates(self) -> Gates:
        """The check gates in force: the profile's, with the keys the user set replaced."""
        base = PROFILE_GATES["citizen" if self.profile == "auto" else self.profile]
        if self.check is None:
            return base
        return base.model_copy(update=self.check.model_dump(exclude_unset=True))

    def level(self, rule: str) -> Level:
        """The level of `rule`: the user's setting, else the profile's, else the rule's default."""
        return self.rules.get(rule) or RULES[rule].level("citizen" if self.profile == "auto" else self.profile)

    def enabled(self, analyzer: str) -> bool:
        return self.analyzers.get(analyzer, True)


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
