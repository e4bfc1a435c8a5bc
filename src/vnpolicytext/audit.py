"""An audit run: many documents into Parquet tables, in shards, resumable, on a process pool or on Dask.

Layout of the output folder::

    manifest.json                   the run: sources, configuration, counts, one entry per run
    documents/<part>.parquet        one row per document analyzed
    findings/<part>.parquet         one row per finding
    errors/<part>.parquet           one row per document that raised

A part is written by the worker that analyzed it: findings and errors first, the documents file last
(it marks the part done). A rerun lists the sources again, skips every document whose id is in a done
part with the same hash (text, metadata, configuration, library version), and redoes the others, failed
ones included. When an id is in several parts the newest part wins; a completed run rewrites older parts
without the rows that were superseded. Needs pyarrow (extra `vnpolicytext[audit]`).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import as_completed as pool_as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .batch import (
    ERROR_COLUMNS,
    FINDING_COLUMNS,
    META_PREFIX,
    PROFILES,
    ColumnType,
    DocRef,
    ProfileFor,
    document_columns,
    document_hash,
    list_documents,
    process,
    run_key,
)
from .config import Config, load_config
from .errors import InputError
from .markup import InputFormat
from .version import __version__

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("documents", "findings", "errors")
PROGRESS_DIR = "progress"
FINDINGS_BATCH = 10_000  # finding rows turned into one Arrow batch at a time
DEFAULT_PARTITION_CHARS = 2_000_000
PARTS_PER_WORKER = 6
MIN_PART_CHARS = 100_000
MANIFEST = "manifest.json"


def arrow_type(kind: ColumnType) -> pa.DataType:
    import pyarrow as pa

    return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}[kind]


def schema_of(columns: Iterable[tuple[str, ColumnType]]) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([pa.field(name, arrow_type(kind)) for name, kind in columns])


def documents_schema(meta_keys: Sequence[str] = ()) -> pa.Schema:
    """The documents table's schema: fixed columns, then one string column per metadata key."""
    return schema_of([*document_columns(), *((META_PREFIX + k, "string") for k in meta_keys)])


# --------------------------------------------------------------------------- partitions (the worker side)


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """Everything a worker needs for one part: paths in, a folder out (no texts travel)."""

    out: str
    name: str
    refs: tuple[DocRef, ...]
    hashes: tuple[str, ...]
    config_json: str
    profile_for: ProfileFor | None = None
    time_budget: float | None = None
    heartbeat: float | None = None  # seconds between two progress files; None: write none


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker reports back about a part it wrote."""

    name: str
    documents: int
    errors: int
    findings: int
    chars: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    worker: str


def _peak_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except (ImportError, OSError):  # pragma: no cover - not on Linux
        return 0.0


def _write_atomic(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


class Heartbeat:
    """What a worker is doing on a part, in `<out>/progress/<part>.json`, rewritten every few seconds by a
    thread: documents and characters done in the part, and the document under analysis with its size, the
    analyzer running (step i of n) and the seconds spent on it. The driver reads these files to show
    progress inside parts and inside a large document, on a process pool as on Dask workers."""

    def __init__(self, path: Path, every: float) -> None:
        self.path = path
        self.every = every
        self.state: dict[str, Any] = {"documents": 0, "chars": 0, "size": 0, "current": None}
        self.doc_started = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="vnpolicytext-heartbeat", daemon=True)
        self._thread.start()

    def start(self, ref: DocRef) -> None:
        self.doc_started = time.monotonic()
        unit = "bytes" if ref.kind == "file" else "characters"  # what DocRef.size counts
        self.state["current"] = {"id": ref.id, "size": ref.size, "unit": unit, "step": None, "i": 0, "n": 0}

    def step(self, analyzer: str, i: int, n: int) -> None:
        current = self.state["current"]
        if current is not None:
            self.state["current"] = {**current, "step": analyzer, "i": i, "n": n}

    def done(self, ref: DocRef, chars: int) -> None:
        self.state = {
            "documents": self.state["documents"] + 1,
            "chars": self.state["chars"] + chars,
            "size": self.state["size"] + ref.size,
            "current": None,
        }

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            state = dict(self.state)
            if state["current"] is not None:
                state["current"] = {
                    **state["current"],
                    "seconds": round(time.monotonic() - self.doc_started, 1),
                }
            try:
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError:  # progress is a courtesy: never a reason to fail a part
                pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.path.unlink(missing_ok=True)


def run_partition(task: PartitionTask) -> PartitionResult:
    """Analyze one part and write its three files; the same function runs in the pool and on Dask."""
    with analysis_allocator():
        return _run_partition(task)


def _run_partition(task: PartitionTask) -> PartitionResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _warm_up(task.config_json)
    _freeze()
    started, cpu_started = time.perf_counter(), time.process_time()
    out = Path(task.out)
    config = _config(task.config_json)
    finding_schema = schema_of(FINDING_COLUMNS)
    findings_path = out / "findings" / f"{task.name}.parquet"
    findings_tmp = findings_path.with_name(findings_path.name + ".tmp")
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    n_findings = chars = 0
    beat = None
    if task.heartbeat:
        (out / PROGRESS_DIR).mkdir(exist_ok=True)
        beat = Heartbeat(out / PROGRESS_DIR / f"{task.name}.json", task.heartbeat)
    # Findings go to disk document by document, so a part holds one document's findings in memory at a time.
    try:
        with pq.ParquetWriter(findings_tmp, finding_schema) as writer:
            for ref, doc_hash in zip(task.refs, task.hashes, strict=True):
                if beat is not None:
                    beat.start(ref)
                result = process(
                    ref,
                    config,
                    doc_hash=doc_hash,
                    profile_for=task.profile_for,
                    time_budget=task.time_budget,
                    progress=beat.step if beat is not None else None,
                )
                if result.error is not None:
                    errors.append(result.error)
                    if beat is not None:
                        beat.done(ref, 0)
                    continue
                assert result.row is not None
                rows.append(result.row)
                doc_chars = int(result.row.get("text__characters") or 0)
                chars += doc_chars
                for start in range(0, len(result.findings), FINDINGS_BATCH):
                    batch = result.findings[start : start + FINDINGS_BATCH]
                    writer.write_table(pa.Table.from_pylist(batch, schema=finding_schema))
                n_findings += len(result.findings)
                del result
                if beat is not None:
                    beat.done(ref, doc_chars)
    finally:
        if beat is not None:
            beat.close()
    os.replace(findings_tmp, findings_path)
    _write_atomic(
        pa.Table.from_pylist(errors, schema=schema_of(ERROR_COLUMNS)), out / "errors" / f"{task.name}.parquet"
    )
    meta_keys = list(dict.fromkeys(k for ref in task.refs for k in ref.metadata))
    documents = pa.Table.from_pylist(rows, schema=documents_schema(meta_keys))
    _write_atomic(documents, out / "documents" / f"{task.name}.parquet")  # last: marks the part done
    return PartitionResult(
        name=task.name,
        documents=len(rows),
        errors=len(errors),
        findings=n_findings,
        chars=chars,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
        peak_rss_mb=_peak_rss_mb(),
        worker=f"{os.uname().nodename}:{os.getpid()}",
    )


_CONFIGS: dict[str, Config] = {}
_WARMED: set[str] = set()
# A short notice (a heading, an abbreviation, a numbered list, a passive, a long sentence): enough to reach
# every analyzer, and with it every model, lexicon and lazily built table the documents will need.
WARM_UP_TEXT = (
    "THÔNG BÁO\n"
    "Về việc tiếp nhận hồ sơ đăng ký hộ kinh doanh\n\n"
    "Ủy ban nhân dân (UBND) phường An Hòa thông báo: kể từ ngày 01/7/2027, hồ sơ đăng ký hộ kinh doanh "
    "được tiếp nhận tại bộ phận một cửa của UBND phường, theo Nghị định số 01/2021/NĐ-CP.\n"
    "1. Người nộp hồ sơ mang theo căn cước và giấy tờ chứng minh chỗ ở hợp pháp.\n"
    "2. Hồ sơ được xem xét và trả kết quả trong thời hạn ba ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; "
    "trường hợp hồ sơ chưa đầy đủ thì cán bộ tiếp nhận hướng dẫn người nộp bổ sung một lần bằng văn bản.\n"
)


def _warm_up(config_json: str) -> None:
    """Load everything a document will need once per worker process and configuration, before any part's
    clock starts: the models, the lexicons of every profile `auto` may pick, the check gates, the Parquet
    writer. Otherwise the first part of each worker pays for them and per-document costs look higher on
    freshly started workers (a Dask worker) than on forked ones (a process pool)."""
    if config_json in _WARMED:
        return
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    config = _config(config_json)
    profiles = PROFILES if config.profile == "auto" else (config.profile,)
    ref = DocRef(id="warm-up", kind="inline", path=None, text=WARM_UP_TEXT, size=len(WARM_UP_TEXT))
    findings: list[dict[str, Any]] = []
    for profile in (*profiles, config.profile):
        findings += process(ref, config.for_profile(profile)).findings
    pq.write_table(pa.Table.from_pylist(findings, schema=schema_of(FINDING_COLUMNS)), io.BytesIO())
    _WARMED.add(config_json)


_FROZEN: list[bool] = []


def _freeze() -> None:
    """Freeze everything alive once the models are loaded (`gc.freeze`): the 90,000 to 130,000 objects of
    the models, lexicons and imported modules are then never walked again by the cyclic garbage collector,
    which spent about 5 % of the analysis walking them. Not when someone else froze objects already."""
    if not _FROZEN and gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
        _FROZEN.append(True)


def _thaw() -> None:
    """Undo `_freeze` (after a run in the caller's own process: frozen objects are never collected)."""
    if _FROZEN:
        gc.unfreeze()
        _FROZEN.clear()


# --------------------------------------------------------------------------- the allocator

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (glibc's malloc.h)
GLIBC_DEFAULT_THRESHOLD = 128 * 1024  # both thresholds, when nothing sets them
ANALYSIS_MMAP_THRESHOLD = 32 * 1024 * 1024  # the ceiling of glibc's own adaptive threshold on 64-bit
ANALYSIS_TRIM_THRESHOLD = 2 * ANALYSIS_MMAP_THRESHOLD  # glibc's adaptive rule keeps trim at twice mmap
_ALLOCATOR_LOCK = threading.Lock()
_ALLOCATOR_USERS = [0]


def static_malloc_thresholds(environ: bytes | None = None) -> tuple[int, int] | None:
    """The (trim, mmap) thresholds glibc's malloc was started with in this process when its environment
    fixed them, else None (glibc then adapts them to the allocations it sees).

    Dask's nanny starts its workers with `MALLOC_TRIM_THRESHOLD_=65536`; setting any threshold also turns
    off glibc's adaptive mmap threshold, which stays at 128 KiB. Read from `/proc/self/environ`: the
    environment the process started with, which is what glibc read (a forked process shows its parent's).
    """
    if environ is None:
        try:
            environ = Path("/proc/self/environ").read_bytes()
        except OSError:
            return None
    env: dict[str, str] = {}
    for item in environ.decode("latin-1").split("\0"):
        key, sep, value = item.partition("=")
        if sep:
            env[key] = value
    tunables: dict[str, str] = {}
    for tunable in env.get("GLIBC_TUNABLES", "").split(":"):
        name, _, setting = tunable.partition("=")
        tunables[name] = setting
    trim = tunables.get("glibc.malloc.trim_threshold", env.get("MALLOC_TRIM_THRESHOLD_"))
    mmap = tunables.get("glibc.malloc.mmap_threshold", env.get("MALLOC_MMAP_THRESHOLD_"))
    if trim is None and mmap is None:
        return None
    return _threshold(trim), _threshold(mmap)


def _threshold(value: str | None) -> int:
    try:
        return int(value, 0) if value is not None else GLIBC_DEFAULT_THRESHOLD
    except ValueError:
        return GLIBC_DEFAULT_THRESHOLD


def _glibc() -> Any | None:
    """This process's C library when it is glibc (mallopt and malloc_trim), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)
    except OSError:  # pragma: no cover - no dynamic C library
        return None
    if not all(hasattr(libc, f) for f in ("gnu_get_libc_version", "mallopt", "malloc_trim")):
        return None
    return libc


@contextmanager
def analysis_allocator() -> Iterator[None]:
    """Let glibc's malloc keep the memory of the analysis while a part runs, on a worker whose environment
    fixed its thresholds (a Dask worker started by a nanny); elsewhere do nothing.

    With the mmap threshold fixed at 128 KiB every larger buffer (the lists and strings of a document's
    layers, the CRF's arrays) is mapped fresh from the kernel and unmapped when freed, and with the trim
    threshold at 64 KiB the heap is given back as soon as it shrinks: 33 times the page faults of a pool
    worker and 12 to 31 % more CPU (docs/performance.md). While parts run the thresholds are those glibc
    would reach by itself (mmap 32 MiB, trim 64 MiB); when the last part running ends, the worker's own
    thresholds come back and the free memory goes back to the system at once (`malloc_trim`), which is
    what the nanny's setting is for.
    """
    static = static_malloc_thresholds()
    libc = _glibc() if static is not None else None
    if static is None or libc is None:
        yield
        return
    with _ALLOCATOR_LOCK:
        _ALLOCATOR_USERS[0] += 1
        if _ALLOCATOR_USERS[0] == 1:
            libc.mallopt(M_MMAP_THRESHOLD, ANALYSIS_MMAP_THRESHOLD)
            libc.mallopt(M_TRIM_THRESHOLD, ANALYSIS_TRIM_THRESHOLD)
    try:
        yield
    finally:
        with _ALLOCATOR_LOCK:
            _ALLOCATOR_USERS[0] -= 1
            if _ALLOCATOR_USERS[0] == 0:
                trim, mmap = static
                libc.mallopt(M_TRIM_THRESHOLD, trim)
                libc.mallopt(M_MMAP_THRESHOLD, mmap)
                libc.malloc_trim(0)


def _config(config_json: str) -> Config:
    """The configuration of a run, parsed once per worker process."""
    if config_json not in _CONFIGS:
        _CONFIGS[config_json] = load_config(json.loads(config_json))
    return _CONFIGS[config_json]


def partition(refs: Sequence[DocRef], max_chars: int) -> list[list[DocRef]]:
    """Consecutive groups of documents of at most `max_chars` (a larger document is a group of its own)."""
    groups: list[list[DocRef]] = []
    current: list[DocRef] = []
    size = 0
    for ref in refs:
        if current and size + ref.size > max_chars:
            groups.append(current)
            current, size = [], 0
        current.append(ref)
        size += ref.size
    if current:
        groups.append(current)
    return groups


def part_size(total: int, workers: int, limit: int) -> int:
    """The size of the parts of a run: at most `limit`, and small enough that a run of a few parts per
    worker still gives each worker PARTS_PER_WORKER of them (never below MIN_PART_CHARS), so no worker sits
    idle while another finishes a last large part."""
    if workers <= 1:
        return limit
    return min(limit, max(MIN_PART_CHARS, -(-total // (PARTS_PER_WORKER * workers))))


def largest_first(tasks: list[PartitionTask]) -> list[PartitionTask]:
    """The parts in the order to run them: largest first, so the run ends on small ones."""
    return sorted(tasks, key=lambda t: (-sum(r.size for r in t.refs), t.name))


# --------------------------------------------------------------------------- reading results


def committed_parts(out: Path) -> list[str]:
    """Names of the parts done (their documents file exists), oldest first."""
    folder = out / "documents"
    if not folder.is_dir():
        return []
    return sorted(p.name.removesuffix(".parquet") for p in folder.glob("*.parquet"))


def _read_parts(
    out: Path, table: str, parts: Sequence[str], columns: Sequence[str] | None = None
) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    base = {
        "documents": documents_schema(),
        "findings": schema_of(FINDING_COLUMNS),
        "errors": schema_of(ERROR_COLUMNS),
    }[table]
    pieces = []
    for name in parts:
        t = pq.read_table(out / table / f"{name}.parquet", columns=list(columns) if columns else None)
        pieces.append(t.append_column("_part", pa.array([name] * t.num_rows, pa.string())))
    if not pieces:
        schema = base if columns is None else pa.schema([base.field(c) for c in columns])
        return schema.empty_table().append_column("_part", pa.array([], pa.string()))
    return pa.concat_tables(pieces, promote_options="default")


def _latest_part(out: Path, parts: Sequence[str]) -> dict[str, str]:
    """For every document id, the newest part holding it (as a document or as an error)."""
    latest: dict[str, str] = {}
    for table in ("documents", "errors"):
        t = _read_parts(out, table, parts, ["id"])
        for doc_id, part in zip(t.column("id").to_pylist(), t.column("_part").to_pylist(), strict=True):
            if doc_id not in latest or part > latest[doc_id]:
                latest[doc_id] = part
    return latest


def read_table(out: str | Path, table: str) -> pa.Table:
    """One of the tables of an audit folder (documents, findings, errors), newest row per document id."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table not in TABLES:
        raise ValueError(f"table must be one of {TABLES}")
    out = Path(out)
    parts = committed_parts(out)
    latest = _latest_part(out, parts)
    t = _read_parts(out, table, parts)
    if t.num_rows:
        keep = [
            latest.get(i) == p
            for i, p in zip(t.column("id").to_pylist(), t.column("_part").to_pylist(), strict=True)
        ]
        t = t.filter(pa.array(keep, pa.bool_()))
    t = t.drop_columns(["_part"])
    order = [("id", "ascending"), ("start", "ascending"), ("end", "ascending"), ("rule", "ascending")]
    keys = [k for k in order if k[0] in t.column_names]
    return t.take(pc.sort_indices(t, sort_keys=keys))


def _compact(out: Path) -> int:
    """Rewrite older parts without the rows a newer part superseded; returns the parts rewritten."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = committed_parts(out)
    latest = _latest_part(out, parts)
    rewritten = 0
    for name in parts:
        stale = False
        tables = {}
        for table in TABLES:
            t = pq.read_table(out / table / f"{name}.parquet")
            keep = [latest.get(i) == name for i in t.column("id").to_pylist()]
            if not all(keep):
                stale = True
                t = t.filter(pa.array(keep, pa.bool_()))
            tables[table] = t
        if not stale:
            continue
        rewritten += 1
        # Documents last, as when the part was first written.
        for table in ("findings", "errors", "documents"):
            _write_atomic(tables[table], out / table / f"{name}.parquet")
    return rewritten


def _clean(out: Path) -> None:
    """Remove what a killed run left half-written: temporary files, parts without a documents file."""
    done = set(committed_parts(out))
    if (out / PROGRESS_DIR).is_dir():
        for p in (out / PROGRESS_DIR).iterdir():
            p.unlink()
    for table in TABLES:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        for p in folder.iterdir():
            if p.name.endswith(".tmp") or (p.suffix == ".parquet" and p.stem not in done):
                p.unlink()


# --------------------------------------------------------------------------- executors


class _Executor:
    """Submit partitions, get results as they complete: a process pool, this process, or a Dask client."""

    workers = 1

    def map_unordered(
        self, fn: Callable[[PartitionTask], PartitionResult], tasks: list[PartitionTask]
    ) -> Iterator[tuple[PartitionTask, PartitionResult | BaseException]]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _InProcess(_Executor):
    def map_unordered(
        self, fn: Callable[[PartitionTask], PartitionResult], tasks: list[PartitionTask]
    ) -> Iterator[tuple[PartitionTask, PartitionResult | BaseException]]:
        for task in tasks:
            try:
                yield task, fn(task)
            except Exception as exc:
                yield task, exc


class _Pool(_Executor):
    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def map_unordered(
        self, fn: Callable[[PartitionTask], PartitionResult], tasks: list[PartitionTask]
    ) -> Iterator[tuple[PartitionTask, PartitionResult | BaseException]]:
        futures: dict[Future[PartitionResult], PartitionTask] = {self.pool.submit(fn, t): t for t in tasks}
        for fut in pool_as_completed(futures):
            exc = fut.exception()
            yield futures[fut], exc if exc is not None else fut.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


DEFAULT_DASK_TIMEOUT = 5.0


def dask_settings(dashboard: str | None = None) -> dict[str, Any]:
    """Dask configuration for audit workers. The analysis runs in a worker thread next to the worker's event
    loop, and every wake-up of the loop takes the GIL from it: the statistical profiler (every 10 ms) is
    off, the loop's health tick (every 20 ms) and memory check (every 100 ms) run every second, and without
    a dashboard the system monitor every 5 s and no dashboard routes. Measured on a 1-worker cluster
    against a plain process on the same documents at the same time: +10 % CPU per document (median of 7)
    with Dask's defaults, +1.5 % (median of 6) with these.

    The nanny starts its workers without `MALLOC_TRIM_THRESHOLD_=65536`, so their malloc adapts its
    thresholds as a pool worker's does (see `analysis_allocator`, which does the same on workers started
    with it: the setting cost 12 to 31 % more CPU per document)."""
    settings: dict[str, Any] = {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }
    if dashboard is None:
        settings["distributed.scheduler.http.routes"] = ["distributed.http.health"]
        settings["distributed.admin.system-monitor.interval"] = "5s"
    return settings


def local_cluster(workers: int, dashboard: str | None = None) -> Any:
    """A distributed.LocalCluster for audits: `workers` processes of one thread each, on 127.0.0.1.

    No dashboard unless `dashboard` gives its address (e.g. ":8787"): the scheduler's own HTTP server
    (health checks) then listens on a free port of 127.0.0.1, so a busy port 8787 draws no warning and
    nothing of the dashboard is imported.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set(dask_settings(dashboard)):
        if dashboard is None:
            return LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                scheduler_kwargs={"dashboard": False},
            )
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=dashboard,
        )


class _Dask(_Executor):
    def __init__(
        self, address: str, jobs: int, *, timeout: float = DEFAULT_DASK_TIMEOUT, dashboard: str | None = None
    ) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise InputError("--dask needs the dask extra: pip install 'vnpolicytext[dask]'") from None
        self.cluster = None
        if address == "local":
            self.cluster = local_cluster(jobs, dashboard)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = _connect(address, timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise InputError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map_unordered(
        self, fn: Callable[[PartitionTask], PartitionResult], tasks: list[PartitionTask]
    ) -> Iterator[tuple[PartitionTask, PartitionResult | BaseException]]:
        from distributed import as_completed

        # Keys name the output folder too, so two audits on one cluster never share a key.
        futures = {
            self.client.submit(
                fn,
                t,
                key=f"vnpolicytext-{_folder_tag(t.out)}-{t.name}",
                pure=False,
                priority=len(tasks) - i,  # the order given (largest part first)
            ): t
            for i, t in enumerate(tasks)
        }
        for fut in as_completed(list(futures)):
            task = futures[fut]
            try:
                yield task, fut.result()
            except Exception as exc:
                yield task, exc

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _connect(address: str, timeout: float) -> Any:
    """A Client on the scheduler at `address`, giving up after `timeout` seconds (connection attempts
    included: a closed port is retried until then)."""
    import dask
    from distributed import Client

    with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s"}):
        return Client(address, timeout=timeout, set_as_default=False)


def _folder_tag(path: str) -> str:
    import hashlib

    return hashlib.blake2b(path.encode(), digest_size=4).hexdigest()


def dask_executor_for_client(client: Any) -> _Executor:
    """An executor on a Dask client the caller already holds (tests, notebooks)."""
    ex = _Dask.__new__(_Dask)
    ex.cluster = None
    ex.client = client
    ex.workers = max(1, len(client.scheduler_info().get("workers", {})))
    return ex


# --------------------------------------------------------------------------- progress


class Progress:
    """Documents and characters per second and an ETA: one redrawn line on a terminal, log lines otherwise.

    `step` counts a finished part; `watch(folder)` starts a thread that also reads the workers' progress
    files (see `Heartbeat`), so documents finished inside running parts count at once, and a document under
    analysis for a while is named with its size, the analyzer running and its time so far.
    """

    def __init__(
        self, total_docs: int, total_size: int, stream: IO[str] | None, *, interval: float = 5.0
    ) -> None:
        self.total_docs = total_docs
        self.total_size = max(total_size, 1)
        self.stream = stream
        self.tty = bool(stream is not None and stream.isatty())
        self.interval = 0.2 if self.tty else interval
        self.started = time.monotonic()
        self.last = -1e9
        self.docs = self.errors = self.chars = self.size = 0
        self.running: dict[str, dict[str, Any]] = {}  # part -> its progress file
        self.finished: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self, docs: int, errors: int, chars: int, size: int, part: str | None = None) -> None:
        with self._lock:
            self.docs += docs
            self.errors += errors
            self.chars += chars
            self.size += size
            if part is not None:
                self.finished.add(part)
                self.running.pop(part, None)
            self._draw(force=self.docs + self.errors >= self.total_docs)

    def update(self, running: dict[str, dict[str, Any]]) -> None:
        """The progress files of the running parts (part name -> content)."""
        with self._lock:
            self.running = {k: v for k, v in running.items() if k not in self.finished}
            self._draw(force=False)

    def watch(self, folder: Path, prefix: str, every: float) -> None:
        """Read `folder/<prefix>*.json` every `every` seconds in a thread, until `finish`."""

        def run() -> None:
            while not self._stop.wait(every):
                self.update(read_progress(folder, prefix))

        self._thread = threading.Thread(target=run, name="vnpolicytext-progress", daemon=True)
        self._thread.start()

    def _draw(self, *, force: bool) -> None:
        now = time.monotonic()
        if self.stream is None or (now - self.last < self.interval and not force):
            return
        self.last = now
        line = self.line(now)
        if self.tty:
            self.stream.write(f"\r{line}\033[K")
        else:
            self.stream.write(f"vnpolicytext: audit: {line}\n")
        self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        running = list(self.running.values())
        docs = self.docs + sum(int(r.get("documents", 0)) for r in running)
        chars = self.chars + sum(int(r.get("chars", 0)) for r in running)
        size = self.size + sum(int(r.get("size", 0)) for r in running)
        done = docs + self.errors
        eta = elapsed * (self.total_size - size) / size if size else float("nan")
        eta_text = "?" if eta != eta else f"{eta:,.0f} s"
        line = (
            f"{done}/{self.total_docs} documents ({self.errors} errors), "
            f"{done / elapsed:.1f} docs/s, {chars / elapsed / 1000:,.0f} k chars/s, ETA {eta_text}"
        )
        current = [r["current"] for r in running if isinstance(r.get("current"), dict)]
        slow = [c for c in current if float(c.get("seconds", 0)) >= 2 * self.interval]
        if slow:
            c = max(slow, key=lambda c: float(c.get("seconds", 0)))
            name = str(c.get("id", ""))
            name = name if len(name) <= 50 else "…" + name[-49:]
            step = f", {c['step']} ({int(c['i']) + 1}/{c['n']})" if c.get("step") else ""
            amount = f"{int(c.get('size', 0)):,} {c.get('unit', 'characters')}"
            line += f"; analyzing {name} ({amount}{step}, {c.get('seconds', 0):,.0f} s)"
            if len(slow) > 1:
                line += f" and {len(slow) - 1} more"
        return line

    def finish(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self.stream is not None and self.tty and self.last > -1e9:
                self.stream.write("\n")
                self.stream.flush()


def read_progress(folder: Path, prefix: str = "") -> dict[str, dict[str, Any]]:
    """The progress files of running parts whose name starts with `prefix` (part name -> content)."""
    out: dict[str, dict[str, Any]] = {}
    try:
        files = list(folder.glob(f"{prefix}*.json"))
    except OSError:
        return out
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # replaced or removed while we read it
        if isinstance(data, dict):
            out[f.name.removesuffix(".json")] = data
    return out


# --------------------------------------------------------------------------- the run


@dataclass(slots=True)
class AuditSummary:
    """What a run did."""

    out: str
    documents: int = 0  # in the sources
    skipped: int = 0  # already done with the same hash
    analyzed: int = 0
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    parts: list[PartitionResult] = field(default_factory=list)

    def line(self) -> str:
        rate = (self.analyzed + self.errors) / self.seconds if self.seconds else 0.0
        crate = self.chars / self.seconds / 1000 if self.seconds else 0.0
        return (
            f"audit complete: {self.documents} documents, {self.analyzed} analyzed, {self.errors} errors, "
            f"{self.skipped} already done; {self.seconds:.1f} s, {rate:.1f} docs/s, {crate:,.0f} k chars/s "
            f"-> {self.out}"
        )


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"runs": []}
    return data if isinstance(data, dict) and isinstance(data.get("runs"), list) else {"runs": []}


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


def _done(out: Path) -> dict[str, str]:
    """id -> hash of every document done (newest part wins; an error there means not done)."""
    parts = committed_parts(out)
    latest = _latest_part(out, parts)
    t = _read_parts(out, "documents", parts, ["id", "hash"])
    done = {}
    for doc_id, h, part in zip(
        t.column("id").to_pylist(), t.column("hash").to_pylist(), t.column("_part").to_pylist(), strict=True
    ):
        if latest.get(doc_id) == part:
            done[doc_id] = h
    return done


def _error_rows(task: PartitionTask, exc: BaseException) -> None:
    """A part whose worker died: every document of it goes to the errors table (redone by the next run)."""
    import pyarrow as pa

    rows = [
        {
            "id": ref.id,
            "path": ref.path,
            "source_kind": ref.kind,
            "source_index": ref.index,
            "error_type": type(exc).__name__,
            "message": ("worker failed on this part: " + " ".join(str(exc).split()))[:2000],
            "traceback": "",
            "seconds": 0.0,
            "hash": h,
            "version": __version__,
        }
        for ref, h in zip(task.refs, task.hashes, strict=True)
    ]
    out = Path(task.out)
    (out / "findings" / f"{task.name}.parquet").unlink(missing_ok=True)
    _write_atomic(schema_of(FINDING_COLUMNS).empty_table(), out / "findings" / f"{task.name}.parquet")
    _write_atomic(
        pa.Table.from_pylist(rows, schema=schema_of(ERROR_COLUMNS)), out / "errors" / f"{task.name}.parquet"
    )
    _write_atomic(documents_schema().empty_table(), out / "documents" / f"{task.name}.parquet")


def _run_tasks(executor: _Executor, tasks: list[PartitionTask], summary: AuditSummary, bar: Progress) -> None:
    """Run the parts, counting what they did into `summary`; a part whose worker died becomes error rows."""
    try:
        for task, result in executor.map_unordered(run_partition, tasks):
            size = sum(r.size for r in task.refs)
            if isinstance(result, BaseException):
                _error_rows(task, result)
                summary.errors += len(task.refs)
                bar.step(0, len(task.refs), 0, size, task.name)
                continue
            summary.parts.append(result)
            summary.analyzed += result.documents
            summary.errors += result.errors
            summary.chars += result.chars
            bar.step(result.documents, result.errors, result.chars, size, task.name)
    finally:
        bar.finish()


def run_audit(
    sources: Sequence[str],
    out: str | Path,
    *,
    config: Config | dict[str, Any] | None = None,
    jobs: int = 1,
    dask: str | None = None,
    dask_timeout: float = DEFAULT_DASK_TIMEOUT,
    dask_dashboard: str | None = None,
    executor: _Executor | None = None,
    input_format: InputFormat | None = None,
    text_column: str = "text",
    id_column: str = "id",
    partition_chars: int = DEFAULT_PARTITION_CHARS,
    time_budget: float | None = None,
    profile_for: ProfileFor | None = None,
    progress: IO[str] | None = None,
    log_interval: float = 5.0,
    heartbeat: float = 1.0,
) -> AuditSummary:
    """Audit the documents of `sources` into the folder `out` (see the module docstring); resumable.

    `dask` is a scheduler address or "local" (a LocalCluster of `jobs` worker processes, with a dashboard
    only when `dask_dashboard` gives its address); otherwise a process pool of `jobs` workers (1: this
    process). A scheduler not reached within `dask_timeout` seconds is an InputError, raised before the
    output folder is created or changed. With a `progress` stream, workers write what they are doing every
    `heartbeat` seconds (see `Heartbeat`) and the progress line shows it.
    """
    if jobs < 1:
        raise InputError("jobs must be at least 1")
    if partition_chars < 1:
        raise InputError("partition size must be positive")
    if dask_timeout <= 0:
        raise InputError("the Dask connect timeout must be positive")
    if heartbeat <= 0:
        raise InputError("the heartbeat must be positive")
    cfg = load_config(config)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    refs = list_documents(sources, input_format=input_format, text_column=text_column, id_column=id_column)
    if not refs:
        raise InputError("no documents found in " + ", ".join(sources))
    key = run_key(cfg, profile_for)
    hashes = {ref.id: document_hash(ref, key) for ref in refs}
    done = _done(out)  # committed parts only: what a killed run left half-written does not count
    todo = [ref for ref in refs if done.get(ref.id) != hashes[ref.id]]
    own = executor is None
    if todo and executor is None and dask:
        executor = _Dask(dask, jobs, timeout=dask_timeout, dashboard=dask_dashboard)
    out.mkdir(parents=True, exist_ok=True)
    _clean(out)
    manifest = {"version": __version__, "config": None, "run_key": None, **_read_manifest(out)}
    run_number = len(manifest["runs"]) + 1
    config_json = cfg.model_dump_json()
    workers = executor.workers if executor is not None else jobs
    size = part_size(sum(r.size for r in todo), workers, partition_chars)
    tasks = [
        PartitionTask(
            out=str(out.resolve()),
            name=f"r{run_number:04d}-p{i:06d}",
            refs=tuple(group),
            hashes=tuple(hashes[r.id] for r in group),
            config_json=config_json,
            profile_for=profile_for,
            time_budget=time_budget,
            heartbeat=heartbeat if progress is not None else None,
        )
        for i, group in enumerate(partition(todo, size))
    ]
    if tasks and executor is None:
        executor = _Pool(min(jobs, len(tasks))) if jobs > 1 and len(tasks) > 1 else _InProcess()
    summary = AuditSummary(out=str(out), documents=len(refs), skipped=len(refs) - len(todo))
    run_entry: dict[str, Any] = {
        "run": run_number,
        "version": __version__,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sources": list(sources),
        "engine": f"dask:{dask}" if dask else ("custom" if not own else f"pool:{jobs}"),
        "documents": len(refs),
        "to_do": len(todo),
        "parts": len(tasks),
        "part_size": size,
        "complete": False,
    }
    try:
        manifest.update({"version": __version__, "config": json.loads(config_json), "run_key": key})
        manifest["runs"].append(run_entry)
        _write_manifest(out, manifest)
        started = time.perf_counter()
        if executor is not None and tasks:
            bar = Progress(len(todo), sum(r.size for r in todo), progress, interval=log_interval)
            if progress is not None:
                bar.watch(out / PROGRESS_DIR, f"r{run_number:04d}-", heartbeat)
            _run_tasks(executor, largest_first(tasks), summary, bar)
    finally:
        if own and executor is not None:
            executor.close()
        if isinstance(executor, _InProcess):
            _thaw()  # the parts ran in this process: leave its garbage collector as it was
    summary.seconds = time.perf_counter() - started
    _compact(out)
    run_entry.update(
        {
            "complete": True,
            "analyzed": summary.analyzed,
            "errors": summary.errors,
            "skipped": summary.skipped,
            "seconds": round(summary.seconds, 3),
            "chars": summary.chars,
            "peak_rss_mb_per_worker": max((p.peak_rss_mb for p in summary.parts), default=0.0),
            "workers": sorted({p.worker for p in summary.parts}),
        }
    )
    _write_manifest(out, manifest)
    return summary


def print_summary(summary: AuditSummary, stream: IO[str] | None = None) -> None:
    stream = stream if stream is not None else sys.stderr
    stream.write(f"vnpolicytext: {summary.line()}\n")
    stream.flush()
