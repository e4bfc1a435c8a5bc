"""Check on every corpus document that vnpolicytext.crf changes nothing: same words, same POS tags, same reports.

    PYTHONPATH=src .venv/bin/python benchmarks/crf_exactness.py [../shared/corpus]

For each document: the words of every line (cut at spaces into pieces of at most 1,000 characters, as
the analyzers do) by `crf.word_spans` and by underthesea's own featurizer and tagger; the POS tags of
those words by `crf.pos_tags` and by underthesea's tagger (`passive_rules.tag_words`); and the full
`vnpolicytext.analyze(text).model_dump()` with the old path (`VNPOLICYTEXT_SEGMENTER=underthesea`,
underthesea's POS tagger) and with the new one (crf.py for words, and for POS tags through
`passive_rules.tag_words` replaced by `crf.pos_tags`). Prints the counts of differences (all should be 0).
Exits 0 with a note when the corpus folder is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def pieces(line: str, size: int = 1000) -> list[str]:
    """The line cut at spaces into pieces of at most about `size` characters."""
    out = []
    while len(line) > size:
        cut = line.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        out.append(line[:cut])
        line = line[cut:]
    return [*out, line]


def reports(texts: list[str], new: bool) -> list[dict[str, object]]:
    """`analyze` reports with the old or the new scorer (switched through words.segmenter's cache and
    passive_rules.tag_words, the two places the package calls the models)."""
    import vnpolicytext
    from vnpolicytext import crf, passive_rules, words

    original = passive_rules.tag_words
    if new:
        os.environ.pop("VNPOLICYTEXT_SEGMENTER", None)
        passive_rules.tag_words = crf.pos_tags  # type: ignore[assignment]
    else:
        os.environ["VNPOLICYTEXT_SEGMENTER"] = "underthesea"
    words.segmenter.cache_clear()
    try:
        return [vnpolicytext.analyze(t).model_dump() for t in texts]
    finally:
        passive_rules.tag_words = original  # type: ignore[assignment]
        os.environ.pop("VNPOLICYTEXT_SEGMENTER", None)
        words.segmenter.cache_clear()


def default_corpus() -> Path:
    """../shared/corpus from the checkout (or from the folder of worktrees it sits in)."""
    root = Path(__file__).resolve().parents[1]
    for base in (root.parent, root.parent.parent):
        if (base / "shared" / "corpus").is_dir():
            return base / "shared" / "corpus"
    return root.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(default_corpus()))
    args = ap.parse_args()
    folder = Path(args.corpus)
    if not folder.is_dir():
        print(f"{folder}: no corpus here; nothing compared")
        return 0
    files = sorted(folder.rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]

    from vnpolicytext import crf
    from vnpolicytext.passive_rules import tag_words
    from vnpolicytext.words import underthesea_segmenter

    reference = underthesea_segmenter()
    t0 = time.perf_counter()
    word_diffs = tag_diffs = tokens = panics = 0
    for f, text in zip(files, texts, strict=True):
        for line in text.splitlines():
            for piece in pieces(line):
                if not piece.strip():
                    continue
                spans = crf.word_spans(piece)
                if spans != reference(piece):
                    word_diffs += 1
                    print(f"words differ in {f.name}: {piece[:80]!r}")
                found = [piece[s:e] for s, e in spans]
                tokens += len(found)
                if not found:
                    continue
                try:
                    expected = tag_words(found)
                except BaseException as e:  # pyo3's PanicException: a word with two spaces in a row
                    if isinstance(e, KeyboardInterrupt | SystemExit):
                        raise
                    panics += 1
                    continue
                if crf.pos_tags(found) != expected:
                    tag_diffs += 1
                    print(f"POS tags differ in {f.name}: {piece[:80]!r}")
    t1 = time.perf_counter()
    before = reports(texts, new=False)
    t2 = time.perf_counter()
    after = reports(texts, new=True)
    t3 = time.perf_counter()
    report_diffs = 0
    for f, a, b in zip(files, before, after, strict=True):
        if a != b:
            report_diffs += 1
            print(f"report differs: {f.name}")
    chars = sum(map(len, texts))
    print(f"{len(files)} documents, {chars} characters, {tokens} words compared ({t1 - t0:.1f} s)")
    print(f"analyze, old path {t2 - t1:.1f} s, new path {t3 - t2:.1f} s")
    print(f"pieces with different words: {word_diffs}")
    print(f"pieces with different POS tags: {tag_diffs} (underthesea's tagger panicked on {panics} pieces)")
    print(f"documents with different reports: {report_diffs}")
    return 1 if word_diffs or tag_diffs or report_diffs else 0


if __name__ == "__main__":
    sys.exit(main())
