"""The rule catalogue served by /v1/rules: the ONE place that reads the rule registry (re-point it here)."""

from __future__ import annotations

from .schemas import RuleInfo


def rule_catalogue() -> list[RuleInfo]:
    """Every rule, in registry order."""
    from ..analyzers import RULES  # the registry is being redesigned; this adapter is the only reader

    return [
        RuleInfo(
            id=r.id, analyzer=r.analyzer, severity=r.severity, description=r.description, example=r.example
        )
        for r in RULES.values()
    ]
