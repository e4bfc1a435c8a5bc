"""Which profile fits a document — legal, news or citizen — read from the document itself.

A legal document carries the form the State prescribes for them: the national-emblem header ("CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"), a document number ("Số: 25/2004/QH11"), the legal
bases ("Căn cứ …") and a structure of articles and chapters ("Điều 1.", "Chương II"). A citizen-facing
administrative procedure is laid out under the headings of the national procedure database ("Trình tự thực
hiện", "Cách thức thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết", "Lệ phí", "Cơ quan thực hiện" …).
A text with neither is read as news. Every signal found is given back as a reason, in Vietnamese.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

import regex

DetectedProfile = Literal["legal", "news", "citizen"]

_LINE = r"(?m)^[ \t>#*•\-–+]*"  # a line start, past Markdown / list markers
_EMBLEM = regex.compile(r"C[ỘO]NG\s+H(?:ÒA|OÀ)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM")
_MOTTO = regex.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", regex.IGNORECASE)
_ARTICLE = regex.compile(_LINE + r"Điều\s+(\d+[a-zđ]?)\s*[.:]")
_CHAPTER = regex.compile(_LINE + r"(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+)\b")
_BASIS = regex.compile(_LINE + r"Căn\s+cứ\s+(?!pháp\s+lý)")
_NUMBER = r"\d+/\d{4}/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*"
_KIND = (
    r"(?:LUẬT|Luật|BỘ LUẬT|Bộ luật|NGHỊ ĐỊNH|Nghị định|THÔNG TƯ LIÊN TỊCH|Thông tư liên tịch|THÔNG TƯ|Thông tư|"
    r"QUYẾT ĐỊNH|Quyết định|NGHỊ QUYẾT|Nghị quyết|PHÁP LỆNH|Pháp lệnh|CHỈ THỊ|Chỉ thị)"
)
# The document's own number, in its header: a line "Số: 25/2004/QH11" or "Luật số: …", or a title line
# that starts with the document's kind: "Thông tư số 03/2014/TT-BKHĐT …".
_OWN_NUMBER = regex.compile(
    r"(?m)^[ \t]*(?:(?:Luật\s+)?(?:Số|SỐ|số)\s*:|" + _KIND + r"\s+(?:số|SỐ)\s*:?)\s*(" + _NUMBER + ")"
)
_KINDS = regex.compile(r"(?m)^\s*" + _KIND + r"\b")
# Headings and fields of a procedure as the national database of administrative procedures lays it out.
_PROCEDURE = {
    "Trình tự thực hiện": r"Trình\s+tự\s+thực\s+hiện",
    "Cách thức thực hiện": r"Cách\s+thức\s+thực\s+hiện",
    "Thành phần hồ sơ": r"Thành\s+phần(?:,\s*số\s+lượng)?\s+hồ\s+sơ",
    "Thời hạn giải quyết": r"Thời\s+hạn\s+giải\s+quyết",
    "Lệ phí": r"(?:Phí,\s*)?[Ll]ệ\s+phí",
    "Yêu cầu, điều kiện thực hiện": r"Yêu\s+cầu,\s*điều\s+kiện\s+thực\s+hiện",
    "Kết quả thực hiện": r"Kết\s+quả\s+thực\s+hiện",
    "Căn cứ pháp lý": r"Căn\s+cứ\s+pháp\s+lý",
    "Cấp thực hiện": r"Cấp\s+thực\s+hiện\s*:",
    "Cơ quan thực hiện": r"Cơ\s+quan\s+thực\s+hiện\s*:",
    "Đối tượng thực hiện": r"Đối\s+tượng\s+thực\s+hiện\s*:",
}
_PROCEDURE_RE = {name: regex.compile(_LINE + pattern) for name, pattern in _PROCEDURE.items()}
_STEP = regex.compile(_LINE + r"Bước\s+\d+\s*[.:)]")

_HEAD = 1500  # characters of the header where the emblem and the document's own number stand


def detect_profile(text: str) -> tuple[DetectedProfile, list[str]]:
    """(profile, reasons in Vietnamese): legal, citizen or news, from the signals the text carries."""
    text = unicodedata.normalize("NFC", text)
    head = text[:_HEAD]
    legal: list[str] = []
    points = 0
    emblem = bool(_EMBLEM.search(head))
    if emblem:
        points += 3
        legal.append("có quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” ở đầu văn bản")
    elif _MOTTO.search(head):
        points += 2
        legal.append("có tiêu ngữ “Độc lập - Tự do - Hạnh phúc” ở đầu văn bản")
    number = _OWN_NUMBER.search(head)
    if number:
        points += 2
        legal.append(f"có số, ký hiệu văn bản {number.group(1)}")
    elif _KINDS.search(head[:300]):
        points += 1
        legal.append("mở đầu bằng tên loại văn bản quy phạm pháp luật")
    articles = len(set(_ARTICLE.findall(text)))
    if articles >= 2:
        points += 3
        legal.append(f"chia thành {articles} điều (“Điều 1. …”)")
    chapters = len(_CHAPTER.findall(text))
    if chapters >= 1:
        points += 1
        legal.append(f"chia thành {chapters} chương")
    bases = len(_BASIS.findall(text[: max(_HEAD, len(text) // 3)]))
    if bases:
        points += 1
        legal.append(f"có {bases} căn cứ ban hành (“Căn cứ …”)")

    headings = [name for name, rx in _PROCEDURE_RE.items() if rx.search(text)]
    steps = len(_STEP.findall(text))
    citizen = len(headings) + (1 if steps >= 2 else 0)
    procedure: list[str] = []
    if headings:
        procedure.append("có các mục của thủ tục hành chính: " + ", ".join(f"“{h}”" for h in headings))
    if steps >= 2:
        procedure.append(f"hướng dẫn theo {steps} bước (“Bước 1 …”)")

    if citizen >= 2 and citizen > points:
        return "citizen", procedure
    # The form of a legal document (the emblem header or articles) is required; a number or a "Căn cứ"
    # alone is what news and notices cite.
    if points >= 3 and (emblem or articles >= 2):
        return "legal", legal
    if citizen >= 2:
        return "citizen", procedure
    if legal or procedure:
        weak = "; ".join(legal + procedure)
        return "news", [
            f"chỉ có dấu hiệu yếu ({weak}), chưa đủ để coi là văn bản pháp luật hay thủ tục: đọc như tin tức"
        ]
    return "news", [
        "không có quốc hiệu, số hiệu, điều khoản hay các mục của thủ tục hành chính: đọc như tin tức"
    ]
