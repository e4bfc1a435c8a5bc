"""Cold cost of the phrase lexicons and the quick character classes, in fresh processes, against a reference.

    PYTHONPATH=src .venv/bin/python benchmarks/cold_lexicons.py [--reference b27a686] [--pairs 7] [--cli]

Each pair runs one fresh process with the reference's `src/` (from `git archive`) and one with this tree's,
alternately (the order swapped every pair); each process imports `vnpolicytext.cli` (what the CLI pays
anyway), then times each first call with perf_counter and process_time. Both trees are byte-compiled first
(an installed package has its .pyc files). The cache folder is the user's: run once before measuring so
that this tree's caches are written (the first run builds and writes them). `--cli` times instead the whole
`vnpolicytext analyze examples/thong_bao_tiep_nhan_ho_so.txt` (wall, and CPU of the child).
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
PROBE = """
import json, time
import vnpolicytext.cli
from vnpolicytext import vocab
from vnpolicytext.analyzers import glossary, jargon, text_check
out = {}
for label, call in (
    ("vocab._quick_syllable()", vocab._quick_syllable),
    ("text_check._quick_words()", text_check._quick_words),
    ("jargon.matcher_for([])", lambda: jargon.matcher_for([])),
    ("glossary.lexicon_for([], [])", lambda: glossary.lexicon_for([], [])),
    ("jargon._technical_terms()", jargon._technical_terms),
):
    t, c = time.perf_counter(), time.process_time()
    call()
    out[label] = (time.perf_counter() - t, time.process_time() - c)
print(json.dumps(out))
"""
CLI = "import sys; from vnpolicytext.cli import main; sys.exit(main())"


def run(src: Path, cli: bool) -> dict[str, tuple[float, float]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    if not cli:
        done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
        return {k: (w, c) for k, (w, c) in json.loads(done.stdout).items()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", CLI, "analyze", str(EXAMPLE)], env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cli": (wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default="b27a686")
    ap.add_argument("--pairs", type=int, default=7)
    ap.add_argument("--cli", action="store_true", help="time the whole CLI run instead of each call")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", args.reference, "src"], cwd=ROOT, capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        trees = {"reference": Path(tmp) / "src", "this tree": ROOT / "src"}
        for src in trees.values():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
        runs: dict[str, list[dict[str, tuple[float, float]]]] = {name: [] for name in trees}
        for i in range(args.pairs):
            for name in list(trees) if i % 2 == 0 else list(trees)[::-1]:
                runs[name].append(run(trees[name], args.cli))
    print(f"{args.pairs} pairs of fresh processes; median (min–max) wall ms, median CPU ms")
    for label in runs["reference"][0]:
        cells = []
        for name, results in runs.items():
            wall = [1e3 * r[label][0] for r in results]
            cpu = [1e3 * r[label][1] for r in results]
            cells.append(
                f"{name} {statistics.median(wall):.1f} ({min(wall):.1f}–{max(wall):.1f}), "
                f"CPU {statistics.median(cpu):.1f}"
            )
        print(f"{label}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
