"""Time reading Word and PDF files: extraction alone, extraction + analysis, and the reviewed Word copy.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_documents.py [--articles 60] [--pages 30]

Builds a draft decision with N articles (each a heading, three numbered clauses, two lettered points
and a bullet) and a PDF notice of about P pages, both with text written for this benchmark, then prints
wall-clock seconds for each step (best of three for extraction, one run for the rest).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from vnpolicytext.formats.annotate import annotate_docx
from vnpolicytext.formats.docx import analyze_docx, extract_docx
from vnpolicytext.formats.pdf import analyze_pdf, extract_pdf

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CLAUSES = (
    "Hồ sơ đã được tiếp nhận phải được cán bộ một cửa kiểm tra trong ngày và ghi vào sổ theo dõi.",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ hướng dẫn người nộp bổ sung một lần bằng văn bản, ghi rõ giấy "
    "tờ còn thiếu và thời hạn bổ sung.",
    "UBND xã công khai thủ tục, lệ phí và thời hạn giải quyết tại trụ sở và trên trang thông tin điện tử.",
)
POINTS = ("Kiểm tra thành phần hồ sơ;", "Ghi giấy biên nhận và hẹn ngày trả kết quả cho người nộp;")


def build_docx(path: Path, articles: int) -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = (("decimal", "Điều %1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/>'
        f'<w:suff w:val="space"/></w:lvl>'
        for i, (f, t) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int) -> None:
        p = d.add_paragraph()
        p.add_run(text[:20])
        p.add_run(text[20:]).bold = level == 0
        p._p.get_or_add_pPr().insert(
            0,
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'),
        )

    for n in range(articles):
        item(f"Trách nhiệm của bộ phận tiếp nhận số {n + 1}", 0)
        for clause in CLAUSES:
            item(clause, 1)
        for point in POINTS:
            item(point, 2)
        item("Báo cáo kết quả hằng tháng cho Chủ tịch UBND xã.", 3)
    d.save(str(path))


def build_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", DEJAVU)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    while pdf.page_no() < pages:
        for clause in CLAUSES:
            pdf.multi_cell(0, 6, clause + " " + clause, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def timed(label: str, fn: Callable[[], Any], repeat: int = 1) -> Any:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<40} {best:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        word, pdf = folder / "du_thao.docx", folder / "thong_bao.pdf"
        build_docx(word, args.articles)
        build_pdf(pdf, args.pages)
        text = timed("docx: extract (best of 3)", lambda: extract_docx(word), 3).text
        print(f"  {len(text):,} characters, {text.count(chr(10) * 2) + 1:,} paragraphs")
        result = timed("docx: extract + analyze", lambda: analyze_docx(word))
        print(f"  {len(result.report.findings):,} findings")
        timed("docx: annotate (reviewed copy)", lambda: annotate_docx(word, folder / "out.docx"))
        text = timed("pdf: extract (best of 3)", lambda: extract_pdf(pdf), 3).text
        print(f"  {len(text):,} characters, {args.pages} pages")
        timed("pdf: extract + analyze", lambda: analyze_pdf(pdf))


if __name__ == "__main__":
    main()
