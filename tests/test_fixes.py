"""Structured fixes: apply_fixes, their safety on realistic texts, markup, renderers and `vnpolicytext fix`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext import analyze, analyze_markup, apply_fixes
from vnpolicytext.cli import main
from vnpolicytext.fixes import protected_tokens, safety_problems, select_fixes
from vnpolicytext.models import Finding, Fix
from vnpolicytext.render import FileResult, github, sarif

NOTICE = (
    "THÔNG BÁO\nVề việc chi trả trợ cấp tháng 10/2026\n\n"
    "UBND phường Bình An thông báo: Bộ phận một cửa sẽ tiến hành kiểm tra danh sách hộ nghèo theo "
    "Quyết định số 1520/QĐ-UBND ngày 02/10/2026 của Ủy ban nhân dân quận.\n\n"
    "Thực hiện chi trả trợ cấp cho 128 hộ trước ngày 20/10/2026 , mỗi hộ 1.250.000 đồng.Người nhận mang "
    "theo thẻ CCCD và sổ hộ khẩu.  Mọi thắc mắc liên hệ ông Trần Văn Hùng, số điện thoại 0912 345 678."
)
DECISION = (
    "QUYẾT ĐỊNH\nVề việc thành lập Tổ kiểm tra liên ngành\n\n"
    "Điều 1. Thành lập Tổ kiểm tra liên ngành của phường Phú Thạnh để tiến hành xác minh các hộ kinh doanh "
    "trên địa bàn theo Kế hoạch số 45/KH-UBND ngày 12/9/2026.\n"
    "Điều 2. Tổ kiểm tra có nhiệm vụ thực hiện việc rà soát hồ sơ, báo cáo kết quả cho Chủ tịch UBND "
    "phường trước ngày 30/11/2026; bà Lê Thị Mai, Phó Chủ tịch, chịu trách nhiệm chỉ đạo."
)
NEWS = (
    "Chiều 14/11, tại Hà Nội, Bộ Y tế tổ chức hội nghị triển khai thực hiện chương trình tiêm chủng mở rộng "
    "năm 2027.  Thứ trưởng Nguyễn Văn Hải cho biết ngành y tế sẽ tiến hành đánh giá kết quả tại 63 tỉnh,thành "
    "phố. Theo ông Hải, công tác tuyên truyền cần được làm khoa học, đồng bộ, nhất quán, bài bản và hiệu quả."
)


def fix(start: int, end: int, replacement: str, safe: bool = True) -> Fix:
    return Fix(start=start, end=end, replacement=replacement, safe=safe, description="test")


def finding(*fixes: Fix) -> Finding:
    return Finding(
        analyzer="x",
        rule="x.y",
        severity="info",
        start=0,
        end=0,
        text="",
        line=1,
        column=1,
        message="m",
        fixes=list(fixes),
    )


def test_apply_fixes_is_exported_lazily_from_the_package() -> None:
    assert vnpolicytext.apply_fixes is apply_fixes
    assert "apply_fixes" in dir(vnpolicytext) and vnpolicytext.Fix is Fix


def test_overlapping_edits_are_never_both_applied_and_safe_ones_win() -> None:
    text = "tiến hành kiểm tra hồ sơ"
    safe = fix(0, 10, "")
    unsafe = fix(0, 18, "xem", safe=False)
    assert apply_fixes(text, [finding(unsafe), finding(safe)], safe_only=False) == "kiểm tra hồ sơ"
    assert apply_fixes(text, [finding(unsafe)]) == text  # suggestions only with safe_only=False
    # the same edit from two findings is applied once; two insertions at one point: the first only
    assert apply_fixes(text, [finding(safe), finding(safe)]) == "kiểm tra hồ sơ"
    assert apply_fixes("ab", [finding(fix(1, 1, "X"), fix(1, 1, "Y"))]) == "aXb"
    # an insertion strictly inside a replaced span clashes; at its edge it does not
    assert apply_fixes("abcd", [finding(fix(1, 3, "-"), fix(2, 2, "X"))]) == "a-d"
    assert apply_fixes("abcd", [finding(fix(1, 3, "-"), fix(3, 3, "X"))]) == "a-Xd"
    chosen = select_fixes("abcdef", [finding(fix(4, 6, "Z"), fix(0, 2, "Q"), fix(1, 5, "R"))])
    assert [(c.start, c.end) for c in chosen] == [(0, 2), (4, 6)]
    with pytest.raises(ValueError):
        apply_fixes("ab", [finding(fix(1, 5, ""))])


@pytest.mark.parametrize("text", [NOTICE, DECISION, NEWS], ids=["notice", "decision", "news"])
def test_safe_fixes_keep_numbers_names_and_score_and_offsets(text: str) -> None:
    before = analyze(text)
    fixed = apply_fixes(text, before.findings)
    assert fixed != text  # every text here has at least one safe fix
    after = analyze(fixed)
    assert safety_problems(text, fixed, before, after) == []
    old, new = protected_tokens(text), protected_tokens(fixed)
    assert old["numbers"] == new["numbers"] and old["document_numbers"] == new["document_numbers"]
    for f in after.findings:
        assert fixed[f.start : f.end] == f.text
    # applying again finds nothing left to fix safely at the places already fixed
    assert all(x.start >= 0 for f in after.findings for x in f.fixes)


def test_the_notice_gets_the_expected_safe_edits() -> None:
    fixed = apply_fixes(NOTICE, analyze(NOTICE).findings)
    assert "Ủy ban nhân dân (UBND) phường Bình An" in fixed
    assert "sẽ kiểm tra danh sách" in fixed and "Chi trả trợ cấp cho 128 hộ trước ngày 20/10/2026," in fixed
    assert "1.250.000 đồng. Người nhận" in fixed and "sổ hộ khẩu. Mọi" in fixed


def test_safety_check_notices_a_changed_number() -> None:
    report = analyze(NOTICE)
    broken = NOTICE.replace("128 hộ", "129 hộ")
    assert any("numbers changed" in p for p in safety_problems(NOTICE, broken, report, analyze(broken)))


def test_markdown_and_html_keep_their_markup() -> None:
    md = "# Thông báo\n\nPhường sẽ tiến hành kiểm tra hồ sơ.\n\nTổ dân phố tiến hành **xác minh** nơi ở.\n"
    report = analyze_markup(md, "markdown")
    fixed = apply_fixes(md, report.findings)
    assert fixed == md.replace("tiến hành kiểm tra", "kiểm tra")  # the edit across ** is dropped
    html = "<h1>Thông báo</h1><p>Phường sẽ tiến hành kiểm tra hồ sơ&nbsp;của <b>ông Nam</b>.</p>"
    fixed_html = apply_fixes(html, analyze_markup(html, "html").findings)
    assert fixed_html == html.replace("tiến hành kiểm tra", "kiểm tra")


def test_sarif_and_github_carry_the_fixes() -> None:
    report = analyze(NOTICE)
    result = FileResult("thong_bao.txt", NOTICE, report)
    log = sarif.sarif_log([result])
    with_fix = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert with_fix
    for res in with_fix:
        change = res["fixes"][0]["artifactChanges"][0]
        region = change["replacements"][0]["deletedRegion"]
        f = next(
            f
            for f in report.findings
            if f.rule == res["ruleId"]
            and f.start == res["locations"][0]["physicalLocation"]["region"]["charOffset"]
        )
        assert (region["charOffset"], region["charOffset"] + region["charLength"]) == (
            f.fixes[0].start,
            f.fixes[0].end,
        )
        assert change["replacements"][0]["insertedContent"]["text"] == f.fixes[0].replacement
    schema_path = next(
        (
            p / "shared" / "schemas" / "sarif-schema-2.1.0.json"
            for p in Path(__file__).resolve().parents
            if (p / "shared" / "schemas" / "sarif-schema-2.1.0.json").is_file()
        ),
        None,
    )
    if schema_path is not None:
        import jsonschema

        jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    assert "Sửa (an toàn): «UBND» → «Ủy ban nhân dân (UBND)»" in github.render([result])


def test_fix_command_diff_output_and_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "thong_bao.txt"
    src.write_text(NOTICE, encoding="utf-8")
    main(["fix", str(src), "--diff"])
    out, err = capsys.readouterr()
    assert "-UBND phường Bình An" in out and "+Ủy ban nhân dân (UBND) phường Bình An" in out
    assert "fixes applied" in err and src.read_text(encoding="utf-8") == NOTICE  # --diff writes nothing
    out_path = tmp_path / "da_sua.txt"
    assert main(["fix", str(src), "-o", str(out_path)]) == 0
    assert out_path.read_text(encoding="utf-8") == apply_fixes(NOTICE, analyze(NOTICE).findings)
    main(["fix", str(src), "--unsafe", "-o", str(out_path)])
    assert "hotline" not in out_path.read_text(encoding="utf-8") or "hotline" not in NOTICE
    docx = tmp_path / "quyet_dinh.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    capsys.readouterr()
    assert main(["fix", str(docx)]) == 2  # a damaged Word file: one line, no traceback
    err = capsys.readouterr().err
    assert err.startswith("vnpolicytext: error:") and "tệp Word" in err and err.count("\n") == 1
    pdf = tmp_path / "quyet_dinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert main(["fix", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vnpolicytext: error:") and "cannot edit" in err and err.count("\n") == 1


def test_expanding_an_abbreviation_inside_a_name_is_only_a_suggestion() -> None:
    text = "Giám đốc Công ty TNHH Tam Hợp Phát và Chủ tịch UBND TPHCM Võ Văn Hoan ký biên bản."
    report = analyze(text, config={"profile": "news"})
    fixes = [x for f in report.findings if f.rule == "abbreviation.undefined" for x in f.fixes]
    assert fixes and not any(x.safe for x in fixes)
    assert apply_fixes(text, report.findings) == text


def test_abbreviation_followed_by_a_period_or_glued_to_a_word_is_not_expanded() -> None:
    text = "TP. Hà Nội rà soát các hộ kinh doanh trên địa bàn trong tháng này."
    assert apply_fixes(text, analyze(text).findings) == text
    glued = "Ủy ban MTTQViệt Nam phường Linh Trung vận động các hộ ủng hộ quỹ."
    assert apply_fixes(glued, analyze(glued).findings) == glued


def test_a_kept_word_keeps_its_capitals() -> None:
    text = "Thuế chỉ áp dụng khi đã tiến hành Điều tra theo quy định."
    fixed = apply_fixes(text, analyze(text, config={"profile": "legal"}).findings)
    assert "khi đã Điều tra theo" in fixed


def test_the_example_notice_shows_the_new_checks_and_a_safe_fix(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "thong_bao_tiep_nhan_ho_so.txt"
    rules = {f.rule for f in analyze(example.read_text(encoding="utf-8")).findings}
    assert {"enumeration.long_chain", "nominalisation.filler_noun", "nominalisation.empty_verb"} <= rules
    main(["fix", str(example), "--diff"])
    diff = capsys.readouterr().out
    assert "+Căn cứ Nghị định số 81/2021/NĐ-CP ngày 27/8/2021 của Chính phủ, Ủy ban nhân dân (UBND)" in diff
    assert any(line.startswith("-") and "tiến hành kiểm tra" in line for line in diff.splitlines())
    main(["fix", str(example), "--diff", "--unsafe"])  # the suggestions too: a passive turned active
    diff = capsys.readouterr().out
    assert "+Ủy ban nhân dân phường sẽ niêm yết kết quả tại trụ sở trước ngày 15/10/2026." in diff
