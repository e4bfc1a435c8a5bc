"""extract_definitions: definitions articles, inline naming and abbreviations, with exact offsets.

Every text here is written for these tests in the style of a Vietnamese law; none is taken from a real one.
"""

from __future__ import annotations

import time
import unicodedata

import pydantic
import pytest

from vnpolicytext.definitions import Definition, extract_definitions

LAW = """LUẬT
QUẢN LÝ VƯỜN ƯƠM CÂY GIỐNG

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Luật này quy định về vườn ươm cây giống, quyền và nghĩa vụ của chủ vườn ươm.

Điều 2. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Vườn ươm là khu đất được dùng để gieo, ươm và chăm sóc cây giống trước khi đem trồng.
2. “Chủ vườn ươm” là tổ chức, cá nhân có quyền sử dụng hợp pháp vườn ươm.
3. Cây giống đầu dòng được hiểu là cây được chọn lọc để nhân giống cho các lứa sau.
4. Vật tư ươm cây bao gồm:
a) Đất, giá thể và phân bón;
b) Túi bầu, khay gieo hạt;
c) Thuốc bảo vệ thực vật được phép sử dụng.
5. Người trông vườn là người làm thuê là người được chủ vườn ươm thuê để trông coi vườn ươm.
6. Lô cây giống (sau đây gọi tắt là lô cây) là tập hợp cây giống cùng loại, cùng tuổi, được ươm cùng đợt.
7. Sổ theo dõi vườn ươm quy định tại Luật này gồm sổ giấy hoặc sổ điện tử ghi chép quá trình ươm cây.

Điều 3. Nguyên tắc quản lý vườn ươm
1. Vườn ươm phải được đăng ký với Ủy ban nhân dân (UBND) cấp xã nơi có vườn ươm.
2. Người trông vườn là người làm thuê được hưởng tiền công theo thỏa thuận.
"""


def by_kind(defs: list[Definition], kind: str) -> list[Definition]:
    return [d for d in defs if d.kind == kind]


def assert_offsets(text: str, defs: list[Definition]) -> None:
    for d in defs:
        assert text[d.term_start : d.term_end] == d.term
        assert text[d.definition_start : d.definition_end] == d.definition
        assert d.term == d.term.strip() and d.definition == d.definition.strip()


def test_article_terms_of_a_definitions_article() -> None:
    defs = extract_definitions(LAW)
    terms = [d.term for d in by_kind(defs, "article")]
    assert terms == [
        "Vườn ươm",
        "Chủ vườn ươm",  # the quotes are not part of the term
        "Cây giống đầu dòng",  # "được hiểu là"
        "Vật tư ươm cây",  # "bao gồm" with points a), b), c)
        "Người trông vườn là người làm thuê",  # a term holding "là", used as such elsewhere in the law
        "Lô cây giống",  # the "(sau đây gọi tắt là …)" is not part of the term
        "Sổ theo dõi vườn ươm",  # "quy định tại Luật này" is not part of the term
    ]
    assert_offsets(LAW, defs)


def test_article_definition_spans() -> None:
    arts = {d.term: d for d in by_kind(extract_definitions(LAW), "article")}
    assert arts["Vườn ươm"].definition == (
        "khu đất được dùng để gieo, ươm và chăm sóc cây giống trước khi đem trồng."
    )
    assert arts["Cây giống đầu dòng"].definition.startswith("cây được chọn lọc")
    # The definition runs over the points a), b), c) on the following lines, and no further.
    vat_tu = arts["Vật tư ươm cây"].definition
    assert vat_tu.startswith("a) Đất, giá thể và phân bón;\nb) Túi bầu")
    assert vat_tu.endswith("c) Thuốc bảo vệ thực vật được phép sử dụng.")
    assert "Người trông vườn" not in vat_tu
    assert arts["Người trông vườn là người làm thuê"].definition.startswith("người được chủ vườn ươm thuê")
    assert all(d.kind == "article" for d in arts.values())


def test_article_ends_at_the_next_article() -> None:
    arts = by_kind(extract_definitions(LAW), "article")
    end_of_article_2 = LAW.index("Điều 3.")
    assert all(d.definition_end <= end_of_article_2 for d in arts)
    assert not any(d.term.startswith("Vườn ươm phải") for d in arts)


def test_first_la_is_the_connective_when_the_longer_phrase_is_not_a_term() -> None:
    text = (
        "Điều 4. Giải thích từ ngữ\n"
        "1. Lao động là người làm việc là chính trong hộ gia đình.\n"
        "2. Người được coi là thành viên là người có tên trong sổ hộ gia đình.\n"
        "3. Bản sao là bản chụp từ bản chính.\n"
    )
    assert [d.term for d in extract_definitions(text)] == [
        "Lao động",
        "Người được coi là thành viên",
        "Bản sao",
    ]


def test_inline_naming() -> None:
    defs = extract_definitions(LAW)
    inline = by_kind(defs, "inline")
    assert [(d.term, d.definition) for d in inline] == [("lô cây", "Lô cây giống")]
    text = (
        "Quỹ hỗ trợ nông dân trồng rừng (gọi tắt là Quỹ) được thành lập ở cấp tỉnh. "
        "Hồ sơ gửi đến Ban quản lý dự án trồng rừng, sau đây viết tắt là Ban quản lý, trong 10 ngày. "
        "Ủy ban nhân dân xã, phường, thị trấn (sau đây gọi chung là “Ủy ban nhân dân cấp xã”) "
        "tiếp nhận hồ sơ."
    )
    got = [(d.term, d.definition) for d in extract_definitions(text) if d.kind == "inline"]
    assert got == [
        ("Quỹ", "Quỹ hỗ trợ nông dân trồng rừng"),
        ("Ban quản lý", "Ban quản lý dự án trồng rừng"),
        ("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân xã, phường, thị trấn"),
    ]
    assert_offsets(text, extract_definitions(text))


def test_abbreviations() -> None:
    text = (
        "Hồ sơ nộp tại Ủy ban nhân dân (UBND) cấp huyện. Người lao động đóng Bảo hiểm xã hội Việt Nam (BHXH) "
        "theo quy định của Bộ Lao động - Thương binh và Xã hội (BLĐTBXH). Văn bản do Thủ tướng (TTg) ký. "
        "Ông A vừa ký hợp đồng mới (ABC)."
    )
    abbr = {d.term: d.definition for d in by_kind(extract_definitions(text), "abbreviation")}
    assert abbr == {
        "UBND": "Ủy ban nhân dân",
        "BHXH": "Bảo hiểm xã hội Việt Nam",
        "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
        "TTg": "Thủ tướng",
    }
    assert "ABC" not in abbr  # the initials do not spell it
    assert by_kind(extract_definitions(LAW), "abbreviation")[0].term == "UBND"


def test_lettered_items_when_the_article_has_no_numbers() -> None:
    text = (
        "Điều 5. Định nghĩa\n"
        "a) Hạt giống là bộ phận của cây dùng để gieo trồng;\n"
        "b) Cây con có nghĩa là cây mới mọc từ hạt giống.\n"
        "Điều 6. Hiệu lực thi hành\n"
        "a) Quy định này là bắt buộc.\n"
    )
    assert [d.term for d in extract_definitions(text)] == ["Hạt giống", "Cây con"]


def test_items_introduced_inside_another_article() -> None:
    text = (
        "Điều 2. Đối tượng áp dụng và giải thích\n"
        "1. Luật này áp dụng đối với chủ vườn ươm.\n"
        "2. Trong Luật này, các từ ngữ dưới đây được hiểu như sau:\n"
        "a) Giống cây trồng là quần thể cây trồng cùng một cấp phân loại;\n"
        "b) Bầu ươm là túi đựng đất để ươm cây.\n"
        "3. Chính phủ quy định chi tiết Điều này.\n"
    )
    assert [d.term for d in extract_definitions(text)] == ["Giống cây trồng", "Bầu ươm"]


def test_abbreviation_article_with_colons() -> None:
    text = "Điều 3. Từ ngữ viết tắt\n1. VAC: vườn, ao, chuồng.\n2. HTX: hợp tác xã.\n\nChương II\nĐiều 4. X\n"
    arts = by_kind(extract_definitions(text), "article")
    assert [(d.term, d.definition) for d in arts] == [("VAC", "vườn, ao, chuồng."), ("HTX", "hợp tác xã.")]


def test_crlf_and_nfd_offsets_point_into_the_callers_string() -> None:
    crlf = LAW.replace("\n", "\r\n")
    defs = extract_definitions(crlf)
    assert [d.term for d in defs] == [d.term for d in extract_definitions(LAW)]
    assert_offsets(crlf, defs)
    vat_tu = next(d for d in defs if d.term == "Vật tư ươm cây")
    assert "\r\nb) Túi bầu" in vat_tu.definition
    nfd = unicodedata.normalize("NFD", LAW)
    nfd_defs = extract_definitions(nfd)
    assert_offsets(nfd, nfd_defs)
    assert [unicodedata.normalize("NFC", d.term) for d in by_kind(nfd_defs, "article")][:2] == [
        "Vườn ươm",
        "Chủ vườn ươm",
    ]


def test_news_text_has_no_definitions() -> None:
    news = (
        "Sáng nay, hàng trăm người dân đã đến xem hội chợ cây giống tại trung tâm huyện. "
        "Theo ban tổ chức, năm nay là năm đầu tiên hội chợ kéo dài ba ngày.\n\n"
        "1. Nhiều loại cây là hàng mới, được bán với giá phải chăng.\n"
        'Ông Minh cho biết: "Tôi là người trồng cây lâu năm, năm nào cũng đến đây."'
    )
    assert extract_definitions(news) == []
    assert extract_definitions("") == []


def test_sorted_frozen_and_documented() -> None:
    defs = extract_definitions(LAW)
    assert [d.term_start for d in defs] == sorted(d.term_start for d in defs)
    with pytest.raises(pydantic.ValidationError):
        defs[0].term = "khác"  # type: ignore[misc]
    assert all(f.description for f in Definition.model_fields.values())


def test_linear_time_on_a_large_input() -> None:
    item = "{n}. Cây giống loại {n} là cây được ươm trong vườn ươm (VƯ) theo quy trình chuẩn.\n"
    article = "Điều {k}. Giải thích từ ngữ\n" + "".join(item.format(n=i) for i in range(1, 31))
    small = "".join(article.format(k=k) for k in range(1, 21))
    large = "".join(article.format(k=k) for k in range(1, 201))
    t0 = time.perf_counter()
    assert len(by_kind(extract_definitions(small), "article")) == 600
    t1 = time.perf_counter()
    assert len(by_kind(extract_definitions(large), "article")) == 6000
    t2 = time.perf_counter()
    assert (t2 - t1) < 30 * max(t1 - t0, 0.01)  # ten times the text, nowhere near a hundred times the time


def test_inline_agency_names_are_not_cut_at_va() -> None:
    def inline(text: str) -> list[tuple[str, str]]:
        defs = extract_definitions(text)
        assert_offsets(text, defs)
        return [(d.term, d.definition) for d in by_kind(defs, "inline")]

    assert inline("Bộ Tài nguyên và Môi trường (sau đây gọi là Bộ) hướng dẫn thi hành Thông tư này.") == [
        ("Bộ", "Bộ Tài nguyên và Môi trường")
    ]
    assert inline("Sở Văn hóa, Thể thao và Du lịch (sau đây gọi tắt là Sở) chủ trì thực hiện.") == [
        ("Sở", "Sở Văn hóa, Thể thao và Du lịch")
    ]
    # Here "và" joins two clauses: the phrase is still cut there.
    assert inline(
        "Sở Tài chính cấp giấy phép và Ủy ban nhân dân tỉnh (sau đây gọi là Ủy ban) kiểm tra việc thực hiện."
    ) == [("Ủy ban", "Ủy ban nhân dân tỉnh")]
    # A lowercase word after "và" ends a clause, not a part of the name, when the match is a single word.
    assert inline("Bộ Tài chính kiểm tra và hướng dẫn thủ tục (sau đây gọi là Bộ).") == [
        ("Bộ", "hướng dẫn thủ tục")
    ]
    # A name that runs across a comma, matched on several words; the 25-syllable cap still holds.
    assert inline(
        "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương (sau đây gọi là Ủy ban nhân dân cấp tỉnh)."
    ) == [("Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương")]
    long_name = "Bộ " + " ".join(["Tài nguyên"] * 12) + " và Môi trường (sau đây gọi là Bộ) hướng dẫn."
    assert inline(long_name) == [("Bộ", "Môi trường")]


def test_rejects_text_that_is_not_a_str() -> None:
    with pytest.raises(TypeError, match=r"^extract_definitions\(\) takes the text as str, not NoneType$"):
        extract_definitions(None)  # type: ignore[arg-type]
    for data in (b"Ban", bytearray(b"Ban")):
        with pytest.raises(
            TypeError, match=r"not (bytes|bytearray) \(decode it first with vnpolicytext\.decode_bytes\)"
        ):
            extract_definitions(data)  # type: ignore[arg-type]


def test_connective_after_a_colon_is_not_part_of_the_definition() -> None:
    text = (
        "Điều 3. Giải thích từ ngữ\n"
        "1. Cây giống: là cây dùng để trồng.\n"
        "2. Vườn ươm: Là khu đất ươm cây.\n"
        "3. Bầu ươm: được hiểu là túi đựng đất.\n"
        "4. VAC: vườn, ao, chuồng.\n"
    )
    arts = by_kind(extract_definitions(text), "article")
    assert [(d.term, d.definition) for d in arts] == [
        ("Cây giống", "cây dùng để trồng."),
        ("Vườn ươm", "khu đất ươm cây."),
        ("Bầu ươm", "túi đựng đất."),
        ("VAC", "vườn, ao, chuồng."),
    ]
    assert_offsets(text, arts)


def test_working_copy_definitions_match_the_public_function() -> None:
    import unicodedata

    from vnpolicytext.document import Document

    text = unicodedata.normalize(
        "NFD",
        "Điều 2. Giải thích từ ngữ\n1. Phiếu hẹn là giấy ghi ngày trả kết quả.\nỦy ban nhân dân (UBND) xã.",
    )
    doc = Document(text)
    mine = doc.definitions
    public = extract_definitions(text)
    assert (
        [d.term for d in mine]
        == [unicodedata.normalize("NFC", d.term) for d in public]
        == ["Phiếu hẹn", "UBND"]
    )
    for d in mine:
        assert doc.text[d.term_start : d.term_end] == d.term


def _terms(text: str, kind: str = "article") -> dict[str, str]:
    return {d.term: d.definition for d in extract_definitions(text) if d.kind == kind}


def test_item_numbers_glued_to_the_term_still_open_items() -> None:
    text = (
        "Điều 3. Giải thích từ ngữ\n"
        "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:\n"
        "1.Hạ tầng số là hệ thống thiết bị phục vụ việc truyền dữ liệu.\n"
        "2..Dữ liệu mở là dữ liệu được công bố cho mọi người dùng lại.\n"
        "3.. Cổng dịch vụ là nơi cung cấp dịch vụ công trực tuyến.\n"
        "Điều 4. Nguyên tắc\n"
        "Giá vé là 1.000 đồng.\n"
    )
    terms = _terms(text)
    assert set(terms) == {"Hạ tầng số", "Dữ liệu mở", "Cổng dịch vụ"}
    assert terms["Dữ liệu mở"].startswith("dữ liệu được công bố")


def test_an_added_role_with_dong_thoi_is_not_part_of_the_term() -> None:
    text = (
        "Điều 2. Giải thích từ ngữ\n"
        "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:\n"
        "1. Phiếu đề nghị, đồng thời là phiếu theo dõi, gồm thông tin của người nộp và kết quả xử lý.\n"
        "2. Tổ hỗ trợ (đồng thời) là đầu mối tiếp nhận phản ánh của người dân.\n"
        "Điều 3. Hiệu lực\n"
        "Nghị định này có hiệu lực từ ngày ký.\n"
    )
    assert set(_terms(text)) == {"Phiếu đề nghị", "Tổ hỗ trợ"}


def test_a_window_cut_by_length_never_starts_inside_a_word() -> None:
    # eight words before "(ODA)" would start at "dụng", the second half of "sử dụng"
    text = "Các dự án được sử dụng vốn hỗ trợ phát triển chính thức (ODA) theo cam kết."
    [oda] = [d for d in extract_definitions(text) if d.term == "ODA"]
    assert oda.definition == "vốn hỗ trợ phát triển chính thức"
    # a long list named together: the cap on its length must not cut "nhà nước" in half
    text = (
        "Nhà nước khuyến khích cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội, tổ chức xã "
        "hội, tổ chức kinh tế, đơn vị vũ trang nhân dân (sau đây gọi chung là cơ quan, tổ chức) tham gia."
    )
    [named] = [d for d in extract_definitions(text) if d.kind == "inline"]
    assert named.term == "cơ quan, tổ chức"
    before = text[: named.definition_start].rstrip()
    assert not named.definition.startswith(("nước", "quan")) and before[-1:] in (",", "")


def test_an_abbreviation_named_by_ky_hieu_or_viet_tat_is_an_inline_definition() -> None:
    text = "1. Tiêu chuẩn ngành điện, ký hiệu là TCĐ, do Bộ Công Thương ban hành.\n2. Bảo hiểm nông nghiệp, viết tắt là BHNN, do Nhà nước hỗ trợ."
    found = {(d.kind, d.term, d.definition) for d in extract_definitions(text)}
    assert ("inline", "TCĐ", "Tiêu chuẩn ngành điện") in found
    assert ("inline", "BHNN", "Bảo hiểm nông nghiệp") in found
    # without "sau đây", a word that is not an abbreviation is not named this way
    assert extract_definitions("Bộ hồ sơ này, ký hiệu là hồ sơ gốc, được lưu tại Sở.") == []


def test_a_definition_item_that_opens_with_an_exception_or_scope_clause() -> None:
    text = (
        "Điều 3. Giải thích từ ngữ\n"
        "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:\n"
        "1. Trong Luật này, người điều khiển tàu là người trực tiếp lái tàu.\n"
        "2. Trừ trường hợp các bên có thỏa thuận khác, tạm dừng hợp đồng là việc một bên tạm thời không làm nghĩa vụ.\n"
        "Điều 4. Nguyên tắc\n"
        "Các bên tự nguyện."
    )
    terms = [(d.kind, d.term) for d in extract_definitions(text)]
    assert terms == [("article", "người điều khiển tàu"), ("article", "tạm dừng hợp đồng")]


def test_an_article_titled_with_a_term_it_defines_after_an_exception() -> None:
    text = (
        "Điều 40. Hủy bỏ đơn đặt hàng\n\n"
        "Trừ trường hợp có thỏa thuận khác, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn trước khi giao hàng.\n"
        "Điều 41. Giao hàng\n"
        "Giao hàng là việc bên bán chuyển hàng cho bên mua."
    )
    found = [(d.kind, d.term, d.definition) for d in extract_definitions(text)]
    assert found == [
        ("sentence", "hủy bỏ đơn đặt hàng", "việc bên mua chấm dứt đơn trước khi giao hàng")
    ]
    for d in extract_definitions(text):
        assert text[d.term_start : d.term_end] == d.term


def test_intro_lines_found_by_their_ending_are_those_the_pattern_finds() -> None:
    from vnpolicytext import definitions as de

    heads = [
        "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau",
        "Các chữ viết tắt trong Thông tư này được hiểu như sau",
        "Những thuật ngữ sau đây",
        "Từ ngữ viết tắt dưới đây",
        "Các từ viết tắt trong Quyết định được giải thích như sau",
        "Cụm từ “hộ kinh doanh” có nghĩa như sau",
        "Hồ sơ gồm các giấy tờ sau",
        "Người nộp hồ sơ đến sau",
        "Người dân nộp hồ sơ tại đây",
        "Các khoản phí được thu như sau đây",
        "Các trường hợp được miễn phí như sau, trừ trường hợp có quy định khác",
        "Chủ đầu tư phải làm như sau thì mới được nghiệm thu",
        "Điều 3. Giải thích từ ngữ",
    ]
    endings = ["", ":", " :", ": ", " :  ", "\t:", ":\t", "::", " ", "\u00a0:", ":\u2003", ".", ";", " :\u00a0\u00a0"]
    cased = [str.lower, str.upper, str.title, lambda s: s]
    checked = 0
    for head in heads:
        for ending in endings:
            for case in cased:
                line = "1. " + case(head) + ending
                for start in (0, 3):
                    assert de._intro(line, start, len(line)) == (de._INTRO.search(line, start, len(line)) is not None)
                    checked += 1
    assert sum(de._intro("a) " + h + ":", 0, len(h) + 3) for h in heads) >= 6  # both answers occur
    assert checked == len(heads) * len(endings) * len(cased) * 2


def test_bracketed_parts_of_a_span() -> None:
    from vnpolicytext.definitions import _bracketed

    text = "Hợp đồng (bằng văn bản (có công chứng)) và phụ lục) được lập (nếu có"
    assert _bracketed(text, 0, len(text)) == [(9, 39), (61, len(text))]
    assert _bracketed(text, 40, 60) == []  # a ")" with no "(" before it closes nothing
    assert _bracketed(text, 10, 30) == [(23, 30)]
    assert _bracketed("Không có ngoặc nào ở đây.", 0, 25) == []


def test_bare_naming_found_from_its_verbs_is_what_the_pattern_finds() -> None:
    import random

    from vnpolicytext import definitions as de

    pieces = [
        "Quy chuẩn kỹ thuật quốc gia", ", ký hiệu là QCVN", ", ký  hiệu là:", "ký hiệu", "sau đây", "Sau đây",
        "SAU ĐÂY", "được", "Được", "gọi", "gọi tắt là", "viết tắt là", "gọi chung là", "Gọi Tắt Là", "là", ",",
        ", ", ":", ".", ";", "(", ")", "\n", " ", "  ", "\t", "BHXH", "Bảo hiểm xã hội", "cơ quan", "gọix",
        "xgọi", "đượcgọi", "sau  đây\n", "được\t", "viết", "chung",
    ]
    r = random.Random(16)
    texts = [
        "Bảo hiểm xã hội Việt Nam, sau đây được gọi tắt là BHXH, có trách nhiệm chi trả.",
        "Quy chuẩn kỹ thuật quốc gia, ký hiệu là QCVN; tiêu chuẩn quốc gia, ký hiệu là TCVN.",
        "Ủy ban nhân dân cấp xã, gọi chung là cấp xã\nTrung tâm phục vụ hành chính công, viết tắt là TTPVHCC",
    ]
    texts += ["".join(r.choice(pieces) + r.choice(["", " "]) for _ in range(r.randint(1, 40))) for _ in range(3000)]
    found = 0
    for text in texts:
        want = [(m.span(), m.groupdict()) for m in de._INLINE_BARE.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in de._bare_matches(text)] == want, text
        found += len(want)
    assert found > 300


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("“Trừ trường hợp luật có quy định khác, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn.", True),
        ("  - TRONG phạm vi Điều này, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn.", True),
        ("Đối  với hàng nhập khẩu, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn.", True),
        ("Trongsuốt quá trình, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn.", False),
        ("Hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn trước khi giao hàng.", False),
        ("Bên mua, hủy bỏ đơn đặt hàng là việc bên mua chấm dứt đơn.", False),
    ],
)
def test_a_titled_definition_needs_its_opening_clause(body: str, found: bool) -> None:
    text = f"Điều 40. Hủy bỏ đơn đặt hàng\n{body}\nĐiều 41. Giao hàng\nBên bán giao hàng đúng hạn."
    kinds = [(d.kind, d.term) for d in extract_definitions(text)]
    assert kinds == ([("sentence", "hủy bỏ đơn đặt hàng")] if found else [])
