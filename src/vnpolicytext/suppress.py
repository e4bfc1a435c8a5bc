"""Inline suppression comments in HTML and Markdown sources.

    <!-- vnpolicytext-disable -->                     every rule, until the matching enable (or the end)
    <!-- vnpolicytext-disable passive.short, jargon --> those rules (an analyzer name covers all its rules)
    <!-- vnpolicytext-enable passive.short -->        ends the region opened for those rules
    <!-- vnpolicytext-enable -->                      ends every open region
    <!-- vnpolicytext-disable-next-line RULE -->      the line after the comment only

A finding is dropped when its start offset falls inside a region that covers its rule.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from typing import Literal, cast

import regex

from .lines import LineIndex
from .models import Finding

DirectiveKind = Literal["disable", "enable", "disable-next-line"]

_DIRECTIVE = regex.compile(r"^\s*vnpolicytext-(disable-next-line|disable|enable)(?![\w-])(.*?)\s*$", regex.S)


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment: its kind, the rules it names (empty = all) and its span in the source."""

    kind: DirectiveKind
    rules: frozenset[str]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Region:
    """A half-open span of the source where `rules` (None = every rule) are silenced."""

    start: int
    end: int
    rules: frozenset[str] | None

    def covers(self, offset: int, rule: str) -> bool:
        if not self.start <= offset < self.end:
            return False
        return self.rules is None or rule_matches(rule, self.rules)


def rule_matches(rule: str, names: frozenset[str]) -> bool:
    """True when `rule` is named, or its analyzer is ('passive' covers 'passive.short')."""
    return rule in names or rule.split(".", 1)[0] in names


def parse_directive(comment: str, start: int, end: int) -> Directive | None:
    """The directive in an HTML comment's inner text, or None when it is an ordinary comment."""
    m = _DIRECTIVE.match(comment)
    if m is None:
        return None
    rules = frozenset(r for r in regex.split(r"[\s,]+", m.group(2)) if r)
    kind = cast(DirectiveKind, m.group(1))
    return Directive(kind, rules, start, end)


def regions(directives: list[Directive], source: str) -> list[Region]:
    """The silenced regions that a document's directives (in source order) define."""
    lines = LineIndex(source)
    out: list[Region] = []
    open_all: int | None = None
    open_rules: dict[str, int] = {}
    for d in sorted(directives, key=lambda d: d.start):
        if d.kind == "disable-next-line":
            line = lines.line_of(d.end - 1)  # 1-based line of the comment's last character
            if line < len(lines.starts):
                out.append(Region(*lines.line_span(line + 1), d.rules or None))
        elif d.kind == "disable":
            if not d.rules:
                if open_all is None:
                    open_all = d.end
            else:
                for r in d.rules:
                    open_rules.setdefault(r, d.end)
        else:  # enable
            if not d.rules:
                if open_all is not None:
                    out.append(Region(open_all, d.start, None))
                    open_all = None
                for r, s in open_rules.items():
                    out.append(Region(s, d.start, frozenset({r})))
                open_rules.clear()
            else:
                for r in d.rules:
                    if r in open_rules:
                        out.append(Region(open_rules.pop(r), d.start, frozenset({r})))
    if open_all is not None:
        out.append(Region(open_all, len(source), None))
    for r, s in open_rules.items():
        out.append(Region(s, len(source), frozenset({r})))
    return out


def apply(findings: list[Finding], silenced: list[Region]) -> list[Finding]:
    """The findings that no region silences.

    One sweep over findings and regions by start offset, with the regions in force kept in a heap by end and
    counted per rule name, so a suppression comment before every line costs linear time (not findings x
    regions)."""
    if not silenced:
        return findings
    regions = sorted(silenced, key=lambda r: r.start)
    in_force: list[tuple[int, int]] = []  # (end, index into regions)
    names: Counter[str] = Counter()
    every = 0
    next_region = 0
    dropped: set[int] = set()
    for i in sorted(range(len(findings)), key=lambda i: findings[i].start):
        finding = findings[i]
        pos = finding.start
        while next_region < len(regions) and regions[next_region].start <= pos:
            region = regions[next_region]
            heapq.heappush(in_force, (region.end, next_region))
            if region.rules is None:
                every += 1
            else:
                names.update(region.rules)
            next_region += 1
        while in_force and in_force[0][0] <= pos:
            region = regions[heapq.heappop(in_force)[1]]
            if region.rules is None:
                every -= 1
            else:
                names.subtract(region.rules)
        if every or names[finding.rule] > 0 or names[finding.rule.split(".", 1)[0]] > 0:
            dropped.add(i)
    return [f for i, f in enumerate(findings) if i not in dropped]
