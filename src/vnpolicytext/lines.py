"""One line index for every module that turns offsets into lines and columns."""

from __future__ import annotations

from bisect import bisect_right

import regex

_BREAK = regex.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based line and column (code points) of offsets in a text; lines end at \\n, \\r\\n or \\r."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        """1-based line of `offset`."""
        return bisect_right(self.starts, offset)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def end_line_column(self, start: int, end: int) -> tuple[int, int]:
        """Line and column just after the last character of [start, end) (the exclusive end column)."""
        if end <= start:
            return self.line_column(start)
        line, col = self.line_column(end - 1)
        return line, col + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start offset of 1-based `line` and of the line after it (or the text's end)."""
        start = self.starts[line - 1]
        stop = self.starts[line] if line < len(self.starts) else len(self.text)
        return start, stop
