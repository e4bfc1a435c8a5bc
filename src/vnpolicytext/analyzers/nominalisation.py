"""Analyzer 'nominalisation': "tiến hành", "thực hiện", "việc", "công tác", "sự" wrapping a verb that could
stand alone ("tiến hành kiểm tra" → "kiểm tra"), and stacks of them ("việc thực hiện công tác kiểm tra").

A nominaliser is reported only when an action verb of `data/nominalisation_verbs.txt` follows it directly,
so "tiến hành hội nghị", "đi công tác" and "việc làm" are left alone. Removing an empty verb ("tiến hành",
"thực hiện") is a safe fix; dropping "công tác" or "sự" turns a noun phrase into a verb, so it is a suggestion.
The summary gives the density of nominalisers per 100 words. One pass per unit, one look-up per syllable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex
from pydantic import Field

from ..document import Document, Unit
from ..lexicon import shipped_text, word_list
from ..models import Finding, Fix, Model
from ..registry import Analyzer, Rule
from ..vocab import fold
from .base import Context

_SOURCE = (
    "Khoản 1 Điều 69 Nghị định 34/2016/NĐ-CP (câu chữ ngắn gọn, dễ hiểu); docs/method.md («Drafting checks»)."
)
RULES = (
    Rule(
        "nominalisation.empty_verb",
        "warning",
        "An empty verb ('tiến hành', 'thực hiện') in front of the verb that carries the action.",
        "«{nominaliser}» thừa: «{verb}» đã nói đủ việc cần làm.",
        "Phường sẽ tiến hành kiểm tra hồ sơ trong hai ngày. → Phường sẽ kiểm tra hồ sơ trong hai ngày.",
        why="Động từ rỗng làm câu dài thêm và che mất hành động chính mà người đọc cần thấy.",
        source=_SOURCE,
    ),
    Rule(
        "nominalisation.filler_noun",
        "info",
        "A filler noun ('công tác', 'sự') turning a verb into a noun phrase where the verb would do.",
        "«{nominaliser} {verb}»: danh từ hóa; có thể dùng thẳng «{verb}».",
        "Công tác tuyên truyền cần làm sớm. → Cần tuyên truyền sớm.",
        why="Danh từ hóa biến hành động thành sự vật: câu không còn nói ai làm gì.",
        source=_SOURCE,
    ),
    Rule(
        "nominalisation.stack",
        "warning",
        "Two or more nominalisers in a row before one verb ('việc thực hiện công tác kiểm tra').",
        "Chồng {count} từ danh hóa «{chain}» trước «{verb}»; chỉ cần «{rewrite}».",
        "Việc thực hiện công tác kiểm tra được giao cho phường. → Việc kiểm tra được giao cho phường.",
        why="Mỗi lớp danh hóa thêm chữ mà không thêm nghĩa; người đọc phải bóc từng lớp để tìm hành động.",
        source=_SOURCE,
    ),
)

EMPTY_VERBS = frozenset({"tiến hành", "thực hiện"})
# Verbs that govern a field of work: after them "công tác X" names the field ("kiểm tra công tác thanh tra",
# "báo cáo công tác quản lý hồ sơ", "chịu trách nhiệm về công tác thanh tra"), not an action to name by its verb.
FIELD_GOVERNORS = frozenset(
    {"làm", "lãnh đạo", "chỉ đạo", "kiểm tra", "quản lý", "phụ trách", "về", "báo cáo", "tổng kết", "sơ kết",
     "đánh giá", "hướng dẫn", "giám sát", "thanh tra", "tham mưu"}
)  # fmt: skip
# Capitalised heads of the names of bodies, systems and programmes: "Ban thực hiện cưỡng chế", "Hệ thống
# quản lý công tác kiểm tra" are names, not clauses to trim.
NAME_HEADS = frozenset(
    {"ban", "tổ", "đoàn", "hội đồng", "hệ thống", "trung tâm", "phòng", "bộ phận", "chương trình", "đề án",
     "kế hoạch", "quỹ", "văn phòng", "cục", "tổ công tác"}
)  # fmt: skip
FILLER_NOUNS = frozenset({"việc", "công tác", "sự"})
NOMINALISERS = EMPTY_VERBS | FILLER_NOUNS


class NominalisationSummary(Model):
    """Nominalisers that wrap a verb, and how dense they are."""

    occurrences: int = Field(description="Nominalisers found in front of an action verb (stacks count each).")
    stacks: int = Field(description="Places with two or more nominalisers in a row.")
    words: int = Field(description="Words of the text.")
    density: float = Field(description="Nominalisers per 100 words.")
    by_nominaliser: dict[str, int] = Field(description="Occurrences per nominaliser.")


@lru_cache(maxsize=1)
def action_verbs() -> dict[str, int]:
    """Folded action verbs of the shipped list, with their length in syllables."""
    return {fold(v): len(v.split()) for v in word_list(shipped_text("nominalisation_verbs.txt"))}


@dataclass(frozen=True, slots=True)
class Found:
    """A chain of nominalisers (syllable ranges) and the verb after it, in one unit."""

    chain: tuple[tuple[int, int], ...]
    verb: tuple[int, int]


def _word(doc: Document, unit: Unit, first: int, last: int) -> bool:
    """Do syllables [first, last) form whole words (or is the segmenter not trusted here)?"""
    view = doc.phrase_views[unit.index]
    if view.opens is None or view.closes is None:
        return True
    return bool(view.opens[first] and view.closes[last - 1])


_FIRSTS: dict[int, tuple[object, frozenset[str]]] = {}


def _first_syllables(table: dict[str, int] | frozenset[str]) -> frozenset[str]:
    """The first syllables of a table's phrases (the tables are loaded once: cached by identity)."""
    held = _FIRSTS.get(id(table))
    if held is None or held[0] is not table:
        held = _FIRSTS[id(table)] = (table, frozenset(phrase.split(" ", 1)[0] for phrase in table))
    return held[1]


def _phrase_at(doc: Document, unit: Unit, i: int, table: dict[str, int] | frozenset[str]) -> int:
    """The end index of the longest phrase of `table` starting at syllable i (whole words, joined by spaces
    only), or i when none."""
    view = doc.phrase_views[unit.index]
    keys = view.keys
    if i >= len(keys):
        return i
    firsts = _first_syllables(table)
    if keys[i] not in firsts:
        return i  # no phrase of the table starts with this syllable (most syllables)
    gaps = view.gaps
    for size in (3, 2, 1):
        j = i + size
        if j > len(keys) or any(gaps[k] != " " for k in range(i, j - 1)):
            continue
        if " ".join(keys[i:j]) in table and _word(doc, unit, i, j):
            return j
    return i


def _absorb_jargon(
    ctx: Context, jargon: dict[int, list[Finding]], absorbed: set[int], start: int, end: int
) -> None:
    """One finding per span: a jargon finding inside this nominalisation ("tiến hành kiểm tra" is also a
    formal phrase of the lexicon) gives way to it, so the writer sees one finding with one fix.
    `jargon` holds the jargon findings by start offset; the ids of those absorbed go into `absorbed`, and they
    are dropped at the end of the run (one pass over the findings)."""
    s, e = ctx.doc.span_in_original(start, end)
    for pos in range(s, e):
        for f in jargon.get(pos, ()):
            if f.end <= e:
                absorbed.add(id(f))


def find_in_unit(doc: Document, unit: Unit) -> list[Found]:
    """Every nominaliser chain followed by an action verb in `unit`, left to right."""
    keys = doc.phrase_views[unit.index].keys
    gaps = doc.phrase_views[unit.index].gaps
    verbs = action_verbs()
    firsts = _first_syllables(NOMINALISERS)
    out: list[Found] = []
    i, n = 0, len(keys)
    while i < n:
        if keys[i] not in firsts:  # no nominaliser starts here (most syllables): what _phrase_at would say
            i += 1
            continue
        j = _phrase_at(doc, unit, i, NOMINALISERS)
        if j == i:
            i += 1
            continue
        chain = [(i, j)]
        while j < n and gaps[j - 1] == " ":
            k = _phrase_at(doc, unit, j, NOMINALISERS)
            if k == j:
                break
            chain.append((j, k))
            j = k
        end = _phrase_at(doc, unit, j, verbs) if j < n and gaps[j - 1] == " " else j
        while end == j and len(chain) > 1 and " ".join(keys[chain[-1][0] : chain[-1][1]]) in verbs:
            end, j = chain[-1][1], chain[-1][0]  # "việc thực hiện …": "thực hiện" is the verb itself
            chain.pop()
        if end > j:
            out.append(Found(tuple(chain), (j, end)))
            i = end
        else:
            i = chain[-1][1]
    return out


def _text(doc: Document, unit: Unit, first: int, last: int) -> str:
    return doc.text[unit.syllables[first].start : unit.syllables[last - 1].end]


def _capitalised(ctx: Context, unit: Unit, first: int, head: str) -> str:
    """`head` with a capital first letter when the text it replaces opened with one."""
    start = unit.syllables[first].start
    if ctx.doc.text[start].isupper() and head[:1].islower():
        return head[:1].upper() + head[1:]
    return head


def _fix(ctx: Context, unit: Unit, found: Found, keep_noun: bool, safe: bool, description: str) -> Fix:
    first = found.chain[0][0]
    verb = ctx.original(unit.syllables[found.verb[0]].start, unit.syllables[found.verb[1] - 1].end)
    head = verb
    if keep_noun:
        lead = found.chain[0]
        noun = ctx.original(unit.syllables[lead[0]].start, unit.syllables[lead[1] - 1].end)
        head = (
            f"{noun} {verb}"
            if fold(noun) != "công tác"
            else f"{'Việc' if noun[0].isupper() else 'việc'} {verb}"
        )
    else:
        head = _capitalised(ctx, unit, first, head)
    return ctx.fix(
        unit.syllables[first].start,
        unit.syllables[found.verb[1] - 1].end,
        head,
        safe=safe,
        description=description,
    )


# "cơ quan / người tiến hành …" names a role in procedural law; "cơ quan điều tra" would name another body.
_ROLE_HEADS = frozenset({"cơ quan", "người"})


def _before(doc: Document, unit: Unit, first: int, table: frozenset[str] | dict[str, int]) -> int:
    """The start of the phrase of `table` (1 or 2 syllables) that ends right before syllable `first`, joined
    to it by a space; -1 when none."""
    view = doc.phrase_views[unit.index]
    for size in (2, 1):
        i = first - size
        if (
            i >= 0
            and all(view.gaps[k] == " " for k in range(i, first))
            and " ".join(view.keys[i:first]) in table
        ):
            return i
    return -1


def _in_name(doc: Document, unit: Unit, first: int) -> bool:
    """Is the nominaliser at syllable `first` part of a name: right after a capitalised head ("Ban thực hiện
    cưỡng chế"), or after a head and one verb ("Hệ thống quản lý công tác kiểm tra")?"""
    head = _before(doc, unit, first, NAME_HEADS)
    if head < 0:
        verb = _before(doc, unit, first, action_verbs())
        head = _before(doc, unit, verb, NAME_HEADS) if verb > 0 else -1
    return head >= 0 and doc.text[unit.syllables[head].start].isupper()


def _exempt(doc: Document, unit: Unit, found: Found, names: list[str], field_end: int) -> bool:
    """Uses that are not a nominalised action (see FIELD_GOVERNORS and NAME_HEADS, and the roles "cơ quan /
    người tiến hành tố tụng"), and an empty verb after "được"/"bị": "được thực hiện đánh giá" (may carry
    out an evaluation) is not "được đánh giá" (is evaluated), so the empty verb is not empty there."""
    first = found.chain[0][0]
    keys = doc.phrase_views[unit.index].keys
    if names[0] in EMPTY_VERBS and first > 0 and keys[first - 1] in ("được", "bị"):
        return True
    if names[0] == "tiến hành" and _before(doc, unit, first, _ROLE_HEADS) >= 0:
        return True  # "cơ quan tiến hành tố tụng", "người tiến hành điều tra": names of legal roles
    if _in_name(doc, unit, first):
        return True
    if names[0] == "công tác":
        if _before(doc, unit, first, FIELD_GOVERNORS) >= 0:
            return True
        between = (
            doc.text[unit.syllables[field_end - 1].end : unit.syllables[first].start] if field_end > 0 else ""
        )
        if (
            field_end > 0
            and first - field_end <= 12
            and "," in between
            and not regex.search(r"[.;:]", between)
        ):
            return True  # "làm công tác giải quyết khiếu nại, tố cáo, công tác tiếp công dân": the same list
    return False


def analyze(ctx: Context) -> NominalisationSummary:
    """Find nominalisers in front of action verbs; report each chain once."""
    doc = ctx.doc
    counts: Counter[str] = Counter()
    stacks = 0
    jargon_by_start: dict[int, list[Finding]] = {}
    for f in ctx.findings:
        if f.analyzer == "jargon":
            jargon_by_start.setdefault(f.start, []).append(f)
    absorbed: set[int] = set()
    for unit in doc.units:
        field_end = 0  # where the last "công tác" naming a field of work ended (syllable index)
        for found in find_in_unit(doc, unit):
            names = [" ".join(doc.phrase_views[unit.index].keys[a:b]) for a, b in found.chain]
            if _exempt(doc, unit, found, names, field_end):
                if names[0] == "công tác":
                    field_end = found.verb[1]
                continue
            verb = _text(doc, unit, *found.verb)
            start = unit.syllables[found.chain[0][0]].start
            end = unit.syllables[found.verb[1] - 1].end
            if len(found.chain) > 1:
                stacks += 1
                counts.update(names)
                keep_noun = names[0] in FILLER_NOUNS
                safe = "sự" not in names and (keep_noun or "công tác" not in names)
                rewrite = f"{'việc' if names[0] == 'công tác' else names[0]} {verb}" if keep_noun else verb
                ctx.add(
                    "nominalisation.stack",
                    start,
                    end,
                    suggestion=f"Viết gọn: «{rewrite}».",
                    data={"chain": names, "verb": verb},
                    fixes=[
                        _fix(ctx, unit, found, keep_noun, safe, f"Bỏ các từ danh hóa thừa, giữ «{rewrite}»")
                    ],
                    count=len(names),
                    chain=_text(doc, unit, found.chain[0][0], found.chain[-1][1]),
                    verb=verb,
                    rewrite=rewrite,
                )
                continue
            name = names[0]
            first = found.chain[0][0]
            if name == "việc":
                continue  # "việc kiểm tra" alone is an ordinary noun phrase
            if name == "sự":
                after = found.verb[1]
                keys = doc.phrase_views[unit.index].keys
                if after >= len(keys) or keys[after] != "của":
                    continue  # only "sự tham gia của người dân" reads better as "người dân tham gia"
                if first > 0 and keys[first - 1] == "chịu":
                    continue  # "chịu sự kiểm tra của": a fixed construction
            counts[name] += 1
            _absorb_jargon(ctx, jargon_by_start, absorbed, start, end)
            nominaliser = _text(doc, unit, *found.chain[0])
            if name in EMPTY_VERBS:
                ctx.add(
                    "nominalisation.empty_verb",
                    start,
                    end,
                    suggestion=f"Bỏ «{nominaliser}»: «{verb}».",
                    data={"nominaliser": name, "verb": verb},
                    fixes=[_fix(ctx, unit, found, False, True, f"Bỏ «{nominaliser}»")],
                    nominaliser=nominaliser,
                    verb=verb,
                )
            else:
                fixes = [] if name == "sự" else [_fix(ctx, unit, found, False, False, f"Bỏ «{nominaliser}»")]
                ctx.add(
                    "nominalisation.filler_noun",
                    start,
                    end,
                    suggestion=f"Dùng thẳng động từ «{verb}» và nói rõ ai làm.",
                    data={"nominaliser": name, "verb": verb},
                    fixes=fixes,
                    nominaliser=nominaliser,
                    verb=verb,
                )
    if absorbed:
        ctx.findings[:] = [f for f in ctx.findings if id(f) not in absorbed]
    words = doc.word_count
    total = sum(counts.values())
    return NominalisationSummary(
        occurrences=total,
        stacks=stacks,
        words=words,
        density=round(100 * total / words, 3) if words else 0.0,
        by_nominaliser=dict(sorted(counts.items())),
    )


ANALYZER = Analyzer(
    name="nominalisation",
    title="Danh hóa động từ",
    description="Empty verbs and filler nouns wrapping an action verb, and stacks of them; density per 100 words.",
    rules=RULES,
    summary=NominalisationSummary,
    run=analyze,
    needs=frozenset({"words"}),
)
