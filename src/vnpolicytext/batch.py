"""Many documents at once: sources (folders, globs, JSON Lines, Parquet), document rows, `analyze_many`.

A document travels to a worker as a `DocRef` (where to read it, not its text, unless it was given inline);
the worker reads it, analyzes it with `process` and returns one `DocumentResult`: a flat row of figures,
one row per finding, or an error row. `vnpolicytext.audit` writes these rows as Parquet tables; this
module itself needs nothing beyond the core (pyarrow is imported only to read Parquet sources).
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import json
import threading
import time
import traceback
import types
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .api import decode_bytes
from .config import Config, load_config
from .errors import ConfigError, InputError
from .gates import check_report
from .markup import INPUT_FORMATS, InputFormat, analyze_markup, format_for_path
from .report import Report
from .version import __version__

ColumnType = Literal["string", "int64", "float64", "bool"]
SourceKind = Literal["file", "jsonl", "parquet", "inline"]
ProfileFor = Callable[[str], str]

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
PROFILES = ("citizen", "news", "legal")
META_PREFIX = "meta__"
# JSON Lines keys that say where the text is; every other key except "id" is metadata.
TEXT_KEYS: dict[str, InputFormat | None] = {
    "text": "text",
    "html": "html",
    "markdown": "markdown",
    "path": None,
}
# Report fields that are not analyzer summaries.
_CORE_FIELDS = frozenset({"version", "profile", "sentences", "findings"})


class DocumentTimeout(Exception):
    """A document took longer than its time budget."""


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class DocRef:
    """One document as a pointer: where to read it, its id, metadata and content hash (not its text)."""

    id: str
    kind: SourceKind
    path: str | None
    index: int | None = None  # 1-based line (JSON Lines) or 0-based row (Parquet)
    offset: int | None = None  # byte offset of the JSON Lines line
    input_format: InputFormat = "text"
    metadata: Mapping[str, str | None] = field(default_factory=dict)
    content_hash: str = ""
    size: int = 0  # characters (bytes for files), for partitions and progress
    text: str | None = None  # inline text (analyze_many, or a JSON Lines text when given inline)
    text_column: str = "text"  # Parquet
    problem: str | None = None  # found while listing (bad JSON line): the document becomes an error row


@dataclass(slots=True)
class DocumentResult:
    """What one document gave: a document row and its finding rows, or an error row."""

    id: str
    row: dict[str, Any] | None
    findings: list[dict[str, Any]]
    error: dict[str, Any] | None


def _digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


def _meta_value(value: Any) -> str | None:
    """Metadata are carried as strings (JSON for anything that is not a string), so shards always agree."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _file_ref(path: Path, display: str, input_format: InputFormat | None) -> DocRef:
    data = path.read_bytes()
    fmt = input_format or format_for_path(path)
    return DocRef(
        id=display,
        kind="file",
        path=display,
        input_format=fmt,
        content_hash=_digest(data, fmt.encode()),
        size=len(data),
    )


def _jsonl_refs(path: Path, input_format: InputFormat | None) -> Iterator[DocRef]:
    display = str(path)
    offset = 0
    with path.open("rb") as fp:
        for number, raw in enumerate(fp, start=1):
            at, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            fallback_id = f"{display}:{number}"
            base = DocRef(id=fallback_id, kind="jsonl", path=display, index=number, offset=at)
            try:
                item = json.loads(decode_bytes(raw, source=fallback_id))
            except (InputError, ValueError) as exc:
                yield replace(base, problem=f"not a JSON line: {exc}", content_hash=_digest(raw))
                continue
            if not isinstance(item, dict):
                yield replace(
                    base, problem="a JSON Lines document must be an object", content_hash=_digest(raw)
                )
                continue
            yield _item_ref(item, base, path.parent, input_format, raw)


def _item_ref(
    item: Mapping[str, Any], base: DocRef, folder: Path | None, input_format: InputFormat | None, raw: bytes
) -> DocRef:
    """A document given as a mapping: {"id", "text" | "html" | "markdown" | "path", ...metadata}."""
    doc_id = item.get("id")
    ref = replace(base, id=str(doc_id) if doc_id is not None else base.id)
    keys = [k for k in TEXT_KEYS if k in item]
    metadata = {k: _meta_value(v) for k, v in item.items() if k != "id" and k not in TEXT_KEYS}
    ref = replace(ref, metadata=metadata)
    if len(keys) != 1:
        problem = "needs exactly one of: " + ", ".join(f'"{k}"' for k in TEXT_KEYS)
        return replace(ref, problem=problem, content_hash=_digest(raw))
    key = keys[0]
    value = item[key]
    if not isinstance(value, str):
        return replace(ref, problem=f'"{key}" must be a string', content_hash=_digest(raw))
    if key == "path":
        target = Path(value)
        if folder is not None and not target.is_absolute():
            target = folder / target
        fmt = input_format or format_for_path(target)
        try:
            data = target.read_bytes()
        except OSError as exc:
            return replace(
                ref, problem=f"{target}: cannot read: {exc.strerror or exc}", content_hash=_digest(raw)
            )
        return replace(
            ref,
            kind="file",
            path=str(target),
            index=None,
            offset=None,
            input_format=fmt,
            content_hash=_digest(raw, data),
            size=len(data),
            text=None,
        )
    fmt = input_format or TEXT_KEYS[key] or "text"
    text = value if ref.kind == "inline" else None
    return replace(ref, input_format=fmt, content_hash=_digest(raw, fmt.encode()), size=len(value), text=text)


def _parquet_refs(
    path: Path, text_column: str, id_column: str, input_format: InputFormat | None
) -> Iterator[DocRef]:
    import pyarrow.parquet as pq

    display = str(path)
    table = pq.read_table(path)
    if text_column not in table.column_names:
        raise InputError(f"{display}: no text column {text_column!r} (use --text-column)")
    meta_names = [c for c in table.column_names if c not in (text_column, id_column)]
    texts = table.column(text_column).to_pylist()
    ids = table.column(id_column).to_pylist() if id_column in table.column_names else [None] * len(texts)
    metas = {c: table.column(c).to_pylist() for c in meta_names}
    fmt = input_format or "text"
    for row, text in enumerate(texts):
        metadata = {c: _meta_value(metas[c][row]) for c in meta_names}
        doc_id = str(ids[row]) if ids[row] is not None else f"{display}#{row}"
        ref = DocRef(
            id=doc_id,
            kind="parquet",
            path=display,
            index=row,
            input_format=fmt,
            metadata=metadata,
            text_column=text_column,
        )
        if not isinstance(text, str):
            yield replace(ref, problem=f"text column {text_column!r} is not a string here", content_hash="")
            continue
        meta_bytes = json.dumps(metadata, sort_keys=True, ensure_ascii=False).encode()
        yield replace(
            ref,
            content_hash=_digest(text.encode("utf-8", "surrogatepass"), meta_bytes, fmt.encode()),
            size=len(text),
        )


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file()
        and f.suffix.lower() in DOCUMENT_SUFFIXES
        and not any(part.startswith(".") for part in f.relative_to(folder).parts)
    )


def list_documents(
    sources: Iterable[str],
    *,
    input_format: InputFormat | None = None,
    text_column: str = "text",
    id_column: str = "id",
) -> list[DocRef]:
    """Every document of the sources, in order; InputError for a missing source or a duplicate id.

    A source is a folder (walked for .txt/.md/.html files), a glob pattern, a .jsonl file or a .parquet file.
    """
    refs: list[DocRef] = []
    for source in sources:
        p = Path(source)
        if p.is_dir():
            files = _folder_files(p)
        elif p.is_file():
            files = [p]
        elif glob.has_magic(source):
            files = sorted(Path(f) for f in glob.glob(source, recursive=True) if Path(f).is_file())
            if not files:
                raise InputError(f"{source}: no file matches")
        else:
            raise InputError(f"{source}: no such file or directory")
        for f in files:
            suffix = f.suffix.lower()
            try:
                if suffix == ".jsonl":
                    refs.extend(_jsonl_refs(f, input_format))
                elif suffix == ".parquet":
                    refs.extend(_parquet_refs(f, text_column, id_column, input_format))
                else:
                    refs.append(_file_ref(f, str(f), input_format))
            except OSError as exc:
                raise InputError(f"{f}: cannot read: {exc.strerror or exc}") from None
    seen: set[str] = set()
    for ref in refs:
        if ref.id in seen:
            raise InputError(f"duplicate document id {ref.id!r}: ids must be unique across the sources")
        seen.add(ref.id)
    return refs


@lru_cache(maxsize=4)
def _parquet_row_group(path: str, mtime: float, column: str, group: int) -> tuple[int, list[Any]]:
    """(first row, texts) of one row group; a worker keeps the last few it read."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    first = sum(pf.metadata.row_group(g).num_rows for g in range(group))
    return first, pf.read_row_group(group, columns=[column]).column(column).to_pylist()


def _parquet_text(path: str, column: str, row: int) -> Any:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    seen = 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if row < seen + n:
            first, texts = _parquet_row_group(path, Path(path).stat().st_mtime, column, g)
            return texts[row - first]
        seen += n
    raise InputError(f"{path}: row {row} is gone (the file changed since the run was planned)")


def read_text(ref: DocRef) -> str:
    """The text of a document (read in the worker); InputError when it cannot be read or decoded."""
    if ref.problem is not None:
        raise InputError(f"{ref.id}: {ref.problem}")
    if ref.text is not None:
        return ref.text
    if ref.path is None:
        raise InputError(f"{ref.id}: no text")
    try:
        if ref.kind == "file":
            return decode_bytes(Path(ref.path).read_bytes(), source=ref.path)
        if ref.kind == "jsonl":
            with open(ref.path, "rb") as fp:
                fp.seek(ref.offset or 0)
                item = json.loads(decode_bytes(fp.readline(), source=ref.id))
            key = next(k for k in TEXT_KEYS if k in item)
            if key == "path":
                target = Path(item["path"])
                if not target.is_absolute():
                    target = Path(ref.path).parent / target
                return decode_bytes(target.read_bytes(), source=str(target))
            return str(item[key])
        if ref.kind == "parquet":
            text = _parquet_text(ref.path, ref.text_column, ref.index or 0)
            if not isinstance(text, str):
                raise InputError(f"{ref.id}: the text column holds no string")
            return text
    except OSError as exc:
        raise InputError(f"{ref.path}: cannot read: {exc.strerror or exc}") from None
    raise InputError(f"{ref.id}: unknown source kind {ref.kind!r}")


# --------------------------------------------------------------------------- columns


def _unwrap(annotation: Any) -> Any:
    """T from T | None (Optional[T]); the annotation itself otherwise."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _column_type(annotation: Any) -> ColumnType | None:
    a = _unwrap(annotation)
    if a is bool:
        return "bool"
    if a is int:
        return "int64"
    if a is float:
        return "float64"
    if a is str:
        return "string"
    if typing.get_origin(a) is Literal and all(isinstance(v, str) for v in typing.get_args(a)):
        return "string"
    return None


def _scalar_paths(
    model: type[BaseModel], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], ColumnType]]:
    for name, info in model.model_fields.items():
        kind = _column_type(info.annotation)
        path = (*prefix, name)
        if kind is not None:
            yield path, kind
            continue
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _scalar_paths(inner, path)


@cache
def summary_columns() -> tuple[tuple[str, tuple[str, ...], ColumnType], ...]:
    """(column name, attribute path in the report, type) of every scalar figure of every summary.

    Derived from the report models, so a new analyzer's summary adds its columns by itself.
    """
    out = []
    for name, info in Report.model_fields.items():
        if name in _CORE_FIELDS:
            continue
        model = _unwrap(info.annotation)
        if isinstance(model, type) and issubclass(model, BaseModel):
            for path, kind in _scalar_paths(model, (name,)):
                out.append(("__".join(path), path, kind))
    return tuple(out)


@cache
def rule_ids() -> tuple[str, ...]:
    """Every rule id, in registry order. Adapter: the only internal the batch code reads."""
    from .analyzers import RULES

    return tuple(RULES)


HEAD_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("path", "string"),
    ("source_kind", "string"),
    ("source_index", "int64"),
    ("input_format", "string"),
    ("profile", "string"),
    ("clarity_score", "float64"),
    ("level", "string"),
    ("level_id", "string"),
    ("check_passed", "bool"),
    ("check_failed", "string"),
    ("findings", "int64"),
    ("findings_error", "int64"),
    ("findings_warning", "int64"),
    ("findings_info", "int64"),
)
TAIL_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("seconds", "float64"),
    ("hash", "string"),
    ("version", "string"),
)
FINDING_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("analyzer", "string"),
    ("rule", "string"),
    ("severity", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("line", "int64"),
    ("column", "int64"),
    ("text", "string"),
    ("term", "string"),
    ("message", "string"),
    ("suggestion", "string"),
    ("data", "string"),
)
ERROR_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("path", "string"),
    ("source_kind", "string"),
    ("source_index", "int64"),
    ("error_type", "string"),
    ("message", "string"),
    ("traceback", "string"),
    ("seconds", "float64"),
    ("hash", "string"),
    ("version", "string"),
)


def document_columns() -> list[tuple[str, ColumnType]]:
    """The fixed columns of the documents table, in order; metadata columns (`meta__*`, string) follow."""
    return [
        *HEAD_COLUMNS,
        *((name, kind) for name, _, kind in summary_columns()),
        *((f"rule__{r}", "int64") for r in rule_ids()),
        *TAIL_COLUMNS,
    ]


# --------------------------------------------------------------------------- one document


def document_hash(ref: DocRef, run_key: str) -> str:
    """Hash of the document's content, its metadata and the run key (configuration + library version)."""
    return _digest(run_key.encode(), ref.content_hash.encode(), ref.id.encode())


def run_key(config: Config, profile_for: ProfileFor | None = None) -> str:
    """What, beside a document, decides its results: library version, configuration, user lexicons."""
    parts = [__version__.encode(), config.model_dump_json().encode()]
    for f in [*config.options_for("jargon").files, *config.options_for("glossary").files]:
        try:
            parts.append(Path(f).read_bytes())
        except OSError:
            parts.append(b"<missing>")
    if profile_for is not None:
        parts.append(f"{profile_for.__module__}.{profile_for.__qualname__}".encode())
    return _digest(*parts)


@cache
def _config_for(config_json: str, profile: str) -> Config:
    data = json.loads(config_json)
    data["profile"] = profile
    return load_config(data)


def _profile_config(config: Config, profile_for: ProfileFor | None, text: str) -> Config:
    if profile_for is None:
        return config
    profile = profile_for(text)
    if profile == config.profile:
        return config
    if profile not in PROFILES:
        raise ConfigError(f"profile_for returned {profile!r}; expected one of: {', '.join(PROFILES)}")
    return _config_for(config.model_dump_json(), profile)


def _value(report: Report, path: tuple[str, ...]) -> Any:
    value: Any = report
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def document_row(ref: DocRef, report: Report, config: Config) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The document row and the finding rows of an analyzed document."""
    result = check_report(report, config)
    by_severity = {"error": 0, "warning": 0, "info": 0}
    by_rule = dict.fromkeys(rule_ids(), 0)
    for f in report.findings:
        by_severity[f.severity] += 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    readability = report.readability
    row: dict[str, Any] = {
        "id": ref.id,
        "path": ref.path,
        "source_kind": ref.kind,
        "source_index": ref.index,
        "input_format": ref.input_format,
        "profile": report.profile,
        "clarity_score": readability.clarity_score if readability is not None else None,
        "level": readability.level if readability is not None else None,
        "level_id": readability.level_id if readability is not None else None,
        "check_passed": result.passed,
        "check_failed": ",".join(g.gate for g in result.failures),
        "findings": len(report.findings),
        "findings_error": by_severity["error"],
        "findings_warning": by_severity["warning"],
        "findings_info": by_severity["info"],
    }
    for name, path, _ in summary_columns():
        row[name] = _value(report, path)
    for rule, n in by_rule.items():
        row[f"rule__{rule}"] = n
    for key, value in ref.metadata.items():
        row[META_PREFIX + key] = value
    findings = [
        {
            "id": ref.id,
            "analyzer": f.analyzer,
            "rule": f.rule,
            "severity": f.severity,
            "start": f.start,
            "end": f.end,
            "line": f.line,
            "column": f.column,
            "text": f.text,
            "term": f.data.get("term") if isinstance(f.data.get("term"), str) else None,
            "message": f.message,
            "suggestion": f.suggestion,
            "data": json.dumps(f.data, ensure_ascii=False, sort_keys=True, default=str) if f.data else None,
        }
        for f in report.findings
    ]
    return row, findings


def _short_traceback(exc: BaseException, frames: int = 4) -> str:
    tb = traceback.extract_tb(exc.__traceback__)[-frames:]
    return " | ".join(f"{Path(fr.filename).name}:{fr.lineno} in {fr.name}" for fr in tb)


def call_with_budget(fn: Callable[[], Any], seconds: float | None) -> Any:
    """fn(), interrupted with DocumentTimeout after `seconds` (works in worker threads as in main threads).

    The exception is raised asynchronously in the calling thread, so it lands between two Python bytecodes:
    a long call into C (one unit's CRF tagging) finishes first.
    """
    if not seconds or seconds <= 0:
        return fn()
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(tid), ctypes.py_object(DocumentTimeout)
                )

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        try:
            return fn()
        finally:
            with lock:
                state["active"] = False
            timer.cancel()
    except DocumentTimeout:
        raise DocumentTimeout(f"longer than the time budget of {seconds:g} s") from None


def process(
    ref: DocRef,
    config: Config,
    *,
    doc_hash: str = "",
    profile_for: ProfileFor | None = None,
    time_budget: float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> DocumentResult:
    """Read and analyze one document; any exception becomes an error row instead of escaping.

    `progress(analyzer, i, n)` is called before each analyzer runs (see `vnpolicytext.analyze`)."""
    started = time.perf_counter()
    try:

        def work() -> tuple[dict[str, Any], list[dict[str, Any]]]:
            text = read_text(ref)
            cfg = _profile_config(config, profile_for, text)
            report = analyze_markup(text, ref.input_format, config=cfg, progress=progress)
            return document_row(ref, report, cfg)

        row, findings = call_with_budget(work, time_budget)
    except Exception as exc:
        error = {
            "id": ref.id,
            "path": ref.path,
            "source_kind": ref.kind,
            "source_index": ref.index,
            "error_type": type(exc).__name__,
            "message": " ".join(str(exc).split())[:2000],
            "traceback": _short_traceback(exc),
            "seconds": round(time.perf_counter() - started, 4),
            "hash": doc_hash,
            "version": __version__,
        }
        return DocumentResult(ref.id, None, [], error)
    row["seconds"] = round(time.perf_counter() - started, 4)
    row["hash"] = doc_hash
    row["version"] = __version__
    return DocumentResult(ref.id, row, findings, None)


# --------------------------------------------------------------------------- analyze_many


def _inline_ref(item: str | Mapping[str, Any], position: int, input_format: InputFormat | None) -> DocRef:
    base = DocRef(id=str(position), kind="inline", path=None, index=position)
    if isinstance(item, str):
        fmt = input_format or "text"
        return replace(base, text=item, input_format=fmt, size=len(item))
    if isinstance(item, Mapping):
        return _item_ref(item, base, None, input_format, b"")
    raise TypeError(f"analyze_many() takes str or mapping items, not {type(item).__name__}")


def _process_inline(
    args: tuple[DocRef, str, ProfileFor | None, float | None],
) -> DocumentResult:
    ref, config_json, profile_for, budget = args
    return process(ref, _config_json_cached(config_json), profile_for=profile_for, time_budget=budget)


@cache
def _config_json_cached(config_json: str) -> Config:
    return load_config(json.loads(config_json))


def analyze_many(
    items: Iterable[str | Mapping[str, Any]],
    *,
    jobs: int = 1,
    config: Config | dict[str, Any] | None = None,
    input_format: InputFormat | None = None,
    profile_for: ProfileFor | None = None,
    time_budget: float | None = None,
) -> Iterator[DocumentResult]:
    """Analyze many documents, yielding one `DocumentResult` per item, in input order.

    An item is a text, or a mapping {"id", "text" | "html" | "markdown" | "path", ...metadata}; items
    without an id get their position. A document that raises gives a result with `error` set. With
    `jobs` > 1 the work runs in that many processes, a bounded window of items ahead (the iterable is
    read lazily); `profile_for` must then be a module-level function.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of: {', '.join(INPUT_FORMATS)}")
    cfg = load_config(config)
    config_json = cfg.model_dump_json()
    refs = (_inline_ref(item, i, input_format) for i, item in enumerate(items))
    if jobs == 1:
        for ref in refs:
            yield process(ref, cfg, profile_for=profile_for, time_budget=time_budget)
        return
    window: deque[Future[DocumentResult]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for ref in refs:
            window.append(pool.submit(_process_inline, (ref, config_json, profile_for, time_budget)))
            if len(window) >= 4 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def write_findings_jsonl(result: DocumentResult, fp: typing.IO[str]) -> int:
    """Write a document's findings as JSON Lines, one line at a time (no document-sized JSON string)."""
    n = 0
    for f in result.findings:
        fp.write(json.dumps(f, ensure_ascii=False))
        fp.write("\n")
        n += 1
    return n


__all__ = [
    "DocRef",
    "DocumentResult",
    "DocumentTimeout",
    "analyze_many",
    "call_with_budget",
    "document_columns",
    "list_documents",
    "process",
    "read_text",
    "rule_ids",
    "summary_columns",
    "write_findings_jsonl",
]
