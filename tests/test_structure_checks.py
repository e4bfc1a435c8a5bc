"""Analyzer 'structure': paragraph and section length, repeated openings, headings, spacing (safe fixes)."""

from __future__ import annotations

from vnpolicytext import apply_fixes
from vnpolicytext.api import run_analyzer

SENTENCE = (
    "Người dân nộp hồ sơ tại bộ phận một cửa của phường trong giờ hành chính các ngày làm việc trong tuần."
)


def rules(text: str, **config: object) -> list[str]:
    return [f.rule for f in run_analyzer("structure", text, config=dict(config))[1]]


def test_long_paragraph_of_several_sentences() -> None:
    variants = [SENTENCE.replace("Người dân", who) for who in ("Chủ hộ", "Người thuê nhà", "Sinh viên")]
    paragraph = " ".join(variants * 4)  # 12 sentences on one line
    summary, found = run_analyzer("structure", "Hồ sơ thuê nhà\n\n" + paragraph)
    assert [f.rule for f in found] == ["structure.long_paragraph"]  # 264 syllables: a short section
    syllables = 4 * sum(len(v.split()) for v in variants)  # one syllable per space-separated token here
    assert summary is not None and summary.longest_paragraph == syllables
    assert found[0].data == {"syllables": syllables, "limit": 200}
    assert rules(paragraph, profile="legal") == []  # legal limits are looser and long paragraphs are off


def test_repeated_start_needs_three_sentences_in_a_row() -> None:
    text = (
        "Hồ sơ gồm đơn đề nghị theo mẫu. Hồ sơ nộp tại bộ phận một cửa. Hồ sơ được trả sau ba ngày làm việc. "
        "Người nộp ký vào sổ."
    )
    _, found = run_analyzer("structure", text)
    assert [(f.rule, f.message) for f in found] == [
        (
            "structure.repeated_start",
            "Ba câu liền nhau cùng mở đầu bằng «Hồ sơ»; nên đổi cách mở đầu hoặc gộp thành danh sách.",
        )
    ]
    assert rules("Hồ sơ gồm đơn đề nghị theo mẫu. Hồ sơ nộp tại bộ phận một cửa. Người nộp ký vào sổ.") == []


def test_list_items_with_parallel_openings_are_fine() -> None:
    text = "Hồ sơ gồm:\n- Bản sao giấy khai sinh của con;\n- Bản sao giấy khai sinh của mẹ;\n- Bản sao giấy khai sinh của cha."
    assert rules(text) == []


def test_long_text_without_headings() -> None:
    text = " ".join([SENTENCE] * 30)  # 660 syllables, no heading
    assert "structure.no_headings" in rules(text)
    assert "structure.no_headings" not in rules("THÔNG BÁO\n\n" + text)


def test_spacing_errors_have_safe_fixes_that_keep_numbers_and_urls() -> None:
    text = (
        "Hồ sơ  gồm đơn ,bản sao giấy khai sinh,giấy chứng nhận hộ nghèo.Người nộp ký tên . "
        "Mức hỗ trợ 1.500.000 đồng, tức 3,5 lần; xem www.dichvucong.gov.vn,TP.HCM."
    )
    _, found = run_analyzer("text", text)
    found = [f for f in found if f.rule == "text.spacing"]
    assert found and all(f.fixes[0].safe for f in found)
    assert apply_fixes(text, found) == (
        "Hồ sơ gồm đơn, bản sao giấy khai sinh, giấy chứng nhận hộ nghèo. Người nộp ký tên. "
        "Mức hỗ trợ 1.500.000 đồng, tức 3,5 lần; xem www.dichvucong.gov.vn,TP.HCM."
    )


def test_long_section_unless_steps_already_cut_it_into_short_parts() -> None:
    steps = [
        "Người dân chuẩn bị hồ sơ theo hướng dẫn và mang theo căn cước khi đến nộp tại bộ phận một cửa.",
        "Công chức tiếp nhận kiểm tra thành phần hồ sơ, ghi giấy biên nhận và hẹn ngày trả kết quả cho người nộp.",
        "Phòng chuyên môn thẩm định hồ sơ, đi kiểm tra thực tế nếu cần và trình lãnh đạo ký quyết định.",
        "Bộ phận một cửa trả kết quả cho người dân và thu lại giấy biên nhận đã cấp ở bước đầu tiên.",
    ]
    body = [" ".join([s] * 8) for s in steps]  # four paragraphs of about 180 syllables each
    plain = (
        "Trình tự thực hiện\n\n"
        + "\n\n".join(body)
        + "\n\nCách thức thực hiện\n\nNộp trực tiếp hoặc qua mạng."
    )
    assert "structure.long_section" in rules(plain)  # about 720 syllables, no part to find
    marked = (
        "Trình tự thực hiện\n\n"
        + "\n\n".join(f"Bước {i}: {b}" for i, b in enumerate(body, 1))
        + "\n\nCách thức thực hiện\n\nNộp trực tiếp hoặc qua mạng."
    )
    assert "structure.long_section" not in rules(marked)  # each step is under the limit
