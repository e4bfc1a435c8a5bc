"""Analyzer 'structure': paragraphs and sections too long to take in, three sentences in a row opening the same
way, a long text without headings (spacing errors are the analyzer `text`'s).

Lengths are in syllables (tiếng), per profile; Yoast's paragraph (150 words) and subheading (300 words)
checks are the familiar anchor, converted at about 1.3 syllables per English word and calibrated on the dev
corpus (docs/method.md, "Drafting checks"). A section is the text between two headings (headings are units of kind
'heading': titles, "Điều 5. …", "Chương II"). One pass over the units, one regex pass over the text.
"""

from __future__ import annotations

from bisect import bisect_left

import regex
from pydantic import ConfigDict, Field

from ..document import Unit
from ..models import Model
from ..registry import Analyzer, Rule
from .base import Context

_SOURCE = "Yoast SEO (độ dài đoạn, tiêu đề phụ), quy đổi ra số tiếng; docs/method.md («Drafting checks»)."
RULES = (
    Rule(
        "structure.long_paragraph",
        "info",
        "A paragraph longer than the profile's limit (syllables).",
        "Đoạn văn dài {syllables} tiếng, vượt ngưỡng {limit} tiếng; nên tách thành các đoạn ngắn, mỗi đoạn một ý.",
        "Một đoạn 250 tiếng nói cả đối tượng, hồ sơ và thời hạn. → Ba đoạn: đối tượng; hồ sơ; thời hạn.",
        why="Đoạn dài như một khối chữ: người đọc khó tìm lại ý mình cần.",
        source=_SOURCE,
        levels={"legal": "off"},
    ),
    Rule(
        "structure.long_section",
        "info",
        "A section (text between two headings) longer than the profile's limit (syllables).",
        "Phần dưới tiêu đề này dài {syllables} tiếng, vượt ngưỡng {limit} tiếng; nên thêm tiêu đề phụ.",
        "Một thông báo 900 tiếng không có tiêu đề phụ. → Thêm các tiêu đề: Ai được hỗ trợ; Hồ sơ; Nộp ở đâu.",
        why="Tiêu đề phụ cho người đọc lướt tìm đúng phần mình cần.",
        source=_SOURCE,
        levels={"legal": "off"},
    ),
    Rule(
        "structure.no_headings",
        "info",
        "A long text without any heading.",
        "Văn bản dài {syllables} tiếng mà không có tiêu đề nào; nên chia thành các phần có tiêu đề.",
        "Thông báo 700 tiếng viết liền một mạch. → Chia thành các phần «Đối tượng», «Hồ sơ», «Thời hạn».",
        why="Không có tiêu đề, người đọc phải đọc hết mới biết phần mình cần nằm ở đâu.",
        source=_SOURCE,
        levels={"legal": "off"},
    ),
    Rule(
        "structure.repeated_start",
        "info",
        "Three consecutive sentences opening with the same two syllables.",
        "Ba câu liền nhau cùng mở đầu bằng «{opening}»; nên đổi cách mở đầu hoặc gộp thành danh sách.",
        "Hồ sơ gồm đơn. Hồ sơ nộp tại phường. Hồ sơ được trả trong ba ngày. → Hồ sơ gồm đơn, nộp tại phường "
        "và được trả trong ba ngày.",
        why="Câu mở đầu giống nhau đọc đơn điệu và thường là một danh sách viết thành văn xuôi.",
        source="Yoast SEO (consecutive sentences).",
        levels={"legal": "off"},
    ),
)


class StructureOptions(Model):
    """Options of analyzer 'structure' (lengths in syllables)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    paragraph: int = Field(gt=0, description="A paragraph above this many syllables is long.")
    section: int = Field(gt=0, description="A section (between headings) above this many syllables is long.")
    no_headings: int = Field(gt=0, description="A text above this many syllables should have headings.")


# Calibrated in docs/method.md ("Drafting checks").
PROFILE_OPTIONS = {
    "citizen": {"paragraph": 200, "section": 600, "no_headings": 600},
    "news": {"paragraph": 200, "section": 900, "no_headings": 900},
    "legal": {"paragraph": 400, "section": 1500, "no_headings": 2000},
}


class StructureSummary(Model):
    """Paragraph and section lengths."""

    paragraphs: int = Field(description="Paragraphs with at least one syllable.")
    longest_paragraph: int = Field(description="Syllables of the longest paragraph.")
    headings: int = Field(description="Heading units.")
    longest_section: int = Field(description="Syllables of the longest section (text between headings).")


# What opens a part of a section a reader can find by eye: a step, a case, a list label or a bullet.
_PART = regex.compile(r"[-+*•]|\(?[a-zđ0-9ivx]{1,4}[.)]|(?i:bước)\s+\d|(?i:trường hợp)\b")


def _structured(units: list[Unit], limit: int) -> bool:
    """Is a long section already cut into parts a reader can find (steps, cases, list items opening their
    paragraphs), none of them over `limit` syllables? Such a section needs no subheading."""
    parts: list[int] = []
    paragraph = None
    for u in units:
        opens = u.kind == "list_item" or (u.paragraph != paragraph and _PART.match(u.text) is not None)
        paragraph = u.paragraph
        if opens or not parts:
            parts.append(0)
        parts[-1] += len(u.syllables)
    return len(parts) > 1 and max(parts) <= limit


def _opening(unit: Unit) -> str | None:
    """The first two syllables after the label, lower case (None when the unit is too short)."""
    syl = unit.syllables
    k = bisect_left(syl.starts(), unit.label_end)
    if len(syl) - k < 4:
        return None
    return f"{syl[k].text.lower()} {syl[k + 1].text.lower()}"


def analyze(ctx: Context) -> StructureSummary:
    """Measure paragraphs and sections; find repeated openings."""
    doc = ctx.doc
    options: StructureOptions = ctx.options
    paragraphs: dict[int, list[Unit]] = {}
    for u in doc.units:
        if u.kind != "heading" and u.syllables:
            paragraphs.setdefault(u.paragraph, []).append(u)
    longest = 0
    for units in paragraphs.values():
        n = sum(len(u.syllables) for u in units)
        longest = max(longest, n)
        if n > options.paragraph and len(units) > 1:  # one long sentence is sentence_length's business
            ctx.add(
                "structure.long_paragraph",
                units[0].start,
                units[-1].end,
                data={"syllables": n, "limit": options.paragraph},
                syllables=n,
                limit=options.paragraph,
            )
    headings = [u for u in doc.units if u.kind == "heading"]
    sections: list[list[Unit]] = [[]]
    for u in doc.units:
        if u.kind == "heading":
            sections.append([])
        elif u.syllables:
            sections[-1].append(u)
    longest_section = 0
    for units in sections:
        n = sum(len(u.syllables) for u in units)
        longest_section = max(longest_section, n)
        if headings and n > options.section and units and not _structured(units, options.section):
            ctx.add(
                "structure.long_section",
                units[0].start,
                units[-1].end,
                data={"syllables": n, "limit": options.section},
                syllables=n,
                limit=options.section,
            )
    total = doc.syllable_count
    if not headings and total > options.no_headings and doc.units:
        first = doc.units[0]
        ctx.add(
            "structure.no_headings",
            first.start,
            first.end,
            data={"syllables": total, "limit": options.no_headings},
            syllables=total,
        )
    run: list[Unit] = []  # consecutive sentences with the same opening; run[-1] is the unit before u
    last: str | None = None  # the opening of the unit before u
    for u in doc.units:
        opening = _opening(u) if u.kind == "sentence" else None
        if opening is not None and run and last == opening:
            run.append(u)
        else:
            run = [u] if opening is not None else []
        last = opening
        if len(run) == 3:
            ctx.add(
                "structure.repeated_start",
                run[0].start,
                run[-1].end,
                data={"opening": opening},
                opening=doc.text[run[-1].syllables[0].start : run[-1].syllables[1].end]
                if run[-1].label_end <= run[-1].syllables[0].start
                else opening,
            )
    return StructureSummary(
        paragraphs=len(paragraphs),
        longest_paragraph=longest,
        headings=len(headings),
        longest_section=longest_section,
    )


ANALYZER = Analyzer(
    name="structure",
    title="Bố cục và trình bày",
    description="Paragraph and section length, repeated sentence openings, headings.",
    rules=RULES,
    summary=StructureSummary,
    run=analyze,
    options=StructureOptions,
    profile_options=PROFILE_OPTIONS,
)
