"""Reproduce every table of docs/method.md's "Clarity score" section from the shipped code and ../shared.

    PYTHONPATH=src .venv/bin/python benchmarks/clarity_figures.py [--shared DIR] [--law-chars N] [--no-laws]
        [--no-gates]

Reads ../shared/gold/rewrites_dev.jsonl (30 passages and their plain rewrites), ../shared/corpus (90 dev
documents, `manifest.jsonl` gives each one's group) and ../shared/corpus_laws (90 laws, the check set; each
law is cut to its first N characters at a line end, 40,000 by default, to keep the run to minutes; 0 = whole
laws). Every document is analyzed with the DEFAULT configuration (profile citizen), as a CMS would run it;
the gates of check() ("Gates of check()" in method.md) are counted with each group's own profile.
The last table re-scores every document from its own measures under alternative scales and barriers
(ALTERNATIVES: the levers measured for the (law, news) ordering, method.md "Figures").
When ../shared is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

import vnpolicytext
from vnpolicytext.clarity import BARRIERS, LEVELS, SCALES, Barrier, Scale, assess

ROOT = Path(__file__).resolve().parents[1]
LEVEL_IDS = [lv for _, lv, _ in LEVELS]
GROUPS = ("legal", "citizen", "news")


def share_below(low: Iterable[float], high: Iterable[float]) -> float:
    """Share of (a, b) pairs with a < b."""
    a, b = list(low), list(high)
    return float(np.mean([x < y for x in a for y in b])) if a and b else float("nan")


def levels(reports: list[vnpolicytext.Report]) -> str:
    c = Counter(r.readability.level_id for r in reports if r.readability)
    return " | ".join(str(c.get(lv, 0)) for lv in LEVEL_IDS)


def score(r: vnpolicytext.Report) -> float:
    return r.readability.clarity_score if r.readability and r.readability.clarity_score is not None else 0.0


def weighted(r: vnpolicytext.Report) -> float:
    """The weighted mean of the barriers, before the ceilings (what the score would be without them)."""
    return r.readability.weighted_score if r.readability and r.readability.weighted_score is not None else 0.0


def level_id(value: float) -> str:
    return next(lv for cut, lv, _ in LEVELS if value >= cut)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def measure(r: vnpolicytext.Report, key: str) -> float | None:
    comp = r.readability.clarity_components.get(key) if r.readability else None
    return comp.value if comp else None


def rewrites(shared: Path) -> tuple[list[vnpolicytext.Report], list[vnpolicytext.Report]]:
    rows = [json.loads(x) for x in (shared / "gold" / "rewrites_dev.jsonl").read_text().splitlines() if x]
    before = [vnpolicytext.analyze(r["original"]) for r in rows]
    after = [vnpolicytext.analyze(r["plain"]) for r in rows]
    won = [score(a) > score(b) for a, b in zip(after, before, strict=True)]
    gain = np.mean([score(a) - score(b) for a, b in zip(after, before, strict=True)])
    print(
        f"## Rewrite pairs ({len(rows)}): plain version clearer in {np.mean(won):.3f}; mean gain {gain:+.1f}"
    )
    print("| texts | " + " | ".join(LEVEL_IDS) + " |\n|---|---|---|---|---|")
    print(f"| originals | {levels(before)} |\n| plain rewrites | {levels(after)} |")
    easy = np.mean([r.readability.level_id == "easy" for r in before if r.readability])
    ok = np.mean([r.readability.level_id in ("easy", "medium") for r in after if r.readability])
    print(f"originals rated easy: {easy:.3f}; rewrites rated easy or medium: {ok:.3f}")
    won_w = np.mean([weighted(a) > weighted(b) for a, b in zip(after, before, strict=True)])
    easy_w = np.mean([level_id(weighted(r)) == "easy" for r in before])
    ok_w = np.mean([level_id(weighted(r)) in ("easy", "medium") for r in after])
    print(
        f"without the ceilings (weighted mean only): clearer {won_w:.3f}, originals easy {easy_w:.3f}, "
        f"rewrites easy or medium {ok_w:.3f}"
    )
    print("measure medians, originals → rewrites:")
    for key in (
        "sentence_length",
        "sentence_length_weighted",
        "jargon",
        "undefined",
        "passive",
        "cross_references",
    ):
        b = [v for r in before if (v := measure(r, key)) is not None]
        a = [v for r in after if (v := measure(r, key)) is not None]
        print(f"  {key}: {pct(b, 50):.2f} → {pct(a, 50):.2f} (p75 {pct(b, 75):.2f} → {pct(a, 75):.2f})")
    print()
    return before, after


def gates(shared: Path) -> None:
    """check() on every dev document with its group's profile: how many pass, and which gates fail."""
    folder = shared / "corpus"
    manifest = [json.loads(x) for x in (folder / "manifest.jsonl").read_text().splitlines() if x]
    print("\n## check() with each group's profile (legal: legal, news: news, procedures: citizen)")
    for group in GROUPS:
        profile = group if group in ("legal", "news") else "citizen"
        results = [
            vnpolicytext.check((folder / row["file"]).read_text(encoding="utf-8"), {"profile": profile})
            for row in manifest
            if row["group"] == group
        ]
        failed = Counter(f.gate for res in results for f in res.failures)
        print(
            f"  {group}: {sum(r.passed for r in results)} of {len(results)} pass; failing gates {dict(failed)}"
        )


def corpus(shared: Path) -> dict[str, list[vnpolicytext.Report]]:
    folder = shared / "corpus"
    manifest = [json.loads(x) for x in (folder / "manifest.jsonl").read_text().splitlines() if x]
    out: dict[str, list[vnpolicytext.Report]] = {g: [] for g in GROUPS}
    for row in manifest:
        out[row["group"]].append(vnpolicytext.analyze((folder / row["file"]).read_text(encoding="utf-8")))
    return out


def laws(shared: Path, limit: int) -> list[vnpolicytext.Report]:
    out = []
    for path in sorted((shared / "corpus_laws").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if limit and len(text) > limit:
            text = text[: max(text.rfind("\n", 0, limit), limit // 2)]
        report = vnpolicytext.analyze(text)
        if report.readability is None or report.readability.clarity_score is None:
            print(f"  {path.name}: not scorable ({len(text)} characters), left out")
            continue
        out.append(report)
    return out


def group_tables(groups: dict[str, list[vnpolicytext.Report]]) -> None:
    print("## By group (default profile)")
    print(
        "| group | n | reading unit mean (median doc) | syllable-weighted (median doc) | mean clarity | "
        + " | ".join(LEVEL_IDS)
        + " |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for g, rs in groups.items():
        sl = [r.sentence_length for r in rs if r.sentence_length]
        print(
            f"| {g} | {len(rs)} | {pct([s.mean_reading_unit_syllables for s in sl], 50):.1f} | "
            f"{pct([s.weighted_reading_unit_syllables for s in sl], 50):.1f} | "
            f"{np.mean([score(r) for r in rs]):.1f} | {levels(rs)} |"
        )
    print("\nmeasure percentiles by group (p25 / p50 / p75):")
    for key in (
        "sentence_length",
        "sentence_length_weighted",
        "jargon",
        "undefined",
        "difficult_syllables",
        "passive",
        "cross_references",
    ):
        cells = []
        for g, rs in groups.items():
            v = [x for r in rs if (x := measure(r, key)) is not None]
            cells.append(f"{g} {pct(v, 25):.3g} / {pct(v, 50):.3g} / {pct(v, 75):.3g}")
        print(f"  {key}: " + "; ".join(cells))
    print(
        "\nsyllables per segmented word: "
        + ", ".join(
            f"{g} {sum(r.text.syllables for r in rs) / max(1, sum(r.text.words for r in rs)):.2f}"
            for g, rs in groups.items()
        )
    )
    print("\nabbreviations most adults know left unexplained (reported, not in the 'undefined' measure):")
    for g, rs in groups.items():
        n = [r.abbreviation.widely_known_unexplained for r in rs if r.abbreviation]
        print(f"  {g}: in {sum(1 for x in n if x)} of {len(rs)} documents, {sum(n)} distinct in all")
    print("\nbarrier that capped the score (documents):")
    for g, rs in groups.items():
        c = Counter(r.readability.capped_by or "none" for r in rs if r.readability)
        print(f"  {g}: " + ", ".join(f"{k} {c.get(k, 0)}" for k in [*BARRIERS, "none"]))
    print()


def long_documents(groups: dict[str, list[vnpolicytext.Report]]) -> None:
    rs = [r for g in groups.values() for r in g]
    long = [r for r in rs if r.sentence_length and r.sentence_length.mean_syllables >= 40]
    easy = [r for r in long if r.readability and r.readability.level_id == "easy"]
    easy_w = [r for r in long if level_id(weighted(r)) == "easy"]
    print(
        f"documents with mean sentence length >= 40 syllables: {len(long)}; rated easy: {len(easy)} "
        f"(without the ceilings: {len(easy_w)})"
    )
    long = [r for r in rs if r.sentence_length and r.sentence_length.mean_reading_unit_syllables >= 40]
    easy = [r for r in long if r.readability and r.readability.level_id == "easy"]
    print(f"documents with mean reading unit >= 40 syllables: {len(long)}; rated easy: {len(easy)}")


def measures_of(r: vnpolicytext.Report, count_widely_known: bool = False) -> dict[str, float]:
    """The report's clarity measures; with `count_widely_known`, the 'undefined' measure as it was before the
    abbreviations most adults know were left out of it."""
    m = {k: c.value for k, c in r.readability.clarity_components.items()} if r.readability else {}
    if count_widely_known and "undefined" in m and r.abbreviation and r.text.words:
        m["undefined"] += 1000 * r.abbreviation.widely_known_unexplained / r.text.words
    return m


def _length(measures: dict[str, float], combine: str = "min", weight: float = 0.30) -> Barrier:
    b = BARRIERS["length"]
    return Barrier(b.label, weight, b.cap, measures, combine)


# Alternatives to the shipped scales and barriers: name -> (scales, barriers, count widely known abbreviations).
ALTERNATIVES: dict[str, tuple[dict[str, Scale], dict[str, Barrier], bool]] = {
    "shipped": ({}, {}, False),
    "widely known abbreviations counted (before)": ({}, {}, True),
    **{
        f"sentence_length hard end {h}": ({"sentence_length": Scale("", 20.0, h)}, {}, False)
        for h in (55.0, 62.0, 63.0, 65.0, 70.0)
    },
    **{
        f"sentence_length_weighted hard end {h}": (
            {"sentence_length_weighted": Scale("", 20.0, h)},
            {},
            False,
        )
        for h in (75.0, 80.0, 85.0, 100.0)
    },
    # 15-20 and 48 words at 1.5 syllables per word (our segmenter on the corpus) instead of 1.25; the hard end
    # held below 57.5 so that a 40-syllable average is still never 'dễ đọc' by construction.
    "clear ends 25, sentence_length hard end 57": (
        {
            "sentence_length": Scale("", 25.0, 57.0),
            "sentence_length_weighted": Scale("", 25.0, SCALES["sentence_length_weighted"].hard),
        },
        {},
        False,
    ),
    "length barrier: weighted mean only": ({}, {"length": _length({"sentence_length_weighted": 1.0})}, False),
    "length barrier: mean only": ({}, {"length": _length({"sentence_length": 1.0})}, False),
    "length barrier: average of the two": (
        {},
        {"length": _length({"sentence_length": 0.5, "sentence_length_weighted": 0.5}, "mean")},
        False,
    ),
    "length weight 0.40, vocabulary 0.25": (
        {},
        {
            "length": _length(dict(BARRIERS["length"].measures), weight=0.40),
            "vocabulary": Barrier(
                BARRIERS["vocabulary"].label,
                0.25,
                BARRIERS["vocabulary"].cap,
                BARRIERS["vocabulary"].measures,
            ),
        },
        False,
    ),
}


def undefined_ordering(low: list[vnpolicytext.Report], news: list[vnpolicytext.Report], label: str) -> None:
    """How often the 'undefined' measure alone is higher in the legal text than in the news article."""
    cells = []
    for counted in (False, True):
        a = [m["undefined"] for r in low if "undefined" in (m := measures_of(r, counted))]
        b = [m["undefined"] for r in news if "undefined" in (m := measures_of(r, counted))]
        cells.append(f"{share_below(b, a):.3f}")
    print(
        f"({label}, news) pairs with the higher undefined-term rate in the {label} text: {cells[0]} "
        f"({cells[1]} with the widely known abbreviations counted)"
    )


def sensitivity(
    pairs: tuple[list[vnpolicytext.Report], list[vnpolicytext.Report]],
    groups: dict[str, list[vnpolicytext.Report]],
    law_reports: list[vnpolicytext.Report],
) -> None:
    """Every figure of the issue under each alternative, re-scored from the reports' measures."""
    print("\n## Alternatives (re-scored from the same measures; 'laws' needs the check set)")
    print(
        "| alternative | rewrites clearer | rewrites easy/medium | dev ≥40 easy | (legal, news) | "
        "(procedure, news) | (law, news) | laws ≥40 easy |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, (scales, barriers, counted) in ALTERNATIVES.items():
        sc = {**SCALES, **scales}
        ba = {**BARRIERS, **barriers}

        def rescore(
            r: vnpolicytext.Report,
            sc: dict[str, Scale] = sc,
            ba: dict[str, Barrier] = ba,
            counted: bool = counted,
        ) -> float:
            result = assess(measures_of(r, counted), sc, ba)
            return result.score if result is not None else 0.0

        before, after = pairs
        clearer = np.mean([rescore(a) > rescore(b) for a, b in zip(after, before, strict=True)])
        ok = np.mean([level_id(rescore(r)) in ("easy", "medium") for r in after])
        dev = [r for rs in groups.values() for r in rs]

        def long_easy(rs: list[vnpolicytext.Report]) -> int:
            return sum(
                1
                for r in rs
                if r.sentence_length
                and r.sentence_length.mean_syllables >= 40
                and level_id(rescore(r)) == "easy"
            )

        news = [rescore(r) for r in groups["news"]]
        legal = share_below(map(rescore, groups["legal"]), news)
        proc = share_below(map(rescore, groups["citizen"]), news)
        law = f"{share_below(map(rescore, law_reports), news):.3f}" if law_reports else "—"
        law_easy = str(long_easy(law_reports)) if law_reports else "—"
        print(
            f"| {name} | {clearer:.3f} | {ok:.3f} | {long_easy(dev)} | {legal:.3f} | {proc:.3f} | {law} | "
            f"{law_easy} |"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = next((d for d in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if d.is_dir()), None)
    ap.add_argument("--shared", type=Path, default=default or ROOT.parent / "shared")
    ap.add_argument("--law-chars", type=int, default=40_000)
    ap.add_argument("--no-laws", action="store_true")
    ap.add_argument("--no-gates", action="store_true", help="skip check() with each group's profile")
    args = ap.parse_args()
    shared: Path = args.shared
    if not (shared / "gold" / "rewrites_dev.jsonl").is_file() or not (shared / "corpus").is_dir():
        print(f"{shared} is absent: nothing to measure (the figures need ../shared).")
        return 0
    pairs = rewrites(shared)
    groups = corpus(shared)
    group_tables(groups)
    long_documents(groups)
    news = [score(r) for r in groups["news"]]
    print(
        f"(legal, news) pairs with the legal text less clear: {share_below(map(score, groups['legal']), news):.3f}"
    )
    print(
        f"(procedure, news) pairs with the procedure less clear: "
        f"{share_below(map(score, groups['citizen']), news):.3f}"
    )
    news_w = [weighted(r) for r in groups["news"]]
    print(
        f"without the ceilings: (legal, news) {share_below(map(weighted, groups['legal']), news_w):.3f}, "
        f"(procedure, news) {share_below(map(weighted, groups['citizen']), news_w):.3f}"
    )
    if not args.no_gates:
        gates(shared)
    if not args.no_laws and (shared / "corpus_laws").is_dir():
        lr = laws(shared, args.law_chars)
        print(f"\n## Check set: {len(lr)} laws (first {args.law_chars or 'all'} characters each)")
        print(
            f"levels ({' | '.join(LEVEL_IDS)}): {levels(lr)}; mean clarity {np.mean([score(r) for r in lr]):.1f}"
        )
        print(f"(law, dev news) pairs with the law less clear: {share_below(map(score, lr), news):.3f}")
        print(f"without the ceilings: {share_below(map(weighted, lr), news_w):.3f}")
        long_documents({"laws": lr})
    else:
        lr = []
    print()
    undefined_ordering(groups["legal"], groups["news"], "legal")
    if lr:
        undefined_ordering(lr, groups["news"], "law")
    sensitivity(pairs, groups, lr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
