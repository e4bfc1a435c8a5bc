"""The one call most users need: `analyze(text)`; plus `decode_bytes` for callers holding bytes."""

from __future__ import annotations

import codecs
from typing import Any

from .analyzers import ANALYZERS, RULES, Findings, text_check
from .clarity import clarity, level_of
from .config import Config, load_config
from .document import Document
from .errors import InputError
from .report import Report


def decode_bytes(data: bytes, *, source: str = "input") -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; raise InputError naming `source` otherwise."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_bytes() takes bytes, not {type(data).__name__}")
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


def analyze(text: str, *, config: Config | dict[str, Any] | None = None) -> Report:
    """Analyze a Vietnamese text and return its report; offsets index `text` exactly as given."""
    if not isinstance(text, str):
        hint = (
            " (decode it first with vnpolicytext.decode_bytes)" if isinstance(text, bytes | bytearray) else ""
        )
        raise TypeError(f"analyze() takes the text as str, not {type(text).__name__}{hint}")
    cfg = load_config(config)
    doc = Document(text, tokenize_words=False)
    findings = Findings(doc, cfg, RULES)
    text_summary = text_check.analyze(doc, cfg, findings)
    summaries: dict[str, Any] = {"text": text_summary}
    if not text_summary.problems:
        # On text without diacritics or in a legacy encoding every other figure would be noise, so the
        # words are only segmented (the expensive step) for text that can be analyzed.
        doc.segment_words()
        text_summary = summaries["text"] = text_summary.model_copy(update={"words": doc.word_count})
        for module in ANALYZERS:
            if module is not text_check and cfg.enabled(module.NAME):
                summaries[module.NAME] = module.analyze(doc, cfg, findings)
    if not text_summary.scorable:
        summaries["readability"] = None
    readability = summaries.get("readability")
    if readability is not None:
        score, components = clarity(_measures(summaries))
        level_id, level = level_of(score) if score is not None else (None, None)
        summaries["readability"] = readability.model_copy(
            update={
                "clarity_score": score,
                "clarity_components": components,
                "level": level,
                "level_id": level_id,
            }
        )
    del summaries["text"]
    return Report(
        profile=cfg.profile,
        text=text_summary,
        sentences=doc.sentence_models(),
        findings=sorted(findings.items, key=lambda f: (f.start, f.end, f.rule)),
        **summaries,
    )


def _measures(summaries: dict[str, Any]) -> dict[str, float]:
    """Raw measures of the clarity components, from whichever analyzers ran."""
    out: dict[str, float] = {}
    length = summaries.get("sentence_length")
    if length is not None and length.sentences:
        out["sentence_length"] = length.mean_syllables
    read = summaries.get("readability")
    if read is not None and read.difficult_share is not None:
        out["difficult_syllables"] = read.difficult_share
        if read.words:
            out["cross_references"] = read.cross_references_per_100_words
    jargon = summaries.get("jargon")
    if jargon is not None and jargon.words:
        out["jargon"] = jargon.density
    undefined = _undefined(summaries)
    if undefined is not None:
        out["undefined"] = undefined
    passive = summaries.get("passive")
    if passive is not None:
        out["passive"] = passive.agentless_per_sentence
    return out


def _undefined(summaries: dict[str, Any]) -> float | None:
    """Terms and abbreviations left unexplained, per 1,000 words."""
    text = summaries.get("text")
    words = text.words if text is not None else 0
    parts = [summaries.get("abbreviation"), summaries.get("glossary")]
    if not words or all(p is None for p in parts):
        return None
    count = 0
    abbreviation, glossary = parts
    if abbreviation is not None:
        count += abbreviation.undefined + abbreviation.used_before_definition
    if glossary is not None:
        count += glossary.undefined + glossary.used_before_definition
    return 1000 * count / words
