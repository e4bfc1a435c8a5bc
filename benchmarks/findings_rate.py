"""Findings per 1,000 words of every rule on the 90 laws of ../shared/corpus_laws, and a random sample of
warnings for a hand check (the table and the check are written up in docs/method.md).

    .venv/bin/python benchmarks/findings_rate.py [--corpus ../shared/corpus_laws] [--sample 50] [--seed 29 …]

Prints a Markdown table (rule, findings, per 1,000 words, documents with the rule) and, with --sample, a
numbered list of randomly drawn warnings with their sentence, to judge by hand (one list per --seed; the
seed may be repeated, the analysis runs once). When the corpus folder is absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import vnpolicytext
from vnpolicytext.analyzers import RULES


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus_laws"))
    ap.add_argument("--profile", default="legal")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, action="append", help="seed of a sample (repeatable; default 11)")
    args = ap.parse_args()
    folder = Path(args.corpus)
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"no corpus at {folder}: nothing to measure")
        return 0
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    words = 0
    warnings: list[tuple[str, str, str, str]] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            continue
        report = vnpolicytext.analyze(text, config={"profile": args.profile})
        words += report.text.words
        seen = set()
        for f in report.findings:
            counts[f.rule] += 1
            seen.add(f.rule)
            if f.severity == "warning":
                sentence = next((s.text for s in report.sentences if s.start <= f.start < s.end), f.text)
                warnings.append((path.name, f.rule, f.text, sentence))
        documents.update(seen)
        print(f"  {path.name}: {len(report.findings)} findings", file=sys.stderr)
    print(f"{len(files)} documents, {words:,} words, profile {args.profile}\n")
    print("| rule | level | findings | per 1,000 words | documents |")
    print("|---|---|---:|---:|---:|")
    for rule in RULES:
        if counts[rule]:
            level = RULES[rule].level(args.profile)
            print(f"| `{rule}` | {level} | {counts[rule]:,} | {1000 * counts[rule] / words:.3f} | {documents[rule]} |")
    for seed in (args.seed or [11]) if args.sample else []:
        rng = random.Random(seed)
        print(f"\n{args.sample} warnings drawn at random (seed {seed}) of {len(warnings):,}:\n")
        for i, (name, rule, flagged, sentence) in enumerate(rng.sample(warnings, min(args.sample, len(warnings))), 1):
            flat = " ".join(sentence.split())
            print(f"{i}. `{rule}` «{flagged}» — {name}: {flat[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
