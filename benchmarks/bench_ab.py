"""CPU time of `analyze` with a reference commit's package and this one in ONE process, call by call.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_ab.py [--reference COMMIT] [--runs 60]
        [--corpus-every N]

On a machine shared with other jobs, two processes timed one after the other (or even at the same time)
see different loads, and a change of a few per cent drowns in the noise. Here the reference's `src/` (from
`git archive`, default: `git merge-base HEAD main`) is imported under another name
(`vnpolicytext_ref`; the package uses only relative imports) next to the package on `sys.path`, both are
warmed, and the two analyse the same texts alternately (the order swapped every round), so that both see
the same load. Prints the median and minimum CPU time of each and the median of the per-round ratios.

The texts: the 10,000-character article of `bench_article.py`, or with `--corpus-every N` every N-th
document of ../shared/corpus. Limit: data files the package reads by absolute name
(`resources.files("vnpolicytext.data…")`) come from this checkout for both.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reference_package(commit: str, into: Path) -> None:
    """Extract the reference's src/vnpolicytext as `into/vnpolicytext_ref`."""
    data = subprocess.run(
        ["git", "archive", commit, "src/vnpolicytext"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    (into / "src" / "vnpolicytext").rename(into / "vnpolicytext_ref")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", default=None, help="commit (default: merge-base with main)")
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--corpus-every", type=int, default=0, help="every N-th corpus document, not the article")
    args = ap.parse_args()
    ref = args.reference or subprocess.run(
        ["git", "merge-base", "HEAD", "main"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_article import article

    if args.corpus_every:
        from _corpus import shared_dir

        files = sorted((shared_dir() / "corpus").rglob("*.txt"))[:: args.corpus_every]
        texts = [f.read_text(encoding="utf-8") for f in files]
    else:
        texts = [article(10_000)]
    with tempfile.TemporaryDirectory() as tmp:
        reference_package(ref, Path(tmp))
        sys.path.insert(0, tmp)
        import vnpolicytext_ref  # type: ignore[import-not-found]

        import vnpolicytext

        ref_times: list[float] = []
        new_times: list[float] = []
        pairs = [(vnpolicytext_ref.analyze, ref_times), (vnpolicytext.analyze, new_times)]
        for analyze, _ in pairs:
            for text in texts:
                analyze(text)  # models, caches
        for r in range(args.runs):
            for analyze, times in pairs if r % 2 == 0 else pairs[::-1]:
                c0 = time.process_time()
                for text in texts:
                    analyze(text)
                times.append(time.process_time() - c0)
    ratios = [b / a for a, b in zip(ref_times, new_times, strict=True)]
    print(f"{len(texts)} text(s), {sum(map(len, texts)):,} characters, {args.runs} rounds; reference {ref[:7]}")
    for name, times in (("reference", ref_times), ("this tree", new_times)):
        print(f"{name:10s} CPU median {statistics.median(times) * 1e3:8.1f} ms, min {min(times) * 1e3:8.1f} ms")
    print(f"this / reference: median of per-round ratios {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
