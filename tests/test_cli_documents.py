"""`vnpolicytext analyze|check` on Word and PDF files, given directly or found in folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext.formats import analyze_docx, analyze_pdf

from .doc_builders import legal_draft, notice_pdf, scanned_pdf


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ho_so")
    legal_draft(root / "du_thao.docx")
    notice_pdf(root / "thong_bao.pdf")
    (root / "ghi_chu.txt").write_text("Hồ sơ nộp tại bộ phận một cửa của xã.\n", encoding="utf-8")
    (root / "hinh.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a document: not picked up
    return root


def test_check_docx_text_output_names_paragraphs(folder: Path) -> None:
    proc = run("check", "du_thao.docx", cwd=folder)
    result = analyze_docx(folder / "du_thao.docx")
    passed = vnpolicytext.check_report(result.report).passed
    assert proc.returncode == (0 if passed else 1), proc.stderr
    out = proc.stdout
    assert out.startswith("du_thao.docx\n") and ("check: PASSED" if passed else "check: FAILED") in out
    for f, loc in zip(result.report.findings, result.locations, strict=True):
        assert f"du_thao.docx:{f.line}:{f.column} [{loc.label()}]: {f.severity} {f.rule}" in out
    assert "table 1 row 3 column 1" in out and "list label" in out


def test_analyze_pdf_json_carries_the_page(folder: Path) -> None:
    proc = run("analyze", "thong_bao.pdf", "--format", "json", cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    report = vnpolicytext.Report.model_validate_json(proc.stdout)
    result = analyze_pdf(folder / "thong_bao.pdf")
    assert [f.text for f in report.findings] == [f.text for f in result.report.findings]
    for f, loc in zip(report.findings, result.locations, strict=True):
        assert f.data["location"]["page"] == loc.page
        assert f.data["location"]["label"] == loc.label()
    assert {f.data["location"]["page"] for f in report.findings} == {1, 2}


def test_folder_walk_picks_up_word_and_pdf(folder: Path) -> None:
    proc = run("analyze", ".", "--format", "json", cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["path"] for r in records] == ["du_thao.docx", "ghi_chu.txt", "thong_bao.pdf"]
    docx_findings = records[0]["report"]["findings"]
    assert docx_findings and all("paragraph" in f["data"]["location"] for f in docx_findings)
    assert all("location" not in f["data"] for f in records[1]["report"]["findings"])
    parallel = run("analyze", ".", "--format", "json", "--jobs", "2", cwd=folder)
    assert parallel.stdout == proc.stdout


def test_unreadable_documents_exit_2_with_one_line(tmp_path: Path) -> None:
    scanned_pdf(tmp_path / "ban_quet.pdf")
    (tmp_path / "cu.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    for name, message in (("ban_quet.pdf", "bản quét"), ("cu.docx", "không phải tệp Word .docx")):
        proc = run("check", name, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert (
            len(lines) == 1 and lines[0].startswith(f"vnpolicytext: error: {name}: ") and message in lines[0]
        )


def test_empty_folder_message_names_the_document_formats(tmp_path: Path) -> None:
    proc = run("analyze", ".", cwd=tmp_path)
    assert proc.returncode == 2 and ".docx or .pdf" in proc.stderr
