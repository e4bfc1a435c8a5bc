"""Limits with clear answers for input that anyone can send (issue 18).

- **Size**: `analyze` (and so `analyze_markup`, `check` and the command line) refuses a text longer than
  `Config.max_characters` (default 20,000,000 characters) with an `InputError` (CLI exit 2), before any
  work is done. Every path is linear in the size, so the limit bounds the time and the memory too.
- **Time**: `run_with_budget(func, *args, seconds=…)` runs one document's analysis in a child process and
  stops it when the budget is spent, raising `BudgetExceeded`; the caller (a server worker, a batch audit)
  records an error result for that document and moves on. A thread cannot be stopped from outside in
  Python, hence the process: on POSIX it is forked, so lexicons and models already loaded in the parent are
  shared and the overhead is a few milliseconds per document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import InputError, VnPolicyTextError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .config import Config

__all__ = ["DEFAULT_MAX_CHARACTERS", "BudgetExceeded", "check_size", "run_with_budget"]

DEFAULT_MAX_CHARACTERS = 20_000_000

T = TypeVar("T")


class BudgetExceeded(VnPolicyTextError, TimeoutError):
    """The analysis of one document took longer than its time budget and was stopped."""


def check_size(text: str, config: Config) -> None:
    """Raise InputError when `text` is longer than the configured maximum."""
    limit = config.max_characters
    if len(text) > limit:
        raise InputError(
            f"input too long: {len(text):,} characters, more than the limit of {limit:,} "
            "(max_characters in the configuration)"
        )


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        result: tuple[str, Any] = ("ok", func(*args, **kwargs))
    except BaseException as exc:  # sent back and raised again in the parent
        try:
            import pickle

            pickle.dumps(exc)
            result = ("error", exc)
        except Exception:
            import traceback

            result = ("error", RuntimeError(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    try:
        conn.send(result)
    finally:
        conn.close()


def _context() -> Any:
    import multiprocessing  # here: every analysis checks the size, few run with a budget

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_with_budget(func: Callable[..., T], *args: Any, seconds: float, **kwargs: Any) -> T:
    """`func(*args, **kwargs)` in a child process, stopped after `seconds`.

    Returns its result, raises the exception it raised (InputError, ConfigError …), or `BudgetExceeded`
    when the time ran out (the child is terminated, nothing is left running). `func` and the result must
    be picklable when the platform has no fork (module-level functions such as `vnpolicytext.analyze`).
    """
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise TypeError(f"run_with_budget() takes the seconds as a number, not {type(seconds).__name__}")
    if not seconds > 0:
        raise ValueError("run_with_budget(): seconds must be positive")
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, func, args, kwargs), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise BudgetExceeded(f"analysis stopped after its time budget of {seconds:g} s")
        try:
            status, value = receiver.recv()
        except EOFError:
            raise VnPolicyTextError(f"analysis process ended without a result (exit code {proc.exitcode})") from None
    finally:
        receiver.close()
        if proc.is_alive():
            proc.terminate()
            proc.join(1)
            if proc.is_alive():
                proc.kill()
        proc.join()
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]
