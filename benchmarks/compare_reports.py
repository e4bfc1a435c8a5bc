"""Guard for speed work: every corpus report must stay byte-identical to a reference checkout's.

    PYTHONPATH=src .venv/bin/python benchmarks/compare_reports.py [CORPUS_DIR]
        [--reference COMMIT] [--cache /tmp/vnpolicytext-reports] [--profiles citizen,legal,news]

Dumps `vnpolicytext.analyze(text, config={"profile": P}).model_dump()` (as sorted JSON) for every .txt
file of the corpus and every profile P, once with the package as it was at `--reference` (default: where
this branch left main, `git merge-base HEAD main`; its `src/` is taken with `git archive`, run in a child
process, and the dump cached in `--cache` under the commit) and once with the package imported here, and
prints the number of reports that differ (and the first differing field of each). Exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from _corpus import shared_dir

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    """../shared/corpus found above the repository."""
    return shared_dir() / "corpus"


def dump(corpus: Path, profiles: list[str]) -> dict[str, str]:
    """`file/profile` → the report as sorted JSON, with the package on sys.path."""
    import vnpolicytext

    out: dict[str, str] = {}
    for f in sorted(corpus.rglob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for p in profiles:
            report = vnpolicytext.analyze(text, config={"profile": p}).model_dump(mode="json")
            out[f"{f.relative_to(corpus)}/{p}"] = json.dumps(report, sort_keys=True, ensure_ascii=False)
    return out


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """The path of the first place two JSON values differ."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {str(a)[:80]!r} vs {str(b)[:80]!r}"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def reference_dump(reference: str, corpus: Path, profiles: list[str], cache: Path) -> dict[str, str]:
    """The reference commit's dump, from the cache when that commit and the corpus were dumped before."""
    commit = _git("rev-parse", reference or _git("merge-base", "HEAD", "main"))
    key = f"{commit}-{'_'.join(profiles)}-{len(list(corpus.rglob('*.txt')))}"
    path = cache / f"{key}.json"
    if path.is_file():
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return data
    src = cache / f"src-{commit}"
    if not (src / "src").is_dir():
        src.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    env = {**os.environ, "PYTHONPATH": str(src / "src")}
    subprocess.run(
        [sys.executable, __file__, str(corpus), "--dump-to", str(path), "--profiles", ",".join(profiles)],
        env=env,
        check=True,
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--reference", default="", help="commit to compare with (default: merge-base with main)")
    ap.add_argument("--cache", default="/tmp/vnpolicytext-reports")
    ap.add_argument("--profiles", default="citizen,legal,news")
    ap.add_argument("--dump-to", help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpus = Path(args.corpus) if args.corpus else default_corpus()
    profiles = args.profiles.split(",")
    if args.dump_to:
        Path(args.dump_to).write_text(json.dumps(dump(corpus, profiles)), encoding="utf-8")
        return 0
    before = reference_dump(args.reference, corpus, profiles, Path(args.cache))
    after = dump(corpus, profiles)
    differences = 0
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a != b:
            differences += 1
            where = first_difference(json.loads(a), json.loads(b)) if a and b else "missing"
            print(f"differs: {key}: {where}")
    print(f"{len(after)} reports ({len(profiles)} profiles), differences: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
