"""Word segmentation with underthesea's bundled CRF model, one unit at a time, with exact spans.

`underthesea.word_tokenize` re-normalises every token (NFC, a few character and spelling maps) and
returns strings. Our working copy is already normalised, so we run the same token pattern and the same
model ourselves: the words are the ones underthesea finds, and each comes with its span, so nothing has
to be searched for again. If underthesea's internals ever move, the public `word_tokenize` is used and
its words are placed on the text by `align` (same words, slower).

By default the model is scored by `vnpolicytext.crf` (the same words, several times faster); set the
environment variable `VNPOLICYTEXT_SEGMENTER=underthesea` before the first call to run underthesea's own
featurizer and tagger instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

Span = tuple[int, int]
Segmenter = Callable[[str], list[Span]]
Bounds = Callable[[str], tuple[list[int], list[int]]]


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """A function from a unit's text to the spans of its words, built once per process."""
    if os.environ.get("VNPOLICYTEXT_SEGMENTER", "") != "underthesea":
        from . import crf

        try:
            crf.word_spans("khởi tạo")  # reads the model tables once
        except (crf.ModelUnavailable, OSError, ValueError):
            pass
        else:
            return crf.word_spans
    return underthesea_segmenter()


def bounds_segmenter() -> Bounds:
    """`segmenter()` as a function from a unit's text to the starts and the ends of its words (crf.py makes
    the two lists directly, without a tuple per word). Follows `segmenter()`, its cache cleared included."""
    return _bounds_of(segmenter())


@lru_cache(maxsize=2)
def _bounds_of(spans_of: Segmenter) -> Bounds:
    from . import crf

    if spans_of is crf.word_spans:
        return crf.word_bounds

    def bounds(text: str) -> tuple[list[int], list[int]]:
        spans = spans_of(text)
        return [s for s, _ in spans], [e for _, e in spans]

    return bounds


def underthesea_segmenter() -> Segmenter:
    """The same spans by underthesea's own featurizer and tagger (slower; the reference for crf.py)."""
    from underthesea import word_tokenize

    try:
        import underthesea.pipeline.word_tokenize as wt
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

        word_tokenize("khởi tạo")  # loads the bundled model
        model: Any = wt.word_tokenize_model
        featurizer, estimator = model.featurizer, model.estimator
        token_pattern: Any = patterns
    except (ImportError, AttributeError):
        return lambda text: align(text, word_tokenize(text))

    def segment(text: str) -> list[Span]:
        matches = list(token_pattern.finditer(text))
        if not matches:
            return []
        tags = estimator.tag(featurizer.process([[[m.group()] for m in matches]])[0])
        spans: list[Span] = []
        for i, (tag, m) in enumerate(zip(tags, matches, strict=True)):
            if tag == "I-W" and i > 0:
                spans[-1] = (spans[-1][0], m.end())
            else:
                spans.append(m.span())
        return spans

    return segment


def align(text: str, words: list[str]) -> list[Span]:
    """Place words (as underthesea's public API returns them) on `text`, piece by piece from a cursor.

    A word the tokenizer rewrote (a curly quote made straight) gets the next punctuation mark or run of
    letters, so every word keeps a place and no span overlaps.
    """
    spans: list[Span] = []
    cursor = 0
    n = len(text)
    for w in words:
        while cursor < n and text[cursor].isspace():
            cursor += 1
        if text.startswith(w, cursor):
            spans.append((cursor, cursor + len(w)))
            cursor += len(w)
            continue
        start = end = cursor
        for piece in w.split() or [w]:
            at = text.find(piece, end, end + len(piece) + 3)
            if at < 0:  # rewritten: take one punctuation mark, or one run of letters and digits
                if end < n and not text[end].isalnum():
                    end += 1
                else:
                    while end < n and text[end].isalnum():
                        end += 1
                continue
            end = at + len(piece)
        spans.append((start, end))
        cursor = end
    return spans
