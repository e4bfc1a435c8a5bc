"""JSON output: the report (or, for `check`, the CheckResult) of each input.

One input: one JSON object, exactly `model_dump_json()`. Several inputs: JSON Lines, one object per input,
`{"path": ..., "report": {...}}` or `{"path": ..., "check": {...}}`, in input order.
"""

from __future__ import annotations

import json

from . import FileResult
from .safe import json_text


def render(results: list[FileResult]) -> str:
    if len(results) == 1:
        r = results[0]
        body = (
            r.check.model_dump_json(indent=2) if r.check is not None else r.report.model_dump_json(indent=2)
        )
        return json_text(body) + "\n"
    lines = []
    for r in results:
        if r.check is not None:
            key, body = "check", r.check.model_dump_json()
        else:
            key, body = "report", r.report.model_dump_json()
        lines.append(f'{{"path": {json.dumps(r.path, ensure_ascii=False)}, "{key}": {body}}}')
    return json_text("\n".join(lines)) + "\n"  # U+2028, U+2029, U+0085 escaped: one record per line
