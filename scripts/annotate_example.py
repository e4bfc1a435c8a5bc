"""Make docs/images/annotate-example.png: a Word notice reviewed by `vnpolicytext annotate`, as LibreOffice shows it.

    PYTHONPATH=src .venv/bin/python scripts/annotate_example.py [docs/images/annotate-example.png]

Steps: write a short notice with python-docx, run `annotate_docx` on it, convert the reviewed copy to PDF
with LibreOffice headless (comments exported as PDF notes, each placed by LibreOffice at the end of its
anchor), render page 1 with pdftoppm, then draw each note's text in a margin balloon joined to the place
LibreOffice put it, and shade the flagged words that end there. The page image is LibreOffice's; the
balloons and shading are drawn here, because LibreOffice 7.4 exports comments as PDF notes, not in the
margin.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont

from vnpolicytext.formats.annotate import annotate_docx, comment_text

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DPI = 110


def write_notice(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH").runs[0].bold = True
    title = d.add_paragraph("THÔNG BÁO")
    title.runs[0].bold = True
    d.add_paragraph("Về việc cấp thẻ căn cước cho trẻ em dưới 14 tuổi")
    p = d.add_paragraph("Hồ sơ đề nghị cấp thẻ căn cước cho trẻ em ")
    p.add_run("đã được tiếp nhận").italic = True
    p.add_run(" tại trụ sở Công an phường từ ngày 02/12/2026. UBND phường đề nghị các hộ gia đình quán triệt")
    p.add_run(" và triển khai thực hiện kịp thời.")
    d.add_paragraph(
        "Cha mẹ đưa con đến làm thủ tục vào sáng thứ bảy, mang theo giấy khai sinh của con và căn cước của "
        "mình; cán bộ sẽ chụp ảnh và lấy dấu vân tay cho trẻ ngay tại chỗ."
    )
    d.save(str(path))


def page_chars(pdf_path: Path) -> list[dict[str, float | str]]:
    """Characters of page 1 in reading order (lines top to bottom, left to right), spaces left out."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[0].chars if not c["text"].isspace()]
    chars.sort(key=lambda c: (round(float(c["top"])), float(c["x0"])))
    return chars


def pdf_notes(pdf_path: Path) -> list[tuple[str, float, float, float]]:
    """(text, x, top, bottom) of each comment LibreOffice exported as a PDF note on page 1."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    notes = []
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        for ref in resolve1(page.page_obj.annots) or []:
            annot = resolve1(ref)
            if getattr(annot.get("Subtype"), "name", None) != "Text":
                continue
            raw = annot.get("Contents", b"")
            text = raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
            x0, y0, _, y1 = (float(v) for v in annot["Rect"])
            notes.append((text, x0, float(page.height) - y1, float(page.height) - y0))
    return notes


def flagged_chars(
    chars: list[dict[str, float | str]], flagged: str, x: float, top: float, bottom: float
) -> list[int]:
    """Indexes of the characters of `flagged` that end where LibreOffice put the note (x, line)."""
    mid = (top + bottom) / 2
    ends = [
        i
        for i, c in enumerate(chars)
        if float(c["top"]) - 2 <= mid <= float(c["bottom"]) + 2 and float(c["x1"]) <= x + 1
    ]
    if not ends:
        return []
    wanted = "".join(flagged.split())
    i, k, out = max(ends), len(wanted) - 1, []
    while i >= 0 and k >= 0 and chars[i]["text"] == wanted[k]:
        out.append(i)
        i, k = i - 1, k - 1
    return out if k < 0 else []


def compose(
    page_png: Path,
    chars: list[dict[str, float | str]],
    notes: list[tuple[str, str, float, float, float]],
    out: Path,
) -> None:
    scale = DPI / 72
    page = Image.open(page_png).convert("RGB")
    last = max(float(c["bottom"]) for c in chars) * scale
    page = page.crop((0, 0, page.width, int(last + 40)))
    font = ImageFont.truetype(FONT, 13)
    head = ImageFont.truetype(BOLD, 13)
    boxes = []
    for text, flagged, x, top, bottom in sorted(notes, key=lambda n: (n[3], n[2])):
        lines = []
        for para in text.splitlines():
            lines.extend(textwrap.wrap(para, 62) or [""])
        boxes.append((lines, flagged, x, top, bottom))
    height = max(page.height, 12 + sum(22 + 17 * len(b[0]) + 10 for b in boxes))
    margin = 520
    canvas = Image.new("RGB", (page.width + margin, height), "#f3f3f3")
    canvas.paste(Image.new("RGB", (page.width, height), "white"), (0, 0))
    canvas.paste(page, (0, 0))
    overlay = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    shade = ImageDraw.Draw(overlay)
    draw = ImageDraw.Draw(canvas)
    y = 12
    for lines, flagged, x, top, bottom in boxes:
        for i in flagged_chars(chars, flagged, x, top, bottom):
            c = chars[i]
            shade.rectangle(
                (
                    float(c["x0"]) * scale,
                    float(c["top"]) * scale,
                    float(c["x1"]) * scale,
                    float(c["bottom"]) * scale,
                ),
                fill=(255, 200, 0, 90),
            )
        box = (page.width + 14, y, canvas.width - 12, y + 22 + 17 * len(lines))
        draw.rounded_rectangle(box, radius=6, fill="#fff8d6", outline="#d4a017", width=2)
        draw.text((box[0] + 8, y + 5), "vnpolicytext", font=head, fill="#7a5b00")
        for k, line in enumerate(lines):
            draw.text((box[0] + 8, y + 22 + 17 * k), line, font=font, fill="#222222")
        ax, ay = x * scale, bottom * scale
        draw.line([(ax, ay), (page.width - 4, ay), (box[0], y + 12)], fill="#d4a017", width=1)
        y = box[3] + 10
    canvas = Image.alpha_composite(canvas.convert("RGBA"), overlay).convert("RGB")
    canvas.save(out, optimize=True)


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = folder / "thong_bao.docx"
        write_notice(draft)
        reviewed = folder / "thong_bao.reviewed.docx"
        result = annotate_docx(draft, reviewed)
        export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", export,
             "--outdir", str(folder), str(reviewed)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        pdf = folder / "thong_bao.reviewed.pdf"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-hide-annotations",
                "-r",
                str(DPI),
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(folder / "page"),
            ],
            check=True,
            capture_output=True,  # poppler warns about LibreOffice's zero-width note rectangles
            timeout=120,
        )
        by_comment = {" ".join(comment_text(f).split()): f.text for f in result.report.findings}
        notes = [
            (text, by_comment.get(" ".join(text.split()), ""), *place) for text, *place in pdf_notes(pdf)
        ]
        out.parent.mkdir(parents=True, exist_ok=True)
        compose(next(folder.glob("page*.png")), page_chars(pdf), notes, out)
        print(f"{out}: {len(result.report.findings)} findings, {len(notes)} comments placed by LibreOffice")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/images/annotate-example.png"))
