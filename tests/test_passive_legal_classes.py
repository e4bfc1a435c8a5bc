"""Classes of agentless passives in legal text that are not a hidden actor (issue 11, the 90-law check):
restrictions with a condition, rules of form, operation verbs, body names as agents, list lead-ins."""

from __future__ import annotations

import vnpolicytext


def _passives(text: str, profile: str = "legal") -> list[tuple[str, str]]:
    report = vnpolicytext.analyze(text, config={"profile": profile})
    return [(f.rule, f.text) for f in report.findings if f.analyzer == "passive"]


def test_only_with_a_condition_is_a_restriction_not_a_duty() -> None:
    for text in (
        "Việc chia cổ tức chỉ được thực hiện khi công ty đã nộp đủ thuế.",
        "Khoản tiền dự phòng chỉ được sử dụng nếu có quyết định của Hội đồng thành viên.",
        "Kế hoạch vốn chỉ được điều chỉnh trong các trường hợp sau đây:",
        "Hàng hóa nhập khẩu chỉ được bán ra sau khi đã nộp đủ thuế.",
    ):
        assert [r for r, _ in _passives(text)] == ["passive.statement"], text
    # without a condition "chỉ được" still restricts a duty nobody is named to carry
    assert [r for r, _ in _passives("Tiền bồi thường chỉ được chi cho người bị thiệt hại.")] == ["passive.short"]
    # citizens and news keep the warning
    citizen = _passives("Việc chia cổ tức chỉ được thực hiện khi công ty đã nộp đủ thuế.", "citizen")
    assert [r for r, _ in citizen] == ["passive.short"]


def test_a_passive_inside_a_condition_is_not_a_duty() -> None:
    text = "Trong trường hợp hợp đồng chỉ được ký bằng tiếng Anh thì bên Việt Nam phải có bản dịch."
    assert all(rule != "passive.short" for rule, _ in _passives(text))
    text = "Nếu biên bản phải được sửa đổi thì các bên cùng ký lại."
    assert all(rule != "passive.short" for rule, _ in _passives(text))


def test_rules_of_form_record_place_and_manner_are_legal_formulas() -> None:
    for text in (
        "Thỏa thuận góp vốn phải được lập thành văn bản.",
        "Cuộc họp của ban kiểm soát phải được ghi biên bản.",
        "Mọi khoản chi phải được ghi chép đầy đủ vào sổ sách kế toán.",
        "Việc kiểm phiếu phải được tiến hành liên tục.",
        "Việc bỏ phiếu phải được tiến hành tại phòng họp của hội đồng.",
        "Lời khai của người làm chứng phải được ghi âm.",
        "Hợp đồng đại lý phải được giao kết bằng văn bản.",
    ):
        report = vnpolicytext.analyze(text, config={"profile": "legal"})
        found = [(f.rule, f.data.get("kind")) for f in report.findings if f.analyzer == "passive"]
        assert found == [("passive.legal_formula", "form")], text
    # the same verbs without a complement of form, and verbs of sending, stay duties
    assert [r for r, _ in _passives("Báo cáo quyết toán phải được lập trước ngày 31 tháng 3.")] == ["passive.short"]
    assert [r for r, _ in _passives("Biên bản phải được gửi cho Ủy ban nhân dân cấp xã.")] == ["passive.short"]


def test_a_craft_in_operation_is_allowed_not_acted_on() -> None:
    for text in (
        "Tàu bay chỉ được bay qua khu vực cấm khi có phép của Bộ Quốc phòng.",
        "Trực thăng chỉ được phép cất cánh từ sân bay đã đăng ký.",
        "Tàu khách chỉ được chạy khi các cửa toa đã đóng.",
        "Phương tiện thủy chỉ được phép thực hiện chuyến đi khi có giấy chứng nhận an toàn.",
    ):
        assert _passives(text) == [], text
    # a thing that is acted on is still a passive
    assert [r for r, _ in _passives("Tàu cá phải được đăng kiểm hằng năm.")] == ["passive.short"]


def test_a_body_name_after_the_marker_is_the_agent() -> None:
    report = vnpolicytext.analyze(
        "Giống vật nuôi mới phải được Bộ Nông nghiệp và Phát triển nông thôn công nhận trước khi sản xuất.",
        config={"profile": "legal"},
    )
    found = [f for f in report.findings if f.analyzer == "passive"]
    assert [f.rule for f in found] == ["passive.long"]
    assert "Bộ Nông nghiệp và Phát triển nông thôn công nhận" in (found[0].suggestion or "")
    report = vnpolicytext.analyze("Dự án phải được Sở Xây dựng thẩm định.", config={"profile": "legal"})
    assert [f.rule for f in report.findings if f.analyzer == "passive"] == ["passive.long"]


def test_a_list_point_whose_lead_in_names_the_actor_is_not_a_hidden_actor() -> None:
    text = (
        "Điều 9. Trách nhiệm của chủ trang trại\n"
        "Chủ trang trại chăn nuôi có trách nhiệm sau đây:\n"
        "a) Chất thải chăn nuôi phải được thu gom hằng ngày;\n"
        "b) Chuồng trại phải được khử trùng sau mỗi đợt nuôi."
    )
    assert [r for r, _ in _passives(text)] == ["passive.statement", "passive.statement"]
    text = (
        "Điều 9. Yêu cầu đối với chuồng trại\n"
        "Chuồng trại chăn nuôi phải bảo đảm các yêu cầu sau đây:\n"
        "a) Chất thải chăn nuôi phải được thu gom hằng ngày;\n"
        "b) Nền chuồng phải được khử trùng sau mỗi đợt nuôi."
    )
    assert [r for r, _ in _passives(text)] == ["passive.short", "passive.short"]


def test_restrictions_of_place_and_coordinated_conditions() -> None:
    assert [r for r, _ in _passives("Việc tiêu hủy pháo chỉ được thực hiện tại bãi hủy của quân đội.")] == [
        "passive.legal_formula"
    ]
    text = "Nhà máy chỉ được xây dựng, đường dây chỉ được kéo khi đã có giấy phép."
    assert [r for r, _ in _passives(text)] == ["passive.statement", "passive.statement"]
    assert [r for r, _ in _passives("Mỗi hội viên chỉ được ghi tên vào một danh sách bầu cử.")] == [
        "passive.legal_formula"
    ]
    assert [r for r, _ in _passives("Phiên họp phải được tiến hành đúng thời gian đã thông báo.")] == [
        "passive.legal_formula"
    ]


def test_a_named_body_or_party_after_the_marker_heads_the_agent() -> None:
    for text in (
        "Điều lệ sửa đổi phải được Đại hội đồng xã viên thông qua.",
        "Phương án bán tài sản phải được chủ nợ đồng ý.",
    ):
        assert [r for r, _ in _passives(text)] == ["passive.long"], text
    # "tổ chức" is a verb here: no agent
    assert [r for r, _ in _passives("Kế hoạch phòng cháy phải được tổ chức thực hiện hằng năm.")] == ["passive.short"]


def test_a_body_with_an_object_acts_after_a_verb_done_to_people() -> None:
    assert _passives("Tòa án chỉ được xem xét, đối chiếu giấy tờ do đương sự nộp.") == []
    assert _passives("Cơ quan điều tra chỉ được nhập vụ án khi có căn cứ.") == []
    # a person with the same verbs undergoes them
    assert [r for r, _ in _passives("Học viên phải được kiểm tra sức khỏe trước khóa học.")] == ["passive.short"]


def test_form_and_manner_by_the_complement_and_cited_rules_after_coordinated_verbs() -> None:
    for text in (
        "Việc góp vốn phải được thực hiện dưới hình thức hợp đồng bằng văn bản.",
        "Lệnh triệu tập phải được thông báo bằng phương thức bảo đảm người nhận biết được.",
    ):
        found = [(f.rule, f.data.get("kind")) for f in vnpolicytext.analyze(text, config={"profile": "legal"}).findings if f.analyzer == "passive"]
        assert found == [("passive.legal_formula", "form")], text
    text = "Thiết bị đo phải được kiểm định, có chứng nhận theo quy định của pháp luật về đo lường."
    found = [(f.rule, f.data.get("kind")) for f in vnpolicytext.analyze(text, config={"profile": "legal"}).findings if f.analyzer == "passive"]
    assert found == [("passive.legal_formula", "reference")]


def test_a_provision_carried_out_and_a_restriction_of_time() -> None:
    text = "Quy định tại khoản 2 Điều này phải được thực hiện trước ngày 01 tháng 01 năm 2030."
    assert [r for r, _ in _passives(text)] == ["passive.legal_formula"]
    text = "Giấy phép lái tàu chỉ được cấp lại sau 24 tháng kể từ ngày nộp đơn."
    assert [r for r, _ in _passives(text)] == ["passive.statement"]
    # a deadline on a duty that names nobody stays a warning
    assert [r for r, _ in _passives("Báo cáo phải được gửi đến Sở Tư pháp trong năm ngày.")] == ["passive.short"]


def _kinds(text: str) -> list[tuple[str, object]]:
    report = vnpolicytext.analyze(text, config={"profile": "legal"})
    return [(f.rule, f.data.get("kind")) for f in report.findings if f.analyzer == "passive"]


def test_rules_of_manner_quality_or_language_with_any_verb_are_rules_of_form() -> None:
    for text in (
        "Vật tư trong kho phải được xếp đặt gọn gàng, ngăn nắp.",
        "Thực phẩm tươi sống phải được bảo quản an toàn.",
        "Vụ án phải được giải quyết lại từ đầu.",
        "Giấy tờ do cơ quan nước ngoài cấp phải được dịch sang tiếng Việt.",
    ):
        assert _kinds(text) == [("passive.legal_formula", "form")], text
    # a one-syllable result ("làm rõ"), a deadline or a place of delivery leave the actor hidden
    for text in (
        "Nội dung chưa thống nhất phải được làm rõ.",
        "Hồ sơ đề nghị phải được gửi đến Sở Tài chính.",
        "Danh sách cử tri phải được niêm yết tại trụ sở.",
    ):
        assert [r for r, _ in _passives(text)] == ["passive.short"], text


def test_only_with_a_medium_or_a_time_frame_is_a_restriction() -> None:
    for text in (
        "Việc giám định chỉ được tiến hành trên mẫu vật đã niêm phong.",
        "Yêu cầu bồi thường chỉ được giải quyết trong thời hạn hai năm kể từ ngày xảy ra thiệt hại.",
    ):
        assert [r for r, _ in _passives(text)] == ["passive.statement"], text
    # "trong" before a place is no time frame
    assert [r for r, _ in _passives("Tiền tạm ứng chỉ được chi trong tỉnh.")] == ["passive.short"]


def test_a_passive_inside_what_a_definition_says_is_no_duty() -> None:
    text = "2. Dịch vụ công thiết yếu là dịch vụ hành chính công cần được cung cấp cho người dân qua mạng."
    assert [r for r, _ in _passives(text)] == ["passive.statement"]
    # a duty whose subject is not defined by "là" stays a duty
    text = "2. Dịch vụ công thiết yếu cần được cung cấp cho người dân qua mạng."
    assert [r for r, _ in _passives(text)] == ["passive.short"]


def test_a_nominalised_act_as_subject_names_its_doer() -> None:
    text = "Việc hủy bỏ hợp đồng phải được thông báo trước ba mươi ngày."
    assert [r for r, _ in _passives(text)] == ["passive.statement"]
    # a thing as subject: nobody is named
    text = "Quyết định hủy bỏ hợp đồng phải được thông báo trước ba mươi ngày."
    assert [r for r, _ in _passives(text)] == ["passive.short"]


def test_a_duty_joined_to_a_passive_that_names_the_bound_is_a_principle() -> None:
    text = "Quyết định xử phạt phải được công bố và phải được các cơ quan, tổ chức có liên quan chấp hành."
    assert [r for r, _ in _passives(text)] == ["passive.statement", "passive.long"]
    # two agentless duties: both hide who acts
    text = "Quyết định xử phạt phải được công bố và phải được lưu trữ."
    assert [r for r, _ in _passives(text)] == ["passive.short", "passive.short"]


def test_result_state_language_and_standard_after_the_verb_are_rules_of_form() -> None:
    for text in (
        "Hợp đồng có điều khoản bằng tiếng Anh nhưng phải được dịch ra tiếng Việt.",
        "Hiện trường vụ cháy phải được giữ nguyên trạng.",
        "Vùng đệm phải được xây dựng thành khu dân cư tập trung.",
        "Khí thải từ lò đốt phải được thu gom, xử lý đạt quy chuẩn kỹ thuật trước khi xả ra ngoài.",
    ):
        assert _kinds(text) == [("passive.legal_formula", "form")], text
    # the same verbs without the complement hide who must act
    assert [r for r, _ in _passives("Khí thải từ lò đốt phải được thu gom, xử lý.")] == ["passive.short"]


def test_a_passive_in_the_clause_that_thi_closes_and_a_cited_procedure() -> None:
    text = "Mẫu vật cần được bảo quản lạnh thì phải bảo quản ngay sau khi lấy."
    assert [r for r, _ in _passives(text)] == ["passive.statement"]
    text = "Dự thảo nghị định phải được thẩm định theo trình tự, thủ tục rút gọn."
    assert _kinds(text) == [("passive.legal_formula", "reference")]
    # "thì" after a comma belongs to another clause
    text = "Mẫu vật phải được bảo quản lạnh, nếu hỏng thì lấy mẫu khác."
    assert [r for r, _ in _passives(text)] == ["passive.short"]
