"""Values derived once from data files and kept between processes in the cache folder.

`cached(name, fmt, signature, build)` returns the value stored under (name, format, signature of the
sources) in `cache_dir()`, or calls `build` (which returns a value `marshal` can store: str, int, float,
bytes, None, bool, and lists, tuples, dicts and sets of them), writes the result atomically (a temporary
file, then `os.replace`) and removes the files of other formats or sources of that name that have not been
used for a day (`UNUSED`: two versions of the package sharing the folder must not remove each other's files
and rebuild them on every call; a file read is marked as used at most once an hour). It never fails on
the cache itself: a folder that cannot be read or written, a file that is truncated, corrupt (a CRC-32
guards the payload) or written for other sources, all mean the value is built in memory. A programming
error (a value marshal cannot store, a bad name) still raises. Nothing is ever downloaded, and nothing is
keyed by a text under analysis.

A cache file is named ``<name>-<format>-<python cache tag>-<signature>.marshal`` (marshal's format belongs
to the interpreter). Each hyphenated part of a name starts with a letter, so the files of "jargon" are
never taken for those of "jargon-technical".
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
import sys
import threading
import time
import zlib
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")

_MAGIC = b"vnpc"
UNUSED = 24 * 3600.0
"""Seconds after which a file of another format or sources of the same name is removed when one is written."""
_TOUCH = 3600.0  # seconds: a file read this long after its last mark of use is marked again
_NAME = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z][a-z0-9_]*)*")
_SIGNATURE = re.compile(r"[0-9A-Za-z_]+")


def cache_dir() -> Path:
    """Where vnpolicytext keeps what it derives once ($XDG_CACHE_HOME/vnpolicytext, else ~/.cache/vnpolicytext).
    A relative XDG_CACHE_HOME is ignored, as the XDG specification asks; without a home directory the path
    is relative, and nothing is read or written there (`load`, `store`), never a folder under the current one."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnpolicytext"


def signature(*sources: bytes | str | ModuleType) -> str:
    """A signature of the sources' contents (a CRC-32 of each one's size and CRC-32, in order): cheap on a
    few hundred kilobytes, and any edit changes it. A module stands for its file, so that a cache keyed by the code that
    derives the value (folding, parsing) is rebuilt when that code changes, even if nobody bumps a format
    (a module whose file cannot be read counts as empty: the format number is then the only guard)."""
    parts = []
    for source in sources:
        if isinstance(source, ModuleType):
            try:
                data = Path(source.__file__ or "").read_bytes()
            except OSError:
                data = b""
        else:
            data = source.encode("utf-8") if isinstance(source, str) else source
        parts.append(f"{len(data)}:{zlib.crc32(data)}")
    return f"{zlib.crc32(' '.join(parts).encode()):08x}"


def file_signature(paths: list[Path]) -> str:
    """A signature of files by path, size and modification time (for large sources not worth hashing).
    Raises OSError when a file cannot be read."""
    parts = []
    for p in paths:
        st = p.stat()
        parts.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def cache_path(name: str, fmt: int, sig: str) -> Path:
    """The file that holds the value of `name` in format `fmt` for sources of signature `sig`."""
    if not _NAME.fullmatch(name) or not _SIGNATURE.fullmatch(sig) or fmt < 0:
        raise ValueError(f"bad cache key {name!r} {fmt!r} {sig!r}")
    return cache_dir() / f"{name}-{fmt}-{sys.implementation.cache_tag}-{sig}.marshal"


def cached(name: str, fmt: int, sig: str, build: Callable[[], T], *, fresh: bool = False) -> T:
    """The value of `name` for sources of signature `sig`, from the cache folder, else `build()` (written to
    the cache folder when it can be). Bump `fmt` whenever what `build` returns changes for the same sources
    (its layout, or the code that derives it). `fresh`: build and write it again whatever the folder holds
    (for a caller that found the stored value inconsistent)."""
    if not fresh:
        found = load(name, fmt, sig)
        if found is not MISSING:
            return found  # type: ignore[no-any-return]
    value = build()
    store(name, fmt, sig, value)
    return value


MISSING: Any = object()
"""What `load` gives when the cache folder holds no readable value for the key."""


def load(name: str, fmt: int, sig: str) -> Any:
    """The value stored under (name, format, signature), or `MISSING`."""
    path = cache_path(name, fmt, sig)
    data = _read(path) if path.is_absolute() else None
    if data is None:
        return MISSING
    value = _decode(data, (name, fmt, sig))
    if value is not MISSING:
        _mark_used(path)
    return value


def store(name: str, fmt: int, sig: str, value: Any) -> None:
    """Write `value` under (name, format, signature) atomically and remove the other files of `name` unused for
    `UNUSED` seconds; give up quietly when the folder cannot be written (a value marshal cannot store raises ValueError)."""
    payload = marshal.dumps(((name, fmt, sig), value))
    path = cache_path(name, fmt, sig)
    if path.is_absolute():
        _write(path, name, payload)


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file at `path` (checked on the open descriptor: a FIFO put there is never
    waited on), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _mark_used(path: Path) -> None:
    """Set the file's modification time to now when it is older than `_TOUCH` (the mark of use that keeps it
    from being removed as another version's file); nothing when the folder is read-only."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > _TOUCH:
            os.utime(path)


def _decode(data: bytes, header: tuple[str, int, str]) -> Any:
    """The value stored in `data` under `header`, or `MISSING` (short, corrupt, or another key's)."""
    if len(data) < 8 or data[:4] != _MAGIC:
        return MISSING
    payload = memoryview(data)[8:]
    if int.from_bytes(data[4:8], "little") != zlib.crc32(payload):
        return MISSING
    try:
        stored = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return MISSING
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != header:
        return MISSING
    return stored[1]


def _write(path: Path, name: str, payload: bytes) -> None:
    """Write `payload` to `path` atomically and remove the other files of `name` unused for `UNUSED` seconds;
    give up quietly when the folder cannot be written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(_MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    # other formats or sources unused for a day (another interpreter's files stay: two venvs may share the
    # folder), and temporary files a killed process left behind
    now = time.time()
    with contextlib.suppress(OSError):
        tag = sys.implementation.cache_tag
        for other in chain(path.parent.glob(f"{name}-[0-9]*-{tag}-*.marshal"), path.parent.glob(f"{name}-*.tmp")):
            with contextlib.suppress(OSError):
                if other != path and now - other.stat().st_mtime > UNUSED:
                    other.unlink()
