"""Analyzer 'readability': the clarity score and its level, per document, section and reading unit; and the
Luong, Nguyen & Dinh (2018) formula as a research measure.

    R = 0.004·(C/S) + 0.1905·(C/W) + 2.7147·(D/Y) − 0.7295

C letters and digits, S sentences, W segmented words, Y syllables, D difficult syllables (outside the list of
common syllables). The original list of common syllables cannot be shipped; ours is the 1,000 most frequent
Vietnamese syllables of wordfreq (docs/method.md says how that differs). The analyzer runs last and combines
the measures every other analyzer declared into the clarity score (`vnpolicytext.clarity`) and its level;
each reading unit (`vnpolicytext.provisions`) and each section gets its own score from the same measures
counted on its own text (the findings inside it), so an editor sees where the text is hard.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from pydantic import Field

from .. import normalize, vocab
from ..clarity import ClarityBarrier, ClarityComponent, assess, describe_level
from ..disk_cache import cached, signature
from ..document import Document
from ..models import End, Finding, Model, Start
from ..provisions import ReadingUnit, document_reading_units, document_sections
from ..registry import Analyzer
from ..vocab import fold
from .base import Context
from .jargon import JargonSummary

# Findings that count as a term or abbreviation nobody explains (the 'undefined' measure).
UNDEFINED_RULES = frozenset(
    {
        "abbreviation.undefined",
        "abbreviation.used_before_definition",
        "glossary.undefined_term",
        "glossary.used_before_definition",
    }
)


class ClarityPart(Model):
    """The clarity of one reading unit (a sentence, or a provision with its items) or one section."""

    kind: Literal["reading_unit", "section"] = Field(description="reading_unit or section.")
    first_unit: int = Field(description="Index in report.sentences of its first unit.")
    last_unit: int = Field(description="Index in report.sentences of its last unit (inclusive).")
    start: Start = Field(description="Start offset into the caller's text.")
    end: End = Field(description="End offset into the caller's text.")
    syllables: int = Field(description="Syllables of the part.")
    words: int = Field(description="Words of the part.")
    clarity_score: float = Field(
        description="0-100, from the part's own measures (same scales and ceilings)."
    )
    level: str = Field(description="Level in Vietnamese: dễ đọc, trung bình, khó, rất khó.")
    level_id: str = Field(description="easy, medium, hard, very_hard.")
    capped_by: str | None = Field(description="The barrier whose ceiling set the score, if one did.")


_PART_FIELDS = set(ClarityPart.model_fields)  # every part gets them all

COMMON_SYLLABLES = 1000


class ReadabilitySummary(Model):
    """Readability figures, each with the components it is made of."""

    luong_nguyen_dinh: float | None = Field(
        description="Research measure: the Luong, Nguyen & Dinh (2018) formula, fitted on literature; higher "
        "is harder. Reported for comparison only; the level does not come from it."
    )
    level: str | None = Field(
        default=None,
        description="Level from the clarity score, in Vietnamese: dễ đọc, trung bình, khó, rất khó.",
    )
    level_id: str | None = Field(default=None, description="Level id: easy, medium, hard, very_hard.")
    level_description: str | None = Field(
        default=None, description="What the level means for a citizen reader, in Vietnamese."
    )
    characters: int = Field(description="C: letters and digits.")
    sentences: int = Field(description="S: sentences (all units).")
    words: int = Field(description="W: segmented words.")
    syllables: int = Field(description="Y: syllables containing a letter.")
    difficult_syllables: int = Field(description="D: syllables outside the common-syllable list.")
    difficult_share: float | None = Field(description="D/Y.")
    cross_references: int = Field(
        description="References the reader must look up elsewhere (khoản 2 Điều 5, điểm a, số 15/2020/NĐ-CP)."
    )
    cross_references_per_100_words: float = Field(description="Cross-references per 100 words.")
    clarity_score: float | None = Field(
        default=None, description="0-100, higher is clearer; combines the components below."
    )
    clarity_components: dict[str, ClarityComponent] = Field(
        default_factory=dict, description="Components of the clarity score by name."
    )
    weighted_score: float | None = Field(
        default=None, description="Weighted mean of the barriers, before any barrier's ceiling."
    )
    capped_by: str | None = Field(
        default=None, description="The barrier whose ceiling holds the score below the weighted mean, if any."
    )
    barriers: dict[str, ClarityBarrier] = Field(
        default_factory=dict,
        description="The four barriers (length, vocabulary, references, actors) the score is built from.",
    )
    hard_share: float | None = Field(
        default=None, description="Share of the syllables in reading units rated khó or rất khó."
    )
    parts: list[ClarityPart] = Field(
        default_factory=list,
        description="Clarity of every reading unit, then of every section (split at headings and at "
        "Chương/Mục/Điều labels), in text order within each kind.",
    )


def _wordfreq_version() -> str:
    """wordfreq's installed version ("unknown" without it): read from the name of the one `.dist-info` folder
    beside the package when there is one, as `importlib.metadata.version` would give it without parsing the
    metadata (3-4 ms of a cold start); from `importlib.metadata` otherwise (an editable or zipped install)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin is not None:
        site = os.path.dirname(os.path.dirname(spec.origin))
        try:
            found = [n for n in os.listdir(site) if n.startswith("wordfreq-") and n.endswith(".dist-info")]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0].removeprefix("wordfreq-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    """The 1,000 most frequent Vietnamese syllables of wordfreq, folded for matching.

    wordfreq stays the source (its data licence is respected by not copying the list into the repository);
    the folded list is kept in the cache folder (`disk_cache`), keyed by wordfreq's version and the folding
    code, so that a cold start does not import wordfreq (a third of a second)."""

    def build() -> list[str]:
        from wordfreq import top_n_list

        return [fold(w) for w in top_n_list("vi", COMMON_SYLLABLES)]

    sig = signature(_wordfreq_version(), vocab, normalize)
    words = cached("common-syllables", COMMON_SYLLABLES, sig, build)
    if not isinstance(words, list) or len(words) != COMMON_SYLLABLES:  # not what this code writes
        words = cached("common-syllables", COMMON_SYLLABLES, sig, build, fresh=True)
    return frozenset(words)


def luong_nguyen_dinh(characters: int, sentences: int, words: int, difficult: int, syllables: int) -> float:
    """The published formula; raises ValueError on a zero count."""
    if min(sentences, words, syllables) <= 0:
        raise ValueError("the formula needs at least one sentence, word and syllable")
    return (
        0.004 * (characters / sentences)
        + 0.1905 * (characters / words)
        + 2.7147 * (difficult / syllables)
        - 0.7295
    )


def analyze(ctx: Context) -> ReadabilitySummary | None:
    """Count C, S, W, Y, D, apply the formula, and combine every analyzer's measures into the clarity score.

    Runs last: the measures of the analyzers before it are in `ctx.measures`. None when the text cannot be
    scored (empty, or an input problem found by analyzer 'text')."""
    text_summary = ctx.summaries.get("text")
    if text_summary is None or not getattr(text_summary, "scorable", False):
        return None
    doc = ctx.doc
    common = common_syllables()
    syl = _syllable_counts(doc, common)
    syllables_count, difficult = sum(syl.letters), sum(syl.difficult)
    words = doc.word_count
    sentences = len(doc.units)
    references = len(doc.cross_references)
    value: float | None = None
    if sentences and words and syllables_count:
        value = round(luong_nguyen_dinh(doc.letters_digits, sentences, words, difficult, syllables_count), 4)
    difficult_share = round(difficult / syllables_count, 4) if syllables_count else None
    per_100 = round(100 * references / words, 3) if words else 0.0
    measures = dict(ctx.measures)
    if difficult_share is not None:
        if sum(syl.vocabulary):
            measures["difficult_syllables"] = sum(syl.vocabulary_difficult) / sum(syl.vocabulary)
        if words:
            measures["cross_references"] = per_100
    result = assess(measures)
    level_id, level = result.level if result is not None else (None, None)
    jargon_summary = ctx.summaries.get("jargon")
    jargon_units = jargon_summary.unit_words() if isinstance(jargon_summary, JargonSummary) else ()
    parts = _parts(doc, ctx.findings, set(measures), syl, jargon_units) if result is not None else []
    units = [p for p in parts if p.kind == "reading_unit"]
    total = sum(p.syllables for p in units)
    hard = sum(p.syllables for p in units if p.level_id in ("hard", "very_hard"))
    return ReadabilitySummary(
        luong_nguyen_dinh=value,
        level=level,
        level_id=level_id,
        level_description=describe_level(level_id) if level_id else None,
        characters=doc.letters_digits,
        sentences=sentences,
        words=words,
        syllables=syllables_count,
        difficult_syllables=difficult,
        difficult_share=difficult_share,
        cross_references=references,
        cross_references_per_100_words=per_100,
        clarity_score=result.score if result else None,
        clarity_components=result.components if result else {},
        weighted_score=result.weighted if result else None,
        capped_by=result.capped_by if result else None,
        barriers=result.barriers if result else {},
        hard_share=round(hard / total, 4) if total else None,
        parts=parts,
    )


@dataclass(slots=True)
class _Syllables:
    """Per unit: syllables with a letter (Y of the formula) and those outside the common list (D); and the
    same counted on the vocabulary only (words in lower case, outside names: the clarity measure)."""

    letters: list[int]
    difficult: list[int]
    vocabulary: list[int]
    vocabulary_difficult: list[int]


# What `_syllable_counts` needs of a syllable, decided once per distinct syllable: a digit run, or whether it
# is outside the common list (hard) and what its first character is (a letter not in capitals, a capital,
# something else).
_DIGITS, _EASY_LOWER, _EASY_UPPER, _EASY_OTHER, _HARD_LOWER, _HARD_UPPER, _HARD_OTHER = range(7)
_LOWER_KINDS = (_EASY_LOWER, _HARD_LOWER)
_UPPER_KINDS = (_EASY_UPPER, _HARD_UPPER)


@lru_cache(maxsize=1)
def _kinds(common: frozenset[str]) -> dict[str, int]:
    """The kinds of the syllables seen so far, in any document (for this list of common syllables)."""
    return {}


def _syllable_kind(text: str, common: frozenset[str]) -> int:
    if text.isdigit():
        return _DIGITS
    first = text[0]
    kind = (_EASY_UPPER if first.isupper() else _EASY_LOWER) if first.isalpha() else _EASY_OTHER
    return kind + 3 if text.lower() not in common else kind


def _syllable_counts(doc: Document, common: frozenset[str]) -> _Syllables:
    """Count, per unit, the syllables of the formula and those of the vocabulary measure.

    A name ("Cầu Giấy", "Bộ Tài chính", a quoted title) and a word in capitals (an abbreviation, a proper
    noun) are not vocabulary a reader has to know: the clarity measure leaves them out; the formula's D/Y
    keeps every syllable, as published. Digit runs count in neither. The vocabulary starts after the unit's
    label, and its first syllable (digits aside) opens the sentence: its capital is no name.

    Each distinct syllable's kind is decided once (`_syllable_kind`) and a unit's figures are counts of
    kinds (`list.count`); a name is looked up only in a unit some name overlaps, between its names, for
    the syllables that would count otherwise (the same answers as testing every syllable in turn)."""
    out = _Syllables([], [], [], [])
    kind_of = _kinds(common)
    if len(kind_of) > 100_000:
        kind_of.clear()
    get = kind_of.get
    # Per unit some name overlaps, where its first name starts and where its names end: `doc.in_name` is
    # false outside that stretch (a unit's names lie inside it, sorted by start), so it is asked only there.
    name_bounds: dict[int, tuple[int, int]] = {}
    for name in doc.names:
        first, last = name_bounds.get(name.unit, (name.start, name.end))
        name_bounds[name.unit] = (first, max(last, name.end))
    for u in doc.units:
        texts = u.syllables.texts()
        kinds = [get(t, -1) for t in texts]
        if -1 in kinds:
            for i, k in enumerate(kinds):
                if k < 0:
                    kinds[i] = kind_of[texts[i]] = _syllable_kind(texts[i], common)
        out.letters.append(len(kinds) - kinds.count(_DIGITS))
        out.difficult.append(kinds.count(_HARD_LOWER) + kinds.count(_HARD_UPPER) + kinds.count(_HARD_OTHER))
        skip = bisect_left(u.syllables.starts(), u.label_end) if u.label_end > u.start else 0
        body = kinds[skip:] if skip else kinds  # the syllables after the label
        vocabulary_difficult = body.count(_HARD_LOWER)
        vocabulary = body.count(_EASY_LOWER) + vocabulary_difficult
        opening = next((i for i, k in enumerate(body) if k != _DIGITS), -1)
        if opening >= 0 and body[opening] in _UPPER_KINDS:
            vocabulary += 1  # the capital that opens the sentence
            vocabulary_difficult += body[opening] == _HARD_UPPER
        if u.index in name_bounds and kinds:
            starts, ends = u.syllables.starts(), u.syllables.ends()
            first, last = name_bounds[u.index]
            lo, hi = max(bisect_right(ends, first), skip), bisect_left(starts, last)
            for i in range(lo - skip, hi - skip):  # the syllables from the first name to the last one's end
                k = body[i]
                if (k in _LOWER_KINDS or (i == opening and k in _UPPER_KINDS)) and doc.in_name(
                    starts[skip + i], ends[skip + i]
                ):
                    vocabulary -= 1  # counted above, but inside a name
                    vocabulary_difficult -= k >= _HARD_LOWER
        out.vocabulary.append(vocabulary)
        out.vocabulary_difficult.append(vocabulary_difficult)
    return out


@dataclass(slots=True)
class _Counts:
    """What the measures count, as running totals over the document's units: `x[i]` is the count in units
    [0, i), so a part's count is one subtraction (`_over`: the same integer as summing its units)."""

    syllables: list[int]
    words: list[int]
    vocabulary: list[int]  # syllables of words in lower case outside names (the clarity measure)
    vocabulary_difficult: list[int]
    jargon: list[int]
    undefined: list[int]
    passive: list[int]
    references: list[int]
    spans: list[tuple[int, int]]  # each unit's span in the caller's text


def _over(totals: list[int], first: int, last: int) -> int:
    """The count in units first..last (inclusive) from running totals."""
    return totals[last + 1] - totals[first]


def _unit_counts(
    doc: Document, findings: Sequence[Finding], syl: _Syllables, jargon_units: Sequence[int]
) -> _Counts:
    """Count, per unit, the syllables, words and what every measure counts: jargon words as the jargon
    analyzer counted them (every use, not only the reported first ones), the rest from the findings."""
    n = len(doc.units)
    spans = [doc.span_in_original(u.start, u.end) for u in doc.units]
    starts = [s for s, _ in spans]
    jargon, undefined, passive, references = [0] * n, [0] * n, [0] * n, [0] * n
    if jargon_units:
        jargon = list(jargon_units)
    for f in findings:
        i = bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        if f.rule in UNDEFINED_RULES and not f.data.get("widely_known"):
            undefined[i] += 1  # an abbreviation most adults know is reported, not counted
        elif f.rule == "passive.short":
            passive[i] += 1
    for ref in doc.cross_references:
        references[ref.unit] += 1
    return _Counts(
        syllables=list(accumulate((len(u.syllables) for u in doc.units), initial=0)),
        words=list(accumulate(doc.word_counts, initial=0)),
        vocabulary=list(accumulate(syl.vocabulary, initial=0)),
        vocabulary_difficult=list(accumulate(syl.vocabulary_difficult, initial=0)),
        jargon=list(accumulate(jargon, initial=0)),
        undefined=list(accumulate(undefined, initial=0)),
        passive=list(accumulate(passive, initial=0)),
        references=list(accumulate(references, initial=0)),
        spans=spans,
    )


def _measures(
    c: _Counts, first: int, last: int, reading: Sequence[ReadingUnit], present: set[str]
) -> dict[str, float]:
    """The document's measures counted on units first..last (the same definitions as the whole text's)."""
    words = _over(c.words, first, last)
    vocabulary = _over(c.vocabulary, first, last)
    lengths = [r.syllables for r in reading]
    out: dict[str, float] = {}
    if lengths and sum(lengths):
        out["sentence_length"] = sum(lengths) / len(lengths)
        out["sentence_length_weighted"] = sum(n * n for n in lengths) / sum(lengths)
    if words:
        out["jargon"] = 100 * _over(c.jargon, first, last) / words
        out["undefined"] = 1000 * _over(c.undefined, first, last) / words
        out["cross_references"] = 100 * _over(c.references, first, last) / words
    if vocabulary:
        out["difficult_syllables"] = _over(c.vocabulary_difficult, first, last) / vocabulary
    out["passive"] = _over(c.passive, first, last) / (last + 1 - first)
    return {k: v for k, v in out.items() if k in present}


def _parts(
    doc: Document,
    findings: Sequence[Finding],
    present: set[str],
    syl: _Syllables,
    jargon_units: Sequence[int],
) -> list[ClarityPart]:
    """Every reading unit's and every section's clarity (a part without words has none)."""
    counts = _unit_counts(doc, findings, syl, jargon_units)
    reading = document_reading_units(doc)
    out: list[ClarityPart] = []

    def add(
        kind: Literal["reading_unit", "section"], first: int, last: int, rs: Sequence[ReadingUnit]
    ) -> None:
        words = _over(counts.words, first, last)
        if not words:
            return
        result = assess(_measures(counts, first, last, rs, present), details=False)  # score, capping barrier
        if result is None:
            return
        level_id, level = result.level
        out.append(  # every value typed: built as validation would (a float score, ints, str)
            ClarityPart.trusted(
                _PART_FIELDS,
                {
                    "kind": kind,
                    "first_unit": first,
                    "last_unit": last,
                    "start": counts.spans[first][0],
                    "end": counts.spans[last][1],
                    "syllables": _over(counts.syllables, first, last),
                    "words": words,
                    "clarity_score": result.score,
                    "level": level,
                    "level_id": level_id,
                    "capped_by": result.capped_by,
                },
            )
        )

    for r in reading:
        add("reading_unit", r.first, r.last, [r])
    firsts = [r.first for r in reading]  # in order: a section's reading units are one slice of them
    for sec in document_sections(doc):
        add(
            "section",
            sec.first,
            sec.last,
            reading[bisect_left(firsts, sec.first) : bisect_right(firsts, sec.last)],
        )
    return out


ANALYZER = Analyzer(
    name="readability",
    title="Độ khó và điểm rõ ràng",
    description="The Luong-Nguyen-Dinh formula, the clarity score built from every analyzer's measures, "
    "and the level.",
    rules=(),
    summary=ReadabilitySummary,
    run=analyze,
    needs=frozenset({"words"}),
    report_note="None when disabled or the text cannot be scored",
)
