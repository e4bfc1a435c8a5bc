"""The rule catalogue served by /v1/rules, read from the analyzer registry."""

from __future__ import annotations

from .schemas import RuleInfo


def rule_catalogue() -> list[RuleInfo]:
    """Every rule, in registry order."""
    from ..analyzers import RULES

    return [
        RuleInfo(
            id=r.id, analyzer=r.analyzer, severity=r.severity, description=r.description, example=r.example
        )
        for r in RULES.values()
    ]
