"""The clarity score: four barriers to reading, each scored 0-100, and a level no single barrier can hide.

Each measure maps linearly from a 'clear' end (100) to a 'hard' end (0), clipped. Measures group into four
barriers: sentence length, unfamiliar vocabulary, hidden actors and cross-references. The score is the
weighted mean of the barriers, but never above any barrier's ceiling: a barrier at its hard end keeps the
whole text at 'rất khó' (length), 'khó' (vocabulary) or 'trung bình' (actors, references), as one red
assessment turns Yoast's overall light orange or red. The level is read off the final score, so score and
level always agree. Barriers whose analyzer did not run are left out and the weights rescaled. Terms the text
explains where it uses them (`explained.py`) are not counted as unfamiliar vocabulary.
docs/method.md ("Clarity score") gives the evidence behind every number here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import Field

from .models import Model


class ClarityComponent(Model):
    """One measure of the clarity score."""

    value: float = Field(description="The raw measure (unit in `unit`).")
    unit: str = Field(description="What `value` counts.")
    score: float = Field(description="The measure mapped to 0-100 (100 = clearest).")
    weight: float = Field(
        description="The measure's share of the score: its barrier's weight split among the barrier's "
        "measures (weights in use sum to 1; the length barrier takes the lower of its two scores)."
    )
    barrier: str = Field(default="", description="The barrier the measure belongs to (length, vocabulary …).")


class ClarityBarrier(Model):
    """One barrier to reading: its score, weight, and the ceiling it puts on the whole score."""

    label: str = Field(description="What the barrier is, in Vietnamese.")
    score: float = Field(description="0-100 (100 = no barrier), from its measures.")
    weight: float = Field(description="Weight in the weighted score (weights in use sum to 1).")
    ceiling: float = Field(description="The highest overall score this barrier allows.")
    measures: list[str] = Field(description="The measures (clarity_components keys) it is made of.")


@dataclass(frozen=True, slots=True)
class Scale:
    """How a raw measure maps to 0-100."""

    unit: str
    clear: float
    hard: float

    def score(self, value: float) -> float:
        return _scaled(value, self.clear, self.hard - self.clear)


def _scaled(value: float, clear: float, span: float) -> float:
    """A measure on its scale: 100 at `clear`, 0 at `clear + span` and beyond (a NaN scores 100)."""
    t = (value - clear) / span
    t = t if t > 0.0 else 0.0  # max(0.0, t), NaN included
    return round(100.0 * (1.0 - (t if t < 1.0 else 1.0)), 2)  # min(1.0, t)


@dataclass(frozen=True, slots=True)
class Barrier:
    """A barrier: its measures with their weights inside it, how they combine, its weight and its cap.

    `cap` is the ceiling the barrier puts on the overall score at its hard end; the ceiling rises linearly
    to 100 at its clear end. Below 100 it is lowered by up to `TIE_BREAK` points as the weighted score
    falls, so that of two texts held by the same ceiling the one better on the other barriers scores higher.
    """

    label: str
    weight: float
    cap: float
    measures: Mapping[str, float]
    combine: str = "mean"  # "mean" (weighted by `measures`) or "min" (the lowest score)


SCALES: dict[str, Scale] = {
    # Mean syllables per reading unit (a sentence, or a provision with its items): 100 at 20 (plain-language
    # averages of 15-20 words; treebank news 18.8), 0 at 60 (≈ 48 words, twice GOV.UK's 25-word split).
    "sentence_length": Scale("mean syllables per reading unit", clear=20.0, hard=60.0),
    # The same, weighted by syllables (the length of the unit a reader is in): 0 at 90.
    "sentence_length_weighted": Scale(
        "syllable-weighted mean syllables per reading unit", clear=20.0, hard=90.0
    ),
    # Jargon words per 100 words (terms explained in place not counted): 100 with none, 0 at 15, the median
    # of the unedited originals of the rewrite pairs with the lexicon of 0.2 (14.4; the rewrites keep 6.3).
    "jargon": Scale("jargon words per 100 words", clear=0.0, hard=15.0),
    # Terms and abbreviations nobody explains, per 1,000 words: 0 at 20 (one every 50 words).
    "undefined": Scale("undefined terms and abbreviations per 1,000 words", clear=0.0, hard=20.0),
    # Share of the vocabulary's syllables (words in lower case, outside names) outside the 1,000 commonest
    # (wordfreq): 100 at 3 %, 0 at 25 %.
    "difficult_syllables": Scale("share of difficult syllables in the vocabulary", clear=0.03, hard=0.25),
    # Agentless passives per unit: 0 at one in two.
    "passive": Scale("agentless passives per unit", clear=0.0, hard=0.5),
    # Cross-references per 100 words: 0 at 3 (the reader must look something up every 33 words).
    "cross_references": Scale("cross-references per 100 words", clear=0.0, hard=3.0),
}

BARRIERS: dict[str, Barrier] = {
    "length": Barrier(
        "Độ dài câu", 0.30, 35.0, {"sentence_length": 0.5, "sentence_length_weighted": 0.5}, "min"
    ),
    "vocabulary": Barrier(
        "Từ ngữ lạ", 0.35, 45.0, {"jargon": 0.60, "undefined": 0.25, "difficult_syllables": 0.15}
    ),
    "references": Barrier("Dẫn chiếu", 0.20, 60.0, {"cross_references": 1.0}),
    "actors": Barrier("Chủ thể bị ẩn", 0.15, 60.0, {"passive": 1.0}),
}
BARRIER_OF = {m: name for name, b in BARRIERS.items() for m in b.measures}
TIE_BREAK = 5.0

# Readability levels on the clarity score (docs/method.md, "Levels"), with what each means for a citizen.
LEVELS: tuple[tuple[float, str, str], ...] = (
    (70.0, "easy", "dễ đọc"),
    (55.0, "medium", "trung bình"),
    (40.0, "hard", "khó"),
    (float("-inf"), "very_hard", "rất khó"),
)
LEVEL_DESCRIPTIONS: dict[str, str] = {
    "easy": "Phần lớn người dân đọc một lần là hiểu.",
    "medium": "Người dân hiểu được nếu đọc chậm, có chỗ phải đọc lại.",
    "hard": "Nhiều người dân phải đọc lại nhiều lần hoặc hỏi người khác mới hiểu.",
    "very_hard": "Phần lớn người dân không tự hiểu được; cần người có chuyên môn giải thích.",
}


def level_of(score: float) -> tuple[str, str]:
    """(level id, Vietnamese label) for a clarity score."""
    for cut, level_id, label in LEVELS:
        if score >= cut:
            return level_id, label
    raise AssertionError("unreachable")


def describe_level(level_id: str) -> str:
    """What a level means for a citizen reader, in Vietnamese."""
    return LEVEL_DESCRIPTIONS[level_id]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The score, its weighted mean before the ceilings, the barrier that capped it, and the parts."""

    score: float
    weighted: float
    capped_by: str | None
    barriers: dict[str, ClarityBarrier]
    components: dict[str, ClarityComponent]

    @property
    def level(self) -> tuple[str, str]:
        return level_of(self.score)


def assess(
    measures: Mapping[str, float],
    scales: Mapping[str, Scale] | None = None,
    barriers: Mapping[str, Barrier] | None = None,
    *,
    details: bool = True,
) -> Assessment | None:
    """Score the available measures: barriers, weighted mean, ceilings; None when there is none. `scales` and
    `barriers` replace SCALES and BARRIERS (benchmarks/clarity_figures.py measures alternatives with them).

    With `details=False` the barriers and components are left empty (the score, weighted mean and capping
    barrier are the same): for callers that read only those, such as the score of every part."""
    table: Mapping[str, Barrier]
    if scales is None and barriers is None:
        plan = _shipped_plan(tuple(measures))
        scales, table = SCALES, BARRIERS
    else:
        scales = SCALES if scales is None else scales
        table = BARRIERS if barriers is None else barriers
        plan = _plan(tuple(measures), scales, table)
    if plan is None:
        return None
    values = [float(measures[k]) for k, _, _ in plan.scales]
    scores = [_scaled(v, clear, span) for v, (_, clear, span) in zip(values, plan.scales, strict=True)]
    barrier_scores = []
    for _name, _weight, _cap, lowest, where, weights, share in plan.barriers:
        if lowest:
            barrier_scores.append(min([scores[i] for i in where]))
        else:
            barrier_scores.append(sum([scores[i] * w for i, w in zip(where, weights, strict=True)]) / share)
    weighted = sum([s * row[1] for s, row in zip(barrier_scores, plan.barriers, strict=True)]) / plan.total
    slack = TIE_BREAK * (1.0 - weighted / 100.0)
    ceilings = [
        (cap - slack) + (100.0 - cap + slack) * s / 100.0
        for s, (_, _, cap, *_) in zip(barrier_scores, plan.barriers, strict=True)
    ]
    worst = min(range(len(ceilings)), key=ceilings.__getitem__)  # the first of equal ceilings
    capped_by = plan.barriers[worst][0] if ceilings[worst] <= weighted - 1.0 else None
    score = round(max(0.0, min(weighted, ceilings[worst])), 1)
    if not details:
        return Assessment(score, round(weighted, 2), capped_by, {}, {})
    components: dict[str, ClarityComponent] = {}
    parts: dict[str, ClarityBarrier] = {}
    for (name, weight, _, _, where, weights, share), s, ceiling in zip(
        plan.barriers, barrier_scores, ceilings, strict=True
    ):
        for i, w in zip(where, weights, strict=True):
            k = plan.scales[i][0]
            components[k] = ClarityComponent(
                value=round(values[i], 4),
                unit=scales[k].unit,
                score=scores[i],
                weight=round(weight / plan.total * (w / share), 4),
                barrier=name,
            )
        parts[name] = ClarityBarrier(
            label=table[name].label,
            score=round(s, 2),
            weight=round(weight / plan.total, 4),
            ceiling=round(ceiling, 2),
            measures=[plan.scales[i][0] for i in where],
        )
    components = {k: components[k] for k, _, _ in plan.scales}  # in the order of the scales
    return Assessment(score, round(weighted, 2), capped_by, parts, components)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What `assess` derives from the set of present measures alone: each present measure's scale ends
    (scales order), and per used barrier (barriers order) its name, weight, cap, whether it takes the lowest
    score, its present measures (their places in `scales`) with their weights, and the weights' sum; `total`
    is the used barriers' weights summed."""

    scales: tuple[tuple[str, float, float], ...]  # (measure, clear, hard - clear)
    barriers: tuple[tuple[str, float, float, bool, tuple[int, ...], tuple[float, ...], float], ...]
    total: float


_PLANS: dict[tuple[str, ...], _Plan | None] = {}  # with SCALES and BARRIERS, by the measures' keys in order


def _shipped_plan(given: tuple[str, ...]) -> _Plan | None:
    """`_plan` with SCALES and BARRIERS, kept per set of keys."""
    try:
        return _PLANS[given]
    except KeyError:
        if len(_PLANS) >= 512:  # callers with ever new keys: start again
            _PLANS.clear()
        plan = _PLANS[given] = _plan(given, SCALES, BARRIERS)
        return plan


def _plan(given: tuple[str, ...], scales: Mapping[str, Scale], table: Mapping[str, Barrier]) -> _Plan | None:
    in_barrier = {m for b in table.values() for m in b.measures}
    keys = [k for k in scales if k in given and k in in_barrier]
    if not keys:
        return None
    present = set(keys)
    used = {name: b for name, b in table.items() if any(m in present for m in b.measures)}
    rows = []
    for name, b in used.items():
        mine = {m: w for m, w in b.measures.items() if m in present}
        where = tuple(keys.index(m) for m in mine)
        rows.append(
            (name, b.weight, b.cap, b.combine == "min", where, tuple(mine.values()), sum(mine.values()))
        )
    return _Plan(
        tuple((k, scales[k].clear, scales[k].hard - scales[k].clear) for k in keys),
        tuple(rows),
        sum(b.weight for b in used.values()),
    )


def clarity(measures: Mapping[str, float]) -> tuple[float | None, dict[str, ClarityComponent]]:
    """The score and its components (see `assess`)."""
    result = assess(measures)
    return (None, {}) if result is None else (result.score, result.components)


def undefined_per_1000_words(undefined: int, used_before_definition: int, words: int) -> dict[str, float]:
    """The 'undefined' measure an analyzer contributes: what it leaves unexplained, per 1,000 words (the
    abbreviation and glossary analyzers' shares add up)."""
    return {"undefined": 1000 * (undefined + used_before_definition) / words} if words else {}
