"""Analyzer 'readability': the Luong, Nguyen & Dinh (2018) formula, a level, and the clarity score.

    R = 0.004·(C/S) + 0.1905·(C/W) + 2.7147·(D/Y) − 0.7295

C letters and digits, S sentences, W segmented words, Y syllables, D difficult syllables (outside the list of
common syllables). The original list of common syllables cannot be shipped; ours is the 1,000 most frequent
Vietnamese syllables of wordfreq (docs/method.md says how that differs). The analyzer runs last and combines
the measures every other analyzer declared into the clarity score (`vnpolicytext.clarity`) and its level.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from ..clarity import ClarityComponent, clarity, level_of
from ..models import Model
from ..registry import Analyzer
from ..vocab import fold
from .base import Context

COMMON_SYLLABLES = 1000


class ReadabilitySummary(Model):
    """Readability figures, each with the components it is made of."""

    luong_nguyen_dinh: float | None = Field(
        description="Luong, Nguyen & Dinh (2018) value; higher is harder. Indicative: fitted on literature."
    )
    level: str | None = Field(
        default=None,
        description="Level from the clarity score, in Vietnamese: dễ đọc, trung bình, khó, rất khó.",
    )
    level_id: str | None = Field(default=None, description="Level id: easy, medium, hard, very_hard.")
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


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    """The 1,000 most frequent Vietnamese syllables of wordfreq, folded for matching."""
    from wordfreq import top_n_list

    return frozenset(fold(w) for w in top_n_list("vi", COMMON_SYLLABLES))


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
    syllables_count = difficult = 0  # counted as they are read: no list of every syllable (memory)
    for u in doc.units:
        for t in u.syllables:
            if not t.text.isdigit():
                syllables_count += 1
                difficult += t.text.lower() not in common
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
        measures["difficult_syllables"] = difficult_share
        if words:
            measures["cross_references"] = per_100
    score, components = clarity(measures)
    level_id, level = level_of(score) if score is not None else (None, None)
    return ReadabilitySummary(
        luong_nguyen_dinh=value,
        level=level,
        level_id=level_id,
        characters=doc.letters_digits,
        sentences=sentences,
        words=words,
        syllables=syllables_count,
        difficult_syllables=difficult,
        difficult_share=difficult_share,
        cross_references=references,
        cross_references_per_100_words=per_100,
        clarity_score=score,
        clarity_components=components,
    )


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
