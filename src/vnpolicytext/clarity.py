"""The clarity score: transparent components mapped to 0-100 and combined with published weights.

Each component is a measure with a 'clear' end (score 100) and a 'hard' end (score 0), linear in between.
Components whose analyzer did not run are left out and the remaining weights are scaled to sum to 1.
docs/method.md gives the reasoning behind every number here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from .models import Model


class ClarityComponent(Model):
    """One ingredient of the clarity score."""

    value: float = Field(description="The raw measure (unit in `unit`).")
    unit: str = Field(description="What `value` counts.")
    score: float = Field(description="The measure mapped to 0-100 (100 = clearest).")
    weight: float = Field(description="Weight in the clarity score (weights in use sum to 1).")


@dataclass(frozen=True, slots=True)
class Scale:
    """How a raw measure maps to 0-100, and its weight."""

    unit: str
    clear: float
    hard: float
    weight: float

    def score(self, value: float) -> float:
        t = (value - self.clear) / (self.hard - self.clear)
        return round(100.0 * (1.0 - min(1.0, max(0.0, t))), 2)


SCALES: dict[str, Scale] = {
    # Mean syllables per sentence (headings left out): 100 at the news mean of UD Vietnamese-VTB (18.8),
    # 0 at 60, where almost every reader needs a second pass.
    "sentence_length": Scale("mean syllables per sentence", clear=18.8, hard=60.0, weight=0.15),
    # Share of syllables outside the 1,000 commonest (wordfreq): 100 at 3 %, 0 at 25 %.
    "difficult_syllables": Scale("share of difficult syllables", clear=0.03, hard=0.25, weight=0.05),
    # Cross-references per 100 words: 0 at 3 (the reader must look something up every 33 words).
    "cross_references": Scale("cross-references per 100 words", clear=0.0, hard=3.0, weight=0.20),
    # Jargon words per 100 words: 100 with none, 0 at 8 (one word in twelve). The heaviest weight:
    # vocabulary is where citizens stop reading.
    "jargon": Scale("jargon words per 100 words", clear=0.0, hard=8.0, weight=0.40),
    # Terms and abbreviations nobody explains, per 1,000 words: 0 at 20 (one every 50 words).
    "undefined": Scale(
        "undefined terms and abbreviations per 1,000 words", clear=0.0, hard=20.0, weight=0.10
    ),
    # Agentless passives per sentence: 0 at one in two sentences.
    "passive": Scale("agentless passives per sentence", clear=0.0, hard=0.5, weight=0.10),
}

# Readability levels on the clarity score (docs/method.md, "Levels").
LEVELS: tuple[tuple[float, str, str], ...] = (
    (70.0, "easy", "dễ đọc"),
    (55.0, "medium", "trung bình"),
    (40.0, "hard", "khó"),
    (float("-inf"), "very_hard", "rất khó"),
)


def level_of(score: float) -> tuple[str, str]:
    """(level id, Vietnamese label) for a clarity score."""
    for cut, level_id, label in LEVELS:
        if score >= cut:
            return level_id, label
    raise AssertionError("unreachable")


def clarity(measures: dict[str, float]) -> tuple[float | None, dict[str, ClarityComponent]]:
    """Combine the available measures; returns (score, components)."""
    present = {k: measures[k] for k in SCALES if k in measures}
    if not present:
        return None, {}
    total = sum(SCALES[k].weight for k in present)
    components = {
        k: ClarityComponent(
            value=round(v, 4),
            unit=SCALES[k].unit,
            score=SCALES[k].score(v),
            weight=round(SCALES[k].weight / total, 4),
        )
        for k, v in present.items()
    }
    score = sum(c.score * c.weight for c in components.values())
    return round(score, 1), components


def undefined_per_1000_words(undefined: int, used_before_definition: int, words: int) -> dict[str, float]:
    """The 'undefined' measure an analyzer contributes: what it leaves unexplained, per 1,000 words (the
    abbreviation and glossary analyzers' shares add up)."""
    return {"undefined": 1000 * (undefined + used_before_definition) / words} if words else {}
