"""`vnpolicytext audit-report`: one self-contained HTML page on an audit folder, plots drawn as inline SVG.

Sections: overview, clarity distribution, clarity and check pass share per group (any metadata column),
most frequent findings, most frequent jargon terms, the least clear documents (each with a page of its
own, the usual HTML report, next to the page), and the errors. No script, font or image from elsewhere.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from .batch import META_PREFIX, DocRef, read_text
from .version import __version__

MAX_GROUPS = 40
_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d5dae3;padding-bottom:.3rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e4e7ee;
text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #d5dae3;border-radius:6px;padding:.6rem 1rem}
.card b{display:block;font-size:1.4rem}svg{display:block;margin:.5rem 0}svg text{font-size:12px;fill:#1d2433}
.muted{color:#5b6475;font-size:.85rem}
"""
_LEVEL_COLOURS = {"easy": "#2e8b57", "medium": "#7fae3e", "hard": "#e0a030", "very_hard": "#c8453a"}


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return escape(str(value))


def _quartiles(values: Sequence[float]) -> tuple[float, float, float, float, float]:
    v = sorted(values)
    if len(v) == 1:
        return v[0], v[0], v[0], v[0], v[0]
    q1, q2, q3 = statistics.quantiles(v, n=4, method="inclusive")
    return v[0], q1, q2, q3, v[-1]


def histogram_svg(values: Sequence[float], *, bins: int = 20, width: int = 720, height: int = 200) -> str:
    """Bars of the clarity scores (0-100) in `bins` bins, coloured by the level band of the bin."""
    counts = [0] * bins
    for v in values:
        counts[min(int(v / (100 / bins)), bins - 1)] += 1
    top = max(counts, default=0) or 1
    left, bottom, plot_h = 40, 30, height - 45
    bar_w = (width - left - 10) / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        'aria-label="Phân bố điểm rõ ràng">'
    ]
    for i, n in enumerate(counts):
        h = plot_h * n / top
        x = left + i * bar_w
        mid = (i + 0.5) * 100 / bins
        colour = _band_colour(mid)
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{i * 100 / bins:g}–{(i + 1) * 100 / bins:g}: {n}</title></rect>'
        )
    for tick in range(0, 101, 20):
        x = left + tick / 100 * (width - left - 10)
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle">{tick}</text>')
    parts.append(f'<text x="4" y="14">{top}</text><text x="4" y="{height - bottom}">0</text></svg>')
    return "".join(parts)


def _band_colour(score: float) -> str:
    """The colour of the level a score falls in. Adapter: reads the level cuts of the internal `clarity`."""
    from .clarity import level_of

    return _LEVEL_COLOURS[level_of(score)[0]]


def groups_svg(groups: list[tuple[str, list[float], int, int]], *, width: int = 980) -> str:
    """Per group: a box plot of clarity (0-100) and a bar of the share passing the check."""
    row_h, label_w, box_w, gap = 24, 220, 460, 30
    bar_x = label_w + box_w + gap
    bar_w = width - bar_x - 60
    height = row_h * len(groups) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        'aria-label="Điểm rõ ràng và tỉ lệ đạt theo nhóm">',
        f'<text x="{label_w}" y="14">điểm rõ ràng (0–100)</text>',
        f'<text x="{bar_x}" y="14">tỉ lệ đạt kiểm tra</text>',
    ]
    for tick in range(0, 101, 25):
        x = label_w + tick / 100 * box_w
        parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 14}" stroke="#e4e7ee"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 2}" text-anchor="middle">{tick}</text>')
    for i, (label, scores, passed, total) in enumerate(groups):
        y = 26 + i * row_h
        cy = y + row_h / 2 - 2
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(f'<text x="0" y="{cy + 4:.1f}">{escape(short)} ({total})</text>')
        if scores:
            lo, q1, med, q3, hi = (label_w + v / 100 * box_w for v in _quartiles(scores))
            tip = f"{escape(label)}: trung vị {statistics.median(scores):.1f}, n={len(scores)}"
            parts.append(
                f"<g><title>{tip}</title>"
                f'<line x1="{lo:.1f}" y1="{cy:.1f}" x2="{hi:.1f}" y2="{cy:.1f}" stroke="#5b6475"/>'
                f'<rect x="{q1:.1f}" y="{cy - 7:.1f}" width="{max(q3 - q1, 1):.1f}" height="14" '
                f'fill="#9bb7e0" stroke="#3b5b8c"/>'
                f'<line x1="{med:.1f}" y1="{cy - 7:.1f}" x2="{med:.1f}" y2="{cy + 7:.1f}" stroke="#1d2433" '
                'stroke-width="2"/></g>'
            )
        share = passed / total if total else 0.0
        parts.append(
            f'<rect x="{bar_x}" y="{cy - 7:.1f}" width="{bar_w}" height="14" fill="#eef0f4"/>'
            f'<rect x="{bar_x}" y="{cy - 7:.1f}" width="{bar_w * share:.1f}" height="14" fill="#2e8b57">'
            f"<title>{passed}/{total}</title></rect>"
            f'<text x="{bar_x + bar_w + 6}" y="{cy + 4:.1f}">{share:.0%}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(items: list[tuple[str, int]], *, width: int = 720, colour: str = "#3b5b8c") -> str:
    """Horizontal bars, one per (label, count)."""
    row_h, label_w = 20, 260
    height = row_h * len(items) + 8
    top = max((n for _, n in items), default=0) or 1
    bar_w = width - label_w - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, (label, n) in enumerate(items):
        y = 4 + i * row_h
        short = label if len(label) <= 38 else label[:37] + "…"
        parts.append(
            f'<text x="0" y="{y + 13}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * n / top:.1f}" height="14" fill="{colour}"/>'
            f'<text x="{label_w + bar_w * n / top + 6:.1f}" y="{y + 13}">{n:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: list[list[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numeric else ''}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _group_columns(docs: list[dict[str, Any]], wanted: Sequence[str] | None) -> list[str]:
    columns = list(docs[0]) if docs else []
    if wanted:
        out = []
        for name in wanted:
            column = name if name in columns else META_PREFIX + name
            if column not in columns:
                from .errors import InputError

                raise InputError(f"--group-by {name}: no such column in the documents table")
            out.append(column)
        return out
    meta = [c for c in columns if c.startswith(META_PREFIX)]
    chosen = [c for c in meta if 2 <= len({d[c] for d in docs}) <= MAX_GROUPS]
    return chosen or ["profile"]


def _group_section(docs: list[dict[str, Any]], column: str) -> str:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        by["(trống)" if d.get(column) is None else str(d[column])].append(d)
    ordered = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_GROUPS]
    groups = [
        (
            label,
            [d["clarity_score"] for d in members if d["clarity_score"] is not None],
            sum(1 for d in members if d["check_passed"]),
            len(members),
        )
        for label, members in ordered
    ]
    rows = []
    for label, scores, passed, total in groups:
        rows.append(
            [
                escape(label),
                str(total),
                _fmt(statistics.mean(scores)) if scores else "—",
                _fmt(statistics.median(scores)) if scores else "—",
                f"{passed / total:.0%}" if total else "—",
            ]
        )
    name = column.removeprefix(META_PREFIX)
    more = (
        f'<p class="muted">{len(by) - MAX_GROUPS} nhóm khác không hiển thị.</p>'
        if len(by) > MAX_GROUPS
        else ""
    )
    return f"<h3>Theo {escape(name)}</h3>{groups_svg(groups)}{more}" + _table(
        [name, "văn bản", "điểm TB", "trung vị", "đạt kiểm tra"], rows, numeric=(1, 2, 3, 4)
    )


def _reread(row: dict[str, Any]) -> str:
    """The text of a document of the table, read again from its source."""
    kind, path, index = row["source_kind"], row["path"], row["source_index"]
    if kind == "jsonl" and path is not None and index is not None:
        offset = 0
        with open(path, "rb") as fp:
            for number, raw in enumerate(fp, start=1):
                if number == index:
                    break
                offset += len(raw)
        return read_text(DocRef(id=row["id"], kind="jsonl", path=path, index=index, offset=offset))
    return read_text(DocRef(id=row["id"], kind=kind, path=path, index=index))


def _document_page(row: dict[str, Any], config: dict[str, Any] | None) -> str | None:
    """The usual HTML report of one document, or None when its source cannot be read again.

    Adapter: uses the internal `render.html` renderer (the one `vnpolicytext analyze --format html` uses).
    """
    from .config import load_config
    from .errors import VnPolicyTextError
    from .gates import check_report
    from .markup import analyze_markup
    from .render import FileResult
    from .render import html as html_render

    try:
        text = _reread(row)
        cfg = load_config({**(config or {}), "profile": row["profile"]})
        report = analyze_markup(text, row["input_format"], config=cfg)
    except (VnPolicyTextError, OSError, ValueError):
        return None
    return html_render.render([FileResult(row["id"], text, report, check_report(report, cfg))])


def render_report(
    results: Path,
    *,
    group_by: Sequence[str] | None = None,
    worst: int = 20,
    page_links: dict[str, str] | None = None,
    title: str | None = None,
) -> str:
    """The HTML page for an audit folder."""
    from .audit import read_table

    docs = read_table(results, "documents").to_pylist()
    findings = read_table(results, "findings").select(
        ["id", "analyzer", "rule", "severity", "term", "suggestion"]
    )
    errors = read_table(results, "errors").to_pylist()
    scores = [d["clarity_score"] for d in docs if d["clarity_score"] is not None]
    passed = sum(1 for d in docs if d["check_passed"])
    levels = Counter(d["level"] or "không chấm điểm được" for d in docs)
    title = title or f"Kiểm tra độ rõ ràng: {results.name}"
    cards = [
        ("văn bản đã phân tích", f"{len(docs):,}"),
        ("lỗi khi đọc/phân tích", f"{len(errors):,}"),
        ("điểm rõ ràng trung bình", _fmt(statistics.mean(scores)) if scores else "—"),
        ("trung vị", _fmt(statistics.median(scores)) if scores else "—"),
        ("đạt kiểm tra", f"{passed / len(docs):.0%}" if docs else "—"),
        ("phát hiện", f"{findings.num_rows:,}"),
    ]
    out = [
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">vnpolicytext {escape(__version__)} · {escape(str(results))}</p>',
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{v}</b>{escape(k)}</div>' for k, v in cards)
        + "</div>",
        "<h2>Phân bố điểm rõ ràng</h2>",
        histogram_svg(scores),
        _table(["mức", "văn bản"], [[escape(k), str(v)] for k, v in levels.most_common()], numeric=(1,)),
        "<h2>Theo nhóm</h2>",
    ]
    if docs:
        out.extend(_group_section(docs, c) for c in _group_columns(docs, group_by))
    rule_counts = Counter(findings.column("rule").to_pylist())
    rule_docs: dict[str, set[str]] = defaultdict(set)
    for doc_id, rule in zip(
        findings.column("id").to_pylist(), findings.column("rule").to_pylist(), strict=True
    ):
        rule_docs[rule].add(doc_id)
    top_rules = rule_counts.most_common(25)
    out.append("<h2>Phát hiện thường gặp nhất</h2>")
    out.append(bars_svg(top_rules))
    out.append(
        _table(
            ["quy tắc", "số lần", "số văn bản"],
            [[escape(r), f"{n:,}", f"{len(rule_docs[r]):,}"] for r, n in top_rules],
            numeric=(1, 2),
        )
    )
    terms: Counter[str] = Counter()
    term_docs: dict[str, set[str]] = defaultdict(set)
    term_hint: dict[str, str] = {}
    for doc_id, analyzer, term, suggestion in zip(
        findings.column("id").to_pylist(),
        findings.column("analyzer").to_pylist(),
        findings.column("term").to_pylist(),
        findings.column("suggestion").to_pylist(),
        strict=True,
    ):
        if analyzer == "jargon" and term:
            terms[term] += 1
            term_docs[term].add(doc_id)
            if suggestion and term not in term_hint:
                term_hint[term] = suggestion
    top_terms = terms.most_common(30)
    out.append("<h2>Thuật ngữ khó hiểu thường gặp nhất</h2>")
    out.append(bars_svg(top_terms, colour="#c8453a"))
    out.append(
        _table(
            ["từ ngữ", "số lần", "số văn bản", "gợi ý"],
            [
                [escape(t), f"{n:,}", f"{len(term_docs[t]):,}", escape(term_hint.get(t, ""))]
                for t, n in top_terms
            ],
            numeric=(1, 2),
        )
    )
    ranked = sorted(
        (d for d in docs if d["clarity_score"] is not None), key=lambda d: (d["clarity_score"], d["id"])
    )
    links = page_links or {}
    worst_rows = []
    for d in ranked[:worst]:
        name = escape(d["id"])
        if d["id"] in links:
            name = f'<a href="{escape(links[d["id"]])}">{name}</a>'
        meta = ", ".join(
            f"{escape(k.removeprefix(META_PREFIX))}: {escape(str(v))}"
            for k, v in d.items()
            if k.startswith(META_PREFIX) and v is not None
        )
        worst_rows.append(
            [
                name,
                _fmt(d["clarity_score"]),
                escape(d["level"] or ""),
                f"{d['findings']:,}",
                escape(d["check_failed"] or ""),
                meta,
            ]
        )
    out.append(f"<h2>{min(worst, len(ranked))} văn bản kém rõ ràng nhất</h2>")
    out.append(
        _table(["văn bản", "điểm", "mức", "phát hiện", "không đạt", "thông tin"], worst_rows, numeric=(1, 3))
    )
    out.append(f"<h2>Lỗi ({len(errors)})</h2>")
    if errors:
        out.append(
            _table(
                ["văn bản", "loại lỗi", "thông báo"],
                [[escape(e["id"]), escape(e["error_type"]), escape(e["message"])] for e in errors[:200]],
            )
        )
    else:
        out.append("<p>Không có văn bản nào gây lỗi.</p>")
    out.append("</body></html>\n")
    return "".join(out)


def write_report(
    results: str | Path,
    output: str | Path,
    *,
    group_by: Sequence[str] | None = None,
    worst: int = 20,
    pages: bool = True,
    title: str | None = None,
) -> Path:
    """Write the page (and, with `pages`, one report page per listed document in `<name>_files/`)."""
    from .audit import read_table

    results, output = Path(results), Path(output)
    links: dict[str, str] = {}
    if pages and worst:
        docs = read_table(results, "documents").to_pylist()
        ranked = sorted(
            (d for d in docs if d["clarity_score"] is not None), key=lambda d: (d["clarity_score"], d["id"])
        )
        try:
            manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
            config = manifest.get("config")
        except (OSError, ValueError):
            config = None
        folder = output.with_name(output.stem + "_files")
        for i, d in enumerate(ranked[:worst]):
            page = _document_page(d, config)
            if page is None:
                continue
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"doc-{i + 1:04d}.html").write_text(page, encoding="utf-8")
            links[d["id"]] = f"{folder.name}/doc-{i + 1:04d}.html"
    body = render_report(results, group_by=group_by, worst=worst, page_links=links, title=title)
    output.write_text(body, encoding="utf-8")
    return output
