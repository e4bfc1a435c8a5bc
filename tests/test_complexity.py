"""A small run of the complexity catalogue (benchmarks/complexity.py): every hostile pattern, at n and 8n
characters, must grow no more than 12x, as in the benchmark. Sizes are small (n is the smallest size from 500
up whose run takes 40 ms, at most 64,000 characters; about a second each at most); only growth ratios are
compared, in CPU time (a loaded machine slows the wall clock, not the work) with the best of a few repeats,
never absolute times."""

from __future__ import annotations

import importlib.util
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


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    complexity.warm_up()


@pytest.mark.parametrize("entry", complexity.CATALOGUE, ids=lambda e: e.name)
def test_growth_is_linear(entry: object) -> None:
    # n grows from 500 until one run takes 40 ms (above the noise), at most 64,000 characters
    n, small = complexity.calibrated_n(entry, 500, 64000, 0.04)
    large = complexity.timed(entry, 8 * n, repeats=2)
    if complexity.too_slow(small, large, LIMIT):
        # measure again before failing: a busy machine can slow a single run
        small = min(small, complexity.timed(entry, n, repeats=3))
        large = min(large, complexity.timed(entry, 8 * n, repeats=2))
    assert not complexity.too_slow(small, large, LIMIT), (
        f"{entry.name}: {small:.4f}s at {n} chars, {large:.4f}s at {8 * n} ({large / small:.1f}x)"  # type: ignore[attr-defined]
    )


def test_catalogue_covers_the_issue_table() -> None:
    names = {e.name for e in complexity.CATALOGUE}
    for name in ("periods", "exclamations", "ellipses", "term-spaces", "html-comment-open", "html-decl-open",
                 "html-pi-open", "html-cdata-open", "md-image-open", "md-comment-open", "html-suppress",
                 "md-suppress", "html-endtag-open", "html-endtag-a"):
        assert name in names
    text = complexity.build(complexity.CATALOGUE[0], 1001)
    assert len(text) == 1001
