"""Passive-to-active rewrites of a long passive whose agent is in the sentence, as suggestions.

"Hồ sơ đã được Ủy ban nhân dân xã tiếp nhận trong ngày." → "Ủy ban nhân dân xã đã tiếp nhận hồ sơ trong
ngày."; "Giấy phép được cấp bởi Sở Xây dựng." → "Sở Xây dựng cấp giấy phép."; "được do … V" likewise.

A rewrite is offered only for the plain clause shape where moving three pieces cannot go wrong:
- the subject is a short noun phrase (up to 8 words, no verb of its own, no comma) that opens the sentence
  (after a list label), or opens the main clause after a leading adverbial ("Theo quy định, …", "Sau khi
  nhận đủ hồ sơ, …");
- between subject and marker only aspect, negation and modal words ("đã", "sẽ", "chưa", "phải" …), which
  move with the verb;
- the agent is a noun phrase of up to 10 words; the verb is one word, or two joined by "và"/"hoặc";
- after the verb (or after the agent, for "bởi") the clause ends, or goes on with a preposition or a time
  phrase ("trong ngày", "tại bộ phận một cửa", "cho người dân"). A noun right after the verb (a second
  object: "được Ủy ban cấp giấy chứng nhận"), a comma, or anything else: no rewrite.
The subject loses its capital when it moves inside the sentence unless it is a name (tagged as one, in
capitals, or a body: "Ủy ban nhân dân …"); the agent gains one when it opens the sentence. When unsure,
nothing is offered: a wrong active is worse than a passive.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import Document, Token
from .models import Fix
from .passive_rules import MarkerUse, is_animate_noun, tag_words
from .vocab import fold

if TYPE_CHECKING:
    from .analyzers.base import Context

__all__ = ["ActiveRewrite", "active_fixes", "active_rewrite", "needs_tags"]

# Words between the subject and the marker that move with the verb: aspect, negation, modals, adverbs.
_AUX = frozenset(
    fold(w)
    for w in (
        "đã", "sẽ", "đang", "vừa", "mới", "cũng", "đều", "vẫn", "còn", "thường", "luôn", "không", "chưa",
        "chẳng", "phải", "cần", "cần phải", "có thể", "sẽ phải", "đã từng", "từng", "hãy", "nên", "chỉ",
    )
)  # fmt: skip
# Words that open a subordinate clause or a topic, not a subject: "Trường hợp hồ sơ được …".
NOT_SUBJECT = frozenset(
    fold(w)
    for w in (
        "trường hợp", "nếu", "khi", "lúc", "sau khi", "trước khi", "mà", "để", "vì", "do", "bởi",
        "tuy", "dù", "mọi", "những gì", "điều", "việc", "các trường hợp", "nơi", "thời điểm", "thời gian",
    )
)  # fmt: skip
# Words that open a leading adverbial ("Theo quy định, …"), after which the main clause starts.
ADVERBIAL = frozenset(
    fold(w)
    for w in (
        "theo", "trong", "sau", "sau khi", "trước", "trước khi", "tại", "từ", "kể từ", "hằng", "hàng",
        "vào", "căn cứ", "đến", "chậm nhất", "ngày", "năm", "tháng", "hiện nay", "hiện tại",
    )
)  # fmt: skip
# What may follow the verb: the end of the clause, or a preposition or time phrase.
_AFTER = frozenset(
    fold(w)
    for w in (
        "cho", "tại", "trong", "theo", "với", "từ", "đến", "tới", "vào", "qua", "trước", "sau",
        "kể từ", "chậm nhất", "ngay", "khi", "lên", "xuống", "ra", "lại", "đúng", "kịp thời", "bằng",
    )
)  # fmt: skip
# Subordinators after the verb: what follows is a clause of its own.
_SUBORDINATE = frozenset(fold(w) for w in ("khi", "nếu", "sau khi", "trước khi", "trừ khi", "để", "thì"))
# Words that head a predicate: after the passive's verb they show it was a relative clause.
_PREDICATE = frozenset(
    fold(w)
    for w in (
        "có", "là", "phải", "cần", "được", "bị", "sẽ", "đã", "không", "chưa", "gồm", "bao gồm", "chịu",
        "trở thành", "có hiệu lực", "hết hiệu lực", "thuộc", "do",
    )
)  # fmt: skip
_ENDS = frozenset({".", ";", "!", "?", "…"})
_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "M", "L", "A", "P"})
_BODY_HEADS = ("ủy ban", "uỷ ban", "bộ", "sở", "ban", "hội đồng", "tòa án", "viện", "quốc hội", "chính phủ")


@dataclass(frozen=True, slots=True)
class ActiveRewrite:
    """Replace the working-copy span [start, end) by `build(original)` (so the caller's spelling is kept)."""

    start: int
    end: int
    agent: tuple[int, int]
    aux: tuple[int, int] | None
    verb: tuple[int, int]
    subject: tuple[int, int]
    capitalise_agent: bool
    lower_subject: bool

    def build(self, original: Callable[[int, int], str]) -> str:
        """The active clause: agent, aux, verb, subject, read through `original` (working-copy spans)."""
        agent = original(*self.agent)
        if self.capitalise_agent:
            agent = agent[:1].upper() + agent[1:]
        subject = original(*self.subject)
        if self.lower_subject:
            subject = subject[:1].lower() + subject[1:]
        parts = [agent, original(*self.aux) if self.aux else "", original(*self.verb), subject]
        return " ".join(p for p in parts if p)


def word_key(words: Sequence[Token], i: int) -> str:
    return fold(" ".join(words[i].text.split()))


def _nominal(words: Sequence[Token], tags: Sequence[str], i: int, lo: int) -> bool:
    """A noun-phrase word: by its tag, as a person or body, or as a capitalised word inside the phrase (a
    name; the phrase's own first word may be capitalised only because it opens the sentence)."""
    text = words[i].text
    return tags[i] in _NOUN_TAGS or is_animate_noun(text) or (i > lo and text[:1].isupper())


def noun_phrase(words: Sequence[Token], tags: Sequence[str], lo: int, hi: int, *, limit: int) -> bool:
    """Is words[lo:hi] a plain noun phrase: nouns, numbers, adjectives, "của"/"và" inside, no comma?"""
    if not 0 < hi - lo <= limit:
        return False
    for k in range(lo, hi):
        key = word_key(words, k)
        if key in ("của", "và", "hoặc") and lo < k < hi - 1:
            continue
        if key in ("có thẩm quyền", "có", "thẩm quyền") and k > lo:
            continue
        if not _nominal(words, tags, k, lo):
            return False
    return True


def _clause_start(
    words: Sequence[Token], tags: Sequence[str], first: int, marker: int
) -> tuple[int, bool] | None:
    """Where the subject starts and whether it opens the sentence: the first word, or the word after the
    comma that closes a leading adverbial ("Theo quy định, hồ sơ …")."""
    commas = [k for k in range(first, marker) if words[k].text == ","]
    if not commas:
        return first, True
    if len(commas) == 1 and word_key(words, first) in ADVERBIAL:
        return commas[0] + 1, False
    if (
        len(commas) == 1
        and first + 1 < marker
        and fold(words[first].text + " " + words[first + 1].text) in ADVERBIAL
    ):
        return commas[0] + 1, False
    return None


def _rest_ok(words: Sequence[Token], k: int) -> bool:
    """May the clause go on at word k without blocking the object's move (end, preposition, time phrase),
    and with no predicate of its own further on ("Nghị quyết được … thông qua về … | có hiệu lực …": the
    passive was a relative clause)?"""
    if k >= len(words) or words[k].text in _ENDS:
        return True
    key = word_key(words, k)
    if key == "cho" and k + 1 < len(words) and word_key(words, k + 1) in ("vay", "phép", "biết", "thôi"):
        return False  # "cho vay", "cho phép": a verb, not the preposition
    if key in _SUBORDINATE:
        return True  # "… khi có ít nhất 75% …": a clause of its own follows
    if key not in _AFTER:
        return False
    for j in range(k + 1, len(words)):
        if words[j].text in _ENDS or words[j].text == ",":
            return True
        if word_key(words, j) in _PREDICATE or word_key(words, j) in _SUBORDINATE:
            return False
    return True


def lower_subject(words: Sequence[Token], tags: Sequence[str], lo: int, hi: int, opens: bool) -> bool:
    """Should the subject's first letter become lower case (it opened the sentence and is not a name)?"""
    if not opens:
        return False
    text = words[lo].text
    if not text[:1].isupper() or tags[lo] == "Np" or (text.isupper() and len(text) > 1):
        return False
    if lo + 1 < hi and words[lo + 1].text[:1].isupper():
        return False  # "Bộ Tài chính", "Sở Xây dựng": a name
    return not fold(" ".join(w.text for w in words[lo:hi])).startswith(_BODY_HEADS)


def needs_tags(words: Sequence[Token], use: MarkerUse) -> bool:
    """Could `use` have a rewrite, that is, does `active_rewrite` need the unit's POS tags for it? (The
    tests that come before the tags, so that a caller can tag every such unit in one batch.)"""
    if use.label != "passive_long" or use.agent is None or use.verb is None or use.role_noun or use.formula:
        return False
    return bool(words) and 0 <= use.marker < use.verb < len(words)


def active_rewrite(
    doc: Document, words: Sequence[Token], use: MarkerUse, tags: Sequence[str] | None = None
) -> ActiveRewrite | None:
    """The active form of the long passive `use` in the unit whose words are `words`, or None when the
    clause does not have the plain shape described in the module docstring. `tags` are the unit's POS tags
    (`tag_words` of its words) when the caller has them."""
    if not needs_tags(words, use):
        return None
    assert use.agent is not None and use.verb is not None  # checked by needs_tags
    i, v = use.marker, use.verb
    a0, a1 = use.agent
    units = doc.units
    unit = units[bisect_right(doc.unit_starts, words[0].start) - 1]
    first = next((k for k, w in enumerate(words) if w.start >= unit.label_end), len(words))
    while first < i and not words[first].text[:1].isalnum():
        first += 1
    if tags is None:
        tags = tag_words([" ".join(w.text.split()) for w in words])
    # the shape: "được AGENT V" (also "được do AGENT V") or "được V bởi AGENT"
    if a0 > i and a1 == v:
        if a0 != i + 1 and not (a0 == i + 2 and word_key(words, i + 1) == "do"):
            return None
        verb_end = v + 1
        if (
            verb_end + 1 < len(words)
            and word_key(words, verb_end) in ("và", "hoặc")
            and tags[verb_end + 1] == "V"
        ):
            verb_end += 2  # "tiếp nhận và giải quyết"
        end_word, rest = verb_end - 1, verb_end
    elif (
        a0 > v and v == i + 1 and a0 == use.end + 1 and word_key(words, use.end) == "bởi" and use.end == v + 1
    ):
        verb_end = v + 1
        while a1 < len(words) and words[a1].text[:1].isupper() and words[a1 - 1].text[:1].isupper():
            a1 += 1  # the rest of a name the agent phrase stopped inside: "bởi Sở Xây dựng"
        end_word, rest = a1 - 1, a1
    else:
        return None
    if not _rest_ok(words, rest) or not noun_phrase(words, tags, a0, a1, limit=10):
        return None
    if any(words[k].text in (",", "(", ")", "“", "”", '"') for k in range(a0, a1)):
        return None
    # aux words before the marker, then the subject
    x = i
    while x > 0 and word_key(words, x - 1) in _AUX:
        x -= 1
    place = _clause_start(words, tags, first, x)
    if place is None:
        return None
    s0, opens = place
    if s0 >= x or word_key(words, s0) in NOT_SUBJECT or not noun_phrase(words, tags, s0, x, limit=8):
        return None
    start, end = words[s0].start, words[end_word].end
    return ActiveRewrite(
        start=start,
        end=end,
        agent=(words[a0].start, words[a1 - 1].end),
        aux=(words[x].start, words[i - 1].end) if x < i else None,
        verb=(words[v].start, words[verb_end - 1].end),
        subject=(words[s0].start, words[x - 1].end),
        capitalise_agent=opens,
        lower_subject=lower_subject(words, tags, s0, x, opens),
    )


def active_fixes(
    ctx: Context, words: Sequence[Token], use: MarkerUse, tags: Sequence[str] | None = None
) -> list[Fix]:
    """The rewrite as a suggestion (`safe=False`) for a finding, or no fix (`tags`: as for `active_rewrite`)."""
    rewrite = active_rewrite(ctx.doc, words, use, tags)
    if rewrite is None:
        return []
    replacement = rewrite.build(ctx.original)
    return [
        ctx.fix(rewrite.start, rewrite.end, replacement, safe=False, description="Viết lại ở thể chủ động")
    ]
