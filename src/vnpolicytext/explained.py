"""Terms the text explains where it uses them: a gloss in brackets, "X là …", "…, tức là …", "Nghĩa là …".

A plain-language writer keeps a legal term that has no plainer name and explains it on the spot (Khoản 3
Điều 69 Nghị định 34/2016/NĐ-CP asks for exactly that). `explanations(doc)` finds the places by class of
construction and returns, for each, the *explained region* (the words the explanation is about) and the
*gloss* (the explanation), as working-copy spans of the `Document`:

- ``gloss``: a bracketed explanation right after the words it explains: "thời hiệu (khoảng thời gian được
  quyền khiếu nại)". The region runs back from the bracket to the nearest clause boundary (punctuation,
  "hoặc", "và", "thì", "nếu", "khi", "để", "mà", "nhưng", "là"), at most `GLOSS_REACH` syllables. Brackets that qualify
  rather than explain are not glosses: they open with a condition or a reference word ("(nếu có)", "(trừ
  …)", "(theo …)"), hold a digit ("(01 bản)") or open with a capital (a name, an abbreviation).
- ``marker``: "…, tức là …", "…, nghĩa là …", "…, có nghĩa là …", "…, hay nói cách khác …": the region is
  the clause before the marker (at most `MARKER_REACH` syllables).
- ``copula``: a unit that opens with a short noun phrase and "là", "được hiểu là", "nghĩa là", "tức là":
  "Bên bảo đảm là bên cầm cố, thế chấp … để bảo đảm một nghĩa vụ." The region is the noun phrase (at most
  `SUBJECT_REACH` syllables, no punctuation, no modal, condition or quantity word, not opening with "Việc"
  or "Có": "Người khiếu nại phải là …" states a requirement, "Thời hạn tối đa là 30 ngày" a value, not a
  meaning; nor is a predicate that opens with a number).
- ``next_sentence``: a unit that opens with "Nghĩa là", "Tức là", "Có nghĩa là", "Điều này có nghĩa là",
  "Nói cách khác", "Nói đơn giản", "Hiểu đơn giản": the region is the whole unit before it.

Definitions articles and "(sau đây gọi là …)" are `definitions.py`'s; this module finds only the
explanations given in passing, in the same or the next sentence. Everything is one pass over the units.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal
from weakref import WeakKeyDictionary

import regex

from .definitions import blank_start
from .document import Document, Unit
from .vocab import SYLLABLE

ExplanationKind = Literal["gloss", "marker", "copula", "next_sentence"]

GLOSS_REACH = 8
"""Syllables a bracketed gloss reaches back over (a term of up to eight syllables and its verb)."""
MARKER_REACH = 15
"""Syllables "…, tức là …" reaches back over (one clause)."""
SUBJECT_REACH = 12
"""Syllables of the noun phrase that "X là …" explains."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """One explanation given in passing: the region it explains and the gloss, working-copy spans."""

    kind: ExplanationKind
    unit: int
    start: int
    end: int
    gloss_start: int
    gloss_end: int


# A clause boundary inside a unit: punctuation, or a word that opens a new clause or phrase.
_BOUNDARY = regex.compile(
    r"[,;:.!?()\[\]\n–—]|(?<![\p{L}\p{N}])(?:hoặc|và|thì|nếu|khi|để|mà|nhưng|là)(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
# Openers of a bracket that qualifies, restricts or refers instead of explaining.
_NOT_GLOSS = regex.compile(
    r"\s*(?:nếu|trừ|kể\s+cả|đối\s+với|trong\s+trường\s+hợp|trường\s+hợp|khi|theo|qua|tại|ở|từ|đến|do|bởi"
    r"|đã|đang|sẽ|hoặc|và|kèm|sau\s+đây|dưới\s+đây|gọi|viết|áp\s+dụng|ban\s+hành|không\s+bao\s+gồm"
    r"|mẫu|số|bản|trang|tờ|điều|khoản|điểm|chương|mục|xem|nguồn|ảnh)(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
_BRACKET = regex.compile(r"\(([^()\n]{2,160})\)")
_MARKER = regex.compile(
    r",\s*(?:tức\s+là|nghĩa\s+là|có\s+nghĩa\s+là|hay\s+nói\s+cách\s+khác|nói\s+cách\s+khác|hiểu\s+là)"
    r"(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
_NEXT = regex.compile(
    r"(?:nghĩa\s+là|tức\s+là|có\s+nghĩa\s+là|điều\s+(?:này|đó)\s+có\s+nghĩa\s+là|nói\s+cách\s+khác"
    r"|nói\s+(?:một\s+cách\s+)?(?:đơn\s+giản|dễ\s+hiểu)|hiểu\s+(?:một\s+cách\s+)?(?:đơn\s+giản|dễ\s+hiểu))"
    r"(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
_COPULA = regex.compile(
    r"(?<![\p{L}\p{N}])(?:được\s+hiểu\s+là|có\s+nghĩa\s+là|nghĩa\s+là|tức\s+là|là)(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
# Where `_COPULA` can match: at a "là" (a scan for the literal), or at the "tức", "nghĩa", "có nghĩa" or
# "được hiểu" just before it (matched backwards from it). See `_copula`.
_LA = regex.compile(r"là", regex.IGNORECASE)
_BEFORE_LA = regex.compile(r"(?:nghĩa|tức|hiểu)\s+", regex.IGNORECASE | regex.REVERSE)
_BEFORE_WORD = regex.compile(r"(?:có|được)\s+", regex.IGNORECASE | regex.REVERSE)
# A subject holding one of these states a rule, a condition or a requirement, not what a term means.
_NOT_SUBJECT = regex.compile(
    r"(?<![\p{L}\p{N}])(?:phải|không|chưa|đã|sẽ|đang|cũng|đều|vẫn|chỉ|có\s+thể|thì|nếu|khi|mà|trường\s+hợp"
    r"|trong|đối\s+với|riêng|tối\s+đa|tối\s+thiểu|chậm\s+nhất|ít\s+nhất|nhiều\s+nhất|đây|đó|này|kia|ai|gì"
    r"|nào|sao)(?![\p{L}\p{N}])|^\s*(?:việc|có)(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
_SUBJECT_BREAK = regex.compile(r"[,;:()]")
# "Thời hạn gửi là 05 ngày": a value, not a meaning.
_VALUE = regex.compile(r"\s*\d")
_LEAD = regex.compile(r"[\s\-–—+•*·“”\"']*")


def _copula(text: str, start: int, end: int) -> regex.Match[str] | None:
    """`_COPULA.search(text, start, end)` without trying the pattern at every position (its look-behind comes
    first, so the engine cannot skip ahead). Every match ends with "là" and starts at it or at one of the
    words before it that its alternatives allow (which hold no "là"), so the first "là" with a match holds
    the leftmost one; its possible starts are tried from the left, as `search` would."""
    for la in _LA.finditer(text, start, end):
        starts = [la.start()]
        # each backward match is a word and blanks: bounded by the blanks' start (see `blank_start`)
        word = _BEFORE_LA.match(text, max(start, blank_start(text, starts[0], start) - 10), starts[0])
        if word is not None:
            starts.append(word.start())
            lead = _BEFORE_WORD.match(text, max(start, blank_start(text, word.start(), start) - 10), word.start())
            if lead is not None:
                starts.append(lead.start())
        for q in reversed(starts):
            found = _COPULA.match(text, q, end)
            if found is not None:
                return found
    return None


def _syllables_back(text: str, start: int, end: int, reach: int) -> int:
    """Start of the last `reach` syllables of text[start:end], cut at the last clause boundary."""
    cut = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
    found = [m.start() for m in SYLLABLE.finditer(text, cut, end)]
    return found[-reach] if len(found) >= reach else (found[0] if found else end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces around it and the punctuation that ends it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;:,!?"):
        end -= 1
    return start, end


def _body_start(doc: Document, u: Unit) -> int:
    """Where the unit's words start: after its label and any bullet or quote."""
    m = _LEAD.match(doc.text, u.label_end if u.label_end > u.start else u.start, u.end)
    return m.end() if m else u.start


def _find(doc: Document) -> tuple[Explanation, ...]:
    text = doc.text
    out: list[Explanation] = []
    for u in doc.units:
        if u.kind == "heading":
            continue
        body = _body_start(doc, u)
        for m in _BRACKET.finditer(text, body, u.end):
            inner = m.group(1)
            if _NOT_GLOSS.match(inner) or any(c.isdigit() for c in inner) or not inner.strip()[:1].islower():
                continue
            if len(SYLLABLE.findall(inner)) < 2:
                continue
            start = _syllables_back(text, body, m.start(), GLOSS_REACH)
            if start < m.start() and text[start : m.start()].strip():
                out.append(Explanation("gloss", u.index, start, m.start(), m.start(1), m.end(1)))
        for m in _MARKER.finditer(text, body, u.end):
            start = _syllables_back(text, body, m.start(), MARKER_REACH)
            if start < m.start():
                out.append(Explanation("marker", u.index, start, m.start(), *_trim(text, m.end(), u.end)))
        c = _copula(text, body, u.end)
        if c is not None:
            subject = text[body : c.start()]
            if (  # the cheap test first: a subject with a comma or a bracket is not counted
                not _SUBJECT_BREAK.search(subject)
                and 0 < len(SYLLABLE.findall(subject)) <= SUBJECT_REACH
                and not _NOT_SUBJECT.search(subject)
                and not _VALUE.match(text, c.end(), u.end)
            ):
                out.append(Explanation("copula", u.index, body, c.start(), *_trim(text, c.end(), u.end)))
        if u.index > 0 and _NEXT.match(text, body, u.end):
            prev = doc.units[u.index - 1]
            if prev.kind != "heading":
                out.append(
                    Explanation(
                        "next_sentence",
                        prev.index,
                        _body_start(doc, prev),
                        prev.end,
                        *_trim(text, body, u.end),
                    )
                )
    out.sort(key=lambda e: (e.start, e.end))
    return tuple(out)


_CACHE: WeakKeyDictionary[Document, Explained] = WeakKeyDictionary()


class Explained:
    """The explanations of one document, and which of them covers a span."""

    __slots__ = ("_reach", "_starts", "items")

    def __init__(self, items: tuple[Explanation, ...]) -> None:
        self.items = items
        self._starts = [e.start for e in items]
        reach, best = [], -1
        for e in items:
            best = max(best, e.end)
            reach.append(best)
        self._reach = reach  # the furthest end among the regions up to each one

    def covering(self, start: int, end: int) -> Explanation | None:
        """The explanation whose region holds the working-copy span [start, end), if any."""
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self._reach[i] >= end:
            e = self.items[i]
            if e.start <= start and end <= e.end:
                return e
            i -= 1
        return None

    def __len__(self) -> int:
        return len(self.items)


def explanations(doc: Document) -> Explained:
    """The explanations the document gives in passing, found once per document."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = Explained(_find(doc))
    return found
