"""HTML input: the prose of an HTML document or fragment, with its map to the source.

Left out of the prose: tags, attribute values (``alt``, ``title``, ``href``), comments, ``<script>``,
``<style>``, ``<head>``, ``<template>``, ``<pre>``/``<code>``, images. Block elements (paragraphs, headings,
list items, table cells, block quotes) end a paragraph; list items get a "- " marker.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from ..suppress import Directive, parse_directive
from .offsets import Builder, Extracted

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


class HTMLExtractor(HTMLParser):
    """Walks an HTML source (or a slice of one, at `base`) and feeds a Builder with its prose."""

    def __init__(self, source: str, builder: Builder, directives: list[Directive], base: int = 0) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self.out = builder
        self.directives = directives
        self.skip: list[str] = []
        self._line_starts: list[int] = []

    def run(self, start: int, end: int) -> None:
        chunk = self.source[start:end]
        # After the last '>' (and NUL) no construct can end, so html.parser reads every '<' there as text,
        # but only after searching the rest of the buffer for a '>' from each one (quadratic). They are
        # handed to it as a neutral character of the same length; the text itself is copied from the source.
        tail = max(chunk.rfind(">"), chunk.rfind("\x00")) + 1
        if "<" in chunk[tail:]:
            chunk = chunk[:tail] + chunk[tail:].replace("<", "\x01")
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

    def parse_html_declaration(self, i: int) -> int:
        self._facts()
        if i + 2 > self._last_gt:
            return -1
        if self.rawdata.startswith("<![", i):
            position = self.lineno, self.offset
            try:
                result: int = self.parse_marked_section(i)
            except AssertionError:  # "<![1 …", "<![foo[ …": html.parser gives up; HTML reads a bogus comment
                self.lineno, self.offset = position  # its error path moved the position on
                result = self.parse_bogus_comment(i)
            return result
        declaration: int = super().parse_html_declaration(i)
        return declaration

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
    out = Builder()
    directives: list[Directive] = []
    HTMLExtractor(source, out, directives).run(0, len(source))
    return out.result(source, directives)
