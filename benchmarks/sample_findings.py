"""A reproducible random sample of findings of the drafting analyzers, for judging precision by hand.

    PYTHONPATH=src python benchmarks/sample_findings.py [--n 40] [--seed 17] [--laws 12] [--out FILE]

Texts: every document of ../shared/corpus (profile from its manifest group: legal, news, else citizen) and
`--laws` full laws of ../shared/corpus_laws drawn with the same seed (legal profile). Only the analyzers
needed run. For each of enumeration, nominalisation, structure, terminology and legal_structure, prints up
to `--n` findings drawn at random (seeded) with 80 characters of context either side, as JSON lines:
{"analyzer", "i", "of", "file", "rule", "message", "text", "context"}. `--laws 0` takes every law. The tally
judged from this output is in docs/method.md ("Drafting checks").
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from _corpus import shared_dir, write_jsonl

from vnpolicytext import analyze
from vnpolicytext.analyzers import ANALYZERS

CHECKED = ("enumeration", "nominalisation", "structure", "terminology", "legal_structure")



def inputs(base: Path, laws: int, seed: int) -> list[tuple[str, str, str]]:
    corpus = base / "corpus"
    out = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            group = row.get("group", "citizen")
            out.append(
                (f"corpus/{row['file']}", group if group in ("legal", "news") else "citizen", row["file"])
            )
    law_files = sorted(p.name for p in (base / "corpus_laws").glob("*.txt"))
    chosen = law_files if laws <= 0 else random.Random(seed).sample(law_files, min(laws, len(law_files)))
    for name in chosen:
        out.append((f"corpus_laws/{name}", "legal", name))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--laws", type=int, default=12)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    base = shared_dir()
    off = {a.name: False for a in ANALYZERS if a.name not in CHECKED and a.name != "text"}
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label, profile, _ in inputs(base, args.laws, args.seed):
        text = (base / label).read_text(encoding="utf-8")
        report = analyze(text, config={"profile": profile, "analyzers": off})
        for f in report.findings:
            if f.analyzer in CHECKED:
                context = (
                    text[max(0, f.start - 80) : f.start]
                    + "[["
                    + f.text[:300]
                    + "]]"
                    + text[f.end : f.end + 80]
                )
                found[f.analyzer].append(
                    {
                        "file": label,
                        "rule": f.rule,
                        "message": f.message,
                        "text": f.text[:300],
                        "context": " ".join(context.split()),
                    }
                )
    lines = []
    for name in CHECKED:
        pool = found[name]
        sample = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
        for i, item in enumerate(sample, 1):
            lines.append(json.dumps({"analyzer": name, "i": i, "of": len(pool), **item}, ensure_ascii=False))
    write_jsonl(lines, args.out)


if __name__ == "__main__":
    main()
