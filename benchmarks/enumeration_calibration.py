"""Chain lengths of analyzer 'enumeration' on the dev corpus, by group: what the profile limits rest on.

    PYTHONPATH=src python benchmarks/enumeration_calibration.py [CORPUS_DIR]

CORPUS_DIR (default ../shared/corpus) holds .txt files and manifest.jsonl (each row: file, group). Prints,
per group, the documents, the chains of two or more abstract items per 10,000 syllables, and how many
chains have 3, 4, 5, 6+ items.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from _corpus import corpus_dir

from vnpolicytext.analyzers.enumeration import chains_in_unit
from vnpolicytext.document import Document


def main() -> None:
    corpus = corpus_dir()
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines() if line.strip()]
    lengths: dict[str, Counter[int]] = defaultdict(Counter)
    syllables: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for row in rows:
        path = corpus / row["file"]
        if not path.is_file():
            continue
        doc = Document(path.read_text(encoding="utf-8"))
        group = row.get("group", "?")
        docs[group] += 1
        syllables[group] += doc.syllable_count
        for unit in doc.units:
            for chain in chains_in_unit(doc, unit):
                lengths[group][len(chain)] += 1
    print("group      docs  chains/10k syl   n=2   n=3   n=4   n=5  n>=6")
    for group in sorted(docs):
        c = lengths[group]
        total = sum(c.values())
        six = sum(v for k, v in c.items() if k >= 6)
        rate = 10000 * total / max(syllables[group], 1)
        print(f"{group:<10}{docs[group]:>5}{rate:>16.2f}{c[2]:>6}{c[3]:>6}{c[4]:>6}{c[5]:>6}{six:>6}")


if __name__ == "__main__":
    main()
