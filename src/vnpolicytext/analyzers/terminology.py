"""Analyzer 'terminology': one concept, one term (Điều 69 Nghị định 34/2016/NĐ-CP).

After the text defines or abbreviates a term (the document's definitions layer), it reports:
- the full name written out again after its abbreviation was introduced ("Ủy ban nhân dân (UBND)" … later
  "Ủy ban nhân dân"): a suggestion to use the abbreviation;
- the name of the body written with another capitalisation ("Ủy Ban Nhân Dân") than where it was defined;
- a synonym of a defined term from the groups of `data/term_synonyms.tsv` ("chủ sử dụng lao động" after
  "người sử dụng lao động" was defined).
One regex pass over the text for the names, one phrase pass per unit for the synonyms.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import Field

from ..definitions import looks_like_abbreviation
from ..lexicon import rows, shipped_text
from ..models import Model
from ..phrases import PhraseMatcher
from ..registry import Analyzer, Rule
from ..vocab import fold
from . import phrase_pass
from .base import Context

_SOURCE = "Điều 69 Nghị định 34/2016/NĐ-CP (từ ngữ dùng thống nhất; chữ viết tắt)."
RULES = (
    Rule(
        "terminology.full_name_after_abbreviation",
        "info",
        "The full name written out again after its abbreviation was introduced.",
        "«{name}» đã được viết tắt là «{abbr}» ở trên; nên dùng thống nhất «{abbr}».",
        "Ủy ban nhân dân (UBND) phường tiếp nhận hồ sơ. Ủy ban nhân dân phường trả kết quả. → Ủy ban nhân dân "
        "(UBND) phường tiếp nhận hồ sơ. UBND phường trả kết quả.",
        why="Đã đặt chữ viết tắt thì dùng nó; hai cách gọi xen kẽ làm người đọc tưởng là hai cơ quan.",
        source=_SOURCE,
        levels={"citizen": "off", "news": "off"},
    ),
    Rule(
        "terminology.capitalisation",
        "warning",
        "The name of a body written with another capitalisation than where it was introduced.",
        "«{name}» viết hoa khác với «{norm}» ở chỗ định nghĩa; nên viết thống nhất.",
        "Ủy ban nhân dân (UBND) … Ủy Ban Nhân Dân phường … → Ủy ban nhân dân (UBND) … Ủy ban nhân dân phường …",
        why="Viết hoa không thống nhất trông cẩu thả và làm người đọc ngờ là hai tên khác nhau.",
        source=_SOURCE + " Phụ lục II Nghị định 30/2020/NĐ-CP (viết hoa tên cơ quan, tổ chức).",
    ),
    Rule(
        "terminology.synonym",
        "warning",
        "Another name for a term the text defines.",
        "«{name}» là cách gọi khác của thuật ngữ đã định nghĩa «{term}»; nên dùng thống nhất «{term}».",
        "Người sử dụng lao động là … Chủ sử dụng lao động phải đóng bảo hiểm. → Người sử dụng lao động phải "
        "đóng bảo hiểm.",
        why="Một khái niệm mang hai tên làm người đọc tự hỏi có phải hai đối tượng khác nhau.",
        source=_SOURCE,
    ),
)


class TerminologySummary(Model):
    """Defined terms and the variants found for them."""

    defined_terms: int = Field(description="Terms and abbreviations the text defines.")
    full_names_after_abbreviation: int = Field(
        description="Full names written again after their abbreviation."
    )
    capitalisation_variants: int = Field(description="Names written with another capitalisation.")
    synonyms: int = Field(description="Synonyms of defined terms.")


@lru_cache(maxsize=1)
def synonym_groups() -> PhraseMatcher[tuple[str, ...]]:
    """Every name of the shipped groups, mapped to its whole group (folded)."""
    table = rows(shipped_text("term_synonyms.tsv"), "term_synonyms.tsv", min_columns=2)
    matcher: PhraseMatcher[tuple[str, ...]] = PhraseMatcher(())
    for row in table:
        group = tuple(fold(c) for c in row.columns if c)
        for name in group:
            matcher.add(name, group)
    return matcher


phrase_pass.share("synonyms", lambda options: synonym_groups())


def analyze(ctx: Context) -> TerminologySummary:
    """Find variants of the terms the text defines."""
    doc = ctx.doc
    text = doc.text
    defs = doc.definitions
    defined_spans = [(min(d.term_start, d.definition_start), max(d.term_end, d.definition_end)) for d in defs]
    # Abbreviations with their expansion, and the folded defined terms.
    names: dict[str, tuple[str, str, int]] = {}  # folded expansion -> (abbr, expansion as written, end)
    for d in defs:
        if d.kind == "abbreviation" and looks_like_abbreviation(d.term.strip()):
            key = fold(d.definition)
            if key not in names and len(key.split()) >= 2:
                names[key] = (d.term.strip(), d.definition, max(d.term_end, d.definition_end))
    full = caps = syn = 0
    if names:
        pattern = regex.compile(
            r"(?<![\p{L}\p{N}])(?:"
            + "|".join(regex.escape(n[1]) for n in sorted(names.values(), key=lambda n: -len(n[1])))
            + r")(?![\p{L}\p{N}])",
            regex.IGNORECASE,
        )
        for m in pattern.finditer(text):
            key = fold(m.group())
            if key not in names:
                continue
            abbr, written, def_end = names[key]
            if any(a <= m.start() < b for a, b in defined_spans):
                continue
            form = m.group()
            if form != written and form != form.lower() and form != form.upper():
                caps += 1
                ctx.add(
                    "terminology.capitalisation",
                    m.start(),
                    m.end(),
                    data={"norm": written},
                    fixes=[ctx.fix(m.start(), m.end(), written, safe=False, description=f"Viết «{written}»")],
                    name=form,
                    norm=written,
                )
            elif m.start() >= def_end and form == written and text[m.end() : m.end() + 2].strip()[:1] != "(":
                full += 1
                ctx.add(
                    "terminology.full_name_after_abbreviation",
                    m.start(),
                    m.end(),
                    data={"abbr": abbr},
                    fixes=[ctx.fix(m.start(), m.end(), abbr, safe=False, description=f"Dùng «{abbr}»")],
                    name=form,
                    abbr=abbr,
                )
    defined_terms = {fold(d.term): d for d in defs if d.kind in ("article", "inline")}
    if defined_terms and ctx.enabled("terminology.synonym"):
        for unit_matches in phrase_pass.matches(ctx, "synonyms"):
            for match in unit_matches:
                group = match.value
                name = fold(text[match.start : match.end])
                term = next((t for t in group if t in defined_terms and t != name), None)
                if term is None:
                    continue
                d = defined_terms[term]
                if match.start < d.term_end or any(a <= match.start < b for a, b in defined_spans):
                    continue
                syn += 1
                ctx.add(
                    "terminology.synonym",
                    match.start,
                    match.end,
                    data={"term": d.term},
                    name=text[match.start : match.end],
                    term=d.term,
                )
    return TerminologySummary(
        defined_terms=len(defs),
        full_names_after_abbreviation=full,
        capitalisation_variants=caps,
        synonyms=syn,
    )


ANALYZER = Analyzer(
    name="terminology",
    title="Một khái niệm, một thuật ngữ",
    description="Variants of defined terms: full names after the abbreviation, capitalisation, synonyms.",
    rules=RULES,
    summary=TerminologySummary,
    run=analyze,
    needs=frozenset({"definitions", "words"}),
)
