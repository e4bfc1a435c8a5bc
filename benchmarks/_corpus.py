"""Where the shared development corpus is, for the benchmark scripts run as `python benchmarks/NAME.py`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The ../shared folder (corpus, corpus_laws, gold) found above the repository or its worktree."""
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus" / "manifest.jsonl").is_file():
            return parent / "shared"
    raise SystemExit("../shared not found (corpus/manifest.jsonl); pass the folder on the command line")


def corpus_dir() -> Path:
    """The corpus folder named on the command line, else ../shared/corpus found above the repository."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return shared_dir() / "corpus"


def write_jsonl(lines: list[str], out: Path | None) -> None:
    """JSON lines to the file `out`, or to standard output when none is given."""
    body = "\n".join(lines) + ("\n" if lines else "")
    if out:
        out.write_text(body, encoding="utf-8")
    else:
        print(body, end="")
