"""What every analyzer shares: rule metadata and the collector that turns spans into findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..document import Document
from ..models import Finding, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's stable id, default severity and one-line English description."""

    id: str
    severity: Severity
    description: str
    example: str = ""

    @property
    def analyzer(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(slots=True)
class Findings:
    """Collects one analyzer's findings, applying the user's rule levels ('off' drops the finding)."""

    doc: Document
    config: Config
    rules: dict[str, Rule]
    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding | None:
        """Add a finding on the working-copy span [start, end) unless the rule is off."""
        info = self.rules[rule]
        level = self.config.level(rule, info.severity)
        if level == "off":
            return None
        f = self.doc.finding(info.analyzer, rule, level, start, end, message, suggestion, data)  # type: ignore[arg-type]
        self.items.append(f)
        return f

    def enabled(self, rule: str) -> bool:
        return self.config.level(rule, self.rules[rule].severity) != "off"
