"""Findings an editor can trust: no rule inside names, one finding per span, typing slips with their fix,
legal basis only for legal documents. Every text here was written for these tests."""

from __future__ import annotations

import vnpolicytext
from vnpolicytext.analyzers.text_check import split_glued
from vnpolicytext.document import Document


def rules(text: str, **config: object) -> list[tuple[str, str]]:
    r = vnpolicytext.analyze(text, config=dict(config) or None)
    for f in r.findings:
        assert text[f.start : f.end] == f.text
    return [(f.rule, f.text) for f in r.findings]


def test_names_of_bodies_and_titles_of_documents_are_a_layer() -> None:
    text = (
        "Theo Luật Căn cước công dân số 59/2014/QH13, hồ sơ gửi Cục Lãnh sự và Cục Chuyển đổi số quốc gia; "
        "Bộ Văn hóa, Thể thao và Du lịch phối hợp với chương trình “Nông thôn mới”."
    )
    doc = Document(text)
    assert [n.text for n in doc.names] == [
        "Luật Căn cước công dân số 59/2014/QH13",
        "Cục Lãnh sự",
        "Cục Chuyển đổi số quốc gia",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Nông thôn mới",
    ]
    # a lower-case head is not a name: "bộ hồ sơ", "theo luật"
    assert Document("Người dân nộp bộ hồ sơ theo luật hiện hành.").names == ()


def test_no_lexical_rule_fires_inside_a_name() -> None:
    inside = "Sở Tư pháp hướng dẫn người dân theo Luật Ngân sách nhà nước số 83/2015/QH13 về khoản chi này."
    flagged = [t for r, t in rules(inside) if r.startswith(("jargon.", "glossary."))]
    assert not any("ngân sách" in t.lower() for t in flagged)
    outside = "Khoản chi này lấy từ ngân sách nhà nước."
    assert any("ngân sách nhà nước" in t.lower() for r, t in rules(outside) if r.startswith(("jargon.", "glossary.")))


def test_one_finding_per_span_with_both_suggestions() -> None:
    text = "Bị hại có quyền bãi nại trước khi Tòa án mở phiên tòa."
    r = vnpolicytext.analyze(text)
    spans = [(f.start, f.end) for f in r.findings]
    assert len(spans) == len(set(spans))
    [f] = [f for f in r.findings if f.text == "bãi nại"]
    assert f.rule == "glossary.undefined_term"
    assert f.data["jargon"]["category"] == "legal" and f.data["jargon"]["alternative"]


def test_glued_words_are_split_with_the_fix() -> None:
    text = "Cơ quan thuế cập nhậttừ dữliệu dân cư vào sổsách kế toán."
    found = [(r, t) for r, t in rules(text) if r == "text.glued_words"]
    assert found == [("text.glued_words", "nhậttừ"), ("text.glued_words", "dữliệu"), ("text.glued_words", "sổsách")]
    r = vnpolicytext.analyze(text)
    assert [f.data["replacement"] for f in r.findings if f.rule == "text.glued_words"] == [
        "nhật từ",
        "dữ liệu",
        "sổ sách",
    ]


def test_real_syllables_and_names_are_not_glued_words() -> None:
    for word in ("nghiêng", "khuỷu", "Nguyễn", "thuở", "quyết", "Quảng", "Ngãi", "hoá", "COVID", "Facebook"):
        assert split_glued(word) is None, word
    assert split_glued("hiệuquả") == 4


def test_runs_of_spaces_inside_a_sentence() -> None:
    text = "Người dân  nộp hồ sơ   tại bộ phận một cửa.\n1.   Mang theo căn cước."
    found = [(r, t) for r, t in rules(text) if r == "text.spacing"]
    assert found == [("text.spacing", "  "), ("text.spacing", "   ")]  # not after the label "1."


def test_legal_basis_is_cited_only_in_the_legal_profile() -> None:
    text = "Hợp đồng có thể bị tuyên bố vô hiệu nếu có dấu hiệu giả tạo và người bị hại yêu cầu bãi nại."
    citizen = [f for f in vnpolicytext.analyze(text).findings if f.rule == "glossary.undefined_term"]
    legal = [
        f for f in vnpolicytext.analyze(text, config={"profile": "legal"}).findings if f.rule == "glossary.undefined_term"
    ]
    assert citizen and legal
    assert all("Nghị định 34/2016" not in f.message for f in citizen)
    assert all("khoản 3 Điều 69 Nghị định 34/2016/NĐ-CP" in f.message for f in legal)


def test_a_term_defined_in_the_same_sentence_is_not_used_before_its_definition() -> None:
    text = (
        "Mỗi Tổ tự quản, sau đây gọi là Tổ, do cộng đồng dân cư bầu (sau đây gọi là Tổ tự quản). "
        "Tổ tự quản họp mỗi quý một lần."
    )
    assert not [t for r, t in rules(text) if r == "glossary.used_before_definition"]


def test_coordinated_entries_match_however_the_text_joins_their_parts() -> None:
    chain = "Công tác tuyên truyền cần được triển khai khoa học, đồng bộ, nhất quán, bài bản, hiệu quả."
    assert ("jargon.cliche", "đồng bộ, nhất quán, bài bản") in rules(chain)
    with_and = "Cần thống nhất nhận thức, ý chí và hành động trong toàn Đảng bộ."
    assert ("jargon.cliche", "thống nhất nhận thức, ý chí và hành động") in rules(with_and)
    dash = "Dự án làm theo hình thức hợp tác công - tư."
    assert any(t == "hợp tác công - tư" for _, t in rules(dash))
    # a full stop is not a coordination: no match across sentences
    split = "Kế hoạch phải đồng bộ. Nhất quán, bài bản là yêu cầu chung."
    assert not any("đồng bộ" in t and "nhất quán" in t for _, t in rules(split))


def test_foreign_words_no_lexicon_lists_are_told_by_their_spelling() -> None:
    text = "Cán bộ phường sẽ recheck hồ sơ, còn shipper giao kết quả tận nhà qua app Zalo."
    foreign = [t for r, t in rules(text) if r == "jargon.foreign"]
    assert "recheck" in foreign and "shipper" in foreign
    assert "Zalo" not in foreign  # a name inside the sentence
    assert not [t for r, t in rules("Hồ sơ nộp tại bộ phận một cửa của phường.") if r == "jargon.foreign"]
