from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext.analyzers.readability import COMMON_SYLLABLES, common_syllables, luong_nguyen_dinh
from vnpolicytext.clarity import BARRIERS, SCALES, assess, clarity, level_of


def test_formula_worked_example() -> None:
    # 46 characters, 3 sentences, 12 words, 12 of 12 syllables difficult.
    value = luong_nguyen_dinh(characters=46, sentences=3, words=12, difficult=12, syllables=12)
    assert value == pytest.approx(0.004 * 46 / 3 + 0.1905 * 46 / 12 + 2.7147 * 12 / 12 - 0.7295)
    assert value == pytest.approx(2.7767, abs=1e-4)
    with pytest.raises(ValueError):
        luong_nguyen_dinh(46, 0, 12, 12, 12)


def test_levels_have_vietnamese_labels() -> None:
    assert level_of(88.0) == ("easy", "dễ đọc")
    assert level_of(70.0) == ("easy", "dễ đọc")
    assert level_of(60.0) == ("medium", "trung bình")
    assert level_of(45.5) == ("hard", "khó")
    assert level_of(12.0) == ("very_hard", "rất khó")


def test_common_syllables_come_from_wordfreq_and_fold_tones() -> None:
    common = common_syllables()
    assert len(common) >= 990
    assert {"người", "được", "không", "của"} <= common
    assert "thẩm" not in common


def test_a_damaged_word_list_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vnpolicytext import disk_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    common_syllables.cache_clear()
    try:
        expected = common_syllables()  # built, then written
        (path,) = (tmp_path / "vnpolicytext").glob("common-syllables-*.marshal")
        for damaged in (b"\xff\xfe kh\xf4ng ph\xe1\xba\xa3i UTF-8", path.read_bytes()[:-5], b""):
            path.write_bytes(damaged)
            common_syllables.cache_clear()
            assert common_syllables() == expected
            sig = path.stem.rsplit("-", 1)[1]
            stored = disk_cache.load("common-syllables", COMMON_SYLLABLES, sig)  # written again, sound
            assert isinstance(stored, list) and frozenset(stored) == expected
    finally:
        common_syllables.cache_clear()


def test_the_word_list_cache_is_keyed_by_the_installed_wordfreq_version() -> None:
    from importlib.metadata import version

    from vnpolicytext.analyzers.readability import _wordfreq_version

    assert _wordfreq_version() == version("wordfreq")


def test_components_are_reported_beside_the_score() -> None:
    text = "Người dân nộp hồ sơ tại xã. Cán bộ xã nhận hồ sơ và hẹn ngày trả."
    r = vnpolicytext.analyze(text)
    read = r.readability
    assert read is not None
    assert read.sentences == 2 and read.syllables == 17 and read.words <= 17
    assert read.characters == sum(c.isalnum() for c in text)
    expected = luong_nguyen_dinh(read.characters, 2, read.words, read.difficult_syllables, 17)
    assert read.luong_nguyen_dinh == pytest.approx(expected, abs=1e-4)
    assert read.clarity_score is not None and 0 <= read.clarity_score <= 100
    assert (read.level_id, read.level) == level_of(read.clarity_score)
    assert set(read.clarity_components) >= {"sentence_length", "jargon", "passive"}
    assert sum(c.weight for c in read.clarity_components.values()) == pytest.approx(1.0, abs=1e-3)


def test_hard_text_scores_less_clear_than_plain_text() -> None:
    plain = (
        "Người dân nộp đơn tại xã. Cán bộ xã nhận đơn và hẹn ngày trả lời. "
        "Nếu thiếu giấy tờ, cán bộ sẽ gọi điện báo cho người dân."
    )
    hard = (
        "Nhằm quán triệt và triển khai thực hiện đồng bộ, kịp thời các chủ trương, cơ quan có thẩm quyền "
        "tiến hành thẩm định hồ sơ theo quy định tại khoản 2 Điều 15 và điểm b khoản 1 Điều 7 Nghị định số "
        "15/2020/NĐ-CP, hồ sơ không hợp lệ sẽ bị trả lại và không được xem xét giải quyết."
    )
    p, h = vnpolicytext.analyze(plain).readability, vnpolicytext.analyze(hard).readability
    assert p is not None and h is not None
    assert p.clarity_score is not None and h.clarity_score is not None
    assert h.clarity_score < p.clarity_score - 20
    assert p.level == "dễ đọc" and h.level in ("khó", "rất khó")
    assert h.cross_references >= 4 and p.cross_references == 0


def test_clarity_renormalises_missing_components() -> None:
    score, parts = clarity({"sentence_length": 18.8})
    assert score == 100.0 and parts["sentence_length"].weight == 1.0
    # two barriers present: their weights are rescaled to sum to 1 and the score is their weighted mean
    result = assess({"sentence_length": 30.0, "jargon": 3.0})
    assert result is not None
    w = BARRIERS["vocabulary"].weight / (BARRIERS["vocabulary"].weight + BARRIERS["length"].weight)
    expected = w * SCALES["jargon"].score(3.0) + (1 - w) * SCALES["sentence_length"].score(30.0)
    assert result.weighted == pytest.approx(expected, abs=0.01)
    assert result.score == pytest.approx(expected, abs=0.1) and result.capped_by is None
    assert sum(c.weight for c in result.components.values()) == pytest.approx(1.0, abs=1e-3)
    assert clarity({}) == (None, {})
