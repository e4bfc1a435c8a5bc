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
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import vnpolicytext
from vnpolicytext.clarity import BARRIERS, LEVELS, SCALES, Barrier, Scale, assess
from vnpolicytext.document import Document
from vnpolicytext.provisions import (
    SECTION_LABELS,
    _label_key,
    _last_char,
    document_reading_units,
    document_sections,
)
from vnpolicytext.structure import STRUCTURE_REFERENCE

ROOT = Path(__file__).resolve().parents[1]
LEVEL_IDS = [lv for _, lv, _ in LEVELS]
GROUPS = ("legal", "citizen", "news")

# Measures the shipped score does not use, counted for the alternatives table (method.md, "Figures"), per
# report (keyed by id: the reports live for the whole run). `analyze` below fills it.
EXTRA: dict[int, dict[str, float]] = {}

# Condition and exception markers (a branch the reader has to evaluate).
CONDITION = re.compile(r"\b(?:nếu|trường hợp|trừ|ngoại trừ|trừ khi|miễn là|với điều kiện)\b", re.IGNORECASE)
_SELF = r"(?:[Đđ]iều|khoản|điểm|[Cc]hương|[Mm]ục|Luật|Bộ luật|Nghị định|Thông tư|Pháp lệnh|Nghị quyết|Quyết định|Quy chế)"
# The text naming itself or one of its parts ("Luật này", "Điều này"), wherever it is, except as the
# container of a numbered part ("khoản 2 Điều này": one reference, already counted)…
SELF_MENTION = re.compile(rf"(?<!\d\s)(?<!\d[a-zđ]\s)\b{_SELF}\s+này\b")
# … and only where it points the reader somewhere in it without saying where ("quy định tại Luật này").
SELF_POINTER = re.compile(
    rf"\b(?:quy định|theo)\s+(?:(?:tại|của|trong)\s+)?(?:(?:các|những)\s+)?{_SELF}\s+này\b"
)


def extra_measures(text: str) -> dict[str, float]:
    """What the alternatives need beyond the report, from the text's own Document: mean syllables per
    vocabulary word (words in lower case outside names, as the difficult-syllable measure counts them);
    condition markers, self-mentions and self-pointers per 100 words; and the two length measures with an
    article or chapter title that ends with a period read as a heading (not a reading unit)."""
    doc = Document(text)
    words = doc.word_count or 1
    syllables = vocabulary = 0
    for u, ws in zip(doc.units, doc.words, strict=True):
        opening = True
        for w, start, end in zip(ws.texts(), ws.starts(), ws.ends(), strict=True):
            if start < u.label_end or not w[0].isalpha():
                continue
            capital, opening = w[0].isupper() and not opening, False
            if capital or doc.in_name(start, end):
                continue
            vocabulary += 1
            syllables += len(w.split())
    body = [u.text for u in doc.units]
    labelled = {lab.unit for lab in doc.labels if lab.kind in SECTION_LABELS}
    lengths = [
        r.syllables
        for r in document_reading_units(doc)
        if not (r.first == r.last and r.first in labelled and r.first + 1 not in labelled)
        or r.first + 1 >= len(doc.units)
    ]
    out = {
        "conditions": 100 * sum(len(CONDITION.findall(t)) for t in body) / words,
        "self_mentions": 100 * sum(len(SELF_MENTION.findall(t)) for t in body) / words,
        "self_pointers": 100 * sum(len(SELF_POINTER.findall(t)) for t in body) / words,
    }
    out.update(reference_counts(doc))
    out.update(list_layout(doc))
    if vocabulary:
        out["word_length"] = syllables / vocabulary
    if lengths and sum(lengths):
        out["titles_apart_mean"] = sum(lengths) / len(lengths)
        out["titles_apart_weighted"] = sum(n * n for n in lengths) / sum(lengths)
    return out


# How the reading units read a list's layout (method.md, "Reading units"): the units of each class.
LAYOUT = {
    "layout_unlabelled_item": "unlabelled paragraph ending with ';' or ','",
    "layout_unlabelled_last": "unlabelled last item after ';' or ','",
    "layout_sub_bullet": "sub-bullet of another mark under a bullet lead-in",
    "layout_same_label": "bullet or quoted item with the lead-in's own label",
    "layout_article_chapeau": "article whose text is a chapeau (no heading)",
    "layout_capitals_title": "capitals title after another title on its line (a heading)",
}


def list_layout(doc: Document) -> dict[str, float]:
    """Units of each layout class: the members a provision takes in by each rule of `provisions.reading_units`
    beyond a plain labelled item, and the two unit kinds `segment` reads from the layout."""
    out = dict.fromkeys(LAYOUT, 0.0)
    label_of = {lab.unit: lab for lab in doc.labels}
    for r in document_reading_units(doc):
        chapeau = label_of.get(r.first)
        for i in list(r.units)[1:]:
            lab = label_of.get(i)
            if lab is None:
                own_end = _last_char(doc.units[i]) in ";,"
                out["layout_unlabelled_item" if own_end else "layout_unlabelled_last"] += 1
            elif chapeau is not None and _label_key(lab) == _label_key(chapeau):
                out["layout_same_label"] += 1
            elif chapeau is not None and chapeau.kind == lab.kind == "item":
                out["layout_sub_bullet"] += 1
    for u in doc.units:
        lab = label_of.get(u.index)
        if u.kind == "sentence" and lab is not None and lab.kind in SECTION_LABELS and _last_char(u) == ":":
            out["layout_article_chapeau"] += 1
        shares_line = any(v.paragraph == u.paragraph for v in doc.units[max(0, u.index - 1) : u.index])
        if u.kind == "heading" and lab is None and shares_line and u.text.upper() == u.text:
            out["layout_capitals_title"] += 1
    return out


def reference_counts(doc: Document) -> dict[str, float]:
    """The cross-reference measure counted four other ways, per 100 words: a document number once per text
    (parts as now); every look-up once (document numbers per text, parts per section); one per chain
    ("điểm a khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP" is one look-up, now three); chains, each once."""
    words = doc.word_count or 1
    section = {}
    for k, sec in enumerate(document_sections(doc)):
        section.update(dict.fromkeys(range(sec.first, sec.last + 1), k))
    refs = doc.cross_references
    structural = [STRUCTURE_REFERENCE.match(r.text) is not None for r in refs]
    key = [" ".join(r.text.lower().split()) for r in refs]
    numbers = {k for k, st in zip(key, structural, strict=True) if not st}
    parts = [(section.get(r.unit), k) for r, k, st in zip(refs, key, structural, strict=True) if st]
    chains: list[tuple[int, str, bool]] = []  # unit, text, names a document or an article
    previous = None
    for r, k, st in zip(refs, key, structural, strict=True):
        gap = doc.text[previous.end : r.start] if previous is not None and previous.unit == r.unit else None
        joins = (
            previous is not None
            and gap is not None
            and STRUCTURE_REFERENCE.match(previous.text) is not None
            and not re.search(r"[.;:()\n]", gap)
            and len(gap.split()) <= 6
        )
        absolute = not st or k.startswith("điều")
        if joins:
            unit, text, named = chains[-1]
            chains[-1] = (unit, f"{text} {k}", named or absolute)
        else:
            chains.append((r.unit, k, absolute))
        previous = r
    once = {(None if named else section.get(unit), text) for unit, text, named in chains}
    return {
        "references_documents_once": 100 * (len(parts) + len(numbers)) / words,
        "references_distinct": 100 * (len(set(parts)) + len(numbers)) / words,
        "references_chains": 100 * len(chains) / words,
        "references_chains_once": 100 * len(once) / words,
    }


def analyze(text: str) -> vnpolicytext.Report:
    """`vnpolicytext.analyze` with the default configuration, and the text's extra measures kept in EXTRA."""
    report = vnpolicytext.analyze(text)
    EXTRA[id(report)] = extra_measures(text)
    return report


def share_below(low: Iterable[float], high: Iterable[float]) -> float:
    """Share of (a, b) pairs with a < b."""
    a, b = list(low), list(high)
    return float(np.mean([x < y for x in a for y in b])) if a and b else float("nan")


def ordered(low: Iterable[float], high: Iterable[float]) -> str:
    """Share of (a, b) pairs with a < b, with the pair counts ("0.920 (828 of 900)")."""
    a, b = list(low), list(high)
    n = sum(x < y for x in a for y in b)
    return f"{share_below(a, b):.3f} ({n} of {len(a) * len(b)})"


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
    before = [analyze(r["original"]) for r in rows]
    after = [analyze(r["plain"]) for r in rows]
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
        out[row["group"]].append(analyze((folder / row["file"]).read_text(encoding="utf-8")))
    return out


def laws(shared: Path, limit: int) -> list[vnpolicytext.Report]:
    out = []
    for path in sorted((shared / "corpus_laws").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if limit and len(text) > limit:
            text = text[: max(text.rfind("\n", 0, limit), limit // 2)]
        report = analyze(text)
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


def layout_table(groups: dict[str, list[vnpolicytext.Report]]) -> None:
    """The list layout table of method.md ("Reading units"): units of each class, per group."""
    print("\n## list layout (units of each class)")
    print("| class | " + " | ".join(f"{g} ({len(rs)})" for g, rs in groups.items()) + " |")
    print("|---|" + "---|" * len(groups))
    for key, label in LAYOUT.items():
        cells = [f"{sum(EXTRA[id(r)][key] for r in rs if id(r) in EXTRA):.0f}" for rs in groups.values()]
        print(f"| {label} | " + " | ".join(cells) + " |")
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


@dataclass(frozen=True)
class Alternative:
    """Scales and barriers replacing the shipped ones, whether the widely known abbreviations count, and a
    change to the measures (from the report's and its EXTRA measures)."""

    scales: dict[str, Scale] = field(default_factory=dict)
    barriers: dict[str, Barrier] = field(default_factory=dict)
    count_widely_known: bool = False
    measures: Callable[[dict[str, float], dict[str, float]], dict[str, float]] | None = None


def _vocabulary(word_length: float) -> dict[str, Barrier]:
    """The vocabulary barrier with the mean word length as a fourth measure, taking its weight from jargon
    and undefined terms (jargon 0.60 → 0.50, undefined 0.25 → 0.20)."""
    v = BARRIERS["vocabulary"]
    measures = {"jargon": 0.50, "undefined": 0.20, "difficult_syllables": 0.15, "word_length": word_length}
    return {"vocabulary": Barrier(v.label, v.weight, v.cap, measures)}


def _word_length(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
    return {**m, "word_length": x["word_length"]} if "word_length" in x else m


def _titles_apart(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
    if "titles_apart_mean" not in x:
        return m
    return {
        **m,
        "sentence_length": x["titles_apart_mean"],
        "sentence_length_weighted": x["titles_apart_weighted"],
    }


def _references_plus(key: str) -> Callable[[dict[str, float], dict[str, float]], dict[str, float]]:
    def change(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
        return {**m, "cross_references": m.get("cross_references", 0.0) + x[key]}

    return change


def _references_as(key: str) -> Callable[[dict[str, float], dict[str, float]], dict[str, float]]:
    def change(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
        return {**m, "cross_references": x[key]} if "cross_references" in m else m

    return change


def _conditions(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
    return {**m, "conditions": x["conditions"]}


def _chain(
    *changes: Callable[[dict[str, float], dict[str, float]], dict[str, float]],
) -> Callable[[dict[str, float], dict[str, float]], dict[str, float]]:
    def change(m: dict[str, float], x: dict[str, float]) -> dict[str, float]:
        for c in changes:
            m = c(m, x)
        return m

    return change


def _word_length_scale(clear: float, hard: float) -> dict[str, Scale]:
    return {"word_length": Scale("syllables per vocabulary word", clear, hard)}


# Alternatives to the shipped scales and barriers (method.md, "Figures": the levers measured for the
# (law, news) ordering).
ALTERNATIVES: dict[str, Alternative] = {
    "shipped": Alternative(),
    "widely known abbreviations counted (before)": Alternative(count_widely_known=True),
    **{
        f"sentence_length hard end {h}": Alternative({"sentence_length": Scale("", 20.0, h)})
        for h in (55.0, 62.0, 63.0, 65.0, 70.0)
    },
    **{
        f"sentence_length_weighted hard end {h}": Alternative(
            {"sentence_length_weighted": Scale("", 20.0, h)}
        )
        for h in (75.0, 80.0, 85.0, 100.0)
    },
    # 15-20 and 48 words at 1.5 syllables per word (our segmenter on the corpus) instead of 1.25; the hard end
    # held below 57.5 so that a 40-syllable average is still never 'dễ đọc' by construction.
    "clear ends 25, sentence_length hard end 57": Alternative(
        {
            "sentence_length": Scale("", 25.0, 57.0),
            "sentence_length_weighted": Scale("", 25.0, SCALES["sentence_length_weighted"].hard),
        }
    ),
    "length barrier: weighted mean only": Alternative(
        barriers={"length": _length({"sentence_length_weighted": 1.0})}
    ),
    "length barrier: mean only": Alternative(barriers={"length": _length({"sentence_length": 1.0})}),
    "length barrier: average of the two": Alternative(
        barriers={"length": _length({"sentence_length": 0.5, "sentence_length_weighted": 0.5}, "mean")}
    ),
    "length weight 0.40, vocabulary 0.25": Alternative(
        barriers={
            "length": _length(dict(BARRIERS["length"].measures), weight=0.40),
            "vocabulary": Barrier(
                BARRIERS["vocabulary"].label,
                0.25,
                BARRIERS["vocabulary"].cap,
                BARRIERS["vocabulary"].measures,
            ),
        }
    ),
    # Word length (Nguyen & Henkin's WL, Luong-Nguyen-Dinh's C/W): syllables per vocabulary word, a proxy for
    # Sino-Vietnamese compounds (everyday native words are mostly one syllable).
    **{
        f"word length {c}–{h} syllables, weight 0.15 in vocabulary": Alternative(
            _word_length_scale(c, h), _vocabulary(0.15), measures=_word_length
        )
        for c, h in ((1.4, 1.6), (1.3, 1.7), (1.25, 1.75))
    },
    "word length 1.3–1.7, weight 0.30 in vocabulary": Alternative(
        _word_length_scale(1.3, 1.7),
        {
            "vocabulary": Barrier(
                BARRIERS["vocabulary"].label,
                BARRIERS["vocabulary"].weight,
                BARRIERS["vocabulary"].cap,
                {"jargon": 0.40, "undefined": 0.20, "difficult_syllables": 0.10, "word_length": 0.30},
            )
        },
        measures=_word_length,
    ),
    "article titles ending with a period read as headings": Alternative(measures=_titles_apart),
    "self-pointers ('quy định tại Luật này') as references": Alternative(
        measures=_references_plus("self_pointers")
    ),
    **{
        label: Alternative(measures=_references_as(key))
        for label, key in (
            ("references: a document number once per text", "references_documents_once"),
            ("references: each look-up once (numbers per text, parts per section)", "references_distinct"),
            ("references: one per chain ('khoản 2 Điều 5' one, not two)", "references_chains"),
            ("references: chains, each once", "references_chains_once"),
        )
    },
    "every self-mention ('Luật này', 'Điều này') as a reference": Alternative(
        measures=_references_plus("self_mentions")
    ),
    **{
        f"conditions barrier (nếu, trường hợp, trừ …): 0 at {h:g} per 100 words, weight {w}": Alternative(
            {"conditions": Scale("condition markers per 100 words", 0.0, h)},
            {"conditions": Barrier("Điều kiện", w, 60.0, {"conditions": 1.0})},
            measures=_conditions,
        )
        for h, w in ((2.0, 0.10), (3.0, 0.10), (3.0, 0.15), (4.0, 0.15))
    },
    "word length 1.4–1.6 + titles as headings + self-pointers": Alternative(
        _word_length_scale(1.4, 1.6),
        _vocabulary(0.15),
        measures=_chain(_word_length, _titles_apart, _references_plus("self_pointers")),
    ),
    "word length 1.4–1.6 + titles as headings + every self-mention": Alternative(
        _word_length_scale(1.4, 1.6),
        _vocabulary(0.15),
        measures=_chain(_word_length, _titles_apart, _references_plus("self_mentions")),
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


def extra_medians(
    pairs: tuple[list[vnpolicytext.Report], list[vnpolicytext.Report]],
    groups: dict[str, list[vnpolicytext.Report]],
    law_reports: list[vnpolicytext.Report],
) -> None:
    """Medians of the measures the second pass of alternatives adds, and how often each is higher in the legal
    text than in the news article, and in the original than in its rewrite."""
    sets = {**groups, "laws": law_reports, "originals": pairs[0], "rewrites": pairs[1]}
    keys = ("word_length", "conditions", "self_pointers", "self_mentions", "references_chains")
    print("\nmeasures of the second pass, medians (p75):")
    for key in keys:
        cells = []
        for name, rs in sets.items():
            v = [EXTRA[id(r)][key] for r in rs if key in EXTRA.get(id(r), {})]
            if v:
                cells.append(f"{name} {pct(v, 50):.3g} ({pct(v, 75):.3g})")

        def values(rs: list[vnpolicytext.Report], key: str = key) -> list[float]:
            return [EXTRA[id(r)].get(key, 0.0) for r in rs]

        news = values(groups["news"])
        higher = f"legal > news {share_below(news, values(groups['legal'])):.3f}"
        if law_reports:
            higher += f", law > news {share_below(news, values(law_reports)):.3f}"
        b, a = values(pairs[0]), values(pairs[1])
        higher += f", original > rewrite {np.mean([x > y for x, y in zip(b, a, strict=True)]):.3f}"
        print(f"  {key}: " + "; ".join(cells) + f" | {higher}")
    for name, rs in sets.items():
        total = sum(EXTRA[id(r)]["self_pointers"] * r.text.words / 100 for r in rs if id(r) in EXTRA)
        print(f"  self-pointers in {name}: {total:.0f}")


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
    for name, alt in ALTERNATIVES.items():
        sc = {**SCALES, **alt.scales}
        ba = {**BARRIERS, **alt.barriers}

        def rescore(
            r: vnpolicytext.Report,
            sc: dict[str, Scale] = sc,
            ba: dict[str, Barrier] = ba,
            alt: Alternative = alt,
        ) -> float:
            m = measures_of(r, alt.count_widely_known)
            if alt.measures is not None and m:
                m = alt.measures(m, EXTRA.get(id(r), {}))
            result = assess(m, sc, ba)
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
    layout_table({**groups, "rewrite pairs": [*pairs[0], *pairs[1]]})
    news = [score(r) for r in groups["news"]]
    print(f"(legal, news) pairs with the legal text less clear: {ordered(map(score, groups['legal']), news)}")
    print(
        f"(procedure, news) pairs with the procedure less clear: "
        f"{ordered(map(score, groups['citizen']), news)}"
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
        print(f"(law, dev news) pairs with the law less clear: {ordered(map(score, lr), news)}")
        print(f"without the ceilings: {share_below(map(weighted, lr), news_w):.3f}")
        long_documents({"laws": lr})
        layout_table({"laws": lr})
    else:
        lr = []
    print()
    undefined_ordering(groups["legal"], groups["news"], "legal")
    if lr:
        undefined_ordering(lr, groups["news"], "law")
    for label, rs in (("legal", groups["legal"]), ("law", lr)):
        if rs:
            cells = []
            for key in ("sentence_length", "sentence_length_weighted", "jargon", "difficult_syllables"):
                a = [measure(r, key) or 0.0 for r in rs]
                b = [measure(r, key) or 0.0 for r in groups["news"]]
                cells.append(f"{key} {share_below(b, a):.3f}")
            print(
                f"({label}, news) pairs with the measure alone higher in the {label} text: "
                + ", ".join(cells)
            )
    extra_medians(pairs, groups, lr)
    sensitivity(pairs, groups, lr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
