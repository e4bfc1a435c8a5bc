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


def test_a_legal_role_name_is_noted_as_info_not_a_passive_to_rewrite() -> None:
    r = vnpolicytext.analyze("Người được giám hộ có quyền yêu cầu người giám hộ báo cáo việc quản lý tài sản.")
    [finding] = [f for f in r.findings if f.analyzer == "passive"]
    assert finding.rule == "passive.role_noun" and finding.severity == "info"
    assert finding.text.startswith("được giám hộ")
    assert "người được giám hộ" in finding.message.lower()
    assert r.passive is not None and r.passive.role_nouns == 1 and r.passive.short == 0


def test_the_formula_of_a_definitions_article_is_not_reported() -> None:
    text = "Điều 3. Giải thích từ ngữ\nTrong Quy chế này, các từ ngữ dưới đây được hiểu như sau:\n1. Thôn là cộng đồng dân cư."
    r = vnpolicytext.analyze(text)
    assert not [f for f in r.findings if f.analyzer == "passive"]
    assert r.passive is not None and r.passive.formulas == 1


def test_list_items_read_their_subject_from_the_chapeau() -> None:
    duties = "Người thuê nhà ở công vụ có các nghĩa vụ sau đây:\na) Không được tẩy xóa, sửa chữa hợp đồng thuê;"
    papers = "Giấy tờ trong hồ sơ phải bảo đảm các yêu cầu sau:\na) Không được tẩy xóa, sửa chữa;"
    by_person = vnpolicytext.analyze(duties)
    assert not [f for f in by_person.findings if f.rule.startswith("passive.")]
    assert by_person.passive is not None and by_person.passive.prohibitions == 1
    by_thing = vnpolicytext.analyze(papers)
    assert [f.rule for f in by_thing.findings if f.analyzer == "passive"] == ["passive.short"]


def test_a_receiving_verb_gets_a_suggestion_that_names_who_pays() -> None:
    r = vnpolicytext.analyze("Người lao động được hưởng trợ cấp thôi việc theo quy định.")
    [finding] = [f for f in r.findings if f.rule == "passive.beneficiary"]
    assert finding.suggestion is not None
    assert "hưởng … cho" not in finding.suggestion and "chi trả" in finding.suggestion


def test_legal_conventions_are_noted_as_info_not_warnings() -> None:
    text = (
        "Người nào lấn chiếm vỉa hè để kinh doanh thì bị phạt tiền từ một triệu đồng đến hai triệu đồng. "
        "Việc cưỡng chế được thực hiện theo quy định của pháp luật về xử lý vi phạm hành chính. "
        "Hồ sơ đề nghị phải được gửi đến Ủy ban nhân dân xã."
    )
    r = vnpolicytext.analyze(text, config={"profile": "legal"})
    found = {(f.rule, f.severity, f.data.get("kind")) for f in r.findings if f.analyzer == "passive"}
    assert ("passive.legal_formula", "info", "sanction") in found
    assert ("passive.legal_formula", "info", "reference") in found
    [warning] = [f for f in r.findings if f.rule == "passive.short"]
    assert warning.text.startswith("được gửi")
    [sanction] = [f for f in r.findings if f.data.get("kind") == "sanction"]
    assert sanction.text.startswith("bị phạt") and "chế tài" in sanction.message
    assert r.passive is not None and r.passive.conventions == 2 and r.passive.short == 1
    assert_offsets(text, r)


def test_a_passive_in_a_heading_is_a_title_not_a_hidden_actor() -> None:
    text = "Điều 12. Các giống cây trồng được bảo hộ\nGiống cây trồng mới phải được đăng ký tại Cục Trồng trọt."
    r = vnpolicytext.analyze(text, config={"profile": "legal"})
    rules = sorted((f.rule, f.text.split()[1]) for f in r.findings if f.analyzer == "passive")
    assert rules == [("passive.legal_formula", "bảo"), ("passive.long", "đăng")] or rules == [
        ("passive.legal_formula", "bảo"),
        ("passive.short", "đăng"),
    ]


def test_in_legal_text_only_a_duty_without_its_holder_is_a_passive_warning() -> None:
    text = (
        "Điều 8. Kho hàng\n"
        "1. Tang vật được bảo quản tại kho của cơ quan hải quan.\n"
        "2. Biên bản kiểm kê phải được lập trong ngày.\n"
        "3. Hàng hóa dễ hư hỏng chỉ được lưu kho tối đa ba ngày."
    )
    legal = vnpolicytext.analyze(text, config={"profile": "legal"})
    found = sorted((f.rule, f.severity, f.text.split()[1]) for f in legal.findings if f.analyzer == "passive")
    # a place where a thing is kept is a rule of place (legal_formula, kind "form"), not a hidden actor
    assert found == [
        ("passive.legal_formula", "info", "bảo"),
        ("passive.short", "warning", "lưu"),
        ("passive.short", "warning", "lập"),
    ]
    assert legal.passive is not None and legal.passive.short == 2 and legal.passive.conventions == 1
    # for citizens every agentless passive stays a warning
    citizen = vnpolicytext.analyze(text, config={"profile": "citizen"})
    assert sum(f.rule == "passive.short" for f in citizen.findings) == 3


def test_an_adjective_of_compulsion_before_the_marker_is_not_a_duty() -> None:
    # "kiểm đếm bắt buộc" (compulsory counting) is a noun phrase; the passive after it states a rule
    text = "Điều 9. Cưỡng chế\n2. Việc cưỡng chế kiểm đếm bắt buộc được thực hiện khi có đủ các điều kiện sau đây:"
    r = vnpolicytext.analyze(text, config={"profile": "legal"})
    assert not any(f.rule == "passive.short" for f in r.findings)
