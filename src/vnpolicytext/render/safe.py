"""Output that the input cannot abuse or break (issue 18).

- `printable`: for human-readable outputs (text, github, SARIF message text). C0 and C1 control characters
  (escape sequences that set a terminal's title or clear it), DEL, bidirectional overrides and isolates
  (which reorder what a reviewer sees), line and paragraph separators and lone surrogates are written as
  visible escapes (``\\x1b``, ``\\u202e``); tabs are kept.
- `json_text`: serialized JSON with U+2028, U+2029 and U+0085 escaped, so consumers that split lines with
  `str.splitlines()` (or old JavaScript) see one record per line; the JSON value is unchanged.
- `html_escape`: `html.escape` plus control characters shown as Unicode control pictures (HTML forbids raw
  C0 characters other than whitespace).
- `display_name`: a file name that is not valid UTF-8 (surrogate escapes from the file system) with
  replacement characters, so one odd name cannot fail the output of a whole run.
"""

from __future__ import annotations

__all__ = ["display_name", "html_escape", "json_text", "printable"]

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATORS = "\u2028\u2029"


def _escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    code = ord(ch)
    return (
        (code < 0x20 and ch != "\t")
        or 0x7F <= code <= 0x9F
        or ch in _BIDI
        or ch in _SEPARATORS
        or 0xD800 <= code <= 0xDFFF
    )


# every character `_unsafe` accepts, listed by range (testing all 57,344 code points cost 30 ms at import)
_TABLE = {
    ord(ch): _escape_char(ch)
    for ch in (
        *(chr(c) for c in range(0x20) if c != 0x09),
        *(chr(c) for c in range(0x7F, 0xA0)),
        *_BIDI,
        *_SEPARATORS,
        *(chr(c) for c in range(0xD800, 0xE000)),
    )
}


def printable(text: str) -> str:
    """`text` with control, bidi-override and separator characters written as visible escapes."""
    return text.translate(_TABLE)


def json_text(serialized: str) -> str:
    """JSON text with the line separators that JSON allows raw (U+2028, U+2029, U+0085) escaped."""
    return serialized.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n\r"}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_CONTROL_PICTURES.update({code: "\ufffd" for code in range(0xD800, 0xE000)})


def html_escape(text: str, quote: bool = True) -> str:
    """`html.escape`, with control characters and lone surrogates replaced by visible stand-ins."""
    import html  # here: html.entities is large, and the text report does not escape

    return html.escape(text, quote=quote).translate(_CONTROL_PICTURES)


def display_name(path: str) -> str:
    """A path as it can be printed: bytes that were not UTF-8 become U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _escaped_only(path) else (
            path.encode("utf-8", "replace").decode("utf-8")
        )


def _escaped_only(path: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in path)
