"""Analyzer 'nominalisation': empty verbs, filler nouns and stacks in front of an action verb."""

from __future__ import annotations

from vnpolicytext import apply_fixes
from vnpolicytext.api import run_analyzer


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run_analyzer("nominalisation", text)[1]]


def test_empty_verb_before_an_action_verb_is_reported_with_a_safe_fix() -> None:
    text = "Tổ công tác của phường sẽ tiến hành kiểm tra thực tế nơi ở của người đề nghị trong hai ngày."
    summary, found = run_analyzer("nominalisation", text)
    assert [(f.rule, f.text) for f in found] == [("nominalisation.empty_verb", "tiến hành kiểm tra")]
    assert found[0].fixes[0].safe
    assert apply_fixes(text, found) == text.replace("tiến hành kiểm tra", "kiểm tra")
    assert summary is not None and summary.by_nominaliser == {"tiến hành": 1}


def test_sentence_opening_keeps_its_capital_after_the_fix() -> None:
    text = "Thực hiện rà soát danh sách hộ nghèo trước ngày 15/10/2026."
    _, found = run_analyzer("nominalisation", text)
    assert apply_fixes(text, found) == "Rà soát danh sách hộ nghèo trước ngày 15/10/2026."


def test_stack_is_one_finding_and_keeps_the_noun_head() -> None:
    text = "Việc thực hiện công tác kiểm tra hồ sơ được giao cho công chức tư pháp - hộ tịch."
    summary, found = run_analyzer("nominalisation", text)
    assert [(f.rule, f.text) for f in found] == [("nominalisation.stack", "Việc thực hiện công tác kiểm tra")]
    assert apply_fixes(text, found).startswith("Việc kiểm tra hồ sơ được giao")
    assert summary is not None and summary.stacks == 1 and summary.occurrences == 3


def test_filler_noun_is_a_suggestion_not_a_safe_fix() -> None:
    text = "Công tác tuyên truyền cần được triển khai khoa học, đồng bộ, nhất quán, bài bản, hiệu quả."
    _, found = run_analyzer("nominalisation", text)
    assert [(f.rule, f.text) for f in found] == [("nominalisation.filler_noun", "Công tác tuyên truyền")]
    assert not found[0].fixes[0].safe
    assert apply_fixes(text, found) == text
    assert apply_fixes(text, found, safe_only=False).startswith("Tuyên truyền cần được")


def test_hard_cases_that_are_not_nominalisations() -> None:
    # a business trip, a meeting held, a job, a plain noun phrase, "sự" without "của", "thực hiện" + a noun
    text = (
        "Anh Minh đi công tác tại xã Phú Lợi. Phường tiến hành hội nghị lấy ý kiến cử tri. "
        "Thanh niên cần việc làm ổn định. Việc kiểm tra hồ sơ mất hai ngày. Sự đồng ý là bắt buộc. "
        "Người nộp thuế thực hiện nghĩa vụ tài chính đúng hạn. Bà Hoa là người làm công tác thống kê của xã."
    )
    assert findings(text) == []


def test_sự_with_của_is_reported() -> None:
    assert findings("Cần có sự tham gia của người dân trong khu phố.") == [
        ("nominalisation.filler_noun", "sự tham gia")
    ]


def test_density_counts_per_100_words() -> None:
    text = "Cán bộ tiến hành xác minh. Cán bộ tiến hành xem xét hồ sơ của ông Nam và trả lời bằng văn bản."
    summary, _ = run_analyzer("nominalisation", text)
    assert summary is not None and summary.occurrences == 2
    assert summary.density == round(100 * 2 / summary.words, 3)


def test_fields_of_work_names_and_permissions_are_left_alone() -> None:
    # "công tác X" governed by a verb of oversight names a field of work, also in the list that follows it;
    # "Ban …", "Hệ thống …" open names; "được thực hiện đánh giá" (may evaluate) is not "được đánh giá"
    text = (
        "Chánh thanh tra tỉnh chỉ đạo, kiểm tra công tác thanh tra của các sở. "
        "Công chức làm công tác giải quyết khiếu nại, công tác tiếp công dân được bồi dưỡng hằng năm. "
        "Khi chủ hộ chấp hành thì Ban thực hiện cưỡng chế lập biên bản. "
        "Kết quả được cập nhật vào Hệ thống quản lý công tác kiểm tra sát hạch. "
        "Trung tâm có đủ điều kiện được thực hiện đánh giá chất lượng giáo dục. "
        "Điều tra viên làm theo hướng dẫn của cơ quan tiến hành điều tra thống kê."
    )
    assert findings(text) == []
    # the same words used as actions are still reported
    plain = (
        "Các sở cung cấp tài liệu cho công tác thanh tra. Ủy ban nhân dân huyện thực hiện kiểm tra định kỳ."
    )
    assert findings(plain) == [
        ("nominalisation.filler_noun", "công tác thanh tra"),
        ("nominalisation.empty_verb", "thực hiện kiểm tra"),
    ]
