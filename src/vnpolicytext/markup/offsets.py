"""The offset-tracking builder: prose extracted from a markup source, each character mapped to its source span.

The extractor builds a plain text in which every character remembers the source span it came from: a
literal character its own position, an entity (``&amp;``, ``&nbsp;``) or a backslash escape the whole
entity, a collapsed run of whitespace the whole run, and the separators we add (``\\n\\n`` between blocks,
``- `` before an HTML list item) an empty span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..suppress import Directive

# --------------------------------------------------------------------------- the offset-tracking builder


@dataclass(slots=True)
class Extracted:
    """The prose of a markup source and, per prose character, the source span it stands for."""

    source: str
    text: str
    starts: list[int]
    ends: list[int]
    directives: list[Directive] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the plain-text span [start, end)."""
        n = len(self.text)
        if end <= start:
            pos = self.starts[start] if start < n else (self.ends[-1] if n else 0)
            return pos, pos
        s = self.starts[start]
        e = max(self.ends[end - 1], s)
        return s, e

    def offset(self, pos: int) -> int:
        """The source offset of a single plain-text position."""
        return self.span(pos, pos)[0]


class Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.pending_marker = False  # emit "- " before the next prose character (HTML <li>)

    def _marker(self, at: int) -> None:
        if self.pending_marker:
            self.pending_marker = False
            self.emit("- ", at, at)

    def copy(self, source: str, start: int, end: int) -> None:
        """Copy source[start:end] one to one."""
        if start >= end:
            return
        self._marker(start)
        self.chars.extend(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def emit(self, text: str, start: int, end: int) -> None:
        """Add `text`, every character of it standing for source[start:end]."""
        if text and not text.isspace():
            self._marker(start)
        self.chars.extend(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def space(self, start: int, end: int) -> None:
        """One space for a run of whitespace, unless the text already ends with whitespace."""
        if self.chars and not self.chars[-1].isspace():
            self.emit(" ", start, end)

    def newline(self, at: int) -> None:
        """A line break inside a paragraph (<br>)."""
        self._trim()
        if self.chars and self.chars[-1] != "\n":
            self.emit("\n", at, at)

    def block(self, at: int) -> None:
        """End the paragraph: a blank line, once."""
        self._trim()
        if not self.chars:
            return
        if self.chars[-1] == "\n" and len(self.chars) >= 2 and self.chars[-2] == "\n":
            return
        self.emit("\n" if self.chars[-1] == "\n" else "\n\n", at, at)

    def _trim(self) -> None:
        while self.chars and self.chars[-1] in " \t":
            self.chars.pop()
            self.starts.pop()
            self.ends.pop()

    def result(self, source: str, directives: list[Directive]) -> Extracted:
        self._trim()
        while self.chars and self.chars[-1] == "\n":
            self.chars.pop()
            self.starts.pop()
            self.ends.pop()
        return Extracted(source, "".join(self.chars), self.starts, self.ends, directives)
