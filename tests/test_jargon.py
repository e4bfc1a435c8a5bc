from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext.analyzers.jargon import shipped_lexicon

from .conftest import assert_offsets


def jargon(text: str, **config: object) -> list[tuple[str, str, str | None]]:
    r = vnpolicytext.analyze(text, config=config or None)
    assert_offsets(text, r)
    return [(f.rule, f.text, f.suggestion) for f in r.findings if f.analyzer == "jargon"]


def test_shipped_lexicon_is_large_curated_and_mostly_has_alternatives() -> None:
    entries = shipped_lexicon()
    assert len(entries) >= 800
    assert sum(e.alternative is not None for e in entries) >= len(entries) / 2
    assert {e.category for e in entries} == {"cliche", "legal", "vague", "foreign", "archaic", "formal"}
    terms = {e.term for e in entries}
    assert len(terms) == len(entries), "duplicate terms"
    assert not {"người dân", "nộp", "trẻ em", "hồ sơ", "giấy tờ"} & terms


def test_longest_match_wins() -> None:
    found = jargon("Cơ quan có thẩm quyền sẽ trả lời trong năm ngày.")
    assert [(rule, text) for rule, text, _ in found] == [("jargon.legal", "Cơ quan có thẩm quyền")]
    found = jargon("Việc này thuộc thẩm quyền của xã.")
    assert [text for _, text, _ in found] == ["thẩm quyền"]


def test_case_and_tone_placement_do_not_matter() -> None:
    lower = jargon("Các đơn vị cần quán triệt chủ trương này.")
    upper = jargon("CÁC ĐƠN VỊ CẦN QUÁN TRIỆT CHỦ TRƯƠNG NÀY.")
    assert [r for r, _, _ in lower] == [r for r, _, _ in upper] == ["jargon.cliche"]
    assert upper[0][1] == "QUÁN TRIỆT"
    classic = jargon("Sở sẽ cụ thể hóa kế hoạch này trong tháng tới.")
    new_style = jargon("Sở sẽ cụ thể hoá kế hoạch này trong tháng tới.")
    assert [(r, t) for r, t, _ in classic] == [("jargon.cliche", "cụ thể hóa")]
    # the lexicon writes "hóa"; the text's "hoá" matches and the finding shows the text as written
    assert [(r, t) for r, t, _ in new_style] == [("jargon.cliche", "cụ thể hoá")]


def test_suggestion_gives_the_plain_alternative() -> None:
    [(rule, text, suggestion)] = jargon("Xin gọi hotline của phường.")
    assert (rule, text) == ("jargon.foreign", "hotline")
    assert suggestion is not None and "đường dây nóng" in suggestion


def test_plain_everyday_words_are_never_flagged() -> None:
    text = (
        "Người dân nộp giấy tờ cho trẻ em tại trường học gần nhà. "
        "Cán bộ xã nhận hồ sơ, ghi giấy hẹn và gọi điện khi có kết quả."
    )
    assert jargon(text) == []
    r = vnpolicytext.analyze(text)
    assert [f for f in r.findings if f.analyzer in ("jargon", "abbreviation", "glossary")] == []


def test_no_match_across_punctuation() -> None:
    # "triển khai thực hiện" is a term; a comma between the two halves breaks it.
    found = jargon("Kế hoạch được triển khai, thực hiện ngay.")
    assert all(t != "triển khai, thực hiện" for _, t, _ in found)


def test_summary_density_and_top_terms() -> None:
    text = "Cần quán triệt chủ trương mới. Tiếp tục quán triệt trong toàn ngành. Giải quyết kịp thời."
    r = vnpolicytext.analyze(text)
    j = r.jargon
    assert j is not None
    # every use is counted; each term is reported once, at its first use, with the number of uses
    findings = [f for f in r.findings if f.analyzer == "jargon"]
    assert j.matches == 3 and len(findings) == 2
    assert findings[0].text == "quán triệt" and findings[0].data["uses"] == 2
    assert j.top_terms[0].term == "quán triệt" and j.top_terms[0].count == 2
    assert j.density == pytest.approx(100 * j.jargon_words / j.words, abs=1e-3)
    assert j.by_category["cliche"] >= 2


def test_user_lexicon_adds_overrides_and_disables(tmp_path: Path) -> None:
    lex = tmp_path / "rieng.tsv"
    lex.write_text(
        "# lexicon of a district office\n"
        "một cửa liên thông\tformal\tnộp một nơi\tTên gọi nội bộ.\n"
        "hotline\toff\t\t\n"
        "kịp thời\tvague\ttrong 3 ngày\tQuy chế của phường: 3 ngày.\n",
        encoding="utf-8",
    )
    text = "Nộp tại bộ phận một cửa liên thông, gọi hotline để được trả lời kịp thời."
    found = jargon(text, jargon_files=[str(lex)])
    by_text = {t: (rule, s) for rule, t, s in found}
    assert by_text["một cửa liên thông"] == ("jargon.formal", "Thay bằng: nộp một nơi")
    assert "hotline" not in by_text
    assert by_text["kịp thời"][1] == "Thay bằng: trong 3 ngày"


def test_broken_user_lexicon_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("quán triệt\tpolitical\tphổ biến\n", encoding="utf-8")
    with pytest.raises(vnpolicytext.ConfigError, match=r"bad.tsv:1: unknown jargon category 'political'"):
        vnpolicytext.analyze("Câu.", config={"jargon_files": [str(bad)]})
    with pytest.raises(vnpolicytext.ConfigError, match="not found"):
        vnpolicytext.analyze("Câu.", config={"jargon_files": [str(tmp_path / "missing.tsv")]})


def test_category_rule_off_removes_it_from_the_summary() -> None:
    text = "Cần giải quyết kịp thời và gọi hotline."
    r = vnpolicytext.analyze(text, config={"rules": {"jargon.vague": "off"}})
    assert r.jargon is not None and "vague" not in r.jargon.by_category
    assert [f.rule for f in r.findings if f.analyzer == "jargon"] == ["jargon.foreign"]


def test_profiles_relevel_rules_without_changing_the_scores() -> None:
    text = "Công ty là pháp nhân nên phải tự chịu trách nhiệm. Người dân cần nộp hồ sơ trước ngày 15."
    citizen = vnpolicytext.analyze(text)
    legal = vnpolicytext.analyze(text, config={"profile": "legal"})
    level = {f.rule: f.severity for f in citizen.findings}
    assert level["jargon.legal"] == "warning"
    assert {f.rule: f.severity for f in legal.findings}["jargon.legal"] == "info"
    assert citizen.jargon is not None and legal.jargon is not None
    assert citizen.jargon.density == legal.jargon.density
    # the user's own level wins over the profile's
    mine = vnpolicytext.analyze(text, config={"profile": "legal", "rules": {"jargon.legal": "error"}})
    assert {f.rule: f.severity for f in mine.findings}["jargon.legal"] == "error"


def test_annex_of_species_and_substances_is_not_foreign_but_a_loan_in_the_article_is() -> None:
    text = (
        "Điều 5. Danh mục loài và chất cấm kinh doanh\n"
        "1. Doanh nghiệp không được quảng cáo các loài sau đây trên fanpage của mình:\n"
        "a) Bò tót (Bos gaurus);\n"
        "b) Rùa hộp trán vàng Cuora galbinifrons;\n"
        "c) Nycticebus pygmaeus.\n"
        "2. Các chất sau đây: methyl phosphonyl difluoride; 3-quinuclidinyl benzilate."
    )
    found = [(rule, term) for rule, term, _ in jargon(text) if rule == "jargon.foreign"]
    assert found == [("jargon.foreign", "fanpage")]


def test_a_cliche_word_inside_a_technical_term_or_its_definition_is_not_a_cliche() -> None:
    def cliches(text: str) -> list[str]:
        report = vnpolicytext.analyze(text, config={"profile": "legal"})
        return [f.text for f in report.findings if f.rule == "jargon.cliche"]

    assert cliches("Bệnh viện dùng hạt nhân phóng xạ để chụp ảnh phải có giấy phép.") == []
    assert cliches("Xe chở vật liệu hạt nhân phải có người áp tải.") == []
    assert cliches("Hàng hóa chịu sự kiểm tra, giám sát hải quan được lưu tại kho ngoại quan.") == []
    text = (
        "Điều 2. Giải thích từ ngữ\nTrong Nghị định này, các từ ngữ dưới đây được hiểu như sau:\n"
        "1. Hạt nhân là tổ chức cơ sở giữ vai trò nòng cốt trong phong trào.\n"
    )
    assert "Hạt nhân" not in cliches(text)
    # the figure of speech itself is still a cliche
    assert cliches("Chi bộ là hạt nhân lãnh đạo của cơ quan.") == ["hạt nhân"]
    assert cliches("Các sở phải kiểm tra, giám sát việc chi tiêu.") == ["kiểm tra, giám sát"]


def test_a_cliche_the_text_defines_is_a_term_of_art_in_that_text() -> None:
    text = (
        "Điều 2. Giải thích từ ngữ\nTrong Luật này, các từ ngữ dưới đây được hiểu như sau:\n"
        "1. Giám sát hải quan là biện pháp nghiệp vụ do cơ quan hải quan áp dụng.\n"
        "Điều 3. Nhiệm vụ\nCơ quan hải quan kiểm tra, giám sát hàng hóa xuất khẩu.\n"
    )
    report = vnpolicytext.analyze(text, config={"profile": "legal"})
    assert [f.text for f in report.findings if f.rule == "jargon.cliche"] == []
    # without the definition the same sentence gets the cliche
    report = vnpolicytext.analyze("Cơ quan hải quan kiểm tra, giám sát hàng hóa xuất khẩu.", config={"profile": "legal"})
    assert [f.text for f in report.findings if f.rule == "jargon.cliche"] == ["kiểm tra, giám sát"]


def _cliches(text: str) -> list[str]:
    report = vnpolicytext.analyze(text, config={"profile": "legal"})
    return [f.text for f in report.findings if f.rule == "jargon.cliche"]


def test_a_cliche_in_the_title_of_an_article_names_the_activity_it_regulates() -> None:
    body = "Người ứng cử được tuyên truyền vận động bầu cử bình đẳng trên báo chí.\n"
    assert _cliches("Điều 12. Tuyên truyền, vận động bầu cử\n" + body) == []
    # without the article that regulates it, or when a title only shares one word, it is a slogan
    assert _cliches(body) == ["tuyên truyền vận động"]
    assert _cliches("Điều 12. Vận động\n" + body) == ["tuyên truyền vận động"]
    # the words of the run sit in one title, whole and in order: two titles that end and start with its
    # halves, or a title holding a longer word, do not make it a term
    split = "Điều 11. Công tác tuyên truyền\nĐiều 12. Vận động người ứng cử\n"
    assert _cliches(split + body) == ["tuyên truyền vận động"]
    assert _cliches("Điều 12. Tuyên truyền vận độngg bầu cử\n" + body) == ["tuyên truyền vận động"]
    assert _cliches("Điều 12. Công tác tuyên truyền vận động bầu cử của tổ chức\n" + body) == []


def test_a_bare_cliche_qualifier_after_equipment_is_a_technical_quality() -> None:
    assert _cliches("Khu công nghiệp phải có hệ thống thu gom, xử lý nước thải đồng bộ.") == []
    assert _cliches("Nhà máy phải lắp đặt thiết bị quan trắc đồng bộ.") == []
    # a policy phrase after a verb stays
    assert _cliches("Các ngành phải triển khai đồng bộ các giải pháp.") == ["triển khai đồng bộ"]
    assert _cliches("Các bộ, ngành phải làm việc đồng bộ.") == ["đồng bộ"]
