"""Audit throughput on a folder of laws: 1 and 2 local workers, a 2-worker Dask LocalCluster; one huge document.

    PYTHONPATH=src python benchmarks/bench_audit.py [CORPUS_DIR] [--repeat K] [--modes pool1,pool2,dask2]
    PYTHONPATH=src python benchmarks/bench_audit.py --huge 4700000

CORPUS_DIR defaults to ../shared/corpus_laws (90 laws, 9.1 M characters). `--repeat K` audits K copies of
it (symlinked under different folders, so K x the documents; K = 6 gives 54 M characters). For every mode
it prints documents/s, characters/s, wall time and the peak resident memory of a worker; CPU seconds
spent in the parts (time.process_time in the workers, so figures that hold on a busy machine), characters
per CPU second, `wall_per_cpu` (wall x workers / CPU: 1.0 when every worker had a core to itself) and
`balance_speedup` (CPU of all parts / CPU of the busiest worker: the speed-up the schedule allows on
idle cores); then the Dask
overhead against the 2-worker pool and the speed-up of 2 workers over 1. The LocalCluster is started (and
its start timed) before its run, so the run compares like with like: workers that load the models inside
their first task, as the pool's do.

`--huge N` instead analyzes one document of N characters (the corpus joined and cut) in a fresh process:
time, peak RSS, and the tracemalloc peak of `analyze` and of writing its findings (JSON Lines, one line at a
time, against one `model_dump_json`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "corpus_laws"
        if folder.is_dir():
            return folder
    raise SystemExit("no ../shared/corpus_laws; pass CORPUS_DIR")


def repeated(corpus: Path, k: int, work: Path) -> Path:
    """A folder holding k copies of the corpus's .txt files (symlinks), in k subfolders."""
    if k == 1:
        return corpus
    folder = work / f"corpus_x{k}"
    for i in range(k):
        sub = folder / f"copy{i:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        for f in sorted(corpus.glob("*.txt")):
            (sub / f.name).symlink_to(f.resolve())
    return folder


def corpus_chars(folder: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8")) for f in folder.rglob("*.txt"))


def run_mode(mode: str, source: Path, work: Path, partition: int) -> dict[str, float | str]:
    from vnpolicytext.audit import dask_executor_for_client, run_audit

    out = work / f"out_{mode}_{time.monotonic_ns()}"
    started_cluster = 0.0
    if mode == "dask2":
        from distributed import Client

        from vnpolicytext.audit import local_cluster

        t0 = time.perf_counter()
        cluster = local_cluster(2)  # what `--dask local --jobs 2` starts
        client = Client(cluster)
        started_cluster = time.perf_counter() - t0
        try:
            t0 = time.perf_counter()
            s = run_audit(
                [str(source)], out, executor=dask_executor_for_client(client), partition_chars=partition
            )
            wall = time.perf_counter() - t0
        finally:
            client.close()
            cluster.close()
    else:
        jobs = int(mode.removeprefix("pool"))
        t0 = time.perf_counter()
        s = run_audit([str(source)], out, jobs=jobs, partition_chars=partition)
        wall = time.perf_counter() - t0
    peak = max((p.peak_rss_mb for p in s.parts), default=0.0)
    cpu = sum(p.cpu_seconds for p in s.parts)
    by_worker: dict[str, float] = {}
    for p in s.parts:
        by_worker[p.worker] = by_worker.get(p.worker, 0.0) + p.cpu_seconds
    if mode == "pool1":
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "documents": s.analyzed,
        "errors": s.errors,
        "parts": len(s.parts),
        "chars": s.chars,
        "wall_s": round(wall, 2),
        "docs_per_s": round(s.analyzed / wall, 3),
        "k_chars_per_s": round(s.chars / wall / 1000, 1),
        "peak_rss_mb_per_worker": round(peak, 0),
        "cluster_start_s": round(started_cluster, 2),
        "cpu_s": round(cpu, 1),
        "k_chars_per_cpu_s": round(s.chars / cpu / 1000, 1) if cpu else 0.0,
        "cpu_per_doc_s": round(cpu / max(s.analyzed, 1), 3),
        "wall_per_cpu": round(wall * len(by_worker) / cpu, 2) if cpu else 0.0,
        "balance_speedup": round(cpu / max(by_worker.values()), 2) if by_worker else 0.0,
        "workers": len(by_worker),
    }


def huge_child(n: int, corpus: Path) -> None:
    """In a fresh process: analyze one n-character document; print JSON figures."""
    import tracemalloc

    import vnpolicytext
    from vnpolicytext.batch import DocRef, document_row

    files = sorted(corpus.glob("*.txt"))
    text = ""
    while len(text) < n:
        text += "\n\n".join(f.read_text(encoding="utf-8") for f in files) + "\n\n"
    text = text[:n]
    vnpolicytext.analyze("Người dân được hướng dẫn nộp hồ sơ tại xã.")  # models loaded before measuring
    trace = os.environ.get("BENCH_TRACE") == "1"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    report = vnpolicytext.analyze(text)
    seconds = time.perf_counter() - t0
    figures: dict[str, float | int] = {
        "chars": len(text),
        "seconds": round(seconds, 1),
        "k_chars_per_s": round(len(text) / seconds / 1000, 1),
        "findings": len(report.findings),
        "sentences": len(report.sentences),
        "rss_before_mb": round(rss0),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if trace:
        figures["tracemalloc_peak_analyze_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        _row, findings = document_row(
            DocRef(id="huge", kind="inline", path=None), report, vnpolicytext.Config()
        )
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for f in findings:
                sink.write(json.dumps(f, ensure_ascii=False) + "\n")
        figures["tracemalloc_rows_and_jsonl_mb"] = round((tracemalloc.get_traced_memory()[1] - base) / 2**20)
        del findings
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        dumped = report.model_dump_json()
        figures["tracemalloc_model_dump_json_mb"] = round((tracemalloc.get_traced_memory()[1] - base) / 2**20)
        figures["json_mb"] = round(len(dumped.encode()) / 2**20)
    print(json.dumps(figures))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--modes", default="pool1,pool2,dask2")
    ap.add_argument("--rounds", type=int, default=1, help="run the modes this many times, alternating")
    ap.add_argument("--slice", default="", metavar="A:B", help="only documents A to B (sorted by path)")
    ap.add_argument("--partition-chars", type=int, default=None, help="default: the audit's default")
    ap.add_argument("--huge", type=int, default=0, help="analyze one document of this many characters")
    ap.add_argument("--trace", action="store_true", help="with --huge: tracemalloc figures (slower)")
    ap.add_argument("--huge-child", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpus = args.corpus or default_corpus()
    if args.huge_child:
        huge_child(args.huge_child, corpus)
        return
    if args.huge:
        env = {**os.environ, "BENCH_TRACE": "1" if args.trace else "0"}
        cmd = [sys.executable, __file__, str(corpus), "--huge-child", str(args.huge)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        print(out.stdout.strip())
        return
    from vnpolicytext.audit import DEFAULT_PARTITION_CHARS

    partition = args.partition_chars or DEFAULT_PARTITION_CHARS
    with tempfile.TemporaryDirectory(prefix="bench_audit_") as tmp:
        work = Path(tmp)
        source = repeated(corpus, args.repeat, work)
        if args.slice:
            a, b = (int(x) for x in args.slice.split(":"))
            subset = work / "subset"
            subset.mkdir()
            for f in sorted(source.rglob("*.txt"))[a:b]:
                (subset / f.name).symlink_to(f.resolve())
            source = subset
        n_docs = sum(1 for _ in source.rglob("*.txt"))
        print(
            f"corpus: {source} ({n_docs} documents, {corpus_chars(source):,} characters), "
            f"partition {partition:,}, load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
        )
        runs: dict[str, list[dict[str, float | str]]] = {}
        for _ in range(args.rounds):
            for mode in args.modes.split(","):
                r = run_mode(mode, source, work, partition)
                runs.setdefault(mode, []).append(r)
                print(json.dumps(r), flush=True)
        # The median round of each mode (by wall time).
        results = {m: sorted(rs, key=lambda r: float(r["wall_s"]))[len(rs) // 2] for m, rs in runs.items()}
        if "pool1" in results and "pool2" in results:
            speedup = float(results["pool1"]["wall_s"]) / float(results["pool2"]["wall_s"])
            print(f"speed-up with 2 workers: x{speedup:.2f}")
        if "pool2" in results and "dask2" in results:
            overhead = float(results["dask2"]["wall_s"]) / float(results["pool2"]["wall_s"]) - 1
            print(f"Dask overhead against the 2-worker pool: {overhead:+.1%} (cluster start excluded)")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
