"""One self-contained HTML page: each text with its findings highlighted, the scores, and a histogram of
sentence lengths drawn as inline SVG. No scripts, fonts or images from elsewhere; everything is escaped.

Highlighting is one sweep over the sorted finding boundaries with the set of findings in force, so it is
linear in the number of findings. Sentence-level findings (sentence_length.*) are drawn as a wavy underline,
never a background, so the colours of the word-level findings inside them stay visible. Every finding in
the list links to its place in the text and back; nothing is shown only on hover.
"""

from __future__ import annotations

import math
import zlib
from typing import Any

import regex

from ..models import Finding
from ..registry import SEVERITY_RANK
from ..version import __version__
from . import FileResult, summaries
from .safe import html_escape as escape  # also shows raw control characters

_PALETTE = {
    "sentence_length": "#ffd166",
    "readability": "#a0c4ff",
    "text": "#ff8fa3",
    "passive": "#bdb2ff",
    "jargon": "#9bf6ff",
    "abbreviation": "#caffbf",
    "glossary": "#ffc6ff",
}
_SPARE = ("#fdffb6", "#ffadad", "#b9fbc0", "#f1c0e8", "#cfbaf0", "#90dbf4")
# Analyzers whose findings cover whole sentences: underlined, not painted.
SENTENCE_LEVEL = frozenset({"sentence_length"})
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}
_CSS = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2.5rem;border-bottom:1px solid #ddd}
table.scores{border-collapse:collapse;margin:.5rem 0}table.scores td,table.scores th{padding:.15rem .8rem;
text-align:left;border-bottom:1px solid #eee;vertical-align:top}
.doc{white-space:pre-wrap;font-family:inherit;background:#fafafa;border:1px solid #e3e3e3;padding:1rem;
border-radius:6px;overflow-wrap:anywhere}
mark{border-radius:2px;padding:0 1px;color:inherit;background:transparent}
mark.sev-error{border-bottom:2px solid #d62828}mark.sev-warning{border-bottom:2px solid #f77f00}
mark.sev-info{border-bottom:2px dotted #457b9d}mark.overlap{outline:1px dashed #555}
mark.sl{text-decoration-line:underline;text-decoration-style:wavy;text-decoration-thickness:1.5px;
text-underline-offset:5px;outline:0}
mark.sl-error{text-decoration-color:#d62828}mark.sl-warning{text-decoration-color:#f77f00}
mark.sl-info{text-decoration-color:#457b9d}
a.ref{font-size:.7em;vertical-align:super;text-decoration:none;padding:0 1px;color:#0b5ed7}
:target{outline:3px solid #ffbf47}
.legend span{display:inline-block;margin-right:1rem;padding:0 .4rem;border-radius:2px}
.legend .sl{text-decoration:underline wavy #f77f00;text-underline-offset:4px}
.passed{color:#2a9d8f;font-weight:bold}.failed{color:#d62828;font-weight:bold}
ol.findings li{margin-bottom:.4rem}.rule{font-family:ui-monospace,monospace;font-size:.9em}
svg text{font:11px system-ui,sans-serif;fill:#333}svg text.limit{font-weight:bold;paint-order:stroke;
stroke:#fff;stroke-width:3px}
"""


def _slug(name: str) -> str:
    return regex.sub(r"[^a-z0-9_-]", "-", name.lower())


def _colour(analyzer: str) -> str:
    return _PALETTE.get(analyzer) or _SPARE[zlib.crc32(analyzer.encode()) % len(_SPARE)]


def _piece(text: str, covering: list[Finding]) -> str:
    """One stretch of text under the findings `covering` it (a sorted list, never empty)."""
    word = [f for f in covering if f.analyzer not in SENTENCE_LEVEL]
    sentence = [f for f in covering if f.analyzer in SENTENCE_LEVEL]
    classes = [f"a-{_slug(a)}" for a in sorted({f.analyzer for f in word})]
    if sentence:
        worst_sentence = max(sentence, key=lambda f: SEVERITY_RANK[f.severity]).severity
        classes += ["sl", f"sl-{worst_sentence}"]
    if word:
        classes.append(f"sev-{max(word, key=lambda f: SEVERITY_RANK[f.severity]).severity}")
    if len(word) > 1:
        classes.append("overlap")
    rules = escape(", ".join(dict.fromkeys(f.rule for f in covering)), quote=True)
    return f'<mark class="{" ".join(classes)}" title="{rules}">{escape(text)}</mark>'


def highlight(source: str, findings: list[Finding], *, prefix: str | None = None) -> str:
    """The escaped source with every finding marked, in one sweep over the sorted boundaries.

    Overlapping findings split the text into pieces that carry them all. With `prefix`, finding i gets an
    anchor `m-{prefix}-{i}` at its start and a numbered link to `f-{prefix}-{i}` (its list item) at its end.
    """
    events: list[tuple[int, int, int]] = []  # (offset, 0 end / 1 start, finding index)
    for i, f in enumerate(findings):
        start, end = max(0, f.start), min(len(source), f.end)
        events.append((start, 1, i))
        events.append((max(start, end), 0, i))
    events.sort()
    active: dict[int, Finding] = {}
    out: list[str] = []
    pos = 0
    for at, kind, i in events:
        if at > pos:
            text = source[pos:at]
            out.append(_piece(text, [active[k] for k in sorted(active)]) if active else escape(text))
            pos = at
        f = findings[i]
        if kind == 1:
            if f.end > f.start:
                active[i] = f
            if prefix is not None:
                out.append(f'<span id="m-{prefix}-{i}"></span>')
        else:
            active.pop(i, None)
            if prefix is not None and f.analyzer not in SENTENCE_LEVEL:
                out.append(
                    f'<a class="ref" href="#f-{prefix}-{i}" aria-label="Phát hiện {i + 1}">{i + 1}</a>'
                )
    if pos < len(source):
        out.append(escape(source[pos:]))
    return "".join(out)


def histogram(lengths: list[int], limits: tuple[int, int] | None = None, *, width: int = 560) -> str:
    """An inline SVG histogram of sentence lengths (syllables), 5-syllable bins, labelled limit lines."""
    height, pad_l, pad_r, pad_b, pad_t = 200, 40, 12, 44, 30
    if not lengths:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" role="img" aria-label="không có câu"></svg>'
    top = max(max(lengths), limits[1] if limits else 0) + 1
    bins = max(1, -(-top // 5))
    counts = [0] * bins
    for n in lengths:
        counts[min(n // 5, bins - 1)] += 1
    peak = max(counts)
    plot_w, plot_h = width - pad_l - pad_r, height - pad_b - pad_t
    bar_w = plot_w / bins
    base = pad_t + plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Biểu đồ số câu theo độ dài (tiếng)">',
        f'<line x1="{pad_l}" y1="{base}" x2="{pad_l + plot_w}" y2="{base}" stroke="#999"/>',
        f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{base}" stroke="#999"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{pad_l - 4}" y="{base}" text-anchor="end">0</text>',
        f'<text x="12" y="{pad_t + plot_h / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {pad_t + plot_h / 2:.0f})">số câu</text>',
    ]
    for i, c in enumerate(counts):
        h = plot_h * c / peak if peak else 0
        x = pad_l + i * bar_w
        label = f"{i * 5}–{i * 5 + 4} tiếng: {c} câu"
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
            f'fill="#4c6ef5"><title>{escape(label)}</title></rect>'
        )
    # Tick labels at least 32 px apart, on multiples of the step, so they never overlap.
    step = max(1, math.ceil(32 / bar_w))
    for i in range(0, bins + 1, step):
        parts.append(f'<text x="{pad_l + i * bar_w:.1f}" y="{base + 14}" text-anchor="middle">{i * 5}</text>')
    parts.append(
        f'<text x="{pad_l + plot_w / 2:.0f}" y="{height - 8}" text-anchor="middle">số tiếng trong câu</text>'
    )
    if limits:
        names = ("dài", "quá dài")
        for row, (value, colour, name) in enumerate(zip(limits, ("#f77f00", "#d62828"), names, strict=False)):
            x = pad_l + plot_w * value / (bins * 5)
            # Labels on two rows above the plot, pointing right unless they would leave the chart.
            anchor, dx = ("end", -3) if x > pad_l + plot_w - 90 else ("start", 3)
            parts.append(
                f'<line x1="{x:.1f}" y1="{pad_t - 12 + row * 12}" x2="{x:.1f}" y2="{base}" stroke="{colour}" '
                f'stroke-dasharray="4 3"><title>{escape(name)}: trên {value} tiếng</title></line>'
                f'<text class="limit" x="{x + dx:.1f}" y="{pad_t - 14 + row * 12}" text-anchor="{anchor}" '
                f'fill="{colour}">{escape(name)} &gt; {value}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _describe(name: str, summary: Any) -> str | None:
    """An analyzer summary in Vietnamese words (None when there is nothing to say)."""

    def g(key: str) -> Any:
        return getattr(summary, key, 0) or 0

    if name == "passive":
        return (
            f"{g('passives')} câu bị động, trong đó {g('short')} không nói rõ ai làm, {g('long')} có nêu chủ thể, "
            f"{g('beneficiary')} nói về quyền lợi được hưởng"
        )
    if name == "jargon":
        return f"{g('matches')} từ ngữ khó hiểu hoặc sáo rỗng, {g('density'):.1f} từ trên 100 từ"
    if name == "abbreviation":
        return (
            f"{g('used')} chữ viết tắt: {g('defined')} đã giải thích, {g('undefined')} chưa giải thích, "
            f"{g('used_before_definition')} dùng trước khi giải thích"
        )
    if name == "glossary":
        return (
            f"{g('terms_used')} thuật ngữ: {g('defined_in_document')} được văn bản giải thích, "
            f"{g('covered_by_glossary')} có trong bảng thuật ngữ, {g('undefined')} chưa được giải thích"
        )
    return None


_LABELS = {
    "passive": "Câu bị động",
    "jargon": "Từ ngữ khó hiểu",
    "abbreviation": "Chữ viết tắt",
    "glossary": "Thuật ngữ",
}


def _scores(r: FileResult) -> str:
    rep = r.report
    rows: list[tuple[str, str]] = [
        ("Đối tượng đọc (profile)", rep.profile),
        ("Số câu, tiêu đề và mục", str(rep.text.sentences)),
    ]
    if rep.sentence_length is not None:
        sl = rep.sentence_length
        rows.append(
            (
                "Độ dài câu",
                f"trung bình {sl.mean_syllables:g} tiếng, 90% số câu không quá {sl.p90_syllables:g} tiếng, "
                f"câu dài nhất {sl.max_syllables} tiếng",
            )
        )
    if rep.readability is not None:
        rd = rep.readability
        luong = "—" if rd.luong_nguyen_dinh is None else f"{rd.luong_nguyen_dinh:.2f}"
        rows.append(("Mức độ dễ đọc", f"{rd.level or '—'}: {rd.level_description or ''}"))
        rows.append(("Điểm rõ ràng", "—" if rd.clarity_score is None else f"{rd.clarity_score:.1f}/100"))
        rows.append(("Chỉ số nghiên cứu Lương-Nguyễn-Đinh (2018), không dùng để xếp mức", luong))
    elif not rep.text.scorable:
        rows.append(("Không chấm điểm được", ", ".join(rep.text.problems)))
    for name, summary in summaries(rep).items():
        if name in ("sentence_length", "readability"):
            continue
        described = _describe(name, summary)
        if described is not None:
            rows.append((_LABELS.get(name, name), described))
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    status = ""
    if r.check is not None:
        if r.check.passed:
            status = '<p class="passed">Đạt yêu cầu kiểm tra trước khi đăng.</p>'
        else:
            items = "".join(f"<li>{escape(f.message)}</li>" for f in r.check.failures)
            status = f'<p class="failed">Chưa đạt yêu cầu kiểm tra:</p><ul>{items}</ul>'
    return f'<table class="scores">{body}</table>{status}'


def _section(r: FileResult, n: int) -> str:
    rep = r.report
    lengths = [s.syllables for s in rep.sentences if s.kind != "heading"]
    limits = None
    if rep.sentence_length is not None:
        limits = (rep.sentence_length.limits.long, rep.sentence_length.limits.very_long)
    analyzers = sorted({f.analyzer for f in rep.findings})
    legend = "".join(
        f'<span class="sl">{escape(a)}</span>'
        if a in SENTENCE_LEVEL
        else f'<span class="a-{_slug(a)}">{escape(a)}</span>'
        for a in analyzers
    )
    items = "".join(
        f'<li id="f-{n}-{i}"><a href="#m-{n}-{i}">dòng {f.line}, cột {f.column}</a> '
        f'<span class="rule">[{escape(_SEVERITY_VI[f.severity])}] {escape(f.rule)}</span> '
        f"«{escape(f.text if len(f.text) <= 80 else f.text[:77] + '…')}» — {escape(f.message)}"
        + (f"<br><em>Gợi ý: {escape(f.suggestion)}</em>" if f.suggestion else "")
        + "</li>"
        for i, f in enumerate(rep.findings)
    )
    return (
        f'<section id="file-{n}"><h2>{escape(r.path)}</h2>{_scores(r)}'
        f"<h3>Độ dài câu</h3>{histogram(lengths, limits)}"
        f'<h3>Văn bản</h3><p class="legend">{legend}</p>'
        f'<div class="doc">{highlight(r.source, rep.findings, prefix=str(n))}</div>'
        f'<h3>Phát hiện ({len(rep.findings)})</h3><ol class="findings">{items}</ol></section>'
    )


def render(results: list[FileResult]) -> str:
    analyzers = sorted({f.analyzer for r in results for f in r.report.findings} - SENTENCE_LEVEL)
    colours = "".join(
        f"mark.a-{_slug(a)},.legend .a-{_slug(a)}{{background:{_colour(a)}}}" for a in analyzers
    )
    sections = "".join(_section(r, i) for i, r in enumerate(results))
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Báo cáo vnpolicytext</title><style>{_CSS}{colours}</style></head><body>"
        f"<h1>Báo cáo vnpolicytext {escape(__version__)}</h1>{sections}</body></html>\n"
    )
