import json
import unicodedata
from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext import ConfigError, InputError, VnPolicyTextError

from .conftest import NOTICE, assert_offsets

ROOT = Path(__file__).resolve().parents[1]


def test_report_has_sentences_and_summaries(notice_report: vnpolicytext.Report) -> None:
    r = notice_report
    assert r.profile == "citizen"
    assert r.sentences[0].text == "THÔNG BÁO" and r.sentences[0].kind == "heading"
    assert any(s.kind == "list_item" and s.text.startswith("1. Người cao tuổi") for s in r.sentences)
    assert r.text.scorable and r.text.syllables == sum(s.syllables for s in r.sentences)
    assert r.sentence_length is not None and r.sentence_length.max_syllables > 20
    assert r.readability is not None and r.readability.luong_nguyen_dinh is not None
    assert_offsets(NOTICE, r)


def test_json_round_trip(notice_report: vnpolicytext.Report) -> None:
    dumped = notice_report.model_dump_json()
    assert vnpolicytext.Report.model_validate_json(dumped) == notice_report


def test_published_schema_is_up_to_date() -> None:
    committed = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    assert committed == vnpolicytext.report_schema(), "run `make schema` to refresh docs/report.schema.json"


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("bà con", "bà con 👵🏻").replace("xã như", "xã\u200b như"),
        lambda t: t.replace(" ", "\u00a0", 5),
        lambda t: "\ufeff" + t.replace("hồ sơ", "ho\u0302\u0300 so\u031b"),
        lambda t: t.replace(" ", "  ", 40).replace("thẻ", "th\u1ebb"),
    ],
    ids=["nfd", "crlf", "emoji-zwsp", "nbsp", "bom-combining", "double-spaces"],
)
def test_offsets_are_exact_on_awkward_input(variant) -> None:  # type: ignore[no-untyped-def]
    text = variant(NOTICE)
    report = vnpolicytext.analyze(text)
    assert_offsets(text, report)
    plain = vnpolicytext.analyze(NOTICE)
    assert [s.syllables for s in report.sentences] == [s.syllables for s in plain.sentences]
    # spacing errors are a finding of their own (text.spacing); every other finding is the same
    spaces = [f for f in report.findings if f.rule == "text.spacing"]
    assert all(f.text.strip(" ") == "" and len(f.text) >= 2 for f in spaces if f.data["kind"] == "runs")
    if "  " in text.replace("\r\n", "\n"):
        assert spaces
    found = [f for f in report.findings if f.rule != "text.spacing"]
    assert [f.rule for f in found] == [f.rule for f in plain.findings]
    # the same passages are flagged: compared on their normalised form, independently of the offsets
    assert [squash(f.text) for f in found] == [squash(f.text) for f in plain.findings]
    assert [squash(s.text) for s in report.sentences] == [squash(s.text) for s in plain.sentences]


def squash(text: str) -> str:
    """NFC, without zero-width characters, BOM and emoji, every run of spaces one space."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if c not in "\u200b\ufeff" and unicodedata.category(c) not in ("So", "Sk"))
    return " ".join(text.split())


def test_line_and_column_follow_the_original_line_breaks() -> None:
    text = "Dòng đầu tiên.\r\nCâu thứ hai nằm ở dòng hai và khá dài."
    limits = {"long": 5, "very_long": 50, "item_long": 5, "item_very_long": 50}
    r = vnpolicytext.analyze(text, config={"sentence_length": limits})
    [f] = [f for f in r.findings if f.rule == "sentence_length.long"]
    assert (f.line, f.column) == (2, 1)
    assert f.text == "Câu thứ hai nằm ở dòng hai và khá dài."


@pytest.mark.parametrize("bad", [None, 42, ["văn bản"], b"van ban"])
def test_non_str_input_is_a_type_error_that_says_what_to_pass(bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        vnpolicytext.analyze(bad)  # type: ignore[arg-type]


def test_bytes_hint_points_to_decode_bytes() -> None:
    with pytest.raises(TypeError, match="decode_bytes"):
        vnpolicytext.analyze("Thông báo".encode())  # type: ignore[arg-type]


def test_decode_bytes() -> None:
    assert vnpolicytext.decode_bytes("\ufeffThông báo".encode()) == "Thông báo"
    assert vnpolicytext.decode_bytes("Thông báo".encode("utf-16")) == "Thông báo"
    with pytest.raises(InputError, match=r"thong_bao.txt: not valid UTF-8 .*offset 2"):
        vnpolicytext.decode_bytes("Thông báo".encode("cp1258"), source="thong_bao.txt")
    assert issubclass(InputError, VnPolicyTextError)


@pytest.mark.parametrize("empty", ["", "   ", "\n\r\n\t \u00a0\u200b"])
def test_empty_text_gives_an_empty_report(empty: str) -> None:
    r = vnpolicytext.analyze(empty)
    assert r.sentences == [] and r.findings == []
    assert r.text.syllables == 0 and not r.text.scorable
    assert r.readability is None or r.readability.luong_nguyen_dinh is None
    assert r.sentence_length is not None and r.sentence_length.sentences == 0


def test_one_word_text() -> None:
    r = vnpolicytext.analyze("Kính gửi")
    assert len(r.sentences) == 1 and r.sentences[0].syllables == 2
    assert r.sentence_length is not None and r.sentence_length.max_syllables == 2
    assert [f for f in r.findings if f.analyzer == "sentence_length"] == []


def test_unknown_config_key_and_rule_are_named() -> None:
    with pytest.raises(ConfigError, match="unknown configuration key: profil"):
        vnpolicytext.analyze("Câu.", config={"profil": "legal"})
    with pytest.raises(ConfigError, match=r"passive\.shrot"):
        vnpolicytext.analyze("Câu.", config={"rules": {"passive.shrot": "off"}})
    with pytest.raises(ConfigError, match="profile"):
        vnpolicytext.analyze("Câu.", config={"profile": "lawyer"})


def test_large_input_keeps_every_unit() -> None:
    para = (
        "Người dân nộp hồ sơ tại bộ phận một cửa của xã. "
        "Cán bộ tiếp nhận kiểm tra giấy tờ và hẹn ngày trả kết quả.\n\n"
    )
    small = vnpolicytext.analyze(para * 5)
    large = vnpolicytext.analyze(para * 200)
    assert len(large.sentences) == 40 * len(small.sentences)
    assert large.sentences[-1].end == len((para * 200).rstrip())
