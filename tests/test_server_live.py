"""The real service: `vnpolicytext serve` (uvicorn) on a free 127.0.0.1 port, called over HTTP, its editor
page driven in Chromium with Playwright, and its OpenAPI description fuzzed with schemathesis."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# A notice written for this test: emoji before findings, so code-point and UTF-16 offsets differ.
NOTICE = (
    "THÔNG BÁO 📢\n"
    "Về việc tiếp nhận hồ sơ đăng ký hộ kinh doanh năm 2027\n\n"
    "Ủy ban nhân dân phường Tân Định thông báo tới các hộ kinh doanh như sau. "
    "📌 Hồ sơ đăng ký đã được tiếp nhận tại bộ phận một cửa từ ngày 02/01/2027. "
    "Đề nghị các tổ dân phố quán triệt và triển khai đến từng hộ gia đình.\n\n"
    "Người nộp hồ sơ mang theo căn cước, giấy tờ chứng minh chỗ ở hợp pháp, bản sao hợp đồng thuê mặt bằng "
    "nếu có, giấy ủy quyền có chứng thực khi không trực tiếp đến nộp và các giấy tờ khác theo hướng dẫn của "
    "cán bộ tiếp nhận tại bộ phận một cửa của phường vào giờ hành chính từ thứ Hai đến thứ Sáu hằng tuần.\n\n"
    "Mọi thắc mắc xin gọi số 028 3820 1234 🙏.\n"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`vnpolicytext serve` in a child process: port by flag, body limit by environment variable."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), VNPOLICYTEXT_MAX_BODY="1MB")
    cmd = [sys.executable, "-m", "vnpolicytext.cli", "serve", "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"server not ready in 60 s:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_real_server_over_http(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as c:
        assert c.get("/healthz").json()["status"] == "ok"
        report = c.post("/v1/analyze", json={"text": NOTICE, "offsets": "utf16"}).json()
        units = NOTICE.encode("utf-16-le")
        for f in report["findings"]:
            assert units[2 * f["start"] : 2 * f["end"]].decode("utf-16-le") == f["text"]
        assert any(f["text"] == "được tiếp nhận" for f in report["findings"])
        big = {"text": "Hồ sơ đã được tiếp nhận. " * 60_000}  # about 1.6 MB, over VNPOLICYTEXT_MAX_BODY
        refused = c.post("/v1/check", json=big)
        assert refused.status_code == 413 and refused.json()["error"] == "body_too_large"
        assert c.post("/v1/check", content=b"text", headers={"content-type": "text/plain"}).status_code == 415


# --------------------------------------------------------------------------- the editor page in Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (scripts/system_deps.sh installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, has_touch=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    external: list[str] = []
    pg.on(
        "request",
        lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else external.append(r.url),
    )
    pg.goto(server + "/")
    yield pg
    context.close()
    assert not errors, errors
    assert not external, external


def marks_of(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#marked mark",
        f"ms => ms.filter(m => m.dataset.f.split(' ').includes('{index}')).map(m => m.textContent)",
    )


def test_editor_page_highlights_the_right_words(page: Any, tmp_path: Path) -> None:
    page.fill("#source", NOTICE)
    page.click("#run")
    page.wait_for_selector("#results:not([hidden])")
    items = page.eval_on_selector_all(
        "#findings li", "ls => ls.map(l => [l.dataset.index, l.querySelector('.quote').textContent])"
    )
    quotes = {q.strip("«»") for _, q in items}
    assert {"được tiếp nhận", "quán triệt và triển khai"} <= quotes
    # Each highlight covers exactly its words: the emoji before them did not shift anything.
    for index, quote in items:
        text = quote.strip("«»")
        if not text.endswith("…"):
            assert "".join(marks_of(page, int(index))) == text
    passive = next(int(i) for i, q in items if q == "«được tiếp nhận»")
    assert page.eval_on_selector_all(
        "#marked mark",
        f"ms => ms.filter(m => m.dataset.f.split(' ').includes('{passive}')).map(m => m.className)",
    ) == ["a-passive sev-warning"]
    # The long sentence is underlined (sl), not painted, and the words inside keep their own colour.
    long_marks = page.eval_on_selector_all("#marked mark.sl", "ms => ms.map(m => m.className)")
    assert long_marks and any("a-glossary" in c for c in long_marks)

    lights = page.eval_on_selector_all(
        "#lights li",
        "ls => ls.map(l => [l.dataset.analyzer, l.dataset.colour, l.querySelector('.reason').textContent])",
    )
    colours = {name: colour for name, colour, _ in lights}
    assert (
        colours["sentence_length"] == "red" and colours["passive"] == "orange" and colours["text"] == "green"
    )
    assert all(reason for _, _, reason in lights)
    assert "câu bị động không nói rõ ai làm" in dict((n, r) for n, _, r in lights)["passive"]
    assert page.inner_text("#score").endswith("/100") and page.inner_text("#level")
    assert page.locator("#heatmap button.heat").count() == 6

    # "Xem" scrolls to the words and focuses them; works from the keyboard.
    button = page.locator(f"#fi-{passive} button.show")
    button.focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.textContent]")
    assert focused == ["MARK", "được tiếp nhận"]
    box = page.locator("#marked mark.current").first.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] <= viewport["height"]
    # Touch: tapping a highlight selects its finding in the list.
    page.locator("#marked mark", has_text="quán triệt và triển khai").first.tap()
    assert "quán triệt và triển khai" in page.evaluate("document.activeElement.textContent")
    page.screenshot(path=str(tmp_path / "editor.png"), full_page=True)
    assert (tmp_path / "editor.png").stat().st_size > 10_000


def test_editor_apply_and_filter(page: Any) -> None:
    page.fill("#source", NOTICE)
    page.click("#run")
    page.wait_for_selector("#results:not([hidden])")
    apply = page.locator("#findings li", has_text="quán triệt và triển khai").locator("button.apply")
    assert apply.inner_text() == "Áp dụng: «phổ biến và thực hiện»"
    assert page.locator("#findings li", has_text="«được tiếp nhận»").locator("button.apply").count() == 0
    apply.click()
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Đã kiểm tra')")
    source = page.input_value("#source")
    assert "phổ biến và thực hiện đến từng hộ gia đình" in source and "quán triệt" not in source
    assert "📌 Hồ sơ đăng ký đã được tiếp nhận" in source  # the emoji and the rest are untouched
    only = page.locator('#lights li[data-analyzer="passive"] button.only')
    only.click()
    assert only.get_attribute("aria-pressed") == "true"
    kept = page.eval_on_selector_all("#marked mark.keep", "ms => ms.map(m => m.textContent)")
    assert kept == ["được tiếp nhận"]


def test_js_client_maps_findings_onto_a_contenteditable(page: Any) -> None:
    """The ES module on a contenteditable with markup and an emoji: ranges cover the flagged words."""
    result = page.evaluate(
        """async () => {
        const m = await import('./static/vnpolicytext.js');
        const div = document.createElement('div');
        div.contentEditable = 'true';
        div.innerHTML = '<h2>Thông báo 🏛️</h2><p>Hồ sơ <b>đã được</b> tiếp nhận.<br>😀 UBND xã quán triệt và '
          + 'triển khai thực hiện.</p><p>Giấy tờ bị trả lại.</p>';
        document.body.appendChild(div);
        const client = new m.Client();
        const { result, matches, text } = await m.checkElement(client, div);
        const painted = CSS.highlights.has('vnpt-passive') && CSS.highlights.has('vnpt-jargon');
        return { text, painted, pairs: matches.map(x => [x.finding.text, x.range.toString()]) };
    }"""
    )
    assert result["painted"]
    assert result["text"].startswith("Thông báo 🏛️\n\nHồ sơ đã được tiếp nhận.\n😀 UBND")
    pairs = result["pairs"]
    assert ["quán triệt và triển khai", "quán triệt và triển khai"] in pairs
    assert all(finding == dom for finding, dom in pairs), pairs


def test_js_replacements_and_marked_html(page: Any) -> None:
    """Which findings get a one-click fix, and the <mark> sweep over UTF-16 offsets."""
    out = page.evaluate(
        """async () => {
        const m = await import('./static/vnpolicytext.js');
        const f = (analyzer, text, data) => ({ analyzer, text, data, start: 2, end: 2 + text.length });
        const source = '😀 Quán triệt và triển khai ngay.';
        return {
          single: m.replacementFor(f('jargon', 'Quán triệt và triển khai', { alternative: 'phổ biến và thực hiện' })),
          several: m.replacementFor(f('jargon', 'kịp thời', { alternative: 'ngay | trong … ngày' })),
          hint: m.replacementFor(f('jargon', 'có liên quan', { alternative: 'các cơ quan (ghi rõ tên)' })),
          passive: m.replacementFor(f('passive', 'được tiếp nhận', {})),
          fixString: m.replacementFor(f('passive', 'được tiếp nhận', { fixes: ['đã nhận'] })),
          fixObject: m.replacementFor(f('text', 'UBND', { fixes: [{ start: 5, end: 9, replacement: 'Ủy ban' }] })),
          marked: m.markedHtml(source, [
            { analyzer: 'sentence_length', severity: 'warning', start: 0, end: source.length },
            { analyzer: 'jargon', severity: 'warning', start: 3, end: 27 },
          ]),
        };
    }"""
    )
    assert out["single"] == {"start": 2, "end": 26, "text": "Phổ biến và thực hiện"}  # keeps the capital
    assert out["several"] is None and out["hint"] is None and out["passive"] is None
    assert out["fixString"]["text"] == "đã nhận"
    assert out["fixObject"] == {"start": 5, "end": 9, "text": "Ủy ban"}
    assert (
        '<mark class="a-jargon sl sl-warning sev-warning overlap" data-f="0 1" tabindex="-1">Quán triệt và triển khai</mark>'
        in out["marked"]
    )
    assert out["marked"].startswith(
        '<mark class="sl sl-warning sev-warning" data-f="0" tabindex="-1">😀 </mark>'
    )


def test_api_docs_page_lists_the_endpoints(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector("#endpoints section")
    headings = page.eval_on_selector_all("#endpoints h2", "hs => hs.map(h => h.textContent)")
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
    assert any(h.startswith("POST /v1/analyze") for h in headings)
    assert any(h.startswith("GET /v1/rules/{rule_id}") for h in headings)


# --------------------------------------------------------------------------- schemathesis


def test_analyze_and_check_never_answer_5xx(server: str) -> None:
    """Bodies generated from the OpenAPI description, valid and invalid: 2xx or 4xx, never 5xx."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    for path in ("/v1/analyze", "/v1/check"):
        operation = schema[path]["POST"]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(mode))
            def run(case: Any) -> None:
                response = case.call(base_url=server, timeout=30)
                case.validate_response(response, checks=[not_a_server_error])

            run()
