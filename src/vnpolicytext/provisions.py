"""Reading units and sections: how a reader meets legal layout.

A provision is read as one thing: its chapeau ("Hồ sơ gồm:", "1. Người nộp thuế có trách nhiệm sau đây:")
and the list items that complete it ("a) …", "- …"). For the clarity measure the chapeau and its items are
one *reading unit*; every other sentence or list item is a reading unit of its own; headings are none.
Sections split the text at headings and at units opening with a structural label (Chương, Mục, Điều …).
Both are plain functions over the document's units and labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .document import Document, Label, Unit

# Labels that open a section of their own (a unit starting with "Điều 5." is the start of an article even
# when the segmenter did not take it for a heading).
SECTION_LABELS = frozenset({"part", "chapter", "section", "subsection", "article", "appendix"})


@dataclass(frozen=True, slots=True)
class ReadingUnit:
    """A sentence, or a provision (chapeau plus its items): consecutive units read as one."""

    first: int  # index of the first unit
    last: int  # index of the last unit (inclusive)
    syllables: int

    @property
    def units(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def is_provision(self) -> bool:
        return self.last > self.first


@dataclass(frozen=True, slots=True)
class Section:
    """Consecutive units from one heading (or structural label) to the next."""

    first: int
    last: int


def _opens_list(unit: Unit) -> bool:
    return unit.text.rstrip().rstrip("”\"'»)").endswith(":")


def reading_units(units: Sequence[Unit], labels: Sequence[Label] = ()) -> list[ReadingUnit]:
    """The reading units of a document, in order (headings and units without syllables left out).

    A unit ending with ':' opens a provision; the list items after it belong to it until a sentence, a
    heading, a unit with no syllables, or a list item carrying the same kind of label as the chapeau
    (the next "2." after "1. … sau đây:") or a structural label (Điều, Chương …). A text of nothing but
    headings has its headings as reading units."""
    kind_of = {lab.unit: lab.kind for lab in labels}
    out: list[ReadingUnit] = []
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if u.kind == "heading" or not u.syllables:
            i += 1
            continue
        last, total = i, len(u.syllables)
        if _opens_list(u):
            own = kind_of.get(u.index)
            j = i + 1
            while j < n:
                v = units[j]
                k = kind_of.get(v.index)
                if v.kind != "list_item" or not v.syllables or (own is not None and k == own):
                    break
                if k in SECTION_LABELS:
                    break
                last, total = j, total + len(v.syllables)
                j += 1
        out.append(ReadingUnit(i, last, total))
        i = last + 1
    if not out:  # nothing but headings: they are what the reader reads
        out = [ReadingUnit(u.index, u.index, len(u.syllables)) for u in units if u.syllables]
    return out


def sections(units: Sequence[Unit], labels: Sequence[Label] = ()) -> list[Section]:
    """The sections of a document: a new one starts at each heading or structural label (one section when
    there is none). Consecutive headings (Chương I, then its title) open a single section."""
    structural = {lab.unit for lab in labels if lab.kind in SECTION_LABELS}
    out: list[Section] = []
    start = 0
    only_openers = True  # every unit since `start` opens a section (kept as we go: no rescan, linear time)
    for u in units:
        opens = u.kind == "heading" or u.index in structural
        if opens and u.index > start:
            if only_openers:
                continue  # still in the run of headings that opened this section
            out.append(Section(start, u.index - 1))
            start = u.index
            only_openers = True
        only_openers = only_openers and opens
    if units:
        out.append(Section(start, len(units) - 1))
    return out


def document_reading_units(doc: Document) -> list[ReadingUnit]:
    """`reading_units` of a document (the adapter the analyzers call)."""
    return reading_units(doc.units, doc.labels)


def document_sections(doc: Document) -> list[Section]:
    """`sections` of a document."""
    return sections(doc.units, doc.labels)
