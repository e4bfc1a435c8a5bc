"""The orthographic test for syllables that cannot be Vietnamese, on sentences written for these tests."""

import pytest

from vnpolicytext.loanwords import EXCEPTIONS, loanword_spans, non_vietnamese_syllable, strip_tones


@pytest.mark.parametrize(
    "word",
    [
        "hotline",
        "deadline",
        "online",
        "startup",
        "livestream",
        "check-in",
        "fanpage",
        "feedback",
        "workshop",
        "voucher",
        "telehealth",
        "infographic",
        "shipper",
        "team",
        "like",
        "app",
        "tour",
        "fan",
        "web",
        "show",
        "file",
        "logistics",
        "smartphone",
        "spa",
        "gym",
        "Hotline",
        "DEADLINE",
        "e-commerce",
    ],
)
def test_english_words_cannot_be_vietnamese_syllables(word: str) -> None:
    assert non_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "người",
        "quốc",
        "nghiêng",
        "khuya",
        "giường",
        "khuỷu",
        "quýt",
        "Quỳnh",
        "huynh",
        "xoong",
        "boong",
        "thuở",
        "nguyễn",
        "gì",
        "giữ",
        "ươm",
        "oái",
        "Mỹ",
        "tỷ",
        "quỵu",
        "ngoẩy",
        "khuều",
        "được",
        "Đường",
        "hoà",
        "hòa",
        "thủy",
        "thuỷ",
        "chuyện",
        "khiếu",
        "nại",
        "ủy",
        "ban",
    ],
)
def test_vietnamese_syllables_pass(word: str) -> None:
    assert not non_vietnamese_syllable(word)


def test_letters_vietnamese_lacks_and_spelling_rules() -> None:
    # f, j, w, z; a consonant cluster; a final -l, -r, -s; k before a back vowel; c and g before e/i
    for word in ["fax", "jam", "wow", "zone", "block", "cool", "bar", "bus", "kao", "cel", "gel"]:
        assert non_vietnamese_syllable(word), word
    # Latin words that happen to be valid Vietnamese spellings are not caught by spelling alone
    for word in ["top", "chat", "set", "ban", "tin"]:
        assert not non_vietnamese_syllable(word), word


def test_tokens_without_letters_or_with_digits_are_not_loanwords() -> None:
    for token in ["", "  ", "2024", "B12", "covid19", "—"]:
        assert not non_vietnamese_syllable(token)


def test_strip_tones_keeps_vowel_marks() -> None:
    assert strip_tones("Người") == "ngươi"
    assert strip_tones("Quỹ") == "quy"
    assert strip_tones("ĐẮK") == "đăk"


def spans(text: str, **kw: bool) -> list[str]:
    found = loanword_spans(text, **kw)
    for start, end, token in found:
        assert text[start:end] == token
    return [t for _, _, t in found]


def test_notice_with_loanwords_gets_them_with_exact_offsets() -> None:
    text = (
        "Thông báo: từ thứ Hai, phường nhận hồ sơ online và trả lời qua fanpage. "
        "Người dân cần check-in tại quầy số 3 trước 10 giờ; deadline nộp hồ sơ là ngày 15."
    )
    assert spans(text) == ["online", "fanpage", "check-in", "deadline"]


def test_capitalised_loanword_at_sentence_start_is_judged_names_inside_are_not() -> None:
    text = "Hotline của trạm y tế trực 24 giờ. Bà con có thể nhắn qua Zalo hoặc Viber cho cán bộ Bình."
    assert spans(text) == ["Hotline"]
    # names are judged too when the caller asks for it
    assert spans(text, skip_names=False) == ["Hotline", "Viber"]


def test_abbreviations_units_list_labels_and_addresses_are_skipped() -> None:
    text = (
        "UBND xã cấp giấy cho hộ có đất trên 2 ha, cách trung tâm 5 km.\n"
        "b) Hồ sơ gửi qua https://dichvucong.gov.vn hoặc hopthu@phuong.gov.vn;\n"
        "c) Mục ii và iii của biểu mẫu ghi bằng chữ in hoa."
    )
    assert spans(text) == []


def test_established_loans_vietnamised_spellings_and_place_names_are_not_flagged() -> None:
    text = (
        "Đắk Lắk và Kon Tum nhận thêm xe taxi, máy tính có internet, video hướng dẫn và 20 kilôgam thuốc. "
        "Krông Pắc mở lớp karaoke."
    )
    assert spans(text) == []
    assert "internet" in EXCEPTIONS


def test_news_sentence_about_a_startup() -> None:
    text = (
        "Một startup ở Đà Nẵng vừa ra mắt app đặt lịch khám, có tính năng telehealth và livestream "
        "tư vấn miễn phí; công ty cho biết sẽ tổ chức workshop cho các bác sĩ trẻ."
    )
    assert spans(text) == ["startup", "app", "telehealth", "livestream", "workshop"]


def test_scientific_names_in_an_annex_list_are_names_not_loans() -> None:
    text = (
        "Danh mục loài cần bảo vệ:\n"
        "1. Voi châu Á (Elephas maximus)\n"
        "2. Ursus thibetanus\n"
        "3. Cá đuối Manta sp. và các loài Pristidae spp.\n"
        "4. Lan hoàng thảo Dendrobium nobile var. alboflorum\n"
        "5. Kentrosaurus\n"
        "6. Sâm Ngọc Linh (Panax vietnamensis)"
    )
    assert spans(text) == []


def test_chemical_and_mineral_names_are_not_loans() -> None:
    text = (
        "a) Khí nhà kính gồm methane và nitrous oxide;\n"
        "b) 2-(dimethylamino) ethyl phosphonofluoridate và các muối alkyl hóa của chúng;\n"
        "c) Đá vôi lẫn khoáng vật dolomit, barit và fluorit được khai thác theo giấy phép."
    )
    assert spans(text) == []


def test_loans_in_vietnamese_prose_next_to_a_species_list_stay_flagged() -> None:
    text = (
        "Trung tâm cứu hộ Cúc Phương nuôi Pygathrix cinerea và Nomascus leucogenys.\n"
        "Các hoạt động marketing online về động vật hoang dã bị cấm; hãy gọi hotline để báo tin.\n"
        "Đổi mới sáng tạo (innovation) cần một deadline rõ ràng."
    )
    assert spans(text) == ["marketing", "online", "hotline", "deadline"]


def test_a_word_cut_by_a_soft_hyphen_is_not_a_loan() -> None:
    assert spans("Cán bộ không được gây ph\u00adiền hà cho người dân.") == []
    assert spans("Hotline: 0912 345 678") == ["Hotline"]


def test_mineral_and_particle_names_are_not_loans() -> None:
    assert loanword_spans("Khai thác cát, sỏi, diatomit, felspat làm vật liệu xây dựng.") == []
    assert loanword_spans("Hạt nhân nguyên tử gồm các proton và neutron.") == []
    # loans of prose stay: short words ending "-it"/"-at" and other endings
    found = [t for _, _, t in loanword_spans("Bộ phận audit gửi format mới qua hotline.")]
    assert found == ["audit", "format", "hotline"]


def test_units_of_electric_power_are_not_loans() -> None:
    assert loanword_spans("Trạm biến áp có công suất dưới 250 kVA và điện áp 22 kV.") == []
