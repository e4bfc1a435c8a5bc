"""Print the corpus figures that docs/method.md quotes: sentence length distributions by group, the
readability components, and how often legal texts come out harder than news.

    .venv/bin/python benchmarks/corpus_figures.py [CORPUS_DIR]

CORPUS_DIR (default ../shared/corpus) holds .txt files and a manifest.jsonl whose rows give each file's
`group` (legal, news, citizen). Each group is analyzed with its own profile (legal, news, citizen).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

import vnpolicytext

ROOT = Path(__file__).resolve().parents[1]


def share_below(low: list[float], high: list[float]) -> float:
    """Share of (low, high) pairs in which the first value is below the second."""
    return float(np.mean([a < b for a in low for b in high])) if low and high else float("nan")


def describe(values: list[int]) -> str:
    a = np.array(values, dtype=float)
    if not len(a):
        return "n=0"
    q = np.percentile(a, [50, 75, 90, 95])
    return f"n={len(a)} mean {a.mean():.1f} median {q[0]:.0f} p75 {q[1]:.0f} p90 {q[2]:.0f} p95 {q[3]:.0f}"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines() if line]
    reports: dict[str, list[vnpolicytext.Report]] = defaultdict(list)
    for row in manifest:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        profile = row["group"] if row["group"] in ("legal", "news") else "citizen"
        reports[row["group"]].append(vnpolicytext.analyze(text, config={"profile": profile}))
    print("sentence length in syllables (units of kind 'sentence'; list items and headings apart)")
    for group, rs in sorted(reports.items()):
        sentences = [s.syllables for r in rs for s in r.sentences if s.kind == "sentence"]
        items = [s.syllables for r in rs for s in r.sentences if s.kind == "list_item"]
        print(f"  {group:8s} sentences {describe(sentences)}")
        print(f"  {group:8s} items     {describe(items)}")
    print("means by group")
    for group, rs in sorted(reports.items()):
        read = [r.readability for r in rs if r.readability is not None]
        print(
            f"  {group:8s} clarity {np.mean([x.clarity_score for x in read]):.1f}"
            f"  luong {np.mean([x.luong_nguyen_dinh for x in read]):.2f}"
            f"  difficult {np.mean([x.difficult_share for x in read]):.3f}"
            f"  jargon/100w {np.mean([r.jargon.density for r in rs if r.jargon]):.2f}"
            f"  agentless/sent {np.mean([r.passive.agentless_per_sentence for r in rs if r.passive]):.3f}"
            f"  xref/100w {np.mean([x.cross_references_per_100_words for x in read]):.2f}"
            f"  glossary coverage {np.mean([r.glossary.coverage for r in rs if r.glossary and r.glossary.coverage is not None]):.3f}"
        )
        levels = [x.level for x in read]
        print(
            f"  {group:8s} levels "
            + ", ".join(f"{lv}: {levels.count(lv)}" for lv in sorted(set(map(str, levels))))
        )
    print("glossary coverage by group (means; coverage over documents that use a term)")
    for group, rs in sorted(reports.items()):
        gs = [r.glossary for r in rs if r.glossary is not None]
        used = [g for g in gs if g.coverage is not None]
        print(
            f"  {group:8s} coverage {np.mean([g.coverage for g in used]):.3f}"
            f"  document_coverage {np.mean([g.document_coverage for g in used]):.3f}"
            f"  terms_used {np.mean([g.terms_used for g in gs]):.1f}"
            f"  undefined {np.mean([g.undefined for g in gs]):.1f}"
            f"  with own definitions {sum(1 for g in gs if g.definitions)}"
        )
    print("check() with each group's profile (legal: legal, news: news, citizen: citizen)")
    for group, rs in sorted(reports.items()):
        profile = group if group in ("legal", "news") else "citizen"
        results = [vnpolicytext.check_report(r, {"profile": profile}) for r in rs]
        gates = Counter(f.gate for res in results for f in res.failures)
        print(
            f"  {group:8s} passed {sum(res.passed for res in results)}/{len(results)}  failed gates {dict(gates)}"
        )
    legal, news = reports.get("legal", []), reports.get("news", [])
    clar = lambda rs: [r.readability.clarity_score for r in rs if r.readability]  # noqa: E731
    jar = lambda rs: [r.jargon.density for r in rs if r.jargon]  # noqa: E731
    print(f"(legal, news) pairs where legal is less clear: {share_below(clar(legal), clar(news)):.3f}")
    print(f"(legal, news) pairs where legal has more jargon: {share_below(jar(news), jar(legal)):.3f}")


if __name__ == "__main__":
    main()
