"""Analyzer 'readability': the Luong, Nguyen & Dinh (2018) formula, a level, and the clarity score.

    R = 0.004·(C/S) + 0.1905·(C/W) + 2.7147·(D/Y) − 0.7295

C letters and digits, S sentences, W segmented words, Y syllables, D difficult syllables (outside the list of
common syllables). The original list of common syllables cannot be shipped; ours is the 1,000 most frequent
Vietnamese syllables of wordfreq (docs/method.md says how that differs). The clarity score and the level are
computed in `vnpolicytext.clarity` once every analyzer has run.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import Field

from ..config import Config
from ..document import Document
from ..models import Model
from ..normalize import fold
from .base import Findings, Rule

NAME = "readability"
RULES: tuple[Rule, ...] = ()

COMMON_SYLLABLES = 1000

# A reference the reader must look up elsewhere: an article, clause, point, chapter or appendix of this or
# another document ("khoản 2 Điều 5", "điểm a"), or a document number ("số 15/2020/NĐ-CP").
CROSS_REFERENCE = regex.compile(
    r"\b(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm|[Cc]hương|[Mm]ục|[Pp]hụ lục)\s+(?:\d+[a-zđ]?|[a-zđ](?=[\s,.;)])|[IVXLC]+\b)"
    r"|\b\d+/\d{4}/[\p{Lu}][\p{Lu}\p{N}]*(?:-[\p{Lu}\p{N}]+)*"
)


class ClarityComponent(Model):
    """One ingredient of the clarity score."""

    value: float = Field(description="The raw measure (unit in `unit`).")
    unit: str = Field(description="What `value` counts.")
    score: float = Field(description="The measure mapped to 0-100 (100 = clearest).")
    weight: float = Field(description="Weight in the clarity score (weights in use sum to 1).")


class ReadabilitySummary(Model):
    """Readability figures, each with the components it is made of."""

    luong_nguyen_dinh: float | None = Field(
        description="Luong, Nguyen & Dinh (2018) value; higher is harder. Indicative: fitted on literature."
    )
    level: str | None = Field(
        default=None, description="Level from the clarity score, in Vietnamese: dễ đọc, trung bình, khó, rất khó."
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


def analyze(doc: Document, config: Config, out: Findings) -> ReadabilitySummary:
    """Count C, S, W, Y, D and apply the formula."""
    common = common_syllables()
    syllables = [t for t in doc.syllables() if not t.text.isdigit()]
    difficult = sum(1 for t in syllables if t.text.lower() not in common)
    words = sum(u.word_count for u in doc.units)
    sentences = len(doc.units)
    references = sum(
        1 for u in doc.units for m in CROSS_REFERENCE.finditer(u.text) if u.start + m.start() >= u.label_end
    )
    value: float | None = None
    if sentences and words and syllables:
        value = round(luong_nguyen_dinh(doc.letters_digits, sentences, words, difficult, len(syllables)), 4)
    return ReadabilitySummary(
        luong_nguyen_dinh=value,
        characters=doc.letters_digits,
        sentences=sentences,
        words=words,
        syllables=len(syllables),
        difficult_syllables=difficult,
        difficult_share=round(difficult / len(syllables), 4) if syllables else None,
        cross_references=references,
        cross_references_per_100_words=round(100 * references / words, 3) if words else 0.0,
    )
