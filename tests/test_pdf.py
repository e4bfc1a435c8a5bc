"""PDF input: reading order, joined lines, running headers and page numbers dropped, pages of findings."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

import vnpolicytext
from vnpolicytext.formats import analyze_pdf
from vnpolicytext.formats.pdf import _breaks, _dedupe, _join, _Line, _order, _Piece, extract_pdf

from .doc_builders import (
    PDF_ACROSS,
    PDF_HEADER_LEFT,
    PDF_HEADER_RIGHT,
    PDF_HYPHENATED,
    PDF_ITEMS,
    PDF_PAGE2,
    PDF_PARAGRAPHS,
    PDF_RUNNING_HEADER,
    PDF_SUBTITLE,
    PDF_TITLE,
    notice_pdf,
    scanned_pdf,
)


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return notice_pdf(tmp_path_factory.mktemp("pdf") / "thong_bao.pdf")


def test_the_pdf_really_wraps_and_repeats(notice: Path) -> None:
    """The file is what the other tests assume: wrapped lines, headers and page numbers on every page."""
    with pdfplumber.open(notice) as pdf:
        raw = [page.extract_text() for page in pdf.pages]
    assert len(raw) == 2
    assert all(PDF_RUNNING_HEADER in text for text in raw)
    assert "Trang 1/2" in raw[0] and "Trang 2/2" in raw[1]
    assert PDF_PARAGRAPHS[0] not in raw[0]  # hard-wrapped over several lines
    assert PDF_HYPHENATED[0] in raw[1].splitlines()


def test_paragraphs_rebuilt_in_reading_order(notice: Path) -> None:
    ex = extract_pdf(notice)
    blocks = ex.text.split("\n\n")
    # the national header block is read column by column, one unit per line
    assert blocks[:6] == [*PDF_HEADER_LEFT, *PDF_HEADER_RIGHT]
    expected = [
        PDF_TITLE,
        PDF_SUBTITLE,
        *PDF_PARAGRAPHS,
        "Thành phần hồ sơ gồm:",
        *PDF_ITEMS,
        PDF_ACROSS,  # runs on from page 1 to page 2
        *PDF_PAGE2,
        "".join(PDF_HYPHENATED),  # "VNe-" + "ID": the hyphen is kept, no space
    ]
    assert blocks[6:] == expected
    assert ex.pages == 2


def test_headers_footers_and_page_numbers_dropped(notice: Path) -> None:
    ex = extract_pdf(notice)
    assert PDF_RUNNING_HEADER not in ex.text and "Trang" not in ex.text
    assert sorted(ex.dropped) == sorted([PDF_RUNNING_HEADER, PDF_RUNNING_HEADER, "Trang 1/2", "Trang 2/2"])


def test_findings_carry_their_page(notice: Path) -> None:
    result = analyze_pdf(notice)
    assert result.pages == 2 and len(result.locations) == len(result.report.findings)
    with pdfplumber.open(notice) as pdf:
        page_text = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    pages_seen = set()
    for f, loc in zip(result.report.findings, result.locations, strict=True):
        assert result.text[f.start : f.end] == f.text
        assert loc.page is not None and loc.end_page is not None
        if loc.page == loc.end_page:
            # the flagged words are on that page of the PDF, and their first letter is where the location says
            assert "".join(f.text.split()) in page_text[loc.page - 1], (f.rule, f.text)
            with pdfplumber.open(notice) as pdf:
                chars = pdf.pages[loc.page - 1].chars
            assert any(
                c["text"] == f.text[0] and abs(c["x0"] - loc.x) < 0.01 and abs(c["top"] - loc.top) < 0.01
                for c in chars
            )
        pages_seen.add(loc.page)
    assert pages_seen == {1, 2}
    by_text = {f.text: loc for f, loc in zip(result.report.findings, result.locations, strict=True)}
    assert by_text["được tiếp nhận"].page == 1
    passive_p2 = next(t for t in by_text if t.startswith("bị trả"))
    assert by_text[passive_p2].page == 2  # in the paragraph that started on page 1
    across = next(
        loc
        for f, loc in zip(result.report.findings, result.locations, strict=True)
        if f.rule.startswith("sentence_length") and f.text.startswith("Người dân có thể")
    )
    assert (across.page, across.end_page) == (1, 2) and across.label() == "pages 1-2"


def test_bytes_input_and_same_report_as_analyze(notice: Path) -> None:
    result = analyze_pdf(notice.read_bytes(), {"profile": "news"})
    assert result.report == vnpolicytext.analyze(result.text, config={"profile": "news"})
    assert result.text == extract_pdf(notice).text


def test_scanned_pdf_refused_with_a_vietnamese_message(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "ban_quet.pdf")
    with pytest.raises(vnpolicytext.InputError) as err:
        analyze_pdf(scan)
    message = str(err.value)
    assert "bản quét" in message and "OCR" in message and str(scan) in message


def test_not_a_pdf_or_damaged(tmp_path: Path) -> None:
    fake = tmp_path / "gia.pdf"
    fake.write_text("Thông báo tiếp nhận hồ sơ", encoding="utf-8")
    with pytest.raises(vnpolicytext.InputError, match="không phải tệp PDF"):
        extract_pdf(fake)
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    with pytest.raises(vnpolicytext.InputError, match="PDF"):
        extract_pdf(broken)


def test_join_rules() -> None:
    assert _join("đăng ký thường trú tại bộ", "phận một cửa") == (0, " ")
    assert _join("qua thư điện tử (e-", "mail)") == (0, "")  # a compound's hyphen stays
    assert _join("dịch COVID-", "19") == (0, "")
    assert _join("kinh tế -", "xã hội") == (0, " ")  # a spaced dash is not a broken word
    assert _join("thông tin cá nhân qua regis\u00ad", "tration") == (1, "")  # a soft hyphen goes


def test_characters_drawn_twice_are_kept_once() -> None:
    def char(text: str, x: float, top: float) -> dict[str, object]:
        return {"text": text, "x0": x, "x1": x + 5, "top": top, "bottom": top + 10}

    chars = [
        char("Đ", 10, 50),
        char("Đ", 10.4, 50.3),
        char("i", 15, 50),
        char("Đ", 40, 50),
        char("Đ", 10, 70),
    ]
    assert [(c["text"], c["x0"], c["top"]) for c in _dedupe(chars)] == [
        ("Đ", 10, 50),
        ("i", 15, 50),
        ("Đ", 40, 50),
        ("Đ", 10, 70),
    ]


def _row(*segments: tuple[str, float, float], top: float) -> list[_Line]:
    return [
        _Line(page=1, pieces=[_Piece(text, None)], x0=x0, x1=x1, top=top, bottom=top + 11, size=11)
        for text, x0, x1 in segments
    ]


def test_column_blocks_need_two_rows_at_line_spacing() -> None:
    rows = [
        _row(("ỦY BAN NHÂN DÂN", 70, 180), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 520), top=50),
        _row(("Độc lập - Tự do - Hạnh phúc", 330, 490), top=64),  # the right column only
        _row(("Số: 15/TB-UBND", 80, 170), ("An Phú, ngày 10 tháng 3 năm 2026", 320, 500), top=78),
        _row(("Kính gửi: các hộ gia đình", 70, 220), top=120),  # after a blank gap: not in the block
        _row(("Người dân nộp", 70, 160), ("hồ sơ tại xã.", 200, 290), top=140),  # a wide space, alone
    ]
    order = [ln.text for ln in _order(rows)]
    assert order == [
        "ỦY BAN NHÂN DÂN",
        "Số: 15/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Phú, ngày 10 tháng 3 năm 2026",
        "Kính gửi: các hộ gia đình",
        "Người dân nộp hồ sơ tại xã.",
    ]


def test_a_label_after_a_full_line_that_stops_mid_clause_is_a_wrap() -> None:
    def line(text: str, x1: float, top: float) -> _Line:
        chars = [{"x0": 70 + 6 * k, "x1": 76 + 6 * k} for k in range(len(text))]
        pieces = [_Piece(c, ch) for c, ch in zip(text, chars, strict=True)]
        return _Line(page=1, pieces=pieces, x0=70, x1=x1, top=top, bottom=top + 11, size=11)

    right = 520.0
    full_mid_clause = line("truyền dẫn phát sóng theo quy định tại Khoản 4", right, 100)
    full_item_end = line("a) Tờ khai thay đổi thông tin cư trú của người đề nghị;", right, 100)
    short = line("Điều 12. Phạm vi điều chỉnh", 260, 100)
    assert not _breaks(full_mid_clause, line("Điều 13 Nghị định này và theo phân công", 400, 114), right, 14)
    assert not _breaks(full_mid_clause, line("- xã hội khó khăn và đặc biệt khó khăn", 400, 114), right, 14)
    assert _breaks(full_item_end, line("b) Giấy tờ chứng minh chỗ ở hợp pháp;", 300, 114), right, 14)
    assert _breaks(short, line("1. Nghị định này quy định việc cấp phép", 400, 114), right, 14)
    assert not _breaks(full_item_end, line("trường hợp ở nhờ nhà người khác;", 300, 114), right, 14)
    assert _breaks(full_mid_clause, line("Điều 13 Nghị định này", 300, 140), right, 14)  # a wider gap
