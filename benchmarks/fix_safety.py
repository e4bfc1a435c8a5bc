"""Safe fixes on real text: applied to every dev-corpus document (and the originals of the gold rewrite pairs
when present), they must never lower the clarity score, never change a number, date or document number, never
lose a capitalised name, and leave a text that analyses with exact offsets.

    PYTHONPATH=src python benchmarks/fix_safety.py [CORPUS_DIR] [--unsafe]

CORPUS_DIR defaults to ../shared/corpus (with ../shared/gold/rewrites_dev.jsonl beside it). Prints one line
per text with a problem, then the totals: texts, fixes applied by rule, clarity before and after.
Profiles follow the manifest's group (legal → legal, news → news, else citizen). Fixes go through
`fix_text`, which holds back fixes that would lower the clarity score; how often it had to is printed too.

With --unsafe the suggestions are applied too (sentence splits, passive-to-active rewrites, jargon
alternatives): numbers, dates, document numbers, the clarity score and exact offsets are checked the same
way; capitalised names may move (an agent moved to the head of the sentence is no longer in its middle), so
lost names are counted apart, not as problems, and so are numbers a suggested wording adds
("người chưa thành niên" → "người dưới 18 tuổi") when no number of the text is changed or lost.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from _corpus import shared_dir

from vnpolicytext.fixes import fix_text, protected_tokens, safety_problems


def texts(corpus: Path, gold: Path) -> list[tuple[str, str, str]]:
    """(name, profile, text) of every corpus document and gold original."""
    out = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        path = corpus / row["file"]
        if path.is_file():
            group = row.get("group", "citizen")
            profile = group if group in ("legal", "news") else "citizen"
            out.append((row["file"], profile, path.read_text(encoding="utf-8")))
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                group = row.get("group", "citizen")
                profile = group if group in ("legal", "news") else "citizen"
                out.append((row["id"], profile, row["original"]))
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--unsafe"]
    unsafe = "--unsafe" in sys.argv[1:]
    corpus = Path(args[0]) if args else shared_dir() / "corpus"
    gold = corpus.parent / "gold" / "rewrites_dev.jsonl"
    by_rule: Counter[str] = Counter()
    bad = held_texts = held_fixes = moved_names = added_numbers = 0
    scored = 0
    before_sum = after_sum = 0.0
    items = texts(corpus, gold)
    for name, profile, text in items:
        outcome = fix_text(text, config={"profile": profile}, safe_only=not unsafe)
        before, after = outcome.before, outcome.after
        rule_of = {(x.start, x.end, x.replacement): f.rule for f in before.findings for x in f.fixes}
        by_rule.update(rule_of[(x.start, x.end, x.replacement)] for x in outcome.applied)
        if outcome.held_back:
            held_texts += 1
            held_fixes += len(outcome.held_back)
        problems = safety_problems(text, outcome.text, before, after)
        if unsafe:
            moved_names += sum(1 for p in problems if p.startswith("names lost"))
            problems = [p for p in problems if not p.startswith("names lost")]
            old, new = protected_tokens(text)["numbers"], protected_tokens(outcome.text)["numbers"]
            if old != new and not old - new:  # a wording that adds a number ("người dưới 18 tuổi"), none lost
                added_numbers += 1
                problems = [p for p in problems if not p.startswith("numbers changed")]
        a = before.readability.clarity_score if before.readability else None
        b = after.readability.clarity_score if after.readability else None
        if a is not None and b is not None:
            scored += 1
            before_sum += a
            after_sum += b
        if problems:
            bad += 1
            print(f"{name}: {'; '.join(problems)}", flush=True)
    print(
        f"texts: {len(items)}; with a problem: {bad}; with fixes held back (score): {held_texts} ({held_fixes} fixes)"
    )
    applied = ", ".join(f"{k} {v}" for k, v in by_rule.most_common())
    what = "fixes and suggestions" if unsafe else "safe fixes"
    print(f"{what} applied: {sum(by_rule.values())} ({applied})")
    if unsafe:
        print(f"texts where a capitalised name moved or changed case: {moved_names}")
        print(f"texts where a suggested wording added a number (none changed or lost): {added_numbers}")
    if scored:
        print(
            f"mean clarity: {before_sum / scored:.2f} -> {after_sum / scored:.2f} over {scored} scored texts"
        )


if __name__ == "__main__":
    main()
