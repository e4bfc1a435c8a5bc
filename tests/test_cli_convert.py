"""The CLI with files as people have them: `convert`, --convert-legacy, refusals by content, folder walks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vnpolicytext import legacy
from vnpolicytext.cli import collect_paths, main
from vnpolicytext.report import Report

NOTICE = (
    "ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA\n"
    "THÔNG BÁO\n"
    "Về việc đăng ký tiêm chủng cho trẻ em\n\n"
    "Phụ huynh có con dưới năm tuổi đăng ký tiêm chủng tại trạm y tế phường từ thứ hai đến thứ sáu. "
    "Khi đi, mang theo sổ tiêm chủng và căn cước của cha hoặc mẹ. Mọi thắc mắc xin gọi số 0234 3821 456.\n"
)


def error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("vnpolicytext: error: "), lines
    return lines[0]


@pytest.mark.parametrize(
    ("encoding", "label"), [("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI"), ("cp1258", "Windows-1258")]
)
def test_convert_writes_utf8_nfc_and_names_the_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: legacy.Encoding, label: str
) -> None:
    src, out = tmp_path / "thong_bao.txt", tmp_path / "thong_bao.utf8.txt"
    src.write_bytes(legacy.encode(NOTICE, encoding))
    assert main(["convert", str(src), "-o", str(out)]) == 0
    assert out.read_bytes() == NOTICE.encode("utf-8")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"bảng mã {label}" in captured.err and str(out) in captured.err


def test_convert_forced_encoding_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(legacy.encode(NOTICE, "vni"))
    assert main(["convert", str(src), "--from", "vni"]) == 0
    assert capsys.readouterr().out == NOTICE


def test_convert_repairs_misdecoded_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = NOTICE.lower()
    shown = legacy.encode(text, "tcvn3").decode("latin-1").replace("\xad", "\u2212")
    src, out = tmp_path / "word_copy.txt", tmp_path / "fixed.txt"
    src.write_text(shown, encoding="utf-8")
    assert main(["convert", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == text
    assert "TCVN3" in capsys.readouterr().err


def test_convert_already_unicode_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(NOTICE, encoding="utf-8")
    assert main(["convert", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == NOTICE
    assert "đã là Unicode" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b"\x81\x8d\x8f\x90 \x9d\x9e\xff\xfe \x83\x84",
            ["không nhận ra bảng mã", "cannot tell the encoding"],
        ),
        (b"{\\rtf1 Ho so}", ["RTF", "định dạng được hỗ trợ"]),
    ],
)
def test_convert_undecodable_or_unsupported_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, words: list[str]
) -> None:
    src, out = tmp_path / "x.txt", tmp_path / "y.txt"
    src.write_bytes(data)
    assert main(["convert", str(src), "-o", str(out)]) == 2
    line = error_line(capsys.readouterr().err)
    assert all(w in line for w in words), line
    assert not out.exists()


def test_convert_will_not_overwrite_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    data = legacy.encode(NOTICE, "tcvn3")
    src.write_bytes(data)
    assert main(["convert", str(src), "-o", str(src)]) == 2
    assert "ghi đè" in error_line(capsys.readouterr().err)
    assert src.read_bytes() == data


def test_analyze_legacy_file_refused_then_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "tiem_chung.txt"
    src.write_bytes(legacy.encode(NOTICE, "tcvn3"))
    assert main(["analyze", str(src)]) == 2
    line = error_line(capsys.readouterr().err)
    assert "TCVN3 (ABC)" in line and f"vnpolicytext convert {src} -o" in line

    assert main(["analyze", "--convert-legacy", str(src), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert (
        captured.err
        == f"vnpolicytext: note: {src}: converted from TCVN3 (ABC) to Unicode (--convert-legacy)\n"
    )
    report = Report.model_validate_json(captured.out)
    assert report.text.scorable and report.text.problems == []
    assert report.sentences[0].text == "ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA"
    [note] = [f for f in report.findings if f.rule == "text.converted_encoding"]
    assert note.severity == "info" and "TCVN3 (ABC)" in note.message and note.data["encoding"] == "tcvn3"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("ho_so.rtf", b"{\\rtf1\\ansi Ho so}", ["tệp RTF"]),
        ("ho_so.txt", b"{\\rtf1\\ansi Ho so}", ["tệp RTF"]),  # by content, whatever the name
        ("to_trinh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ["Word cũ (.doc)"]),
        ("scan.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40), ["tệp ảnh JPEG"]),
        ("ho_so.md", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40), ["tệp nén 7z"]),
    ],
)
def test_check_refuses_unsupported_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, words: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["check", str(path)]) == 2
    line = error_line(capsys.readouterr().err)
    assert "(định dạng được hỗ trợ: .txt, .md, .html, .docx, .pdf)" in line
    assert all(w in line for w in words), line


def test_folder_walk_takes_docx_and_pdf(tmp_path: Path) -> None:
    for name in ("a.txt", "b.docx", "c.pdf", "d.rtf", "e.png", "sub/f.md", ".hidden/g.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in collect_paths([str(tmp_path)])]
    assert found == ["a.txt", "b.docx", "c.pdf", "sub/f.md"]


def test_console_entry_point_convert_from_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", "convert", "-"],
        input=legacy.encode(NOTICE, "cp1258"),
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == NOTICE
    assert "Windows-1258" in proc.stderr.decode("utf-8")


def test_convert_legacy_from_stdin_notes_the_encoding() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", "check", "--convert-legacy", "--format", "json", "-"],
        input=legacy.encode(NOTICE, "vni"),
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr.decode("utf-8") == (
        "vnpolicytext: note: -: converted from VNI to Unicode (--convert-legacy)\n"
    )
    assert b"text.legacy_encoding" not in proc.stdout
