"""The pre-publication check: gates from the configuration, messages in Vietnamese."""

from __future__ import annotations

import vnpolicytext
from vnpolicytext.gates import CheckResult, check, check_report
from vnpolicytext.models import Finding

CLEAR = (
    "Ủy ban nhân dân phường tiếp công dân vào sáng thứ Hai hằng tuần. "
    "Người dân mang theo căn cước khi đến làm việc. Mọi thắc mắc xin gọi số điện thoại của phường."
)
LONG = (
    "Người dân có nhu cầu đăng ký thường trú tại địa bàn phường nộp hồ sơ tại bộ phận một cửa kèm theo "
    "giấy tờ chứng minh chỗ ở hợp pháp và ý kiến đồng ý của chủ hộ trong thời hạn ba mươi ngày kể từ ngày "
    "chuyển đến nơi ở mới theo quy định của pháp luật hiện hành về cư trú và các văn bản hướng dẫn thi hành."
)
PASSIVE = "Hồ sơ đã được tiếp nhận. Giấy phép bị thu hồi. Phường gửi kết quả qua bưu điện."


def test_clear_text_passes() -> None:
    result = check(CLEAR)
    assert isinstance(result, CheckResult)
    assert result.passed and result.failures == []
    assert result.report.readability is not None


def test_error_finding_fails_with_a_vietnamese_message() -> None:
    result = check(LONG)
    assert not result.passed
    [failure] = [f for f in result.failures if f.gate == "fail_on"]
    assert failure.value == 1 and failure.limit == 0
    assert "phát hiện" in failure.message
    # a partial "check" table keeps the profile's other gates (here: the citizen clarity floor) ...
    kept = check(LONG, {"check": {"fail_on": "never"}})
    assert [f.gate for f in kept.failures] == ["min_clarity"]
    # ... unless they are switched off too
    assert check(LONG, {"check": {"fail_on": "never", "min_clarity": None}}).passed


def test_min_clarity_gate() -> None:
    result = check(LONG, {"check": {"fail_on": "never", "min_clarity": 99}})
    [failure] = result.failures
    assert failure.gate == "min_clarity" and failure.limit == 99
    assert isinstance(failure.value, float) and failure.value < 99
    assert "Điểm rõ ràng" in failure.message


def test_text_that_cannot_be_scored_fails() -> None:
    result = check("Uy ban nhan dan xa thong bao lich tiep dan vao sang thu hai hang tuan tai tru so xa.")
    assert not result.passed
    assert result.failures[0].gate == "scorable"
    assert "không chấm điểm được" in result.failures[0].message


def test_undefined_abbreviations_gate() -> None:
    text = "UBND phường tiếp dân vào thứ Hai. Người dân mang theo CCCD khi đến làm việc."
    report = check(text, {"check": {"fail_on": "never"}}).report
    undefined = Finding(
        analyzer="abbreviation",
        rule="abbreviation.undefined",
        severity="info",
        start=0,
        end=4,
        text="UBND",
        line=1,
        column=1,
        message="Chữ viết tắt chưa được giải thích.",
    )
    second = undefined.model_copy(update={"start": 54, "end": 58, "text": "CCCD", "column": 55})
    assert text[second.start : second.end] == "CCCD"
    # with the abbreviation analyzer off, the gate counts the findings
    report = report.model_copy(update={"findings": [undefined, second], "abbreviation": None})
    result = check_report(report, {"check": {"fail_on": "never", "max_undefined_abbreviations": 1}})
    [failure] = result.failures
    assert failure.gate == "max_undefined_abbreviations" and failure.value == 2 and failure.limit == 1
    assert "chữ viết tắt" in failure.message
    assert check_report(report, {"check": {"fail_on": "never", "max_undefined_abbreviations": 2}}).passed


def test_passive_share_gate() -> None:
    result = check(PASSIVE, {"check": {"fail_on": "never", "max_passive_share": 0.5}})
    assert result.report.passive is not None
    assert [f.gate for f in result.failures] == ["max_passive_share"]
    assert result.failures[0].value == 2 / 3
    assert check(PASSIVE, {"check": {"fail_on": "never", "max_passive_share": 0.7}}).passed
    off = check(
        PASSIVE, {"analyzers": {"passive": False}, "check": {"fail_on": "never", "max_passive_share": 0}}
    )
    assert off.passed  # no passive summary: the gate is skipped


def test_check_reads_markup() -> None:
    html = "<h2>Lịch tiếp dân</h2><p>Phường tiếp dân sáng thứ Hai&nbsp;hằng tuần.</p>"
    result = check(html, input_format="html")
    assert result.passed
    assert [s.text for s in result.report.sentences][-1] == "Phường tiếp dân sáng thứ Hai&nbsp;hằng tuần."


def _load_cms_hook() -> object:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "cms_hook.py"
    spec = importlib.util.spec_from_file_location("cms_hook", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = (path.parents[1] / "docs" / "cms.md").read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").strip() in docs, (
        "docs/cms.md must show examples/cms_hook.py verbatim"
    )
    return module


def test_cms_hook_from_the_docs() -> None:
    hook = _load_cms_hook()
    ok_body = "<h2>Lịch tiếp dân</h2><p>Phường tiếp dân vào sáng thứ Hai hằng tuần.</p>"
    passed, notes = hook.before_publish(ok_body)  # type: ignore[attr-defined]
    assert passed and all(n["severity"] != "error" for n in notes)
    body = "<p>Thông báo&nbsp;mới.</p><p><b>" + LONG.replace(" và ý kiến", " &amp; ý kiến") + "</b></p>"
    passed, notes = hook.before_publish(body)  # type: ignore[attr-defined]
    assert not passed
    [long] = [n for n in notes if n["rule"] == "sentence_length.very_long"]
    assert (
        body[long["start"] : long["end"]].startswith("Người dân") and "&amp; ý kiến" in body[long["start"] :]
    )
    assert body[long["start"] : long["end"]].endswith("thi hành.")
    assert any(n["rule"] == "check.fail_on" and n["start"] is None for n in notes)


def test_undefined_abbreviations_from_the_summary() -> None:
    text = "UBND phường tiếp dân vào thứ Hai. Người dân mang theo CCCD khi đến làm việc."
    result = check(text, {"check": {"fail_on": "never", "max_undefined_abbreviations": 0}})
    summary = result.report.abbreviation
    assert summary is not None
    [failure] = result.failures
    assert failure.gate == "max_undefined_abbreviations" and failure.value == summary.undefined == 2


def test_empty_text_fails_with_a_clear_reason() -> None:
    result = check("   \n ")
    [failure] = result.failures
    assert failure.gate == "scorable" and failure.value == "empty" and "rỗng" in failure.message


def test_profile_auto_picks_the_profile_per_document_and_says_why() -> None:
    decree = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNGHỊ ĐỊNH\n"
        "Quy định về quản lý chợ dân sinh\n\nCăn cứ Luật Tổ chức Chính phủ;\n\n"
        "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về quản lý chợ dân sinh.\n\n"
        "Điều 2. Đối tượng áp dụng\nNghị định này áp dụng với thương nhân kinh doanh tại chợ."
    )
    story = "Sáng nay, chợ phường 5 mở cửa trở lại sau hai tuần sửa chữa. Bà con tiểu thương rất vui."
    law = check(decree, {"profile": "auto"})
    assert law.report.profile == "legal" and law.report.profile_reasons
    news = check(story, {"profile": "auto"})
    assert news.report.profile == "news"
    # the gates are the picked profile's: the legal profile sets no clarity minimum
    assert not any(f.gate == "min_clarity" for f in law.failures)
    assert vnpolicytext.analyze(story).profile_reasons == []
