"""Request and response bodies of the HTTP API (the OpenAPI description is generated from these)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Severity

_SURROGATE = re.compile("[\ud800-\udfff]")
OffsetUnit = Literal["codepoint", "utf16"]
InputKind = Literal["text", "html", "markdown"]


class AnalyzeRequest(BaseModel):
    """The text to analyze: exactly one of `text`, `html` or `markdown`, plus optional settings."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "Hồ sơ đã được tiếp nhận. UBND phường sẽ quán triệt và triển khai thực hiện."}
            ]
        },
    )

    text: str | None = Field(default=None, description="Plain text.")
    html: str | None = Field(default=None, description="An HTML fragment or page; offsets index this string.")
    markdown: str | None = Field(default=None, description="Markdown; offsets index this string.")
    profile: Literal["citizen", "news", "legal"] | None = Field(
        default=None, description="Threshold set; overrides the server's configuration."
    )
    config: dict[str, Any] | None = Field(
        default=None,
        description="Configuration keys (as in the configuration file) laid over the server's configuration. "
        "jargon_files and glossary_files are not accepted over HTTP.",
    )
    offsets: OffsetUnit = Field(
        default="codepoint",
        description="Unit of every offset in the answer: 'codepoint' (Python str index) or 'utf16' "
        "(JavaScript string index).",
    )

    @field_validator("text", "html", "markdown")
    @classmethod
    def _valid_unicode(cls, value: str | None) -> str | None:
        # JSON may carry "\ud800" escapes that are not characters; refuse them here, not deep in the analysis.
        if value is not None and (m := _SURROGATE.search(value)):
            raise ValueError(f"invalid Unicode: lone surrogate U+{ord(m.group()):04X} at offset {m.start()}")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> AnalyzeRequest:
        given = [k for k in ("text", "html", "markdown") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'text', 'html' or 'markdown'")
        return self

    def source(self) -> tuple[str, InputKind]:
        """The source string and its input format."""
        for kind in ("text", "html", "markdown"):
            value = getattr(self, kind)
            if value is not None:
                return value, kind
        raise AssertionError("validated: one source is set")


class ErrorItem(BaseModel):
    """One problem in a request."""

    field: str | None = Field(description="Where: 'text', 'config.rules', ...; null for the whole request.")
    message: str = Field(description="What is wrong.")


class ErrorResponse(BaseModel):
    """Every error answer: a machine code, a one-line message, the field at fault and all the problems found."""

    error: str = Field(
        description="invalid_request, invalid_config, body_too_large, unsupported_media_type, not_found, "
        "method_not_allowed, timeout, unavailable or internal."
    )
    message: str = Field(description="One line for a person.")
    field: str | None = Field(default=None, description="The first field at fault, if any.")
    errors: list[ErrorItem] = Field(default_factory=list, description="Every problem found.")


class RuleInfo(BaseModel):
    """A rule: stable id, analyzer, default severity, description and an example."""

    id: str
    analyzer: str
    severity: Severity
    description: str
    example: str = ""


class Health(BaseModel):
    """Liveness and readiness."""

    status: Literal["ok", "starting"]
    workers: int = Field(description="Worker processes in the analysis pool.")


class VersionInfo(BaseModel):
    """Versions of the service and what it runs on."""

    vnpolicytext: str
    python: str
    underthesea: str | None
    fastapi: str
