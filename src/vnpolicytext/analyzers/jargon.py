"""Analyzer 'jargon': formulaic, legal, vague, foreign, archaic and stiff wording, with plainer alternatives.

The lexicon is the data file `data/jargon.tsv` (term, category, alternative, note), curated by hand from
corpus keyness and general-language frequency (docs/jargon-lexicon.md). Users add, override or disable
entries with their own files of the same format (`Config.jargon_files`; category `off` disables a term).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field

from ..config import Config
from ..document import Document
from ..errors import ConfigError
from ..models import Model, Severity
from ..phrases import PhraseMatcher
from .base import Findings, Rule

NAME = "jargon"
CATEGORIES: dict[str, tuple[Severity, str, str]] = {
    "cliche": ("warning", "cụm từ sáo rỗng, công thức", "Formulaic political or administrative phrase."),
    "legal": ("warning", "thuật ngữ pháp lý khó hiểu", "Legal or technical Sino-Vietnamese term a citizen may not know."),
    "vague": ("info", "từ mơ hồ, không đo được", "Vague word that promises nothing measurable."),
    "foreign": ("warning", "từ nước ngoài", "Foreign word where Vietnamese has one."),
    "archaic": ("warning", "từ cổ, ít dùng", "Old or rare Sino-Vietnamese word with an everyday equivalent."),
    "formal": ("info", "cách nói nặng nề, trang trọng", "Stiff bureaucratic wording with a plain equivalent."),
}
EXAMPLES = {
    "cliche": "Quán triệt và triển khai thực hiện đồng bộ … → Làm ngay và làm giống nhau ở mọi nơi …",
    "legal": "Người vi phạm bị truy cứu trách nhiệm hình sự. → Người vi phạm bị đưa ra xét xử.",
    "vague": "Giải quyết kịp thời. → Giải quyết trong 5 ngày làm việc.",
    "foreign": "Gọi hotline của phường. → Gọi đường dây nóng của phường.",
    "archaic": "Nhằm bảo đảm quyền lợi … → Để bảo đảm quyền lợi …",
    "formal": "Tiến hành kiểm tra hồ sơ. → Kiểm tra hồ sơ.",
}
RULES = tuple(Rule(f"jargon.{c}", sev, desc, EXAMPLES[c]) for c, (sev, _, desc) in CATEGORIES.items())


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry."""

    term: str
    category: str
    alternative: str | None
    note: str


class TermCount(Model):
    """A jargon term and how often the text uses it."""

    term: str = Field(description="The lexicon term.")
    category: str = Field(description="Its category.")
    count: int = Field(description="Occurrences in the text.")
    alternative: str | None = Field(description="Plainer alternative, if the lexicon has one.")


class JargonSummary(Model):
    """How much jargon the text carries."""

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


def parse_lexicon(lines: list[str], source: str) -> list[Entry]:
    """Parse TSV lines `term<TAB>category<TAB>alternative<TAB>note`; category `off` disables a term."""
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or not cols[0].strip():
            raise ConfigError(f"{source}:{n}: expected 'term<TAB>category[<TAB>alternative<TAB>note]'")
        category = cols[1].strip()
        if category not in CATEGORIES and category != "off":
            raise ConfigError(f"{source}:{n}: unknown jargon category {category!r}")
        alternative = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        out.append(Entry(cols[0].strip(), category, alternative, cols[3].strip() if len(cols) > 3 else ""))
    return out


@lru_cache(maxsize=1)
def shipped_lexicon() -> tuple[Entry, ...]:
    """The lexicon that ships with the library, loaded once."""
    text = resources.files("vnpolicytext.data").joinpath("jargon.tsv").read_text(encoding="utf-8")
    return tuple(parse_lexicon(text.splitlines(), "jargon.tsv"))


@lru_cache(maxsize=32)
def _user_lexicon(path: str, mtime: float) -> tuple[Entry, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read jargon file {path}: {exc}") from None
    return tuple(parse_lexicon(text.splitlines(), path))


def _load_user(path: Path) -> tuple[Entry, ...]:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise ConfigError(f"jargon file not found: {path}") from None
    return _user_lexicon(str(path), mtime)


@lru_cache(maxsize=8)
def _matcher(files: tuple[tuple[str, float], ...]) -> PhraseMatcher[Entry]:
    matcher: PhraseMatcher[Entry] = PhraseMatcher((e.term, e) for e in shipped_lexicon())
    for path, mtime in files:
        for e in _user_lexicon(path, mtime):
            if e.category == "off":
                matcher.remove(e.term)
            else:
                matcher.add(e.term, e)
    return matcher


def matcher_for(config: Config) -> PhraseMatcher[Entry]:
    """The shipped lexicon plus the user's files, built once per set of files."""
    for p in config.jargon_files:
        _load_user(p)  # validates and names a missing or broken file
    files = tuple((str(p), p.stat().st_mtime) for p in config.jargon_files)
    return _matcher(files)


def analyze(doc: Document, config: Config, out: Findings) -> JargonSummary:
    """Find every jargon term, longest match first, and report it with its alternative."""
    matcher = matcher_for(config)
    by_category: Counter[str] = Counter()
    words_by_category: Counter[str] = Counter()
    terms: Counter[Entry] = Counter()
    with_jargon = 0
    for unit in doc.units:
        found = False
        starts: list[int] | None = None
        ends: list[int] = []
        for m in matcher.find(unit, doc.text):
            e = m.value
            rule = f"jargon.{e.category}"
            if not out.enabled(rule):
                continue
            found = True
            by_category[e.category] += 1
            if starts is None:
                starts, ends = [w.start for w in unit.words], [w.end for w in unit.words]
            covered = max(1, bisect_left(starts, m.end) - bisect_right(ends, m.start))
            words_by_category[e.category] += covered
            terms[e] += 1
            label = CATEGORIES[e.category][1]
            note = f" {e.note}" if e.note else ""
            out.add(
                rule,
                m.start,
                m.end,
                f"«{doc.text[m.start : m.end]}»: {label}.{note}",
                f"Thay bằng: {' / '.join(a.strip() for a in e.alternative.split('|'))}" if e.alternative else None,
                {"term": e.term, "category": e.category, "alternative": e.alternative},
            )
        with_jargon += found
    words = sum(u.word_count for u in doc.units)
    jargon_words = sum(words_by_category.values())
    n = max(len(doc.units), 1)
    per100 = 100.0 / words if words else 0.0
    return JargonSummary(
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
