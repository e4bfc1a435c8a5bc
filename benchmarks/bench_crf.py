"""Microseconds per token of word segmentation and per word of POS tagging: underthesea's featurizer and
tagger against vnpolicytext.crf, on the lines of ../shared/corpus (or on --limit characters of it).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_crf.py [--limit 300000]

"cold" is the first pass in a fresh process (every distinct token and window is new to crf.py's caches),
"warm" the second pass over the same lines. CPU time (time.process_time) is printed beside wall time,
since the machine may be shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from crf_exactness import default_corpus, pieces


def clock(fn: Callable[[], object]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(default_corpus()))
    ap.add_argument("--limit", type=int, default=300_000, help="characters of the corpus to use")
    args = ap.parse_args()
    folder = Path(args.corpus)
    if not folder.is_dir():
        print(f"{folder}: no corpus here")
        return 0
    lines: list[str] = []
    total = 0
    for f in sorted(folder.rglob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            for piece in pieces(line):
                if piece.strip() and total < args.limit:
                    lines.append(piece)
                    total += len(piece)

    from vnpolicytext import crf
    from vnpolicytext.passive_rules import tag_words
    from vnpolicytext.words import underthesea_segmenter

    old = underthesea_segmenter()
    old("khởi tạo")
    crf.model("ws")
    crf.model("pos")
    tokens = sum(len(crf.token_spans(x)) for x in lines)
    print(f"{len(lines)} lines, {total} characters, {tokens} tokens")

    def seg_new() -> None:
        for x in lines:
            crf.word_spans(x)

    def seg_old() -> None:
        for x in lines:
            old(x)

    cold = clock(seg_new)
    warm = clock(seg_new)
    before = clock(seg_old)
    for name, (w, c) in (("underthesea", before), ("crf cold", cold), ("crf warm", warm)):
        print(
            f"segmentation {name:12s}: {w / tokens * 1e6:5.1f} µs/token wall, {c / tokens * 1e6:5.1f} µs/token CPU"
        )

    windows = []
    for x in lines:
        words = [x[s:e] for s, e in crf.word_spans(x)]
        windows += [words[i : i + 14] for i in range(0, len(words), 14)]
    windows = windows[:4000]
    n = sum(map(len, windows))

    def pos_new() -> None:
        for w in windows:
            crf.pos_tags(w)

    def pos_old() -> None:
        for w in windows:
            tag_words(w)

    tag_words(windows[0])
    cold = clock(pos_new)
    warm = clock(pos_new)
    before = clock(pos_old)
    for name, (w, c) in (("underthesea", before), ("crf cold", cold), ("crf warm", warm)):
        print(
            f"POS (14-word windows) {name:12s}: {w / n * 1e6:5.1f} µs/word wall, {c / n * 1e6:5.1f} µs/word CPU"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
