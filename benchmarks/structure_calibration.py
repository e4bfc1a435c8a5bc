"""Paragraph and section lengths (syllables) of the dev corpus by group: what analyzer 'structure' limits rest on.

    PYTHONPATH=src python benchmarks/structure_calibration.py [CORPUS_DIR]

Paragraphs of two or more units (headings left out), sections between headings, and whole texts without any
heading; prints the 50th, 90th and 99th percentiles per group and the share over each profile limit.
"""

from __future__ import annotations

import json
from collections import defaultdict

import numpy as np
from _corpus import corpus_dir

from vnpolicytext.analyzers.structure import PROFILE_OPTIONS
from vnpolicytext.document import Document

PROFILE = {"legal": "legal", "news": "news", "citizen": "citizen"}


def main() -> None:
    corpus = corpus_dir()
    paragraphs: dict[str, list[int]] = defaultdict(list)
    sections: dict[str, list[int]] = defaultdict(list)
    no_heading: dict[str, int] = defaultdict(int)
    docs: dict[str, int] = defaultdict(int)
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        group = row.get("group", "citizen")
        doc = Document((corpus / row["file"]).read_text(encoding="utf-8"))
        docs[group] += 1
        by_paragraph: dict[int, list[int]] = defaultdict(list)
        section = 0
        for u in doc.units:
            if u.kind == "heading":
                if section:
                    sections[group].append(section)
                section = 0
                continue
            by_paragraph[u.paragraph].append(len(u.syllables))
            section += len(u.syllables)
        if section:
            sections[group].append(section)
        paragraphs[group] += [sum(v) for v in by_paragraph.values() if len(v) > 1]
        if not any(u.kind == "heading" for u in doc.units):
            no_heading[group] += 1
    print("group    docs  paragraphs p50/p90/p99  > limit   sections p50/p90/p99  > limit  docs w/o heading")
    for group in sorted(docs):
        limits = PROFILE_OPTIONS[PROFILE.get(group, "citizen")]
        p = np.array(paragraphs[group] or [0])
        s = np.array(sections[group] or [0])
        pp = "/".join(f"{np.percentile(p, q):.0f}" for q in (50, 90, 99))
        sp = "/".join(f"{np.percentile(s, q):.0f}" for q in (50, 90, 99))
        print(
            f"{group:<8}{docs[group]:>5}  {len(p):>5} {pp:>15} {np.mean(p > limits['paragraph']):>8.1%}"
            f"  {len(s):>5} {sp:>15} {np.mean(s > limits['section']):>7.1%}  {no_heading[group]:>5}"
        )


if __name__ == "__main__":
    main()
