"""SARIF 2.1.0 output: one run, every rule of the registry, one result per finding.

Columns and character offsets count Unicode code points (`columnKind: unicodeCodePoints`), like the report.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..analyzers import RULES
from ..models import Fix
from ..version import __version__
from . import FileResult, LineIndex
from .safe import json_text, printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    return quote(path.replace("\\", "/"), safe="/:._-~")


def _fix(fix: Fix, path: str, index: int, lines: LineIndex) -> dict[str, Any]:
    """A SARIF fix: one artifact change replacing the region [start, end) (empty: an insertion)."""
    line, column = lines.line_column(fix.start)
    end_line, end_col = lines.end_line_column(fix.start, fix.end) if fix.end > fix.start else (line, column)
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _uri(path), "index": index},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_col,
                            "charOffset": fix.start,
                            "charLength": fix.end - fix.start,
                        },
                        "insertedContent": {"text": fix.replacement},
                    }
                ],
            }
        ],
        "properties": {"safe": fix.safe},
    }


def sarif_log(results: list[FileResult]) -> dict[str, Any]:
    rule_ids = list(RULES)
    extra = sorted({f.rule for r in results for f in r.report.findings} - set(rule_ids))
    rules: list[dict[str, Any]] = []
    for rid in rule_ids + extra:
        rule = RULES.get(rid)
        rules.append(
            {
                "id": rid,
                "shortDescription": {"text": rule.description if rule else rid},
                "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "warning"},
                "properties": {"analyzer": rid.split(".", 1)[0]},
            }
        )
    index_of = {rid: i for i, rid in enumerate(rule_ids + extra)}
    out: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for a, r in enumerate(results):
        artifacts.append({"location": {"uri": _uri(r.path)}, "length": len(r.source)})
        lines = LineIndex(r.source)
        for f in r.report.findings:
            end_line, end_col = lines.end_line_column(f.start, f.end)
            text = printable(f.message if not f.suggestion else f"{f.message} Gợi ý: {f.suggestion}")
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index_of[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(r.path), "index": a},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": end_line,
                                "endColumn": end_col,
                                "charOffset": f.start,
                                "charLength": f.end - f.start,
                                "snippet": {"text": f.text},
                            },
                        }
                    }
                ],
            }
            if f.data:
                result["properties"] = {"data": f.data}
            if f.fixes:
                result["fixes"] = [_fix(fx, r.path, a, lines) for fx in f.fixes]
            out.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vnpolicytext",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": out,
            }
        ],
    }


def render(results: list[FileResult]) -> str:
    return json_text(json.dumps(sarif_log(results), ensure_ascii=False, indent=2)) + "\n"
