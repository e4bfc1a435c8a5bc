"""Sentence splits as suggestions, at the split point `sentence_length` computes, with the second sentence's
subject repeated when the second clause has none.

At the point:
- "; x" → ". X", only in a sentence with this one semicolon and no colon before it (more make a list);
- ", nhưng" / "nhưng" / ", tuy nhiên" → ". Tuy nhiên, …"; ", đồng thời" / "đồng thời" → ". Đồng thời, …";
  ", sau đó" / "sau đó" → ". Sau đó, …"; ", trong đó" / "trong đó" → ". Trong đó, …".
The second half must be a clause: a noun phrase and its verb, or a predicate whose subject was elided. A
predicate opens with a modal or duty word ("…; phải nộp lệ phí") or, after a connector, with a verb ("…,
đồng thời thông báo …"); its subject is the first clause's and is repeated ("Người dân nộp hồ sơ …; phải
nộp lệ phí" → "… . Người dân phải nộp lệ phí"), only when the first clause opens with a plain noun phrase
whose verb is certain (`_first_subject`). No fix at "và" (it joins two nouns as often as two clauses), at a
subordinate opener (", nếu", ", khi", ", để"), before a list, when the sentence opens with a condition or a
time frame that holds for both halves ("Trường hợp … thì A; B", "Trước 60 ngày …, A; B", any "thì"), when
the first half is a definition ("X là việc A nhưng B"), or when the opening of the second half cannot be
read.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .document import Document, Token, Tokens, Unit
from .models import Fix
from .passive_rewrite import ADVERBIAL, NOT_SUBJECT, lower_subject, noun_phrase, word_key
from .passive_rules import is_animate_noun, tag_words
from .vocab import fold

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .analyzers.base import Context

__all__ = ["SplitSite", "site_words", "split_fix", "split_rewrite", "split_site", "tagged_split_fix"]

# The connector at the split point and the opener of the second sentence ("" : none, the next word opens it).
_OPENERS = {
    "nhưng": "Tuy nhiên, ",
    "tuy nhiên": "Tuy nhiên, ",
    "đồng thời": "Đồng thời, ",
    "sau đó": "Sau đó, ",
    "trong đó": "Trong đó, ",
}
# Words that open a predicate with no subject before it: modals and duties ("…; phải nộp lệ phí"). A bare
# verb after ";" is not enough: in legal text it usually continues a list of objects ("quy định A; B").
_PREDICATE_OPENERS = frozenset(
    fold(w)
    for w in (
        "phải", "cần", "không được", "có trách nhiệm", "chịu trách nhiệm", "có quyền", "có nghĩa vụ",
        "không phải", "chưa được", "được quyền",
    )
)  # fmt: skip
# Verbs that take another verb as their complement: "Ủy ban nhân dân xã tổ chức tiếp nhận …" ends the subject
# at "tổ chức"; any other verb right before a verb may belong to a compound noun ("Hội đồng tuyển dụng
# thông báo …"), so the subject cannot be told.
_SERIAL_VERBS = frozenset(fold(w) for w in ("tổ chức", "chủ trì", "phối hợp", "tiếp tục", "trực tiếp"))
# Head nouns that rarely stand alone as a subject: "Người [có nhu cầu …]", "Cơ quan [tiếp nhận hồ sơ]".
_BARE_HEADS = frozenset(
    fold(w)
    for w in (
        "người",
        "cơ quan",
        "tổ chức",
        "cá nhân",
        "đơn vị",
        "bên",
        "hộ",
        "nơi",
        "những người",
        "hội đồng",
        "ban",
        "tổ",
        "đoàn",
        "ủy ban",
        "uỷ ban",
        "viên chức",
        "công chức",
        "cán bộ",
        "quỹ",
        "trung tâm",
    )
)
_SUBJECT_TAGS = frozenset({"N", "Np", "Nc", "P", "M"})
_SKIP_START = frozenset({"(", "“", '"', "-", "+", "*"})


def _first_subject(words: Sequence[Token], tags: list[str], first: int, upto: int) -> tuple[int, int] | None:
    """The first clause's subject: a plain noun phrase (up to 8 words, no comma) from `first` to the first
    verb, when that verb is surely the predicate: not followed by another verb (unless a verb that takes one) or by a
    subordinator, and the phrase is not a bare head that usually takes a modifier ("Hội đồng [quản lý quỹ]
    ban hành …", "Viên chức [quản lý] …", "Người [có nhu cầu] …"). The phrase must not open with a subordinator or an
    adverbial ("Trường hợp …", "Chậm nhất 15 ngày …")."""
    head = fold(" ".join(w.text for w in words[first : first + 3])) + " "
    if any(head.startswith(w + " ") for w in NOT_SUBJECT | ADVERBIAL):
        return None
    k = first
    while k < upto and (
        tags[k] != "V" or (is_animate_noun(words[k].text) and k + 1 < upto and tags[k + 1] != "V")
    ):
        if words[k].text in (",", ";", ":", "(") or word_key(words, k) in _PREDICATE_OPENERS:
            return None
        k += 1
    if k == first or k + 1 >= upto or not noun_phrase(words, tags, first, k, limit=8):
        return None
    if k == first + 1 and word_key(words, first) in _BARE_HEADS:
        return None  # "Người có nhu cầu … nộp …": the subject may run on through a modifier
    after = word_key(words, k + 1)
    if word_key(words, k) == "có" or after in ("sau khi", "khi", "trước khi", "nếu", "mà", "là"):
        return None
    if tags[k + 1] == "V" and word_key(words, k) not in _SERIAL_VERBS:
        return None
    return first, k


def _clause_at(words: Sequence[Token], tags: list[str], i: int) -> bool:
    """Does a clause with its own subject start at word i: a noun phrase, then its verb within five words
    with only noun-phrase words between ("; hồ sơ được trả …", not "; giấy khai sinh;")?"""
    if word_key(words, i) in NOT_SUBJECT or not (tags[i] in _SUBJECT_TAGS or is_animate_noun(words[i].text)):
        return False
    for k in range(i + 1, min(len(words), i + 6)):
        if tags[k] == "V" or word_key(words, k) in _PREDICATE_OPENERS:
            return True
        if tags[k] not in ("N", "Np", "Nc", "Nu", "M", "L", "A", "P") and not words[k].text[:1].isupper():
            return False
    return False


_SUBORDINATE_OPENERS = frozenset(
    fold(w)
    for w in ("trường hợp", "trong trường hợp", "nếu", "khi", "sau khi", "trước khi", "để", "mặc dù", "tuy")
)


# `fold` of the few characters after and before a split point (at most 9): the same pieces come back at every
# "và" of every document, and fold is a pure function.
_fold_short = lru_cache(maxsize=4096)(fold)


@lru_cache(maxsize=8192)
def _text_key(text: str) -> str:
    """`word_key` of a word with this text (cached: the same words come back in every unit)."""
    return fold(" ".join(text.split()))


class SplitSite(NamedTuple):
    """What a split point gives before any tagging: the unit's words, the connector and where the second
    sentence starts."""

    words: Tokens
    at: int
    connector: str
    opener: str
    nxt: int
    second: int


def split_site(doc: Document, unit: Unit, at: int) -> SplitSite | None:
    """The connector at `at` and the second sentence's first word, or None when no safe split can be written
    (decided without POS tags)."""
    text = doc.text
    if not len(doc.words[unit.index]):
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
        if _fold_short(text[k : k + len(word)]) == word and (
            k + len(word) >= unit.end or not text[k + len(word)].isalnum()
        ):
            connector, opener = word, open_with
            break
    unit_text = text[unit.start : unit.end]
    if punct == ";" and not connector:
        # "; x": only in a sentence with this one semicolon and no colon before it; several semicolons or a
        # colon make a list, whose items are no sentences ("Hồ sơ gồm: đơn; giấy khai sinh; …")
        if unit_text.count(";") != 1 or ":" in text[unit.start : at]:
            return None
    elif not connector:
        return None  # "và" (two nouns as often as two clauses), ", nếu", ", để", a colon before a list
    if _fold_short(text[max(unit.start, at - 6) : at]).endswith(("nhưng", "và", "hoặc", "mà")):
        return None  # "… nhưng sau đó …": the connector is inside a clause that started before it
    nxt = k + len(connector)
    while nxt < unit.end and (text[nxt].isspace() or (connector and text[nxt] == ",")):
        nxt += 1
    if nxt >= unit.end or not text[nxt].isalpha():
        return None
    words = doc.words[unit.index]
    starts = words.starts()
    second = bisect_left(starts, nxt)  # the first word starting at or after nxt
    if second == len(starts) or starts[second] != nxt:
        return None
    return SplitSite(words, at, connector, opener, nxt, second)


def site_words(site: SplitSite) -> list[str]:
    """The words `_rewrite` needs POS tags of (the whole unit)."""
    return [" ".join(w.split()) for w in site.words.texts()]


_Rewrite = tuple[int, int, list[tuple[str, tuple[int, int] | None]]]


def _rewrite(unit: Unit, site: SplitSite, tags: list[str]) -> _Rewrite | None:
    """`split_rewrite` once the unit's words are tagged."""
    words, at, connector, opener, nxt, second = site  # a `Token` is made only for a word read as one
    texts, starts = words.texts(), words.starts()  # the words are in order: their starts increase
    first = bisect_left(starts, unit.label_end)  # the first word starting at or after the label's end
    while first < len(texts) and texts[first] in _SKIP_START:
        first += 1
    upto = bisect_left(starts, at)
    keys = [_text_key(t) for t in texts]  # `word_key` of every word
    head = fold(" ".join(texts[first : first + 3])) + " "
    if any(head.startswith(w + " ") for w in _SUBORDINATE_OPENERS | ADVERBIAL) or "thì" in keys[first:]:
        # "Trường hợp … thì A; B", "Trước 60 ngày …, A; B", "Căn cứ …; …": the condition or the time frame
        # holds for both halves (or the first half is no sentence at all); splitting would change the law
        return None
    if "là" in keys[first:upto] or "là việc" in keys[first:upto]:
        return None  # "X là việc A nhưng B": the second half belongs to the definition
    key = keys[second]
    # a modal opens a predicate; after a connector ("đồng thời", "nhưng", "sau đó") a bare verb does too
    # (after a bare ";" it usually goes on with a list: "quy định A; B")
    verb = tags[second] == "V" and not is_animate_noun(texts[second])
    elided = key in _PREDICATE_OPENERS or (connector not in ("", "trong đó") and verb)
    if not elided and not _clause_at(words, tags, second):
        return None  # the second half is no clause of its own (a list goes on, or it cannot be read)
    pieces: list[tuple[str, tuple[int, int] | None]] = [(". " + opener, None)]
    if elided:
        subject = _first_subject(words, tags, first, upto)
        if subject is None:
            return None
        s0, s1 = subject
        lower = bool(opener) and lower_subject(words, tags, s0, s1, True)
        pieces.append(("lower" if lower else "upper", (words.span(s0)[0], words.span(s1 - 1)[1])))
        pieces.append((" ", None))
        return at, nxt, pieces
    # the next word opens the sentence (no opener): its first letter becomes a capital
    if opener:
        return at, nxt, pieces
    pieces.append(("upper", (nxt, nxt + 1)))
    return at, nxt + 1, pieces


def split_rewrite(doc: Document, unit: Unit, at: int) -> _Rewrite | None:
    """(start, end, pieces) of the split at working-copy offset `at`: replace [start, end) by the pieces,
    each literal text or a working-copy span to copy (the repeated subject, with a flag in the text: "lower"
    or "upper" for its first letter). None when no safe split can be written."""
    site = split_site(doc, unit, at)
    if site is None:
        return None
    return _rewrite(unit, site, tag_words(site_words(site)))


def _fix(ctx: Context, found: _Rewrite | None) -> list[Fix]:
    """A found split as a suggestion (`safe=False`), or no fix."""
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


def split_fix(ctx: Context, unit: Unit, at: int | None) -> list[Fix]:
    """The split at `at` as a suggestion (`safe=False`) for a `sentence_length` finding, or no fix."""
    return _fix(ctx, split_rewrite(ctx.doc, unit, at)) if at is not None else []


def tagged_split_fix(ctx: Context, unit: Unit, site: SplitSite, tags: list[str]) -> list[Fix]:
    """`split_fix` at a site from `split_site`, given the POS tags of `site_words(site)` (so that the caller
    can tag them together with other words)."""
    return _fix(ctx, _rewrite(unit, site, tags))
