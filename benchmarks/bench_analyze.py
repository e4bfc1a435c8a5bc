"""Time `vnpolicytext.analyze` on documents of growing size against underthesea's segmentation.

    .venv/bin/python benchmarks/bench_analyze.py [CORPUS_DIR] [--sizes 10000,40000,160000,640000]

The text is built by joining the .txt files of CORPUS_DIR (default ../shared/corpus, else examples/) and
cutting it to each size. For each size it prints characters per second of the full default analysis, of
underthesea's segmentation of the same text (sent_tokenize per paragraph, word_tokenize per sentence — the
least any analysis built on underthesea's words must do), and their ratio. A flat chars/s column means the
cost is linear in the size of the input.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_text(folder: Path) -> str:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {folder}")
    return "\n\n".join(f.read_text(encoding="utf-8") for f in files)


def segmentation(text: str) -> None:
    from underthesea import sent_tokenize, word_tokenize

    for para in text.split("\n"):
        if para.strip():
            for sent in sent_tokenize(para):
                word_tokenize(sent)


def analysis(text: str) -> None:
    import vnpolicytext

    vnpolicytext.analyze(text)


def best_of(fn: object, text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(text)  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = ROOT.parent / "shared" / "corpus"
    ap.add_argument("corpus", nargs="?", type=Path, default=default if default.is_dir() else ROOT / "examples")
    ap.add_argument("--sizes", default="10000,40000,160000,640000")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    base = load_text(args.corpus)
    sizes = [int(s) for s in args.sizes.split(",")]
    analysis(base[:2000])  # load models and lexicons once
    segmentation(base[:2000])
    print(f"{'chars':>9} {'analyze s':>10} {'k chars/s':>10} {'segment s':>10} {'k chars/s':>10} {'ratio':>6}")
    for size in sizes:
        text = (base * (size // len(base) + 1))[:size]
        ta = best_of(analysis, text, args.rounds)
        ts = best_of(segmentation, text, args.rounds)
        print(f"{size:>9} {ta:>10.2f} {size / ta / 1e3:>10.1f} {ts:>10.2f} {size / ts / 1e3:>10.1f} {ta / ts:>6.2f}")


if __name__ == "__main__":
    main()
