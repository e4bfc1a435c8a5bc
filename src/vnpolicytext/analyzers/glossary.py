"""Analyzer 'glossary': legal terms the text uses, and whether anyone explains them to the reader.

Khoản 3 Điều 69 Nghị định 34/2016/NĐ-CP and Điều 18 Nghị quyết 351/2017/UBTVQH14: a technical term is
explained in the document that uses it. Terms come from three sources: the shipped glossary
(`data/glossary.tsv`, terms and variants, each with a plain explanation) plus the user's glossary files, the
document's own definitions (definitions articles and "(sau đây gọi là …)"), and the `legal` category of the
jargon lexicon. Each distinct term is `defined` (the document defines it), `glossary` (a glossary explains
it) or `undefined` (nobody does). docs/glossary.md describes the figures and the file format.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple

import regex
from pydantic import ConfigDict, Field

from .. import disk_cache
from ..clarity import undefined_per_1000_words
from ..definitions import Definition
from ..document import Document
from ..explained import Explanation, explanations
from ..lexicon import file_version, rows, shipped_bytes, shipped_text, user_text
from ..models import Finding, Model, Start
from ..phrases import PhraseMatcher, PhraseSet
from ..registry import SEVERITY_RANK, Analyzer, Rule
from ..vocab import SYLLABLE, fold
from . import jargon, phrase_pass
from .base import Context

# fold of the texts matched, kept: a document reads the same few terms again and again
_fold = lru_cache(maxsize=8192)(fold)

_SOURCE = "Khoản 3 Điều 69 Nghị định 34/2016/NĐ-CP; Điều 18 Nghị quyết 351/2017/UBTVQH14."
RULES = (
    Rule(
        "glossary.undefined_term",
        "warning",
        "A legal term that neither the text nor any glossary explains (Decree 34/2016/NĐ-CP, Art. 69(3)); "
        "reported at its first use. Info in the legal profile: a law's readers (drafters, officials, courts) "
        "share the standard legal vocabulary, so an unexplained term there is a note, not a defect.",
        "«{term}» là thuật ngữ chuyên môn nhưng văn bản không giải thích{basis}.",
        "Vụ việc đang trong giai đoạn tố tụng. → Vụ việc đang được tòa án giải quyết.",
        why="Thuật ngữ chuyên môn không được giải thích làm người đọc hiểu sai quyền và nghĩa vụ của mình.",
        source=_SOURCE,
        levels={"legal": "info"},
    ),
    Rule(
        "glossary.used_before_definition",
        "warning",
        "A term defined in passing ('(sau đây gọi là …)') but used before that place; reported at its first use. "
        "A definitions article covers the whole document.",
        "«{term}» được dùng trước khi văn bản giải thích nó (định nghĩa ở phần sau; vị trí trong data.term_start).",
        "Nộp tại Văn phòng xã. … Văn phòng đăng ký đất đai xã (sau đây gọi là Văn phòng xã) … → "
        "Nộp tại Văn phòng đăng ký đất đai xã (sau đây gọi là Văn phòng xã).",
        why="Người đọc gặp từ trước khi được giải thích thì phải đoán nghĩa.",
        source=_SOURCE,
    ),
    Rule(
        "glossary.defined_unused",
        "info",
        "A term the text defines but never uses anywhere else.",
        "«{term}» được định nghĩa nhưng không được dùng ở phần còn lại của văn bản.",
        "Điều 2. 1. Người giám hộ là … (never used again) → drop the definition.",
        why="Định nghĩa không dùng đến làm văn bản dài thêm và khiến người đọc tìm từ đó ở phần sau.",
    ),
    Rule(
        "glossary.explainable",
        "info",
        "Citizen and news profiles: the first use of a term the text does not define but the glossary "
        "explains; the suggestion is the glossary's plain explanation.",
        "«{term}» là thuật ngữ hành chính, pháp lý mà người đọc có thể chưa hiểu; nên giải thích ngắn gọn ngay "
        "tại đây.",
        "Hồ sơ cần có bản sao được chứng thực. → … được chứng thực (cơ quan có thẩm quyền xác nhận bản sao "
        "đúng với bản chính).",
        why="Một lời giải thích ngắn ngay chỗ dùng giúp người dân khỏi phải tra cứu văn bản khác.",
        source=_SOURCE,
    ),
)


class GlossaryOptions(Model):
    """Options of analyzer 'glossary'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    files: list[Path] = Field(
        default_factory=list, description="User glossaries (TSV: term, variants, explanation, source)."
    )


Status = Literal["defined", "glossary", "undefined"]
_EXPLAIN = "Giải thích thuật ngữ này ngay lần dùng đầu tiên hoặc trong điều giải thích từ ngữ."
_DIGIT = regex.compile(r"\d")


class GlossaryTerm(Model):
    """One distinct legal term of the text."""

    term: str = Field(
        description="The term: the document's own wording when it defines it, else the glossary's (or jargon "
        "lexicon's) headword."
    )
    status: Status = Field(
        description="'defined' (the document defines it), 'glossary' (not defined here, but the shipped or "
        "user glossary explains it) or 'undefined' (nobody explains it)."
    )
    count: int = Field(description="Uses in the text; the definition itself is not a use.")
    first_start: Start = Field(
        description="Offset in the caller's text of the first use (of the definition when never used)."
    )
    explanation: str | None = Field(
        description="The document's own definition when defined, else the glossary's plain explanation, "
        "else None."
    )
    source: str | None = Field(
        description="The instrument the glossary cites for the term (e.g. 'Luật Cư trú số 68/2020/QH14, "
        "Điều 2'), or None."
    )


class GlossarySummary(Model):
    """Legal terms used, and how many of them the document or a glossary explains."""

    terms_used: int = Field(
        description="Distinct legal terms the text uses (outside their own definition); "
        "= defined_in_document + covered_by_glossary + undefined."
    )
    defined_in_document: int = Field(description="Distinct used terms the document defines itself.")
    covered_by_glossary: int = Field(
        description="Distinct used terms not defined in the document but explained by the shipped or user "
        "glossary."
    )
    undefined: int = Field(description="Distinct used terms nobody explains (reported as undefined_term).")
    used_before_definition: int = Field(
        description="Distinct defined terms first used before their definition (reported)."
    )
    defined_unused: int = Field(description="Distinct terms the document defines but never uses (reported).")
    definitions: int = Field(
        description="Definitions the document gives itself (definitions articles and '(sau đây gọi là …)'; "
        "abbreviations excluded)."
    )
    coverage: float | None = Field(
        description="(defined_in_document + covered_by_glossary) / terms_used; None when no term is used."
    )
    document_coverage: float | None = Field(
        description="defined_in_document / terms_used; None when no term is used."
    )
    terms: list[GlossaryTerm] = Field(
        default_factory=list, description="Every term used or defined, in order of first use."
    )


# --------------------------------------------------------------------------------------------------------
# Glossary files


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One glossary line: a term, its other wordings, a plain explanation and the instrument behind it."""

    term: str
    variants: tuple[str, ...]
    explanation: str
    source: str | None


class TermInfo(NamedTuple):
    """What the analyzer knows about a lexicon term (glossary or jargon `legal`); a named tuple, quick to
    make for the lexicon read at start."""

    key: str  # fold(term)
    term: str
    explanation: str | None
    source: str | None
    alternative: str | None


def _read(text: str, source: str) -> tuple[GlossaryEntry, ...]:
    """Entries of a glossary file `term<TAB>variants<TAB>explanation<TAB>source` (variants split on '|')."""
    out = []
    for row in rows(text, source, min_columns=1):
        if not row.get(2):
            raise row.error(
                "expected 'term<TAB>variants<TAB>explanation[<TAB>source]' with a term and an explanation"
            )
        variants = tuple(v.strip() for v in row.get(1).split("|") if v.strip())
        out.append(GlossaryEntry(row.get(0), variants, row.get(2), row.get(3) or None))
    return tuple(out)


@lru_cache(maxsize=1)
def shipped_glossary() -> tuple[GlossaryEntry, ...]:
    """The glossary that ships with the library, loaded once."""
    return _read(shipped_text("glossary.tsv"), "glossary.tsv")


@lru_cache(maxsize=32)
def _user_glossary(version: tuple[str, float, int]) -> tuple[GlossaryEntry, ...]:
    path = Path(version[0])
    return _read(user_text(path, "glossary file"), str(path))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The terms in force for one configuration: one matcher, and every phrase key -> its term."""

    matcher: PhraseMatcher[TermInfo]
    by_phrase: dict[str, TermInfo]


CACHE_FORMAT = 1
"""Version of what the cache folder keeps of the shipped lexicon (`_shipped_lexicon`): bump it when the
layout of the cached values changes. The cache is also keyed by the code that derives it (this module and
`jargon.CODE`)."""


@lru_cache(maxsize=8)
def _lexicon(
    versions: tuple[tuple[str, float, int], ...], jargon_versions: tuple[tuple[str, float, int], ...]
) -> Lexicon:
    return _build_lexicon(versions, jargon_versions) if versions or jargon_versions else _shipped_lexicon()


def _shipped_lexicon() -> Lexicon:
    """The lexicon of the shipped files alone, kept in the cache folder (`disk_cache`, keyed by the bytes of
    `glossary.tsv` and `jargon.tsv`): assembling it folds some three thousand phrases. A configuration with
    user files builds its own lexicon in each process."""

    def build() -> tuple[list[tuple[Any, ...]], Any, dict[str, int]]:
        lexicon = _build_lexicon((), ())
        infos: dict[int, tuple[int, TermInfo]] = {}  # the distinct terms, by identity, numbered

        def number(info: TermInfo) -> int:
            return infos.setdefault(id(info), (len(infos), info))[0]

        by_phrase = {phrase: number(info) for phrase, info in lexicon.by_phrase.items()}
        exported = lexicon.matcher.export(number)
        return [tuple(info) for _, info in infos.values()], exported, by_phrase

    sig = disk_cache.signature(
        shipped_bytes("glossary.tsv"), shipped_bytes("jargon.tsv"), sys.modules[__name__], *jargon.CODE
    )
    fields, exported, by_phrase = disk_cache.cached("glossary", CACHE_FORMAT, sig, build)
    infos = list(map(TermInfo._make, fields))
    matcher = PhraseMatcher.restore(exported, infos)
    return Lexicon(matcher, {phrase: infos[k] for phrase, k in by_phrase.items()})


def _build_lexicon(
    versions: tuple[tuple[str, float, int], ...], jargon_versions: tuple[tuple[str, float, int], ...]
) -> Lexicon:
    """The lexicon of the shipped files and the user's (glossary files, jargon files)."""
    alternatives: dict[str, str | None] = {}
    infos: dict[str, TermInfo] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    for e in jargon.lexicon_entries(jargon_versions):
        # the jargon lexicon's `legal` terms, user files included (category `off` drops one)
        key = fold(e.term)
        if e.category == "legal":
            alternatives[key] = e.alternative
            infos[key] = TermInfo(key, e.term, None, None, e.alternative)
            phrases[key] = ()
        elif key in infos:
            del infos[key], phrases[key], alternatives[key]
    entries = list(shipped_glossary())
    for version in versions:
        entries.extend(_user_glossary(version))
    for g in entries:  # later entries (user files) override earlier ones; variants accumulate
        key = fold(g.term)
        infos[key] = TermInfo(key, g.term, g.explanation, g.source, alternatives.get(key))
        phrases[key] = tuple(dict.fromkeys((*phrases.get(key, ()), *(fold(v) for v in g.variants))))
    matcher: PhraseMatcher[TermInfo] = PhraseMatcher(())
    by_phrase: dict[str, TermInfo] = {}
    for key, info in infos.items():
        for phrase in (key, *phrases[key]):
            held = by_phrase.get(phrase)
            if phrase != key and held is not None and held.key == phrase and held.explanation is not None:
                continue  # a variant never hides another glossary entry's headword
            by_phrase[phrase] = info
            matcher.add(phrase, info)
    return Lexicon(matcher, by_phrase)


def lexicon_for(files: list[Path], jargon_files: list[Path]) -> Lexicon:
    """Shipped glossary, jargon `legal` terms and the user's files, built once per set of file versions."""
    versions = tuple(file_version(p) for p in files)
    for version in versions:
        _user_glossary(version)  # validates and names a missing or broken file
    jargon_versions = tuple(file_version(p) for p in jargon_files)
    for version in jargon_versions:
        jargon.user_lexicon(version)  # validates and names a missing or broken jargon file
    return _lexicon(versions, jargon_versions)


phrase_pass.share(
    "glossary", lambda options: lexicon_for(options["glossary"].files, options["jargon"].files).matcher
)


def _everyday(phrase: str) -> bool:
    """A single syllable ("thuế", "phí") is everyday language; longer terms were curated in the data."""
    return len(_fold(phrase).split()) <= 1


# --------------------------------------------------------------------------------------------------------
# Analysis


@dataclass(slots=True)
class _Term:
    key: str
    uses: list[tuple[int, int]]
    info: TermInfo | None
    definitions: list[Definition]


def _matchable(term: str) -> str | None:
    """The term as a space-separated syllable sequence, or None when punctuation splits it."""
    syllables = SYLLABLE.findall(term)
    if not syllables:
        return None
    rest = SYLLABLE.sub(" ", term)
    if rest.strip(" \t\"'“”‘’«»"):
        return None
    return _fold(" ".join(syllables))


_SORT_KEY = itemgetter(0, 1, 2)
_BASIS = " (khoản 3 Điều 69 Nghị định 34/2016/NĐ-CP)"


def _unit_of(doc: Document, pos: int) -> int:
    """Index of the unit holding working-copy position `pos` (-1 between units)."""
    i = bisect_right(doc.unit_starts, pos) - 1
    return i if i >= 0 and pos < doc.units[i].end else -1


def _one_finding_per_span(
    ctx: Context,
    jargon_findings: dict[tuple[int, int], Finding],
    superseded: set[int],
    rule: str,
    start: int,
    end: int,
    data: dict[str, Any],
    explanation: str | None,
) -> bool:
    """One finding per span: when jargon already flags exactly this span ("replace it") and the glossary
    would say "explain it", the reader gets one finding carrying both suggestions in its data — the
    glossary's when it is at least as severe (it names the legal duty to explain, and its suggestion is the
    jargon alternative when there is one), else the jargon finding. True when the jargon finding stays."""
    found = jargon_findings.get(ctx.doc.span_in_original(start, end))
    if found is None:
        return False
    if SEVERITY_RANK.get(ctx.level(rule), -1) >= SEVERITY_RANK[found.severity]:
        del jargon_findings[(found.start, found.end)]
        superseded.add(id(found))
        data["jargon"] = {"category": found.data.get("category"), "alternative": found.data.get("alternative")}
        return False
    found.data["glossary"] = {"status": data["status"], "explanation": explanation, "source": data["source"]}
    return True


def analyze(ctx: Context) -> GlossarySummary:
    """Find the legal terms of the text, decide who explains each, and report the gaps."""
    doc = ctx.doc
    options: GlossaryOptions = ctx.options
    jargon_options: jargon.JargonOptions = ctx.analyzer_options["jargon"]
    lex = lexicon_for(options.files, jargon_options.files)
    text = doc.text
    jargon_findings = {(f.start, f.end): f for f in ctx.findings if f.analyzer == "jargon"}
    superseded: set[int] = set()
    own = [d for d in doc.definitions if d.kind in ("article", "inline")]
    defined: dict[str, list[Definition]] = {}
    unmatchable: set[str] = set()
    for d in own:
        if _DIGIT.search(d.term):
            continue  # a form code or document number ("BM01/BNV"), not a term to explain
        key = _matchable(d.term)
        if key is None:
            key = _fold(d.term)
            unmatchable.add(key)
        defined.setdefault(key, []).append(d)
    doc_matches = None
    if defined:
        doc_matches = PhraseSet([PhraseMatcher((k, k) for k in defined if k not in unmatchable)]).matches(doc)[0]
    term_spans = sorted((d.term_start, d.term_end) for d in own)
    span_starts = [s for s, _ in term_spans]

    terms: dict[str, _Term] = {}
    in_headings: set[str] = set()  # a heading ("Điều 5. Phiếu hẹn") is a label: not a use, but not unused
    lexicon_matches = phrase_pass.matches(ctx, "glossary")
    for unit in doc.units:
        heading = unit.kind == "heading"
        # (start, start - end, kind, end, …): sorted on the first three (longest first, the document's own
        # term before the lexicon's on the same span)
        found: list[tuple[int, int, int, int, str, TermInfo | None]] = [
            (m.start, m.start - m.end, 1, m.end, "", m.value) for m in lexicon_matches[unit.index]
        ]
        if doc_matches is not None:
            found += [(dm.start, dm.start - dm.end, 0, dm.end, dm.value, None) for dm in doc_matches[unit.index]]
        if not found:
            continue
        found.sort(key=_SORT_KEY)
        last_end = -1
        for start, _, _, end, doc_key, info in found:
            if start < last_end:
                continue
            last_end = end
            if doc.in_name(start, end):
                continue  # "Luật Hộ tịch", "Cục Lãnh sự": a name, not a use of the term
            if info is None:
                key = doc_key
                info = lex.by_phrase.get(key)
            else:
                surface = _fold(text[start:end])
                key = surface if surface in defined else info.key
            i = bisect_right(span_starts, start) - 1
            if i >= 0 and term_spans[i][0] <= start < term_spans[i][1]:
                continue  # inside a defined term: the definition, not a use
            if i + 1 < len(term_spans) and term_spans[i + 1][0] < end:
                continue
            if key in defined and any(d.definition_start <= start < d.definition_end for d in defined[key]):
                continue  # the term inside its own definition ("Ủy ban … (sau đây gọi là Ủy ban)")
            if heading:
                in_headings.add(key)
                continue
            t = terms.get(key)
            if t is None:
                terms[key] = t = _Term(key, [], info, defined.get(key, []))
            t.uses.append((start, end))
    for key, defs in defined.items():
        if key not in terms:
            terms[key] = _Term(key, [], lex.by_phrase.get(key), defs)

    items: list[tuple[int, GlossaryTerm]] = []
    counts = {"defined": 0, "glossary": 0, "undefined": 0, "before": 0, "unused": 0}
    citizen = ctx.profile != "legal"
    explained = explanations(doc)
    for key, t in terms.items():
        info = t.info
        source = info.source if info is not None else None
        first_def = min(t.definitions, key=lambda d: d.term_start) if t.definitions else None
        # The first use explained in place, there or in the next sentence ("thời hiệu (khoảng thời gian …)",
        # "X là …", "Nghĩa là …"): the document explains the term where the reader meets it.
        in_place: Explanation | None = None
        if first_def is None and explained and t.uses:
            near = _unit_of(doc, t.uses[0][0]) + 1
            in_place = next(
                (x for s, e in t.uses if (x := explained.covering(s, e)) is not None and x.unit <= near), None
            )
        if first_def is not None:
            status: Status = "defined"
            term = doc.original[slice(*doc.span_in_original(first_def.term_start, first_def.term_end))]
            ds, de = doc.span_in_original(first_def.definition_start, first_def.definition_end)
            explanation: str | None = doc.original[ds:de]
        elif in_place is not None:
            status, term = "defined", info.term if info else key
            explanation = doc.original[slice(*doc.span_in_original(in_place.gloss_start, in_place.gloss_end))]
        elif info is not None and info.explanation is not None:
            status, term, explanation = "glossary", info.term, info.explanation
        else:
            status, term, explanation = "undefined", info.term if info else key, None
        data: dict[str, Any] = {"term": term, "status": status, "source": source}
        places: dict[str, int] = {}
        if first_def is not None:
            places = {
                "definition_start": first_def.definition_start,
                "definition_end": first_def.definition_end,
                "term_start": first_def.term_start,
                "term_end": first_def.term_end,
            }
        elif in_place is not None:
            places = {
                "definition_start": in_place.gloss_start,
                "definition_end": in_place.gloss_end,
                "term_start": in_place.start,
                "term_end": in_place.end,
            }
        if t.uses:
            counts[status] += 1
            s0, e0 = t.uses[0]
            if first_def is not None:
                # A definitions article explains its terms for the whole document (laws define terms in
                # Điều 2-4 and use them from Điều 1); only a definition given in passing comes too late.
                same_unit = _unit_of(doc, s0) == _unit_of(doc, first_def.term_start)
                if s0 < first_def.term_start and first_def.kind != "article" and not same_unit:
                    counts["before"] += 1
                    ctx.add(
                        "glossary.used_before_definition",
                        s0,
                        e0,
                        suggestion="Đưa định nghĩa lên trước lần dùng đầu tiên, hoặc giải thích thuật ngữ ngay tại đây.",
                        data=data,
                        offsets=places,
                        term=text[s0:e0],
                    )
            elif in_place is not None:
                pass  # explained where it is first used: nothing to report
            elif status == "undefined":
                alternative = info.alternative if info is not None else None
                suggestion = (
                    " / ".join(a.strip() for a in alternative.split("|") if a.strip())
                    if alternative
                    else None
                )
                if not _one_finding_per_span(ctx, jargon_findings, superseded, "glossary.undefined_term", s0, e0, data, None):
                    ctx.add(
                        "glossary.undefined_term",
                        s0,
                        e0,
                        suggestion=suggestion or _EXPLAIN,
                        data=data,
                        term=text[s0:e0],
                        basis=_BASIS if ctx.profile == "legal" else "",
                    )
            elif (
                citizen
                and not _everyday(term)
                and not _everyday(text[s0:e0])
                and not _one_finding_per_span(ctx, jargon_findings, superseded, "glossary.explainable", s0, e0, data, explanation)
            ):
                ctx.add("glossary.explainable", s0, e0, suggestion=explanation, data=data, term=text[s0:e0])
            first = s0
        else:
            assert first_def is not None
            first = first_def.term_start
            if key not in unmatchable and key not in in_headings:
                counts["unused"] += 1
                ctx.add(
                    "glossary.defined_unused",
                    first_def.term_start,
                    first_def.term_end,
                    suggestion="Bỏ định nghĩa không dùng đến, hoặc dùng đúng thuật ngữ đã định nghĩa ở các phần sau.",
                    data=data,
                    offsets=places,
                    term=term,
                )
        items.append(
            (
                first,
                GlossaryTerm(
                    term=term,
                    status=status,
                    count=len(t.uses),
                    first_start=doc.offset_in_original(first),
                    explanation=explanation,
                    source=source,
                ),
            )
        )
    if superseded:  # jargon findings replaced by the glossary's (one finding per span), dropped in one pass
        ctx.findings[:] = [f for f in ctx.findings if id(f) not in superseded]
    items.sort(key=lambda it: it[0])
    used = counts["defined"] + counts["glossary"] + counts["undefined"]
    return GlossarySummary(
        terms_used=used,
        defined_in_document=counts["defined"],
        covered_by_glossary=counts["glossary"],
        undefined=counts["undefined"],
        used_before_definition=counts["before"],
        defined_unused=counts["unused"],
        definitions=len(own),
        coverage=round((counts["defined"] + counts["glossary"]) / used, 4) if used else None,
        document_coverage=round(counts["defined"] / used, 4) if used else None,
        terms=[g for _, g in items],
    )


def measures(summary: GlossarySummary, words: int) -> dict[str, float]:
    """Clarity measure: terms nobody explains, per 1,000 words."""
    return undefined_per_1000_words(summary.undefined, summary.used_before_definition, words)


ANALYZER = Analyzer(
    name="glossary",
    title="Giải thích thuật ngữ",
    description="Legal terms the text uses, and whether anyone explains them to the reader.",
    rules=RULES,
    summary=GlossarySummary,
    run=analyze,
    options=GlossaryOptions,
    needs=frozenset({"words", "definitions"}),
    measures=measures,
)
