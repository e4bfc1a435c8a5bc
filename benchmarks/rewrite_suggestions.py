"""Every passive-to-active rewrite and sentence split offered on real text, for judging them by hand.

    PYTHONPATH=src python benchmarks/rewrite_suggestions.py [--laws 12] [--seed 5] [--out FILE]

Texts: every document of ../shared/corpus (profile from its manifest group), the sentences of
../shared/gold/passive_dev*.jsonl (citizen profile) and `--laws` laws of ../shared/corpus_laws drawn with
`--seed` (legal profile). Only the analyzers `passive` and `sentence_length` run. Prints the number of
`passive.long` findings and of suggestions on standard error, and one JSON line per suggestion: {"rule",
"file", "before", "after", "context"} with the edit marked ⟦old→new⟧ in its sentence. The tally judged from
this output is in docs/method.md ("Drafting checks").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from _corpus import shared_dir, write_jsonl

from vnpolicytext import analyze
from vnpolicytext.analyzers import ANALYZERS


def inputs(base: Path, laws: int, seed: int) -> list[tuple[str, str, str]]:
    """(name, profile, text) of every input."""
    out = []
    for line in (base / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            group = row.get("group", "citizen")
            profile = group if group in ("legal", "news") else "citizen"
            out.append((row["file"], profile, (base / "corpus" / row["file"]).read_text(encoding="utf-8")))
    for gold in sorted((base / "gold").glob("passive_dev*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((gold.name, "citizen", json.loads(line)["text"]))
    law_files = sorted((base / "corpus_laws").glob("*.txt"))
    for path in random.Random(seed).sample(law_files, min(laws, len(law_files))):
        out.append((path.name, "legal", path.read_text(encoding="utf-8")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", type=int, default=12)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    off = {a.name: False for a in ANALYZERS if a.name not in ("passive", "sentence_length")}
    long_passives = 0
    lines = []
    for name, profile, text in inputs(shared_dir(), args.laws, args.seed):
        report = analyze(text, config={"profile": profile, "analyzers": off})
        for f in report.findings:
            long_passives += f.rule == "passive.long"
            if f.analyzer not in ("passive", "sentence_length"):
                continue
            for x in f.fixes:
                before = text[max(f.start, x.start - 220) : x.start]
                after = text[x.end : min(f.end, x.end + 160)]
                context = f"{before}⟦{text[x.start : x.end]}→{x.replacement}⟧{after}".replace("\n", " ")
                record = {
                    "rule": f.rule,
                    "file": name,
                    "before": text[x.start : x.end],
                    "after": x.replacement,
                }
                lines.append(json.dumps({**record, "context": context}, ensure_ascii=False))
    print(f"passive.long findings: {long_passives}; suggestions: {len(lines)}", file=sys.stderr)
    write_jsonl(lines, args.out)


if __name__ == "__main__":
    main()
