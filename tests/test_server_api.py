"""The HTTP service through FastAPI's test client: every endpoint and every error answer."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

import vnpolicytext
from vnpolicytext.cli import main
from vnpolicytext.server import Settings, create_app
from vnpolicytext.server.app import static_dir

NOTICE = (
    "THÔNG BÁO\n"
    "Về việc nhận hồ sơ xin hỗ trợ học phí năm học 2026-2027\n\n"
    "UBND xã Hòa Phú thông báo tới phụ huynh học sinh trên địa bàn như sau. "
    "Hồ sơ xin hỗ trợ học phí đã được tiếp nhận tại bộ phận một cửa từ ngày 05/9/2026. "
    "Đề nghị các thôn quán triệt và triển khai tới từng hộ gia đình.\n"
)
HTML = (
    "<h1>Thông báo</h1>\n"
    "<p>Giấy tờ <b>đã được</b> trả lại cho người nộp &amp; gia đình.</p>\n"
    "<p>UBND xã quán triệt và triển khai thực hiện.</p>\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Settings(workers=1))
    with TestClient(app) as c:  # runs the lifespan: the pool starts and its worker warms up
        yield c


def post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_analyze_text_is_the_library_report(client: TestClient) -> None:
    data = post(client, "/v1/analyze", {"text": NOTICE})
    expected = vnpolicytext.analyze(NOTICE).model_dump(mode="json")
    assert data == expected
    assert {f["rule"] for f in data["findings"]} >= {
        "passive.short",
        "jargon.cliche",
        "abbreviation.undefined",
    }
    for f in data["findings"]:
        assert NOTICE[f["start"] : f["end"]] == f["text"]


def test_analyze_html_and_markdown_index_the_source(client: TestClient) -> None:
    data = post(client, "/v1/analyze", {"html": HTML})
    passive = [f for f in data["findings"] if f["rule"] == "passive.short"]
    assert passive and all(HTML[f["start"] : f["end"]] == f["text"] for f in data["findings"])
    assert "<b>" in passive[0]["text"] or passive[0]["text"].startswith("được")
    md = "# Thông báo\n\nHồ sơ **đã được tiếp nhận** tại xã.\n"
    data = post(client, "/v1/analyze", {"markdown": md})
    assert [md[f["start"] : f["end"]] for f in data["findings"]] == [f["text"] for f in data["findings"]]
    assert data["sentences"][0]["kind"] == "heading"


def test_check_applies_the_gates_and_the_request_config(client: TestClient) -> None:
    data = post(client, "/v1/check", {"text": NOTICE})
    expected = vnpolicytext.check(NOTICE)
    assert data["passed"] is expected.passed is False
    assert [g["gate"] for g in data["failures"]] == [g.gate for g in expected.failures]
    assert "max_undefined_abbreviations" in [g["gate"] for g in data["failures"]]
    lenient = {"check": {"fail_on": "never", "min_clarity": None, "max_undefined_abbreviations": None}}
    data = post(client, "/v1/check", {"text": NOTICE, "config": lenient})
    assert data["passed"] is True and data["failures"] == []
    data = post(client, "/v1/check", {"text": NOTICE, "config": {"rules": {"abbreviation.undefined": "off"}}})
    assert "abbreviation.undefined" not in {f["rule"] for f in data["report"]["findings"]}


def test_profile_overrides_the_server_default(client: TestClient) -> None:
    text = "Người khởi kiện phải nộp tạm ứng án phí theo quy định."
    citizen = post(client, "/v1/analyze", {"text": text})
    legal = post(client, "/v1/analyze", {"text": text, "profile": "legal"})
    assert citizen["profile"] == "citizen" and legal["profile"] == "legal"
    assert legal == vnpolicytext.analyze(text, config={"profile": "legal"}).model_dump(mode="json")


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) returns."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_utf16_offsets_survive_emoji_and_rare_cjk(client: TestClient) -> None:
    text = "📢 Thông báo 𠀀: UBND xã đã được 👍 tiếp nhận hồ sơ.\n🙏 Hồ sơ bị trả lại khi thiếu giấy tờ."
    points = post(client, "/v1/analyze", {"text": text})
    units = post(client, "/v1/analyze", {"text": text, "offsets": "utf16"})
    assert len(points["findings"]) == len(units["findings"]) >= 2
    for p, u in zip(points["findings"], units["findings"], strict=True):
        assert utf16_slice(text, u["start"], u["end"]) == u["text"] == p["text"]
        assert u["start"] > p["start"]  # every finding comes after at least one astral character
        line_start = text.rfind("\n", 0, p["start"]) + 1
        assert u["column"] == len(text[line_start : p["start"]].encode("utf-16-le")) // 2 + 1
    for s in units["sentences"]:
        assert utf16_slice(text, s["start"], s["end"]) == s["text"]
    item = units["abbreviation"]["items"][0]
    assert utf16_slice(text, item["first_start"], item["first_start"] + 4) == "UBND"
    checked = post(client, "/v1/check", {"text": text, "offsets": "utf16"})
    assert checked["report"]["findings"] == units["findings"]


def test_rules(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    rules = client.get("/v1/rules").json()
    ids = [r["id"] for r in rules]
    assert "passive.short" in ids and len(ids) == len(set(ids))
    assert main(["rules"]) == 0  # the same catalogue as the command line's
    assert ids == [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    one = client.get("/v1/rules/passive.short").json()
    assert one["analyzer"] == "passive" and one["severity"] == "warning" and one["example"]


def test_health_version_openapi_and_docs(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "workers": 1}
    version = client.get("/version").json()
    assert version["vnpolicytext"] == vnpolicytext.__version__ and version["underthesea"]
    spec = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/check", "/v1/rules", "/v1/rules/{rule_id}", "/healthz", "/version"} <= set(
        spec["paths"]
    )
    body = spec["paths"]["/v1/analyze"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/AnalyzeRequest")
    assert {"413", "415", "422", "504"} <= set(spec["paths"]["/v1/check"]["post"]["responses"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text
    page = client.get("/")
    assert page.status_code == 200 and "Kiểm tra" in page.text
    assert (
        client.get("/static/vnpolicytext.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )


def test_no_external_assets_anywhere() -> None:
    for path in static_dir().iterdir():
        text = path.read_text(encoding="utf-8")
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", text) + re.findall(
            r"""(?:import[^"']*from|url\()\s*["']?([^"')]+)""", text
        )
        for ref in refs:
            assert not re.match(r"(?i)(https?:)?//", ref), f"{path.name} loads {ref}"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, None, "invalid_request"),
        ({"text": "a", "html": "<p>a</p>"}, None, "invalid_request"),
        ({"text": 3}, "text", "invalid_request"),
        ({"text": "a", "offsets": "bytes"}, "offsets", "invalid_request"),
        ({"text": "a", "profile": "children"}, "profile", "invalid_request"),
        ({"text": "a", "colour": "red"}, "colour", "invalid_request"),
        ({"text": "a", "config": "strict"}, "config", "invalid_request"),
        ({"text": "a", "config": {"rules": {"passive.shortt": "off"}}}, "config.rules", "invalid_config"),
        ({"text": "a", "config": {"speed": 3}}, "config.speed", "invalid_config"),
        (
            {"text": "a", "config": {"check": {"min_clarity": 140}}},
            "config.check.min_clarity",
            "invalid_config",
        ),
        ({"text": "a", "config": {"jargon_files": ["/etc/passwd"]}}, "config.jargon_files", "invalid_config"),
        ({"markdown": "Hồ sơ \ud800 đã nộp"}, "markdown", "invalid_request"),
    ],
)
def test_invalid_bodies_get_422_with_the_field(
    client: TestClient, body: dict[str, Any], field: str | None, code: str
) -> None:
    for path in ("/v1/analyze", "/v1/check"):
        raw = json.dumps(body)  # ASCII JSON: a lone surrogate travels as a \ud800 escape
        response = client.post(path, content=raw, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        error = response.json()
        assert error["error"] == code and error["field"] == field and error["message"]
        assert "Traceback" not in response.text


def test_malformed_json_and_wrong_content_type(client: TestClient) -> None:
    bad = client.post(
        "/v1/analyze", content='{"text": "Hồ sơ'.encode(), headers={"content-type": "application/json"}
    )
    assert bad.status_code == 422 and "JSON" in bad.json()["message"]
    for headers in (
        {"content-type": "text/plain"},
        {"content-type": "application/x-www-form-urlencoded"},
        {},
    ):
        response = client.post("/v1/check", content='{"text": "Hồ sơ"}'.encode(), headers=headers)
        assert response.status_code == 415, headers
        assert response.json()["error"] == "unsupported_media_type"


def test_oversized_bodies_are_refused_before_reading(client: TestClient) -> None:
    big = b'{"text": "' + "Hồ sơ đã được tiếp nhận. ".encode() * 1_100_000 + b'"}'  # about 30 MB
    assert len(big) > 25_000_000
    response = client.post("/v1/analyze", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"text": "'
        for _ in range(7):
            yield b"a" * 1_000_000
        yield b'"}'

    response = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "5242880" in response.json()["message"]


def test_not_found_and_wrong_method(client: TestClient) -> None:
    missing = client.get("/v1/rules/passive.nope")
    assert missing.status_code == 404 and missing.json()["field"] == "rule_id"
    assert client.get("/v2/analyze").json()["error"] == "not_found"
    wrong = client.get("/v1/analyze")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method_not_allowed"


def test_time_budget_gives_504(client: TestClient) -> None:
    service = client.app.state.service  # type: ignore[attr-defined]
    settings = service.settings
    service.settings = dataclasses.replace(settings, timeout=0.001)
    try:
        response = client.post("/v1/analyze", json={"text": NOTICE * 40})
    finally:
        service.settings = settings
    assert response.status_code == 504 and response.json()["error"] == "timeout"
    assert client.post("/v1/analyze", json={"text": NOTICE}).status_code == 200  # the pool still answers


def test_cors_origin() -> None:
    app = create_app(Settings(workers=1, cors_origins=("https://cms.example.gov.vn",)))
    c = TestClient(app)  # no lifespan: the rules endpoint needs no worker
    response = c.get("/v1/rules", headers={"Origin": "https://cms.example.gov.vn"})
    assert response.headers["access-control-allow-origin"] == "https://cms.example.gov.vn"
    other = c.get("/v1/rules", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = c.options(
        "/v1/check",
        headers={
            "Origin": "https://cms.example.gov.vn",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    module = c.get("/static/vnpolicytext.js", headers={"Origin": "https://cms.example.gov.vn"})
    assert module.headers["access-control-allow-origin"] == "https://cms.example.gov.vn"  # importable


def test_static_files_are_package_data() -> None:
    names = {p.name for p in static_dir().iterdir()}
    assert {"index.html", "editor.js", "editor.css", "vnpolicytext.js", "docs.html", "docs.js"} <= names
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"server/static/*"' in pyproject
