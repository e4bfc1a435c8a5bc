"""Confusion table of `detect_profile` on the dev corpus (../shared/corpus, groups from its manifest).

    PYTHONPATH=src python benchmarks/profile_confusion.py [CORPUS_DIR] [--verbose]

Prints a Markdown table (rows: the manifest's group, columns: the profile detected) and every document
detected wrongly with its reasons; --verbose prints the reasons of every document. With the default corpus,
also counts how many of the full laws in ../shared/corpus_laws are read as legal.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from vnpolicytext.profile_detect import detect_profile

GROUPS = ("legal", "news", "citizen")


def _default_corpus() -> Path:
    """../shared/corpus seen from the project root (or from any folder above this file)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "corpus" / "manifest.jsonl").is_file():
            return parent / "shared" / "corpus"
    raise SystemExit("corpus not found: pass its folder (the one holding manifest.jsonl)")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else _default_corpus()
    table: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    total = 0
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        text = (corpus / entry["file"]).read_text(encoding="utf-8")
        profile, reasons = detect_profile(text)
        table[entry["group"], profile] += 1
        total += 1
        if profile != entry["group"] or verbose:
            mark = "" if profile == entry["group"] else "WRONG "
            wrong.append(f"{mark}{entry['file']}: {entry['group']} → {profile}: {'; '.join(reasons)}")
    print("| group \\ detected | " + " | ".join(GROUPS) + " |")
    print("|---|" + "---:|" * len(GROUPS))
    for g in GROUPS:
        print(f"| {g} | " + " | ".join(str(table[g, p]) for p in GROUPS) + " |")
    right = sum(table[g, g] for g in GROUPS)
    print(f"\n{right}/{total} documents recognised ({100 * right / total:.1f} %)")
    for w in wrong:
        print(w)
    laws = corpus.parent / "corpus_laws"
    if not args and laws.is_dir():  # 90 more full laws: every one should be read as legal
        found: Counter[str] = Counter()
        empty = 0
        for path in sorted(laws.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                empty += 1
                continue
            profile, reasons = detect_profile(text)
            found[profile] += 1
            if profile != "legal":
                print(f"WRONG {path.name}: legal → {profile}: {'; '.join(reasons)}")
        print(
            f"\n{laws.name}: {found['legal']}/{sum(found.values())} non-empty laws read as legal "
            f"({dict(found)}; {empty} empty file(s) skipped)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
