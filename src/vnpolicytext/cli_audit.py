"""The `audit` and `audit-report` commands (wired into `vnpolicytext` by cli.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .config import Config
from .errors import InputError

COMMANDS = frozenset({"audit", "audit-report"})


def add_parsers(sub: Any) -> None:
    """Add the two commands to the `vnpolicytext` sub-command parser."""
    help_text = "analyze many documents into Parquet tables (resumable; process pool or Dask)"
    p = sub.add_parser("audit", help=help_text, description=help_text)
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="folders, glob patterns (quoted), .jsonl files ({'id', 'text'|'html'|'path', ...}) or .parquet files",
    )
    p.add_argument("--output", "-o", type=Path, required=True, metavar="DIR", help="results folder")
    p.add_argument(
        "--profile",
        choices=("citizen", "news", "legal", "auto"),
        help="threshold set (overrides the config; default: auto, picked per document)",
    )
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found upward)")
    p.add_argument(
        "--input-format",
        choices=("auto", "text", "markdown", "html"),
        default="auto",
        help="how to read documents (default: by extension or JSON Lines key)",
    )
    p.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes"
    )
    p.add_argument(
        "--dask", metavar="ADDRESS", help="run on Dask: tcp://host:port, or 'local' for a LocalCluster"
    )
    p.add_argument(
        "--dask-timeout",
        type=float,
        default=5.0,
        metavar="S",
        help="give up reaching the Dask scheduler after S seconds (default 5; exit 2)",
    )
    p.add_argument(
        "--dask-dashboard",
        metavar="ADDRESS",
        help="with --dask local: serve the Dask dashboard there, e.g. :8787 (default: no dashboard)",
    )
    p.add_argument(
        "--text-column", default="text", metavar="NAME", help="Parquet text column (default: text)"
    )
    p.add_argument("--id-column", default="id", metavar="NAME", help="Parquet id column (default: id)")
    p.add_argument(
        "--partition-mb",
        type=float,
        default=2.0,
        metavar="MB",
        help="text per task, in millions of characters",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        metavar="S",
        help="time budget per document (0: none; default 600)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary line")

    help_text = "a self-contained HTML report on an audit's results"
    r = sub.add_parser("audit-report", help=help_text, description=help_text)
    r.add_argument("results", type=Path, metavar="DIR", help="the folder `vnpolicytext audit` wrote")
    r.add_argument("--output", "-o", type=Path, required=True, metavar="FILE", help="the HTML file to write")
    r.add_argument(
        "--group-by",
        action="append",
        metavar="COLUMN",
        help="metadata column to group by (repeatable; default: every metadata column, else profile)",
    )
    r.add_argument("--worst", type=int, default=20, metavar="N", help="list the N least clear documents")
    r.add_argument(
        "--no-pages", action="store_true", help="do not write a page per listed document next to the report"
    )
    r.add_argument("--title", default=None, help="title of the page")


def run(args: argparse.Namespace) -> int:
    """Run `audit` or `audit-report`; usage problems raise InputError (exit 2 in cli.main)."""
    if args.command == "audit":
        return _audit(args)
    return _report(args)


def _audit(args: argparse.Namespace) -> int:
    from .config_file import resolve_config

    try:
        from . import audit
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise InputError(f"audit needs pyarrow: pip install 'vnpolicytext[audit]' ({exc})") from None
    if args.jobs < 1:
        raise InputError("argument --jobs: must be at least 1")
    if args.partition_mb <= 0:
        raise InputError("argument --partition-mb: must be positive")
    if args.dask_timeout <= 0:
        raise InputError("argument --dask-timeout: must be positive")
    if args.dask_dashboard is not None and args.dask != "local":
        raise InputError("argument --dask-dashboard: only with --dask local")
    explicit: Path | None = args.config
    if explicit is not None and not explicit.is_file():
        raise InputError(f"{explicit}: configuration file not found")
    config = resolve_config(None, explicit=explicit, profile=args.profile)[0]
    if "profile" not in config.model_fields_set:
        # a portal or a legal database mixes laws, news and notices: each document gets its own profile
        config = Config.model_validate({**config.model_dump(exclude_unset=True), "profile": "auto"})
    summary = audit.run_audit(
        args.sources,
        args.output,
        config=config,
        jobs=args.jobs,
        dask=args.dask,
        dask_timeout=args.dask_timeout,
        dask_dashboard=args.dask_dashboard,
        input_format=None if args.input_format == "auto" else args.input_format,
        text_column=args.text_column,
        id_column=args.id_column,
        partition_chars=int(args.partition_mb * 1_000_000),
        time_budget=args.timeout or None,
        progress=None if args.quiet else sys.stderr,
    )
    if not args.quiet:
        audit.print_summary(summary)
    return 0


def _report(args: argparse.Namespace) -> int:
    from . import audit_report

    if not (args.results / "documents").is_dir():
        raise InputError(f"{args.results}: not an audit results folder (no documents/ in it)")
    if args.worst < 0:
        raise InputError("argument --worst: must be at least 0")
    audit_report.write_report(
        args.results,
        args.output,
        group_by=args.group_by,
        worst=args.worst,
        pages=not args.no_pages,
        title=args.title,
    )
    return 0
