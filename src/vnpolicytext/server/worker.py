"""What runs in the analysis worker processes: warm-up once per process, then one job per request."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from ..config import Config
from ..errors import ConfigError, VnPolicyTextError
from ..gates import check_report
from ..markup import analyze_markup
from .offsets import report_to_utf16

log = logging.getLogger("vnpolicytext.server")

WARM_TEXT = "Hồ sơ đã được tiếp nhận. UBND phường sẽ quán triệt và triển khai thực hiện theo quy định."


@dataclass(frozen=True, slots=True)
class Job:
    """One request's work: analyze (or check) `source` read as `input_format`."""

    command: Literal["analyze", "check"]
    source: str
    input_format: str
    config: Config
    offsets: Literal["codepoint", "utf16"] = "codepoint"
    deadline: float | None = None  # time.time() after which nobody waits for the answer any more


@dataclass(frozen=True, slots=True)
class Outcome:
    """A job's answer: the JSON body, or an error code and message (never an exception across processes)."""

    body: bytes | None = None
    error: str | None = None
    message: str = ""
    wall_ms: float = 0.0  # time the worker spent on the job
    cpu_ms: float = 0.0  # CPU time of the worker process on the job


def warm() -> int:
    """Load the word segmenter, tagger and lexicons in this process (pool initializer); returns the pid."""
    analyze_markup(WARM_TEXT, "text", config=Config())
    return os.getpid()


def run(job: Job) -> Outcome:
    """Run one job, timed; library errors become an Outcome with a code, anything else 'internal' (logged)."""
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = _run(job)
    return dataclasses.replace(
        outcome, wall_ms=(time.perf_counter() - wall) * 1000, cpu_ms=(time.process_time() - cpu) * 1000
    )


class BudgetSpent(BaseException):
    """Raised inside a job by the interval timer when the request's time budget runs out.

    A BaseException, so that no `except Exception` on the way can swallow it.
    """


def _on_alarm(signum: int, frame: object) -> None:
    raise BudgetSpent


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the code inside with BudgetSpent after `seconds` (POSIX main thread; elsewhere no limit).

    A timer thread sends SIGALRM to the main thread itself: a process-wide timer signal may land on another
    thread, and CPython then runs the handler only when the main thread next notices, possibly seconds later.
    The worker is then free for the next request instead of finishing a document nobody waits for.
    """
    main = threading.main_thread()
    usable = (
        hasattr(signal, "pthread_kill") and hasattr(signal, "SIGALRM") and threading.current_thread() is main
    )
    if not usable:
        yield
        return
    ident = main.ident
    assert ident is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    timer = threading.Timer(max(seconds, 0.001), signal.pthread_kill, (ident, signal.SIGALRM))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()  # never restore the default action (terminate) while the timer may still fire
        signal.signal(signal.SIGALRM, previous)


def _run(job: Job) -> Outcome:
    if job.deadline is None:
        return _analyze(job)
    remaining = job.deadline - time.time()
    if remaining <= 0:
        # Queued past the request's time budget (the client already got 504): skip, free the worker.
        return Outcome(error="timeout", message="time budget spent in the queue")
    try:
        with time_budget(remaining):
            return _analyze(job)
    except BudgetSpent:
        return Outcome(error="timeout", message="analysis stopped at the time budget")


def _analyze(job: Job) -> Outcome:
    try:
        report = analyze_markup(job.source, job.input_format, config=job.config)
        if job.command == "analyze" and job.offsets == "codepoint":
            return Outcome(body=report.model_dump_json().encode())
        shown = report_to_utf16(report, job.source) if job.offsets == "utf16" else report
        report_data = shown.model_dump(mode="json")
        if job.command == "analyze":
            return Outcome(body=json.dumps(report_data, ensure_ascii=False).encode())
        result = check_report(report, job.config)
        data = {
            "passed": result.passed,
            "failures": [f.model_dump(mode="json") for f in result.failures],
            "report": report_data,
        }
        return Outcome(body=json.dumps(data, ensure_ascii=False).encode())
    except ConfigError as exc:
        return Outcome(error="invalid_config", message=str(exc))
    except VnPolicyTextError as exc:
        return Outcome(error="invalid_request", message=str(exc))
    except Exception as exc:  # a bug of ours: log it here, answer 500 without a traceback
        log.exception("analysis failed")
        return Outcome(error="internal", message=f"{type(exc).__name__} while analyzing")
