"""A small run of the complexity catalogue (benchmarks/complexity.py): every hostile pattern, at n and 8n
characters, must grow no more than 12x, as in the benchmark. Sizes are small (n is the smallest size from 500
up whose run takes 40 ms, at most 64,000 characters; about a second each at most); only growth ratios are
compared, in CPU time (a loaded machine slows the wall clock, not the work) with the best of a few repeats,
never absolute times. The timings run in one fresh process, as the benchmark does: inside the test session's
large heap the 8n runs paid more for memory than the n runs (linear entries measured 12.1-12.8x there and
7.8-8.8x alone)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "complexity.py"
_spec = importlib.util.spec_from_file_location("vnpolicytext_complexity", _PATH)
assert _spec is not None and _spec.loader is not None
complexity = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = complexity
_spec.loader.exec_module(complexity)

# The benchmark's limit. Measured in CPU time on a 2-core machine under a load of 12, every entry grew 5-10x at
# these sizes (docs/performance.md); a quadratic path grows about 64x.
LIMIT = 12.0


@pytest.fixture(scope="module")
def growth() -> dict[str, list[float]]:
    src = str(_PATH.parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run(
        [sys.executable, str(_PATH), "--suite", "--limit", str(LIMIT)],
        capture_output=True, text=True, env=env, timeout=1200, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, list[float]] = json.loads(proc.stdout)
    return result


@pytest.mark.parametrize("entry", complexity.CATALOGUE, ids=lambda e: e.name)
def test_growth_is_linear(entry: object, growth: dict[str, list[float]]) -> None:
    name = entry.name  # type: ignore[attr-defined]
    n, small, large = growth[name]
    assert not complexity.too_slow(small, large, LIMIT), (
        f"{name}: {small:.4f}s at {int(n)} chars, {large:.4f}s at {8 * int(n)} ({large / small:.1f}x)"
    )


def test_catalogue_covers_the_issue_table() -> None:
    names = {e.name for e in complexity.CATALOGUE}
    for name in ("periods", "exclamations", "ellipses", "term-spaces", "html-comment-open", "html-decl-open",
                 "html-pi-open", "html-cdata-open", "md-image-open", "md-comment-open", "html-suppress",
                 "md-suppress", "html-endtag-open", "html-endtag-a"):
        assert name in names
    text = complexity.build(complexity.CATALOGUE[0], 1001)
    assert len(text) == 1001
