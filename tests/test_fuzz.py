"""Property-based fuzzing of the public API on hostile text (issue 18).

The inputs mix Vietnamese in NFC and NFD, combining marks, zero-width characters, NBSP, CR/CRLF, emoji and
ZWJ sequences, right-to-left text and bidi controls, C0/C1 control characters and escape sequences, long
tokens, runs of punctuation, and HTML/Markdown fragments (unclosed tags, comments, CDATA, entities,
tables, fences, suppression comments). Properties: only documented exceptions, exact offsets, sorted
findings, JSON round-trip of the report, determinism, input not mutated.

The example budget comes from a Hypothesis profile: `fast` (default, a few seconds per property, run by
`make test`) or `fuzz` (100,000 examples, `make fuzz`; VNPOLICYTEXT_FUZZ_EXAMPLES changes the number),
chosen with VNPOLICYTEXT_FUZZ_PROFILE.
"""

from __future__ import annotations

import copy
import os
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnpolicytext
from vnpolicytext import Report, VnPolicyTextError

_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("fast", max_examples=25, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("VNPOLICYTEXT_FUZZ_EXAMPLES", "100000")), **_COMMON
)
settings.load_profile(os.environ.get("VNPOLICYTEXT_FUZZ_PROFILE", "fast"))

_VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_LETTERS = _VIET + _VIET.upper()
_SPECIAL = (
    "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"  # combining marks
    "\u200b\u200c\u200d\ufeff\u2060\u00ad"  # zero-width, soft hyphen
    "\u00a0\u202f\u2007\u3000"  # no-break and wide spaces
    "\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # line breaks of every kind
    "\x00\x01\x07\x08\x1b\x7f\x80\x9b\x9f"  # C0, DEL, C1
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"  # bidi controls
    "שלוםمرحبا"  # right-to-left letters
    "👍👨\u200d👩\u200d👧🇻🇳\ufe0f"  # emoji, ZWJ sequence, flag, variation selector
    "0123456789.,;:!?…-–—()[]{}\"'“”‘’«»/\\@#%&*_+=<>|`~^$"
    " "
)
_WORDS = (
    "Hồ sơ", "được", "bị", "nộp", "tại", "Ủy ban nhân dân", "UBND", "(UBND)", "xã", "Điều 1.", "Chương II",
    "1.", "a)", "-", "TP.", "PGS.TS.", "Q. Ba Đình", "ông Nguyễn Văn A.", "15/2020/NĐ-CP", "Nghị định số",
    "https://dichvucong.gov.vn/p?a=1&b=2", "a.b@c.vn", "(sau đây gọi là Sở)", "sau đây gọi tắt là",
    "được hiểu là", "là", "gồm:", "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:", "“Người dân”",
    "Cục Quản lý", "Bước 2:", "…", "...", "?!", "\u1ea1", "a\u0323", "Tho\u0309a", "THÔNG BÁO",
    "\x1b[2J", "\x1b]0;title\x07", "\x1b[31m",
)
_HTML = (
    "<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<!--", "-->", "<!-- note -->", "<!", "<?", "?>",
    "<![CDATA[", "<![", "<![1 ", "<![if x]>", "]]>", "</", "</a", "<a href=\"", "\">", "&amp;", "&nbsp;", "&#7897;", "&#x1EA1;",
    "&#99999999;", "&#0;", "&bogus;", "&", "<table><tr><td>", "</td><td>", "</tr></table>", "<script>",
    "</script>", "<style>", "<h1>", "</h1>", "<li>", "<pre>", "<textarea>",
    "<!-- vnpolicytext-disable-next-line -->", "<!-- vnpolicytext-disable passive.short -->",
    "<!-- vnpolicytext-enable -->", "<!-- vnpolicytext-disable",
)
_MARKDOWN = (
    "# ", "## ", "\n", "\n\n", "```", "```python\n", "~~~", "    ", "> ", "- ", "* ", "1. ", "| a | b |",
    "\n|---|---|\n", "![", "](", "[", "]", "(", ")", "*", "**", "_", "`", "<!--", "-->", "---\n", "[^1]:",
    "<div>", "</div>", "\\", "<!-- vnpolicytext-disable-next-line -->\n",
    "<!-- vnpolicytext-disable sentence_length -->", "<!-- vnpolicytext-enable -->",
)

_chars = st.text(alphabet=st.sampled_from(_LETTERS + _SPECIAL), max_size=24)
_long_token = st.integers(min_value=50, max_value=600).map(lambda n: "ạ" * n)
_punct_run = st.text(alphabet=st.sampled_from(".!?…;:,-\"')( "), min_size=2, max_size=60)


def _pieces(extra: tuple[str, ...]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(_WORDS + extra), _chars, st.sampled_from((" ", " ", "\n", "\r\n", "\r")), _punct_run
    )
    return st.lists(st.one_of(piece, _long_token.filter(lambda _: True)), max_size=30).map("".join)


def _forms(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The text as generated, in NFD, or in NFC."""
    return st.tuples(text, st.sampled_from(("as is", "NFD", "NFC"))).map(
        lambda p: p[0] if p[1] == "as is" else unicodedata.normalize(p[1], p[0])  # type: ignore[arg-type]
    )


TEXTS = _forms(_pieces(()))
HTML = _forms(_pieces(_HTML))
MARKDOWN = _forms(_pieces(_MARKDOWN))


def _assert_report(source: str, report: Report) -> None:
    """Offsets exact, findings sorted, the JSON round trip lossless."""
    for s in report.sentences:
        assert 0 <= s.start < s.end <= len(source)
        assert source[s.start : s.end] == s.text
    keys = [(f.start, f.end, f.rule) for f in report.findings]
    assert keys == sorted(keys)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(source)
        assert source[f.start : f.end] == f.text
    assert Report.model_validate_json(report.model_dump_json()) == report


def _run(func: object, *args: object, **kwargs: object) -> Report | None:
    """Call and return the report; a documented error is an acceptable answer."""
    try:
        return func(*args, **kwargs)  # type: ignore[operator,no-any-return]
    except VnPolicyTextError:
        return None


@given(TEXTS)
def test_analyze_plain_text(text: str) -> None:
    report = _run(vnpolicytext.analyze, text)
    if report is not None:
        _assert_report(text, report)


@given(HTML)
def test_analyze_html(source: str) -> None:
    report = _run(vnpolicytext.analyze_markup, source, "html")
    if report is not None:
        _assert_report(source, report)


@given(MARKDOWN)
def test_analyze_markdown(source: str) -> None:
    report = _run(vnpolicytext.analyze_markup, source, "markdown")
    if report is not None:
        _assert_report(source, report)


@given(st.one_of(TEXTS, HTML, MARKDOWN), st.sampled_from(("text", "html", "markdown")))
def test_check_is_deterministic_and_leaves_its_config_alone(source: str, fmt: str) -> None:
    config = {"profile": "news", "rules": {"passive.short": "info"}, "check": {"min_clarity": 40}}
    before = copy.deepcopy(config)
    first = _run(vnpolicytext.check, source, config, input_format=fmt)
    second = _run(vnpolicytext.check, source, config, input_format=fmt)
    assert config == before
    assert (first is None) == (second is None)
    if first is not None and second is not None:
        assert first == second
        assert first.model_dump_json() == second.model_dump_json()
        _assert_report(source, first.report)


@given(TEXTS)
def test_extract_definitions(text: str) -> None:
    found = vnpolicytext.extract_definitions(text)
    assert [d.term_start for d in found] == sorted(d.term_start for d in found)
    for d in found:
        assert text[d.term_start : d.term_end] == d.term
        assert text[d.definition_start : d.definition_end] == d.definition
    assert vnpolicytext.extract_definitions(text) == found


@given(st.binary(max_size=200))
def test_decode_bytes_answers_text_or_input_error(data: bytes) -> None:
    try:
        text = vnpolicytext.decode_bytes(data)
    except vnpolicytext.InputError as exc:
        assert str(exc).startswith("input")
    else:
        assert isinstance(text, str)
