"""Tests for vnpolicytext.segment (sentence / unit segmentation)."""

from __future__ import annotations

import pytest

from vnpolicytext.segment import ABBREVIATIONS, Unit, segment


def texts(text: str) -> list[str]:
    return [text[u.start : u.end] for u in segment(text)]


def check_invariants(text: str, units: list[Unit]) -> None:
    prev_end = 0
    for u in units:
        assert 0 <= prev_end <= u.start < u.end <= len(text)
        piece = text[u.start : u.end]
        assert piece == piece.strip() and piece
        assert u.start <= u.label_end <= u.end
        prev_end = u.end


# ------------------------------------------------------------------ numbers, dates, identifiers


def test_numbers_do_not_split() -> None:
    text = "Mức phạt từ 1.000.000 đồng đến 5.000.000 đồng. Lãi suất tăng thêm 3,5% mỗi năm."
    assert texts(text) == [
        "Mức phạt từ 1.000.000 đồng đến 5.000.000 đồng.",
        "Lãi suất tăng thêm 3,5% mỗi năm.",
    ]


def test_decimal_with_period_does_not_split() -> None:
    assert texts("Chỉ số đạt 3.5 điểm trong quý này.") == ["Chỉ số đạt 3.5 điểm trong quý này."]


def test_dates_and_document_numbers() -> None:
    text = (
        "Ngày 24/11/2025, Ủy ban nhân dân tỉnh ban hành kế hoạch. "
        "Kế hoạch thực hiện theo Nghị định số 15/2020/NĐ-CP của Chính phủ. Văn bản có hiệu lực ngay."
    )
    assert texts(text) == [
        "Ngày 24/11/2025, Ủy ban nhân dân tỉnh ban hành kế hoạch.",
        "Kế hoạch thực hiện theo Nghị định số 15/2020/NĐ-CP của Chính phủ.",
        "Văn bản có hiệu lực ngay.",
    ]


def test_url_and_email() -> None:
    text = (
        "Người dân nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html. "
        "Thắc mắc xin gửi về hotro.dichvu@sotuphap.gov.vn. Xin cảm ơn!"
    )
    assert texts(text) == [
        "Người dân nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html.",
        "Thắc mắc xin gửi về hotro.dichvu@sotuphap.gov.vn.",
        "Xin cảm ơn!",
    ]


# ------------------------------------------------------------------ abbreviations and initials


@pytest.mark.parametrize("abbr", ["TP.", "Tp.", "PGS.TS.", "ThS.", "GS.", "TS.", "PGS,TS."])
def test_title_and_place_abbreviations_mid_sentence(abbr: str) -> None:
    text = f"Buổi làm việc có sự tham dự của {abbr} Trần Minh Khoa. Hội nghị kết thúc lúc 11 giờ."
    assert texts(text) == [
        f"Buổi làm việc có sự tham dự của {abbr} Trần Minh Khoa.",
        "Hội nghị kết thúc lúc 11 giờ.",
    ]


def test_abbreviation_list_is_module_level() -> None:
    assert {"TP", "PGS", "ThS", "TM", "KT"} <= ABBREVIATIONS


def test_vv_mid_and_end_of_sentence() -> None:
    text = (
        "Giấy tờ gồm sổ hộ khẩu, giấy khai sinh, v.v. được nộp cùng đơn. "
        "Cơ quan sẽ kiểm tra ảnh, chữ ký, v.v. Sau đó cán bộ hẹn ngày trả kết quả."
    )
    assert texts(text) == [
        "Giấy tờ gồm sổ hộ khẩu, giấy khai sinh, v.v. được nộp cùng đơn.",
        "Cơ quan sẽ kiểm tra ảnh, chữ ký, v.v.",
        "Sau đó cán bộ hẹn ngày trả kết quả.",
    ]


def test_initials_of_withheld_name() -> None:
    text = (
        "Người bị tạm giữ là ông Trần Văn K. Trước đó, ông K. đã nhiều lần vi phạm. "
        "Cháu L.T.M. (8 tuổi) được đưa đi cấp cứu."
    )
    assert texts(text) == [
        "Người bị tạm giữ là ông Trần Văn K.",
        "Trước đó, ông K. đã nhiều lần vi phạm.",
        "Cháu L.T.M. (8 tuổi) được đưa đi cấp cứu.",
    ]


def test_district_abbreviation_does_not_split() -> None:
    text = "Trụ sở đặt tại số 12, P. Bến Thành, Q. 1, TP. HCM. Giờ làm việc từ 7 giờ 30."
    assert texts(text) == [
        "Trụ sở đặt tại số 12, P. Bến Thành, Q. 1, TP. HCM.",
        "Giờ làm việc từ 7 giờ 30.",
    ]
    assert texts("Tại Q. Ba Đình có nhiều điểm tiếp dân.") == ["Tại Q. Ba Đình có nhiều điểm tiếp dân."]


# ------------------------------------------------------------------ labels and lists


def test_article_heading_and_list_labels() -> None:
    text = (
        "Điều 5. Nguyên tắc quản lý cư trú\n"
        "1. Tuân thủ Hiến pháp và pháp luật.\n"
        "a) Bảo đảm quyền tự do đi lại;\n"
        "- Không phân biệt đối xử.\n"
        "+ Công khai thủ tục."
    )
    units = segment(text)
    check_invariants(text, units)
    assert [text[u.start : u.label_end] for u in units] == ["Điều 5.", "1.", "a)", "-", "+"]
    assert [u.kind for u in units] == ["heading", "list_item", "list_item", "list_item", "list_item"]
    assert [u.paragraph for u in units] == [0, 1, 2, 3, 4]


def test_label_alone_on_line_is_its_own_unit() -> None:
    text = "Điều 12.\nCông dân có quyền khiếu nại theo quy định."
    units = segment(text)
    assert texts(text) == ["Điều 12.", "Công dân có quyền khiếu nại theo quy định."]
    assert units[0].label_end == units[0].end
    assert units[0].kind == "heading"
    assert units[1].label_end == units[1].start
    assert units[1].kind == "sentence"


def test_numbered_chain_label() -> None:
    text = "1.2.3. Tiếp nhận hồ sơ đề nghị cấp phép."
    (unit,) = segment(text)
    assert text[unit.start : unit.label_end] == "1.2.3."
    assert unit.kind == "list_item"


def test_inline_labels_after_colon_do_not_split() -> None:
    text = "Hồ sơ gồm: a) Tờ khai theo mẫu; b) Bản sao giấy khai sinh; c) Hai ảnh chân dung."
    assert texts(text) == [text]


def test_inline_label_after_period_splits() -> None:
    text = "a) Tờ khai có chữ ký của người đề nghị. b) Bản sao căn cước công dân."
    units = segment(text)
    assert texts(text) == ["a) Tờ khai có chữ ký của người đề nghị.", "b) Bản sao căn cước công dân."]
    assert [u.kind for u in units] == ["list_item", "list_item"]
    assert text[units[1].start : units[1].label_end] == "b)"


def test_chapter_and_all_caps_title_are_headings() -> None:
    text = "CHƯƠNG II\nQUY ĐỊNH VỀ TIẾP NHẬN HỒ SƠ\nHồ sơ được tiếp nhận trong giờ hành chính."
    units = segment(text)
    assert [u.kind for u in units] == ["heading", "heading", "sentence"]
    assert text[units[0].start : units[0].label_end] == "CHƯƠNG II"


# ------------------------------------------------------------------ sentence ends


def test_glued_sentence_end_splits() -> None:
    text = "Phòng chuyên môn xem xét.Bước 5 Trả kết quả cho công dân."
    assert texts(text) == ["Phòng chuyên môn xem xét.", "Bước 5 Trả kết quả cho công dân."]


def test_glued_abbreviation_does_not_split() -> None:
    assert texts("Công an TP.Cần Thơ đã tiếp nhận vụ việc.") == ["Công an TP.Cần Thơ đã tiếp nhận vụ việc."]


def test_ellipsis_followed_by_lower_case_does_not_split() -> None:
    text = "Họ chờ từ sáng... rồi ra về. Hôm sau họ quay lại... Cán bộ đã giải thích rõ."
    assert texts(text) == [
        "Họ chờ từ sáng... rồi ra về.",
        "Hôm sau họ quay lại...",
        "Cán bộ đã giải thích rõ.",
    ]


def test_question_and_exclamation() -> None:
    text = "Thủ tục này mất bao lâu? Chỉ ba ngày làm việc! Người dân rất hài lòng."
    assert len(segment(text)) == 3


def test_photo_caption_after_sentence_is_a_unit() -> None:
    text = "Cây cầu mới được thông xe sáng nay. (Ảnh: Minh Anh)\nNgười dân phấn khởi đi qua cầu."
    units = segment(text)
    assert texts(text) == [
        "Cây cầu mới được thông xe sáng nay.",
        "(Ảnh: Minh Anh)",
        "Người dân phấn khởi đi qua cầu.",
    ]
    assert [u.paragraph for u in units] == [0, 0, 1]


def test_remark_inside_sentence_stays() -> None:
    text = "Ông cho biết sẽ đi làm thủ tục ngay (cười)."
    assert texts(text) == [text]


def test_quoted_sentences_are_split() -> None:
    text = 'Bà Lan nói: "Tôi đã nộp đủ giấy tờ. Tôi mong được giải quyết sớm."'
    assert texts(text) == ['Bà Lan nói: "Tôi đã nộp đủ giấy tờ.', 'Tôi mong được giải quyết sớm."']


# ------------------------------------------------------------------ paragraphs and hard wraps


def test_paragraph_break_ends_unit() -> None:
    text = "Thông báo lịch tiếp công dân\n\nLãnh đạo phường tiếp dân vào sáng thứ Năm hằng tuần."
    units = segment(text)
    assert texts(text) == [
        "Thông báo lịch tiếp công dân",
        "Lãnh đạo phường tiếp dân vào sáng thứ Năm hằng tuần.",
    ]
    assert units[0].kind == "heading"
    assert [u.paragraph for u in units] == [0, 1]


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Người nộp hồ sơ phải ghi đầy đủ họ tên,\n"
        "địa chỉ và số điện thoại liên hệ\n"
        "của mình vào tờ khai.\n"
        "Cán bộ kiểm tra tờ khai trước khi nhận."
    )
    units = segment(text)
    assert texts(text) == [
        "Người nộp hồ sơ phải ghi đầy đủ họ tên,\nđịa chỉ và số điện thoại liên hệ\ncủa mình vào tờ khai.",
        "Cán bộ kiểm tra tờ khai trước khi nhận.",
    ]
    assert [u.paragraph for u in units] == [0, 1]


def test_fixed_width_wrap_before_capital_is_joined_but_short_heading_is_not() -> None:
    text = (
        "Tổ chức, cá nhân có nhu cầu cấp giấy phép hoạt động nộp hồ sơ trực tiếp hoặc\n"
        "qua dịch vụ bưu chính đến Bộ phận tiếp nhận và trả kết quả của Sở Công Thương\n"
        "Thành phố hoặc nộp trực tuyến trên Cổng dịch vụ công quốc gia theo quy định.\n"
        "Lưu ý\n"
        "Người nộp hồ sơ chịu trách nhiệm về tính chính xác của thông tin đã kê khai trong\n"
        "Tờ khai đề nghị cấp giấy phép.\n"
        "Trong thời hạn 03 ngày làm việc, cơ quan tiếp nhận kiểm tra tính đầy đủ của hồ\n"
        "sơ; trường hợp hồ sơ chưa đầy đủ thì thông báo bằng văn bản cho tổ chức, cá nhân\n"
        "để bổ sung trong thời hạn 05 ngày làm việc kể từ ngày nhận được thông báo này."
    )
    units = segment(text)
    assert [text[u.start : u.end].count("\n") for u in units] == [2, 0, 1, 2]
    assert [u.kind for u in units] == ["sentence", "heading", "sentence", "sentence"]
    assert [u.paragraph for u in units] == [0, 1, 2, 3]


def test_wrap_across_blank_line_in_lower_case() -> None:
    text = "Thời hạn giải quyết là 15 ngày làm việc kể từ ngày\n\nnhận đủ hồ sơ hợp lệ."
    assert len(segment(text)) == 1


def test_separator_and_page_number_lines_are_units() -> None:
    text = "Hồ sơ nộp một bộ.\n-----------\n12\nNgười nộp ký tên."
    assert texts(text) == ["Hồ sơ nộp một bộ.", "-----------", "12", "Người nộp ký tên."]


# ------------------------------------------------------------------ invariants and scale


def test_offsets_are_trimmed_and_ordered() -> None:
    text = "  \n\tĐiều 3. Giải thích từ ngữ  \n\n  1. Hồ sơ là tập hợp giấy tờ.   Hồ sơ được lưu trữ.  \n"
    units = segment(text)
    check_invariants(text, units)
    assert texts(text) == [
        "Điều 3. Giải thích từ ngữ",
        "1. Hồ sơ là tập hợp giấy tờ.",
        "Hồ sơ được lưu trữ.",
    ]


def test_empty_and_blank_text() -> None:
    assert segment("") == []
    assert segment(" \n\n\t ") == []


def test_large_input_scales_linearly() -> None:
    block = (
        "Điều 7. Thời hạn giải quyết\n"
        "1. Cơ quan tiếp nhận giải quyết trong 05 ngày làm việc, TP. Huế áp dụng từ 01/01/2026.\n"
        "2. Hồ sơ gồm: a) Tờ khai; b) Bản sao giấy tờ. Người dân xem tại https://dvc.gov.vn.\n\n"
    )
    small = segment(block)
    repeats = 200
    big_text = block * repeats
    big = segment(big_text)
    assert len(big) == repeats * len(small)
    check_invariants(big_text, big)
    assert big[-1].paragraph == repeats * (small[-1].paragraph + 1) - 1


def test_quoted_article_heading_in_an_amending_law_is_a_heading() -> None:
    text = (
        "1. Điều 9 được sửa đổi, bổ sung như sau:\n"
        "“Điều 9. Trách nhiệm của chủ rừng\n"
        "Chủ rừng phải bảo vệ rừng theo phương án đã được phê duyệt.”\n"
    )
    units = segment(text)
    heading = next(u for u in units if text[u.start : u.end].startswith("“Điều 9"))
    assert heading.kind == "heading"
    assert text[heading.start : heading.end] == "“Điều 9. Trách nhiệm của chủ rừng"
    # a quoted sentence that merely starts with a number is not taken for an article heading
    other = segment("Ông nói: “9 người đã đến.” Sau đó họ về.")
    assert all(u.kind != "heading" for u in other)


def test_item_number_glued_to_its_first_word_is_a_label() -> None:
    text = "1.Người nộp hồ sơ ký vào đơn.\n2..Cán bộ tiếp nhận ghi phiếu hẹn.\nPhí là 1.500 đồng."
    units = segment(text)
    assert [u.kind for u in units] == ["list_item", "list_item", "sentence"]
    assert text[units[0].start : units[0].label_end].strip() == "1."


def test_capitals_after_a_title_on_its_line_is_a_heading_but_not_after_a_sentence() -> None:
    title = "Mục 3: QUYỀN CỦA NGƯỜI LAO ĐỘNG. NGHĨA VỤ CỦA NGƯỜI LAO ĐỘNG"
    assert [u.kind for u in segment(title)] == ["heading", "heading"]
    notice = "Người dân gọi tổng đài để được hướng dẫn miễn phí. HOTLINE TỔNG ĐÀI"
    assert [u.kind for u in segment(notice)] == ["sentence", "sentence"]
    shout = "Bà con chú ý. KHÔNG ĐỐT RƠM RẠ GẦN ĐƯỜNG DÂY ĐIỆN!"
    assert [u.kind for u in segment(shout)] == ["sentence", "sentence"]


def test_a_labelled_line_ending_with_a_colon_is_a_chapeau_not_a_heading() -> None:
    text = "Điều 4. Người nộp hồ sơ phải mang theo:\n- Căn cước công dân;\n- Sổ hộ khẩu.\nĐiều 5. Lệ phí"
    assert [u.kind for u in segment(text)] == ["sentence", "list_item", "list_item", "heading"]


def test_all_caps_reads_letters_only() -> None:
    """Lower-case marks that are not letters (circled or Roman-numeral letters) do not make a title lower
    case; a lower-case letter does; fewer than two letters is no title."""
    from vnpolicytext.segment import _is_all_caps

    assert _is_all_caps("QUY ĐỊNH CHUNG")
    assert _is_all_caps("ⓐ MỤC ⅰ: PHẠM VI")
    assert not _is_all_caps("QUY ĐỊNH chung")
    assert not _is_all_caps("QUY ĐỊNH ª")  # "ª" is a lower-case letter
    assert not _is_all_caps("Đ 12 ⓐ")
    assert not _is_all_caps("")


def test_line_labels_first_kind_wins() -> None:
    """A line's label is the first kind of `LINE_LABELS` that fits: "1.2." is a sub-number, not "1.";
    a glued "3.Người" is a number; lines without a label keep their start as the body."""
    from vnpolicytext.structure import line_label

    cases = {
        "1.2. Hồ sơ gồm": ("sub", 5),
        "3.Người nộp thuế": ("num", 2),
        "2) Tờ khai": ("num", 3),
        "b) Bản sao": ("let", 3),
        "  - Giấy tờ": ("dash", 4),
        "Hồ sơ gồm": (None, 0),
        "12 tháng": (None, 0),
    }
    for line, expected in cases.items():
        assert line_label(line, 0, len(line)) == expected, line
