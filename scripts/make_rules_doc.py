"""Write docs/rules.md, the catalogue of every rule id, from the analyzer registry.

    .venv/bin/python scripts/make_rules_doc.py > docs/rules.md

tests/test_docs.py fails when the committed catalogue differs from what this prints.
"""

from __future__ import annotations

from vnpolicytext.explain import catalogue


def render() -> str:
    return catalogue()


if __name__ == "__main__":
    print(render(), end="")
