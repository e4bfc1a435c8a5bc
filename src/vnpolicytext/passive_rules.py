"""Rule-based classification of every "được" / "bị" in a segmented, POS-tagged sentence.

The rules follow the decisions in the project's passive annotation guide: structure first (an agent
NP between the marker and a verb, or "bởi …" after the verb, makes a long passive), then small
curated lexicons (verbs of granting, agentive verbs that read as permission, words that make "bị"
a main verb). Words come from `underthesea.word_tokenize`; tags from underthesea's CRF POS model,
run directly on those words (see `tag_words`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from .vocab import fold

Label = Literal[
    "passive_short",
    "passive_long",
    "passive_beneficiary",
    "permission",
    "prohibition",
    "potential",
    "main_verb",
    "other",
]

PASSIVE_LABELS: frozenset[str] = frozenset({"passive_short", "passive_long", "passive_beneficiary"})


@dataclass(frozen=True, slots=True)
class MarkerUse:
    """One use of "được"/"bị": its label, the main verb, the agent span and where the construction ends."""

    marker: int
    label: Label
    end: int
    verb: int | None
    agent: tuple[int, int] | None

    @property
    def is_passive(self) -> bool:
        """True for the three passive labels."""
        return self.label in PASSIVE_LABELS


# --------------------------------------------------------------------------- tagging

_MODEL: Any = None
_MODEL_LOCK = threading.Lock()


def _model() -> Any:
    """The underthesea v2 POS CRF (VLSP 2013), loaded once."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                from os.path import dirname, join

                import underthesea.pipeline.pos_tag as pos_pkg
                from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

                model = FastCRFSequenceTagger()
                model.load(join(dirname(pos_pkg.__file__), "models", "pos_crf_vlsp2013_20230303"))
                _MODEL = model
    return _MODEL


def tag_words(words: Sequence[str]) -> list[str]:
    """underthesea POS tags for an already segmented sentence (no re-tokenisation)."""
    if not words:
        return []
    tags = _model().predict([[w] for w in words])
    return [t[2:] if t[:2] in ("B-", "I-") else t for t in tags]


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """Matching key: NFC, lower case, classic tone placement, single spaces."""
    return fold(word.replace("_", " "))


@cache
def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("vnpolicytext.data.passive").joinpath(name).read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(_key(e) for e in entries if e)


def _granting() -> frozenset[str]:
    return _lexicon("granting_verbs.txt")


def _permission() -> frozenset[str]:
    return _lexicon("permission_verbs.txt")


def _agentive() -> frozenset[str]:
    return _lexicon("agentive_verbs.txt")


def _bi_main() -> frozenset[str]:
    return _lexicon("bi_main_verb_words.txt")


def _duoc_main() -> frozenset[str]:
    return _lexicon("duoc_main_verb_words.txt")


def _potential() -> frozenset[str]:
    return _lexicon("potential_verbs.txt")


def _agent_nouns() -> frozenset[str]:
    return _lexicon("agent_nouns.txt")


def _animate() -> frozenset[str]:
    return _lexicon("agent_subject_nouns.txt")


_DUOC = _key("được")
_BI = _key("bị")
_MARKERS = frozenset({_DUOC, _BI})
_HAS_MARKER = re.compile(r"(?<!\w)(?:được|bị)(?!\w)", re.IGNORECASE)

_NEGATIONS = frozenset(_key(w) for w in ("không", "chưa", "chẳng", "chả", "đừng", "chớ"))
# Adverbs that may stand between a negation and the marker ("không hề được", "chưa từng bị").
_NEG_GAP = frozenset(_key(w) for w in ("hề", "từng", "còn", "bao giờ", "hề được", "cần", "nên"))
_PHEP = _key("phép")
_QUYEN = _key("quyền")
_BOI = _key("bởi")
_DO = _key("do")
_CO = _key("có")
_LA = _key("là")
_BIET = _key("biết")
# After the marker, these close the phrase: "Nếu được thì…", "được không?", "cũng được".
_CLOSERS = frozenset(
    _key(w) for w in ("thì", "không", "chăng", "đâu", "nhé", "chứ", "mà", "rồi", "chưa", "là")
)
# Copular complements after a passive verb: "được xem là", "được chọn làm", "được coi như".
_COPULA = frozenset(_key(w) for w in ("là", "làm", "như"))
# Nouns the tagger puts after a verb that open an adjunct, not an object ("đăng ký khi …").
_NOT_OBJECT = frozenset(
    _key(w)
    for w in ("khi", "lúc", "trong", "sau", "trước", "ngoài", "nơi", "bởi", "do", "theo", "tại", "để", "cho")
)
# Time units: "được sáu tháng" is the main verb (a span of time), not an agent.
_TIME_UNITS = frozenset(
    _key(w) for w in ("giây", "phút", "giờ", "tiếng", "buổi", "ngày", "hôm", "tuần", "tháng", "năm", "lần")
)
# Directional / result particles that may follow a verb before "được" ("lấy lại được").
_VERB_PARTICLES = frozenset(_key(w) for w in ("lại", "ra", "vào", "lên", "xuống", "đi", "về", "hết", "thêm"))
# Modal and wish verbs the tagger calls V: "phải được", "cần được", "mong được" are pre-verbal uses.
_MODALS = frozenset(
    _key(w)
    for w in (
        "phải",
        "cần",
        "nên",
        "muốn",
        "mong",
        "mong muốn",
        "có thể",
        "định",
        "đáng",
        "xứng đáng",
        "xin",
        "đề nghị",
        "yêu cầu",
        "bắt buộc",
        "buộc",
        "chờ",
        "đợi",
        "hy vọng",
        "mong đợi",
        "ước",
        "cho phép",
        "trở thành",
        "tiếp tục",
    )
)
# "trở lên", "trở xuống": "and above / and below", closing a noun phrase, not a verb.
_TRO = _key("trở")
# Pre-verbal modifiers the tagger may call adjectives ("bị tạm giam", "được sớm đưa").
_PREVERBAL = frozenset(_key(w) for w in ("tạm", "sớm", "tự", "cùng", "lần lượt", "đồng loạt", "kịp thời"))

_NOUNISH = frozenset({"N", "Np", "Nc", "Ny", "Nu", "Nb", "M", "L", "P"})
_QUOTES = frozenset("\"'“”‘’«»")


def has_marker(sentence_text: str) -> bool:
    """Cheap test: does the text contain the syllable "được" or "bị" (any case)?"""
    return _HAS_MARKER.search(sentence_text) is not None


# --------------------------------------------------------------------------- classification


class _Sentence:
    """Words, tags and lazily computed keys of one sentence."""

    __slots__ = ("_keys", "n", "tags", "words")

    def __init__(self, words: Sequence[str], tags: Sequence[str]) -> None:
        self.words = words
        self.tags = tags
        self.n = len(words)
        self._keys: list[str | None] = [None] * self.n

    def key(self, i: int) -> str:
        k = self._keys[i]
        if k is None:
            k = _key(self.words[i])
            self._keys[i] = k
        return k

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < self.n else ""

    def is_punct(self, i: int) -> bool:
        return self.tags[i] == "CH" or not any(c.isalnum() for c in self.words[i])

    def match(self, i: int, lexicon: frozenset[str], longest: int = 3) -> int:
        """Number of words (longest first) starting at `i` that form a lexicon entry; 0 if none."""
        for size in range(min(longest, self.n - i), 0, -1):
            if size == 1:
                if self.key(i) in lexicon:
                    return 1
            elif " ".join(self.key(j) for j in range(i, i + size)) in lexicon:
                return size
        return 0

    def nounish(self, i: int) -> bool:
        if i >= self.n or self.is_punct(i):
            return False
        return self.tags[i] in _NOUNISH or self.match(i, _agent_nouns()) > 0


def _negated(s: _Sentence, i: int) -> bool:
    """Is the marker at `i` under "không/chưa/…" (possibly with "hề", "từng"… in between)?"""
    j = i - 1
    steps = 0
    while j >= 0 and steps < 3:
        k = s.key(j)
        if k in _NEGATIONS:
            return True
        if k in _NEG_GAP or (s.tag(j) == "R" and k not in _NEGATIONS):
            j -= 1
            steps += 1
            continue
        return False
    return False


def _sentence_start(s: _Sentence, i: int) -> bool:
    """True when only list labels, adverbs or punctuation precede `i` (no subject: a rule or a heading)."""
    return all(s.is_punct(j) or s.tag(j) in ("R", "Ni", "M") or s.key(j) in _NEGATIONS for j in range(i))


def _animate_subject(s: _Sentence, i: int) -> bool:
    """Is the first noun of the clause before `i` a person or an organisation (or a pronoun)?"""
    j = i - 1
    while j >= 0 and not s.is_punct(j) and s.tag(j) != "C":
        j -= 1
    for k in range(j + 1, i):
        tag = s.tag(k)
        if tag == "P":
            return True
        if tag in ("N", "Nc", "Np", "Ny"):
            key = s.key(k)
            return key in _animate() or key.split()[0] in _animate() or tag == "Np"
    return False


def _has_object(s: _Sentence, k: int) -> bool:
    """Does a noun phrase (the verb's own object) start at `k` (after an optional particle)?"""
    if k < s.n - 1 and s.key(k) in _VERB_PARTICLES and s.tags[k] != "E":
        k += 1
    return k < s.n and s.nounish(k) and s.key(k) not in _NOT_OBJECT


def _object_end(s: _Sentence, k: int) -> int:
    """End (exclusive) of the object phrase starting at `k` (nouns, adjectives, nominal verbs)."""
    j = k
    while (
        j < s.n
        and j - k < 6
        and s.key(j) not in _NOT_OBJECT
        and (s.nounish(j) or s.tag(j) == "A" or (s.tag(j) == "V" and j == k))
    ):
        j += 1
    return max(j, k)


def _find_verb_after_np(s: _Sentence, j: int, limit: int = 10, strict: bool = False) -> int | None:
    """Index of the verb that closes an agent NP starting at `j` ("được [cơ quan có thẩm quyền] cấp").

    `strict` (after a verb + "được", where a potential reading competes) also refuses adverbs and
    coordination inside the NP and a verb that has its own object.
    """
    k = j
    seen_noun = False
    while k < s.n and k - j < limit:
        tag = s.tag(k)
        key = s.key(k)
        if s.is_punct(k):
            if s.words[k] in _QUOTES or s.words[k] in "-–()":
                k += 1
                continue
            return None
        size = s.match(k, _agent_nouns())
        if size:
            k += size
            seen_noun = True
            continue
        if tag == "V":
            if key == _CO and k + 1 < s.n and s.tag(k + 1) in ("N", "Np"):
                k += 2  # "có thẩm quyền", "có liên quan" inside the NP
                continue
            if key == _LA or not seen_noun:
                return None
            if strict and (key == _CO or _has_object(s, k + 1)):
                return None
            return k
        if tag in ("C", "CH"):
            return None
        if tag == "Cc":
            if strict or not s.nounish(k + 1):
                return None
        elif tag in _NOUNISH or tag in ("A", "E", "X", "Z", "T", "Ni", "R"):
            if tag in _NOUNISH:
                seen_noun = True
            if tag == "R" and (strict or not seen_noun):
                return None
        else:
            return None
        k += 1
    return None


def _agent_after(s: _Sentence, v_end: int) -> tuple[int, int] | None:
    """Agent phrase after the verb: "… bởi NP" or "… do NP V"."""
    k = v_end
    while k < s.n and k - v_end < 3 and s.tag(k) == "R" and s.key(k) not in (_BOI, _DO):
        k += 1
    if k >= s.n:
        return None
    key = s.key(k)
    if key == _BOI:
        end = _object_end(s, k + 1)
        return (k + 1, end) if end > k + 1 else None
    if key == _DO and k == v_end:
        verb = _find_verb_after_np(s, k + 1, limit=7)
        if verb is not None and verb > k + 1:
            return (k + 1, verb)
    return None


def _skip_modifiers(s: _Sentence, j: int) -> int:
    """Skip adverbs and pre-verbal modifiers between the marker and the verb."""
    while j < s.n - 1:
        key = s.key(j)
        if key in _NEGATIONS or key in _MARKERS:
            return j
        if s.tag(j) == "R" or (key in _PREVERBAL and s.tag(j + 1) == "V"):
            j += 1
            continue
        if (
            s.tag(j) == "A"
            and s.tag(j + 1) == "V"
            and not s.match(j, _permission())
            and key not in _bi_main()
        ):
            j += 1
            continue
        return j
    return j


def _verb_use(s: _Sentence, i: int, v: int, size: int, is_bi: bool, negated: bool) -> MarkerUse:
    """Marker `i` directly governs the verb at `v` (spanning `size` words)."""
    v_end = v + size
    agent = _agent_after(s, v_end)
    if agent is not None:
        return MarkerUse(i, "passive_long", v_end, v, agent)
    if v_end < s.n and s.key(v_end) in _COPULA and not is_bi:
        return MarkerUse(i, "passive_short", v_end, v, None)
    obj = _has_object(s, v_end)
    if is_bi:
        if s.match(v, _bi_main()):
            return MarkerUse(i, "main_verb", i + 1, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)
    if s.match(v, _granting()):
        # Recipient subject: an object follows ("được miễn thuế") or the subject is a person or body
        # ("người dân được bồi thường"); the thing given as subject is a plain passive ("bản sao được cấp").
        if obj or (v_end < s.n and s.tag(v_end) == "V" and s.key(v_end) not in _NOT_OBJECT):
            return MarkerUse(i, "passive_beneficiary", _object_end(s, v_end), v, None)
        if _animate_subject(s, i):
            return MarkerUse(i, "passive_beneficiary", v_end, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)
    agentive = s.match(v, _permission()) > 0 or (obj and s.match(v, _agentive()) > 0)
    if agentive:
        return MarkerUse(i, "prohibition" if negated else "permission", i + 1, v, None)
    if negated and (obj or _sentence_start(s, i - 1) or _animate_subject(s, i)):
        return MarkerUse(i, "prohibition", i + 1, v, None)
    return MarkerUse(i, "passive_short", v_end, v, None)


def _classify_one(s: _Sentence, i: int) -> MarkerUse:
    syllables = s.key(i).split()
    if len(syllables) > 1:  # the segmenter glued the marker into a word
        first, rest = syllables[0], " ".join(syllables[1:])
        if first == _BI and rest in _bi_main():
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if first == _DUOC and rest in _duoc_main():
            return MarkerUse(i, "main_verb", i + 1, None, None)
        return MarkerUse(i, "other", i + 1, None, None)

    is_bi = syllables[0] == _BI
    negated = _negated(s, i)
    nxt = i + 1
    if nxt < s.n - 1 and s.words[nxt] in _QUOTES and not s.is_punct(nxt + 1):
        nxt += 1  # a quoted verb: được "tu", bị "chìm xuồng"

    # Nothing governed: "cũng được", "Nếu được, …", "… không được?", "làm được."
    if nxt >= s.n or s.is_punct(nxt) or s.key(nxt) in _CLOSERS:
        if not is_bi and i > 0 and s.tag(i - 1) == "V" and not s.is_punct(i - 1):
            return MarkerUse(i, "potential", i + 1, None, None)
        return MarkerUse(i, "other" if not is_bi or nxt >= s.n else "main_verb", i + 1, None, None)

    # "được/bị do NP V"
    if s.key(nxt) == _DO:
        verb = _find_verb_after_np(s, nxt + 1, limit=8)
        if verb is not None:
            return MarkerUse(i, "passive_long", verb + 1, verb, (nxt + 1, verb))

    if not is_bi:
        # "Được biết, …" opens a sentence as a discourse phrase.
        if s.key(nxt) == _BIET and nxt + 1 < s.n and s.words[nxt + 1] == "," and _sentence_start(s, i):
            return MarkerUse(i, "other", i + 1, None, None)
        # Post-verbal "được": potential / result ("chấp nhận được", "nhận được hồ sơ").
        prev = i - 1
        j = _skip_modifiers(s, nxt)
        if (
            prev >= 1
            and s.key(prev) in _VERB_PARTICLES
            and s.tag(prev - 1) == "V"
            and s.key(prev - 1) != _TRO
            and s.tag(j) != "V"
        ):
            return MarkerUse(i, "potential", i + 1, None, None)  # "lấy lại được", "thoát ra được"
        if prev >= 0 and s.tag(prev) == "V" and s.key(prev) not in _NEGATIONS and s.key(prev) not in _MODALS:
            if s.key(prev) in _potential():
                return MarkerUse(i, "potential", i + 1, None, None)
            if s.tag(j) != "V" and not (s.nounish(j) and _strong_agent(s, j)):
                return MarkerUse(i, "potential", i + 1, None, None)
        # "được phép" / "được quyền" + V
        if s.key(nxt) in (_PHEP, _QUYEN):
            v = _skip_modifiers(s, nxt + 1) if nxt + 1 < s.n else None
            verb = v if v is not None and v < s.n and s.tag(v) == "V" else None
            if negated:
                return MarkerUse(i, "prohibition", i + 1, verb, None)
            if (
                s.key(nxt) == _PHEP
                and verb is not None
                and not _has_object(s, verb + 1)
                and not s.match(verb, _permission())
            ):
                return MarkerUse(i, "passive_short", verb + 1, verb, None)
            return MarkerUse(i, "permission", i + 1, verb, None)

    j = _skip_modifiers(s, nxt)

    # Agent NP between marker and verb (long passive), or a noun object (main verb).
    if s.nounish(j) and not (s.tag(j) == "V" and not s.match(j, _agent_nouns())):
        if is_bi and s.match(j, _bi_main()):
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if not is_bi and (
            s.match(j, _duoc_main()) or (s.tag(j) == "M" and j + 1 < s.n and s.key(j + 1) in _TIME_UNITS)
        ):
            return MarkerUse(i, "main_verb", i + 1, None, None)
        verb = _find_verb_after_np(s, j)
        if verb is not None:
            return MarkerUse(i, "passive_long", verb + 1, verb, (j, verb))
        return MarkerUse(i, "main_verb", i + 1, None, None)

    size = 0
    for lexicon in (_granting(), _permission(), _agentive(), _bi_main()):
        size = max(size, s.match(j, lexicon))
    if size or s.tag(j) == "V":
        return _verb_use(s, i, j, size or 1, is_bi, negated)

    if s.tag(j) in ("A", "T") and s.nounish(j + 1):
        verb = _find_verb_after_np(s, j + 1)
        if verb is not None:  # "được nhiều người biết đến", "được chính các đầu bếp chế biến"
            return MarkerUse(i, "passive_long", verb + 1, verb, (j, verb))
    if s.tag(j) == "A":
        after = _agent_after(s, j + 1)
        if after is not None:
            return MarkerUse(i, "passive_long", j + 1, j, after)
        return MarkerUse(i, "main_verb" if is_bi else "other", i + 1, None, None)
    return MarkerUse(i, "other", i + 1, None, None)


def _strong_agent(s: _Sentence, j: int) -> bool:
    """After a verb + "được", only a noun head closed by its own verb makes a long passive."""
    return (s.tag(j) in ("N", "Np", "Ny") or s.match(j, _agent_nouns()) > 0) and _find_verb_after_np(
        s, j, strict=True
    ) is not None


def classify_markers(words: Sequence[str], tags: Sequence[str]) -> list[MarkerUse]:
    """One MarkerUse per được/bị in the sentence."""
    if len(words) != len(tags):
        raise ValueError("words and tags differ in length")
    s = _Sentence(words, tags)
    out: list[MarkerUse] = []
    for i in range(s.n):
        if _MARKERS.intersection(s.key(i).split()):  # keys are cached, so this is cheap
            out.append(_classify_one(s, i))
    return out


def marker_indices(words: Sequence[str]) -> list[int]:
    """Indices of the words that contain the syllable "được" or "bị"."""
    return [i for i, w in enumerate(words) if _MARKERS.intersection(_key(w).split())]


def tag_around(words: Sequence[str], before: int = 5, after: int = 8) -> list[str]:
    """POS tags only for windows around the markers ("" elsewhere); cheaper than `tag_words`."""
    tags = [""] * len(words)
    spans: list[list[int]] = []
    for m in marker_indices(words):
        if _key(words[m]).split()[0] not in _MARKERS:
            continue  # "thiết bị", "chuẩn bị": the marker is inside another word, decided without tags
        lo, hi = max(0, m - before), min(len(words), m + after + 1)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        tags[lo:hi] = tag_words(words[lo:hi])
    return tags
