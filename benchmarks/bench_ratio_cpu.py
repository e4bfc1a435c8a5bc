"""`../shared/tools/bench_ratio.py` timed in CPU time (time.process_time) rather than wall time.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_ratio_cpu.py [CORPUS_DIR] [--rounds 3] [--cold]

Same baseline (underthesea's sent_tokenize per paragraph, word_tokenize per sentence) and same measured
call (`vnpolicytext.analyze` on each whole document), alternating round by round in one process; CPU time
of this process, so the ratio holds on a machine shared with other jobs (wall time does not). `--cold`
times only a first pass over the corpus (nothing cached from an earlier round: what documents never seen
cost). Prints the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def baseline(texts: list[str]) -> None:
    from underthesea import sent_tokenize, word_tokenize

    for text in texts:
        for para in text.split("\n"):
            if para.strip():
                for sent in sent_tokenize(para):
                    word_tokenize(sent)


def ours(texts: list[str]) -> None:
    import vnpolicytext

    for text in texts:
        vnpolicytext.analyze(text)


def cpu(fn: Callable[[list[str]], None], texts: list[str]) -> float:
    t0 = time.process_time()
    fn(texts)
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="one first pass of each (no warm caches)")
    args = ap.parse_args()
    found = [p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()]
    folder = Path(args.corpus) if args.corpus else next(iter(found), None)
    if folder is None:
        raise SystemExit("corpus not found; pass CORPUS_DIR")
    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {folder}")
    print(f"{len(texts)} texts, {sum(map(len, texts))} characters; load average {os.getloadavg()}")
    baseline(texts[:2])  # load the models
    ours(texts[:2])
    rounds = 1 if args.cold else args.rounds
    tb, to = [], []
    for _ in range(rounds):
        tb.append(cpu(baseline, texts))
        to.append(cpu(ours, texts))
    ratios = [o / b for o, b in zip(to, tb, strict=True)]
    print(f"underthesea segmentation: median {statistics.median(tb):.2f} s CPU")
    print(f"vnpolicytext.analyze:     median {statistics.median(to):.2f} s CPU")
    print(
        f"ratio analyze/segmentation (CPU): median {statistics.median(ratios):.2f} "
        f"(min {min(ratios):.2f}, max {max(ratios):.2f}); load average {os.getloadavg()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
