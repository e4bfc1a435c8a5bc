"""Sentence splits as suggestions, at the split point `sentence_length` computes, with the second sentence's
subject repeated when the second clause has none.

At the point:
- "; x" → ". X";
- "… và <subject> <verb>" (a "và" joining two clauses) → ". <Subject> <verb>";
- ", nhưng" / "nhưng" / ", tuy nhiên" → ". Tuy nhiên, …"; ", đồng thời" / "đồng thời" → ". Đồng thời, …";
  ", sau đó" / "sau đó" → ". Sau đó, …"; ", trong đó" / "trong đó" → ". Trong đó, …".
When the second clause opens with a verb, a modal or an aspect word ("…; phải nộp lệ phí", "…, đồng thời
cung cấp …"), its subject was elided and is the first clause's: it is repeated ("Người dân nộp hồ sơ …;
phải nộp lệ phí" → "… . Người dân phải nộp lệ phí"), but only when the first clause opens with a plain
noun phrase subject (as `passive_rewrite` reads one). Subordinate openers (", nếu", ", khi", ", để",
", trừ trường hợp") and a colon before a list make no fix: the second half would not stand alone. When the
opening of the second clause cannot be read (neither a subject nor a verb), no fix either.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .document import Document, Token, Unit
from .lexicon import shipped_text, word_list
from .models import Fix
from .passive_rewrite import lower_subject, noun_phrase, word_key
from .passive_rules import is_animate_noun, tag_words
from .vocab import fold

if TYPE_CHECKING:
    from .analyzers.base import Context

__all__ = ["split_fix", "split_rewrite"]

# The connector at the split point and the opener of the second sentence ("" : none, the next word opens it).
_OPENERS = {
    "và": "",
    "nhưng": "Tuy nhiên, ",
    "tuy nhiên": "Tuy nhiên, ",
    "đồng thời": "Đồng thời, ",
    "sau đó": "Sau đó, ",
    "trong đó": "Trong đó, ",
}
# Words that open a predicate: the clause that starts with one has no subject of its own.
_PREDICATE_OPENERS = frozenset(
    fold(w)
    for w in (
        "phải", "cần", "được", "bị", "không", "chưa", "đã", "sẽ", "đang", "có thể", "có trách nhiệm",
        "chịu trách nhiệm", "cũng", "đều", "vẫn", "thì", "chỉ", "nên", "hãy",
    )
)  # fmt: skip
# Head nouns that rarely stand alone as a subject: "Người [có nhu cầu …]", "Cơ quan [tiếp nhận hồ sơ]".
_BARE_HEADS = frozenset(
    fold(w) for w in ("người", "cơ quan", "tổ chức", "cá nhân", "đơn vị", "bên", "hộ", "nơi", "những người")
)
_SUBJECT_TAGS = frozenset({"N", "Np", "Nc", "P", "M"})
_SKIP_START = frozenset({"(", "“", '"', "-", "+", "*"})


@lru_cache(maxsize=1)
def _action_verbs() -> frozenset[str]:
    """Action verbs (the nominalisation list): a noun-looking word of this list ends a subject
    ("Ủy ban nhân dân xã | tổ chức tiếp nhận …")."""
    return frozenset(fold(v) for v in word_list(shipped_text("nominalisation_verbs.txt")))


def _first_subject(words: list[Token], tags: list[str], first: int, upto: int) -> tuple[int, int] | None:
    """The first clause's subject: the plain noun phrase from `first` up to its first verb or modal."""
    k = first
    while (
        k < upto
        and (tags[k] != "V" or is_animate_noun(words[k].text))
        and word_key(words, k) not in _PREDICATE_OPENERS
        and not (k > first and word_key(words, k) in _action_verbs() and not words[k].text[:1].isupper())
    ):
        if words[k].text in (",", ";", ":"):
            return None
        k += 1
    if k == first or k >= upto or not noun_phrase(words, tags, first, k, limit=8):
        return None
    if word_key(words, k) == "có" or (k == first + 1 and word_key(words, first) in _BARE_HEADS):
        return None  # "Người có nhu cầu … nộp …": the subject runs on through a relative clause
    return first, k


def split_rewrite(
    doc: Document, unit: Unit, at: int
) -> tuple[int, int, list[tuple[str, tuple[int, int] | None]]] | None:
    """(start, end, pieces) of the split at working-copy offset `at`: replace [start, end) by the pieces,
    each literal text or a working-copy span to copy (the repeated subject, with a flag in the text: "lower"
    or "upper" for its first letter). None when no safe split can be written."""
    text = doc.text
    words = list(doc.words[unit.index])
    if not words:
        return None
    # the connector
    k = at
    punct = ""
    if text[k] in ";,":
        punct = text[k]
        k += 1
    while k < unit.end and text[k].isspace():
        k += 1
    opener = ""
    connector = ""
    for word, open_with in _OPENERS.items():
        if fold(text[k : k + len(word)]) == word and (
            k + len(word) >= unit.end or not text[k + len(word)].isalnum()
        ):
            connector, opener = word, open_with
            break
    if punct == ";" and not connector:
        pass  # "; x": the next word opens the sentence
    elif not connector or (connector == "và" and punct):
        return (
            None  # ", nếu", ", để", a colon before a list; ", và" (a list's last item) is not a clause join
        )
    nxt = k + len(connector)
    while nxt < unit.end and (text[nxt].isspace() or (connector and text[nxt] == ",")):
        nxt += 1
    if nxt >= unit.end or not text[nxt].isalpha():
        return None
    second = next((i for i, w in enumerate(words) if w.start >= nxt), None)
    if second is None or words[second].start != nxt:
        return None
    tags = tag_words([" ".join(w.text.split()) for w in words])
    key = word_key(words, second)
    elided = key in _PREDICATE_OPENERS or (tags[second] == "V" and not is_animate_noun(words[second].text))
    if not elided and tags[second] not in _SUBJECT_TAGS and not is_animate_noun(words[second].text):
        return None  # cannot tell whether the second clause has a subject
    if connector == "và" and elided:
        return None  # "… và phải …": a shared subject with two verbs, one sentence is right
    pieces: list[tuple[str, tuple[int, int] | None]] = [(". " + opener, None)]
    if elided:
        first = next((i for i, w in enumerate(words) if w.start >= unit.label_end), len(words))
        while first < len(words) and words[first].text in _SKIP_START:
            first += 1
        upto = next((i for i, w in enumerate(words) if w.start >= at), len(words))
        subject = _first_subject(words, tags, first, upto)
        if subject is None:
            return None
        s0, s1 = subject
        lower = bool(opener) and lower_subject(words, tags, s0, s1, True)
        pieces.append(("lower" if lower else "upper", (words[s0].start, words[s1 - 1].end)))
        pieces.append((" ", None))
        return at, nxt, pieces
    # the next word opens the sentence (no opener): its first letter becomes a capital
    if opener:
        return at, nxt, pieces
    pieces.append(("upper", (nxt, nxt + 1)))
    return at, nxt + 1, pieces


def split_fix(ctx: Context, unit: Unit, at: int | None) -> list[Fix]:
    """The split at `at` as a suggestion (`safe=False`) for a `sentence_length` finding, or no fix."""
    if at is None:
        return []
    found = split_rewrite(ctx.doc, unit, at)
    if found is None:
        return []
    start, end, pieces = found
    out = []
    for piece, span in pieces:
        if span is None:
            out.append(piece)
            continue
        copied = ctx.original(*span)
        out.append((copied[:1].lower() if piece == "lower" else copied[:1].upper()) + copied[1:])
    description = "Tách thành hai câu" + (" (nhắc lại chủ ngữ)" if len(pieces) > 2 else "")
    return [ctx.fix(start, end, "".join(out), safe=False, description=description)]
