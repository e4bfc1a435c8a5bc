"""One loader for every lexicon: the data files shipped in `vnpolicytext/data` and the user's own files.

Two formats: TSV (one entry per line, columns split by tabs) and word lists (one entry per line). In both,
blank lines and lines starting with '#' are skipped, and in word lists a '#' starts a comment. A user file
must be a regular UTF-8 file under `MAX_USER_FILE_BYTES`; every problem is a `ConfigError` in one format:
``<file>:<line>: <what is wrong>`` (or ``<file>: <what is wrong>`` for the whole file).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MAX_USER_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    """One entry of a TSV file: its columns (stripped) and where it was read."""

    source: str
    line: int
    columns: tuple[str, ...]

    def get(self, i: int) -> str:
        """Column `i`, or "" when the line has fewer columns."""
        return self.columns[i] if i < len(self.columns) else ""

    def error(self, message: str) -> ConfigError:
        """A ConfigError that names this line."""
        return ConfigError(f"{self.source}:{self.line}: {message}")


def _shipped_file(name: str) -> Traversable:
    node = resources.files("vnpolicytext") / "data"
    for part in name.split("/"):
        node = node / part
    return node


def shipped_text(name: str) -> str:
    """The text of a data file shipped with the package ("jargon.tsv", "passive/agent_nouns.txt")."""
    return _shipped_file(name).read_text(encoding="utf-8")


def shipped_bytes(name: str) -> bytes:
    """The bytes of a shipped data file (what a cache of data derived from it is keyed by)."""
    return _shipped_file(name).read_bytes()


def user_bytes(path: Path, what: str, limit: int = MAX_USER_FILE_BYTES) -> bytes:
    """The bytes of a user file, read safely: a regular file (checked on the open descriptor, so a FIFO or a
    device swapped in after a check is refused too, without blocking) of at most `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: {what} must be a regular file (not a device, FIFO or folder)")
        if info.st_size > limit:
            raise ConfigError(f"{path}: {what} is larger than {_size(limit)}")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ConfigError(f"{path}: {what} is larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def user_text(path: Path, what: str) -> str:
    """The text of a user lexicon, read safely: a regular file, not too large, UTF-8 (a BOM is allowed)."""
    data = user_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {what} is not UTF-8 (byte {exc.start})") from None


def file_version(path: Path) -> tuple[str, float, int]:
    """A cache key for a user file: its path, modification time and size."""
    try:
        info = os.stat(path)
    except OSError:
        return str(path), -1.0, -1
    return str(path), info.st_mtime, info.st_size


def rows(text: str, source: str, *, min_columns: int = 1) -> list[Row]:
    """The TSV entries of `text`; a line with fewer than `min_columns` non-empty leading columns is an error."""
    out: list[Row] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = tuple(c.strip() for c in line.split("\t"))
        row = Row(source, n, cols)
        if len(cols) < min_columns or not all(cols[:min_columns]):
            raise row.error(f"expected at least {min_columns} tab-separated columns")
        out.append(row)
    return out


def word_list(text: str) -> list[str]:
    """The entries of a word list: one per line, '#' starts a comment."""
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [e for e in entries if e]


@lru_cache(maxsize=64)
def shipped_words(name: str) -> frozenset[str]:
    """A shipped word list as a set (entries as written)."""
    return frozenset(word_list(shipped_text(name)))
