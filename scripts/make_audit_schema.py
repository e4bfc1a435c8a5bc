"""Regenerate the audit table schema: tests/data/audit_schema.json and the column list in docs/audit.md.

Run after an intended change of the columns (a new analyzer, rule or summary field):
    PYTHONPATH=src python scripts/make_audit_schema.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vnpolicytext.batch import ERROR_COLUMNS, FINDING_COLUMNS, document_columns

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "data" / "audit_schema.json"
DOC = ROOT / "docs" / "audit.md"
START, END = "<!-- columns:start -->", "<!-- columns:end -->"


def schema() -> dict[str, dict[str, str]]:
    """Column name -> type, in order, per table (the documents table's fixed columns)."""
    return {
        "documents": dict(document_columns()),
        "findings": dict(FINDING_COLUMNS),
        "errors": dict(ERROR_COLUMNS),
    }


def columns_block() -> str:
    lines = [START]
    for table, columns in schema().items():
        lines.append(
            f"\n`{table}`"
            + (" (then `meta__<key>`, string, per metadata key)" if table == "documents" else "")
            + ":\n"
        )
        lines.append("| column | type |\n|---|---|")
        lines.extend(f"| `{n}` | {t} |" for n, t in columns.items())
    lines.append(END)
    return "\n".join(lines)


def docs_with_block(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + columns_block() + tail


def main() -> int:
    SCHEMA.write_text(json.dumps(schema(), indent=1) + "\n", encoding="utf-8")
    DOC.write_text(docs_with_block(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {SCHEMA} and the column list of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
