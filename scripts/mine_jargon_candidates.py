#!/usr/bin/env python3
"""Rank jargon candidates for ``src/vnpolicytext/data/jargon.tsv`` and check the shipped lexicon.

Curation-time tool only: nothing here is imported by the library, and its output (corpus counts) is
never shipped. The lexicon itself is written by hand; this script only tells the curator where to look
and measures the result.

Two modes::

    # 1. mine: print ranked candidates (words and syllable n-grams typical of legal text, rare in
    #    general Vietnamese)
    .venv/bin/python scripts/mine_jargon_candidates.py mine [--top 300] [--min-count 5]

    # 2. check: jargon density per document with a scratch longest-match matcher, the share of
    #    (legal, news) pairs in which the legal document is denser, and the most frequently matched
    #    terms in news and in citizen-facing procedure texts
    .venv/bin/python scripts/mine_jargon_candidates.py check [--lexicon src/vnpolicytext/data/jargon.tsv]

Method (mine):
  * Every document in ``--corpus`` (default ``/work/shared/corpus``) is read; its group (legal / news /
    citizen) comes from ``manifest.jsonl``.
  * Each line is cut into sentences and each sentence is segmented with ``underthesea.word_tokenize``
    (never a whole document at once: the segmenter is quadratic in input length).
  * Per group we count (a) multi-syllable words found by the segmenter and (b) syllable n-grams
    (n = 2..4) that do not cross punctuation.
  * keyness = log2 of the ratio of relative frequencies legal vs news (add-0.5 smoothing), also
    reported for citizen-facing procedures vs news.
  * rarity = 7 - mean wordfreq Zipf frequency of the syllables (``wordfreq`` gives syllable
    frequencies for ``vi``); the minimum syllable Zipf is printed too.
  * score = keyness + rarity; candidates need ``--min-count`` occurrences in legal text and must be
    spread over at least 3 legal documents.
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

CORPUS = Path("/work/shared/corpus")
LEXICON = Path(__file__).resolve().parent.parent / "src" / "vnpolicytext" / "data" / "jargon.tsv"

# Combining tone marks (grave, acute, hook above, tilde, dot below). Vowel-quality marks
# (circumflex, breve, horn) are kept.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_SYL = re.compile(r"[\w]+", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?;:])\s+")


def syllable_key(syl: str) -> str:
    """Lower-case, tone-placement-insensitive key: 'hoà' and 'hòa' give the same key."""
    d = unicodedata.normalize("NFD", syl.lower())
    tone = ""
    out = []
    for ch in d:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)) + tone


def load_manifest(corpus: Path) -> dict[str, str]:
    groups = {}
    with open(corpus / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                groups[rec["file"]] = rec["group"]
    return groups


def read_docs(corpus: Path):
    groups = load_manifest(corpus)
    for name, group in sorted(groups.items()):
        path = corpus / name
        if path.exists():
            yield name, group, unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def sentences(text: str):
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sent in _SENT.split(line):
            if sent:
                yield sent[:2000]


# ----------------------------------------------------------------------------------------- mine
def mine(args) -> None:
    from underthesea import word_tokenize
    from wordfreq import zipf_frequency

    words = {g: collections.Counter() for g in ("legal", "news", "citizen")}
    grams = {g: collections.Counter() for g in ("legal", "news", "citizen")}
    docfreq = collections.Counter()  # (legal-only) document frequency of words and grams
    totals = collections.Counter()
    for _name, group, text in read_docs(args.corpus):
        seen = set()
        for sent in sentences(text):
            for tok in word_tokenize(sent):
                sylls = tok.lower().split()
                totals[group] += len(sylls)
                if len(sylls) >= 2 and all(s.isalpha() for s in sylls):
                    w = " ".join(sylls)
                    words[group][w] += 1
                    seen.add(("w", w))
            # syllable n-grams inside punctuation-free stretches
            for chunk in re.split(r"[^\w\s]+", sent.lower()):
                sy = [s for s in chunk.split() if s.isalpha()]
                for n in (2, 3, 4):
                    for i in range(len(sy) - n + 1):
                        g = " ".join(sy[i : i + n])
                        grams[group][g] += 1
                        seen.add(("g", g))
        if group == "legal":
            docfreq.update(seen)

    zipf_cache: dict[str, float] = {}

    def zipf(s: str) -> float:
        if s not in zipf_cache:
            zipf_cache[s] = zipf_frequency(s, "vi")
        return zipf_cache[s]

    def rank(table, kind):
        rows = []
        for term, c_legal in table["legal"].items():
            if c_legal < args.min_count or docfreq[(kind, term)] < 3:
                continue
            c_news = table["news"][term]
            c_cit = table["citizen"][term]
            key_ln = math.log2(((c_legal + 0.5) / totals["legal"]) / ((c_news + 0.5) / totals["news"]))
            key_cn = math.log2(((c_cit + 0.5) / totals["citizen"]) / ((c_news + 0.5) / totals["news"]))
            zs = [zipf(s) for s in term.split()]
            rarity = 7.0 - sum(zs) / len(zs)
            rows.append((key_ln + rarity, key_ln, key_cn, rarity, min(zs), c_legal, c_news, c_cit, term))
        rows.sort(reverse=True)
        return rows

    print(f"# syllables: legal={totals['legal']} news={totals['news']} citizen={totals['citizen']}")
    for kind, table, label in (("w", words, "segmented multi-syllable words"),
                               ("g", grams, "syllable n-grams (2-4)")):
        print(f"\n## {label}: score = keyness(legal/news, log2) + rarity(7 - mean syllable zipf)")
        print("score\tkey_ln\tkey_cn\trarity\tminzipf\tlegal\tnews\tcitizen\tterm")
        for row in rank(table, kind)[: args.top]:
            print("\t".join(f"{x:.2f}" if isinstance(x, float) else str(x) for x in row))


# ---------------------------------------------------------------------------------------- check
def load_lexicon(path: Path) -> dict[tuple[str, ...], tuple[str, str]]:
    lex = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        term, cat = line.split("\t")[:2]
        key = tuple(syllable_key(s) for s in term.split())
        lex[key] = (term, cat)
    return lex


def match(text: str, lex, maxlen: int):
    """Longest match over syllable sequences; yields (term, category, n_syllables)."""
    toks = []  # (key, start, end)
    for m in _SYL.finditer(text):
        toks.append((syllable_key(m.group()), m.start(), m.end()))
    i = 0
    n = len(toks)
    hits = []
    while i < n:
        for L in range(min(maxlen, n - i), 0, -1):
            # a term must not cross punctuation / line breaks: only whitespace between syllables
            if L > 1 and any(not text[toks[j][2]:toks[j + 1][1]].isspace() or "\n" in text[toks[j][2]:toks[j + 1][1]]
                             for j in range(i, i + L - 1)):
                continue
            key = tuple(t[0] for t in toks[i : i + L])
            if key in lex:
                hits.append((*lex[key], L))
                i += L
                break
        else:
            i += 1
    return hits, n


def check(args) -> None:
    lex = load_lexicon(args.lexicon)
    maxlen = max(len(k) for k in lex)
    dens = {"legal": [], "news": [], "citizen": []}
    top = {g: collections.Counter() for g in dens}
    cats = {g: collections.Counter() for g in dens}
    for name, group, text in read_docs(args.corpus):
        hits, nsyl = match(text, lex, maxlen)
        dens[group].append((100.0 * len(hits) / max(nsyl, 1), name))
        for term, cat, _ in hits:
            top[group][term] += 1
            cats[group][cat] += 1
    print(f"lexicon: {args.lexicon} ({len(lex)} entries)")
    for g, vals in dens.items():
        v = sorted(d for d, _ in vals)
        if v:
            print(f"{g:8s} n={len(v):2d} density per 100 syllables: mean={sum(v)/len(v):.2f} "
                  f"median={v[len(v)//2]:.2f} min={v[0]:.2f} max={v[-1]:.2f}")
    pairs = [(a, b) for a, _ in dens["legal"] for b, _ in dens["news"]]
    wins = sum(1 for a, b in pairs if a > b)
    print(f"(legal, news) pairs with legal denser: {wins}/{len(pairs)} = {100.0*wins/max(len(pairs),1):.1f} %")
    pairs = [(a, b) for a, _ in dens["legal"] for b, _ in dens["citizen"]]
    wins = sum(1 for a, b in pairs if a > b)
    print(f"(legal, citizen) pairs with legal denser: {wins}/{len(pairs)} = {100.0*wins/max(len(pairs),1):.1f} %")
    for g in dens:
        print(f"\n## {g}: categories {dict(cats[g].most_common())}")
        print("   top terms: " + ", ".join(f"{t} ({c})" for t, c in top[g].most_common(args.top)))
    if args.verbose:
        for g, vals in dens.items():
            print(f"\n## {g} per document")
            for d, name in sorted(vals):
                print(f"  {d:6.2f}  {name}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("mine", "check"))
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--lexicon", type=Path, default=LEXICON)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.mode == "mine":
        mine(args)
    else:
        check(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
