"""The output formats, rendered in process from real reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vnpolicytext
from vnpolicytext.gates import check_report
from vnpolicytext.markup import analyze_markup
from vnpolicytext.models import Finding
from vnpolicytext.render import FileResult, github, html, json_, sarif, text
from vnpolicytext.report import Report

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SHORT = {"sentence_length": {"long": 8, "very_long": 14, "item_long": 8, "item_very_long": 14}}

SOURCE = (
    "<h1>Thông báo</h1>\n"
    "<p>Hồ sơ đã được tiếp nhận tại bộ phận một cửa của phường, theo quy định.</p>\n"
    "<p>Người dân &amp; doanh nghiệp <script>x</script>nhận kết quả trong ba ngày.</p>\n"
)


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    report = analyze_markup(SOURCE, "html", config=SHORT)
    plain = "Phường tiếp dân vào sáng thứ Hai.\r\nMang theo căn cước."
    return [
        FileResult("thư mục/thông báo,1.html", SOURCE, report, check_report(report, SHORT)),
        FileResult("b.txt", plain, analyze_markup(plain, "text")),
    ]


def test_text_lists_findings_with_positions(results: list[FileResult]) -> None:
    out = text.render(results)
    first = results[0].report.findings[0]
    assert f"thư mục/thông báo,1.html:{first.line}:{first.column}: {first.severity} {first.rule}" in out
    assert "clarity score" in out and "Luong-Nguyen-Dinh" in out and "check: FAILED" in out
    assert "\033[" not in out
    assert "\033[31m" in text.render(results, colour=True)


def test_json_lines_for_several_files(results: list[FileResult]) -> None:
    lines = json_.render(results).splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["path"] == "thư mục/thông báo,1.html" and first["check"]["passed"] is False
    assert Report.model_validate(json.loads(lines[1])["report"]) == results[1].report
    single = json.loads(json_.render(results[1:]))
    assert Report.model_validate(single) == results[1].report


def test_github_commands_are_escaped(results: list[FileResult]) -> None:
    out = github.render(results).splitlines()
    f = results[0].report.findings[0]
    level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
    assert out[0].startswith(
        f"::{level} file=thư mục/thông báo%2C1.html,line={f.line},col={f.column},endLine="
    )
    assert f",title={f.rule}::" in out[0]
    assert all("\n" not in line and "\r" not in line for line in out)
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.escape_data("50% xong\r\nrồi") == "50%25 xong%0D%0Arồi"
    assert any(
        line.startswith("::error file=thư mục/thông báo%2C1.html,title=vnpolicytext check%3A ")
        for line in out
    )


def test_sarif_is_valid_and_points_at_the_source(results: list[FileResult]) -> None:
    log = sarif.sarif_log(results)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "vnpolicytext" and driver["version"] == vnpolicytext.__version__
    ids = [r["id"] for r in driver["rules"]]
    assert "sentence_length.long" in ids and len(ids) == len(set(ids))
    findings = results[0].report.findings
    assert len(run["results"]) == len(findings) + len(results[1].report.findings)
    for res, f in zip(run["results"], findings, strict=False):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert SOURCE[region["charOffset"] : region["charOffset"] + region["charLength"]] == f.text
        assert (region["startLine"], region["startColumn"]) == (f.line, f.column)
        assert res["level"] in {"error", "warning", "note"}
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "th%C6%B0%20m%E1%BB%A5c/th%C3%B4ng%20b%C3%A1o%2C1.html"
    )
    if not SARIF_SCHEMA.is_file():
        pytest.skip("SARIF schema not available next to the repository")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(sarif.render(results)), schema)


def test_html_is_self_contained_escaped_and_marks_overlaps(results: list[FileResult]) -> None:
    page = html.render(results)
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2
    assert "<script" not in page.replace("&lt;script&gt;", "")
    assert "src=" not in page and "<link" not in page and "@import" not in page
    assert "&lt;h1&gt;Thông báo&lt;/h1&gt;" in page  # the source is shown, escaped
    assert "<mark class=" in page and 'href="#m-0-0"' in page and 'id="m-0-0"' in page  # list <-> text


def test_highlight_splits_overlapping_findings() -> None:
    src = "Hồ sơ đã được tiếp nhận <đầy đủ>."
    common: dict[str, Any] = {"line": 1, "column": 1, "message": 'Thông điệp "một"', "suggestion": None}
    outer = Finding(
        analyzer="sentence_length",
        rule="sentence_length.long",
        severity="warning",
        start=0,
        end=len(src),
        text=src,
        **common,
    )
    inner = Finding(
        analyzer="passive", rule="passive.short", severity="error", start=9, end=23, text=src[9:23], **common
    )
    out = html.highlight(src, [outer, inner])
    assert out.count("<mark") == 3
    # The sentence-level finding is an underline (sl), never a background class of its own.
    assert 'class="a-passive sl sl-warning sev-error"' in out and "a-sentence_length" not in out
    assert "&lt;đầy đủ&gt;" in out
    assert out.replace("</mark>", "").count(">") == 3  # only the three opening tags
