"""Analyzer 'abbreviation': first use, definitions, document numbers, headings, known lists and offsets.

Every text here was written for these tests.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest

from vnpolicytext.analyzers import abbreviation as ab
from vnpolicytext.api import run_analyzer
from vnpolicytext.definitions import initials_match
from vnpolicytext.models import Finding

from .random_text import random_strings


def run(text: str, **config: object) -> tuple[ab.AbbreviationSummary, list[Finding]]:
    summary, findings = run_analyzer("abbreviation", text, config=dict(config))
    assert isinstance(summary, ab.AbbreviationSummary)
    for f in findings:
        assert text[f.start : f.end] == f.text
    return summary, findings


def item(summary: ab.AbbreviationSummary, abbr: str) -> ab.AbbreviationItem:
    return next(i for i in summary.items if i.abbr == abbr)


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in findings]


# --------------------------------------------------------------------------------------------------------
# First use


def test_undefined_reported_once_at_first_use_with_suggestion() -> None:
    text = "Người dân nộp hồ sơ tại UBND xã. UBND xã trả kết quả sau năm ngày làm việc."
    summary, findings = run(text)
    assert rules(findings) == [("abbreviation.undefined", "UBND")]
    f = findings[0]
    assert f.start == text.index("UBND")
    assert f.severity == "warning"
    assert f.suggestion == "Viết đầy đủ lần đầu: Ủy ban nhân dân (UBND)"
    # the legal basis is cited to drafters of legal documents, not to the readers of a notice
    assert "Nghị định 34/2016/NĐ-CP" not in f.message
    [legal] = run(text, profile="legal")[1]
    assert "khoản 4 Điều 69 Nghị định 34/2016/NĐ-CP" in legal.message
    assert summary.undefined == 1 and summary.used == 1
    assert item(summary, "UBND").count == 2
    assert item(summary, "UBND").defined is False


def test_defined_in_brackets_before_use_is_not_reported() -> None:
    text = "Ủy ban nhân dân (UBND) xã tiếp nhận hồ sơ. UBND xã trả kết quả trong ngày."
    summary, findings = run(text)
    assert findings == []
    it = item(summary, "UBND")
    assert it.defined and it.status == "defined"
    assert it.expansion == "Ủy ban nhân dân"
    assert it.count == 2
    assert summary.defined == 1 and summary.undefined == 0


def test_used_before_definition_reported_at_first_use() -> None:
    text = "Hồ sơ nộp tại UBND xã.\nSau khi kiểm tra, Ủy ban nhân dân (UBND) xã trả kết quả."
    summary, findings = run(text)
    assert rules(findings) == [("abbreviation.used_before_definition", "UBND")]
    f = findings[0]
    assert f.start == text.index("UBND")
    assert f.data["definition_start"] == text.index("(UBND)") + 1
    assert "phía sau" in f.message
    assert f.suggestion == "Đưa phần giải thích lên lần dùng đầu tiên: Ủy ban nhân dân (UBND)"
    assert summary.used_before_definition == 1
    assert item(summary, "UBND").status == "used_before_definition"


def test_definition_by_sau_day_viet_tat_la() -> None:
    text = (
        "Bảo hiểm xã hội tỉnh (sau đây viết tắt là BHXH) hướng dẫn người lao động. "
        "BHXH tỉnh trả lời trong mười ngày."
    )
    summary, findings = run(text)
    assert findings == []
    assert item(summary, "BHXH").defined


def test_definition_gọi_tắt_and_full_form_after_abbreviation() -> None:
    text = "Hồ sơ gửi CCCD (Căn cước công dân) bản sao. Cơ quan cấp CCCD trả lời trong ngày."
    summary, findings = run(text)
    assert findings == []
    assert item(summary, "CCCD").expansion == "Căn cước công dân"


def test_brackets_that_do_not_spell_the_abbreviation_are_no_definition() -> None:
    _, findings = run("Nộp hồ sơ tại UBND (tầng 2) trong giờ hành chính.")
    assert rules(findings) == [("abbreviation.undefined", "UBND")]


def test_abbreviations_article_defines_for_the_whole_document() -> None:
    text = (
        "Điều 1. Phạm vi điều chỉnh\n"
        "Quy chế này hướng dẫn UBND cấp xã giải quyết TTHC về BHYT.\n"
        "Điều 2. Từ ngữ viết tắt\n"
        "1. UBND: Ủy ban nhân dân.\n"
        "2. TTHC là thủ tục hành chính.\n"
        "3. BHYT: bảo hiểm y tế.\n"
        "Điều 3. Trách nhiệm\n"
        "UBND cấp xã niêm yết TTHC tại trụ sở; cơ quan BHXH phối hợp.\n"
    )
    summary, findings = run(text)
    assert rules(findings) == [("abbreviation.undefined", "BHXH")]
    for abbr in ("UBND", "TTHC", "BHYT"):
        assert item(summary, abbr).status == "defined"
    assert item(summary, "TTHC").expansion == "thủ tục hành chính"


def test_unnumbered_list_under_an_abbreviations_title() -> None:
    text = (
        "Giải thích từ viết tắt\n"
        "UBND: Ủy ban nhân dân\n"
        "TTHC – thủ tục hành chính\n"
        "\n"
        "Người dân nộp hồ sơ TTHC tại UBND phường.\n"
    )
    summary, findings = run(text)
    assert findings == []
    assert summary.defined == 2


# --------------------------------------------------------------------------------------------------------
# What is not an abbreviation


def test_document_numbers_are_counted_not_flagged() -> None:
    text = (
        "Căn cứ Nghị định số 15/2020/NĐ-CP, Quyết định số 12/QĐ-UBND và Luật số 68/2020/QH14, "
        "theo Chỉ thị 01-CT/TW, xã hướng dẫn người dân kê khai."
    )
    summary, findings = run(text)
    assert findings == []
    assert summary.used == 0
    assert summary.document_references == 4
    assert summary.document_codes == ["CT/TW", "NĐ-CP", "QH14", "QĐ-UBND"]


def test_abbreviation_outside_a_document_number_is_flagged() -> None:
    summary, findings = run("Theo Nghị định số 15/2020/NĐ-CP, mức phạt tại NĐ-CP nói trên được giữ nguyên.")
    assert rules(findings) == [("abbreviation.undefined", "NĐ-CP")]
    assert summary.document_references == 1


def test_headings_in_capitals_roman_numerals_and_initials_are_skipped() -> None:
    text = (
        "CHƯƠNG II\n"
        "QUYẾT ĐỊNH VỀ VIỆC HỖ TRỢ HỘ NGHÈO\n"
        "Mục IV. Hỗ trợ học phí\n"
        "Ông Nguyễn Văn A được nhận hỗ trợ theo Phần XIV của kế hoạch. LƯU Ý: KHÔNG nộp bản sao.\n"
    )
    summary, findings = run(text)
    assert findings == []
    assert summary.used == 0


def test_names_and_photo_credits_are_skipped() -> None:
    text = "Ứng dụng VnExpress và TikTok được nhắc tới (Ảnh: XYZ). Trung tâm gửi tin qua hộp thư."
    _, findings = run(text)
    assert findings == []


# --------------------------------------------------------------------------------------------------------
# Known abbreviations


def test_international_abbreviations_are_known_not_reported() -> None:
    text = "Dịch COVID-19 làm GDP giảm; giá tính bằng USD và VND; quét mã QR hoặc tải tệp PDF."
    summary, findings = run(text)
    assert findings == []
    assert summary.known == 6
    assert {i.status for i in summary.items} == {"known"}


def test_known_abbreviations_from_config_are_honoured() -> None:
    text = "Cán bộ TTHC và HTX cùng hướng dẫn."
    _, findings = run(text)
    assert {f.text for f in findings} == {"TTHC", "HTX"}
    summary, findings = run(text, known_abbreviations=["tthc", "HTX"])
    assert findings == []
    assert summary.known == 2


def test_widely_known_abbreviations_are_reported_but_marked() -> None:
    # Khoản 4 Điều 69 makes no exception: UBND and THPT are still reported, marked as widely known; an
    # abbreviation only insiders know (HTX) is reported without the mark.
    text = (
        "Em Lan vừa đỗ tốt nghiệp THPT năm nay. Gia đình mang giấy báo đến UBND phường để xác nhận. "
        "Sau đó, bố em nộp đơn vay vốn ở HTX nông nghiệp của thôn."
    )
    summary, findings = run(text)
    assert rules(findings) == [
        ("abbreviation.undefined", "THPT"),
        ("abbreviation.undefined", "UBND"),
        ("abbreviation.undefined", "HTX"),
    ]
    marked = {f.text: f.data.get("widely_known", False) for f in findings}
    assert marked == {"THPT": True, "UBND": True, "HTX": False}
    assert summary.undefined == 3 and summary.widely_known_unexplained == 2
    assert item(summary, "UBND").widely_known and not item(summary, "HTX").widely_known
    # The clarity measure counts only what most readers cannot decode: HTX, one abbreviation in 25 words.
    assert ab.measures(summary, 25) == {"undefined": 40.0}


def test_widely_known_abbreviation_explained_late_is_reported_not_counted() -> None:
    text = (
        "Hồ sơ gửi HĐND huyện trước ngày 15. Hội đồng nhân dân (HĐND) huyện họp vào cuối tháng để xem xét."
    )
    summary, findings = run(text)
    assert rules(findings) == [("abbreviation.used_before_definition", "HĐND")]
    assert findings[0].data["widely_known"] is True
    assert summary.widely_known_unexplained == 1
    assert ab.measures(summary, 20) == {"undefined": 0.0}


def test_widely_known_list_holds_only_unambiguous_everyday_names() -> None:
    lex = ab.load_lexicon()
    assert {"UBND", "HĐND", "THCS", "THPT", "CMND", "CCCD", "BHXH", "BHYT"} <= lex.widely_known
    # One meaning each, with a bundled expansion, and none already in the never-reported international list.
    for key in lex.widely_known:
        assert len(lex.expansions[key]) == 1, key
        assert key not in lex.international
    assert "ĐH" not in lex.widely_known  # đại học | đại hội


def test_rule_can_be_turned_off() -> None:
    _, findings = run("Nộp tại UBND xã.", rules={"abbreviation.undefined": "off"})
    assert findings == []


# --------------------------------------------------------------------------------------------------------
# Shapes


def test_abbreviation_with_đ() -> None:
    summary, findings = run("Đại biểu HĐND tỉnh tiếp xúc cử tri. Hội đồng nhân dân (HĐND) họp cuối năm.")
    assert rules(findings) == [("abbreviation.used_before_definition", "HĐND")]
    summary, findings = run("Hội đồng nhân dân (HĐND) tỉnh họp. HĐND thông qua nghị quyết.")
    assert findings == []
    assert item(summary, "HĐND").expansion == "Hội đồng nhân dân"


def test_mixed_case_forms() -> None:
    _, findings = run("Văn phòng TTg chuyển QyĐ và CTr tới Tp. Huế.")
    assert [f.text for f in findings] == ["TTg", "QyĐ", "CTr", "Tp."]
    assert findings[0].suggestion == "Viết đầy đủ lần đầu: Thủ tướng (TTg)"
    _, findings = run("Thủ tướng (TTg) giao nhiệm vụ. Văn phòng TTg theo dõi.")
    assert findings == []


def test_ambiguous_expansions_are_listed() -> None:
    _, findings = run("Cán bộ gửi QĐ cho phòng.")
    assert findings[0].suggestion == "Viết đầy đủ lần đầu, tùy nghĩa: Quyết định (QĐ) hoặc Quy định (QĐ)"


def test_unknown_abbreviation_has_a_generic_suggestion() -> None:
    summary, findings = run("Hồ sơ chuyển cho TTPVX xử lý.")
    assert rules(findings) == [("abbreviation.undefined", "TTPVX")]
    assert findings[0].suggestion is not None and "(TTPVX)" in findings[0].suggestion
    assert item(summary, "TTPVX").expansion is None


def test_spelling_variants_share_one_key() -> None:
    summary, findings = run("Bộ GD&ĐT và Bộ GD-ĐT là một cơ quan; Bộ GDĐT.")
    assert len(findings) == 1
    assert summary.used == 1 and summary.items[0].count == 3


# --------------------------------------------------------------------------------------------------------
# Offsets


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_offsets_point_into_the_callers_text(form: Literal["NFC", "NFD"], newline: str) -> None:
    text = unicodedata.normalize(
        form,
        f"Thông báo{newline}Người dân liên hệ HĐND xã.{newline}"
        f"Hội đồng nhân dân (HĐND) xã trả lời.{newline}Hồ sơ gửi BHXH huyện.",
    )
    summary, findings = run(text)
    assert [f.rule for f in findings] == ["abbreviation.used_before_definition", "abbreviation.undefined"]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert unicodedata.normalize("NFC", f.text) in ("HĐND", "BHXH")
    hdnd = summary.items[0]
    assert text[hdnd.first_start : hdnd.first_start + len(hdnd.abbr)] == unicodedata.normalize(form, "HĐND")


# --------------------------------------------------------------------------------------------------------
# Data


def test_bundled_data_loads_and_matches_initials() -> None:
    lex = ab.load_lexicon()
    assert lex.expansions["UBND"] == ("Ủy ban nhân dân",)
    assert lex.expansions["QYĐ"] == ("Quy định",)  # Nghị định 30/2020, Phụ lục III
    assert "COVID19" in lex.international
    assert len(lex.expansions) > 200
    assert initials_match("TTg", "Thủ tướng")
    assert initials_match("GD&ĐT", "Giáo dục và Đào tạo")
    assert not initials_match("UBND", "tầng hai")


def test_an_abbreviation_named_in_the_same_sentence_is_defined() -> None:
    import vnpolicytext

    for text in (
        "1. Quy chuẩn kỹ thuật ngành thủy lợi, ký hiệu là QCTL, do Bộ ban hành. Mọi công trình phải theo QCTL.",
        "Quỹ hỗ trợ nông dân, viết tắt là QHTND, cho vay không lãi. QHTND do Hội Nông dân quản lý.",
        "Hợp đồng hợp tác kinh doanh (sau đây gọi tắt là hợp đồng HTKD) được ký giữa các nhà đầu tư. Hợp đồng HTKD phải ghi rõ thời hạn.",
    ):
        report = vnpolicytext.analyze(text, config={"profile": "legal"})
        assert [f for f in report.findings if f.rule == "abbreviation.undefined"] == [], text
    report = vnpolicytext.analyze("Mọi công trình phải theo QCTL và được QHTND cho vay.", config={"profile": "legal"})
    assert sorted(f.text for f in report.findings if f.rule == "abbreviation.undefined") == ["QCTL", "QHTND"]


def test_an_abbreviation_right_after_its_own_name_is_explained() -> None:
    for text, abbr in (
        ("Sản phẩm phải phù hợp với tiêu chuẩn quốc gia TCVN 5945 về nước thải.", "TCVN"),
        ("Danh mục gồm chất Tenocyclidin (TCP) và các muối của nó.", "TCP"),
        ("Hồ sơ gửi Ban quản lý khu kinh tế (BQLKKT) của tỉnh.", "BQLKKT"),
    ):
        _, findings = run(text, profile="legal")
        assert [f.text for f in findings if f.rule == "abbreviation.undefined"] == [], (text, abbr)
    # a name that does not spell it, and one that is not right before it, leave it unexplained
    for text, abbr in (
        ("Doanh nghiệp nộp hồ sơ cho BQL trước ngày 15.", "BQL"),
        ("Hồ sơ gửi cơ quan thuế và KBNN nơi đóng trụ sở.", "KBNN"),
        ("Hồ sơ gửi Sở Tài chính BXD của tỉnh.", "BXD"),
    ):
        _, findings = run(text, profile="legal")
        assert [f.text for f in findings if f.rule == "abbreviation.undefined"] == [abbr], text


def test_a_roman_group_label_with_a_letter_is_no_abbreviation() -> None:
    _, findings = run("Loài thuộc Nhóm IIB chỉ được khai thác theo hạn ngạch.", profile="legal")
    assert findings == []
    _, findings = run("Hồ sơ ghi ký hiệu IIB trên bìa.", profile="legal")
    assert [f.text for f in findings] == ["IIB"]


def test_a_word_also_written_in_lower_case_or_as_a_name_is_not_an_abbreviation() -> None:
    # "VIETTEL" and "TIKI" are not listed; the text writes them as names elsewhere, so the capitals are the
    # same words shouted, while "PCCC" (listed) and "KHXH" (never written otherwise) stay abbreviations
    text = (
        "Khách hàng có thể thanh toán qua Viettel Money hoặc ví Tiki. "
        "ƯU ĐÃI CHỈ ÁP DỤNG VỚI VIETTEL và TIKI trong tháng này. "
        "Đội PCCC của phường và Viện KHXH phối hợp kiểm tra."
    )
    summary, _ = run(text)
    found = {i.abbr for i in summary.items}
    assert "VIETTEL" not in found and "TIKI" not in found
    assert {"PCCC", "KHXH"} <= found
    # without the names the capitals are candidates again
    summary, _ = run("Chương trình áp dụng với VIETTEL và TIKI.")
    assert {"VIETTEL", "TIKI"} <= {i.abbr for i in summary.items}
    # a word the text also writes in lower case counts too: "EMAIL" is "email" in capitals
    text = "Người dân có thể nộp qua email hoặc trực tiếp. Địa chỉ EMAIL được ghi ở cuối trang."
    assert "EMAIL" not in {i.abbr for i in run(text)[0].items}
    assert "EMAIL" in {i.abbr for i in run(text.replace("qua email", "qua bưu điện"))[0].items}


def test_name_before_an_abbreviation_searched_from_its_reach_is_the_plain_search() -> None:
    import random

    pieces = [
        "Ủy", "ban", "nhân", "dân", "(", " (", "( ", ",", ", ", "-", " - ", ".", ";", " ", "  ", "\t", "\n", "Bộ",
        "Y", "tế", "tiêu chuẩn quốc gia", "TCVN", "a", "1", "2020", "“", "x-y", "a,b", "Brolamphetamine",
    ]
    r = random.Random(120)
    found = 0
    for _ in range(4000):
        body = "".join(r.choice(pieces) + r.choice(["", " "]) for _ in range(r.randint(1, 40)))
        at = r.randint(0, len(body))
        want = ab._NAME_BEFORE.search(body, max(0, at - 120), at)
        got = ab._NAME_BEFORE.search(body, ab._NAME_REACH.match(body, max(0, at - 120), at).start(), at)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (body, at)
        found += want is not None
    assert found > 1000


def test_ordinary_words_asked_per_key_are_the_whole_set() -> None:
    import random

    from vnpolicytext.document import Document
    from vnpolicytext.vocab import abbr_key

    pieces = [
        "Biz", "biz", "BIZ", "MBBank", "mbbank", "TikTok", "Zalo", "zalo", "ZALO", "Ưu", "ưu", "ƯU", "email", "EMAIL",
        "Straße", "STRASSE", "ſ", "ß", "İ", "ǅ", "ǆ", "Σ", "σ", "ΑΣ", "ͅ", " ", ". ", "\n", "-", "/", "&", "1",
        "thu", "THU", "Thu", "Kho bạc", "x'y", "abc", "ABc",
    ]
    r = random.Random(2)
    keys = {abbr_key(p) for p in pieces} | {p.upper() for p in pieces}
    plain = 0
    for _ in range(1500):
        doc = Document("".join(r.choice(pieces) + r.choice(["", " ", "\n"]) for _ in range(r.randint(1, 25))))
        whole = ab._ordinary_words(doc)
        asked = ab._Ordinary(doc)
        plain += asked.plain
        for key in keys | whole:
            assert (key in asked) == (key in whole), (doc.text, key)
    assert 100 < plain < 1400  # texts with and without characters that change case unevenly


def test_unit_gate_keeps_every_token_with_two_capitals() -> None:
    """A unit is read only when `_TWO_CAPITALS` or `_CAPITAL_PERIOD` finds something: wherever the token
    pattern finds a token, one of them does (written text and random strings of letters, marks, digits and
    the joining characters)."""
    written = [
        "Sở GD&ĐT tỉnh và UBND xã phối hợp với Tp. Huế, TP.HCM và Bộ TT&TT.",
        "Nghị định số 15/2020/NĐ-CP và Thông tư 01/2021/TT-BTC quy định như vậy.",
        "Ông Nguyễn Văn An, Chủ tịch Hội đồng nhân dân, phát biểu tại Hà Nội.",
        "Quận Ba Đình và phường Điện Biên tổ chức họp mặt vào Chủ nhật.",
        "Công ty TNHH MTV Xây dựng Đông Á và hãng TikTok ký kết hợp tác.",
    ]
    texts = written + random_strings(5, "aAbBđĐêÊơƠxXyY1 .-/&\u0301\u0323", 20000, 60)
    found = 0
    for text in texts:
        if ab._CAPS_TOKEN.search(text):
            found += 1
            assert ab._TWO_CAPITALS.search(text) or ab._CAPITAL_PERIOD.search(text), text
        elif text in written[:2]:
            raise AssertionError(text)
    assert found > 1000
