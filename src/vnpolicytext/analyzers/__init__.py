"""The analyzers, in the order they run. Each module declares one `ANALYZER` (see `vnpolicytext.registry`).

Adding an analyzer: write its module with its `ANALYZER`, its data file and its tests, and list it here;
the configuration keys, the report fields, `vnpolicytext rules` and docs/rules.md follow from it.
"""

from __future__ import annotations

from ..registry import Analyzer, Rule
from . import (
    abbreviation,
    enumeration,
    glossary,
    jargon,
    legal_structure,
    nominalisation,
    passive,
    readability,
    sentence_length,
    structure,
    terminology,
    text_check,
)

ANALYZERS: tuple[Analyzer, ...] = (
    text_check.ANALYZER,
    sentence_length.ANALYZER,
    passive.ANALYZER,
    jargon.ANALYZER,
    abbreviation.ANALYZER,
    glossary.ANALYZER,
    nominalisation.ANALYZER,
    enumeration.ANALYZER,
    structure.ANALYZER,
    terminology.ANALYZER,
    legal_structure.ANALYZER,
    readability.ANALYZER,
)

BY_NAME: dict[str, Analyzer] = {a.name: a for a in ANALYZERS}
RULES: dict[str, Rule] = {r.id: r for a in ANALYZERS for r in a.rules}

__all__ = ["ANALYZERS", "BY_NAME", "RULES", "Analyzer", "Rule"]
