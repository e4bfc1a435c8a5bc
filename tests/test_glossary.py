"""Analyzer 'glossary': legal terms, the document's own definitions and the shipped glossary.

Every text here was written for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext import ConfigError
from vnpolicytext.analyzers.glossary import shipped_glossary
from vnpolicytext.report import Report

from .conftest import assert_offsets

# A regulation in the style of a law: a definitions article (numbered items, a term that itself contains
# "là", points a) b)), articles that use the terms, and an inline "(sau đây gọi là …)".
RULES_TEXT = (
    "Điều 1. Giải thích từ ngữ\n"
    "Trong Quy chế này, các từ ngữ dưới đây được hiểu như sau:\n"
    "1. Phiếu hẹn là giấy ghi ngày trả kết quả cho người đến làm thủ tục, gồm:\n"
    "a) Phiếu hẹn bằng giấy do cán bộ tiếp nhận ký;\n"
    "b) Phiếu hẹn điện tử gửi qua tin nhắn.\n"
    "2. Người được coi là chủ hộ là người đứng tên đầu tiên trong danh sách thành viên của hộ.\n"
    "3. Điểm tiếp nhận lưu động là nơi cán bộ xã đến tận thôn để nhận giấy tờ.\n"
    "Điều 2. Cấp phiếu hẹn\n"
    "1. Cán bộ giao phiếu hẹn cho người nộp ngay khi nhận đủ giấy tờ.\n"
    "2. Người được coi là chủ hộ ký nhận phiếu hẹn thay cho các thành viên khác.\n"
    "3. Điểm tiếp nhận lưu động mở cửa vào sáng thứ Bảy hằng tuần.\n"
    "Điều 3. Trả giấy tờ\n"
    "Văn phòng đăng ký đất đai xã Tân Hòa (sau đây gọi là Văn phòng xã) trả giấy tờ theo ngày ghi trên "
    "phiếu hẹn. Văn phòng xã gọi điện báo trước một ngày.\n"
)

# A news item with no definitions: two legal terms nobody explains and three the glossary explains.
NEWS_TEXT = (
    "Theo công an phường, ông Tư đã bãi nại sau buổi hòa giải tại nhà văn hóa khu phố. "
    "Người gây thương tích vẫn có thể bị truy cứu trách nhiệm hình sự vì vết thương nặng. "
    "Gia đình bà Lan, đang tạm trú tại phường, cho biết sẽ khởi kiện ra tòa. "
    "Người nhà của bà nói việc khởi kiện cần thêm thời gian.\n"
)


def analyze(text: str, **config: object) -> Report:
    report = vnpolicytext.analyze(text, config=config or None)
    assert_offsets(text, report)
    return report


def found(report: Report, rule: str | None = None) -> list[tuple[str, str]]:
    return [
        (f.rule, f.text)
        for f in report.findings
        if f.analyzer == "glossary" and (rule is None or f.rule == rule)
    ]


def by_term(report: Report) -> dict[str, tuple[str, int]]:
    assert report.glossary is not None
    return {t.term.lower(): (t.status, t.count) for t in report.glossary.terms}


def test_shipped_glossary_loads_with_variants_and_sources() -> None:
    entries = shipped_glossary()
    assert len(entries) >= 300
    land = next(e for e in entries if e.term == "giấy chứng nhận quyền sử dụng đất")
    assert "sổ đỏ" in land.variants and land.source and "Đất đai" in land.source
    assert all(e.explanation for e in entries)


def test_definitions_article_terms_are_found_at_their_later_uses() -> None:
    r = analyze(RULES_TEXT)
    g = r.glossary
    assert g is not None
    terms = by_term(r)
    # uses outside the definitions: the article heading "Cấp phiếu hẹn" is a label, points a) b) are the
    # definition itself; three uses remain
    assert terms["phiếu hẹn"] == ("defined", 3)
    # the term containing "là" is matched whole (longest match), so the glossary's "chủ hộ" is not used
    assert terms["người được coi là chủ hộ"] == ("defined", 1)
    assert "chủ hộ" not in terms
    assert terms["điểm tiếp nhận lưu động"] == ("defined", 1)
    # inline "(sau đây gọi là …)": the definition is not a use, the later sentence is
    assert terms["văn phòng xã"] == ("defined", 1)
    # a glossary term inside the inline definition is still a use of that term
    assert terms["văn phòng đăng ký đất đai"][0] == "glossary"
    assert g.definitions == 4
    assert g.defined_in_document == 4
    assert g.used_before_definition == 0 and g.defined_unused == 0
    assert g.terms_used == g.defined_in_document + g.covered_by_glossary + g.undefined
    assert g.coverage == pytest.approx(
        (g.defined_in_document + g.covered_by_glossary) / g.terms_used, abs=1e-4
    )
    assert g.document_coverage == pytest.approx(4 / g.terms_used, abs=1e-4)
    assert not found(r, "glossary.used_before_definition") and not found(r, "glossary.defined_unused")
    # sorted by first use, in caller offsets
    starts = [t.first_start for t in g.terms]
    assert starts == sorted(starts)
    phieu = next(t for t in g.terms if t.term == "Phiếu hẹn")
    assert phieu.explanation is not None and phieu.explanation.startswith("giấy ghi ngày trả kết quả")
    assert RULES_TEXT[phieu.first_start : phieu.first_start + 9] == "phiếu hẹn"
    assert phieu.first_start == RULES_TEXT.index("phiếu hẹn cho người nộp")


def test_used_before_definition_is_reported_at_the_first_use() -> None:
    text = (
        "Điều 1a. Phạm vi áp dụng\n"
        "Quy chế này áp dụng cho việc giao phiếu hẹn ở xã Tân Hòa; Văn phòng xã trả giấy tờ cho người nộp.\n"
        + RULES_TEXT
    )
    r = analyze(text)
    # "phiếu hẹn" comes before its definitions article: an article explains its terms for the whole
    # document (laws use in Điều 1 what Điều 3 defines), so only the inline definition is late
    [f] = [f for f in r.findings if f.rule == "glossary.used_before_definition"]
    assert f.text == "Văn phòng xã" and f.start == text.index("Văn phòng xã")
    assert f.severity == "warning" and "trước khi" in f.message
    assert f.data["status"] == "defined"
    assert text[f.data["term_start"] : f.data["term_end"]] == "Văn phòng xã"
    assert text[f.data["definition_start"] : f.data["definition_end"]].startswith("Văn phòng đăng ký đất đai")
    assert r.glossary is not None and r.glossary.used_before_definition == 1


def test_defined_unused_term_is_reported_at_its_definition() -> None:
    text = RULES_TEXT.replace(
        "Điều 2. Cấp phiếu hẹn\n",
        "4. Sổ theo dõi lịch hẹn là quyển sổ ghi tên người nộp và ngày hẹn trả.\nĐiều 2. Cấp phiếu hẹn\n",
    )
    r = analyze(text)
    [f] = [f for f in r.findings if f.rule == "glossary.defined_unused"]
    assert (f.text, f.severity) == ("Sổ theo dõi lịch hẹn", "info")
    assert f.start == text.index("Sổ theo dõi lịch hẹn")
    g = r.glossary
    assert g is not None and g.defined_unused == 1 and g.definitions == 5
    assert by_term(r)["sổ theo dõi lịch hẹn"] == ("defined", 0)
    assert g.defined_in_document == 4  # an unused term is not a used one


def test_news_text_reports_undefined_terms_and_explainable_glossary_terms() -> None:
    r = analyze(NEWS_TEXT, profile="news")
    undefined = [f for f in r.findings if f.rule == "glossary.undefined_term"]
    assert [(f.text, f.severity) for f in undefined] == [
        ("bãi nại", "warning"),
        ("truy cứu trách nhiệm hình sự", "warning"),
    ]
    # the suggestion is the jargon lexicon's plain alternative
    assert undefined[0].suggestion == "rút đơn tố cáo"
    assert undefined[1].suggestion is not None and "xử lý hình sự" in undefined[1].suggestion
    explainable = {f.text: f for f in r.findings if f.rule == "glossary.explainable"}
    assert set(explainable) == {"hòa giải", "tạm trú", "khởi kiện"}  # "khởi kiện" once, not twice
    entries = {e.term: e for e in shipped_glossary()}
    f = explainable["khởi kiện"]
    assert f.start == NEWS_TEXT.index("khởi kiện") and f.severity == "info"
    assert f.suggestion == entries["khởi kiện"].explanation
    assert f.data["source"] == entries["khởi kiện"].source and f.data["status"] == "glossary"
    g = r.glossary
    assert g is not None
    assert (g.terms_used, g.defined_in_document, g.covered_by_glossary, g.undefined) == (5, 0, 3, 2)
    assert (g.coverage, g.document_coverage, g.definitions) == (0.6, 0.0, 0)
    assert by_term(r)["khởi kiện"] == ("glossary", 2)


def test_undefined_term_suggestion_is_the_alternative_or_the_generic_advice(tmp_path: Path) -> None:
    r = analyze("Hội đồng đã miễn nhiệm ông Ba.", profile="news")
    [f] = [f for f in r.findings if f.rule == "glossary.undefined_term"]
    assert (f.text, f.suggestion) == ("miễn nhiệm", "cho thôi giữ chức")
    # the user's jargon files add legal terms too; one without an alternative gets the generic advice,
    # and category `off` removes a shipped one
    lex = tmp_path / "jargon.tsv"
    lex.write_text("quyền truy đòi\tlegal\t\t\nmiễn nhiệm\toff\t\t\n", encoding="utf-8")
    text = "Ngân hàng giữ quyền truy đòi khoản nợ. Hội đồng đã miễn nhiệm ông Ba."
    r = analyze(text, profile="news", jargon_files=[str(lex)])
    [f] = [f for f in r.findings if f.rule == "glossary.undefined_term"]
    assert f.text == "quyền truy đòi"
    assert (
        f.suggestion == "Giải thích thuật ngữ này ngay lần dùng đầu tiên hoặc trong điều giải thích từ ngữ."
    )


def test_legal_profile_does_not_report_explainable_terms() -> None:
    r = analyze(NEWS_TEXT, profile="legal")
    assert not found(r, "glossary.explainable")
    assert [t for _, t in found(r, "glossary.undefined_term")] == ["bãi nại", "truy cứu trách nhiệm hình sự"]
    assert r.glossary is not None and r.glossary.covered_by_glossary == 3


def test_everyday_glossary_terms_are_not_reported() -> None:
    # "thuế" has a single syllable: it stays quiet but still counts as a glossary-covered term;
    # "hồ sơ" and "trẻ em" are plain words and not in the glossary at all
    r = analyze("Chị Lan nộp hồ sơ cho trẻ em và nộp thuế.", profile="citizen")
    assert not found(r, "glossary.explainable")
    assert by_term(r) == {"thuế": ("glossary", 1)}


def test_variants_map_to_the_headword() -> None:
    r = analyze("Ông Năm mang sổ đỏ đi thế chấp ở ngân hàng.")
    terms = by_term(r)
    assert terms["giấy chứng nhận quyền sử dụng đất"] == ("glossary", 1)
    [f] = [f for f in r.findings if f.rule == "glossary.explainable" and f.text == "sổ đỏ"]
    assert f.data["term"] == "giấy chứng nhận quyền sử dụng đất"


def test_user_glossary_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "xa-tan-hoa.tsv"
    path.write_text(
        "# glossary of a commune office\n"
        "phiếu hẹn\tgiấy hẹn trả kết quả\tTờ giấy ghi ngày bạn quay lại lấy kết quả.\tQuy chế một cửa xã Tân Hòa\n"
        "tạm trú\t\tỞ lại nơi khác một thời gian và báo cho công an xã.\t\n",
        encoding="utf-8",
    )
    text = "Người dân nhận phiếu hẹn khi đăng ký tạm trú. Ai mất giấy hẹn trả kết quả thì báo cán bộ."
    r = analyze(text, glossary_files=[str(path)])
    explainable = {f.data["term"]: f for f in r.findings if f.rule == "glossary.explainable"}
    assert explainable["tạm trú"].text == "đăng ký tạm trú"  # a shipped variant, kept for the override
    assert explainable["phiếu hẹn"].suggestion == "Tờ giấy ghi ngày bạn quay lại lấy kết quả."
    assert explainable["phiếu hẹn"].data["source"] == "Quy chế một cửa xã Tân Hòa"
    assert explainable["tạm trú"].suggestion == "Ở lại nơi khác một thời gian và báo cho công an xã."
    assert explainable["tạm trú"].data["source"] is None
    assert by_term(r)["phiếu hẹn"] == ("glossary", 2)  # the variant counts for the headword
    # without the file: "phiếu hẹn" is no term, "tạm trú" has the shipped explanation
    plain = analyze(text)
    assert "phiếu hẹn" not in by_term(plain)
    shipped = next(e for e in shipped_glossary() if e.term == "tạm trú")
    assert {f.data["term"]: f.suggestion for f in plain.findings if f.rule == "glossary.explainable"}[
        "tạm trú"
    ] == shipped.explanation
    # an edited file is read again
    path.write_text("phiếu hẹn\t\tGiấy hẹn ngày trả.\t\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    again = analyze(text, glossary_files=[str(path)])
    assert {f.text: f.suggestion for f in again.findings if f.rule == "glossary.explainable"}[
        "phiếu hẹn"
    ] == "Giấy hẹn ngày trả."


def test_missing_or_broken_glossary_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.tsv"
    with pytest.raises(ConfigError, match=r"khong-co\.tsv"):
        vnpolicytext.analyze("Đăng ký tạm trú.", config={"glossary_files": [str(missing)]})
    broken = tmp_path / "hong.tsv"
    broken.write_text("phiếu hẹn\t\tGiấy hẹn.\t\nchỉ có một cột\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"hong\.tsv:2"):
        vnpolicytext.analyze("Đăng ký tạm trú.", config={"glossary_files": [str(broken)]})


def test_offsets_are_exact_on_crlf_and_decomposed_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", NEWS_TEXT.replace(". ", ".\r\n"))
    r = analyze(text, profile="news")
    assert {f.rule for f in r.findings if f.analyzer == "glossary"} == {
        "glossary.undefined_term",
        "glossary.explainable",
    }
    g = r.glossary
    assert g is not None
    first = {t.term: t.first_start for t in g.terms}
    for f in r.findings:
        if f.analyzer == "glossary":
            assert f.start == first[f.data["term"]]
            assert unicodedata.normalize("NFC", f.text).lower() == f.data["term"]
    assert len(first) == 5


def test_rules_can_be_turned_off_and_the_analyzer_disabled() -> None:
    r = analyze(NEWS_TEXT, profile="news", rules={"glossary.explainable": "off"})
    assert [rule for rule, _ in found(r)] == ["glossary.undefined_term", "glossary.undefined_term"]
    assert r.glossary is not None and r.glossary.covered_by_glossary == 3
    off = analyze(NEWS_TEXT, analyzers={"glossary": False})
    assert off.glossary is None and not found(off)


def test_undefined_terms_feed_the_clarity_score() -> None:
    r = analyze(NEWS_TEXT, profile="news", analyzers={"abbreviation": False})
    assert r.readability is not None and r.readability.clarity_components is not None
    undefined = r.readability.clarity_components["undefined"]
    assert undefined.value == pytest.approx(1000 * 2 / r.text.words, abs=0.01)


def test_undefined_term_is_a_warning_for_citizens_and_info_in_a_law() -> None:
    # a law's readers (drafters, officials) share the standard legal vocabulary: the same unexplained
    # term is still listed in the legal profile, as info, and still counts as undefined in the summary
    text = (
        "Điều 7. Thành viên Hội đồng thẩm định\n"
        "1. Chủ tịch Hội đồng đề nghị miễn nhiệm thành viên không còn đủ sức khỏe để làm việc.\n"
        "2. Thành viên bị miễn nhiệm bàn giao tài liệu cho Thư ký Hội đồng trong thời hạn 05 ngày.\n"
    )
    levels = {}
    for profile in ("citizen", "news", "legal"):
        r = analyze(text, profile=profile)
        hits = [f for f in r.findings if f.rule == "glossary.undefined_term"]
        assert [(f.text, f.start) for f in hits] == [("miễn nhiệm", text.index("miễn nhiệm"))]
        assert r.glossary is not None and r.glossary.undefined == 1
        levels[profile] = hits[0].severity
    assert levels == {"citizen": "warning", "news": "warning", "legal": "info"}
