"""Analyzer 'enumeration': chains of coordinated abstract qualities or actions."""

from __future__ import annotations

from vnpolicytext import analyze
from vnpolicytext.api import run_analyzer


def rules(text: str, profile: str = "citizen") -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run_analyzer("enumeration", text, config={"profile": profile})[1]]


def test_seed_like_sentence_gets_enumeration_and_nominalisation_findings() -> None:
    text = "Công tác tuyên truyền cần được triển khai khoa học, đồng bộ, nhất quán, bài bản, hiệu quả."
    report = analyze(text)
    found = {(f.rule, f.text) for f in report.findings}
    assert ("enumeration.long_chain", "khoa học, đồng bộ, nhất quán, bài bản, hiệu quả") in found
    assert ("nominalisation.filler_noun", "Công tác tuyên truyền") in found
    chain = next(f for f in report.findings if f.rule == "enumeration.long_chain")
    assert chain.data["items"] == ["khoa học", "đồng bộ", "nhất quán", "bài bản", "hiệu quả"]


def test_chain_of_actions_joined_by_và() -> None:
    text = "Các tổ dân phố tuyên truyền, phổ biến, quán triệt và triển khai nghị quyết đến từng hộ."
    assert rules(text) == [("enumeration.long_chain", "tuyên truyền, phổ biến, quán triệt và triển khai")]


def test_limit_depends_on_the_profile() -> None:
    text = "Việc thu phí phải công khai, minh bạch, đúng quy định và kịp thời."
    assert rules(text, "citizen") == [
        ("enumeration.long_chain", "công khai, minh bạch, đúng quy định và kịp thời")
    ]
    assert rules(text, "legal") == []
    # legal text lists binding principles on purpose: the rule is off there even for a long chain
    law = "Việc bồi thường phải bảo đảm dân chủ, khách quan, công bằng, công khai, kịp thời và đúng quy định."
    assert rules(law, "legal") == [] and len(rules(law, "citizen")) == 1


def test_short_and_concrete_lists_are_not_reported() -> None:
    text = (
        "Hồ sơ nộp công khai, minh bạch. Đối tượng gồm hộ nghèo, hộ cận nghèo, học sinh khuyết tật và học sinh "
        "mồ côi. Cần kiểm tra, giám sát thường xuyên."
    )
    assert rules(text) == []


def test_a_chain_stops_at_a_word_that_is_not_abstract() -> None:
    text = "Bản khai cần đầy đủ, chính xác, có chữ ký của chủ hộ, rõ ràng và đóng dấu của tổ dân phố."
    assert rules(text) == []
