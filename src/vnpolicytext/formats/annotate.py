"""A reviewed copy of a Word file: every finding as a Word comment anchored on the runs it covers.

The original file is read, never written. Where a finding starts or ends inside a run, the run is split
into pieces that keep its run properties (`w:rPr` is copied), so the formatting does not change. A
finding that starts on a list label, or spans several paragraphs, is anchored on the runs it covers in
its first paragraph (a finding on a label alone: on the paragraph's first word).
"""

from __future__ import annotations

import io
import itertools
import os
from copy import deepcopy
from pathlib import Path
from typing import Any

from .. import Config, Finding, InputError, analyze
from .docx import DocxText, _run_items, extract_docx
from .location import DocumentReport, Source

AUTHOR = "vnpolicytext"
INITIALS = "VNP"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

__all__ = ["AUTHOR", "annotate_document", "annotate_docx", "comment_text"]


def comment_text(finding: Finding) -> str:
    """The comment body: the message, the suggestion, the rule id (one paragraph each)."""
    lines = [finding.message]
    if finding.suggestion:
        lines.append(f"Gợi ý: {finding.suggestion}")
    lines.append(f"Quy tắc: {finding.rule} ({finding.severity})")
    return "\n".join(" ".join(line.split()) for line in lines)


def _trim(el: Any, a: int, b: int, n: int) -> None:
    """Keep only the characters [a, b) of the run `el` (whose text has n characters)."""
    pos = 0
    for child, text in _run_items(el):
        length = len(text)
        if length == 0:
            if not (a <= pos < b or pos == n == b):
                el.remove(child)
        else:
            lo, hi = max(a, pos), min(b, pos + length)
            if lo >= hi:
                el.remove(child)
            elif (lo, hi) != (pos, pos + length):
                child.text = text[lo - pos : hi - pos]
                child.set(_XML_SPACE, "preserve")
        pos += length


def _split(r: Any, items: list[tuple[Any, str]], points: list[int]) -> list[tuple[int, int, Any]]:
    """Split run `r` at `points` (offsets in its text); pieces as (start, end, element), in order."""
    n = sum(len(t) for _, t in items)
    cuts = sorted({p for p in points if 0 < p < n})
    if not cuts:
        return [(0, n, r)]
    template = deepcopy(r)
    bounds = [0, *cuts, n]
    pieces: list[tuple[int, int, Any]] = []
    anchor = r
    for a, b in itertools.pairwise(bounds):
        if a == 0:
            pieces.append((a, b, r))
            continue
        el = deepcopy(template)
        _trim(el, a, b, n)
        anchor.addnext(el)
        anchor = el
        pieces.append((a, b, el))
    _trim(r, 0, bounds[1], n)
    return pieces


def _anchor_chars(doc: DocxText, finding: Finding, body_start: dict[int, int]) -> tuple[int, int] | None:
    """First and last extracted characters to anchor a finding on (both in its first paragraph)."""
    n = len(doc.text)
    if n == 0:
        return None
    s = min(max(finding.start, 0), n - 1)
    e = min(max(finding.end, s + 1), n)
    paragraph = doc.locator.chars.paragraph
    covered = [k for k in range(s, e) if doc.run_of[k] >= 0]
    if covered:
        first_para = paragraph[covered[0]]
        same = [k for k in covered if paragraph[k] == first_para]
        return same[0], same[-1]
    # on a list label (or a separator) only: the first word of the paragraph
    start = body_start.get(paragraph[s])
    if start is None:
        return None
    k = start
    while k < n and doc.run_of[k] >= 0 and doc.text[k].isspace():
        k += 1
    if k >= n or doc.run_of[k] < 0:
        return None
    last = k
    while last + 1 < n and doc.run_of[last + 1] >= 0 and not doc.text[last + 1].isspace():
        last += 1
    return k, last


def annotate_document(doc: DocxText, findings: list[Finding], *, author: str = AUTHOR) -> int:
    """Add one comment per finding to `doc.document` (in memory); returns the number of comments added."""
    from docx.text.run import Run

    body_start = {p.index: p.body_start for p in doc.paragraphs}
    anchors = [_anchor_chars(doc, f, body_start) for f in findings]
    cuts: dict[int, list[int]] = {}
    for anchor in anchors:
        if anchor is None:
            continue
        first, last = anchor
        cuts.setdefault(doc.run_of[first], []).append(doc.run_offset[first])
        cuts.setdefault(doc.run_of[last], []).append(doc.run_offset[last] + 1)
    pieces = {i: _split(doc.runs[i][0], doc.runs[i][1], points) for i, points in cuts.items()}

    def piece(char: int) -> Any:
        offset = doc.run_offset[char]
        for a, b, el in pieces[doc.run_of[char]]:
            if a <= offset < b:
                return el
        raise AssertionError("a character outside its run")  # pragma: no cover

    added = 0
    for finding, anchor in zip(findings, anchors, strict=True):
        if anchor is None:
            continue
        runs = [Run(piece(anchor[0]), doc.document), Run(piece(anchor[1]), doc.document)]
        doc.document.add_comment(runs, text=comment_text(finding), author=author, initials=INITIALS)
        added += 1
    return added


def _same_file(source: Source, output: Path) -> bool:
    if isinstance(source, bytes | bytearray | memoryview) or not output.exists():
        return False
    try:
        return os.path.samefile(source, output)
    except OSError:
        return False


def annotate_docx(
    source: Source,
    output: str | os.PathLike[str],
    config: Config | dict[str, Any] | None = None,
    *,
    author: str = AUTHOR,
) -> DocumentReport:
    """Write a copy of the Word file with every finding as a comment; returns the document report."""
    out = Path(output)
    if _same_file(source, out):
        raise InputError(
            f"{out}: tệp kết quả trùng với tệp gốc; hãy chọn một tên khác (tệp gốc không bị sửa)"
        )
    doc = extract_docx(source)
    report = analyze(doc.text, config=config)
    annotate_document(doc, report.findings, author=author)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    try:
        out.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise InputError(f"{out}: không ghi được tệp: {exc.strerror or exc}") from None
    locations = [doc.locator.locate(f.start, f.end) for f in report.findings]
    return DocumentReport(format="docx", text=doc.text, report=report, locations=locations)
