"""What a file is, by content; refusing what cannot be read; the reader extension point for DOCX/PDF."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from vnpolicytext import legacy, sniff
from vnpolicytext.errors import InputError

NOTICE = (
    "THÔNG BÁO\nVề việc tiếp nhận hồ sơ hỗ trợ sau bão\n\n"
    "Ủy ban nhân dân phường nhận hồ sơ đề nghị hỗ trợ sửa nhà từ ngày 05/11/2026 đến hết ngày 20/11/2026.\n"
)


def _docx_bytes() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(NOTICE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_bytes() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Thong bao tiep nhan ho so")
    return bytes(pdf.output())


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        data = NOTICE.encode()
        info = tarfile.TarInfo("thong_bao.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return out.getvalue()


CASES: list[tuple[str, bytes, str, str]] = [
    ("utf-8 text", NOTICE.encode(), "text", "text"),
    ("utf-16 text", NOTICE.encode("utf-16"), "text", "UTF-16"),
    ("tcvn3 text", legacy.encode(NOTICE, "tcvn3"), "text", "text"),
    (
        "html",
        b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><p>" + NOTICE.encode() + b"</p></body></html>",
        "html",
        "HTML",
    ),
    ("html fragment", b"  <!-- ban tin -->\n<body><p>Th\xc3\xb4ng b\xc3\xa1o</p></body>", "html", "HTML"),
    ("rtf", rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Ho so}", "rtf", "RTF"),
    ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "doc", "Word 97-2003 (.doc) / OLE2"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20, "image", "PNG"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image", "JPEG"),
    ("gif", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 20, "image", "GIF"),
    ("tiff", b"II*\x00\x08\x00\x00\x00" + b"\x00" * 20, "image", "TIFF"),
    ("webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image", "WebP"),
    ("bmp", b"BM\x3e\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + b"\x00" * 40, "image", "BMP"),
    ("gzip", gzip.compress(NOTICE.encode()), "archive", "gzip"),
    ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 24, "archive", "7z"),
    ("rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 24, "archive", "RAR"),
    ("tar", _tar(), "archive", "tar"),
    ("zip", _zip({"thong_bao.txt": NOTICE.encode()}), "archive", "ZIP"),
    ("xlsx", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "office", "Excel (.xlsx)"),
    ("odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "office", "OpenDocument (.odt)"),
    ("binary", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "binary", "binary"),
]


@pytest.mark.parametrize(("name", "data", "kind", "detail"), CASES, ids=[c[0] for c in CASES])
def test_sniff_by_content(name: str, data: bytes, kind: str, detail: str) -> None:
    assert sniff.sniff_bytes(data) == sniff.Sniffed(kind, detail)


def test_sniff_real_docx_and_pdf() -> None:
    assert sniff.sniff_bytes(_docx_bytes()) == sniff.Sniffed("docx", "Word (.docx)")
    assert sniff.sniff_bytes(_pdf_bytes()) == sniff.Sniffed("pdf", "PDF")


def test_text_that_starts_like_a_magic_number_is_still_text() -> None:
    assert sniff.sniff_bytes(b"BMW va Honda mo dai ly moi o Ha Noi.").kind == "text"
    assert sniff.sniff_bytes("Bộ phận một cửa <b>mở</b> cả thứ bảy.".encode()).kind == "text"
    assert sniff.sniff_bytes(b"").kind == "text"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("ho_so.txt", rb"{\rtf1 Ho so}", ["RTF", ".docx"]),
        ("to_trinh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, ["Word cũ (.doc)", ".docx"]),
        ("anh_chup.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 24, ["tệp ảnh PNG", "nhận dạng chữ"]),
        ("ho_so.md", gzip.compress(b"x"), ["tệp nén gzip", "giải nén"]),
    ],
)
def test_unsupported_files_are_refused_by_content(
    tmp_path: Path, name: str, data: bytes, words: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        sniff.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "định dạng được hỗ trợ: .txt, .md, .html, .docx, .pdf" in message
    for word in words:
        assert word in message


def test_load_text_markdown_html_by_suffix_and_content(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# " + NOTICE, encoding="utf-8")
    (tmp_path / "b").write_text("<!doctype html><p>" + NOTICE + "</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_text(NOTICE, encoding="utf-8")
    assert sniff.read_document(tmp_path / "a.md") == ("# " + NOTICE, "markdown")
    assert sniff.read_document(tmp_path / "b")[1] == "html"
    assert sniff.read_document(tmp_path / "c.txt") == (NOTICE, "text")


def test_load_legacy_file_refused_or_converted(tmp_path: Path) -> None:
    path = tmp_path / "thong_bao.txt"
    path.write_bytes(legacy.encode(NOTICE, "vni"))
    with pytest.raises(InputError, match=r"VNI.*vnpolicytext convert"):
        sniff.load(path)
    loaded = sniff.load(path, convert_legacy=True)
    assert (loaded.text, loaded.input_format, loaded.legacy_encoding) == (NOTICE, "text", "vni")
    path.write_text(NOTICE, encoding="utf-8")
    assert sniff.load(path, convert_legacy=True) == sniff.Loaded(NOTICE, "text", None)


def test_docx_without_a_reader_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sniff, "READERS", {})
    monkeypatch.setitem(sniff._READER_MODULES, "docx", "vnpolicytext._no_such_reader")
    path = tmp_path / "du_thao.docx"
    path.write_bytes(_docx_bytes())
    with pytest.raises(
        InputError, match=r"du_thao.docx: chưa đọc được tệp Word \(.docx\): cần cài vnpolicytext\[docx\]"
    ):
        sniff.read_document(path)


def test_registered_reader_reads_docx_and_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "READERS", {})
    seen: list[Path] = []

    def fake_reader(path: Path) -> tuple[str, str]:
        seen.append(path)
        return NOTICE, "text"

    sniff.register_reader("docx", fake_reader)
    sniff.register_reader("pdf", fake_reader)
    # Content decides, not the name: a PDF saved as .txt goes to the PDF reader.
    (tmp_path / "a.docx").write_bytes(_docx_bytes())
    (tmp_path / "b.txt").write_bytes(_pdf_bytes())
    assert sniff.read_document(tmp_path / "a.docx") == (NOTICE, "text")
    assert sniff.read_document(tmp_path / "b.txt") == (NOTICE, "text")
    assert seen == [tmp_path / "a.docx", tmp_path / "b.txt"]


def test_stdin_bytes_cannot_be_docx() -> None:
    with pytest.raises(InputError, match="đường dẫn tệp"):
        sniff.load_bytes(_docx_bytes(), "<stdin>")
