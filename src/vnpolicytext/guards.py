"""Type checks of the public API: a wrong type raises TypeError naming the function and the parameter.

A caller that passes bytes, None or a number where text or a configuration belongs gets a TypeError such
as ``analyze() takes the config as a vnpolicytext.Config, a dict or None, not int`` — never an
AttributeError or a ValueError from deep inside.
"""

from __future__ import annotations

from typing import Any

from .config import Config

__all__ = ["expect_config", "expect_text", "expect_type"]


def expect_type(func: str, param: str, value: object, types: type | tuple[type, ...], what: str) -> None:
    """Raise TypeError unless `value` is one of `types` (`what` says it in words)."""
    if not isinstance(value, types):
        raise TypeError(f"{func}() takes the {param} as {what}, not {type(value).__name__}")


def expect_text(func: str, value: object, param: str = "text") -> None:
    """`value` must be a str; bytes get a hint to decode them first."""
    if not isinstance(value, str):
        hint = " (decode it first with vnpolicytext.decode_bytes)" if isinstance(value, bytes | bytearray) else ""
        raise TypeError(f"{func}() takes the {param} as str, not {type(value).__name__}{hint}")


def expect_config(func: str, value: Any) -> None:
    """`value` must be a Config, a dict (as read from TOML) or None."""
    expect_type(func, "config", value, (Config, dict, type(None)), "a vnpolicytext.Config, a dict or None")
