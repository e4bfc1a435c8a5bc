"""Rule documentation from the registry: `vnpolicytext rule ID`, `vnpolicytext rules` and docs/rules.md.

All three read the same `Rule` and `Analyzer` data, so the command line and the catalogue never disagree.
"""

from __future__ import annotations

import difflib

from .analyzers import ANALYZERS, RULES
from .registry import PROFILES, Rule

_SEVERITY_VI = {"info": "thông tin", "warning": "cảnh báo", "error": "lỗi", "off": "tắt"}


def close_ids(rule_id: str, n: int = 5) -> list[str]:
    """Rule ids that look like `rule_id` (for "did you mean")."""
    ids = list(RULES)
    close = difflib.get_close_matches(rule_id, ids, n=n, cutoff=0.5)
    prefix = [r for r in ids if r.startswith(rule_id.split(".", 1)[0] + ".") and r not in close]
    return (close + prefix)[:n]


def _example(rule: Rule) -> tuple[str, str]:
    before, _, after = rule.example.partition("→")
    return before.strip(), after.strip()


def _levels(rule: Rule) -> str:
    return ", ".join(f"{p}: {_SEVERITY_VI[rule.level(p)]}" for p in PROFILES)


def explain(rule_id: str) -> str:
    """A rule explained in Vietnamese for the terminal (KeyError when the id is unknown)."""
    rule = RULES[rule_id]
    analyzer = next(a for a in ANALYZERS if a.name == rule.analyzer)
    before, after = _example(rule)
    lines = [
        f"{rule.id} — {analyzer.title} (mức mặc định: {_SEVERITY_VI[rule.severity]}; theo hồ sơ: {_levels(rule)})",
        "",
        f"Phát hiện gì: {rule.description}",
        f"Thông báo: {rule.message}",
    ]
    if rule.why:
        lines.append(f"Vì sao quan trọng: {rule.why}")
    if rule.source:
        lines.append(f"Căn cứ: {rule.source}")
    lines += ["", "Ví dụ:", f"  Viết: {before}"]
    if after:
        lines.append(f"  Nên viết: {after}")
    lines += [
        "",
        "Tắt hoặc đổi mức trong pyproject.toml hay .vnpolicytext.toml:",
        "  [tool.vnpolicytext.rules]",
        f'  "{rule.id}" = "off"   # hoặc "info", "warning", "error"',
        f"Tắt trong HTML/Markdown: <!-- vnpolicytext-disable {rule.id} --> … <!-- vnpolicytext-enable {rule.id} -->",
        f"Tài liệu: {rule.anchor}",
    ]
    return "\n".join(lines) + "\n"


def rule_list() -> str:
    """Every rule id with its severity, Vietnamese analyzer title and English description."""
    width = max((len(r) for r in RULES), default=10)
    out = []
    for analyzer in ANALYZERS:
        for rule in analyzer.rules:
            out.append(f"{rule.id:<{width}}  {rule.severity:<7}  {analyzer.title} — {rule.description}")
    return "\n".join(out) + "\n"


def catalogue() -> str:
    """docs/rules.md: every rule by analyzer, with its message, why it matters, its source and an example."""
    out = [
        "# Rule catalogue",
        "",
        "Every rule id vnpolicytext reports, by analyzer: its default severity and its level in each profile, the",
        "Vietnamese message, why it matters and the legal text or research behind it, and a Vietnamese example",
        "with a plainer rewrite. Re-level or disable any rule through the configuration",
        '(`rules = { "passive.short" = "off" }`); `vnpolicytext rule ID` prints the same on the command line.',
        "Generated from the analyzer registry by `scripts/make_rules_doc.py`.",
        "",
    ]
    for analyzer in ANALYZERS:
        if not analyzer.rules:
            continue
        out += [f"## `{analyzer.name}` — {analyzer.title}", "", analyzer.description, ""]
        for rule in analyzer.rules:
            before, after = _example(rule)
            out += [
                f'<a id="{rule.anchor.split("#", 1)[1]}"></a>',
                "",
                f"### `{rule.id}`",
                "",
                f"- Severity: **{rule.severity}** (citizen / news / legal: "
                + " / ".join(rule.level(p) for p in PROFILES)
                + ")",
                f"- Detects: {rule.description}",
                f"- Message: «{rule.message}»",
            ]
            if rule.why:
                out.append(f"- Why it matters: {rule.why}")
            if rule.source:
                out.append(f"- Source: {rule.source}")
            out.append(f"- Example: {before}")
            if after:
                out.append(f"- Rewrite: {after}")
            out.append("")
    return "\n".join(out)
