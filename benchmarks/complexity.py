"""Growth of the run time on repeated hostile patterns: every path must stay linear (issue 18).

    .venv/bin/python benchmarks/complexity.py [--n 200000] [--limit 12] [--repeats 2] [--only NAME,...]

Each catalogue entry is a short unit repeated to n and to 8n characters and run through one public entry
point (`analyze`, `analyze_markup` for HTML or Markdown, `extract_definitions`, `check`). A linear path
grows about 8x; the run fails (exit 1) when an entry grows more than `--limit` times. The minimum of a few
repeats (CPU time of the process) is kept, and only ratios are compared, never absolute times. `tests/test_complexity.py` runs the
same catalogue at small sizes.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

_DEF_INTRO = "Điều 2. Giải thích từ ngữ\nTrong Luật này, các từ ngữ dưới đây được hiểu như sau:\n"


@dataclass(frozen=True)
class Entry:
    """One hostile pattern: `unit` repeated to the size, `head` put once in front."""

    name: str
    entry: str  # analyze | html | markdown | definitions | check
    unit: str
    head: str = ""


# fmt: off
CATALOGUE: tuple[Entry, ...] = (
    # sentence ends with nothing between
    Entry("periods", "analyze", ". "),
    Entry("exclamations", "analyze", "! "),
    Entry("ellipses", "analyze", "… "),
    Entry("dot-runs", "analyze", "....."),
    Entry("question-quote", "analyze", "?\" "),
    Entry("punctuation-run", "analyze", ".,;:!?…-–()[]\"'“”"),
    # terms and definitions
    Entry("term-spaces", "definitions", "“Người nộp hồ sơ”" + " " * 40, _DEF_INTRO),
    Entry("term-spaces-items", "definitions", "1. Người nộp hồ sơ" + " " * 40 + "\n", _DEF_INTRO),
    Entry("term-tabs-analyze", "analyze", "1. Hồ sơ hợp lệ" + "\t " * 30 + "là hồ sơ đủ giấy tờ.\n", _DEF_INTRO),
    Entry("connectives", "definitions", "là là là gồm có nghĩa là ", _DEF_INTRO),
    Entry("colons", "definitions", "a: b: ", _DEF_INTRO),
    Entry("inline-naming", "definitions", "(sau đây gọi là Ban quản lý "),
    Entry("inline-bare", "definitions", ", sau đây gọi là Sở "),
    Entry("inline-bare-blanks", "definitions", "xđược   \t gọi  tắt là " + " " * 30),
    # one long unit of words "X là …" is found from (explanations, read by jargon and glossary)
    Entry("copula-words", "analyze", "xlà nghĩa  tức\t là được  hiểu "),
    Entry("abbr-parens", "definitions", "Ủy ban nhân dân (UBND "),
    Entry("abbr-reverse", "definitions", "UBND (Ủy ban nhân dân "),
    Entry("foreign-abbr", "definitions", "Gross National Income (GNI) "),
    Entry("abbr-list", "definitions", "UBND: Ủy ban nhân dân" + " " * 30 + "\n", "Chữ viết tắt\n"),
    Entry("quotes", "definitions", "“Người "),
    Entry("one-long-line-spaces", "analyze", "Người nộp hồ sơ" + " " * 200),
    # labels, abbreviations, numbers, URLs, names of bodies
    Entry("labels", "analyze", "1. a) - Điều 1. Khoản 2 Chương II. "),
    Entry("label-chains", "analyze", "1.1.1.1.1.1.1. "),
    Entry("list-lines", "analyze", "a) Hồ sơ\n"),
    Entry("abbreviations", "analyze", "TP. PGS.TS. KT. Q. "),
    Entry("initials", "analyze", "A.B.C.D."),
    Entry("caps", "analyze", "UBND HĐND BHXH "),
    Entry("document-numbers", "analyze", "số 15/2020/NĐ-CP "),
    Entry("slashes", "analyze", "1/2/3/4/"),
    Entry("urls", "analyze", "https://dichvucong.gov.vn/a/b?c=d&e=f "),
    Entry("url-no-space", "analyze", "https://a.b/"),
    Entry("emails", "analyze", "a.b@c.d."),
    Entry("bodies", "analyze", "Cục Quản lý "),
    Entry("bodies-chain", "analyze", "Sở Tư pháp Cục Thuế Bộ Tài chính "),
    Entry("quoted-names", "analyze", "“Hồ "),
    Entry("passive", "analyze", "được bị được "),
    Entry("long-token", "analyze", "a"),
    Entry("newlines", "analyze", "\n"),
    Entry("spaces", "analyze", " "),
    Entry("mixed-lines", "analyze", "Hồ sơ gồm:\nTờ khai\n"),
    # HTML
    Entry("html-comment-open", "html", "<!--"),
    Entry("html-decl-open", "html", "<!"),
    Entry("html-pi-open", "html", "<?"),
    Entry("html-cdata-open", "html", "<![CDATA["),
    Entry("html-endtag-open", "html", "</"),
    Entry("html-endtag-a", "html", "</a"),
    Entry("html-starttag-open", "html", "<a "),
    Entry("html-attr-open", "html", "<a href=\""),
    Entry("html-entities", "html", "&amp;&#7897;&#x1EA1;&nbsp;&"),
    Entry("html-suppress", "html",
          "<!-- vnpolicytext-disable-next-line -->\n<p>Hồ sơ được nộp tại Bộ phận một cửa.</p>\n"),
    Entry("html-table", "html", "<table><tr><td>Hồ sơ"),
    Entry("html-nested", "html", "<div><p><b>"),
    Entry("html-script", "html", "<script>"),
    # Markdown
    Entry("md-image-open", "markdown", "!["),
    Entry("md-link-open", "markdown", "["),
    Entry("md-link-paren", "markdown", "[a]("),
    Entry("md-comment-open", "markdown", "<!--"),
    Entry("md-suppress", "markdown",
          "<!-- vnpolicytext-disable-next-line -->\nHồ sơ được nộp tại Bộ phận một cửa.\n\n"),
    Entry("md-emphasis", "markdown", "*_"),
    Entry("md-code", "markdown", "`"),
    Entry("md-fence", "markdown", "```\n"),
    Entry("md-table", "markdown", "| a | b |\n|---|---|\n"),
    Entry("md-headings", "markdown", "# "),
    Entry("md-html", "markdown", "<div>"),
    # check
    Entry("check-periods", "check", ". "),
)
# fmt: on


def build(entry: Entry, n: int) -> str:
    """`entry.head` and `entry.unit` repeated, cut to `n` characters."""
    body = n - len(entry.head)
    return entry.head + (entry.unit * (body // len(entry.unit) + 1))[:body]


def runner(entry: Entry) -> Callable[[str], object]:
    import vnpolicytext

    if entry.entry == "analyze":
        return vnpolicytext.analyze
    if entry.entry == "definitions":
        return vnpolicytext.extract_definitions
    if entry.entry == "check":
        return lambda text: vnpolicytext.check(text)
    fmt = entry.entry
    return lambda text: vnpolicytext.analyze_markup(text, fmt)  # type: ignore[arg-type]


def timed(entry: Entry, n: int, repeats: int) -> float:
    """Best of `repeats` runs on `n` characters, in seconds of CPU time of this process (a busy machine
    slows the wall clock, much less the CPU time)."""
    run, text = runner(entry), build(entry, n)
    best = float("inf")
    # What was alive before (a test session's fixtures and reports) is frozen out of the cyclic collector:
    # otherwise each full collection walks it, and a run that allocates 8x more pays that walk more often,
    # a growth that belongs to the caller's heap, not to the entry.
    gc.collect()
    gc.freeze()
    try:
        for _ in range(repeats):
            t0 = time.process_time()
            run(text)
            best = min(best, time.process_time() - t0)
    finally:
        gc.unfreeze()
    return best


def warm_up() -> None:
    """Load the lexicons and the word segmenter once, so the first entry is not charged for them."""
    import vnpolicytext

    sample = "Hồ sơ được nộp tại Ủy ban nhân dân (UBND) xã. Công dân nhận kết quả sau 5 ngày làm việc.\n"
    vnpolicytext.analyze(sample)
    vnpolicytext.analyze_markup("<p>" + sample + "</p>", "html")
    vnpolicytext.analyze_markup(sample, "markdown")


# Below this many seconds at 8n, a time is mostly noise and fixed cost: the entry passes whatever its ratio.
FLOOR = 0.05


def growth(entry: Entry, n: int, repeats: int) -> tuple[float, float, float]:
    """(time at n, time at 8n, ratio)."""
    small = timed(entry, n, repeats)
    large = timed(entry, 8 * n, repeats)
    return small, large, large / max(small, 1e-9)


def calibrated_n(entry: Entry, start: int, cap: int, target: float) -> tuple[int, float]:
    """The smallest n (doubling from `start`, at most `cap`) whose time reaches `target` seconds, so the
    measurement is above the noise; returns n and its best time."""
    n = start
    while True:
        t = timed(entry, n, 3)
        if t >= target or n * 2 > cap:
            return n, t
        n *= 2


def too_slow(small: float, large: float, limit: float, floor: float = FLOOR) -> bool:
    """Whether the growth from n to 8n is super-linear beyond `limit` (and not just noise)."""
    return large >= floor and large > limit * small


def suite_growth(limit: float) -> dict[str, tuple[int, float, float]]:
    """The test suite's small run: per entry (n, time at n, time at 8n), n calibrated from 500 characters until
    a run takes 40 ms (at most 64,000), measured up to three times more before a ratio over `limit` is
    reported. Each measurement times both sizes back to back and the pair with the lowest ratio is kept: a
    machine slowed for a while slows both sizes of one pair alike, while the best time of each size taken
    from different moments can pair a quick moment with a slow one. A quadratic entry (about 64x) fails
    every pair."""
    warm_up()
    out = {}
    for entry in CATALOGUE:
        n, small = calibrated_n(entry, 500, 64000, 0.04)
        large = timed(entry, 8 * n, repeats=2)
        for _ in range(3):  # a busy or noisy machine can slow a whole series: measure again, both sizes
            if not too_slow(small, large, limit):
                break
            again = timed(entry, n, repeats=3), timed(entry, 8 * n, repeats=2)
            if again[1] * small < large * again[0]:  # a lower ratio large / small
                small, large = again
        out[entry.name] = (n, small, large)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", action="store_true", help="the test suite's small run, as JSON")
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--limit", type=float, default=12.0)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated entry names")
    args = parser.parse_args(argv)
    if args.suite:
        print(json.dumps(suite_growth(args.limit)))
        return 0
    wanted = {name for name in args.only.split(",") if name}
    warm_up()
    failed = []
    print(f"{'entry':24} {'n':>9} {'t(n) s':>8} {'t(8n) s':>8} {'ratio':>6}")
    for entry in CATALOGUE:
        if wanted and entry.name not in wanted:
            continue
        small, large, ratio = growth(entry, args.n, args.repeats)
        mark = "  FAIL" if too_slow(small, large, args.limit) else ""
        print(f"{entry.name:24} {args.n:>9} {small:8.3f} {large:8.3f} {ratio:6.1f}{mark}", flush=True)
        if mark:
            failed.append(entry.name)
    if failed:
        print(f"super-linear (over {args.limit:g}x): {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
