"""Analyzer 'enumeration': long chains of coordinated abstract qualities or actions.

"Triển khai khoa học, đồng bộ, nhất quán, bài bản, hiệu quả" promises five things and measures none. A
chain is a run of items joined by commas, "và" or "hoặc" in which every item is an abstract quality or
action of `data/enumeration_words.txt`; a chain longer than the profile's `max_items` is reported. The
limits were calibrated on the dev corpus by group (docs/method.md, "Drafting checks"); the rule is off in
the legal profile, where lists of principles and duties are deliberate. One pass per unit.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import ConfigDict, Field

from ..document import Document, PhraseView, Unit
from ..lexicon import shipped_text, word_list
from ..models import Model
from ..registry import Analyzer, Rule
from ..vocab import fold
from .base import Context
from .nominalisation import _first_syllables

RULES = (
    Rule(
        "enumeration.long_chain",
        "warning",
        "A chain of coordinated abstract qualities or actions longer than the profile's limit.",
        "Chuỗi {count} từ trừu tượng liền nhau «{chain}»; người đọc không nhớ và không kiểm chứng được.",
        "Công tác này cần làm khoa học, đồng bộ, nhất quán, bài bản, hiệu quả. → Việc này cần làm đồng bộ và "
        "đúng hạn (nêu rõ hạn).",
        why="Chuỗi tính từ, động từ trừu tượng là khẩu hiệu: không nói phải làm gì, đến bao giờ, đo bằng gì. "
        "Giữ hai từ mang nghĩa, thay phần còn lại bằng việc cụ thể.",
        source="Khoản 1 Điều 69 Nghị định 34/2016/NĐ-CP (ngắn gọn, chính xác); docs/method.md («Drafting checks»).",
        # off in legal text: a law lists principles and duties on purpose, each one binding (every legal
        # chain judged by hand was one, docs/method.md "Drafting checks")
        levels={"legal": "off"},
    ),
)


class EnumerationOptions(Model):
    """Options of analyzer 'enumeration'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_items: int = Field(ge=2, description="A chain with more items than this is reported.")


# Calibrated in docs/method.md ("Drafting checks").
PROFILE_OPTIONS = {"citizen": {"max_items": 3}, "news": {"max_items": 3}, "legal": {"max_items": 5}}


class EnumerationSummary(Model):
    """Chains of coordinated abstract words."""

    chains: int = Field(description="Chains of two or more listed items.")
    long_chains: int = Field(description="Chains longer than max_items (reported).")
    longest: int = Field(description="Items in the longest chain (0 without any chain).")
    max_items: int = Field(description="Limit in force.")


@lru_cache(maxsize=1)
def abstract_words() -> frozenset[str]:
    """Folded entries of the shipped list."""
    return frozenset(fold(w) for w in word_list(shipped_text("enumeration_words.txt")))


_JOINS = frozenset({"và", "hoặc", "cũng như"})


def _item_end(view: PhraseView, i: int, words: frozenset[str], firsts: frozenset[str]) -> int:
    """The end of the longest listed word starting at syllable i (up to three syllables joined by spaces, a
    whole word where the segmenter is trusted), or i: `nominalisation._phrase_at` on a view read once."""
    keys, gaps = view.keys, view.gaps
    if i >= len(keys) or keys[i] not in firsts:
        return i
    for size in (3, 2, 1):
        j = i + size
        if j > len(keys) or gaps[i : j - 1] != " " * (size - 1) or " ".join(keys[i:j]) not in words:
            continue
        if view.opens is None or view.closes is None or (view.opens[i] and view.closes[j - 1]):
            return j
    return i


def chains_in_unit(doc: Document, unit: Unit) -> list[list[tuple[int, int]]]:
    """Runs of two or more listed items joined by ',' / 'và' / 'hoặc' (syllable ranges), left to right."""
    view = doc.phrase_views[unit.index]
    keys = view.keys
    words = abstract_words()
    firsts = _first_syllables(words)
    out: list[list[tuple[int, int]]] = []
    n = len(keys)
    starts = ends = None
    after = 0  # where the last item found ends: the next item starts there or later
    for i in [i for i, key in enumerate(keys) if key in firsts]:  # where a listed word can start
        if i < after:
            continue
        j = _item_end(view, i, words, firsts)
        if j == i:
            continue
        if starts is None or ends is None:
            starts, ends = unit.syllables.starts(), unit.syllables.ends()
        chain = [(i, j)]
        while j < n:
            gap = doc.text[ends[j - 1] : starts[j]].strip()
            k = j
            if gap in ("", ",") and keys[k] in _JOINS and k + 1 < n:
                if doc.text[ends[k] : starts[k + 1]].strip():
                    break
                k += 1
            elif gap != ",":
                break
            end = _item_end(view, k, words, firsts)
            if end == k:
                break
            chain.append((k, end))
            j = end
        if len(chain) >= 2:
            out.append(chain)
        after = j
    return out


def analyze(ctx: Context) -> EnumerationSummary:
    """Find chains of abstract words; report those longer than the limit."""
    doc = ctx.doc
    options: EnumerationOptions = ctx.options
    count = long = longest = 0
    for unit in doc.units:
        for chain in chains_in_unit(doc, unit):
            count += 1
            longest = max(longest, len(chain))
            if len(chain) <= options.max_items:
                continue
            long += 1
            start, end = unit.syllables[chain[0][0]].start, unit.syllables[chain[-1][1] - 1].end
            items = [doc.text[unit.syllables[a].start : unit.syllables[b - 1].end] for a, b in chain]
            ctx.add(
                "enumeration.long_chain",
                start,
                end,
                suggestion="Giữ hai từ mang nghĩa nhất (ví dụ «"
                + " và ".join(items[:2])
                + "») và nói rõ việc cụ thể, thời hạn, kết quả cần đạt.",
                data={"items": items, "limit": options.max_items},
                count=len(chain),
                chain=doc.text[start:end],
            )
    return EnumerationSummary(chains=count, long_chains=long, longest=longest, max_items=options.max_items)


ANALYZER = Analyzer(
    name="enumeration",
    title="Chuỗi liệt kê trừu tượng",
    description="Long chains of coordinated abstract qualities or actions.",
    rules=RULES,
    summary=EnumerationSummary,
    run=analyze,
    options=EnumerationOptions,
    profile_options=PROFILE_OPTIONS,
    needs=frozenset({"words"}),
)
