"""The reviewed copy of a Word file: comments anchored on the flagged runs, formatting kept, original untouched."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from vnpolicytext.formats import DocumentReport
from vnpolicytext.formats.annotate import AUTHOR, annotate_docx, comment_text
from vnpolicytext.formats.docx import extract_docx

from .doc_builders import legal_draft
from .test_docx import body_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DocumentReport, str]:
    folder = tmp_path_factory.mktemp("annotate")
    draft = legal_draft(folder / "du_thao.docx")
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = folder / "du_thao.reviewed.docx"
    result = annotate_docx(draft, out)
    return draft, out, result, digest


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd, read from document.xml."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: list[str] = []
    out: dict[str, str] = {}
    for el in root.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.append(el.get(f"{W}id"))
            out.setdefault(el.get(f"{W}id"), "")
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.remove(el.get(f"{W}id"))
        elif el.tag == f"{W}t" and el.text:
            for cid in open_ids:
                out[cid] += el.text
    return out


def comments(path: Path) -> dict[str, tuple[str, str, str]]:
    """Comment id → (author, initials, text with one line per comment paragraph), read from comments.xml."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    out = {}
    for c in root.iter(f"{W}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")]
        out[c.get(f"{W}id")] = (c.get(f"{W}author"), c.get(f"{W}initials"), "\n".join(paragraphs))
    return out


def test_original_is_never_modified(reviewed: tuple[Path, Path, DocumentReport, str]) -> None:
    draft, out, _, digest = reviewed
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest
    assert out.exists() and out.read_bytes() != draft.read_bytes()


def test_one_comment_per_finding_with_message_suggestion_and_rule(
    reviewed: tuple[Path, Path, DocumentReport, str],
) -> None:
    _, out, result, _ = reviewed
    found = comments(out)
    findings = result.report.findings
    assert len(found) == len(findings) > 5
    for i, f in enumerate(findings):
        author, initials, text = found[str(i)]
        assert author == AUTHOR == "vnpolicytext" and initials
        assert text == comment_text(f)
        assert " ".join(f.message.split()) in text and f.rule in text
        if f.suggestion:
            assert f"Gợi ý: {' '.join(f.suggestion.split())}" in text


def test_comments_are_anchored_on_the_flagged_words(reviewed: tuple[Path, Path, DocumentReport, str]) -> None:
    draft, out, result, _ = reviewed
    anchors = anchored_texts(out)
    originals = body_paragraphs(draft)
    kinds = set()
    for i, (f, loc) in enumerate(zip(result.report.findings, result.locations, strict=True)):
        assert loc.paragraph is not None and loc.offset is not None
        if loc.in_label:  # on the list label: the paragraph's own text up to the finding's end
            expected = originals[loc.paragraph][: loc.end_offset]
            kinds.add("label")
        elif loc.end_paragraph != loc.paragraph:  # across paragraphs: the covered part of the first one
            expected = originals[loc.paragraph][loc.offset :]
            kinds.add("spanning")
        else:
            expected = f.text
            kinds.add("plain")
        assert anchors[str(i)] == expected, (f.rule, f.text)
    assert kinds == {"label", "spanning", "plain"}


def test_runs_split_without_changing_text_or_formatting(
    reviewed: tuple[Path, Path, DocumentReport, str],
) -> None:
    draft, out, _, _ = reviewed
    before = docx.Document(str(draft))
    after = docx.Document(str(out))
    target = "Cán bộ một cửa phải quán triệt và triển khai thực hiện ngay."

    def runs(document: docx.document.Document) -> list[tuple[str, bool | None]]:
        p = next(p for p in document.paragraphs if p.text.endswith(target))
        return [(r.text, r.bold) for r in p.runs if r.text]

    old, new = runs(before), runs(after)
    assert "".join(t for t, _ in new) == "".join(t for t, _ in old)
    # the bold run "một cửa phải quán triệt" was split where the finding starts, and stays bold
    assert [t for t, b in new if b] == ["một cửa phải ", "quán triệt"]
    assert ("quán triệt", True) in new and (" và triển khai", None) in new
    # every paragraph's text is unchanged, and so is what the library extracts
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert extract_docx(out).text == extract_docx(draft).text
    # properties of the split pieces are copies of the original run's, not shared elements
    pieces = [r for p in after.paragraphs for r in p.runs if r.text in ("một cửa phải ", "quán triệt")]
    assert len(pieces) == 2 and pieces[0]._r.rPr is not pieces[1]._r.rPr
    assert all(r._r.rPr.find(qn("w:b")) is not None for r in pieces)


def test_bytes_input_and_refusing_to_overwrite_the_original(tmp_path: Path) -> None:
    draft = legal_draft(tmp_path / "qd.docx")
    result = annotate_docx(draft.read_bytes(), tmp_path / "qd.checked.docx")
    assert len(comments(tmp_path / "qd.checked.docx")) == len(result.report.findings)
    from vnpolicytext import InputError

    before = draft.read_bytes()
    with pytest.raises(InputError, match="trùng với tệp gốc"):
        annotate_docx(draft, draft)
    assert draft.read_bytes() == before


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )


def test_cli_annotate_default_output_and_exit_codes(tmp_path: Path) -> None:
    draft = legal_draft(tmp_path / "du_thao.docx")
    proc = cli("annotate", "du_thao.docx", cwd=tmp_path)
    result = annotate_docx(draft, tmp_path / "lib.docx")
    expected = 1 if any(f.severity == "error" for f in result.report.findings) else 0
    assert proc.returncode == expected, proc.stderr
    out = tmp_path / "du_thao.reviewed.docx"
    assert out.exists() and f"{len(result.report.findings)} comment(s)" in proc.stdout
    assert len(comments(out)) == len(result.report.findings)

    # a strict profile that makes long sentences errors: exit 1, the copy is still written
    (tmp_path / ".vnpolicytext.toml").write_text(
        '[rules]\n"sentence_length.long" = "error"\n', encoding="utf-8"
    )
    proc = cli("annotate", "du_thao.docx", "-o", "ban_soat.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert len(comments(tmp_path / "ban_soat.docx")) == len(result.report.findings)

    for args, message in (
        (("annotate", "du_thao.docx", "-o", "du_thao.docx"), "trùng với tệp gốc"),
        (("annotate", "thong_bao.pdf"), "chỉ nhận tệp Word .docx"),
        (("annotate", "khong_co.docx"), "no such file"),
    ):
        proc = cli(*args, cwd=tmp_path)
        assert proc.returncode == 2
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("vnpolicytext: error: ") and message in lines[0]


def _annotations(pdf_path: Path) -> list[tuple[int, str, float, float]]:
    """(page, contents, x, y from the top) of every comment annotation LibreOffice wrote."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for ref in resolve1(page.page_obj.annots) or []:
                annot = resolve1(ref)
                if getattr(annot.get("Subtype"), "name", None) != "Text":
                    continue
                raw = annot.get("Contents", b"")
                text = raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
                x0, y0, _, y1 = (float(v) for v in annot["Rect"])
                out.append((number, text, x0, float(page.height) - (y0 + y1) / 2))
    return out


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_comments_on_the_flagged_words(
    reviewed: tuple[Path, Path, DocumentReport, str], tmp_path: Path
) -> None:
    import pdfplumber

    _, out, result, _ = reviewed
    export = (
        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
        '"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    )
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            export,
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=240,
    )
    rendered = tmp_path / "du_thao.reviewed.pdf"
    assert proc.returncode == 0 and rendered.exists(), proc.stderr
    with pdfplumber.open(rendered) as pdf:
        pages = [(page.extract_text() or "", page.extract_words()) for page in pdf.pages]
    annotations = _annotations(rendered)
    in_margin = any("Quy tắc:" in text for text, _ in pages)
    anchors = anchored_texts(out)
    for i, f in enumerate(result.report.findings):
        body = comment_text(f)
        if in_margin:  # LibreOffice ≥ 7.6 draws the comments in the page margin
            assert f.rule in "".join(text for text, _ in pages)
            continue
        # otherwise each comment is a PDF note placed by LibreOffice at the end of its anchor
        placed = [
            (p, x, y) for p, text, x, y in annotations if " ".join(text.split()) == " ".join(body.split())
        ]
        assert placed, f"comment for {f.rule} not in the rendered PDF"
        last_word = anchors[str(i)].split()[-1].strip(".,;:")
        assert any(
            w["text"].strip(".,;:").endswith(last_word)
            and w["x0"] - 1 <= x <= w["x1"] + 1
            and w["top"] - 3 <= y <= w["bottom"] + 3
            for p, x, y in placed
            for w in pages[p - 1][1]
        ), (f.rule, anchors[str(i)])
    # the page renders to an image (pdftoppm), as a person would look at it
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(rendered), str(tmp_path / "page")],
            check=True,
            timeout=120,
        )
        png = next(tmp_path.glob("page*.png"))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
