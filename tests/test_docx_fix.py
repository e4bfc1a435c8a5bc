"""`vnpolicytext fix file.docx`: the fixes as tracked changes (w:del + w:ins) that give the fixed text."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from vnpolicytext import analyze, apply_fixes
from vnpolicytext.cli import main
from vnpolicytext.formats.docx import extract_docx
from vnpolicytext.formats.docx_fix import _feasible, accept_all, fix_docx_bytes, write_changes
from vnpolicytext.models import Fix

from .doc_builders import add_hyperlink, add_raw_runs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def notice() -> bytes:
    """A short notice with a bold run inside a fixable phrase, a double space and a glued comma."""
    d = docx.Document()
    d.add_heading("Thông báo về việc kiểm tra hồ sơ xin phép xây dựng", 1)
    p = d.add_paragraph("Trong tháng 5/2026, Ủy ban nhân dân phường Tân Hòa sẽ ")
    p.add_run("tiến hành").bold = True
    p.add_run(" kiểm tra hồ sơ xin phép xây dựng của các hộ gia đình trên địa bàn.")
    d.add_paragraph("Hộ gia đình  chuẩn bị bản sao giấy phép ,bản vẽ thiết kế và biên lai nộp lệ phí.")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def marks(data: bytes) -> list[tuple[str, str, str, str]]:
    """(kind, author, date, text) of every tracked change in the body, in document order."""
    body = docx.Document(io.BytesIO(data)).element.body
    out = []
    for el in body.iter(f"{W}ins", f"{W}del"):
        texts = el.iter(f"{W}t") if el.tag == f"{W}ins" else el.iter(f"{W}delText")
        out.append(
            (
                el.tag[len(W) :],
                el.get(qn("w:author")),
                el.get(qn("w:date")),
                "".join(t.text or "" for t in texts),
            )
        )
    return out


def test_safe_fixes_become_tracked_changes_that_accept_to_the_fixed_text() -> None:
    data = notice()
    source = extract_docx(data).text
    when = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
    result = fix_docx_bytes(data, {"profile": "citizen"}, date=when)
    expected = apply_fixes(source, analyze(source, config={"profile": "citizen"}).findings)
    assert result.text == expected != source
    found = marks(result.data)
    assert {(a, d) for _, a, d, _ in found} == {("vnpolicytext", "2026-05-04T08:30:00Z")}
    deleted = [t for kind, _, _, t in found if kind == "del"]
    inserted = [t for kind, _, _, t in found if kind == "ins"]
    # only what changes is marked: "tiến hành " goes (the bold run and the space after it), "kiểm tra" stays
    assert "".join(deleted[:2]) == "tiến hành " and " ," in deleted and ", " in inserted
    assert "kiểm tra" not in "".join(deleted)
    # Word's "accept all" (deletions dropped, insertions kept) reads as the fixed text
    assert extract_docx(accept_all(result.data)).text == expected
    # the text that stays keeps its runs: the rest of the sentence is not bold, the deleted run still is
    body = docx.Document(io.BytesIO(result.data)).element.body
    bold_deleted = [
        r for d in body.iter(f"{W}del") for r in d.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None
    ]
    assert len(bold_deleted) == 1
    # fixing the fixed file again finds nothing to do (the tracked file reads as accepted)
    again = fix_docx_bytes(result.data, {"profile": "citizen"})
    assert again.outcome.applied == [] and again.text == expected


def test_edits_word_cannot_carry_are_skipped() -> None:
    d = docx.Document()
    d.add_paragraph("Người dân nộp hồ sơ tại bộ phận một cửa.")
    p = d.add_paragraph("Xem hướng dẫn tại ")
    add_hyperlink(p, "Cổng dịch vụ công", "https://dichvucong.gov.vn")
    p.add_run(" trước khi nộp.")
    buffer = io.BytesIO()
    d.save(buffer)
    doc = extract_docx(buffer.getvalue())
    text = doc.text
    end_first = text.index("một cửa.") + len("một cửa.")
    across = Fix(start=end_first - 1, end=end_first + 3, replacement=". Xem", safe=True, description="x")
    assert not _feasible(doc, across)  # from one paragraph into the next
    k = text.index("Cổng")
    in_link = Fix(start=k, end=k + 4, replacement="cổng", safe=True, description="x")
    assert _feasible(doc, in_link)  # a hyperlink's own runs are plain text runs
    write_changes(doc, [in_link])
    out = io.BytesIO()
    doc.document.save(out)
    assert extract_docx(accept_all(out.getvalue())).text == text[:k] + "cổng" + text[k + 4 :]
    link = docx.Document(io.BytesIO(out.getvalue())).element.body.find(f".//{W}hyperlink")
    assert link is not None and link.find(f"{W}del") is not None and link.find(f"{W}ins") is not None


def test_cli_fix_docx_writes_tracked_changes_to_another_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "thong_bao.docx"
    original = notice()
    src.write_bytes(original)
    out = tmp_path / "da_sua.docx"
    assert main(["fix", str(src), "-o", str(out), "--profile", "citizen"]) == 0
    err = capsys.readouterr().err
    assert "fixes applied as tracked changes" in err and src.read_bytes() == original
    assert {kind for kind, *_ in marks(out.read_bytes())} == {"ins", "del"}
    assert main(["fix", str(src), "--diff", "--profile", "citizen"]) == 0
    diff = capsys.readouterr().out
    assert "-Hộ gia đình  chuẩn bị" in diff and "+Hộ gia đình chuẩn bị" in diff


LIBREOFFICE_ACCEPT = r"""
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
path, profile = sys.argv[1], sys.argv[2]
proc = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=" + profile,
                         "--accept=pipe,name=vnpfixtest;urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=vnpfixtest;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
    kinds = set()
    e = doc.Redlines.createEnumeration()
    while e.hasMoreElements():
        r = e.nextElement()
        kinds.add(r.RedlineType + ":" + r.RedlineAuthor)
    print(",".join(sorted(kinds)))
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    helper.executeDispatch(doc.CurrentController.Frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
    print(doc.Text.String.replace("\r\n", "\n"))
    doc.close(True)
finally:
    proc.terminate()
    proc.wait()
"""


def _uno_python() -> str | None:
    if shutil.which("soffice") is None or not Path("/usr/bin/python3").exists():
        return None
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True, check=False)
    return "/usr/bin/python3" if probe.returncode == 0 else None


@pytest.mark.skipif(_uno_python() is None, reason="LibreOffice with its Python bridge is not installed")
def test_libreoffice_sees_the_changes_and_accepting_them_gives_the_fixed_text(tmp_path: Path) -> None:
    result = fix_docx_bytes(notice(), {"profile": "citizen"})
    path = tmp_path / "da_sua.docx"
    path.write_bytes(result.data)
    script = tmp_path / "accept.py"
    script.write_text(LIBREOFFICE_ACCEPT, encoding="utf-8")
    proc = subprocess.run(
        [str(_uno_python()), str(script), str(path), (tmp_path / "profile").as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    kinds, _, text = proc.stdout.partition("\n")
    assert kinds == "Delete:vnpolicytext,Insert:vnpolicytext"
    # LibreOffice separates paragraphs by one line break; the extracted text by a blank line
    assert text.rstrip("\n").split("\n") == result.text.split("\n\n")


def test_cli_says_which_edits_it_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a sentence another reviewer inserted (an earlier tracked change) is left to that reviewer
    d = docx.Document()
    d.add_paragraph("Phường sẽ tiến hành kiểm tra hồ sơ trong hai ngày làm việc.")
    p = d.add_paragraph("Ghi chú: ")
    add_raw_runs(
        p,
        '<w:ins w:id="90" w:author="Chuyên viên" w:date="2026-05-02T09:00:00Z"><w:r>'
        "<w:t>Tổ công tác sẽ tiến hành xác minh thực tế tại nơi ở.</w:t></w:r></w:ins>",
    )
    src = tmp_path / "ghi_chu.docx"
    d.save(str(src))
    out = tmp_path / "da_sua.docx"
    assert main(["fix", str(src), "-o", str(out), "--profile", "citizen"]) == 0
    err = capsys.readouterr().err
    assert "1 fixes skipped" in err and "1 fixes applied as tracked changes" in err
    ours = [m for m in marks(out.read_bytes()) if m[1] == "vnpolicytext"]
    assert [(kind, text) for kind, _, _, text in ours] == [("del", "tiến hành ")]
    assert "Tổ công tác sẽ tiến hành xác minh" in extract_docx(out.read_bytes()).text
