"""One self-contained HTML page: each text with its findings highlighted, the scores, and a histogram of
sentence lengths drawn as inline SVG. No scripts, fonts or images from elsewhere; everything is escaped."""

from __future__ import annotations

import itertools
import zlib

import regex

from ..models import Finding
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
_CSS = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2.5rem;border-bottom:1px solid #ddd}
table.scores{border-collapse:collapse;margin:.5rem 0}table.scores td,table.scores th{padding:.15rem .8rem;
text-align:left;border-bottom:1px solid #eee}
.doc{white-space:pre-wrap;font-family:inherit;background:#fafafa;border:1px solid #e3e3e3;padding:1rem;
border-radius:6px}
mark{position:relative;border-radius:2px;padding:0 1px;color:inherit;cursor:help}
mark.sev-error{border-bottom:2px solid #d62828}mark.sev-warning{border-bottom:2px solid #f77f00}
mark.sev-info{border-bottom:2px dotted #457b9d}mark.overlap{outline:1px dashed #555}
mark[data-tip]:hover::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:10;width:26rem;
max-width:80vw;white-space:pre-line;background:#222;color:#fff;padding:.5rem .7rem;border-radius:4px;
font-size:13px;line-height:1.4}
.legend span{display:inline-block;margin-right:1rem;padding:0 .4rem;border-radius:2px}
.passed{color:#2a9d8f;font-weight:bold}.failed{color:#d62828;font-weight:bold}
ol.findings li{margin-bottom:.4rem}.rule{font-family:ui-monospace,monospace;font-size:.9em}
svg text{font:11px system-ui,sans-serif;fill:#333}
"""


def _slug(name: str) -> str:
    return regex.sub(r"[^a-z0-9_-]", "-", name.lower())


def _colour(analyzer: str) -> str:
    return _PALETTE.get(analyzer) or _SPARE[zlib.crc32(analyzer.encode()) % len(_SPARE)]


def _tip(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        s = f"[{f.severity}] {f.rule}: {f.message}"
        if f.suggestion:
            s += f"\nGợi ý: {f.suggestion}"
        parts.append(s)
    return "\n\n".join(parts)


def highlight(source: str, findings: list[Finding]) -> str:
    """The escaped source with every finding marked; overlapping findings split into pieces that carry all."""
    points = {0, len(source)}
    for f in findings:
        if f.end > f.start:
            points.update((f.start, f.end))
    cuts = sorted(p for p in points if 0 <= p <= len(source))
    out: list[str] = []
    spans = [f for f in findings if f.end > f.start]
    for a, b in itertools.pairwise(cuts):
        piece = escape(source[a:b])
        covering = [f for f in spans if f.start <= a and f.end >= b]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda f: {"info": 0, "warning": 1, "error": 2}[f.severity])
        analyzers = sorted({f.analyzer for f in covering})
        classes = [f"a-{_slug(x)}" for x in analyzers] + [f"sev-{worst.severity}"]
        if len(covering) > 1:
            classes.append("overlap")
        tip = escape(_tip(covering), quote=True)
        out.append(f'<mark class="{" ".join(classes)}" title="{tip}" data-tip="{tip}">{piece}</mark>')
    return "".join(out)


def histogram(lengths: list[int], limits: tuple[int, int] | None = None, *, width: int = 560) -> str:
    """An inline SVG histogram of sentence lengths (syllables), 5-syllable bins, limits as dashed lines."""
    height, pad_l, pad_b, pad_t = 170, 36, 28, 10
    if not lengths:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" role="img" aria-label="no sentences"></svg>'
    top = max(max(lengths), limits[1] if limits else 0) + 1
    bins = max(1, -(-top // 5))
    counts = [0] * bins
    for n in lengths:
        counts[min(n // 5, bins - 1)] += 1
    peak = max(counts)
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    bar_w = plot_w / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Histogram of sentence lengths in syllables">',
        f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{pad_l + plot_w}" y2="{pad_t + plot_h}" stroke="#999"/>',
        f'<text x="4" y="{pad_t + 10}">{peak}</text><text x="4" y="{pad_t + plot_h}">0</text>',
    ]
    for i, c in enumerate(counts):
        h = plot_h * c / peak if peak else 0
        x = pad_l + i * bar_w
        label = f"{i * 5}–{i * 5 + 4} tiếng: {c} câu"
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{pad_t + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
            f'fill="#4c6ef5"><title>{escape(label)}</title></rect>'
        )
        if i % max(1, bins // 10) == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 10}">{i * 5}</text>')
    if limits:
        for value, colour in zip(limits, ("#f77f00", "#d62828"), strict=False):
            x = pad_l + plot_w * value / (bins * 5)
            parts.append(
                f'<line x1="{x:.1f}" y1="{pad_t}" x2="{x:.1f}" y2="{pad_t + plot_h}" stroke="{colour}" '
                f'stroke-dasharray="4 3"><title>{value} tiếng</title></line>'
            )
    parts.append(f'<text x="{pad_l + plot_w - 60}" y="{height - 10}">tiếng/câu</text></svg>')
    return "".join(parts)


def _scores(r: FileResult) -> str:
    rep = r.report
    rows: list[tuple[str, str]] = [
        ("Hồ sơ (profile)", rep.profile),
        ("Số câu/đơn vị", str(rep.text.sentences)),
    ]
    if rep.sentence_length is not None:
        sl = rep.sentence_length
        rows.append(
            (
                "Độ dài câu TB / p90 / tối đa",
                f"{sl.mean_syllables:g} / {sl.p90_syllables:g} / {sl.max_syllables} tiếng",
            )
        )
    if rep.readability is not None:
        rd = rep.readability
        luong = "—" if rd.luong_nguyen_dinh is None else f"{rd.luong_nguyen_dinh:.2f}"
        rows.append(("Độ khó (Lương-Nguyễn-Đinh)", f"{rd.level or '—'} ({luong})"))
        rows.append(("Điểm rõ ràng", "—" if rd.clarity_score is None else f"{rd.clarity_score:.1f}/100"))
    elif not rep.text.scorable:
        rows.append(("Không chấm điểm được", ", ".join(rep.text.problems)))
    for name, summary in summaries(rep).items():
        if name in ("sentence_length", "readability") or not hasattr(summary, "model_dump"):
            continue
        scalars = [
            f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
            for k, v in summary.model_dump().items()
            if isinstance(v, int | float | str) and not isinstance(v, bool)
        ][:6]
        if scalars:
            rows.append((name, ", ".join(scalars)))
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
    legend = "".join(f'<span class="a-{_slug(a)}">{escape(a)}</span>' for a in analyzers)
    items = "".join(
        f'<li><span class="rule">{f.line}:{f.column} [{escape(f.severity)}] '
        f"{escape(f.rule)}</span> — {escape(f.message)}"
        + (f"<br><em>Gợi ý: {escape(f.suggestion)}</em>" if f.suggestion else "")
        + "</li>"
        for f in rep.findings
    )
    return (
        f'<section id="file-{n}"><h2>{escape(r.path)}</h2>{_scores(r)}'
        f"<h3>Độ dài câu</h3>{histogram(lengths, limits)}"
        f'<h3>Văn bản</h3><p class="legend">{legend}</p><div class="doc">{highlight(r.source, rep.findings)}</div>'
        f'<h3>Phát hiện ({len(rep.findings)})</h3><ol class="findings">{items}</ol></section>'
    )


def render(results: list[FileResult]) -> str:
    analyzers = sorted({f.analyzer for r in results for f in r.report.findings})
    colours = "".join(
        f"mark.a-{_slug(a)},.legend .a-{_slug(a)}{{background:{_colour(a)}}}" for a in analyzers
    )
    sections = "".join(_section(r, i) for i, r in enumerate(results))
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>vnpolicytext report</title><style>{_CSS}{colours}</style></head><body>"
        f"<h1>Báo cáo vnpolicytext {escape(__version__)}</h1>{sections}</body></html>\n"
    )
