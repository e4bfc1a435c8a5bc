"""The package's structure: imports flow one way, and regressions of the redesign stay fixed."""

from __future__ import annotations

import ast
from pathlib import Path

import vnpolicytext
from vnpolicytext.analyzers import ANALYZERS, RULES
from vnpolicytext.document import Document
from vnpolicytext.gates import check
from vnpolicytext.phrases import PhraseMatcher
from vnpolicytext.report import Report

PACKAGE = Path(vnpolicytext.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports at run time (imports under TYPE_CHECKING left out)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if _in_type_checking(node, parents):
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module) if node.level else node.module or ""
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_the_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    assert graph.get("vnpolicytext.config")  # the graph was really built
    assert find_cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_registry_and_the_analyzers_import_neither_config_nor_report() -> None:
    graph = import_graph()
    leaf = graph["vnpolicytext.registry"]
    assert not any(m.startswith("vnpolicytext.") for m in leaf)
    for spec in ANALYZERS:
        module = spec.run.__module__
        assert "vnpolicytext.config" not in graph[module], module
        assert "vnpolicytext.report" not in graph[module], module


def test_the_report_has_one_field_per_analyzer_and_every_rule_is_registered_once() -> None:
    names = [a.name for a in ANALYZERS]
    assert len(set(names)) == len(names)
    for name in names:
        if name != "text":
            assert name in Report.model_fields
    assert sum(len(a.rules) for a in ANALYZERS) == len(RULES)
    for rule in RULES.values():
        assert rule.message and rule.anchor.startswith("docs/rules.md#")


def test_a_phrase_never_matches_inside_a_word_whenever_it_is_looked_up() -> None:
    # "do" is a phrase of its own, and the first syllable-level view of "Lý do" would match it. The phrase
    # view is built on the document's words, so the first lookup already sees "Lý do" as one word.
    doc = Document("Lý do từ chối được ghi rõ trong phiếu trả lời do cán bộ ký.")
    matcher: PhraseMatcher[str] = PhraseMatcher([("do", "do")])
    unit = doc.units[0]
    first = [(m.start, m.end) for m in matcher.find(doc, unit)]
    again = [(m.start, m.end) for m in matcher.find(doc, unit)]
    inside = doc.text.index("do")
    assert inside not in [s for s, _ in first]
    assert first == again == [(doc.text.index("do cán"), doc.text.index("do cán") + 2)]


def test_the_passive_share_gate_reads_what_was_measured_not_what_is_shown() -> None:
    text = (
        "Hồ sơ được tiếp nhận tại bộ phận một cửa. Kết quả được trả trong năm ngày làm việc. "
        "Người dân nộp lệ phí tại quầy thu."
    )
    gates = {"fail_on": "never", "max_passive_share": 0.5}
    shown = check(text, {"check": gates})
    hidden = check(text, {"check": gates, "rules": {"passive.short": "off"}})
    assert not any(f.rule == "passive.short" for f in hidden.report.findings)
    assert hidden.report.passive is not None and hidden.report.passive.short == shown.report.passive.short == 2
    assert [f.gate for f in shown.failures] == [f.gate for f in hidden.failures] == ["max_passive_share"]
    assert hidden.failures[0].value == shown.failures[0].value == 2 / 3
