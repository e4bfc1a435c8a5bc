"""Configuration files: `[tool.vnpolicytext]` in pyproject.toml, or a `.vnpolicytext.toml`.

Files are looked for from the input file's folder upward (the current folder for stdin), up to the root of
the repository (a folder holding `.git`) or the user's home folder; in each folder a `.vnpolicytext.toml`
wins over a `pyproject.toml`, and a pyproject.toml without a `[tool.vnpolicytext]` table is passed over.
Only regular UTF-8 files of at most 1 MB are read. Keys are exactly `Config`'s fields; relative paths in `jargon_files` and
`glossary_files` are resolved against the folder of the file that names them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .config import Config, load_config
from .errors import ConfigError
from .lexicon import user_bytes

MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file larger than this is refused

CONFIG_NAMES = (".vnpolicytext.toml", "pyproject.toml")
_PATH_KEYS = ("jargon_files", "glossary_files")


def _table(path: Path) -> dict[str, Any] | None:
    """The vnpolicytext settings of a TOML file (None: a pyproject.toml without our table)."""
    raw = user_bytes(path, "configuration file", MAX_CONFIG_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: configuration file is not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "vnpolicytext" in tool:
        table = tool["vnpolicytext"]
    elif path.name == "pyproject.toml":
        return None
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.vnpolicytext] must be a table")
    return table


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in `start` (a folder or a file's folder) or above it.

    The walk stops after the root of the repository holding `start` (a folder with `.git`) or the user's
    home folder, whichever comes first: a file further up (a shared /tmp, another user's folder) is never
    read. Only regular files count."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
        if d == home or (d / ".git").exists():
            break
    return None


def read_config_file(path: Path, *, profile: str | None = None) -> Config:
    """Load one configuration file; `profile` (from the command line) overrides the file's."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.vnpolicytext] table")
    return config_from_dict(table, base=path.parent, profile=profile, source=str(path))


def config_from_dict(
    table: dict[str, Any], *, base: Path | None = None, profile: str | None = None, source: str = "config"
) -> Config:
    """A Config from a file's table: paths resolved against `base`, errors prefixed with `source`."""
    data = dict(table)
    for key in _PATH_KEYS:
        value = data.get(key)
        if isinstance(value, list) and base is not None:
            data[key] = [
                str((base / Path(v).expanduser()).resolve()) if isinstance(v, str) else v for v in value
            ]
    if profile is not None:
        data["profile"] = profile
    try:
        return load_config(data)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def resolve_config(
    input_path: Path | None, *, explicit: Path | None = None, profile: str | None = None
) -> tuple[Config, Path | None]:
    """The configuration for one input: `explicit` if given, else the nearest file, else the defaults."""
    path = explicit
    if path is None:
        path = find_config_file(input_path if input_path is not None else Path.cwd())
    if path is None:
        return config_from_dict({}, profile=profile, source="--profile"), None
    return read_config_file(path, profile=profile), path
