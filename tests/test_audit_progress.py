"""Progress inside parts and inside a large document; part sizes and order; the benchmark's corpus size."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")

import vnpolicytext
from vnpolicytext.analyzers import ANALYZERS
from vnpolicytext.audit import (
    MIN_PART_CHARS,
    PROGRESS_DIR,
    PartitionTask,
    Progress,
    largest_first,
    part_size,
    read_table,
    run_audit,
)
from vnpolicytext.batch import DocRef

from .audit_texts import NOTICE_WATER, variant

ROOT = Path(__file__).resolve().parent.parent


def long_decree(articles: int) -> str:
    """A decree of `articles` articles on fees for civil status papers, each a little different."""
    parts = ["NGHỊ ĐỊNH\nQuy định lệ phí cấp giấy tờ hộ tịch\n\n"]
    for k in range(1, articles + 1):
        parts.append(
            f"Điều {k}. Lệ phí cấp bản sao loại {k}\n\n"
            f"1. Người đề nghị cấp bản sao giấy tờ hộ tịch loại {k} nộp lệ phí {k * 1000} đồng cho mỗi bản, "
            "trừ trường hợp được miễn theo quy định của pháp luật.\n\n"
            f"2. Ủy ban nhân dân cấp xã thu lệ phí quy định tại khoản 1 Điều {k} và nộp vào ngân sách nhà nước "
            "trong thời hạn năm ngày làm việc kể từ ngày thu.\n\n"
        )
    return "".join(parts)


# --------------------------------------------------------------------------- the core hook


def test_analyze_reports_each_analyzer_before_it_runs() -> None:
    steps: list[tuple[str, int, int]] = []
    report = vnpolicytext.analyze(NOTICE_WATER, progress=lambda name, i, n: steps.append((name, i, n)))
    assert [s[0] for s in steps] == [spec.name for spec in ANALYZERS]
    assert [s[1] for s in steps] == list(range(len(ANALYZERS)))
    assert {s[2] for s in steps} == {len(ANALYZERS)}
    assert report == vnpolicytext.analyze(NOTICE_WATER)  # the hook changes nothing in the result


def test_analyze_stops_reporting_where_the_analysis_stops() -> None:
    steps: list[str] = []
    vnpolicytext.analyze(
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4,
        progress=lambda n, i, t: steps.append(n),
    )
    assert steps == ["text"]  # not Vietnamese: no other analyzer runs, and none is announced


# --------------------------------------------------------------------------- the progress line


def test_progress_line_counts_running_parts_and_names_a_long_document() -> None:
    stream = io.StringIO()
    bar = Progress(total_docs=5, total_size=1_300_000, stream=stream, interval=1.0)
    running = {
        "r0001-p000000": {
            "documents": 0,
            "chars": 0,
            "size": 0,
            "current": {
                "id": "luat/luat-dat-dai.txt",
                "size": 1_200_000,
                "unit": "characters",
                "step": "jargon",
                "i": 3,
                "n": 12,
                "seconds": 42.0,
            },
        },
        "r0001-p000001": {"documents": 3, "chars": 70_000, "size": 75_000, "current": None},
    }
    bar.update(running)
    line = bar.line(bar.started + 10)
    assert line.startswith("3/5 documents (0 errors)")
    assert "analyzing luat/luat-dat-dai.txt (1,200,000 characters, jargon (4/12), 42 s)" in line
    # the part finishes: its documents are counted once, from its result, whatever file is still read
    bar.step(4, 0, 90_000, 100_000, "r0001-p000001")
    bar.update(running)
    assert bar.line(bar.started + 20).startswith("4/5 documents (0 errors)")


def test_audit_shows_progress_inside_a_large_document(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "nghi-dinh-le-phi.txt").write_text(long_decree(250), encoding="utf-8")
    (src / "thong-bao.txt").write_text(variant(3), encoding="utf-8")
    stream = io.StringIO()
    summary = run_audit(
        [str(src)], tmp_path / "out", jobs=1, progress=stream, log_interval=0.05, heartbeat=0.05
    )
    assert summary.analyzed == 2 and summary.errors == 0
    lines = stream.getvalue().splitlines()
    inside = [line for line in lines if "analyzing " in line and "nghi-dinh-le-phi.txt" in line]
    assert inside, lines
    assert any(f"/{len(ANALYZERS)})" in line and " bytes, " in line for line in inside)
    assert lines[-1].startswith("vnpolicytext: audit: 2/2 documents")
    assert list((tmp_path / "out" / PROGRESS_DIR).iterdir()) == []  # workers remove their files
    assert read_table(tmp_path / "out", "documents").num_rows == 2


def test_quiet_audit_writes_no_progress_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "thong-bao.txt").write_text(variant(1), encoding="utf-8")
    run_audit([str(src)], tmp_path / "out", jobs=1)
    assert not (tmp_path / "out" / PROGRESS_DIR).exists()


# --------------------------------------------------------------------------- parts


def test_part_size_gives_every_worker_several_parts_of_a_small_run() -> None:
    laws = 12_000_000  # about the 90 laws of the national corpus, in bytes
    assert part_size(laws, 1, 2_000_000) == 2_000_000  # one worker: no tail to balance
    assert part_size(laws, 2, 2_000_000) == 1_000_000  # six parts per worker
    assert part_size(2_000_000_000, 32, 2_000_000) == 2_000_000  # a large run keeps the parts asked for
    assert part_size(300_000, 4, 2_000_000) == MIN_PART_CHARS  # never tiny parts
    assert part_size(300_000, 4, 5_000) == 5_000  # smaller parts asked for are kept


def test_largest_parts_run_first() -> None:
    def task(name: str, *sizes: int) -> PartitionTask:
        refs = tuple(DocRef(id=f"{name}-{i}", kind="inline", path=None, size=s) for i, s in enumerate(sizes))
        return PartitionTask(out="/tmp", name=name, refs=refs, hashes=("",) * len(refs), config_json="{}")

    tasks = [task("p0", 100, 200), task("p1", 900), task("p2", 50), task("p3", 400, 600)]
    assert [t.name for t in largest_first(tasks)] == ["p3", "p1", "p0", "p2"]


# --------------------------------------------------------------------------- the benchmark


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_audit", ROOT / "benchmarks" / "bench_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_repeats_the_corpus_to_the_size_asked(tmp_path: Path) -> None:
    bench = _bench()
    corpus = tmp_path / "laws"
    corpus.mkdir()
    (corpus / "a.txt").write_text(long_decree(3), encoding="utf-8")
    (corpus / "b.txt").write_text(variant(2), encoding="utf-8")
    size = bench.corpus_chars(corpus)
    k = bench.copies_for(corpus, 5 * size + 1)
    assert k == 6
    folder = bench.repeated(corpus, k, tmp_path / "work")
    assert bench.corpus_chars(folder) == 6 * size >= 5 * size + 1
    assert len(list(folder.rglob("*.txt"))) == 12
    assert bench.copies_for(corpus, size) == 1


# --------------------------------------------------------------------------- the garbage collector


def test_parts_run_with_the_loaded_models_frozen_and_the_caller_is_left_as_it_was(tmp_path: Path) -> None:
    import gc

    src = tmp_path / "in"
    src.mkdir()
    (src / "thong-bao.txt").write_text(variant(5), encoding="utf-8")
    seen: list[int] = []

    def citizen(text: str) -> str:
        seen.append(gc.get_freeze_count())
        return "citizen"

    assert gc.get_freeze_count() == 0
    run_audit([str(src)], tmp_path / "out", jobs=1, profile_for=citizen)
    assert len(seen) == 1 and seen[0] > 10_000  # models and modules frozen while the part ran
    assert gc.get_freeze_count() == 0  # and given back to the collector after the run
