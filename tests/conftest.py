"""Shared test helpers: texts written for these tests and the offset invariant every report must keep."""

from __future__ import annotations

import pytest

import vnpolicytext

NOTICE = (
    "THÔNG BÁO\n"
    "Về việc cấp đổi thẻ bảo hiểm y tế\n\n"
    "Ủy ban nhân dân (UBND) xã Phú Lộc thông báo tới bà con trong xã như sau. "
    "Từ ngày 01/12/2026, người dân có thẻ bảo hiểm y tế hết hạn cần mang căn cước đến bộ phận một cửa để đổi thẻ. "
    "Thẻ cũ đã được thu hồi sẽ không được trả lại.\n\n"
    "1. Người cao tuổi được miễn phí cấp đổi.\n"
    "2. Trẻ em dưới 6 tuổi được cấp thẻ mới theo Nghị định số 146/2018/NĐ-CP.\n"
)


def assert_offsets(text: str, report: vnpolicytext.Report) -> None:
    """Every sentence and finding points at its own text in the caller's string."""
    for s in report.sentences:
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text
    for f in report.findings:
        assert text[f.start : f.end] == f.text


@pytest.fixture(scope="session")
def notice_report() -> vnpolicytext.Report:
    return vnpolicytext.analyze(NOTICE)
