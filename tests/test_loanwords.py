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


# The quick scan that `loanword_spans` runs first (a run of ASCII letters that cannot be Vietnamese, standing
# alone) must never miss a unit the token scan would flag; it may flag more.


def _token_scan_flags(text: str) -> bool:
    from vnpolicytext.loanwords import _TOKEN, _foreign_spelling

    return any(map(_foreign_spelling, _TOKEN.findall(text)))


def _quick_scan_flags(text: str) -> bool:
    from vnpolicytext.loanwords import _ASCII_RUN, _foreign_part

    return any(map(_foreign_part, _ASCII_RUN.findall(text)))


def test_every_letter_or_digit_of_re_is_one_of_regex() -> None:
    # the quick scan's bounds (re: not a letter or digit) hold for the token pattern's (regex: \p{L}, \p{N})
    import re
    import sys

    import regex

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    by_re = set(re.findall(r"[^\W_]", every))
    assert len(by_re) > 100_000
    assert by_re <= set(regex.findall(r"[\p{L}\p{N}]", every))


@pytest.mark.parametrize(
    "text",
    [
        "Phường mở đường dây hotline để người dân phản ánh.",
        "Đăng ký qua e-mail hoặc check-in tại quầy; Wi-Fi miễn phí.",
        "Học viên tham gia khóa e-learning của sở.",  # the foreign part comes after a hyphen
        "Người dân o'clock đến trụ sở.",  # and after an apostrophe
        "Tổ chức livestream-bán hàng nông sản cho bà con.",
        "Mã hồ sơ abc1 và mẫu BM01 không phải từ nước ngoài.",
        "Shop it’s ok: ứng dụng Zalo, Facebook và fanpage của xã.",
        "Cán bộ dùng deadline\u0301 trong báo cáo.",
        "Tệp x\u0301ab1 được gửi kèm.",
        "Người dân gửi feedback—góp ý qua cổng dịch vụ công.",
        "ĐỀ NGHỊ UBND XÃ GỬI BÁO CÁO THEO MẪU.",
        "Biểu mẫu b) và c) kèm theo Nghị định số 34/2016/NĐ-CP.",
    ],
)
def test_the_quick_scan_flags_every_text_with_a_foreign_token(text: str) -> None:
    if _token_scan_flags(text):
        assert _quick_scan_flags(text)


def test_the_texts_above_do_hold_foreign_tokens() -> None:
    assert _token_scan_flags("Học viên tham gia khóa e-learning của sở.")
    assert _token_scan_flags("Người dân o'clock đến trụ sở.")
    assert not _token_scan_flags("ĐỀ NGHỊ UBND XÃ GỬI BÁO CÁO THEO MẪU.")


def test_the_quick_scan_flags_what_the_token_scan_flags_on_random_text() -> None:
    import random

    rng = random.Random(7)
    pieces = [
        "online", "team", "app", "e", "mail", "in", "check", "Wi", "Fi", "ng", "ười", "tr", "ườ", "người", "dân",
        "ô", "á", "đ", "b", "c", "UBND", "x", "1", "2", "-", "'", "’", " ", " ", ", ", ". ", "\u0301", "\u0323",
        "²", "Ⅻ", "_", "é", "ß", "ü", "ſ",
    ]  # fmt: skip
    flagged = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if _token_scan_flags(text):
            flagged += 1
            assert _quick_scan_flags(text), text
    assert flagged > 500  # the check is not vacuous
    # and most text without a foreign token is let through by the quick scan alone
    plain = "Người dân nộp hồ sơ tại bộ phận một cửa của xã trong giờ hành chính."
    assert not _quick_scan_flags(plain) and loanword_spans(plain) == []


def test_the_quick_runs_without_underscore_are_the_look_around_runs() -> None:
    # `ascii_runs` reads \b where the text has no "_": the same runs as the look-arounds on any mix of ASCII
    # and Vietnamese letters, digits of other scripts, combining marks and punctuation
    import random

    from vnpolicytext.loanwords import _ASCII_RUN, ascii_runs

    pool = ["a", "Zx", "ng", "ư", "Đ", "é", "ß", "1", "٣", "Ⅻ", "\u0301", " ", "-", "'", "’", ".", "\n", "“", "_"]
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert ascii_runs(text) == _ASCII_RUN.findall(text), text
        assert ascii_runs(text.replace("_", "")) == _ASCII_RUN.findall(text.replace("_", "")), text
    assert ascii_runs("Hotline của phường") == ["Hotline"]
    assert ascii_runs("deadline_2 và app") == ["deadline", "app"]  # "_" is no letter or digit
