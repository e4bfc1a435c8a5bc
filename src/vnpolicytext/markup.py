"""HTML and Markdown input: extract the prose with an exact map back to the source, analyze, remap.

The extractor builds a plain text in which every character remembers the source span it came from: a
literal character its own position, an entity (``&amp;``, ``&nbsp;``) or a backslash escape the whole
entity, a collapsed run of whitespace the whole run, and the separators we add (``\\n\\n`` between blocks,
``- `` before an HTML list item) an empty span. `analyze` runs on the plain text; every sentence and
finding is then moved back, so ``source[f.start:f.end]`` is the flagged passage of the caller's markup
(tags inside it included) and ``line``/``column`` count the source's lines.

Left out of the prose: tags, attribute values (``alt``, ``title``, ``href``), comments, ``<script>``,
``<style>``, ``<head>``, ``<template>``, ``<pre>``/``<code>`` (code blocks and inline code), images, link
targets, Markdown front matter and link reference definitions. Block elements (paragraphs, headings, list
items, table cells, block quotes) end a paragraph; headings and list items become units of their own.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import regex

from .api import analyze
from .config import Config
from .errors import InputError
from .models import Finding
from .report import Report
from .suppress import Directive, apply, parse_directive, regions

InputFormat = Literal["text", "markdown", "html"]
INPUT_FORMATS: tuple[str, ...] = ("text", "markdown", "html")

_EXTENSIONS: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def format_for_path(path: str | Path, default: InputFormat = "text") -> InputFormat:
    """The input format a file's extension implies (.md/.markdown, .html/.htm, else `default`)."""
    return _EXTENSIONS.get(Path(path).suffix.lower(), default)


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


class _Builder:
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


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "option",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "head",
        "template",
        "pre",
        "code",
        "kbd",
        "samp",
        "noscript",
        "svg",
        "math",
        "textarea",
        "select",
        "iframe",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_WS = regex.compile(r"\s+|\S+")
_COMMENT_CLOSE = regex.compile(r"--\s*>")  # what html.parser looks for to end a comment


class _HTMLExtractor(HTMLParser):
    """Walks an HTML source (or a slice of one, at `base`) and feeds a _Builder with its prose."""

    def __init__(self, source: str, builder: _Builder, directives: list[Directive], base: int = 0) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self.out = builder
        self.directives = directives
        self.skip: list[str] = []
        self._line_starts: list[int] = []

    def run(self, start: int, end: int) -> None:
        chunk = self.source[start:end]
        self.base = start
        self._line_starts = [0] + [m.end() for m in regex.finditer("\n", chunk)]
        self.feed(chunk)
        self.close()

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.base + self._line_starts[line - 1] + col

    # html.parser scans from every unfinished '<tag', '</', '<?' or '<!--' to the end of its buffer and, at
    # close(), starts again at the next '<': quadratic on e.g. '<a <a <a ...'. Each construct needs a '>' to
    # end, so where no '>' (or comment end) follows, the answer "incomplete" (-1) is given at once; what the
    # parser then does with the text is unchanged. The facts are computed once per buffer.
    _facts_for: str | None = None
    _last_gt = -1
    _last_nul = -1
    _last_comment_close = -1

    def _facts(self) -> None:
        raw = self.rawdata
        if raw is not self._facts_for:
            self._facts_for = raw
            self._last_gt = raw.rfind(">")
            self._last_nul = raw.rfind("\x00")
            self._last_comment_close = -1
            if "--" in raw and self._last_gt >= 0:
                # matches of '--\s*>' cannot overlap (each holds one '>', at its end): the last is the rightmost
                for m in _COMMENT_CLOSE.finditer(raw):
                    self._last_comment_close = m.start()

    def check_for_whole_start_tag(self, i: int) -> int:
        self._facts()
        # Without a '>' after i a start tag can only be complete when its name stops at a NUL character.
        if i > self._last_gt and i > self._last_nul:
            return -1
        result: int = super().check_for_whole_start_tag(i)
        return result

    def parse_comment(self, i: int, report: bool = True) -> int:
        self._facts()
        if i + 4 > self._last_comment_close:
            return -1
        result: int = super().parse_comment(i, report)
        return result

    def parse_endtag(self, i: int) -> int:
        self._facts()
        if i + 1 > self._last_gt:
            return -1
        result: int = super().parse_endtag(i)
        return result

    def parse_pi(self, i: int) -> int:
        self._facts()
        if i + 2 > self._last_gt:
            return -1
        result: int = super().parse_pi(i)
        return result

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
            return
        if tag == "br":
            self.out.newline(pos)
        elif tag in _BLOCK_TAGS:
            self.out.block(pos)
            if tag == "li":
                self.out.pending_marker = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _BLOCK_TAGS:
            self.out.pending_marker = False
            self.out.block(pos)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        pos = self._pos()
        for m in _WS.finditer(data):
            s, e = pos + m.start(), pos + m.end()
            if m.group().isspace():
                self.out.space(s, e)
            else:
                self.out.copy(self.source, s, e)

    def _reference(self, length: int) -> None:
        if self.skip:
            return
        pos = self._pos()
        raw = self.source[pos : pos + length]
        value = html.unescape(raw)
        if value.isspace() and value != "\u00a0":
            self.out.space(pos, pos + length)
        else:
            self.out.emit(value, pos, pos + length)

    def handle_entityref(self, name: str) -> None:
        pos = self._pos()
        self._reference(len(name) + 1 + self.source.startswith(";", pos + len(name) + 1))

    def handle_charref(self, name: str) -> None:
        pos = self._pos()
        self._reference(len(name) + 2 + self.source.startswith(";", pos + len(name) + 2))

    def handle_comment(self, data: str) -> None:
        pos = self._pos()
        close = self.source.find("-->", pos + 4 + len(data))
        end = close + 3 if close >= 0 else pos + 4 + len(data)
        directive = parse_directive(data, pos, end)
        if directive is not None:
            self.directives.append(directive)


def extract_html(source: str) -> Extracted:
    """The prose of an HTML document or fragment, with its map to the source."""
    out = _Builder()
    directives: list[Directive] = []
    _HTMLExtractor(source, out, directives).run(0, len(source))
    return out.result(source, directives)


# --------------------------------------------------------------------------- Markdown

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
        self.out = _Builder()
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
        _HTMLExtractor(self.src, self.out, self.directives).run(s, self.lines[stop][1])
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


def extract(source: str, input_format: InputFormat) -> Extracted:
    """The prose of `source` in the given markup format."""
    if input_format == "html":
        return extract_html(source)
    if input_format == "markdown":
        return extract_markdown(source)
    n = len(source)
    return Extracted(source, source, list(range(n)), list(range(1, n + 1)))


# --------------------------------------------------------------------------- remapping the report


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


_OFFSET_KEYS = frozenset({"start", "end", "offset", "split_at"})


def _remap_value(value: Any, ex: Extracted, key: str = "") -> Any:
    """Move plain-text offsets found in summaries and finding data to the source (dicts with start/end)."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            s, e = ex.span(value["start"], value["end"])
            new = {k: _remap_value(v, ex, k) for k, v in value.items() if k not in ("start", "end")}
            new["start"], new["end"] = s, e
            if isinstance(value.get("text"), str):
                new["text"] = ex.source[s:e]
            return new
        return {k: _remap_value(v, ex, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_remap_value(v, ex) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= len(ex.text):
        if key == "end" or key.endswith("_end"):
            return ex.span(value - 1, value)[1] if value > 0 else ex.offset(0)
        if key in _OFFSET_KEYS or key.endswith(("_at", "_start", "_offset")):
            return ex.offset(value)
    return value


def remap(report: Report, ex: Extracted) -> Report:
    """The report with every offset, text, line and column moved from the plain text to the source."""
    lines = _Lines(ex.source)
    sentences = []
    for s in report.sentences:
        a, b = ex.span(s.start, s.end)
        sentences.append(s.model_copy(update={"start": a, "end": b, "text": ex.source[a:b]}))
    findings: list[Finding] = []
    for f in report.findings:
        a, b = ex.span(f.start, f.end)
        line, column = lines.line_column(a)
        data = _remap_value(f.data, ex)
        findings.append(
            f.model_copy(
                update={
                    "start": a,
                    "end": b,
                    "text": ex.source[a:b],
                    "line": line,
                    "column": column,
                    "data": data,
                }
            )
        )
    update: dict[str, Any] = {"sentences": sentences, "findings": findings}
    core = {"version", "profile", "text", "sentences", "findings", "readability"}
    for name in type(report).model_fields:
        value = getattr(report, name)
        if name in core or value is None or not hasattr(value, "model_dump"):
            continue
        update[name] = type(value).model_validate(_remap_value(value.model_dump(), ex))
    return report.model_copy(update=update)


def analyze_markup(
    source: str, input_format: InputFormat | str = "markdown", config: Config | dict[str, Any] | None = None
) -> Report:
    """Analyze an HTML or Markdown source (or plain text); every offset indexes `source`.

    Suppression comments (``<!-- vnpolicytext-disable RULE -->`` …) are honoured in HTML and Markdown.
    """
    if not isinstance(source, str):
        raise TypeError(f"analyze_markup() takes the source as str, not {type(source).__name__}")
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of: {', '.join(INPUT_FORMATS)}")
    if input_format == "text":
        return analyze(source, config=config)
    fmt: InputFormat = input_format  # type: ignore[assignment]
    ex = extract(source, fmt)
    report = remap(analyze(ex.text, config=config), ex)
    silenced = regions(ex.directives, source)
    if silenced:
        report = report.model_copy(update={"findings": apply(report.findings, silenced)})
    return report
