"""The rule catalogue and the docs stay in step with the code."""

import importlib.util
from pathlib import Path

from vnpolicytext.analyzers import RULES

ROOT = Path(__file__).resolve().parents[1]


def _render() -> str:
    spec = importlib.util.spec_from_file_location("make_rules_doc", ROOT / "scripts" / "make_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.render())


def test_rule_catalogue_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == _render(), "run: .venv/bin/python scripts/make_rules_doc.py > docs/rules.md"


def test_every_rule_has_a_vietnamese_example_with_a_rewrite() -> None:
    for rule in RULES.values():
        assert rule.id.startswith(rule.analyzer + ".")
        assert "→" in rule.example, rule.id
        assert rule.severity in ("info", "warning", "error")


def test_every_rule_id_is_explained_in_the_method_or_topic_docs() -> None:
    docs = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md") if p.name != "rules.md"
    )
    missing = [rule for rule in RULES if rule not in docs]
    assert missing == []
