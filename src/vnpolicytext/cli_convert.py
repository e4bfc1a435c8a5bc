"""`vnpolicytext convert IN -o OUT`: a legacy TCVN3 (ABC), VNI or Windows-1258 file → UTF-8, Unicode NFC.

Also repairs a UTF-8 file holding legacy text read as Windows-1252 ("Thñ t−íng", "Thuû töôùng"). Says on
standard error which encoding it found. Errors are InputError, shown by the CLI as one line with exit 2.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any

from .errors import InputError
from .sniff import refusal, sniff_bytes

HELP = "convert a legacy TCVN3 (ABC), VNI or Windows-1258 file to UTF-8 (Unicode NFC)"
# `legacy.ENCODINGS`, spelled out so that building the CLI's parser does not import the converters
# (tests/test_cli_imports.py checks that the two agree).
ENCODING_CHOICES = ("tcvn3", "vni", "cp1258")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `convert` command to the CLI's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser("convert", help=HELP, description=HELP)
    p.add_argument("input", metavar="IN", help="file to convert ('-' reads standard input)")
    p.add_argument("--output", "-o", metavar="OUT", help="file to write (default: standard output)")
    p.add_argument(
        "--from",
        dest="source_encoding",
        choices=("auto", *ENCODING_CHOICES),
        default="auto",
        help="the input's encoding (default: detected)",
    )
    return p


def convert_bytes(data: bytes, source: str, encoding: str = "auto") -> tuple[str, str]:
    """(Unicode NFC text, encoding converted from: "utf-8" or a legacy one); InputError when undecodable."""
    from . import legacy

    sniffed = sniff_bytes(data)
    if sniffed.kind not in ("text", "html"):
        raise refusal(source, sniffed)
    if encoding != "auto":
        enc: legacy.Encoding = encoding  # type: ignore[assignment]
        return legacy.decode(data, enc), encoding
    if sniffed.detail == "UTF-16":
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: invalid UTF-16 / UTF-16 không hợp lệ") from None
        fixed = legacy.detect_misdecoded(text)
        return (fixed.text, fixed.encoding) if fixed else (unicodedata.normalize("NFC", text), "utf-8")
    found = legacy.to_unicode(data)
    if found is None:
        raise InputError(
            f"{source}: không nhận ra bảng mã (không phải UTF-8, TCVN3, VNI hay Windows-1258) / "
            "cannot tell the encoding: not UTF-8, TCVN3 (ABC), VNI or Windows-1258 Vietnamese"
        )
    return found.text, found.encoding


def run(args: argparse.Namespace) -> int:
    """Run `vnpolicytext convert`; returns the exit code (errors are raised as InputError)."""
    source = "<stdin>" if args.input == "-" else args.input
    if args.input == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.input).read_bytes()
        except OSError as exc:
            raise InputError(f"{args.input}: cannot read: {exc.strerror or exc}") from None
    if (
        args.output is not None
        and args.input != "-"
        and Path(args.output).exists()
        and Path(args.output).resolve() == Path(args.input).resolve()
    ):
        raise InputError(f"{args.output}: không ghi đè tệp gốc / will not overwrite the input file")
    text, encoding = convert_bytes(data, source, args.source_encoding)
    body = text.encode("utf-8")
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        target = "<stdout>"
    else:
        try:
            Path(args.output).write_bytes(body)
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
        target = args.output
    from .legacy import LABELS

    label = LABELS[encoding]
    if encoding == "utf-8":
        note = f"{source}: đã là Unicode (UTF-8), không cần chuyển / already UTF-8 → {target}"
    else:
        note = f"{source}: bảng mã {label} → Unicode UTF-8 (NFC) / converted from {label} → {target}"
    sys.stderr.write(f"vnpolicytext: {note}\n")
    return 0
