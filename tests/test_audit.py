"""Batch analysis and audits: sources, tables, resume, errors, Dask against the process pool, the report page."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import vnpolicytext  # noqa: E402
from vnpolicytext import batch  # noqa: E402
from vnpolicytext.audit import (  # noqa: E402
    Progress,
    arrow_type,
    committed_parts,
    local_cluster,
    read_table,
    run_audit,
    static_malloc_thresholds,
)
from vnpolicytext.cli import main  # noqa: E402

from .audit_texts import DOCUMENTS, NEWS_HTML, NOTICE_ID_CARD, NOTICE_WATER, PROCEDURE_BIRTH, variant  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _scripts_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_audit_schema", ROOT / "scripts" / "make_audit_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of notices and news (one HTML page, one binary file named .txt), a JSON Lines and a Parquet file."""
    src = tmp_path / "src"
    (src / "portal").mkdir(parents=True)
    for name, text in DOCUMENTS.items():
        (src / "portal" / f"{name}.txt").write_text(text, encoding="utf-8")
    (src / "portal" / "news_jobs.html").write_text(NEWS_HTML, encoding="utf-8")
    (src / "portal" / "scan.txt").write_bytes(PNG_BYTES)  # a scanned page saved with the wrong name
    lines = [
        {"id": "tb-01", "text": NOTICE_WATER, "agency": "Công ty cấp nước", "year": 2027},
        {"id": "tb-02", "text": NOTICE_ID_CARD, "agency": "UBND xã", "year": 2027},
        {"id": "tt-03", "path": "portal/procedure_birth.txt", "agency": "UBND xã", "year": 2026},
        {"id": "tin-04", "html": NEWS_HTML, "agency": "Huyện", "year": 2026},
    ]
    body = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{not json\n"
    (src / "pages.jsonl").write_text(body, encoding="utf-8")
    pq.write_table(
        pa.table(
            {
                "id": ["pq-1", "pq-2"],
                "body": [variant(1), variant(2)],
                "agency": ["Trạm y tế", "Trạm y tế"],
            }
        ),
        src / "pages.parquet",
    )
    return src


def _sources(src: Path) -> list[str]:
    return [str(src / "portal"), str(src / "pages.jsonl"), str(src / "pages.parquet")]


# --------------------------------------------------------------------------- schema


def test_column_schema_is_pinned() -> None:
    """Columns and types equal the stored schema; regenerate with scripts/make_audit_schema.py on purpose."""
    module = _scripts_module()
    stored = json.loads((ROOT / "tests" / "data" / "audit_schema.json").read_text(encoding="utf-8"))
    assert module.schema() == stored
    assert module.columns_block() in (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")


def test_summary_columns_follow_the_report_models(notice_report: vnpolicytext.Report) -> None:
    names = {name for name, _, _ in batch.summary_columns()}
    for analyzer in ("sentence_length", "passive", "jargon", "abbreviation", "glossary", "readability"):
        assert any(n.startswith(analyzer + "__") for n in names), analyzer
    assert "sentence_length__limits__long" in names and "readability__clarity_score" in names
    assert "jargon__top_terms" not in names  # lists stay in the full report
    row, _ = batch.document_row(
        batch.DocRef(id="x", kind="inline", path=None), notice_report, vnpolicytext.Config()
    )
    assert row["passive__short"] == notice_report.passive.short  # type: ignore[union-attr]
    assert row["sentence_length__limits__very_long"] == 60


# --------------------------------------------------------------------------- a run


def test_audit_tables_errors_and_resume(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    summary = run_audit(_sources(corpus), out, jobs=1, text_column="body", progress=None)
    docs = read_table(out, "documents")
    errors = read_table(out, "errors")
    findings = read_table(out, "findings")
    # Schema of the written table: the fixed columns first, with their documented types, then the metadata.
    fixed = batch.document_columns()
    assert docs.column_names[: len(fixed)] == [n for n, _ in fixed]
    assert all(docs.schema.field(n).type == arrow_type(t) for n, t in fixed)
    assert [n for n in docs.column_names[len(fixed) :]] == ["meta__agency", "meta__year"]
    assert {"meta__agency", "meta__year"} <= set(docs.column_names)

    ids = docs.column("id").to_pylist()
    assert (
        "tb-01" in ids
        and "tt-03" in ids
        and "pq-2" in ids
        and str(corpus / "portal" / "news_jobs.html") in ids
    )
    by_id = {e["id"]: e for e in errors.to_pylist()}
    poisoned = by_id[str(corpus / "portal" / "scan.txt")]
    assert poisoned["error_type"] == "InputError" and "UTF-8" in poisoned["message"]
    assert by_id[f"{corpus / 'pages.jsonl'}:5"]["error_type"] == "InputError"  # the broken JSON line
    assert summary.documents == len(ids) + len(by_id) == 14
    assert summary.errors == 2

    rows = {r["id"]: r for r in docs.to_pylist()}
    # Metadata carried through as strings; JSON Lines "path" relative to the file; HTML read as HTML.
    assert rows["tb-02"]["meta__agency"] == "UBND xã" and rows["tb-02"]["meta__year"] == "2027"
    assert rows["pq-1"]["meta__agency"] == "Trạm y tế" and rows["pq-1"]["source_kind"] == "parquet"
    assert rows["tin-04"]["input_format"] == "html"
    # Every figure equals what the library says for the same text.
    for doc_id, text, fmt in (("tb-01", NOTICE_WATER, "text"), ("tin-04", NEWS_HTML, "html")):
        result = vnpolicytext.check(text, input_format=fmt)
        report = result.report
        row = rows[doc_id]
        assert row["clarity_score"] == report.readability.clarity_score  # type: ignore[union-attr]
        assert row["check_passed"] == result.passed
        assert row["check_failed"] == ",".join(g.gate for g in result.failures)
        assert row["findings"] == len(report.findings)
        assert row["text__syllables"] == report.text.syllables
        assert sum(v for k, v in row.items() if k.startswith("rule__")) == row["findings"]
        mine = [f for f in findings.to_pylist() if f["id"] == doc_id]
        assert [(f["start"], f["end"], f["rule"]) for f in mine] == sorted(
            (f.start, f.end, f.rule) for f in report.findings
        )
        for f in mine:
            assert text[f["start"] : f["end"]] == f["text"]

    # Rerun: nothing changed, so only the two failed documents are tried again.
    parts_before = set(committed_parts(out))
    again = run_audit(_sources(corpus), out, jobs=1, text_column="body")
    assert (again.skipped, again.analyzed, again.errors) == (12, 0, 2)

    # Change one notice: only it is redone; its row is replaced, not duplicated.
    changed = corpus / "portal" / "notice_id_card.txt"
    changed.write_text(
        NOTICE_ID_CARD.replace("từ 14 tuổi trở lên", "từ đủ 14 tuổi trở lên, kể cả người khuyết tật"),
        encoding="utf-8",
    )
    third = run_audit(_sources(corpus), out, jobs=1, text_column="body")
    assert (third.skipped, third.analyzed) == (11, 1)
    after = read_table(out, "documents")
    assert after.num_rows == docs.num_rows and len(set(after.column("id").to_pylist())) == after.num_rows
    assert len(set(committed_parts(out)) - parts_before) == 2  # second run: the failed two; third: one part
    raw = pa.concat_tables(
        [pq.read_table(p) for p in sorted((out / "documents").glob("*.parquet"))], promote_options="default"
    )
    assert raw.column("id").to_pylist().count(str(changed)) == 1  # the superseded row was compacted away
    new_rows = {r["id"]: r for r in after.to_pylist()}
    assert [i for i in rows if new_rows[i]["hash"] != rows[i]["hash"]] == [str(changed)]
    new_text = changed.read_text(encoding="utf-8")
    changed_findings = [f for f in read_table(out, "findings").to_pylist() if f["id"] == str(changed)]
    assert changed_findings and all(new_text[f["start"] : f["end"]] == f["text"] for f in changed_findings)
    assert len(changed_findings) == new_rows[str(changed)]["findings"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["complete"] for r in manifest["runs"]] == [True, True, True]


def test_killed_run_resumes_without_redoing_parts(tmp_path: Path) -> None:
    src = tmp_path / "notices"
    src.mkdir()
    for i in range(40):
        (src / f"tb_{i:02d}.txt").write_text(variant(i), encoding="utf-8")
    out = tmp_path / "results"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [
        sys.executable,
        "-m",
        "vnpolicytext.cli",
        "audit",
        str(src),
        "-o",
        str(out),
        "--jobs",
        "1",
        "--partition-mb",
        "0.001",
        "--quiet",
    ]  # one notice per part
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(committed_parts(out)) < 3 and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = {p: (out / "documents" / f"{p}.parquet").stat().st_mtime_ns for p in committed_parts(out)}
    assert 3 <= len(first) < 40, "the run must be killed halfway"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["runs"][-1]["complete"] is False

    assert main(cmd[3:]) == 0  # the rerun, in this process
    docs = read_table(out, "documents")
    assert sorted(docs.column("id").to_pylist()) == sorted(str(p) for p in src.glob("*.txt"))
    # The parts of the killed run are untouched; the new run wrote only the documents left.
    for part, mtime in first.items():
        assert (out / "documents" / f"{part}.parquet").stat().st_mtime_ns == mtime
    new_parts = [p for p in committed_parts(out) if p not in first]
    assert sum(pq.read_metadata(out / "documents" / f"{p}.parquet").num_rows for p in new_parts) == 40 - len(
        first
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["runs"][-1]["skipped"] == len(first)


# --------------------------------------------------------------------------- Dask and the pool


def _comparable(out: Path, table: str) -> list[dict[str, Any]]:
    rows = read_table(out, table).to_pylist()
    for r in rows:
        r.pop("seconds", None)
    return rows


def test_dask_cluster_and_process_pool_write_identical_tables(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")
    import vnpolicytext.dask as vdask

    sources = _sources(corpus)
    pool_out, dask_out = tmp_path / "pool", tmp_path / "dask"
    pool = run_audit(sources, pool_out, jobs=2, partition_chars=1500, text_column="body", time_budget=600)
    assert len(pool.parts) >= 4  # several parts, so both workers got some
    with (
        local_cluster(2) as cluster,  # what `--dask local --jobs 2` starts
        distributed.Client(cluster) as client,
    ):
        # the workers' malloc adapts its thresholds as a pool worker's does (no trim setting from the nanny)
        assert list(client.run(static_malloc_thresholds).values()) == [None, None]
        code = main(
            [
                "audit",
                *sources,
                "-o",
                str(dask_out),
                "--dask",
                cluster.scheduler_address,
                "--partition-mb",
                "0.0015",
                "--text-column",
                "body",
                "--profile",
                "citizen",  # the pool run above uses the default configuration
                "--quiet",
            ]
        )
        assert code == 0
        run = json.loads((dask_out / "manifest.json").read_text(encoding="utf-8"))["runs"][-1]
        assert len(run["workers"]) == 2 and all(not w.endswith(f":{os.getpid()}") for w in run["workers"])
        texts = pd.DataFrame({"text": [NOTICE_WATER, PROCEDURE_BIRTH, None], "agency": ["a", "b", "c"]})
        figures = vdask.analyze_dataframe(dd.from_pandas(texts, npartitions=2)).compute()
    for table in ("documents", "findings", "errors"):
        assert _comparable(pool_out, table) == _comparable(dask_out, table), table
    assert list(figures.index) == [0, 1, 2]
    assert figures.loc[0, "clarity_score"] == vnpolicytext.analyze(NOTICE_WATER).readability.clarity_score  # type: ignore[union-attr]
    assert figures.loc[1, "findings"] == len(vnpolicytext.analyze(PROCEDURE_BIRTH).findings)
    assert figures.loc[2, "error_type"] == "InputError"
    assert pd.isna(figures.loc[0, "error_type"])


# --------------------------------------------------------------------------- the Python API


def test_analyze_many_keeps_input_order_and_reports_errors() -> None:
    items: list[Any] = [
        NOTICE_WATER,
        {"id": "tt", "text": PROCEDURE_BIRTH, "agency": "UBND xã"},
        {"id": "bad", "text": 42},
        {"id": "web", "html": NEWS_HTML},
        NOTICE_ID_CARD,
    ]
    results = list(batch.analyze_many(items, jobs=2))
    assert [r.id for r in results] == ["0", "tt", "bad", "web", "4"]
    assert results[2].error is not None and results[2].row is None
    assert results[1].row is not None and results[1].row["meta__agency"] == "UBND xã"
    assert results[3].row is not None and results[3].row["input_format"] == "html"
    single = list(batch.analyze_many(items, jobs=1))
    for a, b in zip(results, single, strict=True):
        assert (a.row or {}).get("clarity_score") == (b.row or {}).get("clarity_score")
        assert a.findings == b.findings
    assert results[0].row["clarity_score"] == vnpolicytext.analyze(NOTICE_WATER).readability.clarity_score  # type: ignore[index,union-attr]


def _slow_python() -> int:
    n = 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        n += 1
    return n


def test_time_budget_stops_a_document_in_any_thread() -> None:
    started = time.monotonic()
    with pytest.raises(batch.DocumentTimeout):
        batch.call_with_budget(_slow_python, 0.2)
    assert time.monotonic() - started < 5
    caught: list[BaseException] = []

    def in_thread() -> None:
        try:
            batch.call_with_budget(_slow_python, 0.2)
        except batch.DocumentTimeout as exc:
            caught.append(exc)

    t = threading.Thread(target=in_thread)
    t.start()
    t.join(10)
    assert caught and not t.is_alive()
    assert batch.call_with_budget(lambda: 7, 5) == 7  # no late exception after a fast call
    time.sleep(0.05)


def test_profile_hook_is_recorded_per_document() -> None:
    items = [{"id": "law", "text": DOCUMENTS["decree_excerpt"]}, {"id": "notice", "text": NOTICE_WATER}]
    results = list(batch.analyze_many(items, profile_for=_profile_by_heading))
    assert [r.row["profile"] for r in results if r.row] == ["legal", "citizen"]
    legal = results[0].row
    assert legal is not None and legal["sentence_length__limits__long"] == 60


def _profile_by_heading(text: str) -> str:
    return "legal" if text.startswith("Điều") else "citizen"


# --------------------------------------------------------------------------- the command line


def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path / "missing"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vnpolicytext: error: ") and err.count("\n") == 1 and "missing" in err
    (tmp_path / "a.txt").write_text(NOTICE_WATER, encoding="utf-8")
    assert main(["audit", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--jobs", "0"]) == 2
    assert main(["audit", str(tmp_path / "a.txt")]) == 2  # -o is required
    dup = tmp_path / "dup.jsonl"
    dup.write_text('{"id": "x", "text": "Xin chào."}\n{"id": "x", "text": "Tạm biệt."}\n', encoding="utf-8")
    assert main(["audit", str(dup), "-o", str(tmp_path / "out2")]) == 2
    assert "duplicate document id 'x'" in capsys.readouterr().err
    assert main(["audit-report", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 2


def test_cli_progress_lines_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"tb{i}.txt").write_text(variant(i), encoding="utf-8")
    assert main(["audit", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert any(
        line.startswith("vnpolicytext: audit: 3/3 documents (0 errors)") and "docs/s" in line
        for line in lines
    )
    assert lines[-1].startswith("vnpolicytext: audit complete: 3 documents, 3 analyzed, 0 errors")
    assert main(["audit", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_one_line_on_a_terminal() -> None:
    stream = _Terminal()
    bar = Progress(total_docs=4, total_size=4000, stream=stream)
    bar.step(2, 0, 1800, 2000)
    time.sleep(0.25)
    bar.step(1, 1, 900, 2000)
    bar.finish()
    out = stream.getvalue()
    assert out.startswith("\r2/4 documents (0 errors), ") and "ETA" in out
    assert "\r4/4 documents (1 errors)" in out and out.endswith("\n") and out.count("\n") == 1


# --------------------------------------------------------------------------- the report page


def test_audit_report_page_in_a_browser(corpus: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (scripts/system_deps.sh)")
    out = tmp_path / "results"
    run_audit(_sources(corpus), out, jobs=1, text_column="body")
    page_path = tmp_path / "report.html"
    assert main(["audit-report", str(out), "-o", str(page_path), "--group-by", "agency", "--worst", "3"]) == 0
    html = page_path.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "Theo agency" in html and "UBND xã" in html and "passive.short" in html
    pages = sorted((tmp_path / "report_files").glob("doc-*.html"))
    assert len(pages) == 3

    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            assert page.locator("svg").count() >= 4
            boxes = page.locator("svg rect").count()
            assert boxes > 10
            shot = page.screenshot(full_page=True)
            assert len(shot) > 10_000
            first_link = page.locator("a").first
            first_link.click()
            page.wait_for_load_state()
            assert "vnpolicytext" in page.title() or page.locator("mark").count() > 0
        finally:
            browser.close()
    assert all(url.startswith("file://") for url in requests), requests
