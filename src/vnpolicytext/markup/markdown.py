"""Markdown (CommonMark/GFM) input: the prose of a Markdown document, with its map to the source.

Left out of the prose: code blocks and inline code, images (alt text included), link targets, front matter,
link reference definitions, HTML comments; HTML blocks are read by the HTML extractor.
"""

from __future__ import annotations

import html

import regex

from ..suppress import Directive, parse_directive
from .html import HTMLExtractor
from .offsets import Builder, Extracted

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_FENCE = regex.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_ATX = regex.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = regex.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_LIST = regex.compile(r"([ \t]*)([-+*]|\d{1,9}[.)])(?:([ \t]+)|$)")
_TASK = regex.compile(r"\[[ xX]\][ \t]+")
_REFDEF = regex.compile(r"[ ]{0,3}\[[^\]]+\]:[ \t]*\S")
_HTML_BLOCK = regex.compile(r"[ ]{0,3}<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|![A-Z]|\?)")
_DELIM_CELL = regex.compile(r"[ \t]*:?-+:?[ \t]*")
_BLOCKQUOTE = regex.compile(r"[ ]{0,3}>[ ]?")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_TAG = regex.compile(
    r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>|!--.*?-->)",
    regex.S,
)
_AUTOLINK = regex.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _columns(text: str) -> int:
    """Indentation width of `text`'s leading whitespace (tabs to multiples of 4)."""
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


# The two line tests below are written out because as regexes, `[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$` and
# `[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`, they take quadratic time to fail on a
# long line such as "- - - ... x" or "|- |- ... x". They accept exactly the lines those regexes match.


def _is_thematic(line: str) -> bool:
    """A thematic break: up to 3 spaces, then 3 or more of one of '-*_' with only blanks between and after."""
    rest = line.lstrip(" ")
    if len(line) - len(rest) > 3 or not rest or rest[0] not in "-*_":
        return False
    marker = rest[0]
    return rest.count(marker) >= 3 and not rest.strip(marker + " \t")


def _is_table_delim(line: str) -> bool:
    """A table delimiter row: cells of `:?-+:?`, separated by '|', outer pipes optional, blanks anywhere."""
    body = line.strip(" \t")
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return all(_DELIM_CELL.fullmatch(cell) is not None for cell in body.split("|"))


def _atx_body_end(line: str, at: int) -> int:
    """Where an ATX heading's text ends: before its closing '#'s and trailing blanks.

    The leftmost p >= at from which line[p:] is `(?:[ \t]+#+)?[ \t]*`, found from the right in linear time
    (a regex search tries every p, each running over the blanks that follow it: quadratic on long runs).
    """
    blanks = len(line.rstrip(" \t"))  # where the trailing blanks start
    hashes = len(line[:blanks].rstrip("#"))  # where the closing '#' run starts
    if hashes < blanks:
        lead = len(line[:hashes].rstrip(" \t"))  # where the blanks before it start
        p = max(lead, at)
        if p < hashes:
            return p
    return max(blanks, at)


class _MarkdownExtractor:
    def __init__(self, source: str) -> None:
        self.src = source
        self.out = Builder()
        self.directives: list[Directive] = []
        self._pairs: _Pairs | None = None
        # (start, end of content, end including the line break) of every line
        self.lines: list[tuple[int, int, int]] = []
        for m in _LINE.finditer(source):
            if m.start() == len(source) and m.start() > 0:
                break
            content = m.group().rstrip("\r\n")
            self.lines.append((m.start(), m.start() + len(content), m.end()))
            if m.end() == len(source):
                break

    def run(self) -> Extracted:
        src, out = self.src, self.out
        i = self._front_matter()
        para_open = False  # the previous line is prose that a next line may continue
        in_list = False
        prev_blank = True
        prev_end = 0
        fence: str | None = None
        table = False
        while i < len(self.lines):
            start, end, _ = self.lines[i]
            i += 1
            s = start
            while (q := _BLOCKQUOTE.match(src, s, end)) is not None:
                s = q.end()
            line = src[s:end]
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                    fence = None
                continue
            if not line.strip():
                out.block(start)
                para_open, prev_blank, table = False, True, False
                continue
            indent = _columns(line)
            if (f := _FENCE.match(line)) is not None:
                out.block(start)
                fence = f.group(1)
                para_open, prev_blank = False, False
                continue
            if indent >= 4 and not in_list and not para_open:
                prev_blank = False
                continue  # indented code block
            if in_list and indent == 0 and prev_blank and _LIST.match(line) is None:
                in_list = False
            if para_open and _SETEXT.match(line) is not None:
                out.block(start)  # the previous paragraph was a setext heading
                para_open, prev_blank = False, False
                continue
            if _is_thematic(line):
                out.block(start)
                para_open, prev_blank = False, False
                continue
            if (h := _ATX.match(line)) is not None:
                out.block(start)
                body_end = s + _atx_body_end(line, h.end())
                self._inline(s + h.end(), max(body_end, s + h.end()))
                out.block(end)
                para_open, prev_blank = False, False
                continue
            if not para_open and _HTML_BLOCK.match(line) is not None:
                i = self._html_block(i - 1, s)
                para_open, prev_blank = False, True
                continue
            if not para_open and _REFDEF.match(line) is not None:
                continue
            if table or ("|" in line and i < len(self.lines) and self._is_delim(i)):
                if not table:
                    table = True
                if not _is_table_delim(line):
                    self._table_row(s, end)
                para_open, prev_blank = False, False
                continue
            if (m := _LIST.match(line)) is not None and (not para_open or indent < 4):
                out.block(start)
                in_list = True
                marker_s = s + m.start(2)
                out.copy(src, marker_s, s + m.end(2))
                body = s + m.end()
                if m.group(3):
                    out.emit(" ", s + m.start(3), s + m.end(3))
                if (t := _TASK.match(src, body, end)) is not None:
                    body = t.end()
                self._inline(body, end)
                para_open, prev_blank, prev_end = True, False, end
                continue
            body = s + indent_chars(line)
            if para_open:
                out.space(prev_end, body)  # soft line break inside a paragraph
            else:
                out.block(start)
            self._inline(body, end)
            para_open, prev_blank, prev_end = True, False, end
        return out.result(src, self.directives)

    def _front_matter(self) -> int:
        if not self.lines:
            return 0
        first = self.src[self.lines[0][0] : self.lines[0][1]].strip()
        if first not in ("---", "+++"):
            return 0
        for k in range(1, len(self.lines)):
            if self.src[self.lines[k][0] : self.lines[k][1]].strip() == first:
                return k + 1
        return 0

    def _is_delim(self, k: int) -> bool:
        start, end, _ = self.lines[k]
        text = self.src[start:end]
        return "|" in text and "-" in text and _is_table_delim(text)

    def _table_row(self, start: int, end: int) -> None:
        cells: list[tuple[int, int]] = []
        cell_start = start
        k = start
        while k < end:
            ch = self.src[k]
            if ch == "\\":
                k += 2
                continue
            if ch == "|":
                cells.append((cell_start, k))
                cell_start = k + 1
            k += 1
        cells.append((cell_start, end))
        for cs, ce in cells:
            if self.src[cs:ce].strip():
                self.out.block(cs)
                lead = cs + indent_chars(self.src[cs:ce])
                self._inline(lead, ce)
        self.out.block(end)

    def _html_block(self, k: int, s: int) -> int:
        """Hand an HTML block (up to a blank line, or to '-->' for a comment) to the HTML extractor."""
        first = self.src[s : self.lines[k][1]].lstrip()
        stop = k
        if first.startswith("<!--"):
            while stop < len(self.lines) and "-->" not in self.src[self.lines[stop][0] : self.lines[stop][1]]:
                stop += 1
            stop = min(stop, len(self.lines) - 1)
        else:
            while (
                stop + 1 < len(self.lines)
                and self.src[self.lines[stop + 1][0] : self.lines[stop + 1][1]].strip()
            ):
                stop += 1
        self.out.block(self.lines[k][0])
        HTMLExtractor(self.src, self.out, self.directives).run(s, self.lines[stop][1])
        self.out.pending_marker = False
        self.out.block(self.lines[stop][1])
        return stop + 1

    def _inline(self, start: int, end: int) -> None:
        """Copy the prose of one line's inline content, dropping the Markdown syntax."""
        src, out = self.src, self.out
        close_at: dict[int, int] = {}  # position of a link's ']' -> position after its '(target)'
        self._pairs = None  # bracket pairs of this line, found once at the first '['
        comment_close = -2  # where the next '-->' starts (-1: none to the end; -2: not looked for)
        k = start
        while k < end:
            if k in close_at:
                k = close_at.pop(k)
                continue
            ch = src[k]
            if ch == "\\":
                if k + 1 < end and src[k + 1] in _ASCII_PUNCT:
                    out.emit(src[k + 1], k, k + 2)
                    k += 2
                    continue
                if k + 1 == end:  # hard line break
                    k += 1
                    continue
            elif ch == "`":
                run = k
                while run < end and src[run] == "`":
                    run += 1
                ticks = src[k:run]
                close = src.find(ticks, run, end)
                while close >= 0 and close + len(ticks) < end and src[close + len(ticks)] == "`":
                    close = src.find(ticks, close + len(ticks) + 1, end)
                if close >= 0:
                    out.space(k, close + len(ticks))  # inline code is left out
                    k = close + len(ticks)
                    continue
                out.copy(src, k, run)
                k = run
                continue
            elif ch == "!" and k + 1 < end and src[k + 1] == "[":
                link = self._link(k + 1, end)
                if link is not None:
                    k = link[1]  # images are left out, alt text included
                    continue
            elif ch == "[":
                link = self._link(k, end)
                if link is not None:
                    close_at[link[0]] = link[1]
                    k += 1
                    continue
            elif ch == "<":
                if src.startswith("<!--", k, end):
                    # '<!--.*?-->' would run to the end of the line from every unclosed '<!--'
                    if comment_close == -2 or 0 <= comment_close < k + 4:
                        comment_close = src.find("-->", k + 4, end)
                    if comment_close < 0:
                        out.copy(src, k, k + 1)
                        k += 1
                        continue
                m = _AUTOLINK.match(src, k, end) or _INLINE_TAG.match(src, k, end)
                if m is not None:
                    if m.group().startswith("<!--"):
                        d = parse_directive(m.group()[4:-3], m.start(), m.end())
                        if d is not None:
                            self.directives.append(d)
                    elif regex.match(r"<br\s*/?>", m.group(), regex.I):
                        out.space(m.start(), m.end())
                    k = m.end()
                    continue
            elif ch == "&":
                m = _ENTITY.match(src, k, end)
                if m is not None:
                    value = html.unescape(m.group())
                    out.emit(value, m.start(), m.end())
                    k = m.end()
                    continue
            elif ch in "*_~":
                run = k
                while run < end and src[run] == ch:
                    run += 1
                before = src[k - 1] if k > start else " "
                after = src[run] if run < end else " "
                if ch == "~" and run - k < 2:
                    out.copy(src, k, run)
                elif before.isspace() and after.isspace():
                    out.copy(src, k, run)  # "2 * 3": not emphasis
                elif ch == "_" and before.isalnum() and after.isalnum():
                    out.copy(src, k, run)  # snake_case
                k = run
                continue
            out.copy(src, k, k + 1)
            k += 1

    def _link(self, k: int, end: int) -> tuple[int, int] | None:
        """For '[' at k: the position of its ']' and the end of the '(target)' or '[ref]' after it."""
        if self._pairs is None or self._pairs[0] > k:
            self._pairs = _pairs(self.src, k, end)
        _, brackets, parens, escaped = self._pairs
        if k not in escaped:
            j = brackets.get(k)
            if j is None:
                return None
            after = j + 1
            if after < end and self.src[after] == "(":
                t = parens.get(after)  # visited by the same scan as j: j is a ']', not a backslash
                return None if t is None else (j, t + 1)
            if after < end and self.src[after] == "[":
                close = self.src.find("]", after, end)
                if close >= 0:
                    return j, close + 1
            return None
        return self._link_scan(k, end)  # k is escaped in the shared scan: scan on its own

    def _link_scan(self, k: int, end: int) -> tuple[int, int] | None:
        """_link by a scan of its own from k (linear in the rest of the line)."""
        depth = 0
        j = k
        while j < end:
            c = self.src[j]
            if c == "\\":
                j += 2
                continue
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        else:
            return None
        after = j + 1
        if after < end and self.src[after] == "(":
            level = 0
            t = after
            while t < end:
                c = self.src[t]
                if c == "\\":
                    t += 2
                    continue
                if c == "(":
                    level += 1
                elif c == ")":
                    level -= 1
                    if level == 0:
                        return j, t + 1
                t += 1
            return None
        if after < end and self.src[after] == "[":
            close = self.src.find("]", after, end)
            if close >= 0:
                return j, close + 1
        return None


_PAIR_TOKEN = regex.compile(r"\\[\s\S]?|[\[\]()]")

_Pairs = tuple[int, dict[int, int], dict[int, int], set[int]]


def _pairs(src: str, k: int, end: int) -> _Pairs:
    """One scan of src[k:end]: the matching ']' of every '[' and ')' of every '(', as _link_scan finds them.

    A backslash hides the next character, as in _link_scan; the positions so hidden are returned too, since
    a scan started there would pair the characters differently. Scans that visit a common position agree
    from there on, so a '[' this scan visits has the partner _link_scan would find.
    """
    brackets: dict[int, int] = {}
    parens: dict[int, int] = {}
    escaped: set[int] = set()
    open_brackets: list[int] = []
    open_parens: list[int] = []
    for m in _PAIR_TOKEN.finditer(src, k, end):
        j = m.start()
        c = src[j]
        if c == "\\":
            escaped.add(j + 1)
        elif c == "[":
            open_brackets.append(j)
        elif c == "]":
            if open_brackets:
                brackets[open_brackets.pop()] = j
        elif c == "(":
            open_parens.append(j)
        elif open_parens:
            parens[open_parens.pop()] = j
    return k, brackets, parens, escaped


def indent_chars(text: str) -> int:
    """Number of leading space and tab characters."""
    return len(text) - len(text.lstrip(" \t"))


def extract_markdown(source: str) -> Extracted:
    """The prose of a Markdown (CommonMark/GFM) document, with its map to the source."""
    return _MarkdownExtractor(source).run()
