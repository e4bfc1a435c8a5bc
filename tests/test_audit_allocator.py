"""The allocator of audit workers: a worker started with Dask's `MALLOC_TRIM_THRESHOLD_=65536` keeps its
memory while parts run, and gets its own thresholds back afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vnpolicytext.audit import (
    GLIBC_DEFAULT_THRESHOLD,
    _glibc,
    static_malloc_thresholds,
)

SRC = str(Path(__file__).resolve().parents[1] / "src")

# In a fresh process: page faults of allocating and freeing 2 MB lists (the size of a long document's word
# list), before, inside and after `analysis_allocator`, and while one of two overlapping parts runs.
FAULTS = """
import json, resource
from vnpolicytext.audit import analysis_allocator

def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(60):
        words = [None] * 250_000
        del words
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

outside = faults()
with analysis_allocator():
    inside = faults()
# two parts at once on a worker of two threads: the first to end leaves the other's setting alone
first, second = analysis_allocator(), analysis_allocator()
first.__enter__()
second.__enter__()
first.__exit__(None, None, None)
one_left = faults()
second.__exit__(None, None, None)
print(json.dumps({"outside": outside, "inside": inside, "one_left": one_left, "after": faults()}))
"""


def _faults(env: dict[str, str]) -> dict[str, int]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    done = subprocess.run(
        [sys.executable, "-c", FAULTS],
        env={**base, "PYTHONPATH": SRC, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, int] = json.loads(done.stdout)
    return figures


def test_thresholds_fixed_by_the_environment_are_found() -> None:
    assert static_malloc_thresholds(b"HOME=/root\0LANG=C.UTF-8\0") is None
    assert static_malloc_thresholds(b"HOME=/root\0MALLOC_TRIM_THRESHOLD_=65536\0") == (
        65536,
        GLIBC_DEFAULT_THRESHOLD,
    )
    assert static_malloc_thresholds(b"MALLOC_MMAP_THRESHOLD_=0x100000\0") == (
        GLIBC_DEFAULT_THRESHOLD,
        1 << 20,
    )
    tunables = b"GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=262144\0"
    assert static_malloc_thresholds(tunables) == (262144, GLIBC_DEFAULT_THRESHOLD)
    assert static_malloc_thresholds(b"GLIBC_TUNABLES=glibc.malloc.arena_max=2\0") is None
    # a value glibc would not parse either: the threshold is set, its value is glibc's default
    assert static_malloc_thresholds(b"MALLOC_TRIM_THRESHOLD_=lots\0") == (GLIBC_DEFAULT_THRESHOLD,) * 2


@pytest.mark.skipif(_glibc() is None, reason="glibc's malloc only")
def test_a_worker_started_with_dasks_trim_setting_keeps_its_memory_while_parts_run() -> None:
    nanny = _faults({"MALLOC_TRIM_THRESHOLD_": "65536"})
    # 2 MB lists above a fixed 128 KiB mmap threshold: fresh pages from the kernel every time
    assert nanny["outside"] > 60 * 400
    # while a part runs they come from the heap
    assert nanny["inside"] < nanny["outside"] / 10
    assert nanny["one_left"] < nanny["outside"] / 10
    # and the worker's own setting is back afterwards
    assert nanny["after"] > 60 * 400


@pytest.mark.skipif(_glibc() is None, reason="glibc's malloc only")
def test_a_pool_worker_keeps_glibcs_adaptive_thresholds() -> None:
    pool = _faults({})
    assert max(pool.values()) < 60 * 400 / 10  # glibc adapts by itself: nothing to change, nothing changed
