"""How well PDF extraction gives back the paragraphs and sentence units of real documents.

    PYTHONPATH=src .venv/bin/python benchmarks/pdf_roundtrip.py [--corpus ../shared/corpus] [--groups decree,circular,citizen]

Each corpus text (one paragraph per line) is written to a Word file (justified paragraphs, a running
header, a page-number field in the footer), converted to PDF by LibreOffice headless, and read back with
`extract_pdf`. Reported per group: paragraphs of the source found exactly as paragraphs of the
extraction, sentence units of `vnpolicytext.analyze(source)` found exactly in the units of the extraction,
header/footer lines that leaked into the text, and pages. Nothing from the corpus is written anywhere
but a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import vnpolicytext
from vnpolicytext.formats.pdf import extract_pdf

HEADER = "Bản dùng để đo - không phát hành"


def to_docx(text: str, path: Path) -> list[str]:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = HEADER
    footer = d.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    for para in paragraphs:
        d.add_paragraph(para).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    d.save(str(path))
    return paragraphs


def overlap(source: list[str], extracted: list[str]) -> int:
    return sum((Counter(source) & Counter(extracted)).values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "corpus"
    )
    parser.add_argument("--groups", default="decree,circular,citizen")
    parser.add_argument("--limit", type=int, default=10, help="files per group")
    args = parser.parse_args()
    groups = args.groups.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources: dict[str, tuple[str, str, list[str]]] = {}
        for group in groups:
            for f in sorted(args.corpus.glob(f"{group}_*.txt"))[: args.limit]:
                text = f.read_text(encoding="utf-8")
                sources[f.stem] = (group, text, to_docx(text, folder / f"{f.stem}.docx"))
        start = time.perf_counter()
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), *(str(folder / f"{s}.docx") for s in sources)],
            check=True, capture_output=True, timeout=1800,
        )  # fmt: skip
        print(f"LibreOffice conversion: {time.perf_counter() - start:.1f} s for {len(sources)} files")
        totals: dict[str, Counter[str]] = {g: Counter() for g in groups}
        extract_seconds = 0.0
        for stem, (group, text, paragraphs) in sources.items():
            start = time.perf_counter()
            ex = extract_pdf(folder / f"{stem}.pdf")
            extract_seconds += time.perf_counter() - start
            got = [" ".join(p.split()) for p in ex.text.split("\n\n")]
            src_units = [s.text for s in vnpolicytext.analyze(text).sentences]
            ext_units = [s.text for s in vnpolicytext.analyze(ex.text).sentences]
            t = totals[group]
            t["files"] += 1
            t["pages"] += ex.pages
            t["paragraphs"] += len(paragraphs)
            t["paragraphs_found"] += overlap(paragraphs, got)
            t["units"] += len(src_units)
            t["units_found"] += overlap(
                [" ".join(u.split()) for u in src_units], [" ".join(u.split()) for u in ext_units]
            )
            t["header_footer_leaks"] += sum(1 for p in got if p == HEADER or p.isdigit())
        print(f"extract_pdf: {extract_seconds:.1f} s for {sum(t['pages'] for t in totals.values())} pages")
        print("| group | files | pages | paragraphs found | units found | header/footer leaks |")
        print("|---|---|---|---|---|---|")
        for group, t in totals.items():
            print(
                f"| {group} | {t['files']} | {t['pages']} | {t['paragraphs_found']}/{t['paragraphs']} "
                f"({t['paragraphs_found'] / max(t['paragraphs'], 1):.1%}) | {t['units_found']}/{t['units']} "
                f"({t['units_found'] / max(t['units'], 1):.1%}) | {t['header_footer_leaks']} |"
            )


if __name__ == "__main__":
    main()
