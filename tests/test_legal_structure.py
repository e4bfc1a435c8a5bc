"""Analyzer 'legal_structure': numbering, references to missing parts, document numbers without a date."""

from __future__ import annotations

from vnpolicytext.api import run_analyzer

DECREE = """Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định mức hỗ trợ học phí.
Điều 2. Đối tượng áp dụng
1. Học sinh thuộc hộ nghèo.
2. Học sinh khuyết tật.
3. Học sinh mồ côi cả cha lẫn mẹ.
Chương II
HỒ SƠ VÀ THỦ TỤC
Điều 3. Hồ sơ
1. Hồ sơ gồm:
a) Đơn đề nghị theo mẫu;
b) Bản sao giấy khai sinh;
c) Giấy chứng nhận hộ nghèo.
2. Người thuộc đối tượng tại khoản 3 Điều 2 nộp thêm giấy chứng tử của cha, mẹ.
Điều 4. Thời hạn
Hồ sơ theo điểm c khoản 1 Điều 3 được giải quyết trong năm ngày làm việc."""


def found(text: str, profile: str = "legal") -> list[tuple[str, str, str]]:
    return [
        (f.rule, f.text, f.message)
        for f in run_analyzer("legal_structure", text, config={"profile": profile})[1]
    ]


def test_a_well_formed_decree_has_no_finding() -> None:
    summary, findings = run_analyzer("legal_structure", DECREE, config={"profile": "legal"})
    assert findings == []
    assert summary is not None and summary.articles == 4 and summary.references_checked == 2


def test_only_the_legal_profile_runs_it() -> None:
    broken = DECREE.replace("Điều 4.", "Điều 6.")
    assert found(broken, "citizen") == []
    assert run_analyzer("legal_structure", broken)[0] is None


def test_article_gap_and_chapter_in_roman_figures() -> None:
    text = DECREE.replace("Điều 4.", "Điều 5.").replace("Chương II", "Chương III")
    assert found(text) == [
        ("legal_structure.numbering", "Chương III", "Chương III đứng sau Chương I; theo thứ tự phải là II."),
        ("legal_structure.numbering", "Điều 5.", "Điều 5 đứng sau Điều 3; theo thứ tự phải là 4."),
    ]


def test_points_follow_the_vietnamese_alphabet() -> None:
    points = "\n".join(f"{c}) Giấy tờ loại {c};" for c in "abcdđeg")
    text = DECREE.replace(
        "a) Đơn đề nghị theo mẫu;\nb) Bản sao giấy khai sinh;\nc) Giấy chứng nhận hộ nghèo.", points
    )
    text = text.replace("điểm c khoản 1", "điểm g khoản 1")
    assert found(text) == []
    skipped = text.replace("đ) Giấy tờ loại đ;\n", "")
    assert [m for _, _, m in found(skipped)] == ["Điểm e đứng sau Điểm d; theo thứ tự phải là đ."]


def test_reference_to_a_clause_and_a_point_that_do_not_exist() -> None:
    text = DECREE.replace("khoản 3 Điều 2", "khoản 4 Điều 2").replace(
        "điểm c khoản 1 Điều 3", "điểm d khoản 1 Điều 3"
    )
    assert [(r, t) for r, t, _ in found(text)] == [
        ("legal_structure.missing_reference", "khoản 4 Điều 2"),
        ("legal_structure.missing_reference", "điểm d khoản 1 Điều 3"),
    ]


def test_references_to_other_documents_and_quoted_provisions_are_not_checked() -> None:
    text = DECREE.replace(
        "Điều 4. Thời hạn",
        "Điều 4. Sửa đổi\nKhoản 2 Điều 9 của Luật Giáo dục được dẫn chiếu.\n“Điều 12. Điều khoản được sửa\n"
        "5. Nội dung sửa theo khoản 8 Điều 12.”\nĐiều 5. Thời hạn",
    )
    assert found(text) == []


def test_document_number_without_year_needs_a_date() -> None:
    text = DECREE.replace(
        "nộp thêm giấy chứng tử của cha, mẹ.",
        "nộp thêm giấy tờ theo Quyết định số 125/QĐ-UBND và Công văn số 88/UBND-VX ngày 05/3/2026.",
    )
    assert [(r, t) for r, t, _ in found(text)] == [
        ("legal_structure.incomplete_document_reference", "125/QĐ-UBND")
    ]


def test_a_label_glued_to_the_line_before_is_not_a_numbering_error() -> None:
    text = DECREE.replace(
        "Điều 4. Thời hạn\n",
        "Điều 4. Biện pháp\nTòa án áp dụng các biện pháp sau đây:1. Buộc chấm dứt hành vi vi phạm;\n"
        "2. Buộc xin lỗi công khai;\n3. Buộc bồi thường thiệt hại.\nĐiều 5. Thời hạn\n",
    )
    assert found(text) == []
    assert found(text.replace("2. Buộc xin lỗi", "4. Buộc xin lỗi"))[0][2] == (
        "Khoản 4 đứng sau phần mở đầu; theo thứ tự phải là 1."  # the glued "1." is no label
    )


def test_an_amending_article_keeps_the_numbering_of_the_amended_document() -> None:
    text = DECREE.replace(
        "Điều 4. Thời hạn\n",
        "Điều 4. Sửa đổi Thông tư số 11/2012/TT-BNV\n1. Sửa đổi, bổ sung khoản 3 Điều 11 như sau:\n"
        "c) Đề nghị cơ quan có thẩm quyền xác minh.\n2. Bãi bỏ điểm d khoản 1 Điều 12.\nĐiều 5. Thời hạn\n",
    )
    assert found(text) == []


def test_article_heads_glued_to_their_text_are_read_whole() -> None:
    # "Điều 12:Ủy ban …" is article 12 (not "Điều 1" + "2"), and "Điều 13.Trách nhiệm" is article 13
    text = DECREE.replace("Điều 4. Thời hạn\n", "Điều 4. Thời hạn\n") + (
        "\nĐiều 5. Hiệu lực\nNghị định này có hiệu lực từ ngày 01 tháng 7 năm 2026."
        "\nĐiều 6:Ủy ban nhân dân cấp tỉnh hướng dẫn thi hành Nghị định này."
        "\nĐiều 7.Trách nhiệm thi hành\nCác Bộ trưởng chịu trách nhiệm thi hành Nghị định này."
    )
    assert found(
        text.replace("Điều 5.", "Điều 15.").replace("Điều 6:", "Điều 16:").replace("Điều 7.", "Điều 17.")
    ) == [
        (
            "legal_structure.numbering",
            "Điều 15.",
            "Điều 15 đứng sau Điều 4; theo thứ tự phải là 5.",
        )
    ]
    assert found(text) == []


def test_several_clause_labels_glued_to_their_text_are_not_a_gap() -> None:
    text = DECREE.replace(
        "2. Học sinh khuyết tật.\n3. Học sinh mồ côi cả cha lẫn mẹ.",
        "2.Học sinh khuyết tật. 3..Học sinh mồ côi cả cha lẫn mẹ.\n4. Học sinh là người dân tộc thiểu số.",
    )
    assert found(text) == []
    gap = DECREE.replace("2. Học sinh khuyết tật.\n", "")
    assert [m for _, _, m in found(gap)] == ["Khoản 3 đứng sau Khoản 1; theo thứ tự phải là 2."]


def test_one_slipped_label_is_one_finding() -> None:
    # "a, b, c, b, đ": the second "b" is the slip (it should be "d"); "đ" after it is in order again
    points = DECREE.replace(
        "c) Giấy chứng nhận hộ nghèo.",
        "c) Giấy chứng nhận hộ nghèo;\nb) Giấy xác nhận của nhà trường;\nđ) Ảnh chân dung cỡ 3x4.",
    )
    assert [m for _, _, m in found(points)] == ["Điểm b đứng sau Điểm c; theo thứ tự phải là d."]
    clauses = DECREE.replace(
        "3. Học sinh mồ côi cả cha lẫn mẹ.",
        "2. Học sinh mồ côi cả cha lẫn mẹ.\n4. Học sinh là người dân tộc thiểu số.",
    )
    numbering = [m for r, _, m in found(clauses) if r == "legal_structure.numbering"]
    assert numbering == ["Khoản 2 đứng sau Khoản 2; theo thứ tự phải là 3."]
