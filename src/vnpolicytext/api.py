"""The one call most users need: `analyze(text)`; plus `decode_bytes` for callers holding bytes."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .analyzers import ANALYZERS, BY_NAME
from .analyzers.base import Context
from .config import Config, load_config
from .document import Document
from .errors import InputError
from .guards import expect_config, expect_text, expect_type
from .limits import check_size
from .models import Finding
from .report import Report


def decode_bytes(data: bytes, *, source: str = "input") -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; raise InputError naming `source` otherwise."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_bytes() takes the data as bytes, not {type(data).__name__}")
    expect_type("decode_bytes", "source", source, str, "str")
    raw = bytes(data)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: invalid UTF-16 at byte {exc.start}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from .legacy import undecodable_error  # names a legacy encoding found and the command converting it

        raise undecodable_error(raw, source, exc.start) from None


def analyze(
    text: str,
    *,
    config: Config | dict[str, Any] | None = None,
    converted_from: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Analyze a Vietnamese text and return its report; offsets index `text` exactly as given.

    `converted_from` names the legacy encoding ("tcvn3", "vni", "cp1258") the caller converted the text
    from; the report then says so in a `text.converted_encoding` finding. `progress(analyzer, i, n)` is
    called before each of the n analyzers runs (for progress on a large text)."""
    expect_text("analyze", text)
    expect_config("analyze", config)
    cfg = load_config(config)
    check_size(text, cfg)
    reasons: list[str] = []
    if cfg.profile == "auto":
        from .profile_detect import detect_profile

        detected, reasons = detect_profile(text)
        cfg = cfg.for_profile(detected)
    doc = Document(text, converted_from=converted_from)
    findings: list[Finding] = []
    summaries: dict[str, BaseModel] = {}
    measures: dict[str, float] = {}
    options = {spec.name: cfg.options_for(spec.name) for spec in ANALYZERS}
    for i, spec in enumerate(ANALYZERS):
        if spec.name != "text":
            if not cfg.enabled(spec.name):
                continue
            if getattr(summaries["text"], "problems", None):
                break  # text that cannot be read as Vietnamese: every other figure would be noise
        if progress is not None:
            progress(spec.name, i, len(ANALYZERS))
        summary = spec.run(_context(spec.name, doc, cfg, options, summaries, measures, findings))
        if summary is None:
            continue
        summaries[spec.name] = summary
        if spec.measures is not None:
            words = doc.word_count
            for name, value in spec.measures(summary, words).items():
                measures[name] = measures.get(name, 0.0) + value
    return Report(
        profile=cfg.profile,
        profile_reasons=reasons,
        sentences=doc.sentence_models(),
        findings=sorted(findings, key=lambda f: (f.start, f.end, f.rule)),
        **summaries,
    )


def run_analyzer(
    name: str, text: str, *, config: Config | dict[str, Any] | None = None
) -> tuple[BaseModel | None, list[Finding]]:
    """Run one analyzer alone on `text`: its summary and its findings (for tests and tools; the others do
    not run, so an analyzer that reads their summaries gets none)."""
    if name not in BY_NAME:
        raise KeyError(f"unknown analyzer {name!r}")
    cfg = load_config(config)
    if cfg.profile == "auto":
        from .profile_detect import detect_profile

        cfg = cfg.for_profile(detect_profile(text)[0])
    doc = Document(text)
    options = {spec.name: cfg.options_for(spec.name) for spec in ANALYZERS}
    findings: list[Finding] = []
    summary = BY_NAME[name].run(_context(name, doc, cfg, options, {}, {}, findings))
    return summary, findings


def _context(
    name: str,
    doc: Document,
    cfg: Config,
    options: dict[str, Any],
    summaries: dict[str, BaseModel],
    measures: dict[str, float],
    findings: list[Finding],
) -> Context:
    spec = BY_NAME[name]
    return Context(
        doc=doc,
        options=options[name],
        profile=cfg.profile,
        rules={r.id: r for r in spec.rules},
        levels={r.id: cfg.level(r.id) for r in spec.rules},
        analyzer_options=options,
        summaries=summaries,
        measures=measures,
        findings=findings,
    )
