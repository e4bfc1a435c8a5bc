"""One phrase-matching pass per document for the lexicons of every analyzer (jargon, glossary, terminology).

Each analyzer module names its lexicon here when it is imported (`share`), with the function that builds it
from the options of the run, and reads its matches with `matches`: the first reader runs one `PhraseSet`
pass over the document for every shared lexicon (their tries walked together), and the others read what it
found. Each lexicon gets exactly the matches of its own `PhraseMatcher.find`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..errors import ConfigError
from ..phrases import Match, PhraseMatcher, PhraseSet
from .base import Context

Build = Callable[[Mapping[str, Any]], PhraseMatcher[Any]]
_SHARED: dict[str, Build] = {}


def share(name: str, build: Build) -> None:
    """Match the lexicon `name` in the shared pass; `build(options)` makes its matcher from every analyzer's
    options (`Context.analyzer_options`) and is cached by the caller, so one configuration gives one
    matcher."""
    _SHARED[name] = build


@lru_cache(maxsize=8)
def _phrase_set(matchers: tuple[PhraseMatcher[Any], ...]) -> PhraseSet:
    return PhraseSet(matchers)


def matches(ctx: Context, name: str) -> Sequence[Sequence[Match[Any]]]:
    """Per unit, the matches of the shared lexicon `name`: `matcher.find(doc, unit)` for each unit."""
    matchers: list[PhraseMatcher[Any]] = []
    index = -1
    for shared, build in _SHARED.items():
        try:
            matcher = build(ctx.analyzer_options)
        except (ConfigError, KeyError):
            if shared == name:
                raise
            continue  # another analyzer's broken file or missing options: that analyzer says so when it runs
        if shared == name:
            index = len(matchers)
        matchers.append(matcher)
    if index < 0:
        raise KeyError(f"no shared lexicon {name!r}")
    return _phrase_set(tuple(matchers)).matches(ctx.doc)[index]

