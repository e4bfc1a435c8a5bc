"""Wall time of `vnpolicytext analyze FILE` from a cold process, and where it goes.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_cold.py [FILE] [--runs 7] [--reference COMMIT]
        [--breakdown]

Each run is a fresh interpreter running the CLI's `main` on FILE (default: the shipped example), with the
package's bytecode compiled and the derived-table caches written by a warm-up run (what every call after the
first one on a machine sees). Prints the median and minimum wall time and CPU time (user + system of the
child). With `--reference`, the reference commit's `src/` (from `git archive`) runs alternately with this
tree, run for run, so both see the same load; the per-pair ratio's median is the figure to trust on a
shared machine. `--breakdown` runs one instrumented cold process per tree and prints where its time goes:
the interpreter, importing the CLI, loading each model and lexicon on first use, the rest of the first
analysis, and writing the report.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "thong_bao_tiep_nhan_ho_so.txt"

_RUN = "import sys; sys.argv = ['vnpolicytext', 'analyze', sys.argv[1]]; from vnpolicytext.cli import main; main()"

# One cold process, timed phase by phase. The first use of each model and lexicon is forced in the order
# the analyzers reach them, so each phase holds its own cost and "analyze" the rest of the first analysis.
_BREAKDOWN = r"""
import json, sys, time
t = time.perf_counter
marks = []
def mark(name):
    marks.append((name, t()))
mark("start")
import vnpolicytext.cli
mark("import vnpolicytext.cli")
from vnpolicytext import crf
crf.model("ws")
mark("segmentation model")
crf.model("pos")
mark("POS model")
from vnpolicytext.analyzers import glossary, jargon
jargon.matcher_for([])
mark("jargon lexicon")
glossary.lexicon_for([], [])
mark("glossary lexicon")
from vnpolicytext.api import analyze
text = open(sys.argv[1], encoding="utf-8").read()
report = analyze(text)
mark("rest of the first analyze")
out = report.model_dump_json(indent=2)
mark("report as JSON")
analyze(text)
mark("(a second, warm analyze)")
print(json.dumps([(b, round(1000 * (tb - ta), 1)) for (_, ta), (b, tb) in zip(marks, marks[1:])]))
"""


def reference_src(commit: str, into: Path) -> Path:
    """The reference's src/ directory, extracted under `into`."""
    data = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _env(src: Path) -> dict[str, str]:
    """The child's environment: the package from `src`, and a cache folder of that tree's own (two versions
    sharing one would remove each other's derived tables as stale and rebuild them on every call)."""
    return {**os.environ, "PYTHONPATH": str(src), "XDG_CACHE_HOME": str(src.parent / "cache")}


def cold_run(src: Path, file: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one cold CLI process on `file` with the package from `src`."""
    env = _env(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RUN, str(file)], env=env, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"the CLI failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def breakdown(src: Path, file: Path) -> list[tuple[str, float]]:
    """Milliseconds per phase of one instrumented cold process."""
    env = _env(src)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)  # the interpreter's own start
    start = time.perf_counter() - t0
    done = subprocess.run(
        [sys.executable, "-c", _BREAKDOWN, str(file)], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"the breakdown failed: {done.stderr[-800:]}")
    phases: list[tuple[str, float]] = [("interpreter start (python -c pass)", round(1000 * start, 1))]
    phases += [(name, ms) for name, ms in json.loads(done.stdout.strip().splitlines()[-1])]
    return phases


def _summary(name: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return (
        f"{name}: wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}), "
        f"CPU median {statistics.median(cpus):.3f} s (min {min(cpus):.3f})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--reference", help="commit to run alternately with this tree")
    ap.add_argument("--breakdown", action="store_true", help="where one cold process spends its time")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # this tree's package through a link, so that its cache folder is a fresh one beside it too
        here = Path(tmp) / "this"
        here.mkdir()
        (here / "src").symlink_to(ROOT / "src")
        trees = [("this tree", here / "src")]
        if args.reference:
            ref = Path(tmp) / "reference"
            ref.mkdir()
            trees.insert(0, (f"reference {args.reference}", reference_src(args.reference, ref)))
        for _, src in trees:
            # bytecode written whatever PYTHONDONTWRITEBYTECODE says (as `make` does), then the derived tables
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
            cold_run(src, args.file)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in trees}
        for r in range(args.runs):
            for name, src in trees if r % 2 == 0 else trees[::-1]:
                runs[name].append(cold_run(src, args.file))
        print(f"{args.file.name}, {args.runs} cold runs each, load average {os.getloadavg()[0]:.2f}")
        for name, _ in trees:
            print(_summary(name, runs[name]))
        if args.reference:
            ratios = [n[0] / r[0] for r, n in zip(runs[trees[0][0]], runs[trees[1][0]], strict=True)]
            print(f"wall, this tree / reference, per pair: median {statistics.median(ratios):.3f}")
        if args.breakdown:
            for name, src in trees:
                print(f"\n{name}, one cold process (ms):")
                for phase, ms in breakdown(src, args.file):
                    print(f"  {phase:40} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
