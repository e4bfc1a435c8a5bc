"""`vnpolicytext fix FILE [--unsafe] [--diff] [-o OUT]`: apply the findings' fixes, re-analyse, say what remains.

Safe fixes only unless --unsafe; never two overlapping edits; fixes that would lower the clarity score are
held back (`fixes.fix_text`). Markdown and HTML are edited in their source,
only where a fix replaces prose verbatim, so the markup stays as it was. Without -o the file is rewritten in
place (standard input goes to standard output); --diff prints a unified diff and writes nothing. A Word file
gets the edits as tracked changes (`formats.docx_fix`); an edit Word cannot carry exactly (across two
paragraphs, on a generated list label, in a field) is skipped and counted. PDF files are refused. Exit: 0
when no error-level finding remains, 1 when one does, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .config_file import resolve_config
from .errors import InputError
from .markup import INPUT_FORMATS
from .sniff import load_bytes, sniff_bytes

HELP = "apply the safe fixes of the findings (--unsafe: the suggestions too) and report what remains"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `fix` command to the CLI's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser("fix", help=HELP, description=HELP)
    p.add_argument("path", metavar="FILE", help="a .txt, .md, .html or .docx file ('-' reads standard input)")
    p.add_argument("--unsafe", action="store_true", help="also apply suggestions (they may change wording)")
    p.add_argument("--diff", action="store_true", help="print a unified diff instead of writing")
    p.add_argument("--output", "-o", type=Path, metavar="OUT", help="write the result to OUT (default: FILE)")
    p.add_argument("--profile", choices=("citizen", "news", "legal"), help="threshold set")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found upward)")
    p.add_argument(
        "--input-format", choices=("auto", *INPUT_FORMATS), default="auto", help="how to read the input"
    )
    return p


def _bytes(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), ""
    try:
        return Path(path).read_bytes(), Path(path).suffix
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read(path: str, data: bytes, suffix: str) -> tuple[str, str, bool]:
    """(text, input format, had a UTF-8 BOM) of a text file; PDF is refused."""
    sniffed = sniff_bytes(data)
    if sniffed.kind == "pdf":
        raise InputError(
            f"{path}: fix cannot edit {sniffed.detail} files; convert it to .docx, .txt, .md or .html, or use "
            "`vnpolicytext analyze` to see the fixes"
        )
    loaded = load_bytes(data, path, suffix=suffix)
    return loaded.text, loaded.input_format, data.startswith(b"\xef\xbb\xbf")


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    """Run the `fix` command."""
    from .fixes import fix_text  # imported here: the rest of the CLI does not need it

    data, suffix = _bytes(args.path)
    explicit: Path | None = args.config
    if explicit is not None and not explicit.is_file():
        raise InputError(f"{explicit}: configuration file not found")
    folder = None if args.path == "-" else Path(args.path).resolve().parent
    config = resolve_config(folder, explicit=explicit, profile=args.profile)[0]
    name = "<stdin>" if args.path == "-" else args.path
    word: bytes | None = None
    if sniff_bytes(data).kind == "docx" and args.input_format == "auto":
        from .formats.docx_fix import fix_docx_bytes

        result = fix_docx_bytes(data, config, safe_only=not args.unsafe)
        source, bom, word, outcome = result.source_text, False, result.data, result.outcome
    else:
        source, fmt, bom = _read(args.path, data, suffix)
        if args.input_format != "auto":
            fmt = args.input_format
        outcome = fix_text(source, config=config, input_format=fmt, safe_only=not args.unsafe)
    before, after, fixed, chosen = outcome.before, outcome.after, outcome.text, outcome.applied
    if args.diff:
        import difflib

        diff = difflib.unified_diff(
            source.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        sys.stdout.write("".join(line if line.endswith("\n") else line + "\n" for line in diff))
    elif args.output is not None or args.path != "-":
        target = args.output if args.output is not None else Path(args.path)
        _write(
            target, word if word is not None else (b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8")
        )
    elif word is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(word)
    else:
        sys.stdout.write(fixed)
    safe = sum(1 for f in chosen if f.safe)
    how = " as tracked changes" if word is not None else ""
    errors = sum(1 for f in after.findings if f.severity == "error")
    remaining_fixes = sum(1 for f in after.findings for x in f.fixes if x.safe or args.unsafe)
    score = _score(before), _score(after)
    notes = list(outcome.notes)
    if outcome.skipped:
        notes.append(
            f"{len(outcome.skipped)} fixes skipped: Word cannot carry them as tracked changes exactly (across "
            "paragraphs, on a list label Word numbers, in a field or an earlier tracked change)"
        )
    for note in notes:
        sys.stderr.write(f"vnpolicytext: note: {name}: {note}\n")
    sys.stderr.write(
        f"vnpolicytext: {name}: {len(chosen)} fixes applied{how} ({safe} safe, {len(chosen) - safe} suggestions); "
        f"{len(after.findings)} findings remain (before: {len(before.findings)}), {errors} at error level, "
        f"{remaining_fixes} with a fix left; clarity {score[0]} → {score[1]}\n"
    )
    return 1 if errors else 0


def _score(report: Any) -> str:
    readability = getattr(report, "readability", None)
    value = getattr(readability, "clarity_score", None)
    return "–" if value is None else f"{value:g}"
