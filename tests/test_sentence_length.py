import pytest

import vnpolicytext
from vnpolicytext.analyzers.sentence_length import PROFILE_LIMITS

from .conftest import assert_offsets

# 48 syllables: long for the citizen profile (40), fine for news (50) and legal (60).
LONG = (
    "Người dân có nhu cầu đăng ký tạm trú tại phường mang theo căn cước và giấy tờ chứng minh chỗ ở hợp pháp "
    "đến bộ phận một cửa trong giờ hành chính từ thứ hai đến thứ sáu, trừ các ngày lễ theo quy định hiện hành."
)
# 72 syllables: very long for citizen (60), long for news (50-75) and legal (60-90).
VERY_LONG = LONG[:-1] + (
    ", sau đó cán bộ kiểm tra hồ sơ và hẹn ngày trả kết quả cho người dân trong thời hạn ba ngày làm việc."
)
SHORT = "Hồ sơ nộp tại bộ phận một cửa."


def length_findings(report: vnpolicytext.Report) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in report.findings if f.analyzer == "sentence_length"]


def test_sentence_counts() -> None:
    r = vnpolicytext.analyze(LONG)
    assert r.sentences[0].syllables == 48
    assert r.sentences[0].words < 48


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ("citizen", [("sentence_length.long", LONG), ("sentence_length.very_long", VERY_LONG)]),
        ("news", [("sentence_length.long", VERY_LONG)]),
        ("legal", [("sentence_length.long", VERY_LONG)]),
    ],
)
def test_thresholds_per_profile(profile: str, expected: list[tuple[str, str]]) -> None:
    text = f"{SHORT} {LONG}\n\n{VERY_LONG}"
    r = vnpolicytext.analyze(text, config={"profile": profile})
    assert length_findings(r) == expected
    assert r.sentence_length is not None and r.sentence_length.limits == PROFILE_LIMITS[profile]
    assert_offsets(text, r)


def test_finding_spans_the_whole_sentence_and_suggests_a_split() -> None:
    text = f"{SHORT} {VERY_LONG}"
    r = vnpolicytext.analyze(text)
    [f] = [f for f in r.findings if f.analyzer == "sentence_length"]
    assert f.start == text.index(VERY_LONG) and f.end == len(text)
    assert f.severity == "error" and "72 tiếng" in f.message and "60" in f.message
    assert f.suggestion is not None and "‖" in f.suggestion
    assert f.data["split_at"] is not None and text[f.data["split_at"] - 1] in " ,"


def test_headings_and_list_items_are_judged_by_their_own_limit() -> None:
    heading = "Điều 12. " + " ".join(
        ["Trách nhiệm của cơ quan tiếp nhận hồ sơ"] * 5
    )  # 47 syllables, no period
    item = "a) " + LONG
    text = f"{heading}\n{item}\n"
    r = vnpolicytext.analyze(text)
    kinds = [s.kind for s in r.sentences]
    assert kinds == ["heading", "list_item"]
    assert length_findings(r) == []  # 47 and 49 syllables are under the item limit (50)
    r2 = vnpolicytext.analyze(
        text, config={"sentence_length": {"long": 40, "very_long": 60, "item_long": 44, "item_very_long": 80}}
    )
    assert [rule for rule, _ in length_findings(r2)] == ["sentence_length.long", "sentence_length.long"]


def test_summary_statistics() -> None:
    text = " ".join([SHORT] * 8 + [LONG, VERY_LONG])
    r = vnpolicytext.analyze(text)
    s = r.sentence_length
    assert s is not None
    assert s.sentences == 10 and s.max_syllables == 72
    assert s.median_syllables == 8
    assert s.mean_syllables == pytest.approx((8 * 8 + 48 + 72) / 10)
    assert 48 <= s.p90_syllables <= 72
    assert s.long_share == pytest.approx(0.2) and s.very_long_share == pytest.approx(0.1)
    assert [x.syllables for x in s.longest[:2]] == [72, 48]
    assert text[s.longest[0].start : s.longest[0].end] == VERY_LONG


def test_rules_can_be_relevelled_or_switched_off() -> None:
    r = vnpolicytext.analyze(VERY_LONG, config={"rules": {"sentence_length.very_long": "warning"}})
    assert [f.severity for f in r.findings if f.analyzer == "sentence_length"] == ["warning"]
    r = vnpolicytext.analyze(VERY_LONG, config={"rules": {"sentence_length.very_long": "off"}})
    assert length_findings(r) == []


def test_a_split_is_suggested_only_between_clauses_and_shown_on_word_boundaries() -> None:
    nouns = (
        "Cán bộ, đảng viên và nhân dân trong toàn tỉnh cần nâng cao nhận thức, ý chí và hành động trong việc "
        "thực hiện nhiệm vụ phát triển kinh tế xã hội của địa phương trong năm tới một cách khoa học."
    )
    clauses = (
        "Ủy ban nhân dân xã tiếp nhận hồ sơ của người dân trong giờ hành chính các ngày làm việc từ thứ Hai "
        "đến thứ Sáu và cán bộ tư pháp kiểm tra giấy tờ rồi hẹn ngày trả kết quả cho người nộp hồ sơ."
    )
    [noun_finding] = [f for f in vnpolicytext.analyze(nouns).findings if f.analyzer == "sentence_length"]
    assert noun_finding.data["split_at"] is None  # "ý chí ‖ và hành động" would cut a noun coordination
    [clause_finding] = [f for f in vnpolicytext.analyze(clauses).findings if f.analyzer == "sentence_length"]
    assert clause_finding.data["split_at"] == clauses.index(" và cán bộ")
    assert clause_finding.suggestion is not None
    snippet = clause_finding.suggestion.split("«…", 1)[1].split("…»", 1)[0]
    left, right = snippet.split(" ‖ ")
    assert clauses[: clauses.index(" và cán bộ")].endswith(left) and f" {left}" in clauses  # whole words
    assert right.startswith("và cán bộ") and right in clauses and f"{right} " in clauses
