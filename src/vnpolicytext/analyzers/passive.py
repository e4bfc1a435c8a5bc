"""Analyzer 'passive': bị/được passives, told apart from permission, prohibition, "able to" and main verbs.

Only units that contain a marker are POS-tagged (tagging is the slow step); the classification rules and
their lexicons live in `vnpolicytext.passive_rules` and `data/passive/`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..config import Config
from ..document import Document, Token
from ..models import Model
from ..passive_rules import MarkerUse, classify_markers, has_marker, tag_around
from .base import Findings, Rule

NAME = "passive"
RULES = (
    Rule(
        "passive.short",
        "warning",
        "A passive with no agent (bị/được + verb): the reader cannot tell who acts.",
        "Hồ sơ đã được tiếp nhận. → Bộ phận một cửa đã tiếp nhận hồ sơ.",
    ),
    Rule(
        "passive.long",
        "info",
        "A passive that names its agent (được/bị + agent + verb, 'do …', 'bởi …'); the active is shorter.",
        "Hồ sơ được cơ quan thuế tiếp nhận. → Cơ quan thuế tiếp nhận hồ sơ.",
    ),
    Rule(
        "passive.beneficiary",
        "info",
        "A recipient passive with a verb of granting (được miễn, được cấp, được hỗ trợ); say who grants when it matters.",
        "Hộ nghèo được hỗ trợ tiền điện. → Ủy ban nhân dân xã hỗ trợ tiền điện cho hộ nghèo.",
    ),
)

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
    permissions: int = Field(description="'được' + verb meaning 'may / is entitled to' (rights granted).")
    prohibitions: int = Field(description="'không được', 'không được phép', 'nghiêm cấm' (duties not to act).")
    other_uses: int = Field(description="Post-verbal 'được', main verbs, parts of other words.")


def _span(words: list[Token], i: int, j: int) -> tuple[int, int]:
    return words[i].start, words[max(i, j - 1)].end


def _report(doc: Document, out: Findings, words: list[Token], use: MarkerUse) -> None:
    kind = KINDS[use.label]
    start, end = _span(words, use.marker, use.end)
    marker = words[use.marker].text
    verb = words[use.verb].text if use.verb is not None else None
    agent: dict[str, Any] | None = None
    if use.agent is not None:
        a0, a1 = _span(words, *use.agent)
        o0, o1 = doc.original_span(a0, a1)
        agent = {"start": o0, "end": o1, "text": doc.original[o0:o1]}
    data = {"marker": marker.lower(), "kind": kind, "verb": verb, "agent": agent}
    action = verb or "việc này"
    if kind == "short":
        out.add(
            "passive.short",
            start,
            end,
            f"Câu bị động không nêu chủ thể: người đọc không biết ai là người {action}.",
            f"Viết ở thể chủ động và nêu rõ ai làm: «[cơ quan/người] {action} …».",
            data,
        )
    elif kind == "long":
        who = agent["text"] if agent else "[chủ thể]"
        out.add(
            "passive.long",
            start,
            end,
            f"Câu bị động có nêu chủ thể («{who}»); câu chủ động ngắn và rõ hơn.",
            f"Đưa chủ thể lên đầu: «{who} {action} …».",
            data,
        )
    else:
        out.add(
            "passive.beneficiary",
            start,
            end,
            f"Cấu trúc thụ hưởng «{marker.lower()} {action}»: nếu người đọc cần biết ai {action}, hãy nêu rõ.",
            f"«[cơ quan] {action} … cho …».",
            data,
        )


def analyze(doc: Document, config: Config, out: Findings) -> PassiveSummary:
    """Tag the units that contain a marker, classify every marker, report the passives."""
    counts = {label: 0 for label in ("passive_short", "passive_long", "passive_beneficiary")}
    permissions = prohibitions = other = markers = with_passive = 0
    for unit in doc.units:
        if not unit.words or not has_marker(unit.text):
            continue
        texts = [" ".join(w.text.split()) for w in unit.words]  # one space inside a word, as the tagger expects
        uses = classify_markers(texts, tag_around(texts))
        markers += len(uses)
        found = False
        for use in uses:
            if use.label in counts:
                counts[use.label] += 1
                found = True
                _report(doc, out, unit.words, use)
            elif use.label == "permission":
                permissions += 1
            elif use.label == "prohibition":
                prohibitions += 1
            else:
                other += 1
        with_passive += found
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
        permissions=permissions,
        prohibitions=prohibitions,
        other_uses=other,
    )
