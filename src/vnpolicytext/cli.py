"""The `vnpolicytext` command: analyze, check, fix, annotate, convert, serve, rules, rule, schema.

Exit codes: 0 clean (analyze: no error-level finding; check: every input passed), 1 findings at error level
(analyze) or a failed check, 2 a usage or input error, reported as one `vnpolicytext: error: …` line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

# The subcommand modules hold their argument parsers; what a command runs (legacy conversion, fixes,
# Markdown/HTML parsers, renderers, gates) is imported when that command or input format is used, so
# `vnpolicytext analyze file.txt` starts faster (tests/test_cli_imports.py keeps it so).
from . import cli_annotate, cli_audit, cli_convert, cli_fix, cli_serve
from .config import Config
from .config_file import resolve_config
from .errors import InputError, VnPolicyTextError
from .formats import DOCUMENT_SUFFIXES, document_format, read_document
from .markup import INPUT_FORMATS, InputFormat, analyze_markup
from .render import FORMATS, FileResult
from .render.safe import display_name
from .sniff import Loaded, load, load_bytes
from .version import __version__

if TYPE_CHECKING:
    from .formats import ExtractedDocument

PROG = "vnpolicytext"
SOURCE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", *DOCUMENT_SUFFIXES})


class UsageError(Exception):
    """A mistake on the command line (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


@dataclass(frozen=True, slots=True)
class Task:
    """One input to analyze: where it came from, its decoded text, format and configuration."""

    display: str
    source: str
    input_format: InputFormat
    config: Config
    command: str
    legacy_encoding: str | None = None  # converted from, with --convert-legacy
    document: ExtractedDocument | None = None  # a .docx or .pdf file: its text is `source`


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Readability and clarity checks for Vietnamese policy text.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in (
        ("analyze", "report findings and scores (exit 1 when an error-level finding exists)"),
        ("check", "pre-publication check against the configured gates (exit 1 when it fails)"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders ('-' reads standard input)")
        p.add_argument(
            "--profile",
            choices=("citizen", "news", "legal", "auto"),
            help="threshold set (overrides the config); auto picks it per document, the default for files "
            "found in folders",
        )
        p.add_argument(
            "--config", type=Path, metavar="FILE", help="configuration file (default: found upward)"
        )
        p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
        p.add_argument(
            "--input-format",
            choices=("auto", *INPUT_FORMATS),
            default="auto",
            help="how to read the inputs (default: by extension; standard input is text)",
        )
        p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the output to FILE")
        p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="analyze N files in parallel")
        p.add_argument(
            "--convert-legacy",
            action="store_true",
            help="convert TCVN3 (ABC), VNI and Windows-1258 inputs to Unicode instead of refusing them",
        )
    cli_convert.add_parser(sub)
    cli_fix.add_parser(sub)
    cli_annotate.add_parser(sub)
    sub.add_parser("schema", help="print the JSON Schema of the report")
    sub.add_parser("rules", help="list every rule id with its severity and description")
    rule = sub.add_parser(
        "rule", help="explain one rule in Vietnamese (what, why, example, how to switch off)"
    )
    rule.add_argument("rule_id", metavar="ID", help="a rule id, e.g. passive.short")
    cli_serve.add_parser(sub)
    cli_audit.add_parsers(sub)
    return parser


# --------------------------------------------------------------------------- inputs


def collect_paths(paths: Sequence[str]) -> list[str]:
    """The files named, folders walked for .txt/.md/.html files (sorted), '-' kept as is."""
    out: list[str] = []
    stdin_seen = False
    for raw in paths:
        if raw == "-":
            if stdin_seen:
                raise UsageError("standard input ('-') can be given only once")
            stdin_seen = True
            out.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SOURCE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            out.extend(found)
        elif p.is_file():
            out.append(raw)
        elif p.exists():
            raise InputError(f"{raw}: not a regular file")
        else:
            raise InputError(f"{raw}: no such file or directory")
    return out


def _read(display: str, convert_legacy: bool = False) -> Loaded:
    """A file or standard input, by content: refused when unsupported, legacy text converted when asked."""
    if display == "-":  # standard input is text unless --input-format says otherwise
        loaded = load_bytes(_stdin_bytes(), "<stdin>", convert_legacy=convert_legacy)
        loaded = Loaded(loaded.text, "text", loaded.legacy_encoding)
    else:
        loaded = load(display, convert_legacy=convert_legacy)
    if loaded.legacy_encoding is not None:
        from .legacy import LABELS

        label = LABELS[loaded.legacy_encoding]
        sys.stderr.write(f"{PROG}: note: {display}: converted from {label} to Unicode (--convert-legacy)\n")
    return loaded


def _stdin_bytes() -> bytes:
    """All of standard input; a closed one is a usage error, not a crash."""
    try:
        if sys.stdin is None:
            raise ValueError
        return sys.stdin.buffer.read()
    except (ValueError, AttributeError):  # no stream, or "I/O operation on closed file"
        raise UsageError("standard input is closed") from None


def make_tasks(args: argparse.Namespace) -> list[Task]:
    files = collect_paths(args.paths)
    if not files:
        raise InputError("no .txt, .md, .html, .docx or .pdf files found in " + ", ".join(args.paths))
    explicit: Path | None = args.config
    if explicit is not None and not explicit.is_file():
        raise InputError(f"{explicit}: configuration file not found")
    cache: dict[str, Config] = {}
    tasks = []
    for display in files:
        folder = None if display == "-" else Path(display).resolve().parent
        key = "--config" if explicit is not None else str(folder)
        if key not in cache:
            cache[key] = resolve_config(folder, explicit=explicit, profile=args.profile)[0]
        config = cache[key]
        if display not in args.paths and "profile" not in config.model_fields_set:
            # a file found in a folder: a mixed folder of laws, news and notices gets each its own profile
            config = Config.model_validate({**config.model_dump(exclude_unset=True), "profile": "auto"})
        if display != "-" and document_format(display) is not None:
            document = read_document(display)
            tasks.append(Task(display, document.text, "text", config, args.command, document=document))
            continue
        loaded = _read(display, args.convert_legacy)
        fmt: InputFormat = args.input_format if args.input_format != "auto" else loaded.input_format  # type: ignore[assignment]
        tasks.append(Task(display, loaded.text, fmt, config, args.command, legacy_encoding=loaded.legacy_encoding))
    return tasks


# --------------------------------------------------------------------------- running


def run_task(task: Task) -> FileResult:
    """Analyze one input (in this process or a worker)."""
    report = analyze_markup(task.source, task.input_format, config=task.config, converted_from=task.legacy_encoding)
    if task.document is not None:
        report = task.document.with_locations(report)
    result = None
    if task.command == "check":
        from .gates import check_report

        result = check_report(report, task.config)
    return FileResult(display_name(task.display), task.source, report, result)


class _Progress:
    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and _is_tty(stream)
        self.done = 0

    def step(self, label: str) -> None:
        if not self.enabled:
            return
        self.done += 1
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        tail = label if len(label) <= 40 else "…" + label[-39:]
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {tail}\033[K")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def run_all(tasks: list[Task], jobs: int) -> list[FileResult]:
    """Results in input order, whatever the number of jobs."""
    progress = _Progress(len(tasks), sys.stderr)
    if jobs <= 1 or len(tasks) <= 1:
        out = []
        for t in tasks:
            out.append(run_task(t))
            progress.step(t.display)
        return out
    # Imported here: multiprocessing costs a one-file run about 0.05 s to import.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: list[FileResult | None] = [None] * len(tasks)
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        futures = {pool.submit(run_task, t): i for i, t in enumerate(tasks)}
        for fut in as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            progress.step(tasks[i].display)
    return [r for r in results if r is not None]


def render(results: list[FileResult], fmt: str, *, colour: bool) -> str:
    if fmt == "json":
        from .render import json_

        return json_.render(results)
    if fmt == "sarif":
        from .render import sarif

        return sarif.render(results)
    if fmt == "github":
        from .render import github

        return github.render(results)
    if fmt == "html":
        from .render import html

        return html.render(results)
    from .render import text

    return text.render(results, colour=colour)


def _write(body: str, output: Path | None) -> None:
    if output is not None:
        try:
            output.write_text(body, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        if sys.stdout is None:
            raise ValueError
        sys.stdout.flush()
        sys.stdout.buffer.write(body.encode("utf-8", "replace"))
        sys.stdout.buffer.flush()
    except (ValueError, AttributeError):  # no stream, or "I/O operation on closed file"
        raise UsageError("standard output is closed; use --output FILE") from None


def _rule(rule_id: str) -> str:
    from .explain import close_ids, explain

    try:
        return explain(rule_id)
    except KeyError:
        close = close_ids(rule_id)
        hint = f"; did you mean: {', '.join(close)}" if close else "; see `vnpolicytext rules`"
        raise UsageError(f"unknown rule id {rule_id!r}{hint}") from None


def _analyze_or_check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("argument --jobs: must be at least 1")
    tasks = make_tasks(args)
    results = run_all(tasks, args.jobs)
    colour = (
        args.format == "text" and args.output is None and _is_tty(sys.stdout) and "NO_COLOR" not in os.environ
    )
    _write(render(results, args.format, colour=colour), args.output)
    if args.command == "check":
        return 0 if all(r.check is not None and r.check.passed for r in results) else 1
    return 1 if any(f.severity == "error" for r in results for f in r.report.findings) else 0


def _is_tty(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except ValueError:  # closed
        return False


def _say(line: str) -> None:
    """One line on standard error, whatever state it is in."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line)
    except (ValueError, OSError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `vnpolicytext` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise UsageError(
                "a command is required: analyze, check, fix, annotate, convert, serve, audit, audit-report, rules, "
                "rule or schema"
            )
        if args.command == "schema":
            from .report import report_schema

            _write(json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n", None)
            return 0
        if args.command == "rules":
            from .explain import rule_list

            _write(rule_list(), None)
            return 0
        if args.command == "rule":
            _write(_rule(args.rule_id), None)
            return 0
        if args.command == "convert":
            return cli_convert.run(args)
        if args.command == "fix":
            return cli_fix.run(args)
        if args.command == "serve":
            return cli_serve.run(args)
        if args.command == "annotate":
            return cli_annotate.run(args)
        if args.command in cli_audit.COMMANDS:
            return cli_audit.run(args)
        return _analyze_or_check(args)
    except (UsageError, VnPolicyTextError, OSError, UnicodeError) as exc:
        message = str(exc) if not isinstance(exc, OSError) else f"{exc.filename or ''}: {exc.strerror or exc}"
        _say(f"{PROG}: error: {' '.join(message.split())}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except Exception as exc:  # a bug of ours, not the user's: say so in one line, with its own exit code
        if os.environ.get("VNPOLICYTEXT_DEBUG"):
            raise
        sys.stderr.write(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} (set VNPOLICYTEXT_DEBUG=1 for details)\n"
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
