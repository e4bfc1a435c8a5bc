"""Tests for the được/bị classifier; every sentence here is written for these tests."""

from __future__ import annotations

import unicodedata

import pytest
from underthesea import word_tokenize

from vnpolicytext.passive_rules import (
    MarkerUse,
    chapeau_subject_animate,
    classify_markers,
    has_marker,
    marker_indices,
    tag_around,
    tag_words,
)


def analyse(sentence: str) -> tuple[list[str], list[MarkerUse]]:
    words = word_tokenize(sentence)
    return words, classify_markers(words, tag_words(words))


def only(sentence: str) -> tuple[list[str], MarkerUse]:
    words, uses = analyse(sentence)
    assert len(uses) == 1, uses
    return words, uses[0]


def text(words: list[str], span: tuple[int, int] | None) -> str | None:
    return None if span is None else " ".join(words[span[0] : span[1]])


def verb(words: list[str], use: MarkerUse) -> str | None:
    return None if use.verb is None else words[use.verb]


def test_short_passive() -> None:
    words, use = only("Đơn đề nghị đã được tiếp nhận trong ngày.")
    assert words[use.marker] == "được"
    assert use.label == "passive_short"
    assert verb(words, use) == "tiếp nhận"
    assert use.agent is None
    assert use.verb is not None and use.end == use.verb + 1
    assert use.is_passive


def test_long_passive_with_agent_np() -> None:
    words, use = only("Báo cáo quyết toán được Sở Tài chính thẩm định trước ngày 30 tháng 6.")
    assert use.label == "passive_long"
    assert verb(words, use) == "thẩm định"
    assert text(words, use.agent) == "Sở Tài chính"
    assert use.verb is not None and use.end == use.verb + 1


def test_long_passive_agent_tagged_as_verb() -> None:
    # The tagger calls "Ủy ban nhân dân" a verb; the agent-noun lexicon keeps it in the agent NP.
    words, use = only("Dự án đã được Ủy ban nhân dân tỉnh phê duyệt.")
    assert use.label == "passive_long"
    assert text(words, use.agent) == "Ủy ban nhân dân tỉnh"
    assert verb(words, use) == "phê duyệt"


def test_bi_long_passive_and_short_passive_in_one_sentence() -> None:
    words, uses = analyse(
        "Doanh nghiệp bị xử phạt vì chậm nộp thuế, còn chủ doanh nghiệp bị Công an huyện triệu tập."
    )
    assert [u.label for u in uses] == ["passive_short", "passive_long"]
    assert verb(words, uses[0]) == "xử phạt"
    assert uses[0].agent is None
    assert text(words, uses[1].agent) == "Công an huyện"
    assert verb(words, uses[1]) == "triệu tập"


def test_agent_after_verb_with_boi() -> None:
    words, use = only("Hồ sơ đăng ký được kiểm tra bởi cán bộ một cửa.")
    assert use.label == "passive_long"
    assert verb(words, use) == "kiểm tra"
    assert text(words, use.agent) == "cán bộ một cửa"
    assert use.verb is not None and use.end == use.verb + 1


def test_agent_with_do_before_verb() -> None:
    words, use = only("Việc kiểm kê tài sản được do Phòng Tài chính huyện thực hiện.")
    assert use.label == "passive_long"
    assert verb(words, use) == "thực hiện"
    assert text(words, use.agent) == "Phòng Tài chính huyện"


def test_causal_do_is_not_an_agent() -> None:
    words, use = only("Công trình bị đình chỉ thi công do chủ đầu tư vi phạm.")
    assert use.label == "passive_short"
    assert verb(words, use) == "đình chỉ"
    assert use.agent is None


def test_beneficiary_with_object() -> None:
    words, use = only("Hợp tác xã được miễn thuế thu nhập doanh nghiệp trong hai năm.")
    assert use.label == "passive_beneficiary"
    assert verb(words, use) == "miễn"
    assert use.verb is not None and use.end > use.verb + 1  # the object is part of the construction
    assert words[use.end] == "trong"


def test_thing_given_as_subject_is_short_passive() -> None:
    words, use = only("Giấy phép được cấp trong thời hạn mười ngày làm việc.")
    assert use.label == "passive_short"
    assert verb(words, use) == "cấp"


def test_recipient_subject_without_object_is_beneficiary() -> None:
    words, uses = analyse("Người dân bị ảnh hưởng bởi dự án được bồi thường theo giá thị trường.")
    assert [u.label for u in uses] == ["passive_long", "passive_beneficiary"]
    assert verb(words, uses[0]) == "ảnh hưởng"  # "bị ảnh hưởng" is passive, not a main verb
    assert text(words, uses[0].agent) == "dự án"
    assert verb(words, uses[1]) == "bồi thường"


@pytest.mark.parametrize(
    ("sentence", "main_verb"),
    [
        ("Hộ kinh doanh được kinh doanh các ngành nghề mà pháp luật không cấm.", "kinh doanh"),
        ("Người lao động được nghỉ làm việc trong những ngày lễ.", "nghỉ"),
    ],
)
def test_permission(sentence: str, main_verb: str) -> None:
    words, use = only(sentence)
    assert use.label == "permission"
    assert verb(words, use) == main_verb
    assert use.end == use.marker + 1
    assert not use.is_passive


def test_prohibition() -> None:
    words, use = only("Chủ đầu tư không được chuyển nhượng dự án khi chưa hoàn thành nghĩa vụ tài chính.")
    assert use.label == "prohibition"
    assert verb(words, use) == "chuyển nhượng"
    assert use.end == use.marker + 1


def test_prohibition_duoc_phep() -> None:
    words, use = only("Cán bộ tiếp dân không được phép nhận quà của người dân.")
    assert use.label == "prohibition"
    assert verb(words, use) == "nhận"


def test_negated_passive_with_thing_subject() -> None:
    words, use = only("Tài liệu này không được tẩy xóa hoặc sửa chữa.")
    assert use.label == "passive_short"
    assert use.verb is not None and words[use.verb].startswith("tẩy")


def test_potential() -> None:
    _words, use = only("Mức phí này người dân hoàn toàn chấp nhận được.")
    assert use.label == "potential"
    assert use.verb is None
    assert use.end == use.marker + 1


def test_potential_with_object() -> None:
    words, use = only("Sau khi nhận được thông báo, người nộp thuế phải nộp tiền.")
    assert use.label == "potential"
    assert words[use.marker] == "được"


def test_main_verb_duoc_mua() -> None:
    _words, use = only("Nhờ thời tiết thuận lợi, năm nay bà con được mùa.")
    assert use.label == "main_verb"
    assert use.verb is None


def test_main_verb_bi_tai_nan() -> None:
    words, use = only("Anh Minh bị tai nạn giao thông trên đường đi làm.")
    assert words[use.marker] == "bị"
    assert use.label == "main_verb"
    assert use.agent is None


def test_main_verb_bi_with_stative_verb() -> None:
    _words, use = only("Máy tính của phòng bị hư hỏng sau trận mưa lớn.")
    assert use.label == "main_verb"
    assert use.end == use.marker + 1


def test_bi_lat_is_passive() -> None:
    words, use = only("Chiếc xe bị lật khi đang qua đèo.")
    assert use.label == "passive_short"
    assert verb(words, use) == "lật"


def test_marker_inside_a_word_is_other() -> None:
    words, use = only("Trường học đã mua thêm thiết bị dạy học.")
    assert words[use.marker] == "thiết bị"
    assert use.label == "other"
    assert use.end == use.marker + 1


def test_bi_cao_and_passive_in_one_sentence() -> None:
    words, uses = analyse("Bị cáo được trả tự do ngay tại phiên tòa.")
    assert [u.label for u in uses] == ["other", "passive_short"]
    assert verb(words, uses[1]) == "trả"


def test_discourse_and_elliptic_uses_are_other() -> None:
    _, use = only("Được biết, buổi đối thoại sẽ diễn ra vào cuối tháng.")
    assert use.label == "other"
    _, use = only("Nếu không được thì gửi lại hồ sơ vào tuần sau.")
    assert use.label == "other"


def test_several_markers() -> None:
    words, uses = analyse(
        "Hồ sơ được tiếp nhận, được Phòng Tư pháp thẩm định và không bị trả lại nếu hợp lệ; "
        "người nộp được miễn lệ phí."
    )
    assert [u.label for u in uses] == [
        "passive_short",
        "passive_long",
        "passive_short",
        "passive_beneficiary",
    ]
    assert [words[u.marker] for u in uses] == ["được", "được", "bị", "được"]
    assert text(words, uses[1].agent) == "Phòng Tư pháp"
    assert [u.marker for u in uses] == sorted(u.marker for u in uses)


def test_case_and_unicode_forms() -> None:
    words = ["Quyết định", "ĐƯỢC", "ban hành", "hôm nay", "."]
    uses = classify_markers(words, tag_words(words))
    assert len(uses) == 1 and uses[0].label == "passive_short"
    decomposed = [unicodedata.normalize("NFD", w) for w in ["Người", "dân", "bị", "bệnh", "."]]
    assert decomposed[2] != "bị"
    uses = classify_markers(decomposed, ["N", "N", "V", "N", "CH"])
    assert [(u.marker, u.label) for u in uses] == [(2, "main_verb")]
    # tone placement: "uỷ quyền" (new style) matches the lexicon entry "ủy quyền" like the classic form
    tags = ["N", "V", "V", "V", "N", "CH"]
    classic = classify_markers(["Phó giám đốc", "được", "ủy quyền", "ký", "hợp đồng", "."], tags)
    new = classify_markers(["Phó giám đốc", "được", "uỷ quyền", "ký", "hợp đồng", "."], tags)
    assert classic == new
    assert classic[0].label == "passive_beneficiary"


def test_has_marker() -> None:
    assert has_marker("Hồ sơ đã được duyệt.")
    assert has_marker("BỊ phạt tiền")
    assert has_marker("thiết bị")
    assert not has_marker("Bịt kín lỗ hổng và nộp hồ sơ.")
    assert not has_marker("")


def test_tag_words_keeps_segmentation() -> None:
    words = ["Hồ sơ", "được", "cơ quan", "thuế", "tiếp nhận", "."]
    tags = tag_words(words)
    assert len(tags) == len(words)
    assert tags[0].startswith("N")
    assert tags[-1] == "CH"
    assert tag_words([]) == []


def test_tag_around_matches_full_tagging_near_markers() -> None:
    words = word_tokenize(
        "Theo quy định tại khoản 2 Điều này và hướng dẫn của Bộ Tài chính về thủ tục hoàn thuế giá trị gia "
        "tăng đối với hộ kinh doanh, cá nhân kinh doanh nộp thuế theo phương pháp khoán tại địa bàn xã, "
        "hồ sơ của người đề nghị được cơ quan thuế cấp huyện "
        "tiếp nhận và xử lý trong thời hạn năm ngày làm việc kể từ ngày nộp đủ giấy tờ hợp lệ."
    )
    marks = marker_indices(words)
    assert len(marks) == 1
    partial = tag_around(words)
    assert partial[0] == ""  # far from the marker: not tagged
    assert classify_markers(words, partial) == classify_markers(words, tag_words(words))


def test_length_mismatch_is_rejected() -> None:
    with pytest.raises(ValueError):
        classify_markers(["được", "cấp"], ["V"])


# --------------------------------------------------------------------------- hard cases (issue 11)


def labels(sentence: str) -> list[str]:
    return [u.label for u in analyse(sentence)[1]]


@pytest.mark.parametrize(
    "sentence",
    [
        # (a) negated "được" with an acting subject, whatever follows the verb
        "Cán bộ tiếp nhận hồ sơ, công chức một cửa không được yêu cầu người dân nộp thêm giấy tờ.",
        "Thành viên hội đồng không được tiết lộ về nội dung cuộc họp.",
        "Phụ huynh tự nguyện đóng góp, nhà trường không được ép buộc.",
        "Người thuê nhà thì không được tự ý cải tạo căn hộ.",
        "b) Không được thu thêm bất kỳ khoản phí nào ngoài mức quy định;",
        # a measure, a limit or a cause as subject: "không được vượt quá", "không được làm ảnh hưởng"
        "Mức thu không được vượt quá hai mươi nghìn đồng mỗi hồ sơ.",
        "Việc thi công không được làm ảnh hưởng đến sinh hoạt của người dân.",
    ],
)
def test_prohibition_by_clause_subject(sentence: str) -> None:
    assert labels(sentence) == ["prohibition"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Biên bản họp không được tẩy xóa.",
        # the subject of a chain of predicates is the noun that opens the chain
        "Tờ khai phải ghi đầy đủ, rõ ràng, không được viết tắt.",
        "Máy chiếu của hội trường chỉ được sử dụng cho các cuộc họp, không được cho mượn ra ngoài.",
    ],
)
def test_negated_passive_with_thing_subject_in_predicate_chains(sentence: str) -> None:
    assert labels(sentence)[-1] == "passive_short"


def test_context_subject_of_a_list_item() -> None:
    words = word_tokenize("a) Không được tẩy xóa, sửa chữa nội dung;")
    tags = tag_words(words)
    assert [u.label for u in classify_markers(words, tags)] == ["prohibition"]  # a duty by default
    uses = classify_markers(words, tags, context_subject_animate=False)  # chapeau: "Hồ sơ phải bảo đảm:"
    assert [u.label for u in uses] == ["passive_short"]
    uses = classify_markers(words, tags, context_subject_animate=True)
    assert [u.label for u in uses] == ["prohibition"]


@pytest.mark.parametrize(
    ("sentence", "main_verb"),
    [
        # (b) a person or body + an activity verb that is in no lexicon
        ("Hộ kinh doanh được treo biển hiệu tại cửa hàng.", "treo"),
        ("Thí sinh được mang máy tính cầm tay vào phòng thi.", "mang"),
        # (c) "được tự", "được tiếp tục", "chỉ được", "để được", list items of rights
        ("Trường học được tự quyết định thời khóa biểu.", "quyết định"),
        ("Các hộ dân đã ký hợp đồng thì được tiếp tục thuê ki-ốt đến hết năm.", "thuê"),
        ("Thí sinh chỉ được rút hồ sơ một lần.", "rút"),
        ("Hộ gia đình phải có giấy phép để được khai thác cát.", "khai thác"),
        ("c) Được sử dụng hội trường của xã để sinh hoạt văn hóa;", "sử dụng"),
    ],
)
def test_permission_of_an_acting_subject(sentence: str, main_verb: str) -> None:
    words, use = only(sentence)
    assert use.label == "permission"
    assert verb(words, use) == main_verb
    assert not use.is_passive


@pytest.mark.parametrize(
    "sentence",
    [
        # a person or body is the patient of verbs done to people, of a bare transitive verb, and
        # of a verb followed by a measure phrase
        "Cán bộ xã được tập huấn nghiệp vụ hộ tịch.",
        "Nhà thầu được lựa chọn theo hình thức đấu thầu rộng rãi.",
        "Bệnh viện huyện được nâng cấp hai lần trong năm năm qua.",
        # (e) a thing + verb + time or quantity phrase
        "Quy hoạch được rà soát định kỳ năm năm một lần.",
        "Diện tích trồng rừng được mở rộng gấp ba lần.",
    ],
)
def test_passive_with_patient_subject(sentence: str) -> None:
    assert labels(sentence) == ["passive_short"]


@pytest.mark.parametrize(
    "sentence",
    [
        # (d) "bị" + a state, damage, loss or natural event is the main verb
        "Nhiều tuyến đường bị ngập sâu sau trận mưa lớn.",
        "Công ty bị phá sản sau hai năm thua lỗ.",
        "Đất canh tác bị thoái hóa do sử dụng nhiều phân bón.",
        "Sổ sách phải để nơi khô ráo để không bị ẩm mốc.",
        "Lúa vụ đông xuân bị sâu bệnh trên diện rộng.",
    ],
)
def test_bi_with_states_and_events(sentence: str) -> None:
    assert labels(sentence)[-1] == "main_verb"


def test_bi_with_destroying_verbs_tagged_as_nouns_is_passive() -> None:
    # (g) "tiêu hủy", "tịch thu" after "bị" are verbs whatever the tagger says
    assert labels("Hàng giả bị tiêu hủy, phương tiện vận chuyển bị tịch thu.") == [
        "passive_short",
        "passive_short",
    ]


@pytest.mark.parametrize(
    ("sentence", "agent", "main_verb"),
    [
        # (f) agents coordinated with commas, long agents, "bởi" a few words after the verb
        (
            "Dự án được Sở Xây dựng, Sở Tài nguyên và Môi trường thẩm định.",
            "Sở Xây dựng , Sở Tài nguyên và Môi trường",
            "thẩm định",
        ),
        (
            "Bản sao được chứng thực từ bản chính bởi Phòng Tư pháp huyện.",
            "Phòng Tư pháp huyện",
            "chứng thực",
        ),
        ("Kết quả được thông báo công khai bởi Ủy ban nhân dân xã.", "Ủy ban nhân dân xã", "thông báo"),
        (
            "Báo cáo được Thường trực Hội đồng nhân dân tỉnh cho ý kiến.",
            "Thường trực Hội đồng nhân dân tỉnh",
            "cho",
        ),
        # an agent never swallows the verb
        ("Giấy xác nhận được Ủy ban nhân dân xã cấp cho người dân.", "Ủy ban nhân dân xã", "cấp"),
    ],
)
def test_agents(sentence: str, agent: str, main_verb: str) -> None:
    words, use = only(sentence)
    assert use.label == "passive_long"
    assert text(words, use.agent) == agent
    assert verb(words, use) == main_verb


def test_long_coordinated_agent() -> None:
    words, use = only(
        "Kế hoạch được Ủy ban nhân dân các xã, phường, thị trấn và các phòng chuyên môn thuộc "
        "Ủy ban nhân dân huyện triển khai."
    )
    assert use.label == "passive_long"
    assert verb(words, use) == "triển khai"
    assert use.agent is not None and use.agent[1] - use.agent[0] > 10


def test_x_hoa_verb_split_by_the_segmenter() -> None:
    # (g) "hợp pháp" + "hóa" read as one verb; the thing as subject makes it a passive
    assert labels("Giấy tờ do cơ quan nước ngoài cấp phải được hợp pháp hóa lãnh sự.") == ["passive_short"]


def test_potential_before_duoc_do() -> None:
    # (h) "V được do …": the potential reading, not an agent after "do"
    assert labels("Công trình không triển khai được do thiếu vốn.") == ["potential"]


def test_legal_role_nouns_are_flagged() -> None:
    # (i) "người bị hại", "người được giám hộ": passive in form, names of roles in use
    _words, uses = analyse("Người bị hại được bồi thường theo quy định của pháp luật.")
    assert [u.label for u in uses] == ["passive_short", "passive_beneficiary"]
    assert uses[0].role_noun and not uses[1].role_noun
    _, use = only("Người được giám hộ có quyền đề nghị thay đổi người giám hộ.")
    assert use.is_passive and use.role_noun
    _, use = only("Hồ sơ được tiếp nhận trong ngày.")
    assert not use.role_noun


def test_definition_formula_is_flagged() -> None:
    # (j) the opening formula of a definitions article is not a passive to rewrite
    _, use = only("Trong Thông tư này, các từ ngữ dưới đây được hiểu như sau:")
    assert use.is_passive and use.formula
    _, use = only("Khoản phí này được hiểu là một phần của giá dịch vụ.")
    assert not use.formula


@pytest.mark.parametrize(
    ("chapeau", "expected"),
    [
        ("2. Bên thuê nhà có các quyền sau đây:", True),
        ("Điều 12. Quyền của người nộp thuế", True),
        ("3. Hồ sơ đề nghị cấp giấy phép gồm:", False),
        ("Khi khai thác tài liệu lưu trữ phải tuân thủ các quy định sau:", None),
    ],
)
def test_chapeau_subject(chapeau: str, expected: bool | None) -> None:
    words = word_tokenize(chapeau)
    assert chapeau_subject_animate(words, tag_words(words)) is expected


# --------------------------------------------------------------------------- legal conventions (issue 11)


def conventions(sentence: str) -> list[tuple[str, str | None]]:
    words, uses = analyse(sentence)
    return [(words[u.marker].lower(), u.convention) for u in uses]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # a sanction or a step of procedure imposed by the authority another law designates
        ("Người nào tàng trữ trái phép vũ khí thì bị phạt tù từ một năm đến năm năm.", "sanction"),
        ("Cán bộ vi phạm quy chế thì bị xử lý kỷ luật theo quy định.", "sanction"),
        ("Bản án sơ thẩm bị kháng nghị trong thời hạn luật định.", "sanction"),
        # a harm by any wrongdoer: the condition the rule attaches to
        ("Khi quyền sở hữu của mình bị xâm phạm, chủ sở hữu có quyền yêu cầu bồi thường.", "harm"),
        # the rule that governs the act, not who does it
        ("Việc bồi thường được thực hiện theo quy định của pháp luật về dân sự.", "reference"),
        ("Thủ tục cấp thẻ được quy định như sau:", "reference"),
        ("Thời hạn khiếu nại được tính từ ngày nhận quyết định hành chính.", "reference"),
        ("Gỗ rừng trồng được khai thác theo quy định tại Điều 20 của Luật này.", "reference"),
        ("Biện pháp cảnh cáo được áp dụng đối với người chưa thành niên.", "reference"),
        # the law deems or names
        ("Người đã chấp hành xong hình phạt được coi là chưa bị kết án.", "naming"),
        # the amending formula
        ("Khoản 3 Điều 12 được sửa đổi, bổ sung như sau:", "amendment"),
    ],
)
def test_legal_conventions_are_told_apart(sentence: str, kind: str) -> None:
    # the first marker carries the convention; the passive label itself is unchanged
    words, uses = analyse(sentence)
    assert uses[0].is_passive and uses[0].convention == kind, (words, uses)


def test_a_passive_describing_a_noun_in_an_object_phrase_is_a_status() -> None:
    # "đơn vị được kiểm toán" inside "gửi cho …" describes the unit; the first passive is an act to name
    assert conventions("Quyết định kiểm toán được gửi cho đơn vị được kiểm toán.") == [
        ("được", None),
        ("được", "status"),
    ]
    assert conventions("Chủ tàu không được đòi quá giá trị của tàu hoặc tài sản được cứu hộ.")[-1] == (
        "được",
        "status",
    )
    assert conventions("Công ty kinh doanh là tổ chức được thành lập để thực hiện hoạt động kinh doanh.") == [
        ("được", "status")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hồ sơ được gửi đến Sở Tư pháp trong năm ngày làm việc.",
        # a preposition inside the subject: the marker is the main predicate
        "Biên bản cuộc họp ở cấp xã được gửi ngay cho Ủy ban nhân dân huyện.",
        "Tiền thu từ bán đấu giá của cơ quan được nộp vào ngân sách nhà nước.",
        # a verb of carrying out without a rule after it: who does it is hidden
        "Việc kiểm định chất lượng được thực hiện định kỳ hằng năm.",
        # "bị" + a verb outside the sanction and harm classes
        "Nhiều hồ sơ bị trả lại vì thiếu giấy tờ.",
        # a condition is a clause, not a noun described in passing
        "Trong trường hợp hồ sơ được nộp qua mạng, người nộp phải giữ mã số.",
    ],
)
def test_passives_to_rewrite_carry_no_convention(sentence: str) -> None:
    _words, uses = analyse(sentence)
    assert uses and uses[0].is_passive and uses[0].convention is None, uses


def test_potential_after_verbs_of_achievement() -> None:
    # "lập được thành tích" is "managed to set", even when the tagger reads the object as a verb
    assert labels("Đơn vị đã lập được nhiều chiến công trong năm qua.") == ["potential"]
    assert labels("Địa phương thu hút được nhiều vốn đầu tư.") == ["potential"]
    # a verb that closes a "do" relative clause: the "được" after it opens the main predicate
    assert labels("Kế hoạch do Sở lập được phê duyệt trước tháng bảy.") == ["passive_short"]


def test_a_right_of_a_named_holder_is_permission() -> None:
    # "quyền của X được + V + object": X is entitled to act
    assert labels("Quyền của người thuê được sử dụng nhà đúng mục đích đã thỏa thuận.") == ["permission"]
    # with no object the right itself undergoes the act
    assert labels("Quyền của người lao động được bảo vệ.") == ["passive_short"]


def test_parties_named_with_bi_and_coordinated_roles() -> None:
    _words, uses = analyse("Người bị tố giác, bị kiến nghị khởi tố có quyền trình bày ý kiến.")
    assert [u.role_noun for u in uses] == [True, True]
    # "Bị đơn" (the defendant) is a noun, "bị đơn phương chấm dứt" a passive with an adverb
    assert labels("Bị đơn có quyền bổ sung ý kiến.") != ["passive_short"]
    assert labels("Hợp đồng bị đơn phương chấm dứt.") == ["passive_short"]


def test_enjoy_is_always_beneficiary() -> None:
    # "được hưởng": the subject enjoys; there is no active "[cơ quan] hưởng …"
    sentence = "Thanh niên hoàn thành nghĩa vụ quân sự tại ngũ được hưởng chính sách hỗ trợ học nghề."
    assert labels(sentence) == ["passive_beneficiary"]


def test_coordinated_verbs_share_the_object_in_a_list_of_rights() -> None:
    words = word_tokenize("c) Được nghe, ghi âm phiên họp công khai của hội đồng;")
    [use] = classify_markers(words, tag_words(words), context_subject_animate=True)
    assert use.label == "permission"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # relief, the counterpart of a sanction, is a status of the person
        ("Người bị kết án đã được đại xá thì coi như chưa bị kết án.", "sanction"),
        # a rule of counting: whoever computes applies it
        ("Chi phí thuê tài sản được trừ khi xác định thu nhập chịu thuế.", "reference"),
        # loss or mishap of a thing, by no named doer
        ("Giấy tờ bị đánh rơi phải được giao nộp cho công an xã.", "harm"),
    ],
)
def test_more_legal_conventions(sentence: str, kind: str) -> None:
    words, uses = analyse(sentence)
    assert any(u.is_passive and u.convention == kind for u in uses), (words, uses)


def test_a_passive_coordinated_with_a_status_is_a_status_too() -> None:
    sentence = "Người sử dụng đất phải bảo vệ diện tích đất được giao, được thuê và sử dụng đúng mục đích."
    assert conventions(sentence) == [("được", "status"), ("được", "status")]
    # two acts in a row, neither a status: both stay passives to rewrite
    assert conventions("Hồ sơ được tiếp nhận, được kiểm tra trong ngày.") == [("được", None), ("được", None)]


def test_a_noun_inside_the_predicate_of_a_clause_without_subject_is_described_not_acted_on() -> None:
    # a list item that opens with its verb: the noun phrase after it is inside the predicate
    assert conventions("đ) Có cán bộ phụ trách an toàn lao động được đào tạo nghiệp vụ;") == [("được", "status")]
    # the same words as the main clause of a sentence with a subject stay a passive to rewrite
    assert conventions("Cán bộ phụ trách an toàn lao động được đào tạo nghiệp vụ hằng năm.")[0][1] is None


def test_a_grant_refused_after_a_condition_names_the_party_of_the_condition() -> None:
    assert labels("Trường hợp hàng hóa bị hư hỏng do lỗi của người gửi thì không được bồi thường.")[-1] == (
        "passive_beneficiary"
    )


def test_coordinated_verbs_share_a_prepositional_complement_in_a_list_of_rights() -> None:
    words = word_tokenize("3. Được liên doanh, liên kết với doanh nghiệp để đào tạo nghề;")
    [use] = classify_markers(words, tag_words(words), context_subject_animate=None)
    assert use.label == "permission"
