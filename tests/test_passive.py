"""The passive analyzer through `analyze`: findings start at the marker, data, summary, list items."""

import vnpolicytext

from .conftest import assert_offsets

TEXT = (
    "Điều 4. Tiếp nhận hồ sơ\n"
    "1. Hồ sơ được Văn phòng xã tiếp nhận trong giờ hành chính.\n"
    "2. Hồ sơ không hợp lệ sẽ bị trả lại trong ngày.\n"
    "3. Người cao tuổi được miễn lệ phí.\n"
    "4. Người nộp được tham gia buổi đối thoại với lãnh đạo xã.\n"
    "5. Cán bộ không được yêu cầu thêm giấy tờ ngoài danh mục.\n"
    "Kết quả được gửi qua bưu điện và được thông báo bởi cán bộ một cửa.\n"
)


def passives(report: vnpolicytext.Report) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in report.findings if f.analyzer == "passive"]


def test_findings_start_at_the_marker_and_end_at_the_verb() -> None:
    r = vnpolicytext.analyze(TEXT)
    assert_offsets(TEXT, r)
    found = passives(r)
    assert ("passive.long", "được Văn phòng xã tiếp nhận") in found  # in a list item
    assert ("passive.short", "bị trả") in found or ("passive.short", "bị trả lại") in found
    assert any(rule == "passive.beneficiary" and text.startswith("được miễn") for rule, text in found)
    # two markers in one sentence: a short passive and a long one with "bởi"
    last = [t for _, t in found if TEXT.index(t) > TEXT.index("Kết quả")]
    assert last[0] == "được gửi" and last[1].startswith("được thông báo")
    for f in r.findings:
        if f.analyzer == "passive":
            assert f.text.lower().startswith(("được", "bị"))


def test_permission_and_prohibition_are_counted_not_flagged() -> None:
    r = vnpolicytext.analyze(TEXT)
    flagged = {t for _, t in passives(r)}
    assert not any(t.startswith("được tham gia") for t in flagged)
    assert not any("yêu cầu" in t for t in flagged)
    s = r.passive
    assert s is not None
    assert s.permissions >= 1 and s.prohibitions >= 1
    assert s.passives == s.short + s.long + s.beneficiary == len(passives(r))
    assert s.agentless_share == round(s.short / s.passives, 4)
    assert 0 < s.sentences_with_passive_share <= 1


def test_data_names_marker_kind_verb_and_agent() -> None:
    r = vnpolicytext.analyze(TEXT)
    [long] = [f for f in r.findings if f.rule == "passive.long" and "Văn phòng" in f.text]
    assert long.data["marker"] == "được" and long.data["kind"] == "long"
    assert long.data["verb"] == "tiếp nhận"
    agent = long.data["agent"]
    assert TEXT[agent["start"] : agent["end"]] == agent["text"] == "Văn phòng xã"
    [short] = [f for f in r.findings if f.rule == "passive.short" and f.text.startswith("bị")]
    assert short.data["agent"] is None and "không biết ai" in short.message
    assert short.suggestion is not None and "chủ động" in short.suggestion
