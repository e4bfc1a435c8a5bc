"""Passive-to-active rewrites and sentence splits: suggestions (safe=False), only where the clause shape is
plain, and grammatical Vietnamese when offered."""

from __future__ import annotations

import pytest

from vnpolicytext import analyze, apply_fixes

CITIZEN = {"profile": "citizen"}


def suggestions(text: str, analyzer: str) -> list[tuple[str, str, bool]]:
    report = analyze(text, config=CITIZEN)
    return [
        (text[x.start : x.end], x.replacement, x.safe)
        for f in report.findings
        if f.analyzer == analyzer
        for x in f.fixes
    ]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Hồ sơ được Ủy ban nhân dân xã tiếp nhận.", "Ủy ban nhân dân xã tiếp nhận hồ sơ."),
        (
            "Hồ sơ của ông Nguyễn Văn An đã được Ủy ban nhân dân phường Tân Hòa tiếp nhận trong ngày.",
            "Ủy ban nhân dân phường Tân Hòa đã tiếp nhận hồ sơ của ông Nguyễn Văn An trong ngày.",
        ),
        ("Giấy phép được cấp bởi Sở Xây dựng.", "Sở Xây dựng cấp giấy phép."),
        (
            "Chương trình được Bộ Giáo dục và Đào tạo phê duyệt vào tháng 3 năm 2026.",
            "Bộ Giáo dục và Đào tạo phê duyệt chương trình vào tháng 3 năm 2026.",
        ),
    ],
)
def test_passive_with_its_agent_gets_an_active_suggestion(text: str, fixed: str) -> None:
    found = suggestions(text, "passive")
    assert found and all(not safe for _, _, safe in found)
    report = analyze(text, config=CITIZEN)
    out = apply_fixes(text, report.findings, safe_only=False)
    assert out == fixed
    assert not [f for f in analyze(out, config=CITIZEN).findings if f.analyzer == "passive"]


@pytest.mark.parametrize(
    "text",
    [
        # a second object after the verb: where the old subject goes is not a word-order question
        "Người dân được Ủy ban nhân dân xã cấp giấy chứng nhận quyền sử dụng đất.",
        # the passive is a relative clause of the subject; the sentence's verb is "phải"
        "Hồ sơ được Ủy ban nhân dân xã tiếp nhận phải có đủ chữ ký của chủ hộ.",
        # a condition, not a subject
        "Trường hợp tờ khai được cơ quan thuế chấp nhận thì người nộp thuế nhận thông báo qua thư điện tử.",
        # the clause goes on after a comma
        "Danh sách được Ủy ban nhân dân xã niêm yết, lấy ý kiến của người dân trong 7 ngày.",
    ],
)
def test_no_active_rewrite_when_the_shape_is_not_plain(text: str) -> None:
    assert suggestions(text, "passive") == []


LONG_DUTY = (
    "Người dân nộp hồ sơ đăng ký thường trú tại bộ phận một cửa của Ủy ban nhân dân phường trong giờ "
    "hành chính các ngày làm việc; phải nộp kèm giấy tờ chứng minh chỗ ở hợp pháp và ý kiến đồng ý của chủ hộ."
)


def split_only(text: str) -> str:
    report = analyze(text, config=CITIZEN)
    findings = [f for f in report.findings if f.analyzer == "sentence_length"]
    return apply_fixes(text, findings, safe_only=False)


def test_split_at_a_semicolon_repeats_the_elided_subject() -> None:
    assert split_only(LONG_DUTY) == LONG_DUTY.replace("làm việc; phải nộp", "làm việc. Người dân phải nộp")
    found = suggestions(LONG_DUTY, "sentence_length")
    assert found and not any(safe for _, _, safe in found)
    # a subject that runs on through a relative clause ("Người có nhu cầu … nộp"): no split offered
    relative = LONG_DUTY.replace("Người dân nộp", "Người có nhu cầu đăng ký thường trú nộp")
    assert suggestions(relative, "sentence_length") == []


def test_split_before_a_connector_opens_the_second_sentence_with_it() -> None:
    text = (
        "Cơ quan thuế tiếp nhận tờ khai của người nộp thuế qua cổng dịch vụ công trực tuyến trong thời hạn quy "
        "định, đồng thời thông báo kết quả xử lý tờ khai cho người nộp thuế bằng thư điện tử."
    )
    out = split_only(text)
    assert "trong thời hạn quy định. Đồng thời, cơ quan thuế thông báo kết quả" in out
    body = (
        "Ủy ban nhân dân xã tổ chức tiếp nhận hồ sơ đề nghị hỗ trợ của các hộ gia đình bị thiệt hại do thiên tai "
        "trên địa bàn, nhưng phải hoàn thành việc rà soát danh sách trước ngày 15 tháng 10 năm 2026."
    )
    out = split_only(body)
    # the body keeps its capital; the subject stops before the verb "tổ chức"
    assert "trên địa bàn. Tuy nhiên, Ủy ban nhân dân xã phải hoàn thành" in out


def test_no_split_fix_before_a_subordinate_clause() -> None:
    text = (
        "Hộ gia đình nộp hồ sơ đề nghị hỗ trợ tại Ủy ban nhân dân xã nơi cư trú trong thời hạn ba mươi ngày, "
        "nếu quá thời hạn này thì phải có văn bản giải trình lý do nộp chậm kèm theo hồ sơ."
    )
    assert suggestions(text, "sentence_length") == []


def test_no_split_fix_inside_a_list_or_at_và() -> None:
    listing = (
        "Hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm: đơn đề nghị cấp giấy phép theo mẫu; bản sao "
        "giấy tờ chứng minh quyền sử dụng đất; bản vẽ thiết kế xây dựng; bản cam kết bảo đảm an toàn công trình."
    )
    assert suggestions(listing, "sentence_length") == []
    nouns = (
        "Tổ chức tôn giáo có trách nhiệm thông báo bằng văn bản về việc thay đổi trụ sở đến cơ quan quản lý nhà "
        "nước về tín ngưỡng, tôn giáo ở trung ương và Ủy ban nhân dân cấp tỉnh nơi đặt trụ sở mới của tổ chức."
    )
    assert suggestions(nouns, "sentence_length") == []


def test_no_split_when_a_condition_or_time_frame_holds_for_both_halves() -> None:
    condition = (
        "Trường hợp bên ủy quyền và bên được ủy quyền không thể cùng đến một văn phòng công chứng thì bên ủy "
        "quyền yêu cầu văn phòng công chứng nơi mình cư trú công chứng hợp đồng; bên được ủy quyền yêu cầu văn "
        "phòng công chứng nơi mình cư trú công chứng tiếp vào bản gốc hợp đồng."
    )
    assert suggestions(condition, "sentence_length") == []
    plain = (
        "Ban tổ chức lễ hội có trách nhiệm gửi văn bản đăng ký kèm theo chương trình chi tiết đến Ủy ban nhân dân "
        "cấp xã; Ủy ban nhân dân cấp xã có trách nhiệm trả lời bằng văn bản cho ban tổ chức trong năm ngày làm việc."
    )
    time_frame = "Trước 30 ngày kể từ ngày dự kiến tổ chức lễ hội, b" + plain[1:]
    assert suggestions(time_frame, "sentence_length") == []
    # the same two clauses without the shared time frame are split
    assert [after for _, after, _ in suggestions(plain, "sentence_length")] == [". Ủ"]
