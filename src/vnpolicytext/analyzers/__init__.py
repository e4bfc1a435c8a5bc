"""The analyzers, in the order they run. Each module has NAME, RULES and analyze(doc, config, out) -> summary."""

from __future__ import annotations

from types import ModuleType

from . import abbreviation, glossary, jargon, passive, readability, sentence_length, text_check
from .base import Findings, Rule

ANALYZERS: tuple[ModuleType, ...] = (
    text_check,
    sentence_length,
    passive,
    jargon,
    abbreviation,
    glossary,
    readability,
)

RULES: dict[str, Rule] = {r.id: r for m in ANALYZERS for r in m.RULES}

__all__ = ["ANALYZERS", "RULES", "Findings", "Rule", "text_check"]
