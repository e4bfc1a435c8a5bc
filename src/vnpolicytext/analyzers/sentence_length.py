"""Analyzer 'sentence_length': how long the sentences are, in syllables (tiếng) and in words, and which to split.

Limits are set in syllables because syllables do not depend on the word segmenter; the profiles' values are
calibrated in docs/method.md. Headings and list items are measured but judged by looser limits of their own.
"""

from __future__ import annotations

from bisect import bisect_left
from math import fsum
from typing import Any

import regex
from pydantic import ConfigDict, Field, model_validator

from ..document import Document, Unit
from ..models import End, Fix, Model, Start
from ..passive_rules import tag_words_many
from ..provisions import ReadingUnit, document_reading_units
from ..registry import Analyzer, Rule
from ..split_rewrite import SplitSite, site_words, split_site, tagged_split_fix
from .base import Context

RULES = (
    Rule(
        "sentence_length.long",
        "warning",
        "A sentence longer than the profile's 'long' limit (syllables).",
        "{what} dài {syllables} tiếng, vượt ngưỡng {limit} tiếng của hồ sơ '{profile}'.",
        "Người dân có nhu cầu đăng ký thường trú nộp hồ sơ tại bộ phận một cửa của phường, kèm theo giấy tờ "
        "chứng minh chỗ ở hợp pháp và ý kiến đồng ý của chủ hộ, trong giờ hành chính các ngày làm việc. "
        "(45 tiếng) → Người muốn đăng ký thường trú nộp hồ sơ tại bộ phận một cửa của phường. Hồ sơ gồm giấy "
        "tờ chứng minh chỗ ở hợp pháp và ý kiến đồng ý của chủ hộ.",
        why="Câu càng dài, người đọc càng phải giữ nhiều ý trong đầu cùng lúc; câu quá dài phải đọc lại.",
        source="Khoản 1 Điều 69 Nghị định 34/2016/NĐ-CP (câu chữ rõ ràng, dễ hiểu); độ dài câu là biến số "
        "chính của các công thức độ khó tiếng Việt (Nguyễn & Henkin 1982; Lương, Nguyễn & Đinh 2018).",
    ),
    Rule(
        "sentence_length.very_long",
        "error",
        "A sentence longer than the profile's 'very long' limit (syllables).",
        "{what} dài {syllables} tiếng, vượt ngưỡng {limit} tiếng của hồ sơ '{profile}'.",
        "Một câu hơn 60 tiếng nối nhiều điều kiện bằng dấu phẩy, «và», «trong đó» … → tách thành các câu "
        "ngắn, mỗi câu một ý, hoặc đưa các điều kiện thành danh sách a), b), c).",
        why="Phần lớn người đọc không nắm được một câu dài như vậy sau một lần đọc.",
        source="Khoản 1 Điều 69 Nghị định 34/2016/NĐ-CP; docs/method.md (ngưỡng theo hồ sơ).",
    ),
)


class SentenceLengthLimits(Model):
    """Sentence length limits in syllables (tiếng). Headings and list items get their own limits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    long: int = Field(gt=0, description="A sentence above this many syllables is long (warning).")
    very_long: int = Field(gt=0, description="A sentence above this many syllables is very long (error).")
    item_long: int = Field(gt=0, description="The 'long' limit for list items and headings.")
    item_very_long: int = Field(gt=0, description="The 'very long' limit for list items and headings.")

    @model_validator(mode="after")
    def _ordered(self) -> SentenceLengthLimits:
        if self.very_long <= self.long or self.item_very_long <= self.item_long:
            raise ValueError("very_long limits must be above the long limits")
        return self


# Calibrated in docs/method.md ("Sentence length limits").
PROFILE_LIMITS: dict[str, SentenceLengthLimits] = {
    "citizen": SentenceLengthLimits(long=40, very_long=60, item_long=50, item_very_long=75),
    "news": SentenceLengthLimits(long=50, very_long=90, item_long=55, item_very_long=90),
    "legal": SentenceLengthLimits(long=60, very_long=90, item_long=70, item_very_long=100),
}


class LongSentence(Model):
    """One of the longest units of the text."""

    index: int = Field(description="Index in report.sentences.")
    start: Start = Field(description="Start offset into the caller's text.")
    end: End = Field(description="End offset into the caller's text.")
    syllables: int = Field(description="Length in syllables.")
    words: int = Field(description="Length in words.")


class SentenceLengthSummary(Model):
    """Sentence length distribution. Statistics cover sentences and list items; headings are left out."""

    sentences: int = Field(description="Units the statistics cover (sentences and list items).")
    mean_syllables: float = Field(description="Mean length in syllables.")
    median_syllables: float = Field(description="Median length in syllables.")
    p90_syllables: float = Field(description="90th percentile of length in syllables.")
    max_syllables: int = Field(description="Longest unit in syllables.")
    mean_words: float = Field(description="Mean length in segmented words.")
    median_words: float = Field(description="Median length in words.")
    p90_words: float = Field(description="90th percentile of length in words.")
    max_words: int = Field(description="Longest unit in words.")
    long_share: float = Field(description="Share of units over their 'long' limit.")
    very_long_share: float = Field(description="Share of units over their 'very long' limit.")
    limits: SentenceLengthLimits = Field(description="Limits in force (syllables).")
    reference_mean_syllables: float = Field(
        default=18.8,
        description="Mean sentence length of Vietnamese news (UD Vietnamese-VTB), for comparison.",
    )
    longest: list[LongSentence] = Field(default_factory=list, description="Up to five longest units.")
    reading_units: int = Field(
        default=0,
        description="Reading units: sentences and list items, a provision (a unit ending with ':' and the "
        "list items completing it) counting as one; headings left out.",
    )
    provisions: int = Field(default=0, description="Reading units made of a chapeau and its list items.")
    mean_reading_unit_syllables: float = Field(
        default=0, description="Mean length of the reading units in syllables (the clarity measure)."
    )
    weighted_reading_unit_syllables: float = Field(
        default=0,
        description="Syllable-weighted mean length of the reading units: the length of the unit a reader "
        "is in, on average over the text's syllables (a clarity measure).",
    )
    max_reading_unit_syllables: int = Field(default=0, description="Longest reading unit in syllables.")


# Places where a long sentence can usually be split, best first.
_SPLITS = regex.compile(
    r";\s+|:\s+(?=(?:[a-zđ]\)|-|\+|\d+\.)\s)|,\s+(?=(?:nhưng|tuy nhiên|đồng thời|trong đó|trừ trường hợp|"
    r"nếu|khi|sau khi|để)\s)|\s(?=(?:và|nhưng|đồng thời|trong đó|sau đó)\s)",
    regex.I,
)


def _limits_for(unit: Unit, limits: SentenceLengthLimits) -> tuple[int, int]:
    if unit.kind == "sentence":
        return limits.long, limits.very_long
    return limits.item_long, limits.item_very_long


_NOUNISH = frozenset({"N", "Np", "Nc", "P"})


def _joins_clauses(tags: list[str], k: int) -> bool:
    """Does the conjunction at word `k` of a tagged window join two clauses (a verb before it; a subject and
    its verb after it), rather than two nouns ("nhận thức, ý chí và hành động")?"""
    before = tags[:k]
    after = tags[k + 1 :]
    if "V" not in before or not after or after[0] not in _NOUNISH:
        return False
    for tag in after[1:5]:  # the subject's noun phrase, then its verb, with no preposition in between
        if tag == "V":
            return True
        if tag not in _NOUNISH and tag not in ("A", "M", "L"):
            return False
    return False


def _candidates(unit: Unit) -> list[regex.Match[str]]:
    """The unit's possible split points, nearest the middle first (the earlier of two as near)."""
    body = unit.text
    middle = len(body) / 2
    found = [m for m in _SPLITS.finditer(body, unit.label_end - unit.start) if m.start() >= 15 and len(body) - m.end() >= 15]
    return sorted(found, key=lambda m: (abs(m.start() - middle), m.start()))


def _splits(ctx: Context, units: list[Unit]) -> tuple[list[int | None], list[list[Fix]]]:
    """Each unit's split point nearest the middle (working-copy offset), if any, and the split it offers as
    a fix: after a semicolon, before a list introduced by a colon, at a clause conjunction after a comma, or
    at "và"/"nhưng" joining clauses.

    Each unit's candidates are tried in order and the first that qualifies is the answer; a punctuation mark
    qualifies at once, a bare conjunction only between two clauses, which needs the POS tags of the words
    around it; the fix needs the tags of the whole unit when a safe split can be written there. Every window
    that can be read (the bare conjunctions before the unit's first punctuation mark) and every unit that
    can need its fix are tagged in one `tag_words_many` call: the answers are those of trying the
    candidates one by one (a window's tags do not depend on what is tagged with it), with one decode
    instead of one per round."""
    doc = ctx.doc
    inputs: list[list[str]] = []  # windows and whole units, tagged together
    plans: list[tuple[list[tuple[int, int, int]], dict[int, SplitSite], int]] = []
    for unit in units:
        words = doc.words[unit.index]
        starts: list[int] = []
        texts: list[str] = []  # the unit's words, read at its first bare conjunction
        tries: list[tuple[int, int, int]] = []  # (split point, word index in its window or -1, input)
        sites: dict[int, SplitSite] = {}
        for m in _candidates(unit):
            at = unit.start + m.start()
            site = split_site(doc, unit, at)
            if site is not None:
                sites[at] = site
            if not m.group()[0].isspace():
                tries.append((at, -1, -1))  # a punctuation mark: no tags needed, and no later candidate
                break
            # the words around the conjunction that `_joins_clauses` reads (12 on each side)
            if not texts:
                starts, texts = words.starts(), [" ".join(w.split()) for w in words.texts()]
            k = bisect_left(starts, unit.start + m.end())
            lo, hi = max(0, k - 12), min(len(starts), k + 12)
            tries.append((at, k - lo, len(inputs)))
            inputs.append(texts[lo:hi])
        whole = -1
        if sites:
            whole = len(inputs)
            inputs.append(site_words(next(iter(sites.values()))))  # the same words for every site
        plans.append((tries, sites, whole))
    tags = tag_words_many(inputs) if inputs else []
    points: list[int | None] = []
    fixes: list[list[Fix]] = []
    for unit, (tries, sites, whole) in zip(units, plans, strict=True):
        point = next((a for a, k, i in tries if i < 0 or _joins_clauses(tags[i], k)), None)
        points.append(point)
        site = sites.get(point) if point is not None else None
        fixes.append(tagged_split_fix(ctx, unit, site, tags[whole]) if site is not None else [])
    return points, fixes


def _word_edge(text: str, lo: int, hi: int, *, left: bool) -> str:
    """text[lo:hi] trimmed to whole words (on the side that was cut)."""
    piece = text[lo:hi]
    if left and lo > 0 and not text[lo - 1].isspace():
        piece = piece.split(" ", 1)[1] if " " in piece else piece
    if not left and hi < len(text) and not text[hi].isspace():
        piece = piece.rsplit(" ", 1)[0] if " " in piece else piece
    return piece.strip()


def _suggestion(doc: Document, unit: Unit, at: int | None) -> str:
    if at is None:
        return "Tách thành nhiều câu ngắn, mỗi câu một ý; đưa các điều kiện hoặc bước thành danh sách."
    before = _word_edge(doc.text, max(unit.start, at - 30), at, left=True)
    after = _word_edge(doc.text, at, min(unit.end, at + 30), left=False)
    return f"Có thể tách câu tại «…{before} ‖ {after}…»; mỗi câu chỉ nên nêu một ý."


_WHAT = {"sentence": "Câu", "list_item": "Mục liệt kê", "heading": "Tiêu đề"}


def analyze(ctx: Context) -> SentenceLengthSummary:
    """Measure every unit, flag the long ones, summarise the distribution."""
    doc = ctx.doc
    limits: SentenceLengthLimits = ctx.options
    words_of = doc.word_counts
    prose = [u for u in doc.units if u.kind != "heading" and u.syllables] or [
        u for u in doc.units if u.syllables
    ]
    prose_index = {u.index for u in prose}
    n_long = n_very = 0
    flagged = []
    for u in doc.units:
        n = len(u.syllables)
        long, very_long = _limits_for(u, limits)
        if n <= long:
            continue
        rule, limit = (
            ("sentence_length.very_long", very_long) if n > very_long else ("sentence_length.long", long)
        )
        if u.index in prose_index:
            n_very += rule.endswith("very_long")
            n_long += 1
        flagged.append((u, rule, limit))
    points, fixes = _splits(ctx, [u for u, _, _ in flagged])
    for (u, rule, limit), at, unit_fixes in zip(flagged, points, fixes, strict=True):
        n = len(u.syllables)
        ctx.add(
            rule,
            u.start,
            u.end,
            suggestion=_suggestion(doc, u, at),
            data={
                "syllables": n,
                "words": words_of[u.index],
                "limit": limit,
                "kind": u.kind,
                "split_at": None,
            },
            offsets={"split_at": at} if at is not None else None,
            fixes=unit_fixes,
            what=_WHAT[u.kind],
            syllables=n,
            limit=limit,
            profile=ctx.profile,
        )
    if not prose:
        return SentenceLengthSummary(
            sentences=0,
            mean_syllables=0,
            median_syllables=0,
            p90_syllables=0,
            max_syllables=0,
            mean_words=0,
            median_words=0,
            p90_words=0,
            max_words=0,
            long_share=0,
            very_long_share=0,
            limits=limits,
        )
    syl = sorted(float(len(u.syllables)) for u in prose)
    words = sorted(float(words_of[u.index]) for u in prose)
    order = sorted(prose, key=lambda u: len(u.syllables), reverse=True)[:5]
    longest = []
    for u in order:
        s, e = doc.span_in_original(u.start, u.end)
        longest.append(
            LongSentence(index=u.index, start=s, end=e, syllables=len(u.syllables), words=words_of[u.index])
        )
    return SentenceLengthSummary(
        **_reading_unit_fields(document_reading_units(doc)),
        sentences=len(prose),
        mean_syllables=round(fsum(syl) / len(syl), 2),
        median_syllables=_percentile(syl, 50),
        p90_syllables=round(_percentile(syl, 90), 2),
        max_syllables=int(syl[-1]),
        mean_words=round(fsum(words) / len(words), 2),
        median_words=_percentile(words, 50),
        p90_words=round(_percentile(words, 90), 2),
        max_words=int(words[-1]),
        long_share=round(n_long / len(prose), 4),
        very_long_share=round(n_very / len(prose), 4),
        limits=limits,
        longest=longest,
    )


def _reading_unit_fields(units: list[ReadingUnit]) -> dict[str, Any]:
    """The summary's reading-unit figures."""
    lengths = [float(u.syllables) for u in units]
    if not lengths:
        return {}
    total = fsum(lengths)
    return {
        "reading_units": len(units),
        "provisions": sum(1 for u in units if u.is_provision),
        "mean_reading_unit_syllables": round(total / len(lengths), 2),
        "weighted_reading_unit_syllables": round(fsum(n * n for n in lengths) / total, 2) if total else 0.0,
        "max_reading_unit_syllables": int(max(lengths)),
    }


def _percentile(ordered: list[float], q: float) -> float:
    """The q-th percentile of sorted values, interpolated linearly between ranks (numpy's default)."""
    rank = (len(ordered) - 1) * q / 100
    lo = int(rank)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (rank - lo)


def measures(summary: SentenceLengthSummary, words: int) -> dict[str, float]:
    """Clarity measures: mean and syllable-weighted mean syllables per reading unit (a provision with its
    items is one unit; headings left out)."""
    if not summary.reading_units:
        return {}
    return {
        "sentence_length": summary.mean_reading_unit_syllables,
        "sentence_length_weighted": summary.weighted_reading_unit_syllables,
    }


ANALYZER = Analyzer(
    name="sentence_length",
    title="Độ dài câu",
    description="How long the sentences are, in syllables and words, and which to split.",
    rules=RULES,
    summary=SentenceLengthSummary,
    run=analyze,
    options=SentenceLengthLimits,
    profile_options={k: v.model_dump() for k, v in PROFILE_LIMITS.items()},
    needs=frozenset({"words"}),
    measures=measures,
)
