"""The clarity level: one barrier at its hard end caps it; reading units; per-part scores; level words."""

import pytest

import vnpolicytext
from vnpolicytext import analyze_markup
from vnpolicytext.analyzers.readability import ReadabilitySummary
from vnpolicytext.clarity import BARRIERS, LEVEL_DESCRIPTIONS, SCALES, assess, level_of
from vnpolicytext.document import Document
from vnpolicytext.provisions import reading_units, sections

PLAIN = (
    "Từ ngày 1 tháng 7, người dân có thể đăng ký khai sinh cho con trên mạng. "
    "Bố hoặc mẹ chụp ảnh giấy chứng sinh và gửi lên cổng dịch vụ công. "
    "Cán bộ xã kiểm tra trong hai ngày. Sau đó, cán bộ gửi giấy khai sinh về nhà qua bưu điện."
)

# Everyday words, no reference, no passive: only the sentence is far too long.
ONE_LONG_SENTENCE = (
    "Gia đình nào có con nhỏ mới sinh mà muốn làm giấy khai sinh cho con thì bố hoặc mẹ mang theo giấy "
    "chứng sinh của bệnh viện, sổ hộ khẩu cũ nếu còn giữ, giấy tờ tùy thân của cả hai vợ chồng và tờ "
    "khai đã ghi đủ tên, ngày sinh, quê quán của con đến nhà văn hóa của thôn vào sáng thứ bảy hằng "
    "tuần để gặp cán bộ xã, người sẽ xem giấy tờ, ghi vào sổ và hẹn ngày trả giấy khai sinh cho gia đình."
)

# Short sentences, but almost every word is administrative jargon.
JARGON = (
    "Nhằm quán triệt chủ trương, cơ quan có thẩm quyền tiến hành thẩm định hồ sơ. "
    "Việc thụ lý được thực hiện theo thẩm quyền. "
    "Đối tượng thụ hưởng chính sách thực hiện nghĩa vụ tài chính theo quy định hiện hành."
)

# Short, plain sentences that each send the reader to another text.
REFERENCES = (
    "Người dân xem mẫu đơn ở khoản 2 Điều 5. "
    "Mức phí ghi ở điểm a khoản 1 Điều 7. "
    "Giấy tờ cần mang theo ghi ở khoản 3 Điều 9."
)

LAW = """Điều 12. Hồ sơ đề nghị cấp giấy phép
1. Hồ sơ đề nghị cấp giấy phép gồm:
a) Đơn đề nghị;
b) Bản sao giấy chứng nhận đăng ký;
c) Danh sách người lao động;
d) Bản vẽ mặt bằng nơi làm việc.
2. Hồ sơ nộp tại Sở Xây dựng.
Điều 13. Thời hạn cấp giấy phép
Sở Xây dựng cấp giấy phép trong 10 ngày làm việc kể từ ngày nhận đủ hồ sơ."""


def _read(text: str) -> ReadabilitySummary:
    read = vnpolicytext.analyze(text).readability
    assert read is not None and read.clarity_score is not None
    return read


def test_plain_text_is_easy_and_not_capped() -> None:
    read = _read(PLAIN)
    assert read.level_id == "easy" and read.capped_by is None
    assert read.level_description == LEVEL_DESCRIPTIONS["easy"]
    assert read.clarity_score == pytest.approx(read.weighted_score, abs=1.0)


def test_one_very_long_sentence_caps_the_level_whatever_the_words() -> None:
    read = _read(ONE_LONG_SENTENCE)
    assert read.barriers["length"].score == 0  # past the hard end
    assert read.barriers["vocabulary"].score > 60 and read.barriers["references"].score == 100
    assert read.capped_by == "length"
    assert read.weighted_score is not None and read.weighted_score > read.clarity_score + 10
    assert read.level_id == "very_hard"


def test_dense_jargon_caps_the_level_in_short_sentences() -> None:
    read = _read(JARGON)
    assert read.barriers["length"].score > 80
    assert read.barriers["vocabulary"].score < 25
    assert read.capped_by == "vocabulary"
    assert read.level_id in ("hard", "very_hard")


def test_references_alone_keep_a_text_out_of_easy() -> None:
    read = _read(REFERENCES)
    assert read.barriers["references"].score == 0
    assert read.barriers["length"].score > 90
    assert read.capped_by == "references"
    assert read.level_id != "easy"


@pytest.mark.parametrize("barrier", list(BARRIERS))
def test_each_barrier_at_its_hard_end_caps_the_level(barrier: str) -> None:
    clear = {m: scale.clear for m, scale in SCALES.items()}
    hard = {m: scale.hard for m, scale in SCALES.items()}
    measures = clear | {m: hard[m] for m in BARRIERS[barrier].measures}
    result = assess(measures)
    assert result is not None and result.capped_by == barrier
    assert result.weighted > 60  # the other barriers are perfect ...
    assert result.level[0] != "easy"  # ... and still the level is not 'dễ đọc'
    assert result.score <= BARRIERS[barrier].cap
    assert level_of(result.score) == result.level


def test_score_rises_with_any_barrier_even_when_capped() -> None:
    base = {"sentence_length": 70.0, "sentence_length_weighted": 95.0, "jargon": 6.0, "passive": 0.2}
    capped = assess(base)
    better = assess(base | {"jargon": 2.0})
    assert capped is not None and better is not None and capped.capped_by == "length"
    assert better.score > capped.score


def test_a_provision_is_one_reading_unit() -> None:
    doc = Document(LAW)
    units = reading_units(doc.units, doc.labels)
    provision = next(u for u in units if u.is_provision)
    texts = [doc.units[i].text for i in provision.units]
    assert texts[0].startswith("1. Hồ sơ") and texts[-1].startswith("d) Bản vẽ")
    assert not any(doc.units[i].text.startswith("2.") for i in provision.units)  # the next khoản is apart
    summary = vnpolicytext.analyze(LAW).sentence_length
    assert summary is not None and summary.provisions == 1
    assert summary.reading_units == len(units) == 3
    assert summary.mean_reading_unit_syllables > summary.mean_syllables
    assert summary.weighted_reading_unit_syllables >= summary.mean_reading_unit_syllables


def test_sections_split_at_articles() -> None:
    doc = Document(LAW)
    parts = sections(doc.units, doc.labels)
    assert [doc.units[p.first].text.split(".")[0] for p in parts] == ["Điều 12", "Điều 13"]
    assert parts[0].last + 1 == parts[1].first and parts[-1].last == len(doc.units) - 1


def test_parts_carry_their_own_scores_and_exact_offsets() -> None:
    read = _read(LAW + "\n" + ONE_LONG_SENTENCE)
    units = [p for p in read.parts if p.kind == "reading_unit"]
    secs = [p for p in read.parts if p.kind == "section"]
    assert len(units) == 4 and len(secs) == 2
    text = LAW + "\n" + ONE_LONG_SENTENCE
    assert text[units[-1].start : units[-1].end] == ONE_LONG_SENTENCE
    assert units[-1].level_id == "very_hard" and units[-1].capped_by == "length"
    assert min(p.clarity_score for p in units) < read.clarity_score < max(p.clarity_score for p in units)
    assert all((p.level_id, p.level) == level_of(p.clarity_score) for p in read.parts)
    assert read.hard_share is not None and read.hard_share > 0.5  # most syllables are in the long sentence


MIXED = (
    "Người dân nộp hồ sơ tại UBND xã. UBND xã kiểm tra hồ sơ trong ba ngày. Nếu hồ sơ đủ, UBND xã cấp "
    "giấy chứng nhận quyền sử dụng đất. Giấy chứng nhận được trao tại trụ sở xã. Nhà ở là tài sản gắn "
    "liền với đất theo quy định tại khoản 2 Điều 5 của Luật Đất đai."
)


# The same notice twice: with abbreviations every adult knows, and with ones only insiders can decode.
EVERYDAY_ABBREVIATIONS = (
    "Con chị Hoa học lớp 9 ở trường THCS của xã. Năm sau em thi vào lớp 10 THPT. Chị mang CCCD và thẻ "
    "BHYT của con đến UBND xã để làm giấy xác nhận."
)
INSIDER_ABBREVIATIONS = (
    "Con chị Hoa học lớp 9 ở trường PTDTBT của xã. Năm sau em thi vào lớp 10 GDTX. Chị mang CCCD và thẻ "
    "BHYT của con đến TTPVHCC xã để làm giấy xác nhận."
)


def test_abbreviations_every_adult_knows_are_reported_but_do_not_lower_the_score() -> None:
    everyday = vnpolicytext.analyze(EVERYDAY_ABBREVIATIONS)
    insider = vnpolicytext.analyze(INSIDER_ABBREVIATIONS)
    reported = {f.text for f in everyday.findings if f.rule == "abbreviation.undefined"}
    assert {"THCS", "THPT", "UBND"} <= reported  # khoản 4 Điều 69: still to be written out at first use
    read_everyday, read_insider = _read(EVERYDAY_ABBREVIATIONS), _read(INSIDER_ABBREVIATIONS)
    assert read_everyday.clarity_components["undefined"].value == 0
    assert read_insider.clarity_components["undefined"].value > 0
    assert read_everyday.barriers["vocabulary"].score > read_insider.barriers["vocabulary"].score
    assert read_everyday.clarity_score is not None and read_insider.clarity_score is not None
    assert read_everyday.clarity_score > read_insider.clarity_score
    assert insider.abbreviation is not None and insider.abbreviation.widely_known_unexplained == 2  # CCCD, BHYT


@pytest.mark.parametrize(
    "text", [PLAIN, JARGON, REFERENCES, MIXED, ONE_LONG_SENTENCE, EVERYDAY_ABBREVIATIONS, INSIDER_ABBREVIATIONS]
)
def test_a_text_of_one_section_scores_as_its_section(text: str) -> None:
    read = _read(text)
    (section,) = [p for p in read.parts if p.kind == "section"]
    assert section.clarity_score == read.clarity_score and section.level == read.level


def test_part_offsets_follow_markup() -> None:
    source = (
        f"<h1>Thông báo</h1>\n<p>{PLAIN}</p>\n<p><b>{ONE_LONG_SENTENCE[:40]}</b>{ONE_LONG_SENTENCE[40:]}</p>"
    )
    read = analyze_markup(source, "html").readability
    assert read is not None
    last = [p for p in read.parts if p.kind == "reading_unit"][-1]
    assert source[last.start :].startswith(ONE_LONG_SENTENCE[:10])
    assert source[last.end - 10 : last.end] == ONE_LONG_SENTENCE[-10:]


def test_level_words_in_text_and_html_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vnpolicytext.cli import main

    path = tmp_path / "thong_bao.txt"
    path.write_text(PLAIN, encoding="utf-8")
    out = tmp_path / "out.html"
    assert main(["analyze", str(path), "--format", "html", "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert LEVEL_DESCRIPTIONS["easy"] in html and "không dùng để xếp mức" in html


def test_text_report_keeps_the_research_measure_apart(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from vnpolicytext.cli import main

    path = tmp_path / "thong_bao.txt"
    path.write_text(PLAIN, encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    level = next(x for x in lines if x.strip().startswith("level:"))
    assert LEVEL_DESCRIPTIONS["easy"] in level and "Luong" not in level
    assert any("research measure" in x and "Luong-Nguyen-Dinh" in x for x in lines)


def test_every_measure_belongs_to_one_barrier() -> None:
    from vnpolicytext.clarity import SCALES

    owners = [name for b in BARRIERS.values() for name in b.measures]
    assert sorted(owners) == sorted(SCALES)
    assert sum(b.weight for b in BARRIERS.values()) == pytest.approx(1.0)


# The same three legal terms, each explained where it is used (a gloss in brackets, "…, nghĩa là …"), or not.
EXPLAINED_TERMS = (
    "Bà có thể khiếu nại trong thời hiệu (khoảng thời gian luật cho phép khiếu nại), tức 90 ngày kể từ ngày "
    "nhận quyết định. Người khiếu nại phải có năng lực hành vi dân sự, nghĩa là tự mình làm được việc khiếu "
    "nại. Khi tòa án thụ lý (nhận đơn để giải quyết), tòa gửi giấy báo cho bà."
)
BARE_TERMS = (
    "Bà có thể khiếu nại trong thời hiệu 90 ngày kể từ ngày nhận quyết định. Người khiếu nại phải có năng "
    "lực hành vi dân sự. Khi tòa án thụ lý, tòa gửi giấy báo cho bà."
)


def test_terms_explained_in_place_do_not_hold_the_level_down() -> None:
    explained, bare = _read(EXPLAINED_TERMS), _read(BARE_TERMS)
    assert bare.capped_by == "vocabulary" and bare.level_id != "easy"
    assert explained.capped_by is None and explained.level_id == "easy"
    assert explained.barriers["vocabulary"].score > bare.barriers["vocabulary"].score + 30
