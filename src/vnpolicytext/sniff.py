"""What a file is, from its content (magic bytes), not only its name; and reading it as text or markup.

Supported: plain text (.txt), Markdown (.md), HTML (.html), Word (.docx) and PDF (.pdf). Everything else
that people try (RTF, the old binary .doc, images, archives, other office files, binaries) is refused with a
Vietnamese message that names what the file is and what is supported, instead of being scored as text.

The reading of DOCX and PDF belongs to their own modules: they plug in through `register_reader`
(see READERS); until a reader is registered, such a file gets an InputError saying which extra to install.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

from .errors import InputError

SUPPORTED = ".txt, .md, .html, .docx, .pdf"
TEXT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The kind of a file ("text", "html", "docx", "pdf", "rtf", "doc", "image", "archive", "office",
    "binary") and a detail naming the exact format (e.g. "PNG", "7z", "Excel (.xlsx)")."""

    kind: str
    detail: str

    @property
    def supported(self) -> bool:
        return self.kind in ("text", "html", "docx", "pdf")


_HTML = regex.compile(
    rb"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b",
    regex.IGNORECASE | regex.DOTALL,
)
_OOXML = {
    "word/document.xml": ("docx", "Word (.docx)"),
    "xl/workbook.xml": ("office", "Excel (.xlsx)"),
    "ppt/presentation.xml": ("office", "PowerPoint (.pptx)"),
}


def sniff_bytes(data: bytes) -> Sniffed:
    """The kind of file these bytes are, from their first bytes (and a zip's table of contents)."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Sniffed("doc", "Word 97-2003 (.doc) / OLE2")
    if b"%PDF-" in head:
        return Sniffed("pdf", "PDF")
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if stripped.startswith(b"{\\rtf"):
        return Sniffed("rtf", "RTF")
    image = _image(head)
    if image:
        return Sniffed("image", image)
    archive = _archive(data)
    if archive:
        return Sniffed("archive", archive)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Sniffed("text", "UTF-16")
    if b"\x00" in data[:8192]:
        return Sniffed("binary", "binary")
    if _HTML.match(head.removeprefix(codecs.BOM_UTF8)):
        return Sniffed("html", "HTML")
    return Sniffed("text", "text")


def _sniff_zip(data: bytes) -> Sniffed:
    import zipfile  # here: only ZIP containers (Word, OpenDocument) need it

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return Sniffed("archive", "ZIP")
    for member, found in _OOXML.items():
        if member in names:
            return Sniffed(*found)
    if "mimetype" in names:
        mimetype = zipfile.ZipFile(io.BytesIO(data)).read("mimetype")[:100]
        if b"opendocument.text" in mimetype:
            return Sniffed("office", "OpenDocument (.odt)")
        if b"epub" in mimetype:
            return Sniffed("office", "EPUB")
    return Sniffed("archive", "ZIP")


def _image(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    # "BM", then the file size, then four reserved zero bytes: the two letters alone start words too.
    if head.startswith(b"BM") and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "BMP"
    return None


def _archive(data: bytes) -> str | None:
    head = data[:512]
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"Rar!\x1a\x07"):
        return "RAR"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"\x31\x41\x59\x26\x53\x59":
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if data[257:262] == b"ustar":
        return "tar"
    return None


# --------------------------------------------------------------------------- refusals


def refusal(source: str, sniffed: Sniffed) -> InputError:
    """The InputError for a file of an unsupported kind: what it is, what to do, what is supported."""
    what = {
        "rtf": "tệp RTF chưa được hỗ trợ; hãy mở bằng Word hoặc LibreOffice và lưu thành .docx",
        "doc": "tệp Word cũ (.doc) chưa được hỗ trợ; hãy mở bằng Word hoặc LibreOffice và lưu thành .docx",
        "image": f"tệp ảnh {sniffed.detail} không có lớp chữ để đọc (vnpolicytext không nhận dạng chữ trong ảnh)",
        "archive": f"tệp nén {sniffed.detail}; hãy giải nén rồi kiểm tra từng tệp",
        "office": f"tệp {sniffed.detail} chưa được hỗ trợ",
        "binary": "tệp nhị phân, không phải văn bản",
    }.get(sniffed.kind, f"định dạng {sniffed.detail} chưa được hỗ trợ")
    return InputError(f"{source}: {what} (định dạng được hỗ trợ: {SUPPORTED})")


# --------------------------------------------------------------------------- reading

DocumentReader = Callable[[Path], tuple[str, str]]
"""Reads one file of its kind; returns (text or markup, input format) or raises InputError."""

READERS: dict[str, DocumentReader] = {}
"""Extension point: kind ("docx", "pdf") → reader. Filled by `register_reader`, or on first use by importing
the module named in _READER_MODULES, which calls `register_reader` when it is imported."""

_READER_MODULES = {"docx": "vnpolicytext.docx", "pdf": "vnpolicytext.pdf"}
_EXTRAS = {"docx": ("Word (.docx)", "docx"), "pdf": ("PDF", "pdf")}


def register_reader(kind: str, reader: DocumentReader) -> None:
    """Make `read_document` read files of `kind` ("docx" or "pdf") with `reader`."""
    READERS[kind] = reader


def _reader(kind: str, source: str) -> DocumentReader:
    if kind not in READERS:
        with contextlib.suppress(ModuleNotFoundError):  # no such reader module, or its library missing
            importlib.import_module(_READER_MODULES[kind])
    reader = READERS.get(kind)
    if reader is None:
        label, extra = _EXTRAS[kind]
        raise InputError(
            f"{source}: chưa đọc được tệp {label}: cần cài vnpolicytext[{extra}] "
            f"(pip install 'vnpolicytext[{extra}]')"
        )
    return reader


@dataclass(frozen=True, slots=True)
class Loaded:
    """A file read for analysis: its text or markup, its input format, and the legacy encoding converted
    from (None when the file was Unicode already)."""

    text: str
    input_format: str
    legacy_encoding: str | None = None


def load_bytes(data: bytes, source: str, *, suffix: str = "", convert_legacy: bool = False) -> Loaded:
    """Bytes of a text file (plain, Markdown, HTML by `suffix` or content) → its Unicode text.

    DOCX and PDF need a path (`load`); other kinds are refused. A legacy TCVN3/VNI/Windows-1258 file is
    converted when `convert_legacy`, else refused with a message naming the encoding.
    """
    sniffed = sniff_bytes(data)
    if sniffed.kind in ("docx", "pdf"):
        raise InputError(f"{source}: tệp {sniffed.detail} phải được đọc từ đường dẫn tệp, không từ luồng vào")
    if not sniffed.supported:
        raise refusal(source, sniffed)
    fmt = TEXT_FORMATS.get(suffix.lower(), "html" if sniffed.kind == "html" else "text")
    if not convert_legacy:
        from .api import decode_bytes

        return Loaded(decode_bytes(data, source=source), fmt)
    return _convert(data, source, fmt)


def _convert(data: bytes, source: str, fmt: str) -> Loaded:
    from . import legacy
    from .api import decode_bytes

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_bytes(data, source=source)
        fixed = legacy.detect_misdecoded(text)
        return Loaded(fixed.text, fmt, fixed.encoding) if fixed else Loaded(text, fmt)
    found = legacy.to_unicode(data)
    if found is None:
        decode_bytes(data, source=source)  # raises the InputError that says why
        raise InputError(f"{source}: cannot decode")  # not reached: decode_bytes raised
    if found.encoding == "utf-8":
        return Loaded(data.decode("utf-8-sig"), fmt)  # the file's own text, offsets unchanged
    return Loaded(found.text, fmt, found.encoding)


def load(path: str | Path, *, convert_legacy: bool = False) -> Loaded:
    """Read one file for analysis, whatever its kind; InputError for what cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    sniffed = sniff_bytes(data)
    if sniffed.kind in ("docx", "pdf"):
        text, fmt = _reader(sniffed.kind, str(path))(p)
        return Loaded(text, fmt)
    return load_bytes(data, str(path), suffix=p.suffix, convert_legacy=convert_legacy)


def read_document(path: str | Path) -> tuple[str, str]:
    """(text or markup, input format) of a file of any supported kind; InputError for the others."""
    loaded = load(path)
    return loaded.text, loaded.input_format
