"""Audit throughput on a folder of laws: 1 and 2 local workers, a 2-worker Dask LocalCluster; one huge document.

    PYTHONPATH=src python benchmarks/bench_audit.py [CORPUS_DIR] [--modes pool1,pool2,dask2] [--rounds 3]
    PYTHONPATH=src python benchmarks/bench_audit.py --repeat-to 50000000 --modes pool2,dask2
    PYTHONPATH=src python benchmarks/bench_audit.py --huge 5000000

CORPUS_DIR defaults to ../shared/corpus_laws (90 laws, 9.1 M characters). `--repeat-to N` audits as many
copies of it as make at least N characters (symlinked under different folders: 6 copies, 54.8 M characters,
for N = 50,000,000); `--repeat K` asks for K copies.

Every mode runs in a fresh Python process, so none inherits the models, caches or warm word tables of
another: `poolN` is `vnpolicytext audit --jobs N` (N = 1 runs in that process), `daskN` a LocalCluster of N
workers as `--dask local --jobs N` starts it (its start is timed apart; the workers load the models inside
their first task, as the pool's do). Per mode it prints:

- documents/s and characters/s (wall clock of the run), and the peak resident memory of a worker;
- CPU seconds spent in the parts (time.process_time of the worker processes, summed), per document and
  characters per CPU second: figures that hold on a busy machine;
- `tree_cpu_s`: CPU of the whole process tree (driver, scheduler, nannies, workers; imports, model loading
  and cluster start included), from getrusage of the finished child;
- `wall_per_cpu` (wall x workers / CPU in the parts: 1.0 when every worker had a core to itself) and
  `balance_speedup` (CPU of all parts / CPU of the busiest worker: the speed-up the schedule allows on idle
  cores).

Then, over the median round of each mode: the speed-up of 2 workers over 1 (scaling), and the overhead of
the Dask path against the pool with as many workers, by wall clock and by CPU per document. Load averages
are printed before and after: wall-clock figures mean something only when the load stayed below the cores.

`--huge N` instead analyzes one document of N characters (the corpus joined and cut) in a fresh process:
time, peak RSS, and the tracemalloc peak of `analyze` and of writing its findings (with `--trace`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    """../shared/corpus_laws found above the repository."""
    from _corpus import shared_dir  # the script's folder is on sys.path only when it runs as a script

    return shared_dir() / "corpus_laws"


def corpus_chars(folder: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8")) for f in folder.rglob("*.txt"))


def copies_for(corpus: Path, target_chars: int) -> int:
    """How many copies of the corpus make at least `target_chars` characters."""
    return max(1, math.ceil(target_chars / max(corpus_chars(corpus), 1)))


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


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


# --------------------------------------------------------------------------- one mode, in a child process


def run_mode(mode: str, source: Path, out: Path, partition: int | None) -> dict[str, float | str]:
    """Audit `source` into `out` with one mode, in this process; figures as a dict."""
    from vnpolicytext.audit import DEFAULT_PARTITION_CHARS, dask_executor_for_client, run_audit

    part = partition or DEFAULT_PARTITION_CHARS
    started_cluster = 0.0
    if mode.startswith("dask"):
        from distributed import Client

        from vnpolicytext.audit import local_cluster

        workers = int(mode.removeprefix("dask"))
        t0 = time.perf_counter()
        cluster = local_cluster(workers)  # what `--dask local --jobs N` starts
        client = Client(cluster)
        started_cluster = time.perf_counter() - t0
        try:
            t0 = time.perf_counter()
            s = run_audit([str(source)], out, executor=dask_executor_for_client(client), partition_chars=part)
            wall = time.perf_counter() - t0
        finally:
            client.close()
            cluster.close()
    elif mode.startswith("pool"):
        workers = int(mode.removeprefix("pool"))
        t0 = time.perf_counter()
        s = run_audit([str(source)], out, jobs=workers, partition_chars=part)
        wall = time.perf_counter() - t0
    else:
        raise SystemExit(f"unknown mode {mode!r}: poolN or daskN")
    cpu = sum(p.cpu_seconds for p in s.parts)
    by_worker: dict[str, float] = {}
    for p in s.parts:
        by_worker[p.worker] = by_worker.get(p.worker, 0.0) + p.cpu_seconds
    return {
        "mode": mode,
        "documents": s.analyzed,
        "errors": s.errors,
        "parts": len(s.parts),
        "chars": s.chars,
        "wall_s": round(wall, 2),
        "docs_per_s": round(s.analyzed / wall, 3),
        "k_chars_per_s": round(s.chars / wall / 1000, 1),
        "peak_rss_mb_per_worker": round(max((p.peak_rss_mb for p in s.parts), default=0.0)),
        "cluster_start_s": round(started_cluster, 2),
        "cpu_s": round(cpu, 2),
        "cpu_per_doc_s": round(cpu / max(s.analyzed, 1), 4),
        "k_chars_per_cpu_s": round(s.chars / cpu / 1000, 1) if cpu else 0.0,
        "wall_per_cpu": round(wall * len(by_worker) / cpu, 2) if cpu else 0.0,
        "balance_speedup": round(cpu / max(by_worker.values()), 2) if by_worker else 0.0,
        "workers": len(by_worker),
    }


def run_mode_in_child(mode: str, source: Path, work: Path, partition: int | None) -> dict[str, float | str]:
    """Run one mode in a fresh process; add the CPU of its whole process tree and the load averages."""
    out = work / f"out_{mode}_{time.monotonic_ns()}"
    cmd = [sys.executable, __file__, str(source), "--run-mode", mode, "--out", str(out)]
    if partition:
        cmd += ["--partition-chars", str(partition)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = load()
    done = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    tree = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures["tree_cpu_s"] = round(tree, 2)
    figures["load_before"] = load_before
    figures["load_after"] = load()
    return figures


# --------------------------------------------------------------------------- summary


def median_round(rounds: list[dict[str, float | str]]) -> dict[str, float | str]:
    return sorted(rounds, key=lambda r: float(r["wall_s"]))[len(rounds) // 2]


def summary_lines(results: dict[str, dict[str, float | str]]) -> list[str]:
    """Scaling of the pool and of Dask, and the Dask overhead against the pool of as many workers."""
    lines = []

    def f(mode: str, key: str) -> float:
        return float(results[mode][key])

    for n in range(2, 65):
        for kind in ("pool", "dask"):
            mode = f"{kind}{n}"
            if "pool1" in results and mode in results:
                lines.append(
                    f"scaling, {mode} against pool1: x{f('pool1', 'wall_s') / f(mode, 'wall_s'):.2f} wall "
                    f"(x{f(mode, 'balance_speedup'):.2f} allowed by the schedule; target >= x{0.9 * n:.1f})"
                )
        pool, dask = f"pool{n}", f"dask{n}"
        if pool in results and dask in results:
            wall = f(dask, "wall_s") / f(pool, "wall_s") - 1
            cpu = f(dask, "cpu_per_doc_s") / f(pool, "cpu_per_doc_s") - 1
            tree = f(dask, "tree_cpu_s") / f(pool, "tree_cpu_s") - 1
            lines.append(
                f"Dask overhead against the {n}-worker pool: {wall:+.1%} wall (cluster start excluded), "
                f"{cpu:+.1%} CPU per document in the workers, {tree:+.1%} CPU of the whole process tree "
                f"(target <= +10%)"
            )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="audit K copies of the corpus")
    ap.add_argument(
        "--repeat-to", type=int, default=0, metavar="N", help="audit as many copies as make N characters"
    )
    ap.add_argument("--modes", default="pool1,pool2,dask2", help="comma-separated poolN and daskN")
    ap.add_argument("--rounds", type=int, default=1, help="run the modes this many times, alternating")
    ap.add_argument("--slice", default="", metavar="A:B", help="only documents A to B (sorted by path)")
    ap.add_argument("--partition-chars", type=int, default=None, help="default: the audit's default")
    ap.add_argument("--huge", type=int, default=0, help="analyze one document of this many characters")
    ap.add_argument("--trace", action="store_true", help="with --huge: tracemalloc figures (slower)")
    ap.add_argument("--huge-child", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--run-mode", default="", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpus = args.corpus or default_corpus()
    if args.run_mode:
        assert args.out is not None
        print(json.dumps(run_mode(args.run_mode, corpus, args.out, args.partition_chars)))
        return
    if args.huge_child:
        huge_child(args.huge_child, corpus)
        return
    if args.huge:
        env = {**os.environ, "BENCH_TRACE": "1" if args.trace else "0"}
        cmd = [sys.executable, __file__, str(corpus), "--huge-child", str(args.huge)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        print(out.stdout.strip())
        return
    copies = copies_for(corpus, args.repeat_to) if args.repeat_to else args.repeat
    with tempfile.TemporaryDirectory(prefix="bench_audit_") as tmp:
        work = Path(tmp)
        source = repeated(corpus, copies, work)
        if args.slice:
            a, b = (int(x) for x in args.slice.split(":"))
            subset = work / "subset"
            subset.mkdir()
            for i, f in enumerate(sorted(source.rglob("*.txt"))[a:b]):
                (subset / f"{i:05d}-{f.name}").symlink_to(f.resolve())
            source = subset
        n_docs = sum(1 for _ in source.rglob("*.txt"))
        print(
            f"corpus: {source} ({n_docs} documents, {corpus_chars(source):,} characters, {copies} "
            f"cop{'y' if copies == 1 else 'ies'}), partition {args.partition_chars or 'default'}; "
            f"load average {load()} (1/5/15 min), {os.cpu_count()} cores",
            flush=True,
        )
        runs: dict[str, list[dict[str, float | str]]] = {}
        for _ in range(args.rounds):
            for mode in args.modes.split(","):
                r = run_mode_in_child(mode, source, work, args.partition_chars)
                runs.setdefault(mode, []).append(r)
                print(json.dumps(r), flush=True)
        results = {m: median_round(rs) for m, rs in runs.items()}
        print("median round per mode:")
        for mode, r in results.items():
            print(
                f"  {mode}: {r['docs_per_s']} documents/s, {r['k_chars_per_s']} k characters/s, "
                f"peak {r['peak_rss_mb_per_worker']} MB per worker, {r['cpu_per_doc_s']} CPU s per document "
                f"({r['k_chars_per_cpu_s']} k characters per CPU s)"
            )
        for line in summary_lines(results):
            print(line)
        print(f"load average after: {load()}")


# --------------------------------------------------------------------------- one huge document


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
    t0, c0 = time.perf_counter(), time.process_time()
    report = vnpolicytext.analyze(text)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    figures: dict[str, float | int] = {
        "chars": len(text),
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "k_chars_per_cpu_s": round(len(text) / cpu / 1000, 1),
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


if __name__ == "__main__":
    main()
