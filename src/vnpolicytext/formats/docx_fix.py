"""Fixes written into a Word file as tracked changes (`w:del` + `w:ins`, author "vnpolicytext", a date).

The text is extracted with `formats.docx` (exact offsets, the run of every character), analysed, and the
fixes chosen by `fixes.fix_text` (safe ones unless asked; never two overlapping; never a lower clarity
score). An edit is written only when Word can carry it exactly: every character it replaces lies in one
paragraph, in plain text runs (`w:t`, `w:tab`) that sit directly in the paragraph, a hyperlink or a smart
tag, and not in a list label Word generates, a field, an earlier tracked change or a run holding a drawing
or a break. The others are skipped and counted. A run an edit starts or ends inside is split into pieces
that keep its run properties; the replaced pieces are wrapped in `w:del` (their `w:t` become
`w:delText`), and the new text follows in a `w:ins` run with the properties of the first replaced piece
(of the neighbouring character for a pure insertion). Accepting every change in Word gives the fixed text.
"""

from __future__ import annotations

import io
from copy import deepcopy
from datetime import UTC, datetime
from typing import Any

from .. import Config, InputError
from ..fixes import FixOutcome, fix_text
from ..models import Fix
from .annotate import AUTHOR, _split
from .docx import DocxText, extract_docx
from .location import Source

__all__ = ["DocxFixResult", "accept_all", "fix_docx", "fix_docx_bytes"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Where a run may sit for an edit: the paragraph itself or an inline container that Word edits in place.
_EDITABLE_PARENTS = frozenset(f"{_W}{t}" for t in ("p", "hyperlink", "smartTag", "customXml"))
_PLAIN_ITEMS = frozenset({f"{_W}t", f"{_W}tab"})


class DocxFixResult:
    """What `fix_docx_bytes` did: the new file, the fixed text (all changes accepted) and the outcome."""

    def __init__(self, data: bytes, outcome: FixOutcome, source_text: str) -> None:
        self.data = data
        self.outcome = outcome
        self.source_text = source_text

    @property
    def text(self) -> str:
        """The document's text with every tracked change accepted."""
        return self.outcome.text


def minimal_edit(text: str, fix: Fix) -> Fix:
    """The same edit with the text it keeps at both ends left out ("tiến hành kiểm tra" → "kiểm tra" deletes
    "tiến hành " only), so a reviewer sees only what changes."""
    old, new = text[fix.start : fix.end], fix.replacement
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return fix.model_copy(
        update={"start": fix.start + head, "end": fix.end - tail, "replacement": new[head : len(new) - tail]}
    )


def _plain_run(doc: DocxText, run: int) -> bool:
    el, items = doc.runs[run]
    parent = el.getparent()
    if parent is None or parent.tag not in _EDITABLE_PARENTS:
        return False
    return all(child.tag in _PLAIN_ITEMS for child, _ in items)


def _feasible(doc: DocxText, fix: Fix) -> bool:
    """Can Word carry this edit exactly (see the module docstring)?"""
    fix = minimal_edit(doc.text, fix)
    n = len(doc.text)
    para = doc.locator.chars.paragraph
    if fix.start < fix.end:
        chars = range(fix.start, fix.end)
        if any(doc.run_of[k] < 0 for k in chars) or para[fix.start] != para[fix.end - 1]:
            return False
        return all(_plain_run(doc, r) for r in {doc.run_of[k] for k in chars})
    anchor = _insert_anchor(doc, fix.start)
    return anchor is not None and _plain_run(doc, doc.run_of[anchor[0]]) and n > 0


def _insert_anchor(doc: DocxText, at: int) -> tuple[int, bool] | None:
    """The character an insertion at `at` attaches to and whether it goes after it (True) or before it:
    after the character before it when that is text, else before the character at `at`."""
    if at > 0 and doc.run_of[at - 1] >= 0:
        return at - 1, True
    if at < len(doc.text) and doc.run_of[at] >= 0:
        return at, False
    return None


def _next_id(root: Any) -> int:
    """A revision id above every w:id in the document part."""
    top = 0
    for el in root.iter(f"{_W}ins", f"{_W}del", f"{_W}bookmarkStart", f"{_W}commentRangeStart"):
        try:
            top = max(top, int(el.get(f"{_W}id", "0")))
        except ValueError:
            continue
    return top + 1


def _mark(tag: str, ident: int, date: str, author: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(f"w:{tag}")
    el.set(f"{_W}id", str(ident))
    el.set(f"{_W}author", author)
    el.set(f"{_W}date", date)
    return el


def _new_run(template: Any, text: str) -> Any:
    """A run with `template`'s properties holding `text`."""
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    rpr = template.find(f"{_W}rPr")
    if rpr is not None:
        r.append(deepcopy(rpr))
    t = OxmlElement("w:t")
    r.append(t)
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return r


def write_changes(
    doc: DocxText, fixes: list[Fix], *, author: str = AUTHOR, date: datetime | None = None
) -> int:
    """Write `fixes` (feasible, non-overlapping, offsets into `doc.text`) into `doc.document` as tracked
    changes, each reduced to the characters it changes; returns how many were written."""
    stamp = (date or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = doc.document.element
    ident = _next_id(root)
    fixes = [minimal_edit(doc.text, f) for f in fixes]
    fixes = [f for f in fixes if f.start < f.end or f.replacement]
    cuts: dict[int, list[int]] = {}
    for fix in fixes:
        if fix.start < fix.end:
            first, final = fix.start, fix.end - 1
            cuts.setdefault(doc.run_of[first], []).append(doc.run_offset[first])
            cuts.setdefault(doc.run_of[final], []).append(doc.run_offset[final] + 1)
        else:
            anchor = _insert_anchor(doc, fix.start)
            assert anchor is not None
            k, after = anchor
            cuts.setdefault(doc.run_of[k], []).append(doc.run_offset[k] + (1 if after else 0))
    pieces = {i: _split(doc.runs[i][0], doc.runs[i][1], points) for i, points in cuts.items()}
    untouched = {
        i: [(0, sum(len(t) for _, t in doc.runs[i][1]), doc.runs[i][0])] for i in range(len(doc.runs))
    }

    def piece(char: int) -> Any:
        offset = doc.run_offset[char]
        for a, b, el in pieces.get(doc.run_of[char], untouched[doc.run_of[char]]):
            if a <= offset < b:
                return el
        raise AssertionError("a character outside its run")  # pragma: no cover

    written = 0
    inserted: set[Any] = set()
    anchor_el: Any
    for fix in fixes:
        if fix.start < fix.end:
            deleted: list[Any] = []
            for k in range(fix.start, fix.end):
                el = piece(k)
                if not deleted or deleted[-1] is not el:
                    deleted.append(el)
            template = deleted[0]
            last: Any = None
            for el in deleted:
                wrapper = _mark("del", ident, stamp, author)
                ident += 1
                el.addprevious(wrapper)
                wrapper.append(el)
                for t in el.iter(f"{_W}t"):
                    t.tag = f"{_W}delText"
                    t.set(_XML_SPACE, "preserve")
                last = wrapper
            anchor_el, after = last, True
        else:
            k, after = _insert_anchor(doc, fix.start) or (0, True)
            anchor_el = piece(k)
            template = anchor_el
            parent = anchor_el.getparent()
            if parent is not None and parent.tag == f"{_W}del":
                anchor_el = parent  # an insertion next to a deletion goes outside it,
                while after and anchor_el.getnext() in inserted:
                    anchor_el = anchor_el.getnext()  # and after the text that replaced it
        if fix.replacement:
            ins = _mark("ins", ident, stamp, author)
            ident += 1
            ins.append(_new_run(template, fix.replacement))
            inserted.add(ins)
            if after:
                anchor_el.addnext(ins)
            else:
                anchor_el.addprevious(ins)
        written += 1
    return written


def fix_docx_bytes(
    source: Source,
    config: Config | dict[str, Any] | None = None,
    *,
    safe_only: bool = True,
    author: str = AUTHOR,
    date: datetime | None = None,
) -> DocxFixResult:
    """Fix a Word file (path or bytes): the fixes as tracked changes in a new file (returned as bytes)."""
    doc = extract_docx(source)
    outcome = fix_text(
        doc.text,
        config=config,
        input_format="text",
        safe_only=safe_only,
        feasible=lambda f: _feasible(doc, f),
    )
    write_changes(doc, outcome.applied, author=author, date=date)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    return DocxFixResult(buffer.getvalue(), outcome, doc.text)


def fix_docx(
    source: Source,
    output: str,
    config: Config | dict[str, Any] | None = None,
    *,
    safe_only: bool = True,
) -> DocxFixResult:
    """Fix a Word file and write the result (tracked changes) to `output`."""
    result = fix_docx_bytes(source, config, safe_only=safe_only)
    try:
        with open(output, "wb") as fh:
            fh.write(result.data)
    except OSError as exc:
        raise InputError(f"{output}: không ghi được tệp: {exc.strerror or exc}") from None
    return result


def accept_all(data: bytes) -> bytes:
    """The Word file with every tracked change accepted (deletions dropped, insertions kept): what Word's
    "Accept All Changes" gives, for checking a fixed file."""
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    for el in list(body.iter(f"{_W}del")):
        if el.getparent().tag != f"{_W}rPr":
            el.getparent().remove(el)
    for el in list(body.iter(f"{_W}ins")):
        parent = el.getparent()
        if parent.tag == f"{_W}rPr":
            parent.remove(el)
            continue
        at = parent.index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
