"""Small Word and PDF files built in the tests, with Vietnamese notices written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A legal draft's numbering: "Điều 1." / "1." / "a)" / "-", and "Chương I" on a list of its own.
ARTICLE_LEVELS = (
    ("decimal", "Điều %1.", "space"),
    ("decimal", "%2.", "space"),
    ("lowerLetter", "%3)", "space"),
    ("bullet", "-", "space"),
)


def _abstract_xml(abstract_id: int, levels: tuple[tuple[str, str, str], ...]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, suff) in enumerate(levels)
    )
    return f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def add_list(document: Any, abstract_id: int, levels: tuple[tuple[str, str, str], ...]) -> int:
    """Define an abstract list and one instance of it; returns the instance's numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_abstract_xml(abstract_id, levels)))
    return add_instance(document, abstract_id)


def add_instance(document: Any, abstract_id: int, restart_level: int | None = None) -> int:
    """Another numId of an abstract list; with `restart_level`, that level starts again at 1."""
    numbering = document.part.numbering_part.element
    num_id = 100 + len(numbering.findall(qn("w:num")))
    override = (
        ""
        if restart_level is None
        else f'<w:lvlOverride w:ilvl="{restart_level}"><w:startOverride w:val="1"/></w:lvlOverride>'
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
    )
    return num_id


def numbered(document: Any, text: str, num_id: int, level: int) -> Any:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().insert(
        0,
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'),
    )
    return p


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
            f"<w:t>{text}</w:t></w:r></w:hyperlink>"
        )
    )


def add_raw_runs(paragraph: Any, xml: str) -> None:
    """Append run-level XML (w:ins, w:del, hidden runs) to a paragraph."""
    wrapper = parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>")
    for child in list(wrapper):
        paragraph._p.append(child)


LONG_ITEM = (
    "Trường hợp hồ sơ chưa đầy đủ thì cán bộ tiếp nhận phải hướng dẫn người nộp bổ sung một lần bằng văn "
    "bản, ghi rõ giấy tờ còn thiếu, lý do và thời hạn bổ sung, không yêu cầu người nộp bổ sung giấy tờ "
    "ngoài danh mục đã công khai tại bộ phận một cửa của xã;"
)
WRAPPED = (
    "Người dân đến nộp hồ sơ vào buổi sáng thứ bảy hằng tuần cần mang theo căn cước, sổ hộ khẩu cũ nếu còn giữ,",
    "giấy tờ chứng minh chỗ ở hợp pháp và tờ khai đã điền đầy đủ thông tin để cán bộ đối chiếu ngay tại quầy.",
)


def legal_draft(path: Path) -> Path:
    """A draft decision of a commune People's Committee, with lists, a table, a header and footer."""
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Dự thảo lần 2 - không phát hành"
    section.footer.paragraphs[0].text = "Trang 1"
    articles = add_list(d, 70, ARTICLE_LEVELS)
    chapters = add_list(d, 80, (("upperRoman", "Chương %1.", "space"),))
    d.add_paragraph("ỦY BAN NHÂN DÂN XÃ AN PHÚ")  # 0
    d.add_paragraph("QUYẾT ĐỊNH")  # 1
    d.add_paragraph("Ban hành Quy chế tiếp nhận hồ sơ tại bộ phận một cửa")  # 2
    d.add_paragraph("")  # 3: empty, counted but not extracted
    numbered(d, "QUY ĐỊNH CHUNG", chapters, 0)  # 4: "Chương I."
    numbered(d, "Phạm vi điều chỉnh", articles, 0)  # 5: "Điều 1."
    p = d.add_paragraph("Quy chế này quy định cách cán bộ xã nhận hồ sơ của người dân. ")  # 6
    p.add_run("Cán bộ ")
    p.add_run("một cửa phải quán triệt").bold = True
    p.add_run(" và triển khai thực hiện ngay.")
    numbered(d, "Trách nhiệm tiếp nhận", articles, 0)  # 7: "Điều 2."
    numbered(d, "Hồ sơ được tiếp nhận trong giờ hành chính.", articles, 1)  # 8: "1."
    numbered(d, "Cán bộ tiếp nhận kiểm tra hồ sơ như sau:", articles, 1)  # 9: "2."
    numbered(d, "Kiểm tra thành phần hồ sơ;", articles, 2)  # 10: "a)"
    numbered(d, "Ghi giấy biên nhận cho người nộp;", articles, 2)  # 11: "b)"
    numbered(d, LONG_ITEM, articles, 2)  # 12: "c)"
    numbered(d, "Hẹn ngày trả kết quả.", articles, 3)  # 13: "-"
    numbered(d, "TỔ CHỨC THỰC HIỆN", chapters, 0)  # 13: "Chương II."
    numbered(d, "Hiệu lực thi hành", articles, 0)  # 14: "Điều 3."
    numbered(d, "Quyết định này có hiệu lực từ ngày ký.", articles, 1)  # 15: "1." again
    restart = add_instance(d, 70, restart_level=1)
    numbered(d, "Văn phòng UBND xã theo dõi việc thực hiện.", restart, 1)  # 16: "1." (restarted)
    link = d.add_paragraph("Người dân tra cứu kết quả trên ")  # 17
    add_hyperlink(link, "Cổng Dịch vụ công", "https://dichvucong.gov.vn")
    add_raw_runs(
        link,
        '<w:del w:id="1" w:author="A"><w:r><w:delText> trang cũ</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve"> quốc gia</w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> (ghi chú ẩn)</w:t></w:r>'
        "<w:r><w:t>.</w:t></w:r>",
    )
    table = d.add_table(rows=3, cols=2)  # paragraphs 18..23
    table.cell(0, 0).text = "Thành phần hồ sơ"
    table.cell(0, 1).text = "Số lượng"
    table.cell(1, 0).text = "Tờ khai đăng ký thường trú"
    table.cell(1, 1).text = "01 bản chính"
    table.cell(2, 0).text = "Giấy tờ chứng minh chỗ ở đã được chứng thực"
    table.cell(2, 1).text = "01 bản sao"
    d.add_paragraph(WRAPPED[0])  # 25: a sentence hard-wrapped over two paragraphs
    d.add_paragraph(WRAPPED[1])  # 26
    d.add_paragraph("Chủ tịch UBND xã ký ban hành.")  # 27
    d.save(str(path))
    return path


# --------------------------------------------------------------------------- PDF

PDF_RUNNING_HEADER = "UBND XÃ AN PHÚ - Thông báo số 15/TB-UBND"
PDF_HEADER_LEFT = ("ỦY BAN NHÂN DÂN", "XÃ AN PHÚ", "Số: 15/TB-UBND")
PDF_HEADER_RIGHT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "An Phú, ngày 10 tháng 3 năm 2026",
)
PDF_TITLE = "THÔNG BÁO"
PDF_SUBTITLE = "Về việc tiếp nhận hồ sơ đăng ký thường trú"
PDF_PARAGRAPHS = (
    "Ủy ban nhân dân xã An Phú thông báo tới người dân về việc tiếp nhận hồ sơ đăng ký thường trú tại bộ "
    "phận một cửa của xã từ ngày 15 tháng 3 năm 2026. Người dân nộp hồ sơ vào giờ hành chính từ thứ hai "
    "đến thứ sáu, buổi sáng thứ bảy chỉ nhận hồ sơ đã hẹn trước qua điện thoại.",
    "Hồ sơ đã được tiếp nhận sẽ quán triệt và triển khai thực hiện kịp thời theo đúng thứ tự nộp.",
)
PDF_ITEMS = (
    "a) Tờ khai thay đổi thông tin cư trú;",
    "b) Giấy tờ chứng minh chỗ ở hợp pháp;",
    "c) Ý kiến đồng ý của chủ hộ nếu ở nhờ nhà người khác.",
)
PDF_ACROSS = (
    "Người dân có thể theo dõi tình trạng hồ sơ trên Cổng Dịch vụ công quốc gia bằng mã số ghi trên giấy "
    "biên nhận, hoặc gọi điện tới bộ phận một cửa trong giờ hành chính để hỏi trực tiếp cán bộ phụ trách "
    "hồ sơ của mình. Hồ sơ không hợp lệ sẽ bị trả lại kèm văn bản nêu rõ lý do trong vòng ba ngày làm việc."
)
PDF_PAGE2 = (
    "Trong thời hạn bảy ngày làm việc, công an xã kiểm tra hồ sơ và cập nhật thông tin vào Cơ sở dữ liệu "
    "quốc gia về dân cư. Người dân nhận thông báo kết quả qua tin nhắn hoặc tại trụ sở công an xã. Kết "
    "quả giải quyết được gửi tới người nộp qua ứng dụng định danh điện tử.",
    "Mọi thắc mắc xin liên hệ số điện thoại 0270 3812 345 trong giờ hành chính.",
)


PDF_HYPHENATED = (
    "Người dân đã kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNe-",
    "ID có thể nộp hồ sơ trực tuyến mà không phải đến trụ sở.",
)


def notice_pdf(path: Path) -> Path:
    """A two-page notice: two-column national header, running header, page footer, lists, wrapped lines."""
    from fpdf import FPDF

    class Notice(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.set_y(8)
            self.cell(0, 4, PDF_RUNNING_HEADER, align="R")
            self.set_y(22)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", size=9)
            self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf = Notice(format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    half = (pdf.w - 44) / 2
    for left, right in zip(PDF_HEADER_LEFT, PDF_HEADER_RIGHT, strict=True):
        pdf.cell(half - 8, 6, left, align="C")
        pdf.set_x(22 + half + 8)
        pdf.cell(half - 8, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", size=13)
    pdf.cell(0, 7, PDF_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 6, PDF_SUBTITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for text in PDF_PARAGRAPHS:
        pdf.multi_cell(0, 6, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.multi_cell(0, 6, "Thành phần hồ sơ gồm:", new_x="LMARGIN", new_y="NEXT")
    for item in PDF_ITEMS:
        pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.h - 22 - 6 * 2)  # two lines left on page 1: the paragraph runs on to page 2
    pdf.multi_cell(0, 6, PDF_ACROSS, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for text in PDF_PAGE2:
        pdf.multi_cell(0, 6, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    # a line broken after a hyphen, stretched to the full width as a justified line is
    first, second = PDF_HYPHENATED
    pdf.set_stretching(100 * (pdf.w - 44) / pdf.get_string_width(first))
    pdf.cell(0, 6, first, new_x="LMARGIN", new_y="NEXT")
    pdf.set_stretching(100)
    pdf.cell(0, 6, second, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of text (no text layer), as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (800, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "THÔNG BÁO tiếp nhận hồ sơ", fill="black", font=ImageFont.truetype(str(DEJAVU), 36))
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return path
