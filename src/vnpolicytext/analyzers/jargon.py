"""Analyzer 'jargon': formulaic, legal, vague, foreign, archaic and stiff wording, with plainer alternatives.

The lexicon is the data file `data/jargon.tsv` (term, category, alternative, note), curated by hand from
corpus keyness and general-language frequency (docs/jargon-lexicon.md). Users add, override or disable
entries with their own files of the same format (`Config.jargon_files`; category `off` disables a term).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex
from pydantic import ConfigDict, Field, PrivateAttr

from .. import disk_cache, lexicon, normalize, phrases, vocab
from ..document import Document, Unit
from ..explained import Explained, explanations
from ..lexicon import Row, file_version, rows, shipped_bytes, shipped_text, user_text
from ..loanwords import loanword_spans
from ..models import Finding, Fix, Model
from ..phrases import Match, PhraseMatcher
from ..registry import Analyzer, Rule, Severity
from ..vocab import fold
from . import phrase_pass
from .base import Context

# fold of the texts matched, kept: a document reads the same few terms again and again
_fold = lru_cache(maxsize=8192)(fold)

CATEGORIES: dict[str, tuple[Severity, str, str]] = {
    "cliche": ("warning", "cụm từ sáo rỗng, công thức", "Formulaic political or administrative phrase."),
    "legal": (
        "warning",
        "thuật ngữ pháp lý khó hiểu",
        "Legal or technical Sino-Vietnamese term a citizen may not know.",
    ),
    "vague": ("info", "từ mơ hồ, không đo được", "Vague word that promises nothing measurable."),
    "foreign": ("warning", "từ nước ngoài", "Foreign word where Vietnamese has one."),
    "archaic": ("warning", "từ cổ, ít dùng", "Old or rare Sino-Vietnamese word with an everyday equivalent."),
    "formal": (
        "info",
        "cách nói nặng nề, trang trọng",
        "Stiff bureaucratic wording with a plain equivalent.",
    ),
}
EXAMPLES = {
    "cliche": "Quán triệt và triển khai thực hiện đồng bộ … → Làm ngay và làm giống nhau ở mọi nơi …",
    "legal": "Người vi phạm bị truy cứu trách nhiệm hình sự. → Người vi phạm bị đưa ra xét xử.",
    "vague": "Giải quyết kịp thời. → Giải quyết trong 5 ngày làm việc.",
    "foreign": "Gọi hotline của phường. → Gọi đường dây nóng của phường.",
    "archaic": "Nhằm bảo đảm quyền lợi … → Để bảo đảm quyền lợi …",
    "formal": "Tiến hành kiểm tra hồ sơ. → Kiểm tra hồ sơ.",
}
WHY = {
    "cliche": "Cụm từ công thức lặp lại mà không nói ai làm gì, khi nào; người đọc lướt qua và không nhớ gì.",
    "legal": "Người dân không học luật; thuật ngữ không được giải thích làm họ hiểu sai quyền và nghĩa vụ.",
    "vague": "Từ mơ hồ không cho người đọc biết phải chờ bao lâu hay được gì; hãy nói con số, thời hạn.",
    "foreign": "Không phải ai cũng đọc được tiếng nước ngoài; tiếng Việt đã có từ tương đương.",
    "archaic": "Từ Hán Việt cổ ít người dùng hằng ngày; từ thông dụng nói cùng ý dễ hiểu hơn.",
    "formal": "Cách nói nặng nề làm câu dài thêm mà không thêm nghĩa.",
}
_SOURCE = "Khoản 1, 3 Điều 69 Nghị định 34/2016/NĐ-CP; docs/jargon-lexicon.md (cách lập danh mục)."
RULES = (
    Rule(
        "jargon.cliche",
        "warning",
        CATEGORIES["cliche"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["cliche"],
        why=WHY["cliche"],
        source=_SOURCE,
    ),
    Rule(
        "jargon.legal",
        "warning",
        CATEGORIES["legal"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["legal"],
        why=WHY["legal"],
        source=_SOURCE,
        levels={"news": "info", "legal": "info"},
    ),
    Rule(
        "jargon.vague",
        "info",
        CATEGORIES["vague"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["vague"],
        why=WHY["vague"],
        source=_SOURCE,
    ),
    Rule(
        "jargon.foreign",
        "warning",
        CATEGORIES["foreign"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["foreign"],
        why=WHY["foreign"],
        source=_SOURCE,
    ),
    Rule(
        "jargon.archaic",
        "warning",
        CATEGORIES["archaic"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["archaic"],
        why=WHY["archaic"],
        source=_SOURCE,
        levels={"legal": "info"},
    ),
    Rule(
        "jargon.formal",
        "info",
        CATEGORIES["formal"][2],
        "«{term}»: {label}.{note}",
        EXAMPLES["formal"],
        why=WHY["formal"],
        source=_SOURCE,
    ),
)


class JargonOptions(Model):
    """Options of analyzer 'jargon'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    files: list[Path] = Field(
        default_factory=list,
        description="User jargon lexicons (TSV: term, category, alternative, note; category 'off' disables).",
    )


class Entry(NamedTuple):
    """One lexicon entry: a named tuple, made several times quicker than the frozen dataclass it was (which
    counts for the two thousand entries read at start). Two entries are equal when their fields are; unlike
    the dataclass it also equals a plain tuple of the same fields and can be unpacked, which no code uses."""

    term: str
    category: str
    alternative: str | None
    note: str
    coordinated: bool = False
    """Parts the text may coordinate with ", ", " và " or " - " ("đồng bộ, nhất quán, bài bản"); marked
    by a note that starts with "[coord]"."""


class TermCount(Model):
    """A jargon term and how often the text uses it."""

    term: str = Field(description="The lexicon term.")
    category: str = Field(description="Its category.")
    count: int = Field(description="Occurrences in the text.")
    alternative: str | None = Field(description="Plainer alternative, if the lexicon has one.")


class JargonSummary(Model):
    """How much jargon the text carries."""

    _unit_words: tuple[int, ...] = PrivateAttr(default=())

    def unit_words(self) -> tuple[int, ...]:
        """Jargon words in each unit, as counted during the analysis (empty on a report read from JSON)."""
        return self._unit_words

    density: float = Field(description="Jargon words per 100 words.")
    matches: int = Field(description="Jargon occurrences.")
    jargon_words: int = Field(description="Segmented words inside jargon occurrences.")
    words: int = Field(description="Words of the text.")
    by_category: dict[str, int] = Field(description="Occurrences per category.")
    density_by_category: dict[str, float] = Field(description="Jargon words per 100 words, per category.")
    per_sentence: float = Field(description="Mean jargon occurrences per unit.")
    sentences_with_jargon_share: float = Field(description="Share of units with at least one occurrence.")
    top_terms: list[TermCount] = Field(description="Up to ten most frequent terms.")
    lexicon_size: int = Field(description="Entries in the lexicon in force (shipped plus user files).")


_COORD = "[coord]"
EXPLAINABLE = frozenset({"legal", "foreign", "archaic"})
"""Categories of words a reader may not know, which an explanation in place makes known (`explained.py`);
formulaic, vague and stiff wording stays what it is when explained."""


def parse_lexicon(table: list[Row]) -> list[Entry]:
    """Entries of a lexicon file `term<TAB>category<TAB>alternative<TAB>note`; category `off` disables a term."""
    out = []
    for row in table:
        category = row.get(1)
        if category not in CATEGORIES and category != "off":
            raise row.error(f"unknown jargon category {category!r}")
        note = row.get(3)
        coordinated = note.startswith(_COORD)
        if coordinated:
            note = note[len(_COORD) :].strip()
        out.append(Entry(row.get(0), category, row.get(2) or None, note, coordinated))
    return out


def _read(text: str, source: str) -> tuple[Entry, ...]:
    table = rows(text, source, min_columns=2)
    return tuple(parse_lexicon(table))


CACHE_FORMAT = 1
"""Version of what the cache folder keeps of the shipped data (`_shipped`, `_technical_terms`): bump it when
the layout of the cached values changes. The caches are also keyed by the code that derives them (this
module, `lexicon`, `phrases`, `vocab`, `normalize`) and the `regex` version (`phrase_keys` splits with it)."""
CODE = (sys.modules[__name__], lexicon, phrases, vocab, normalize, regex.__version__)
"""What the shipped caches of this module and of `glossary` are keyed by, besides the data files."""


def _build_shipped() -> tuple[tuple[Entry, ...], PhraseMatcher[Entry]]:
    """The shipped entries and their matcher, from `jargon.tsv`."""
    entries = _read(shipped_text("jargon.tsv"), "jargon.tsv")
    matcher: PhraseMatcher[Entry] = PhraseMatcher(())
    for e in entries:
        matcher.add(e.term, e, coordinated=e.coordinated)
    return entries, matcher


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[Entry, ...], PhraseMatcher[Entry]]:
    """`_build_shipped()`, kept in the cache folder (`disk_cache`, keyed by the bytes of `jargon.tsv`):
    folding two thousand phrases into a trie costs tens of milliseconds, reading the trie back a few."""

    def build() -> tuple[list[tuple[Any, ...]], Any]:
        entries, matcher = _build_shipped()
        number = {id(e): k for k, e in enumerate(entries)}
        return [tuple(e) for e in entries], matcher.export(lambda e: number[id(e)])

    sig = disk_cache.signature(shipped_bytes("jargon.tsv"), *CODE)
    fields, exported = disk_cache.cached("jargon", CACHE_FORMAT, sig, build)
    entries = tuple(map(Entry._make, fields))
    return entries, PhraseMatcher.restore(exported, entries)


def shipped_lexicon() -> tuple[Entry, ...]:
    """The lexicon that ships with the library, loaded once."""
    return _shipped()[0]


@lru_cache(maxsize=32)
def user_lexicon(version: tuple[str, float, int]) -> tuple[Entry, ...]:
    path = Path(version[0])
    return _read(user_text(path, "jargon file"), str(path))


def lexicon_entries(versions: tuple[tuple[str, float, int], ...]) -> tuple[Entry, ...]:
    """The shipped entries followed by those of the user's files (`file_version`s, read once each)."""
    out = list(shipped_lexicon())
    for version in versions:
        out.extend(user_lexicon(version))
    return tuple(out)


@lru_cache(maxsize=8)
def _matcher(versions: tuple[tuple[str, float, int], ...]) -> PhraseMatcher[Entry]:
    matcher = _shipped()[1]
    if versions:
        matcher = matcher.copy()  # the shipped matcher is shared: the user's files change a copy
    for version in versions:
        for e in user_lexicon(version):
            if e.category == "off":
                matcher.remove(e.term, coordinated=e.coordinated)
            else:
                matcher.add(e.term, e, coordinated=e.coordinated)
    return matcher


@lru_cache(maxsize=8)
def _switched_off(versions: tuple[tuple[str, float, int], ...]) -> frozenset[str]:
    return frozenset(fold(e.term) for v in versions for e in user_lexicon(v) if e.category == "off")


def switched_off(files: list[Path]) -> frozenset[str]:
    """Terms the user's files switch off (category `off`): neither the lexicon nor the spelling test
    reports them."""
    return _switched_off(tuple(file_version(p) for p in files))


def matcher_for(files: list[Path]) -> PhraseMatcher[Entry]:
    """The shipped lexicon plus the user's files, built once per set of file versions."""
    versions = tuple(file_version(p) for p in files)
    for version in versions:
        user_lexicon(version)  # validates and names a missing or broken file
    return _matcher(versions)


phrase_pass.share("jargon", lambda options: matcher_for(options["jargon"].files))


def _loanwords(
    ctx: Context,
    unit: Unit,
    matched: list[tuple[int, int]],
    first: dict[str, Finding | None],
    by_category: Counter[str],
    words_by_category: Counter[str],
    unit_words: list[int],
    explained: Explained,
    off: frozenset[str],
) -> bool:
    """Foreign words no lexicon lists ("livestream", "deadline"), told by their spelling (`loanwords.py`):
    jargon.foreign, once per word, outside names, the lexicon's own matches, the terms the user's files
    switch off (`off`) and words explained in place. The caller checks that jargon.foreign is on."""
    if unit.text.isupper():
        return False
    doc = ctx.doc
    found = False
    k = 0  # `matched` and the loanwords both run left to right: one pointer keeps the overlap test linear
    for s, e, token in loanword_spans(unit.text):
        start, end = unit.start + s, unit.start + e
        while k < len(matched) and matched[k][1] <= start:
            k += 1
        overlaps = k < len(matched) and matched[k][0] < end
        if doc.in_name(start, end) or overlaps or _fold(token) in off or explained.covering(start, end):
            continue
        found = True
        by_category["foreign"] += 1
        words_by_category["foreign"] += 1
        unit_words[unit.index] += 1
        key = token.lower()
        if key in first:
            continue
        first[key] = ctx.add(
            "jargon.foreign",
            start,
            end,
            suggestion="Dùng từ tiếng Việt tương đương, hoặc giải thích ngay lần dùng đầu tiên.",
            data={"term": token, "category": "foreign", "alternative": None, "detected": "spelling"},
            term=doc.text[start:end],
            label=CATEGORIES["foreign"][1],
            note=" Không phải cách viết của tiếng Việt.",
        )
    return found
@lru_cache(maxsize=1)
def safe_replacements() -> dict[str, str]:
    """Folded jargon term -> its one-to-one safe replacement (data/safe_replacements.tsv)."""
    table = rows(shipped_text("safe_replacements.tsv"), "safe_replacements.tsv", min_columns=2)
    return {fold(r.get(0)): r.get(1) for r in table}


def _fixes(ctx: Context, start: int, end: int, e: Entry) -> list[Fix]:
    """A safe fix when the term has a one-to-one replacement; else the lexicon's first plain alternative as a
    suggestion (it changes the register); none when the alternative tells the writer what to supply."""
    found = ctx.doc.text[start:end]
    safe = safe_replacements().get(_fold(found))
    alternative = safe
    if alternative is None and e.alternative:
        alternative = e.alternative.split("|")[0].strip()
        if "(" in alternative or "…" in alternative or not alternative:
            return []
    if alternative is None:
        return []
    kept = found.lower().rfind(alternative.lower())
    if kept >= 0 and len(found.lower()) == len(found):
        alternative = found[kept : kept + len(alternative)]  # a word kept keeps its own capitals
    if found[:1].isupper() and alternative[:1].islower():
        alternative = alternative[0].upper() + alternative[1:]
    return [
        ctx.fix(
            start,
            end,
            alternative,
            safe=safe is not None,
            description=f"Thay «{ctx.original(start, end)}» bằng «{alternative}»",
        )
    ]


@dataclass(frozen=True, slots=True)
class _OwnTerms:
    """The document's own terms (their first `_TERM_WORDS` words) and its article titles, folded, each as
    " word word … " on a line of its own: a run of words of one is then the substring " run " (one search in
    C per cliche; a set of every run of every title cost tens of milliseconds on a long law)."""

    terms: str
    titles: str


def _own_terms(doc: Document) -> _OwnTerms:
    terms = [
        " " + " ".join(fold(d.term).replace(",", " ").split()[:_TERM_WORDS]) + " "
        for d in doc.definitions
        if d.kind != "abbreviation"
    ]
    # "Điều 63. Tuyên truyền, vận động bầu cử": the activity an article regulates under that name
    titles = [
        " " + " ".join(fold(u.text[u.label_end - u.start :]).replace(",", " ").split()) + " "
        for u in doc.units
        if u.kind == "heading" and _ARTICLE_TITLE.match(u.text)
    ]
    return _OwnTerms("\n".join(terms), "\n".join(titles))


def _in_technical_term(
    doc: Document, unit: Unit, start: int, end: int, own: _OwnTerms, technical: dict[int, list[Match[str]]]
) -> bool:
    """Is a cliche match part of a longer technical term of the shipped glossary ("giám sát hải quan" in
    "kiểm tra, giám sát hải quan", "vật liệu hạt nhân"), or a term the text defines, or a part of one ("Đổi
    mới sáng tạo là …" and every later use; "kiểm tra, giám sát" in a law that defines "giám sát hải quan"),
    or a run of two to `_TITLE_RUN` words of an article's title? Then the words are a term of art, not a
    figure of speech. `technical` is filled with the glossary's terms in each unit read."""
    parts = [" ".join(p.split()) for p in _fold(doc.text[start:end]).replace(" và ", ",").split(",")]
    if any(p and f" {p} " in own.terms for p in parts):
        return True
    whole = " ".join(_fold(doc.text[start:end]).replace(",", " ").split())
    if len(whole.split()) <= 2 and _qualifies_equipment(doc.text[max(unit.start, start - 80) : start]):
        return True  # "hệ thống thu gom nước thải đồng bộ": a quality of equipment, not a slogan
    if 2 <= len(whole.split()) <= _TITLE_RUN and f" {whole} " in own.titles:
        return True  # a cliche of two words or more inside an article's title
    terms = technical.get(unit.index)
    if terms is None:
        terms = technical[unit.index] = list(_technical_terms().find(doc, unit))
    return any(g.start < end and start < g.end and (g.start < start or g.end > end) for g in terms)


# Nouns of equipment, networks and works: a bare cliche qualifier after them ("đồng bộ", "hiện đại") names
# a technical quality ("thiết bị đồng bộ", "hạ tầng … đồng bộ"), which an editor keeps.
_EQUIPMENT = frozenset(
    fold(w)
    for w in (
        "hệ thống", "thiết bị", "trang thiết bị", "máy móc", "dây chuyền", "hạ tầng", "kết cấu hạ tầng",
        "công trình", "mạng lưới", "dữ liệu", "cơ sở dữ liệu", "phần mềm", "phương tiện", "đường ống",
    )
)
_CLAUSE_BREAK = re.compile(r"[.;:()\n]|\s(?:và|hoặc|nhưng|để|nhằm|phải|được)\s", re.IGNORECASE)


def _qualifies_equipment(before: str) -> bool:
    """Does the noun phrase right before a match (same clause part, no verb of its own) have a noun of
    equipment, a network or works among its first words ("hệ thống thu gom, xử lý nước thải …")?"""
    part = _CLAUSE_BREAK.split(before)[-1] if before else ""
    words = _fold(part).split()
    return any(" ".join(words[i : i + n]) in _EQUIPMENT for n in (1, 2, 3, 4) for i in range(len(words)))


_ARTICLE_TITLE = re.compile(r"(?i)\s*điều\s+\d+")
_TERM_WORDS = 12  # words of a defined term read (terms are short)
_TITLE_RUN = 12  # longest run of a title read (the longest shipped cliche has 10 words)


def _build_technical_terms() -> PhraseMatcher[str]:
    """The headwords and variants of the shipped glossary (`glossary.tsv`), the terms of art of the fields."""
    matcher: PhraseMatcher[str] = PhraseMatcher(())
    for row in rows(shipped_text("glossary.tsv"), "glossary.tsv"):
        for phrase in (row.get(0), *row.get(1).split("|")):
            if phrase.strip():
                matcher.add(fold(phrase.strip()), row.get(0))
    return matcher


@lru_cache(maxsize=1)
def _technical_terms() -> PhraseMatcher[str]:
    """`_build_technical_terms()`, kept in the cache folder (keyed by the bytes of `glossary.tsv`)."""

    def build() -> tuple[list[str], Any]:
        headwords: dict[str, int] = {}
        exported = _build_technical_terms().export(lambda term: headwords.setdefault(term, len(headwords)))
        return list(headwords), exported

    sig = disk_cache.signature(shipped_bytes("glossary.tsv"), *CODE)
    headwords, exported = disk_cache.cached("jargon-technical", CACHE_FORMAT, sig, build)
    return PhraseMatcher.restore(exported, headwords)


def analyze(ctx: Context) -> JargonSummary:
    """Find every jargon term, longest match first, and report it with its alternative."""
    doc = ctx.doc
    options: JargonOptions = ctx.options
    matcher = matcher_for(options.files)
    by_category: Counter[str] = Counter()
    words_by_category: Counter[str] = Counter()
    terms: Counter[Entry] = Counter()
    first_finding: dict[Entry, Finding | None] = {}
    with_jargon = 0
    loan_first: dict[str, Finding | None] = {}
    unit_words = [0] * len(doc.units)
    explained = explanations(doc)
    own: _OwnTerms | None = None  # the document's own terms and titles, read at the first cliche
    known: set[Entry] = set()  # terms explained in place: known to the reader from there on
    technical: dict[int, list[Match[str]]] = {}  # the glossary's terms of the units with a cliche
    unit_matches = phrase_pass.matches(ctx, "jargon")
    foreign = ctx.enabled("jargon.foreign")  # foreign words told by their spelling (`_loanwords`)
    off = switched_off(options.files) if foreign else frozenset()
    for unit, words_of_unit in zip(doc.units, doc.words, strict=True):
        found = False
        matched: list[tuple[int, int]] = []
        starts: list[int] | None = None
        ends: list[int] = []
        for m in unit_matches[unit.index]:
            e = m.value
            rule = f"jargon.{e.category}"
            if not ctx.enabled(rule) or doc.in_name(m.start, m.end):
                continue
            if e.category == "cliche":
                if own is None:
                    own = _own_terms(doc)
                if _in_technical_term(doc, unit, m.start, m.end, own, technical):
                    continue  # "hạt nhân phóng xạ", "kiểm tra, giám sát hải quan", the item that defines it
            if e.category in EXPLAINABLE and explained and (e in known or explained.covering(m.start, m.end)):
                known.add(e)  # "thời hiệu (khoảng thời gian …)": the reader is told what it means, here
                continue
            found = True
            matched.append((m.start, m.end))
            by_category[e.category] += 1
            if starts is None:
                starts, ends = words_of_unit.starts(), words_of_unit.ends()
            covered = max(1, bisect_left(starts, m.end) - bisect_right(ends, m.start))
            words_by_category[e.category] += covered
            unit_words[unit.index] += covered
            terms[e] += 1
            if e in first_finding:
                continue  # one finding per term, at its first use; the summary counts every use
            first_finding[e] = ctx.add(
                rule,
                m.start,
                m.end,
                suggestion=(
                    f"Thay bằng: {' / '.join(a.strip() for a in e.alternative.split('|'))}"
                    if e.alternative
                    else None
                ),
                data={"term": e.term, "category": e.category, "alternative": e.alternative},
                fixes=_fixes(ctx, m.start, m.end, e),
                term=doc.text[m.start : m.end],
                label=CATEGORIES[e.category][1],
                note=f" {e.note}" if e.note else "",
            )
        if foreign:
            found = (
                _loanwords(ctx, unit, matched, loan_first, by_category, words_by_category, unit_words, explained, off)
                or found
            )
        with_jargon += found
    for e, finding in first_finding.items():
        if finding is not None:
            finding.data["uses"] = terms[e]
    words = doc.word_count
    jargon_words = sum(words_by_category.values())
    n = max(len(doc.units), 1)
    per100 = 100.0 / words if words else 0.0
    summary = JargonSummary(
        density=round(jargon_words * per100, 3),
        matches=sum(by_category.values()),
        jargon_words=jargon_words,
        words=words,
        by_category=dict(sorted(by_category.items())),
        density_by_category={c: round(k * per100, 3) for c, k in sorted(words_by_category.items())},
        per_sentence=round(sum(by_category.values()) / n, 4),
        sentences_with_jargon_share=round(with_jargon / n, 4),
        top_terms=[
            TermCount(term=e.term, category=e.category, count=k, alternative=e.alternative)
            for e, k in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0].term))[:10]
        ],
        lexicon_size=matcher.size,
    )
    summary._unit_words = tuple(unit_words)
    return summary


def measures(summary: JargonSummary, words: int) -> dict[str, float]:
    """Clarity measure: jargon words per 100 words."""
    return {"jargon": summary.density} if summary.words else {}


ANALYZER = Analyzer(
    name="jargon",
    title="Từ ngữ khó, sáo rỗng",
    description="Formulaic, legal, vague, foreign, archaic and stiff wording, with plainer alternatives.",
    rules=RULES,
    summary=JargonSummary,
    run=analyze,
    options=JargonOptions,
    needs=frozenset({"words"}),
    measures=measures,
)
