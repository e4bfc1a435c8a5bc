"""`vnpolicytext annotate draft.docx -o draft.reviewed.docx`: a reviewed copy with one comment per finding.

Exit codes as for `analyze`: 0 when no finding is at level error, 1 otherwise (the copy is written in both
cases), 2 for a usage or input error. The original file is never written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .config_file import resolve_config
from .errors import InputError


def add_parser(sub: Any) -> None:
    """Register the `annotate` subcommand on the CLI's subparsers."""
    help_text = "write a copy of a Word file with every finding as a comment (exit 1 when an error-level finding exists)"
    p = sub.add_parser("annotate", help=help_text, description=help_text)
    p.add_argument("path", metavar="DRAFT.docx", help="the Word file to review (never modified)")
    p.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="the reviewed copy (default: DRAFT.reviewed.docx)"
    )
    p.add_argument(
        "--profile", choices=("citizen", "news", "legal"), help="threshold set (overrides the config)"
    )
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found upward)")
    p.add_argument(
        "--author", default="vnpolicytext", help="author name of the comments (default: vnpolicytext)"
    )


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.reviewed{path.suffix}")


def run(args: argparse.Namespace) -> int:
    """Run `annotate`; returns the exit code (errors are raised for the CLI's one-line handler)."""
    from .formats.annotate import annotate_docx

    path = Path(args.path)
    if path.suffix.lower() != ".docx":
        raise InputError(f"{path}: annotate chỉ nhận tệp Word .docx")
    if not path.is_file():
        raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
    explicit: Path | None = args.config
    if explicit is not None and not explicit.is_file():
        raise InputError(f"{explicit}: configuration file not found")
    config = resolve_config(path.resolve().parent, explicit=explicit, profile=args.profile)[0]
    output: Path = args.output if args.output is not None else default_output(path)
    if output.suffix.lower() != ".docx":
        raise InputError(f"{output}: the reviewed copy must be a .docx file")
    result = annotate_docx(path, output, config, author=args.author)
    findings = result.report.findings
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    sys.stdout.write(
        f"{path}: {len(findings)} comment(s) ({counts['error']} error, {counts['warning']} warning, "
        f"{counts['info']} info) written to {output}\n"
    )
    sys.stdout.flush()
    return 1 if counts["error"] else 0
