#!/usr/bin/env python3
"""List the terms that laws define, as candidates for ``src/vnpolicytext/data/glossary.tsv``.

Curation-time tool only: nothing here is imported by the library. It reads every law of a folder
(default ``/work/shared/corpus_laws``), finds the items of its definitions articles ("Giải thích từ ngữ")
with ``vnpolicytext.extract_definitions`` (kind ``article``) and prints one TSV line per candidate:

    term<TAB>law<TAB>article<TAB>file<TAB>status

* ``law``: the law's name and number as its heading gives them ("Luật Đất đai số 45/2013/QH13").
* ``article``: "Điều N" of the definitions article the item belongs to.
* ``status``: ``shipped`` when the glossary already has the term (headword or variant), ``jargon`` when
  the jargon lexicon lists it, ``everyday`` when ``data/everyday_words.txt`` lists it, else ``new``.

Only the term and where it is defined are printed, never the law's definition text: the glossary's
explanations are written by hand in plain words (docs/glossary.md). Run from the worktree root:

    PYTHONPATH=src .venv/bin/python scripts/harvest_glossary.py [--laws DIR] [--new-only] [--max-syllables 6]
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import regex

from vnpolicytext import extract_definitions

_NUMBER = regex.compile(
    r"(?im)^\s*(?:luật|bộ\s+luật|hiến\s+pháp)?\s*số\s*[:.]?\s*([0-9]+(?:/[0-9]{4})?/[A-ZĐ0-9-]+)"
)
_KIND = regex.compile(r"(?m)^\s*(BỘ LUẬT|LUẬT|HIẾN PHÁP)\s*$")
_ARTICLE = regex.compile(r"(?im)^\s*điều\s+(\d+[a-zđ]?)\s*[.:]")
_SYLLABLE = regex.compile(r"[\p{L}\p{N}]+")


def fold(term: str) -> str:
    """Lower case, NFC, single spaces: the form used to compare terms."""
    return " ".join(unicodedata.normalize("NFC", term).lower().split())


def law_name(text: str, path: Path) -> str:
    """'Luật Đất đai số 45/2013/QH13' from the heading of a law; the file name when it has none."""
    head = text[:3000]
    number = _NUMBER.search(head)
    kind = _KIND.search(head)
    title = ""
    if kind:
        rest = head[kind.end() :].lstrip("\n ")
        line = rest.split("\n\n", 1)[0].split("\n", 1)[0].strip()
        if line and line.isupper():
            low = line.lower()
            about = regex.search(r"\bvề\s+(.+?)(?:\s+số\s+\d.*)?$", low) if low.startswith("của") else None
            low = about.group(1) if about else low
            low = low.replace("việt nam", "Việt Nam").replace("quốc hội", "Quốc hội")
            low = regex.split(r"\s+của Quốc hội|\s+số\s+\d", low)[0].replace(",", ", ").replace("  ", " ")
            title = low[0].upper() + low[1:]
        name = {"BỘ LUẬT": "Bộ luật", "LUẬT": "Luật", "HIẾN PHÁP": "Hiến pháp"}[kind.group(1)]
        title = f"{name} {title}".strip()
    else:
        title = path.stem.replace("-", " ")
    return f"{title} số {number.group(1)}" if number else title


def article_at(text: str, pos: int) -> str:
    """'Điều N' of the article that holds offset `pos` ('' when none precedes it)."""
    last = ""
    for m in _ARTICLE.finditer(text, 0, pos):
        last = m.group(1)
    return f"Điều {last}" if last else ""


def _data_lines(name: str) -> list[str]:
    text = resources.files("vnpolicytext.data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def known_terms() -> tuple[set[str], set[str], set[str]]:
    """Glossary phrases (headwords and variants), jargon terms and everyday words, folded."""
    glossary: set[str] = set()
    for line in _data_lines("glossary.tsv"):
        cols = line.split("\t")
        glossary.add(fold(cols[0]))
        if len(cols) > 1:
            glossary.update(fold(v) for v in cols[1].split("|") if v.strip())
    jargon = {fold(line.split("\t")[0]) for line in _data_lines("jargon.tsv")}
    try:
        everyday = {fold(line) for line in _data_lines("everyday_words.txt")}
    except FileNotFoundError:
        everyday = set()
    return glossary, jargon, everyday


def harvest(laws: Path, max_syllables: int) -> list[tuple[str, str, str, str]]:
    """(term, law, article, file) for every definitions-article item of every law in `laws`."""
    out: list[tuple[str, str, str, str]] = []
    for path in sorted(laws.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        name = law_name(text, path)
        for d in extract_definitions(text):
            if d.kind != "article":
                continue
            term = " ".join(d.term.split()).strip(" .:;,")
            n = len(_SYLLABLE.findall(term))
            if not term or n > max_syllables or any(ch.isdigit() for ch in term):
                continue
            out.append((term, name, article_at(text, d.term_start), path.name))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laws", type=Path, default=Path("/work/shared/corpus_laws"))
    parser.add_argument("--new-only", action="store_true", help="only terms in no shipped list")
    parser.add_argument("--max-syllables", type=int, default=6)
    args = parser.parse_args(argv)
    glossary, jargon, everyday = known_terms()
    seen: set[tuple[str, str]] = set()
    rows = 0
    for term, law, article, file in harvest(args.laws, args.max_syllables):
        key = fold(term)
        if (key, law) in seen:
            continue
        seen.add((key, law))
        status = (
            "shipped"
            if key in glossary
            else "jargon"
            if key in jargon
            else "everyday"
            if key in everyday
            else "new"
        )
        if args.new_only and status != "new":
            continue
        print(f"{term}\t{law}\t{article}\t{file}\t{status}")
        rows += 1
    print(f"# {rows} candidates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
