"""Pieces of the service that need no server: UTF-16 offsets, settings from the environment, the rules adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnpolicytext.errors import ConfigError
from vnpolicytext.models import Finding
from vnpolicytext.server.offsets import report_to_utf16, utf16_converter, utf16_length
from vnpolicytext.server.settings import DEFAULT_MAX_BODY, Settings, parse_size, settings_from_env

TEXT_WITH_ASTRAL = st.text(
    alphabet=st.sampled_from(["a", "ệ", " ", "\n", "😀", "𠀀", "🏛", "\u0301", "đ"]), max_size=60
)


@given(TEXT_WITH_ASTRAL, st.data())
def test_utf16_converter_matches_javascript_indices(text: str, data: st.DataObject) -> None:
    convert = utf16_converter(text)
    i = data.draw(st.integers(0, len(text)))
    assert convert(i) == len(text[:i].encode("utf-16-le")) // 2
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2


def test_report_to_utf16_converts_findings_sentences_and_summaries() -> None:
    import vnpolicytext

    text = "👋 UBND xã đã được giao nhiệm vụ.\n🎉 UBND xã thông báo lịch tiếp dân."
    report = vnpolicytext.analyze(text)
    moved = report_to_utf16(report, text)
    units = text.encode("utf-16-le")
    assert moved.findings and [f.rule for f in moved.findings] == [f.rule for f in report.findings]
    for f, before in zip(moved.findings, report.findings, strict=True):
        assert units[2 * f.start : 2 * f.end].decode("utf-16-le") == f.text == before.text
        assert f.start == before.start + 1  # one emoji before each
        assert f.column == before.column + 1 and f.line == before.line
    for s in moved.sentences:
        assert units[2 * s.start : 2 * s.end].decode("utf-16-le") == s.text
    assert moved.abbreviation is not None and report.abbreviation is not None
    assert moved.abbreviation.items[0].first_start == report.abbreviation.items[0].first_start + 1 == 3
    assert report.findings[0].start == moved.findings[0].start - 1  # the report itself is left alone
    assert report_to_utf16(report, text.replace("👋", "*").replace("🎉", "*")) is report  # nothing to move


def test_report_to_utf16_follows_marked_data_keys_nested_spans_included() -> None:
    import vnpolicytext

    text = "Hồ sơ 📄 gồm tờ khai 📝 và bản sao giấy khai sinh."
    report = vnpolicytext.analyze(text)
    term = text.index("tờ khai")
    copy = text.index("bản sao")
    finding = Finding(
        analyzer="glossary",
        rule="glossary.undefined",
        severity="info",
        start=term,
        end=term + 7,
        text="tờ khai",
        line=1,
        column=term + 1,
        message="Thuật ngữ chưa được giải thích.",
        data={
            "term": {"start": term, "end": term + 7, "text": "tờ khai"},  # a nested span
            "uses": [
                {"start": term, "end": term + 7, "text": "tờ khai"},
                {"start": copy, "end": copy + 7, "text": "bản sao"},
            ],
            "defined_at": copy,
            "first_start": copy,  # named like an offset, not marked: a count for this test, left as it is
            "count": copy,
        },
    )
    finding.mark_offsets(["term", "uses", "defined_at"])
    moved = report_to_utf16(report.model_copy(update={"findings": [finding]}), text).findings[0]
    units = text.encode("utf-16-le")

    def in_utf16(span: dict[str, object]) -> str:
        return units[2 * int(span["start"]) : 2 * int(span["end"])].decode("utf-16-le")  # type: ignore[call-overload]

    assert in_utf16(moved.data["term"]) == moved.data["term"]["text"] == "tờ khai"
    assert moved.data["term"]["start"] == term + 1  # one emoji before
    assert [in_utf16(u) for u in moved.data["uses"]] == ["tờ khai", "bản sao"]
    assert moved.data["uses"][1]["start"] == copy + 2  # two emoji before
    assert moved.data["defined_at"] == copy + 2
    assert moved.data["first_start"] == moved.data["count"] == copy
    assert moved.offset_keys == ("term", "uses", "defined_at")
    assert finding.data["term"]["start"] == term  # the original finding is not changed


def test_settings_from_environment() -> None:
    env = {
        "VNPOLICYTEXT_HOST": "0.0.0.0",
        "VNPOLICYTEXT_PORT": "9000",
        "VNPOLICYTEXT_WORKERS": "3",
        "VNPOLICYTEXT_PROFILE": "news",
        "VNPOLICYTEXT_MAX_BODY": "2MB",
        "VNPOLICYTEXT_TIMEOUT": "12.5",
        "VNPOLICYTEXT_CORS_ORIGINS": "https://a.gov.vn, https://b.gov.vn",
    }
    s = settings_from_env(env)
    assert s == Settings(
        "0.0.0.0", 9000, 3, "news", None, 2 * 1024 * 1024, 12.5, ("https://a.gov.vn", "https://b.gov.vn")
    )
    assert s.pool_size() == 3 and Settings().pool_size() >= 1
    assert settings_from_env({}).max_body == DEFAULT_MAX_BODY == 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"VNPOLICYTEXT_PORT": "http"}, "VNPOLICYTEXT_PORT"),
        ({"VNPOLICYTEXT_PROFILE": "kids"}, "VNPOLICYTEXT_PROFILE"),
        ({"VNPOLICYTEXT_MAX_BODY": "lots"}, "invalid size"),
        ({"VNPOLICYTEXT_TIMEOUT": "-1"}, "timeout"),
        ({"VNPOLICYTEXT_CONFIG": "/no/such/file.toml"}, "not found"),
    ],
)
def test_bad_settings_name_what_is_wrong(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        settings_from_env(env)


def test_parse_size() -> None:
    assert parse_size("5000") == 5000
    assert parse_size("512k") == 512 * 1024
    assert parse_size("1.5 MiB") == 1572864
    assert parse_size("1G") == 1024**3
    with pytest.raises(ConfigError):
        parse_size("0")


def test_serve_command_refuses_bad_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vnpolicytext.cli import main

    assert main(["serve", "--max-body", "huge"]) == 2
    assert main(["serve", "--config", str(tmp_path / "missing.toml")]) == 2
    assert main(["serve", "--workers", "-1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("vnpolicytext: error: ") for line in err)


def _budget_outcomes() -> tuple[object, object, object, bool]:
    """The three jobs of the time-budget test, in a fresh process (a worker's situation: nothing else ran)."""
    import signal
    import time

    from vnpolicytext.config import Config
    from vnpolicytext.server import worker

    # the models are loaded first, as a worker does before its first request (a load runs in C code,
    # where no signal can stop it)
    worker.run(worker.Job("analyze", "Hồ sơ đã được tiếp nhận.", "text", Config(), "codepoint", time.time() + 60))
    long_text = "Hồ sơ đã được tiếp nhận tại bộ phận một cửa của phường theo quy định hiện hành. " * 3000
    outcome = worker.run(worker.Job("check", long_text, "text", Config(), "utf16", time.time() + 0.3))
    restored = signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    queued = worker.run(worker.Job("analyze", "Hồ sơ.", "text", Config(), "codepoint", time.time() - 1))
    ok = worker.run(
        worker.Job("analyze", "Hồ sơ đã được tiếp nhận.", "text", Config(), "codepoint", time.time() + 60)
    )
    return outcome, queued, ok, restored


def test_worker_stops_a_job_at_its_time_budget() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        outcome, queued, ok, restored = pool.submit(_budget_outcomes).result(timeout=300)
    # Stopped, not run to the end (the whole check takes about 3 s of CPU): no body, and soon after 0.3 s.
    assert outcome.error == "timeout" and outcome.body is None, outcome.message  # type: ignore[attr-defined]
    assert outcome.wall_ms < 8000 and outcome.cpu_ms < 2000, (outcome.wall_ms, outcome.cpu_ms)  # type: ignore[attr-defined]
    assert restored  # handler restored
    assert queued.error == "timeout" and "queue" in queued.message  # type: ignore[attr-defined]
    assert ok.error is None and ok.body is not None and ok.cpu_ms > 0  # type: ignore[attr-defined]
