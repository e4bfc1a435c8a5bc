"""Peak memory of `vnpolicytext.analyze` per character of input (issue 18: under 60 bytes per character).

    .venv/bin/python benchmarks/bench_memory.py [--chars 10000000] [--format text|markdown|html] [CORPUS_DIR]

The text is the .txt files of CORPUS_DIR (default ../shared/corpus, else examples/) joined and repeated to
`--chars` characters. Each measurement runs in a fresh subprocess: it imports the package, analyses a short
text (lexicons and the word segmenter's model loaded), notes its peak resident size, then analyses the big
text and notes the peak again; the difference divided by the size is the figure printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHILD = r"""
import json, resource, sys, time
import vnpolicytext
fmt, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
sample = "Hồ sơ được nộp tại Ủy ban nhân dân (UBND) xã. Công dân nhận kết quả sau 5 ngày.\n"
config = {"max_characters": 10**9} if "max_characters" in vnpolicytext.Config.model_fields else None
vnpolicytext.analyze_markup(sample, fmt, config=config)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
t0 = time.perf_counter()
report = vnpolicytext.analyze_markup(text, fmt, config=config)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"chars": len(text), "before": before, "peak": peak, "seconds": seconds,
                  "findings": len(report.findings)}))
"""


def corpus_text(folder: Path, chars: int, fmt: str) -> str:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {folder}")
    base = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    if fmt == "html":
        base = "".join(f"<p>{p}</p>\n" for p in base.split("\n\n"))
    elif fmt == "markdown":
        base = "\n\n".join(f"## {p}" if len(p) < 80 else p for p in base.split("\n\n"))
    return (base * (chars // len(base) + 1))[:chars]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--chars", type=int, default=10_000_000)
    parser.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    args = parser.parse_args(argv)
    folder = args.corpus or (ROOT.parent / "shared" / "corpus")
    if not folder.is_dir():
        folder = ROOT / "examples"
    text = corpus_text(folder, args.chars, args.format)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        fh.write(text)
    path = Path(fh.name)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, args.format, str(path)], capture_output=True, text=True, check=False
    )
    path.unlink()
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 1
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    per_char = (m["peak"] - m["before"]) / m["chars"]
    print(
        f"{args.format}: {m['chars']:,} chars, analysis {m['seconds']:.1f} s, peak {m['peak'] / 2**20:,.0f} MiB "
        f"(before {m['before'] / 2**20:,.0f} MiB): {per_char:.1f} bytes/char; {m['findings']:,} findings; "
        f"wall {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
