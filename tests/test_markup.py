"""HTML and Markdown input: the prose is extracted and every offset lands on the right source characters."""

from __future__ import annotations

import pytest

from vnpolicytext.markup import analyze_markup, extract_html, extract_markdown, format_for_path
from vnpolicytext.report import Report

# Every sentence longer than 5 syllables is 'long', so findings land on known sentences.
SHORT = {"sentence_length": {"long": 5, "very_long": 200, "item_long": 5, "item_very_long": 200}}


def assert_source_offsets(source: str, report: Report) -> None:
    lines = source.splitlines(keepends=True)
    for s in report.sentences:
        assert source[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    for f in report.findings:
        assert source[f.start : f.end] == f.text
        before = source[: f.start]
        assert f.line == before.count("\n") + 1
        assert f.column == len(before) - (before.rfind("\n") + 1) + 1
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text.split("\n")[0])


def long_texts(report: Report) -> list[str]:
    return [f.text for f in report.findings if f.rule == "sentence_length.long"]


def test_html_entities_and_inline_tags_map_to_the_whole_source_span() -> None:
    source = (
        "<article>\n<p>Người dân&nbsp;cần nộp hồ sơ tại <b>bộ phận một cửa của phường. Hồ sơ gồm tờ khai</b>"
        " và bản sao căn cước &amp; giấy tờ nhà đất.</p>\n</article>"
    )
    ex = extract_html(source)
    assert "Người dân\u00a0cần" in ex.text and "căn cước & giấy" in ex.text and "<b>" not in ex.text
    amp = ex.text.index("&")
    assert source[slice(*ex.span(amp, amp + 1))] == "&amp;"
    r = analyze_markup(source, "html", config=SHORT)
    assert_source_offsets(source, r)
    assert long_texts(r) == [
        "Người dân&nbsp;cần nộp hồ sơ tại <b>bộ phận một cửa của phường.",
        "Hồ sơ gồm tờ khai</b> và bản sao căn cước &amp; giấy tờ nhà đất.",
    ]
    assert r.findings[0].line == 2 and r.findings[0].column == 4


def test_html_skips_scripts_styles_comments_and_attributes() -> None:
    source = (
        "<html><head><title>Tiêu đề trang</title><style>.a{color:red}</style></head><body>"
        '<p title="Thuộc tính không phải văn bản">Xã tổ chức tiêm chủng vào thứ Bảy.</p>'
        "<script>if (a < b) { alert('Không phân tích đoạn này'); }</script><!-- ghi chú nội bộ -->"
        "<pre>mã nguồn không đọc</pre><p>Mang theo sổ tiêm chủng của trẻ.</p></body></html>"
    )
    ex = extract_html(source)
    assert ex.text == "Xã tổ chức tiêm chủng vào thứ Bảy.\n\nMang theo sổ tiêm chủng của trẻ."


def test_html_nested_lists_become_list_items() -> None:
    source = (
        "<ul>\n  <li>Hồ sơ gồm các giấy tờ sau đây:\n    <ol>\n      <li>Tờ khai thay đổi thông tin cư trú.</li>\n"
        "      <li>Bản sao giấy tờ chứng minh chỗ ở hợp pháp.</li>\n    </ol>\n  </li>\n"
        "  <li>Nộp hồ sơ tại bộ phận một cửa.</li>\n</ul>"
    )
    r = analyze_markup(source, "html", config=SHORT)
    assert_source_offsets(source, r)
    assert [(s.kind, s.text) for s in r.sentences] == [
        ("list_item", "Hồ sơ gồm các giấy tờ sau đây:"),
        ("list_item", "Tờ khai thay đổi thông tin cư trú."),
        ("list_item", "Bản sao giấy tờ chứng minh chỗ ở hợp pháp."),
        ("list_item", "Nộp hồ sơ tại bộ phận một cửa."),
    ]


def test_markdown_inline_syntax_is_removed_but_offsets_stay_exact() -> None:
    source = (
        "## Lệ phí cấp đổi\n\n"
        'Người nộp hồ sơ **đóng lệ phí** tại [quầy thu ngân](https://example.vn/thu-phi "Quầy") của phường '
        "hoặc chuyển khoản\nqua ứng dụng `ngan_hang` &amp; ví điện tử.\n\n"
        "```text\nĐoạn mã này có một câu rất dài nhưng không bao giờ được tính vào báo cáo nào cả.\n```\n"
    )
    ex = extract_markdown(source)
    assert ex.text == (
        "Lệ phí cấp đổi\n\nNgười nộp hồ sơ đóng lệ phí tại quầy thu ngân của phường hoặc chuyển khoản "
        "qua ứng dụng  & ví điện tử."
    )
    r = analyze_markup(source, "markdown", config=SHORT)
    assert_source_offsets(source, r)
    assert r.sentences[0].kind == "heading" and r.sentences[0].text == "Lệ phí cấp đổi"
    [long] = long_texts(r)
    assert long.startswith("Người nộp hồ sơ **đóng") and long.endswith("&amp; ví điện tử.")
    assert "Đoạn mã" not in " ".join(s.text for s in r.sentences)


def test_markdown_nested_lists_and_quotes() -> None:
    source = (
        "> Lưu ý quan trọng cho người nộp hồ sơ.\n\n"
        "1. Chuẩn bị giấy tờ:\n"
        "   - Căn cước còn hạn sử dụng.\n"
        "   - Sổ hộ khẩu *bản gốc* nếu có.\n"
        "2. Nộp hồ sơ tại phường.\n"
    )
    r = analyze_markup(source, "markdown", config=SHORT)
    assert_source_offsets(source, r)
    assert [(s.kind, s.text) for s in r.sentences] == [
        ("sentence", "Lưu ý quan trọng cho người nộp hồ sơ."),
        ("list_item", "1. Chuẩn bị giấy tờ:"),
        ("list_item", "- Căn cước còn hạn sử dụng."),
        ("list_item", "- Sổ hộ khẩu *bản gốc* nếu có."),
        ("list_item", "2. Nộp hồ sơ tại phường."),
    ]
    assert "- Sổ hộ khẩu *bản gốc* nếu có." in long_texts(r)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_suppression_comments(fmt: str) -> None:
    if fmt == "html":
        source = (
            "<p>Câu đầu tiên này khá dài để bị báo cáo.</p>\n"
            "<!-- vnpolicytext-disable sentence_length.long -->\n"
            "<p>Câu thứ hai này cũng dài nhưng được tắt.</p>\n"
            "<!-- vnpolicytext-enable sentence_length.long -->\n"
            "<!-- vnpolicytext-disable-next-line -->\n"
            "<p>Câu thứ ba nằm ngay dòng sau chú thích.</p>\n"
            "<p>Câu thứ tư lại được báo cáo bình thường.</p>\n"
        )
    else:
        source = (
            "Câu đầu tiên này khá dài để bị báo cáo.\n\n"
            "<!-- vnpolicytext-disable passive, sentence_length -->\n\n"
            "Câu thứ hai này cũng dài nhưng được tắt.\n\n"
            "<!-- vnpolicytext-enable -->\n\n"
            "<!-- vnpolicytext-disable-next-line sentence_length.long -->\n"
            "Câu thứ ba nằm ngay dòng sau chú thích.\n\n"
            "Câu thứ tư lại được báo cáo bình thường.\n"
        )
    r = analyze_markup(source, fmt, config=SHORT)
    assert_source_offsets(source, r)
    assert long_texts(r) == [
        "Câu đầu tiên này khá dài để bị báo cáo.",
        "Câu thứ tư lại được báo cáo bình thường.",
    ]
    assert len(r.sentences) == 4  # suppression hides findings, never text


def test_format_for_path() -> None:
    assert format_for_path("a/b.MD") == "markdown"
    assert format_for_path("x.htm") == "html"
    assert format_for_path("x.txt") == "text"
    assert format_for_path("x.rst") == "text"


def test_plain_text_is_unchanged() -> None:
    text = "Người dân nộp hồ sơ tại <b>phường</b>."
    r = analyze_markup(text, "text")
    assert r.sentences[0].text == text


PATHOLOGICAL = {
    "open brackets": "[a" * 20000,
    "unclosed image targets": "![x](" * 5000,
    "unclosed tags": "<a " * 10000,
    "unclosed inline tags": "x " + "<a " * 10000,
    "unclosed comments": "x " + "<!--" * 5000,
    "nested brackets": "[" * 10000 + "]" * 10000,
    "heading with trailing blanks": "# a" + " " * 20000 + "b",
    "thematic-like line": "- " * 10000 + "x",
    "table delimiter-like row": "a|b\n" + "|- " * 7000 + "x",
}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs_finish_and_map_back(name: str, fmt: str) -> None:
    source = PATHOLOGICAL[name]
    report = analyze_markup(source, fmt)
    for f in report.findings:
        assert source[f.start : f.end] == f.text
    for s in report.sentences:
        assert source[s.start : s.end] == s.text


def _scan_steps(source: str) -> int:
    """Lines of markup.py executed while extracting `source`: a clock that does not depend on the machine."""
    import sys
    import types

    from vnpolicytext import markup

    steps = 0

    def tracer(frame: types.FrameType, event: str, arg: object) -> object:
        nonlocal steps
        if frame.f_code.co_filename != markup.__file__:
            return None
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        extract_markdown(source)
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize("unit", ["[a", "![x](", "[x](", "[x][", "[", "x <!--"])
def test_markdown_inline_scanning_is_linear(unit: str) -> None:
    small, large = _scan_steps(unit * 1500), _scan_steps(unit * 3000)
    assert large <= 3 * small, (small, large)
