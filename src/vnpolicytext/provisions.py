"""Reading units and sections: how a reader meets legal layout.

A provision is read as one thing: its chapeau ("Hồ sơ gồm:", "1. Người nộp thuế có trách nhiệm sau đây:")
and the list that completes it ("a) …", "- …", "+ …", an item without a label, an item's second
paragraph). For the clarity measure the chapeau and its list are one *reading unit*; every other sentence
or list item is a reading unit of its own; headings are none.
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


_CLOSERS = "”\"'»)"
# What a list member ends with when the list goes on: another item follows ("a) Đơn đề nghị;"), or the
# item runs on in the next paragraph ("Để thực hiện …,"); a nested list opens with ':' ("b) Giấy tờ gồm:").
_ITEM_ENDS = frozenset(";,")
_LIST_OPEN = _ITEM_ENDS | {":"}
_QUOTES = '"“'


def _last_char(unit: Unit) -> str:
    text = unit.text.rstrip().rstrip(_CLOSERS)
    return text[-1:]


def _opens_list(unit: Unit) -> bool:
    return _last_char(unit) == ":"


def _label_key(label: Label | None) -> str | None:
    """What tells one level of a list from another: the label kind, and for a bullet or another plain item
    label its mark ("-" and "+" are two levels, "1-" and "2-" one)."""
    if label is None:
        return None
    if label.kind != "item":
        return label.kind
    mark = label.number.split()[0] if label.number.split() else label.number
    return "".join("#" if c.isdigit() else c for c in mark)


def _is_bullet(key: str) -> bool:
    """A bullet mark ("-", "+", "•"), not a numbered or named label ("#-", "Bước")."""
    return bool(key) and not any(c.isalnum() or c == "#" for c in key)


def reading_units(units: Sequence[Unit], labels: Sequence[Label] = ()) -> list[ReadingUnit]:
    """The reading units of a document, in order (headings and units without syllables left out).

    A unit ending with ':' opens a provision, and the whole list that completes it belongs to it: its list
    items at every level ("a)", "-", "+"), and an unlabelled paragraph that is an item or the rest of one (it
    ends with ';' or ',', or the member before it did). The provision ends at a heading, a unit with no
    syllables, a structural label (Điều, Chương …), an unlabelled paragraph once the list is closed (a colon
    alone makes no list: "Ông A cho biết:" then a quotation), or an item carrying the chapeau's own kind of
    label (the next "2." after "1. … sau đây:"), except a bullet or a quoted label while the list is open
    ("- Trưng thu:" then "- Công điền;"; "… như sau:" then an amended "“2. …”"). A text of nothing but
    headings has its headings as reading units."""
    label_of = {lab.unit: lab for lab in labels}
    out: list[ReadingUnit] = []
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if u.kind == "heading" or not u.syllables:
            i += 1
            continue
        last, total = i, len(u.syllables)
        if _opens_list(u):
            own = _label_key(label_of.get(u.index))
            j = i + 1
            while j < n:
                v = units[j]
                lab = label_of.get(v.index)
                if v.kind == "heading" or not v.syllables or (lab is not None and lab.kind in SECTION_LABELS):
                    break
                open_ = _last_char(units[last]) in _LIST_OPEN
                if lab is None:
                    # an item without a label, or the rest of one: it ends with ';' or ',' (the list goes
                    # on), or the member before it did (the list's last item). A paragraph that only follows
                    # the colon ("Ông A cho biết:" then a quotation) is not a list.
                    if not (_last_char(units[last]) in _ITEM_ENDS or _last_char(v) in _ITEM_ENDS):
                        break
                elif own is not None and _label_key(lab) == own:
                    # the chapeau's own kind of label: the next provision, unless the list is still open
                    # and the label is a bullet or quoted (an item of the lead-in, an amended text)
                    if not (open_ and (_is_bullet(own) or v.text[:1] in _QUOTES)):
                        break
                elif v.kind != "list_item":
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
