"""Word input: extracted text in document order, list labels as Word renders them, exact finding locations."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import vnpolicytext
from vnpolicytext.formats import analyze_docx
from vnpolicytext.formats.docx import extract_docx
from vnpolicytext.formats.numbering import bullet_text, format_number

from .doc_builders import LONG_ITEM, WRAPPED, add_instance, add_list, legal_draft, numbered


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return legal_draft(tmp_path_factory.mktemp("docx") / "du_thao.docx")


def body_paragraphs(path: Path) -> list[str]:
    """Every body paragraph's text in document order, table cells included (python-docx's own reading)."""
    d = docx.Document(str(path))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in d.element.body.iter(qn("w:p"))]


def test_labels_rendered_as_word_numbers_them(draft: Path) -> None:
    labels = {p.text: p.label for p in extract_docx(draft).paragraphs}
    assert labels["QUY ĐỊNH CHUNG"] == "Chương I. "
    assert labels["TỔ CHỨC THỰC HIỆN"] == "Chương II. "
    assert labels["Phạm vi điều chỉnh"] == "Điều 1. "
    assert labels["Trách nhiệm tiếp nhận"] == "Điều 2. "
    assert labels["Hiệu lực thi hành"] == "Điều 3. "
    assert labels["Hồ sơ được tiếp nhận trong giờ hành chính."] == "1. "
    assert labels["Cán bộ tiếp nhận kiểm tra hồ sơ như sau:"] == "2. "
    assert labels["Kiểm tra thành phần hồ sơ;"] == "a) "
    assert labels["Ghi giấy biên nhận cho người nộp;"] == "b) "
    assert labels[LONG_ITEM] == "c) "
    assert labels["Hẹn ngày trả kết quả."] == "- "
    # a new article restarts its clauses; a new list instance with a start override restarts too
    assert labels["Quyết định này có hiệu lực từ ngày ký."] == "1. "
    assert labels["Văn phòng UBND xã theo dõi việc thực hiện."] == "1. "
    assert labels["QUYẾT ĐỊNH"] == ""


def test_text_in_document_order_without_header_footer_deleted_or_hidden_text(draft: Path) -> None:
    ex = extract_docx(draft)
    blocks = ex.text.split("\n\n")
    assert blocks[:5] == [
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế tiếp nhận hồ sơ tại bộ phận một cửa",
        "Chương I. QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
    ]
    assert "a) Kiểm tra thành phần hồ sơ;" in blocks
    # hyperlink text and a tracked insertion are read; a tracked deletion and hidden text are not
    assert "Người dân tra cứu kết quả trên Cổng Dịch vụ công quốc gia." in blocks
    for left_out in ("Dự thảo lần 2", "Trang 1", "trang cũ", "ghi chú ẩn"):
        assert left_out not in ex.text
    # table cells row by row, each cell a paragraph
    i = blocks.index("Thành phần hồ sơ")
    assert blocks[i : i + 6] == [
        "Thành phần hồ sơ",
        "Số lượng",
        "Tờ khai đăng ký thường trú",
        "01 bản chính",
        "Giấy tờ chứng minh chỗ ở đã được chứng thực",
        "01 bản sao",
    ]
    assert blocks[-1] == "Chủ tịch UBND xã ký ban hành."


def test_every_character_maps_back_to_its_paragraph(draft: Path) -> None:
    ex = extract_docx(draft)
    originals = body_paragraphs(draft)
    chars = ex.locator.chars
    for p in ex.paragraphs:
        assert ex.text[p.start : p.body_start] == p.label
        assert ex.text[p.body_start : p.body_start + len(p.text)] == p.text
        for k in range(p.start, p.body_start):
            assert (chars.paragraph[k], chars.offset[k], chars.in_label[k]) == (p.index, 0, True)
        for k in range(len(p.text)):
            pos = p.body_start + k
            assert (chars.paragraph[pos], chars.offset[pos], chars.in_label[pos]) == (p.index, k, False)
        if "Cổng Dịch vụ công" not in p.text:  # python-docx leaves hyperlinks and tracked changes aside
            assert originals[p.index] == p.text
    assert originals[3] == "" and all(p.index != 3 for p in ex.paragraphs)  # the empty paragraph counts


def test_finding_locations_are_exact(draft: Path) -> None:
    result = analyze_docx(draft)
    originals = body_paragraphs(draft)
    assert result.text == extract_docx(draft).text
    assert len(result.locations) == len(result.report.findings) > 0
    checked = 0
    for f, loc in zip(result.report.findings, result.locations, strict=True):
        assert result.text[f.start : f.end] == f.text
        assert (loc.text_start, loc.text_end) == (f.start, f.end)
        assert loc.paragraph is not None and loc.offset is not None
        if not loc.in_label and loc.paragraph == loc.end_paragraph:
            assert originals[loc.paragraph][loc.offset : loc.end_offset] == f.text
            checked += 1
    assert checked >= 5

    by_text = {f.text: loc for f, loc in zip(result.report.findings, result.locations, strict=True)}
    cliche = by_text["quán triệt và triển khai"]  # across a bold run and a plain one
    para = originals.index(
        "Quy chế này quy định cách cán bộ xã nhận hồ sơ của người dân. "
        "Cán bộ một cửa phải quán triệt và triển khai thực hiện ngay."
    )
    assert cliche.paragraph == para and cliche.table is None
    assert cliche.offset == originals[para].index("quán triệt")

    cell = by_text["được chứng thực"]
    assert (cell.table, cell.row, cell.column) == (0, 2, 0)
    assert cell.paragraph == originals.index("Giấy tờ chứng minh chỗ ở đã được chứng thực")
    assert cell.offset == "Giấy tờ chứng minh chỗ ở đã được chứng thực".index("được chứng thực")
    assert cell.label() == f"paragraph {cell.paragraph + 1}, table 1 row 3 column 1, char {cell.offset + 1}"


def test_finding_on_a_list_label_and_across_paragraphs(draft: Path) -> None:
    result = analyze_docx(draft)
    pairs = list(zip(result.report.findings, result.locations, strict=True))
    item = next(loc for f, loc in pairs if f.rule.startswith("sentence_length") and f.text.startswith("c) "))
    assert item.in_label and item.offset == 0
    assert item.paragraph == item.end_paragraph == body_paragraphs(draft).index(LONG_ITEM)
    assert item.end_offset == len(LONG_ITEM)

    wrapped = next(
        loc for f, loc in pairs if f.rule.startswith("sentence_length") and f.text.startswith(WRAPPED[0])
    )
    first = body_paragraphs(draft).index(WRAPPED[0])
    assert (wrapped.paragraph, wrapped.offset) == (first, 0)
    assert (wrapped.end_paragraph, wrapped.end_offset) == (first + 1, len(WRAPPED[1]))


def test_bytes_and_path_give_the_same_result(draft: Path) -> None:
    by_path = analyze_docx(draft)
    by_bytes = analyze_docx(draft.read_bytes(), {"profile": "citizen"})
    assert by_bytes.text == by_path.text and by_bytes.locations == by_path.locations
    assert [f.rule for f in by_bytes.report.findings] == [f.rule for f in by_path.report.findings]


def test_report_matches_analyze_on_the_extracted_text(draft: Path) -> None:
    result = analyze_docx(draft, {"profile": "legal"})
    assert result.report == vnpolicytext.analyze(result.text, config={"profile": "legal"})
    assert result.report.profile == "legal"


def test_restart_rules_and_legal_numbering(tmp_path: Path) -> None:
    d = docx.Document()
    levels = (("upperRoman", "%1.", "space"), ("lowerLetter", "%1.%2", "space"))
    plain = add_list(d, 91, levels)
    numbered(d, "Phần thứ nhất", plain, 0)
    numbered(d, "mục một", plain, 1)
    numbered(d, "mục hai", plain, 1)
    numbered(d, "Phần thứ hai", plain, 0)
    numbered(d, "mục ba", plain, 1)
    second = add_instance(d, 91)  # same abstract list, no override: numbering continues
    numbered(d, "Phần thứ ba", second, 0)
    path = tmp_path / "so.docx"
    d.save(str(path))
    labels = [p.label for p in extract_docx(path).paragraphs]
    assert labels == ["I. ", "I.a ", "I.b ", "II. ", "II.a ", "III. "]


def test_number_formats() -> None:
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40, 1994)] == [
        "I", "IV", "IX", "XIV", "XL", "MCMXCIV",
    ]  # fmt: skip
    assert [format_number(n, "lowerLetter") for n in (1, 4, 26, 27, 28)] == ["a", "d", "z", "aa", "bb"]
    assert format_number(7, "decimalZero") == "07" and format_number(3, "none") == ""
    assert bullet_text("\uf0b7") == "•" and bullet_text("-") == "-" and bullet_text("") == "•"


def test_not_a_word_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    old = tmp_path / "cu.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an old binary .doc renamed
    with pytest.raises(vnpolicytext.InputError, match=r"không phải tệp Word \.docx"):
        extract_docx(old)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(vnpolicytext.InputError, match="không đọc được tệp Word"):
        extract_docx(broken)
    with pytest.raises(vnpolicytext.InputError, match="không tìm thấy"):
        extract_docx(tmp_path / "khong_co.docx")


def test_text_boxes_left_out_but_counted_in_paragraph_indexes(tmp_path: Path) -> None:
    from .doc_builders import add_raw_runs

    d = docx.Document()
    d.add_paragraph("THÔNG BÁO")
    holder = d.add_paragraph("Lịch tiếp công dân của phường.")
    add_raw_runs(
        holder,
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Hộp chữ trang trí</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
    )
    d.add_paragraph("Hồ sơ đã được tiếp nhận sẽ được trả kết quả sau ba ngày.")
    path = tmp_path / "hop_chu.docx"
    d.save(str(path))
    result = analyze_docx(path)
    assert "Hộp chữ" not in result.text
    originals = body_paragraphs(path)
    assert originals[2] == "Hộp chữ trang trí"  # python-docx's order: the text box's paragraph comes next
    loc = next(
        loc
        for f, loc in zip(result.report.findings, result.locations, strict=True)
        if f.text == "được tiếp nhận"
    )
    assert loc.paragraph == 3 and originals[3][loc.offset :].startswith("được tiếp nhận")
