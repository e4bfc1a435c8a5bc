"""Median time of `vnpolicytext.analyze` on one 10,000-character article in a warm process.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_article.py [--chars 10000] [--runs 30]
        [--old] [--crf-pos] [--by-analyzer]

The article is the start of ../shared/corpus (cut at a line end) when the corpus is present, else a
news-style article assembled from sentences written here. `--old` scores words with underthesea's own
featurizer and tagger (VNPOLICYTEXT_SEGMENTER=underthesea); `--crf-pos` also gives the passive analyzer
`crf.pos_tags` in place of underthesea's POS tagger (what wiring it in will do). `--by-analyzer` also
prints the CPU time of each analyzer (minimum and median over the runs; a lazy document layer is charged to
the first analyzer that reads it, and "(document)" is what runs before the first analyzer).

Before each run a fixed piece of pure-Python work (`host_reference`) is timed too, and its median over its
minimum is printed beside the article's: on a host whose speed swings by itself (seen here: the same loop
from 10 to 19 ms within a minute), the article's median swings with it, and this line says so.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

SENTENCES = [
    "Sáng 12/3/2025, UBND phường Tân Định tổ chức hội nghị triển khai Nghị định số 15/2020/NĐ-CP.",
    "Theo báo cáo, 1.245 hồ sơ đã được tiếp nhận qua Cổng Dịch vụ công quốc gia, tăng 18,5% so với năm 2024.",
    "Người dân có thể nộp hồ sơ trực tuyến tại https://dichvucong.gov.vn hoặc tại bộ phận một cửa.",
    "Các trường hợp vi phạm sẽ bị xử phạt từ 2.000.000 đồng đến 5.000.000 đồng theo quy định.",
    "Ông Nguyễn Văn Hùng, Chủ tịch UBND phường, cho biết: “Thủ tục sẽ được rút gọn trong quý II.”",
    "Hộ kinh doanh cần chuẩn bị giấy phép kinh doanh, căn cước công dân và tờ khai thuế theo mẫu 01/CNKD.",
    "Trong trường hợp hồ sơ chưa đầy đủ, cán bộ tiếp nhận có trách nhiệm hướng dẫn bổ sung một lần.",
    "Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
]


def article(chars: int) -> str:
    """`chars` characters of the corpus, or of the sentences above."""
    root = Path(__file__).resolve().parents[1]
    for base in (root.parent, root.parent.parent):
        folder = base / "shared" / "corpus"
        if folder.is_dir():
            text = "\n\n".join(f.read_text(encoding="utf-8") for f in sorted(folder.rglob("*.txt")))
            cut = text.rfind("\n", 0, chars)
            return text[: cut if cut > chars // 2 else chars]
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(" ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4)))
        i += 3
    return "\n\n".join(out)[:chars]


def host_reference() -> None:
    """A fixed piece of pure-Python work (strings, a dict, a loop), the kind the analysis does."""
    seen: dict[str, int] = {}
    for i in range(20_000):
        key = str(i * 7919 % 10_007)
        seen[key] = seen.get(key, 0) + len(key)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--old", action="store_true", help="underthesea's featurizer and tagger for words")
    ap.add_argument("--crf-pos", action="store_true", help="crf.pos_tags for the passive analyzer")
    ap.add_argument("--by-analyzer", action="store_true", help="CPU time of each analyzer too")
    args = ap.parse_args()
    if args.old:
        os.environ["VNPOLICYTEXT_SEGMENTER"] = "underthesea"
    import vnpolicytext

    if args.crf_pos:
        from vnpolicytext import crf, passive_rules

        passive_rules.tag_words = crf.pos_tags  # type: ignore[assignment]
    text = article(args.chars)
    vnpolicytext.analyze(text)  # loads models, fills caches
    times, cpu, host = [], [], []
    parts: dict[str, list[float]] = {}
    for _ in range(args.runs):
        h0 = time.process_time()
        host_reference()
        host.append(time.process_time() - h0)
        marks: list[tuple[str, float]] = []
        t0, c0 = time.perf_counter(), time.process_time()
        if args.by_analyzer:
            vnpolicytext.analyze(
                text, progress=lambda name, i, n, marks=marks: marks.append((name, time.process_time()))
            )
        else:
            vnpolicytext.analyze(text)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        marks = [("(document)", c0), *marks, ("", c0 + cpu[-1])]
        for (name, at), (_, until) in itertools.pairwise(marks):
            parts.setdefault(name, []).append(until - at)
    times.sort()
    print(
        f"{len(text)} characters, {args.runs} runs: median {statistics.median(times) * 1e3:.1f} ms, "
        f"min {times[0] * 1e3:.1f} ms, max {times[-1] * 1e3:.1f} ms; CPU median "
        f"{statistics.median(cpu) * 1e3:.1f} ms, min {min(cpu) * 1e3:.1f} ms; load average {os.getloadavg()}"
        f"{' (old segmenter)' if args.old else ''}{' (crf POS)' if args.crf_pos else ''}"
    )
    print(
        f"host reference loop: median {statistics.median(host) * 1e3:.2f} ms, min {min(host) * 1e3:.2f} ms "
        f"(median/min {statistics.median(host) / min(host):.2f}; the article's CPU median/min "
        f"{statistics.median(cpu) / min(cpu):.2f})"
    )
    if args.by_analyzer:
        for name, spent in sorted(parts.items(), key=lambda kv: -min(kv[1])):
            print(
                f"  {name:18} min {min(spent) * 1e3:6.2f} ms, median {statistics.median(spent) * 1e3:6.2f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
