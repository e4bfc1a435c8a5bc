"""Analyzer 'terminology': one concept, one term, after the text defines or abbreviates it."""

from __future__ import annotations

from vnpolicytext.api import run_analyzer

DECREE = """Điều 2. Giải thích từ ngữ
Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:
1. Người sử dụng lao động là doanh nghiệp, cơ quan, tổ chức, hộ gia đình có thuê mướn lao động.
Điều 3. Trách nhiệm
Ủy ban nhân dân (UBND) cấp xã tiếp nhận hồ sơ. Ủy Ban Nhân Dân cấp xã trả kết quả trong năm ngày.
Ủy ban nhân dân cấp huyện kiểm tra việc thực hiện. Chủ sử dụng lao động phải đóng bảo hiểm cho người lao động."""


def test_variants_of_defined_terms_in_a_decree() -> None:
    summary, found = run_analyzer("terminology", DECREE, config={"profile": "legal"})
    assert [(f.rule, f.text) for f in found] == [
        ("terminology.capitalisation", "Ủy Ban Nhân Dân"),
        ("terminology.full_name_after_abbreviation", "Ủy ban nhân dân"),
        ("terminology.synonym", "Chủ sử dụng lao động"),
    ]
    assert found[0].fixes[0].replacement == "Ủy ban nhân dân" and not found[0].fixes[0].safe
    assert found[1].fixes[0].replacement == "UBND"
    assert found[2].data == {"term": "Người sử dụng lao động"}
    assert summary is not None and summary.synonyms == 1


def test_full_name_check_is_off_for_citizens() -> None:
    rules = [f.rule for f in run_analyzer("terminology", DECREE)[1]]
    assert "terminology.full_name_after_abbreviation" not in rules
    assert "terminology.capitalisation" in rules


def test_nothing_defined_nothing_reported() -> None:
    text = (
        "Ủy ban nhân dân phường tiếp nhận hồ sơ. Ủy Ban Nhân Dân phường trả kết quả. Chủ sử dụng lao động ký."
    )
    assert run_analyzer("terminology", text, config={"profile": "legal"})[1] == []


def test_generic_lower_case_use_and_a_repeated_definition_are_fine() -> None:
    text = (
        "Ủy ban nhân dân (UBND) phường Tân Hòa thông báo. Các ủy ban nhân dân cấp xã phối hợp thực hiện. "
        "Ủy ban nhân dân (UBND) tỉnh chỉ đạo."
    )
    assert run_analyzer("terminology", text, config={"profile": "legal"})[1] == []
