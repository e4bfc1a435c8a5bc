"""A pre-publication hook for a CMS: check an article's HTML body before it goes live."""

from __future__ import annotations

from typing import Any

from vnpolicytext import check

# The editorial policy: the citizen profile, plus a clarity floor of 55.
POLICY: dict[str, Any] = {"profile": "citizen", "check": {"fail_on": "error", "min_clarity": 55}}


def before_publish(html_body: str) -> tuple[bool, list[dict[str, Any]]]:
    """Return (may publish, annotations). Offsets index `html_body`, so the editor can underline each passage."""
    result = check(html_body, POLICY, input_format="html")
    annotations: list[dict[str, Any]] = [
        {
            "start": f.start,  # html_body[start:end] is the flagged passage, tags and entities included
            "end": f.end,
            "line": f.line,
            "column": f.column,
            "severity": f.severity,
            "rule": f.rule,
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for f in result.report.findings
    ]
    for failure in result.failures:  # why publishing is blocked, for the banner at the top of the editor
        annotations.append(
            {
                "start": None,
                "end": None,
                "severity": "error",
                "rule": f"check.{failure.gate}",
                "message": failure.message,
                "suggestion": None,
            }
        )
    return result.passed, annotations
