"""Terms explained in place: the detector (explained.py) and what jargon, glossary and the clarity score make
of it."""

import vnpolicytext
from vnpolicytext.document import Document
from vnpolicytext.explained import explanations

GLOSSED = (
    "Bà Lan muốn khiếu nại quyết định thu hồi đất của xã. "
    "Bà phải gửi đơn trong thời hiệu (khoảng thời gian luật cho phép khiếu nại), tính từ ngày nhận quyết định. "
    "Hết thời hiệu, xã có quyền không nhận đơn."
)
BARE = (
    "Bà Lan muốn khiếu nại quyết định thu hồi đất của xã. "
    "Bà phải gửi đơn trong thời hiệu, tính từ ngày nhận quyết định. "
    "Hết thời hiệu, xã có quyền không nhận đơn."
)


def _covering(text: str, phrase: str) -> str | None:
    doc = Document(text)
    start = doc.text.index(phrase)
    found = explanations(doc).covering(start, start + len(phrase))
    return None if found is None else found.kind


def _gloss(text: str, phrase: str) -> str:
    doc = Document(text)
    start = doc.text.index(phrase)
    found = explanations(doc).covering(start, start + len(phrase))
    assert found is not None
    return doc.text[found.gloss_start : found.gloss_end]


def test_a_gloss_in_brackets_explains_the_words_just_before_it() -> None:
    assert _covering(GLOSSED, "thời hiệu") == "gloss"
    assert _gloss(GLOSSED, "thời hiệu") == "khoảng thời gian luật cho phép khiếu nại"
    assert _covering(GLOSSED, "quyết định thu hồi đất") is None  # another sentence, not glossed
    text = "Ông Tâm được hoãn chấp hành hình phạt tù (chưa phải vào trại) vì đang nuôi con nhỏ."
    assert _covering(text, "chấp hành hình phạt") == "gloss"


def test_brackets_that_qualify_or_name_do_not_explain() -> None:
    text = (
        "Người nộp mang theo bản sao sổ hộ khẩu (nếu có), tờ khai (theo mẫu số 01) và giấy ủy quyền "
        "(trừ trường hợp tự nộp) đến Ủy ban nhân dân (UBND) xã (02 bộ)."
    )
    assert len(explanations(Document(text))) == 0


def test_a_sentence_that_says_what_a_term_is_explains_it() -> None:
    text = (
        "Thế chấp là việc dùng nhà, đất của mình để bảo đảm trả một khoản vay. "
        "Ngân hàng giữ giấy chứng nhận cho đến khi người vay trả hết nợ."
    )
    assert _covering(text, "Thế chấp") == "copula"
    assert _gloss(text, "Thế chấp").startswith("việc dùng nhà, đất")


def test_a_requirement_or_a_condition_is_not_a_definition() -> None:
    for text in (
        "Người khiếu nại phải là người có quyền lợi bị quyết định đó ảnh hưởng.",
        "Trường hợp người thụ lý là cán bộ mới thì trưởng phòng ký thay.",
        "Đây là lần thứ hai xã tổ chức tiếp dân trong tháng.",
        "Thời hạn bảo lãnh tối đa là 30 ngày kể từ ngày nộp đơn.",
        "Thời hạn thụ lý là 05 ngày làm việc.",
        "Việc thụ lý đơn là trách nhiệm của tòa án.",
    ):
        assert not [e for e in explanations(Document(text)).items if e.kind == "copula"], text


def test_tuc_la_in_the_sentence_and_nghia_la_in_the_next_one() -> None:
    text = "Anh Hùng bị tạm đình chỉ công tác, tức là tạm thời không được đến cơ quan làm việc."
    assert _covering(text, "tạm đình chỉ") == "marker"
    text = "Tòa án đã thụ lý vụ việc của bà. Nghĩa là tòa đã nhận đơn và sẽ giải quyết."
    assert _covering(text, "thụ lý") == "next_sentence"
    text = "Tòa án đã thụ lý vụ việc của bà. Ngày mai tòa sẽ gửi giấy báo."
    assert _covering(text, "thụ lý") is None


def test_jargon_leaves_out_a_term_explained_in_place_and_its_later_uses() -> None:
    glossed, bare = vnpolicytext.analyze(GLOSSED), vnpolicytext.analyze(BARE)
    assert glossed.jargon is not None and bare.jargon is not None
    terms = lambda r: {f.data["term"] for f in r.findings if f.rule == "jargon.legal"}  # noqa: E731
    assert "thời hiệu" in terms(bare) and "thời hiệu" not in terms(glossed)
    bare_top = {t.term: t.count for t in bare.jargon.top_terms}
    glossed_top = {t.term: t.count for t in glossed.jargon.top_terms}
    assert bare_top.get("thời hiệu") == 2 and "thời hiệu" not in glossed_top  # the later use is known too


def test_jargon_still_counts_a_term_explained_only_after_a_bare_use() -> None:
    text = (
        "Đơn phải gửi trong thời hiệu. Nhiều người không biết điều này. "
        "Thời hiệu là khoảng thời gian luật cho phép khiếu nại."
    )
    report = vnpolicytext.analyze(text)
    assert any(f.rule == "jargon.legal" and f.data["term"] == "thời hiệu" for f in report.findings)


def test_formulaic_wording_stays_jargon_when_glossed() -> None:
    text = "Xã sẽ triển khai thực hiện đồng bộ (làm cùng lúc ở mọi thôn) việc thu phí mới."
    bare = "Xã sẽ triển khai thực hiện đồng bộ việc thu phí mới."
    assert vnpolicytext.analyze(text).jargon.jargon_words == vnpolicytext.analyze(bare).jargon.jargon_words  # type: ignore[union-attr]


def test_glossary_counts_a_term_explained_at_its_first_use_as_defined_by_the_document() -> None:
    report = vnpolicytext.analyze(GLOSSED)
    assert report.glossary is not None
    term = next(t for t in report.glossary.terms if t.term == "thời hiệu")
    assert term.status == "defined" and term.explanation == "khoảng thời gian luật cho phép khiếu nại"
    assert not [f for f in report.findings if f.analyzer == "glossary" and "thời hiệu" in f.text]
    bare = vnpolicytext.analyze(BARE)
    assert bare.glossary is not None
    assert next(t for t in bare.glossary.terms if t.term == "thời hiệu").status != "defined"


def test_explaining_terms_in_place_lowers_the_vocabulary_barrier() -> None:
    glossed, bare = vnpolicytext.analyze(GLOSSED).readability, vnpolicytext.analyze(BARE).readability
    assert glossed is not None and bare is not None
    assert glossed.clarity_components["jargon"].value < bare.clarity_components["jargon"].value
    assert glossed.barriers["vocabulary"].score > bare.barriers["vocabulary"].score


def test_names_are_not_difficult_vocabulary() -> None:
    text = (
        "Ông Kowalski và bà Nguyễn Thị Hường đến phường Khương Trung để hỏi về học phí. "
        "Cán bộ phường trả lời ngay trong buổi sáng."
    )
    read = vnpolicytext.analyze(text).readability
    assert read is not None and read.difficult_share is not None
    # The research formula counts every syllable; the clarity measure only the words a reader must know.
    assert read.clarity_components["difficult_syllables"].value < read.difficult_share


def test_copula_found_from_its_la_is_what_the_pattern_finds() -> None:
    import random

    from vnpolicytext import explained as ex

    pieces = [
        "là", "Là", "LÀ", "làm", "xlà", "được", "hiểu", "được hiểu", "Được  hiểu", "có", "nghĩa", "có nghĩa",
        "CÓ NGHĨA", "tức", "Tức", " ", "  ", "\n", ",", "x", "1", "người", "hiểu là", "cóx", "xcó", "bên bảo lãnh",
    ]
    r = random.Random(69)
    texts = [
        "Bên bảo lãnh là bên cam kết thực hiện nghĩa vụ thay cho bên được bảo lãnh.",
        "Thời hiệu khởi kiện được hiểu là thời hạn mà chủ thể được quyền khởi kiện.",
        "Làm việc từ xa, tức là làm việc ngoài trụ sở cơ quan.",
        "Người có nghĩa vụ nộp thuế có nghĩa là người phải nộp.",
    ]
    texts += ["".join(r.choice(pieces) + r.choice(["", " ", "\t"]) for _ in range(r.randint(1, 14))) for _ in range(5000)]
    found = 0
    for text in texts:
        for start, end in ((0, len(text)), (2, len(text) - 2)):
            want = ex._COPULA.search(text, start, end)
            got = ex._copula(text, start, end)
            assert (got.span() if got else None) == (want.span() if want else None), (text, start, end)
            found += want is not None
    assert found > 2000
