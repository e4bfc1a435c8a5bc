"""Where the shared development corpus is, for the benchmark scripts run as `python benchmarks/NAME.py`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """The corpus folder named on the command line, else ../shared/corpus found above the repository."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus" / "manifest.jsonl").is_file():
            return parent / "shared" / "corpus"
    raise SystemExit("corpus not found; pass CORPUS_DIR")
