"""Word segmentation with underthesea's bundled CRF model, one unit at a time.

`underthesea.word_tokenize` first re-normalises every token (NFC, a few character and spelling maps);
our working copy is already normalised, so we call the same tokenizer and model without that step,
which saves about a tenth of the time. If underthesea's internals ever move, the public
`word_tokenize` is used instead: same words, slightly slower.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

Segmenter = Callable[[str], list[str]]


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The word segmenter, built once per process."""
    from underthesea import word_tokenize

    try:
        import underthesea.pipeline.word_tokenize as wt
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

        word_tokenize("khởi tạo")  # loads the bundled model
        model: Any = wt.word_tokenize_model
        featurizer, estimator = model.featurizer, model.estimator
    except (ImportError, AttributeError):
        return word_tokenize

    def segment(text: str) -> list[str]:
        tokens: list[str] = tokenize(text, use_character_normalize=False, use_token_normalize=False)
        if not tokens:
            return []
        tags = estimator.tag(featurizer.process([[[t] for t in tokens]])[0])
        words: list[str] = []
        for i, (tag, token) in enumerate(zip(tags, tokens, strict=True)):
            if tag == "I-W" and i > 0:
                words[-1] += " " + token
            else:
                words.append(token)
        return words

    return segment
