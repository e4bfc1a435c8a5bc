"""What an analyzer receives when it runs: the document, its options, the levels in force, and one way to
add a finding (from the rule's message template, with every offset mapped to the caller's text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..document import Document
from ..models import Finding, Fix, is_end_key
from ..registry import Level, Rule

_FINDING_FIELDS = set(Finding.model_fields)  # every finding gets them all; assigning one later adds nothing

__all__ = ["Context", "Rule"]


@dataclass(slots=True)
class Context:
    """One analyzer's view of a run.

    `analyzer_options` holds every analyzer's options (glossary reads jargon's files); `summaries` and
    `measures` hold what the analyzers that ran before produced (the readability analyzer
    reads them to build the clarity score); `findings` collects the findings of the whole run.
    """

    doc: Document
    options: Any
    profile: str
    rules: Mapping[str, Rule]
    levels: Mapping[str, Level]
    analyzer_options: Mapping[str, Any] = field(default_factory=dict)
    summaries: Mapping[str, BaseModel] = field(default_factory=dict)
    measures: Mapping[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def level(self, rule: str) -> Level:
        """The level of `rule` in force ('off' when switched off)."""
        return self.levels.get(rule) or self.rules[rule].severity

    def enabled(self, rule: str) -> bool:
        return self.level(rule) != "off"

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        *,
        suggestion: str | None = None,
        data: dict[str, Any] | None = None,
        offsets: Mapping[str, int] | None = None,
        spans: Mapping[str, tuple[int, int]] | None = None,
        fixes: Sequence[Fix] | None = None,
        **fields: Any,
    ) -> Finding | None:
        """Add a finding of `rule` on the working-copy span [start, end), its message filled from `fields`.

        `offsets` (working-copy positions; a key ending in "_end" is the end of a span) and `spans` (working-copy spans) go into the finding's data in the
        caller's offsets — a span as {"start", "end", "text"} — and are marked as offsets, so a markup source
        moves them with the finding. `fixes` are made with `Context.fix` (already in the caller's offsets).
        Returns None when the rule is off.
        """
        info = self.rules[rule]
        level = self.level(rule)
        if level == "off":
            return None
        doc = self.doc
        s, e = doc.span_in_original(start, end)
        line, column = doc.lines.line_column(s)
        payload = dict(data or {})
        marked: list[str] = []
        for key, pos in (offsets or {}).items():
            payload[key] = (
                doc.span_in_original(pos - 1, pos)[1]
                if is_end_key(key) and pos > 0
                else doc.offset_in_original(pos)
            )
            marked.append(key)
        for key, (a, b) in (spans or {}).items():
            o0, o1 = doc.span_in_original(a, b)
            payload[key] = {"start": o0, "end": o1, "text": doc.original[o0:o1]}
            marked.append(key)
        # Built without validation (every value is typed here) and with one shared set of the fields given:
        # a validated model copies its data and keeps its own set, half its memory (issue 18).
        finding = Finding.trusted(
            _FINDING_FIELDS,
            {
                "analyzer": info.analyzer,
                "rule": rule,
                "severity": level,
                "start": s,
                "end": e,
                "text": doc.original[s:e],
                "line": line,
                "column": column,
                "message": info.message.format(**fields),
                "suggestion": suggestion,
                "data": payload,
                "fixes": sorted(fixes, key=lambda f: not f.safe) if fixes else [],
            },
            tuple(marked),
        )
        self.findings.append(finding)
        return finding

    def original(self, start: int, end: int) -> str:
        """The caller's text under the working-copy span [start, end)."""
        s, e = self.doc.span_in_original(start, end)
        return self.doc.original[s:e]

    def fix(self, start: int, end: int, replacement: str, *, safe: bool, description: str) -> Fix:
        """An edit of the working-copy span [start, end) (empty: an insertion at `start`), in the caller's
        offsets. Build `replacement` from `Context.original` slices, so the caller's spelling is kept."""
        if end > start:
            s, e = self.doc.span_in_original(start, end)
        else:
            s = e = self.doc.offset_in_original(start)
        return Fix(start=s, end=e, replacement=replacement, safe=safe, description=description)
