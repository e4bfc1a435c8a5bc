"""The report contract: the pydantic models other systems read. Field names here are public and stable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .registry import SEVERITY_RANK, Severity

UnitKind = Literal["sentence", "heading", "list_item"]
_object_setattr = object.__setattr__

__all__ = [
    "SEVERITY_RANK",
    "End",
    "Finding",
    "Fix",
    "Model",
    "Position",
    "Sentence",
    "Severity",
    "SourceOffset",
    "Start",
    "is_end_key",
]


@dataclass(frozen=True, slots=True)
class SourceOffset:
    """Marks a summary field as an offset into the caller's text, so a markup source can move it.

    `edge` is "start" (the first character of a span, or a single position) or "end" (just after the last).
    """

    edge: Literal["start", "end"]


def is_end_key(key: str) -> bool:
    """Whether an offset stored under `key` in a finding's data is the end of a span ("term_end")."""
    return key == "end" or key.endswith("_end")


Start = Annotated[int, SourceOffset("start")]
End = Annotated[int, SourceOffset("end")]
Position = Start


class Model(BaseModel):
    """Base of every report model: unknown fields are refused, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")

    def __eq__(self, other: object) -> bool:
        """Equal when the fields are: what an analysis keeps on the side (private attributes, such as the
        offset keys of a finding) does not survive JSON and does not make two reports differ."""
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def trusted(cls, fields_set: set[str], values: dict[str, Any]) -> Self:
        """A model from already typed `values` (every field, in field order), with `fields_set` as its set of
        the fields given: the same object as `model_construct(fields_set, **values)` (the same four
        attributes, checked in tests/test_speed_units.py) without pydantic's generic loop over the fields.
        Only for models without private attributes (`Finding.trusted` sets its own)."""
        model = cls.__new__(cls)
        _object_setattr(model, "__dict__", values)
        _object_setattr(model, "__pydantic_fields_set__", fields_set)
        _object_setattr(model, "__pydantic_extra__", None)
        _object_setattr(model, "__pydantic_private__", None)
        return model


class Fix(Model):
    """One edit that resolves a finding: replace the caller's text[start:end] by `replacement`."""

    start: int = Field(description="Start offset of the text to replace (caller's text, code points).")
    end: int = Field(description="End offset (exclusive); start == end inserts `replacement`.")
    replacement: str = Field(description="The new text.")
    safe: bool = Field(
        description="True when the edit keeps the meaning, every number, date, document number and name "
        "(applied by `vnpolicytext fix`); False for a suggestion applied only on request (--unsafe)."
    )
    description: str = Field(description="What the edit does, in Vietnamese.")


class Finding(Model):
    """One thing a reader would stumble on, with the exact span of the caller's text it is about."""

    analyzer: str = Field(description="Analyzer that produced it, e.g. 'passive'.")
    rule: str = Field(description="Stable rule id, '<analyzer>.<name>', e.g. 'passive.short'.")
    severity: Severity = Field(description="info, warning or error.")
    start: int = Field(description="Start offset (Python str index, code points) into the caller's text.")
    end: int = Field(description="End offset (exclusive); text[start:end] == finding.text.")
    text: str = Field(description="The flagged text, exactly as in the caller's string.")
    line: int = Field(description="1-based line of `start` (lines split at \\n, \\r\\n or \\r).")
    column: int = Field(description="1-based column of `start`, in code points.")
    message: str = Field(description="What is wrong, in Vietnamese.")
    suggestion: str | None = Field(default=None, description="A plainer alternative or a fix, if any.")
    data: dict[str, Any] = Field(default_factory=dict, description="Rule-specific details.")
    fixes: list[Fix] = Field(
        default_factory=list, description="Edits that resolve the finding, safe ones first (may be empty)."
    )

    _offset_keys: tuple[str, ...] = PrivateAttr(default=())

    def mark_offsets(self, keys: Iterable[str]) -> None:
        """Record which keys of `data` hold offsets into the caller's text (an int, or a span dict)."""
        self._offset_keys = tuple(keys)

    @property
    def offset_keys(self) -> tuple[str, ...]:
        """The keys of `data` that hold offsets (set by the analyzer that made the finding)."""
        return self._offset_keys

    @classmethod
    def trusted(
        cls, fields_set: set[str], values: dict[str, Any], offset_keys: tuple[str, ...] = ()
    ) -> Self:
        """`Model.trusted`, with the keys of `data` that hold offsets: the same object as
        `model_construct(fields_set, **values)` then `mark_offsets(offset_keys)` (half the cost of a finding:
        no generic loop over the fields, no default for the private attribute)."""
        finding = cls.__new__(cls)
        _object_setattr(finding, "__dict__", values)
        _object_setattr(finding, "__pydantic_fields_set__", fields_set)
        _object_setattr(finding, "__pydantic_extra__", None)
        _object_setattr(finding, "__pydantic_private__", {"_offset_keys": offset_keys})
        return finding



class Sentence(Model):
    """A sentence or another unit (heading, list item) of the text."""

    index: int = Field(description="0-based position in the report's sentence list.")
    start: int = Field(description="Start offset into the caller's text.")
    end: int = Field(description="End offset (exclusive) into the caller's text.")
    text: str = Field(description="text[start:end].")
    kind: UnitKind = Field(description="sentence, heading or list_item.")
    paragraph: int = Field(description="0-based paragraph index.")
    syllables: int = Field(
        description="Number of syllables (tiếng): letter/digit tokens, punctuation excluded."
    )
    words: int = Field(description="Number of words from underthesea's word segmentation.")
