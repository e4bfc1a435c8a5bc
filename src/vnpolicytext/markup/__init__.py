"""HTML and Markdown input: extract the prose with an exact map back to the source, analyze, remap.

`analyze` runs on the extracted prose (`offsets.Extracted`); every sentence and finding is then moved back
(`remap`), so ``source[f.start:f.end]`` is the flagged passage of the caller's markup (tags inside it
included) and ``line``/``column`` count the source's lines. Suppression comments are honoured.

- `offsets`: the builder that maps each extracted character to its source span;
- `html`, `markdown`: the two extractors;
- `remap`: moving a report back onto the source, by typed offset fields.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..api import analyze
from ..config import Config, load_config
from ..errors import InputError
from ..guards import expect_config, expect_text, expect_type
from ..lazy import lazy_names
from ..limits import check_size
from ..report import Report
from .offsets import Extracted
from .remap import remap  # eager: a lazy `remap` would be shadowed by the submodule of that name

if TYPE_CHECKING:
    from .html import extract_html
    from .markdown import extract_markdown

# The parsers are imported when markup is analyzed: plain text needs neither.
_LAZY = {"extract_html": "html", "extract_markdown": "markdown"}

InputFormat = Literal["text", "markdown", "html"]
INPUT_FORMATS: tuple[str, ...] = ("text", "markdown", "html")

__all__ = [
    "INPUT_FORMATS",
    "Extracted",
    "InputFormat",
    "analyze_markup",
    "extract",
    "extract_html",
    "extract_markdown",
    "format_for_path",
    "remap",
]

_EXTENSIONS: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


__getattr__ = lazy_names(__name__, _LAZY, globals())


def format_for_path(path: str | Path, default: InputFormat = "text") -> InputFormat:
    """The input format a file's extension implies (.md/.markdown, .html/.htm, else `default`)."""
    return _EXTENSIONS.get(Path(path).suffix.lower(), default)


def extract(source: str, input_format: InputFormat) -> Extracted:
    """The prose of `source` in the given markup format."""
    if input_format == "html":
        from .html import extract_html

        return extract_html(source)
    if input_format == "markdown":
        from .markdown import extract_markdown

        return extract_markdown(source)
    n = len(source)
    return Extracted(source, source, list(range(n)), list(range(1, n + 1)))


def analyze_markup(
    source: str,
    input_format: InputFormat | str = "markdown",
    config: Config | dict[str, Any] | None = None,
    *,
    converted_from: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Analyze an HTML or Markdown source (or plain text); every offset indexes `source`.

    Suppression comments (``<!-- vnpolicytext-disable RULE -->`` …) are honoured in HTML and Markdown.
    """
    expect_text("analyze_markup", source, "source")
    expect_type("analyze_markup", "input_format", input_format, str, "str")
    expect_config("analyze_markup", config)
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of: {', '.join(INPUT_FORMATS)}")
    if input_format == "text":
        return analyze(source, config=config, converted_from=converted_from, progress=progress)
    from ..suppress import apply, regions

    fmt: InputFormat = input_format  # type: ignore[assignment]
    cfg = load_config(config)
    check_size(source, cfg)  # before parsing: the markup is never shorter than its text
    ex = extract(source, fmt)
    report = remap(analyze(ex.text, config=cfg, converted_from=converted_from, progress=progress), ex)
    silenced = regions(ex.directives, source)
    if silenced:
        report = report.model_copy(update={"findings": apply(report.findings, silenced)})
    return report
