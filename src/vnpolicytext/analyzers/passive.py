"""Analyzer 'passive': bị/được passives, told apart from permission, prohibition, "able to" and main verbs.

Only units that contain a marker are POS-tagged (tagging is the slow step); the classification rules and
their lexicons live in `vnpolicytext.passive_rules` and `data/passive/`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from pydantic import Field

from ..document import Document, Token, Unit
from ..models import Model
from ..passive_rewrite import active_fixes, needs_tags
from ..passive_rules import (
    MarkerUse,
    chapeau_subject_animate,
    classify_markers,
    has_marker,
    tag_around_many,
    tag_words_many,
    tagged_whole,
)
from ..registry import Analyzer, Rule
from .base import Context

_WHY = "Câu bị động giấu người phải làm: người dân không biết ai chịu trách nhiệm, hỏi ai, chờ ai."
_SOURCE = "Khoản 1 Điều 69 Nghị định 34/2016/NĐ-CP; hướng dẫn ngôn ngữ dễ hiểu (plainlanguage.gov: «Use active voice»)."
RULES: tuple[Rule, ...] = (
    Rule(
        "passive.short",
        "warning",
        "A passive with no agent (bị/được + verb): the reader cannot tell who acts.",
        "Câu bị động không nêu chủ thể: người đọc không biết ai là người {action}.",
        "Hồ sơ đã được tiếp nhận. → Bộ phận một cửa đã tiếp nhận hồ sơ.",
        why=_WHY,
        source=_SOURCE,
    ),
    Rule(
        "passive.long",
        "info",
        "A passive that names its agent (được/bị + agent + verb, 'do …', 'bởi …'); the active is shorter.",
        "Câu bị động có nêu chủ thể («{who}»); câu chủ động ngắn và rõ hơn.",
        "Hồ sơ được cơ quan thuế tiếp nhận. → Cơ quan thuế tiếp nhận hồ sơ.",
        why="Câu chủ động đặt người làm lên đầu, ngắn hơn và dễ theo dõi hơn.",
        source=_SOURCE,
    ),
    Rule(
        "passive.beneficiary",
        "info",
        "A recipient passive with a verb of granting (được miễn, được cấp, được hỗ trợ); say who grants when it matters.",
        "Cấu trúc thụ hưởng «{marker} {action}»: nếu người đọc cần biết ai {action}, hãy nêu rõ.",
        "Hộ nghèo được hỗ trợ tiền điện. → Ủy ban nhân dân xã hỗ trợ tiền điện cho hộ nghèo.",
        why="Người được hưởng cần biết cơ quan nào cấp, hỗ trợ hay bồi thường để liên hệ.",
        source=_SOURCE,
    ),
    Rule(
        "passive.role_noun",
        "info",
        "A legal role named with bị/được ('người bị hại', 'người được giám hộ'): the name of a role, not a "
        "passive to rewrite; noted so the reader knows the term.",
        "«{phrase}» là tên gọi một vai trò pháp lý; không cần viết lại, nhưng nên giải thích nếu người đọc "
        "có thể chưa biết.",
        "Người được giám hộ có quyền … → giữ nguyên; có thể giải thích: «người được giám hộ (người được người "
        "khác chăm sóc, đại diện theo pháp luật)».",
        why="Những cụm này là thuật ngữ pháp lý cố định; viết lại sẽ làm sai nghĩa.",
        source="Bộ luật Dân sự 2015 (người được giám hộ, Điều 47); Bộ luật Tố tụng hình sự 2015 (bị hại, Điều 62).",
    ),
    Rule(
        "passive.legal_formula",
        "info",
        "An agentless passive that is the convention of legal text: a sanction or step of procedure ('thì bị "
        "phạt tiền'), a harm ('khi quyền bị xâm phạm'), a reference to the governing rule ('được thực hiện theo "
        "quy định của …'), a deeming ('được coi là'), an amendment ('được sửa đổi như sau'), the status of a "
        "thing named in passing ('đối với dự án đã được phê duyệt'), a rule of form, record, place or manner "
        "('phải được lập thành văn bản', 'phải được ghi vào sổ'). Legal profile only: noted, not a passive to "
        "rewrite; for citizens and in news they stay passives.",
        "«{phrase}» là {what}, cách viết quen thuộc của văn bản pháp luật; không cần viết lại ở thể chủ động.",
        "Người vi phạm thì bị phạt tiền. → giữ nguyên: chế tài do luật về xử lý vi phạm quy định người áp dụng.",
        why="Ở đây thể bị động không giấu người phải làm: người áp dụng chế tài, văn bản được dẫn chiếu hay điều "
        "luật được sửa đổi đã rõ theo quy ước của văn bản pháp luật; viết lại sẽ dài hơn mà không rõ hơn.",
        source="Nghị định 34/2016/NĐ-CP, Điều 69 (ngôn ngữ văn bản); thể thức sửa đổi, bổ sung: Luật Ban hành "
        "văn bản quy phạm pháp luật 2015.",
    ),
)
STATEMENT = Rule(
    "passive.statement",
    "info",
    "In legal text, an agentless passive that states a rule, a status or an event rather than a duty "
    "('Hội đồng được thành lập theo …', 'Hàng hóa tồn đọng được lưu giữ tại kho'), a restriction on when a "
    "thing may happen ('chỉ được thực hiện khi …'), a passive inside a condition, or a duty in a list point "
    "whose lead-in names who acts: noted, not a warning; a duty with no one to carry it ('Hồ sơ phải được "
    "gửi …') stays passive.short.",
    "Câu bị động không nêu chủ thể («{phrase}»); trong văn bản pháp luật, nếu chủ thể đã rõ từ quy định khác "
    "thì có thể giữ nguyên.",
    "Đại hội được tiến hành khi có đủ hai phần ba số thành viên. → giữ nguyên, hoặc: «Hợp tác xã tiến hành đại "
    "hội khi …».",
    why="Văn bản pháp luật dùng thể bị động để nêu quy tắc, tình trạng hay sự kiện mà chủ thể đã được luật xác "
    "định ở chỗ khác; điều người đọc cần biết nhất là ai có nghĩa vụ làm, và những câu đó vẫn được cảnh báo.",
    source=_SOURCE,
)
RULES = (*RULES, STATEMENT)
# What each kind of legal convention is, in the message of passive.legal_formula.
_CONVENTIONS = {
    "sanction": "một chế tài hay một bước tố tụng",
    "harm": "một hành vi gây hại do người vi phạm bất kỳ thực hiện",
    "reference": "một công thức dẫn chiếu đến quy định áp dụng",
    "naming": "một công thức định danh (coi là, gọi là)",
    "amendment": "một công thức sửa đổi, bổ sung văn bản",
    "status": "mô tả tình trạng pháp lý của một đối tượng",
    "form": "một quy tắc về hình thức, cách ghi chép, cách thức hay nơi tiến hành",
}

# Verbs of receiving: "được hưởng trợ cấp" has no active form with the same verb ("[cơ quan] hưởng … cho …"
# is not Vietnamese), so the suggestion names who pays instead.
_RECEIVE = frozenset({"hưởng", "nhận", "thụ hưởng"})

KINDS = {"passive_short": "short", "passive_long": "long", "passive_beneficiary": "beneficiary"}


class PassiveSummary(Model):
    """How the text uses bị/được: passives by kind, and the rights and duties it grants or forbids."""

    markers: int = Field(description="Occurrences of the words 'được' and 'bị'.")
    passives: int = Field(description="Passive constructions found.")
    short: int = Field(description="Agentless passives (passive.short).")
    long: int = Field(description="Passives that name the agent (passive.long).")
    beneficiary: int = Field(description="Recipient passives with a verb of granting (passive.beneficiary).")
    agentless_share: float | None = Field(description="Share of passives with no agent (short / passives).")
    passives_per_sentence: float = Field(description="Passives per unit.")
    agentless_per_sentence: float = Field(description="Agentless passives per unit (a clarity component).")
    sentences_with_passive_share: float = Field(description="Share of units with at least one passive.")
    sentences_with_agentless_share: float = Field(
        description="Share of units with at least one agentless passive (the check gate's figure)."
    )
    permissions: int = Field(description="'được' + verb meaning 'may / is entitled to' (rights granted).")
    prohibitions: int = Field(
        description="'không được', 'không được phép', 'nghiêm cấm' (duties not to act)."
    )
    other_uses: int = Field(description="Post-verbal 'được', main verbs, parts of other words.")
    role_nouns: int = Field(
        description="Legal role names built with bị/được ('người bị hại', 'người được giám hộ'; passive.role_noun)."
    )
    formulas: int = Field(
        description="Definition-article formulas ('… được hiểu như sau'): passive in form, not reported."
    )
    statements: int = Field(
        description="In the legal profile, agentless passives that state a rule, status or event rather than a "
        "duty (passive.statement, info); not counted in `short`."
    )
    conventions: int = Field(
        description="Agentless passives that are the convention of legal text (sanctions, references, deeming, "
        "amendments, statuses; passive.legal_formula)."
    )


@lru_cache(maxsize=65536)
def _tagger_word(word: str) -> str:
    """The word with one space between its syllables, as the tagger expects (cached per distinct word)."""
    return " ".join(word.split())


def _span(words: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    return words[i].start, words[max(i, j - 1)].end


def _report(ctx: Context, words: Sequence[Token], use: MarkerUse, tags: Sequence[str] | None) -> None:
    kind = KINDS[use.label]
    start, end = _span(words, use.marker, use.end)
    marker = words[use.marker].text
    verb = words[use.verb].text if use.verb is not None else None
    data = {"marker": marker.lower(), "kind": kind, "verb": verb, "agent": None}
    spans = {"agent": _span(words, *use.agent)} if use.agent is not None else None
    action = verb or "việc này"
    if kind == "short":
        ctx.add(
            "passive.short",
            start,
            end,
            suggestion=f"Viết ở thể chủ động và nêu rõ ai làm: «[cơ quan/người] {action} …».",
            data=data,
            action=action,
        )
    elif kind == "long":
        who = "[chủ thể]"
        if spans is not None:
            o0, o1 = ctx.doc.span_in_original(*spans["agent"])
            who = ctx.doc.original[o0:o1]
        ctx.add(
            "passive.long",
            start,
            end,
            suggestion=f"Đưa chủ thể lên đầu: «{who} {action} …».",
            data=data,
            spans=spans,
            fixes=active_fixes(ctx, words, use, tags),
            who=who,
        )
    else:
        receive = action.lower() in _RECEIVE
        ctx.add(
            "passive.beneficiary",
            start,
            end,
            suggestion=(
                "Nếu người đọc cần biết ai chi trả, nêu rõ: «[cơ quan] chi trả … cho …»."
                if receive
                else f"Nếu người đọc cần biết ai {action}, nêu rõ: «[cơ quan] {action} … cho …»."
            ),
            data=data,
            marker=marker.lower(),
            action=action,
        )


def _chapeau(doc: Document, unit: Unit) -> Unit | None:
    """The sentence ending with ':' that introduces the list item `unit` ("Người thuê nhà có các quyền sau:")."""
    for i in range(unit.index - 1, max(-1, unit.index - 60), -1):
        prev = doc.units[i]
        if prev.kind == "list_item":
            continue
        return prev if prev.text.rstrip().endswith(":") else None
    return None


def analyze(ctx: Context) -> PassiveSummary:
    """Tag the units that contain a marker, classify every marker, report the passives."""
    doc = ctx.doc
    counts = {label: 0 for label in ("passive_short", "passive_long", "passive_beneficiary")}
    permissions = prohibitions = other = markers = with_passive = with_agentless = roles = formulas = 0
    conventions = statements = 0
    legal = ctx.profile == "legal"
    marked = [(u, ws) for u, ws in zip(doc.units, doc.words, strict=True) if ws and has_marker(u.text)]
    # one space inside a word, as the tagger expects; every unit's windows tagged in one call
    all_texts = [[_tagger_word(w) for w in words.texts()] for _, words in marked]
    # the chapeaux of the list items, tagged whole in the same call as the units' windows
    heads = [_chapeau(doc, unit) if unit.kind == "list_item" else None for unit, _ in marked]
    chapeau_words = {
        c.index: [_tagger_word(w) for w in doc.words[c.index].texts()] for c in heads if c is not None
    }
    all_tags = tag_around_many(all_texts, whole=list(chapeau_words.values()))
    chapeaux = {
        index: chapeau_subject_animate(ws, tags)
        for (index, ws), tags in zip(chapeau_words.items(), all_tags[len(marked) :], strict=True)
    }
    classified: list[tuple[list[MarkerUse], bool | None]] = []
    for (unit, _), texts, tags, chapeau in zip(marked, all_texts, all_tags[: len(marked)], heads, strict=True):
        context = chapeaux[chapeau.index] if chapeau is not None else None
        uses = classify_markers(texts, tags, context_subject_animate=context)
        if unit.kind == "heading":  # "Điều 17. Các đối tượng được bảo hộ": a title names, it does not assert
            uses = [replace(u, convention="status") if u.label == "passive_short" and not u.role_noun else u for u in uses]
        classified.append((uses, context))
    # the whole units that a long passive's rewrite reads, tagged in one call
    rewritten = [
        k
        for k, ((_, words), (uses, _)) in enumerate(zip(marked, classified, strict=True))
        if any(needs_tags(words, use) and not (legal and use.convention) for use in uses)
    ]
    # a unit that its marker windows covered whole already has them (the same words were decoded)
    unit_tags: dict[int, list[str]] = {k: all_tags[k] for k in rewritten if tagged_whole(all_texts[k])}
    untagged = [k for k in rewritten if k not in unit_tags]
    if untagged:
        unit_tags.update(zip(untagged, tag_words_many([all_texts[k] for k in untagged]), strict=True))
    for k, ((_, words), (uses, context)) in enumerate(zip(marked, classified, strict=True)):
        named_actor = context is True
        markers += len(uses)
        found = agentless = False
        for use in uses:
            if use.label in counts and use.formula:
                formulas += 1
            elif use.label in counts and use.role_noun:
                roles += 1
                start, end = _span(words, use.marker - 1 if use.marker else use.marker, use.end)
                phrase = ctx.doc.text[start:end]
                ctx.add(
                    "passive.role_noun",
                    *_span(words, use.marker, use.end),
                    data={"kind": "role_noun"},
                    phrase=phrase,
                )
            elif legal and use.label in counts and use.convention:
                conventions += 1
                start, end = _span(words, use.marker, use.end)
                ctx.add(
                    "passive.legal_formula",
                    start,
                    end,
                    data={"kind": use.convention},
                    phrase=ctx.doc.text[start:end],
                    what=_CONVENTIONS[use.convention],
                )
            elif legal and use.label == "passive_short" and (not use.duty or named_actor):
                # "Hộ gia đình, cá nhân … phải: … b) Chất thải phải được chứa …": the lead-in of the list
                # names who must act, so the duty of the point is not a hidden actor
                statements += 1
                start, end = _span(words, use.marker, use.end)
                ctx.add("passive.statement", start, end, data={"kind": "statement"}, phrase=ctx.doc.text[start:end])
            elif use.label in counts:
                counts[use.label] += 1
                found = True
                agentless = agentless or use.label == "passive_short"
                _report(ctx, words, use, unit_tags.get(k))
            elif use.label == "permission":
                permissions += 1
            elif use.label == "prohibition":
                prohibitions += 1
            else:
                other += 1
        with_passive += found
        with_agentless += agentless
    passives = sum(counts.values())
    n = max(len(doc.units), 1)
    return PassiveSummary(
        markers=markers,
        passives=passives,
        short=counts["passive_short"],
        long=counts["passive_long"],
        beneficiary=counts["passive_beneficiary"],
        agentless_share=round(counts["passive_short"] / passives, 4) if passives else None,
        passives_per_sentence=round(passives / n, 4),
        agentless_per_sentence=round(counts["passive_short"] / n, 4),
        sentences_with_passive_share=round(with_passive / n, 4),
        sentences_with_agentless_share=with_agentless / n,
        permissions=permissions,
        prohibitions=prohibitions,
        other_uses=other,
        role_nouns=roles,
        formulas=formulas,
        conventions=conventions,
        statements=statements,
    )


def measures(summary: PassiveSummary, words: int) -> dict[str, float]:
    """Clarity measure: agentless passives per sentence."""
    return {"passive": summary.agentless_per_sentence}


ANALYZER = Analyzer(
    name="passive",
    title="Câu bị động",
    description="bị/được passives, told apart from permission, prohibition, 'able to' and main verbs.",
    rules=RULES,
    summary=PassiveSummary,
    run=analyze,
    needs=frozenset({"words"}),
    measures=measures,
)
