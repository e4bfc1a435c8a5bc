"""Rule-based classification of every "được" / "bị" in a segmented, POS-tagged sentence.

The rules follow the decisions in the project's passive annotation guide: structure first (an agent
NP between the marker and a verb, "bởi …" after the verb, makes a long passive), then the subject
of the clause: a person or a body acting ("Doanh nghiệp không được góp vốn", "Thí sinh được điều
chỉnh nguyện vọng") makes permission or prohibition, a thing makes a passive ("Hồ sơ không được tẩy
xóa"). The subject is found across commas of coordinated noun phrases, across chains of predicates
("… phải rõ ràng, dễ đọc, không được viết tắt"), across "thì" topics, and for list items that open
with "Được" / "Không được" from the list's chapeau (`chapeau_subject_animate`, passed back as
`context_subject_animate`). Small curated lexicons, by class, refine it: verbs of granting, verbs
done to people, verbs of cause or measure, words that make "bị" a main verb. Words come from
`underthesea.word_tokenize`; tags from underthesea's CRF POS model, run directly on those words
(see `tag_words`).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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

Convention = Literal["sanction", "harm", "reference", "naming", "amendment", "status", "form"]
"""Kinds of legal wording that is passive by convention: a sanction or coercive step of procedure ("thì bị
phạt tiền"), a harm by any wrongdoer ("khi quyền bị xâm phạm"), a reference to the governing rule ("được
quy định tại Điều 5", "được thực hiện theo quy định của …"), a deeming or naming ("được coi là"), an
amendment ("Điều 5 được sửa đổi, bổ sung như sau:"), a status of a thing named in passing ("đối với dự án
đã được phê duyệt"), a rule of form, record, place or manner ("phải được lập thành văn bản", "phải được ghi vào
sổ", "phải được tiến hành liên tục")."""


@dataclass(frozen=True, slots=True)
class MarkerUse:
    """One use of "được"/"bị": its label, the main verb, the agent span and where the construction ends."""

    marker: int
    label: Label
    end: int
    verb: int | None
    agent: tuple[int, int] | None
    role_noun: bool = False
    """A passive that names a legal role ("người bị kết án", "người được giám hộ"): report as info at most."""
    formula: bool = False
    """The fixed formula of a definitions article ("các từ ngữ dưới đây được hiểu như sau"): not to rewrite."""
    convention: Convention | None = None
    """Legal wording that is passive by convention (`_legal_convention`): report as info, not to rewrite."""
    duty: bool = False
    """The passive states a duty ("phải được", "cần được", "chỉ được", "bắt buộc phải được"): in legal text the
    agentless passive an editor acts on, as it leaves out who must act."""

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
    """underthesea's POS tags for an already segmented sentence (no re-tokenisation), scored by
    `crf.pos_tags` from the same model (identical tags, no import of underthesea); underthesea's own
    tagger when its model cannot be read directly."""
    if not words:
        return []
    if os.environ.get("VNPOLICYTEXT_SEGMENTER") != "underthesea":
        from . import crf

        try:
            return crf.pos_tags(words)
        except crf.ModelUnavailable:
            pass
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


def _person_patient() -> frozenset[str]:
    return _lexicon("person_patient_verbs.txt")


def _causer() -> frozenset[str]:
    return _lexicon("causer_verbs.txt")


def _bi_adverbs() -> frozenset[str]:
    """Adverbs glued to "bị" by the segmenter ("bị đơn" in "bị đơn phương chấm dứt")."""
    return frozenset({_key("đơn"), _key("đơn phương")})


def _potential() -> frozenset[str]:
    return _lexicon("potential_verbs.txt")


def _agent_nouns() -> frozenset[str]:
    return _lexicon("agent_nouns.txt")


def _sanction() -> frozenset[str]:
    return _lexicon("sanction_verbs.txt")


def _harm() -> frozenset[str]:
    return _lexicon("harm_verbs.txt")


def _relief() -> frozenset[str]:
    return _lexicon("relief_verbs.txt")


def _counting() -> frozenset[str]:
    return _lexicon("counting_verbs.txt")


def _naming() -> frozenset[str]:
    return _lexicon("naming_verbs.txt")


@cache
def _by_reference() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs that refer the reader to a rule: (all of them, those whose doer is the text itself)."""
    entries = _lexicon("by_reference_verbs.txt")
    itself = frozenset(e[:-1].strip() for e in entries if e.endswith("="))
    return frozenset(e.rstrip("= ").strip() for e in entries), itself


@cache
def _animate_patterns() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Whole words, first syllables ("người *"), last syllables ("* viên") and exceptions ("!công viên")."""
    whole: set[str] = set()
    first: set[str] = set()
    last: set[str] = set()
    never: set[str] = set()
    for entry in _lexicon("agent_subject_nouns.txt"):
        if entry.startswith("!"):
            never.add(entry[1:].strip())
        elif entry.endswith(" *"):
            first.add(entry[:-2])
        elif entry.startswith("* "):
            last.add(entry[2:])
        else:
            whole.add(entry)
    return frozenset(whole), frozenset(first), frozenset(last), frozenset(never)


@lru_cache(maxsize=16384)
def is_animate_noun(word: str) -> bool:
    """Does this word (any case, any tone placement) name a person, a role or an organisation?"""
    key = _key(word)
    whole, first, last, never = _animate_patterns()
    if key in never:
        return False
    if key in whole:
        return True
    syllables = key.split()
    return len(syllables) > 1 and (syllables[0] in first or syllables[-1] in last)


_DUOC = _key("được")
_BI = _key("bị")
_MARKERS = frozenset({_DUOC, _BI})
_HAS_MARKER = re.compile(r"(?<!\w)(?:được|bị)(?!\w)", re.IGNORECASE)

_NEGATIONS = frozenset(_key(w) for w in ("không", "chưa", "chẳng", "chả", "đừng", "chớ"))
# Adverbs that may stand between a negation and the marker ("không hề được", "chưa từng bị").
_NEG_GAP = frozenset(_key(w) for w in ("hề", "từng", "còn", "bao giờ", "hề được", "cần", "nên"))
_PHEP = _key("phép")
_THI = _key("thì")
_COORD = frozenset(_key(w) for w in ("và", "hoặc", "nhưng", "mà còn", "đồng thời"))
_TU = _key("tự")
_HOA = _key("hóa")
_DE = _key("để")
_HIEU = _key("hiểu")
_NGUOI = _key("người")
_BEN = _key("bên")
# Personal pronouns that can be an agent after the marker ("được họ giúp"); other words the tagger
# calls pronouns ("sao", "này") cannot.
_PERSONAL = frozenset(
    _key(w)
    for w in (
        "tôi",
        "chúng tôi",
        "ta",
        "chúng ta",
        "mình",
        "họ",
        "nó",
        "chúng nó",
        "ai",
        "người ta",
        "bạn",
        "anh",
        "chị",
        "em",
        "ông",
        "bà",
        "cô",
        "chú",
        "bác",
        "cháu",
        "các em",
        "ông ấy",
        "bà ấy",
    )
)
_CHO = _key("cho")
_CONTINUE = frozenset(_key(w) for w in ("tiếp tục", "tiếp"))
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
    for w in (
        "khi",
        "lúc",
        "trong",
        "sau",
        "trước",
        "ngoài",
        "nơi",
        "bởi",
        "do",
        "theo",
        "tại",
        "để",
        "cho",
        "giữa",
        "trên",
        "dưới",
        "với",
        "cùng",
        "từ",
        "vào",
        "đến",
        "tới",
    )
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
    lower = sentence_text.lower()  # a match lowers to one of the syllables: most texts are decided here
    if "được" not in lower and "bị" not in lower:
        return False
    return _HAS_MARKER.search(sentence_text) is not None


# --------------------------------------------------------------------------- classification


_UNKNOWN = -2  # a stop of `_Sentence.back` not computed yet


def _head(key: str) -> str:
    """The first syllable of a key: a joined key starts with the first word's."""
    return key.split(" ", 1)[0]


@lru_cache(maxsize=65536)
def _word_info(word: str) -> tuple[str, str, bool, bool]:
    """A word's key, the key's first syllable, whether the word has no letter or digit, and whether it
    holds a marker syllable; cached (the sentences of a document repeat their words)."""
    key = _key(word)
    return key, _head(key), not any(c.isalnum() for c in word), not _MARKERS.isdisjoint(key.split())


# lexicon -> the first syllables of its entries; the lexicon is kept in the value so that its id is not reused
_FIRSTS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _first_syllables(lexicon: frozenset[str]) -> frozenset[str]:
    hit = _FIRSTS.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    if len(_FIRSTS) > 256:
        _FIRSTS.clear()
    firsts = frozenset(_head(e) for e in lexicon)
    _FIRSTS[id(lexicon)] = (lexicon, firsts)
    return firsts


class _Sentence:
    """Words, tags and keys of one sentence."""

    __slots__ = (
        "_back", "_counts", "_heads", "_keys", "_opening", "is_punct", "key", "markers", "n", "tags", "words",
    )  # fmt: skip

    def __init__(self, words: Sequence[str], tags: Sequence[str]) -> None:
        self.words = words
        self.tags = tags
        self.n = len(words)
        # keys, their first syllables and the punctuation test are read many times per word: computed once
        # (from caches per distinct word) and read by plain list indexing
        infos = [_word_info(w) for w in words]
        self._keys = keys = [info[0] for info in infos]
        self._heads = [info[1] for info in infos]
        self.key: Callable[[int], str] = keys.__getitem__
        punct = [t == "CH" or info[2] for info, t in zip(infos, tags, strict=False)]
        self.is_punct: Callable[[int], bool] = punct.__getitem__
        self.markers = [i for i, info in enumerate(infos) if info[3]]  # the words holding "được" or "bị"
        self._back: dict[str, list[int]] = {}
        self._counts: dict[str, list[int]] = {}
        self._opening: int | None = None

    # Scans that every marker of a sentence repeats are computed once per sentence, so that a sentence
    # with many markers costs linear time (issue 18): the nearest stop to the left of a position, the
    # number of words of a kind in a range, and how far the unit's opening (no subject) extends.

    def back(self, name: str, goes_on: Callable[[_Sentence, int], bool], hi: int) -> int:
        """The largest index below `hi` where `goes_on` is false, or -1 (a backward scan, memoised: each
        position is tested at most once per name, and only those some scan reaches)."""
        stops = self._back.get(name)
        if stops is None:
            stops = [_UNKNOWN] * (self.n + 1)
            stops[0] = -1
            self._back[name] = stops
        if hi < 0:
            hi += self.n + 1  # the list's own indexing, as when the whole list was filled at once
        stop = stops[hi]
        if stop != _UNKNOWN:
            return stop
        h = hi
        while True:
            if not goes_on(self, h - 1):
                stop = h - 1
                break
            h -= 1
            if stops[h] != _UNKNOWN:
                stop = stops[h]
                break
        for p in range(h, hi + 1):
            stops[p] = stop
        return stop

    def count(self, name: str, kind: Callable[[_Sentence, int], bool], lo: int, hi: int) -> int:
        """How many indices in [lo, hi) satisfy `kind` (prefix sums, memoised)."""
        sums = self._counts.get(name)
        if sums is None:
            sums = [0] * (self.n + 1)
            for p in range(self.n):
                sums[p + 1] = sums[p] + (1 if kind(self, p) else 0)
            self._counts[name] = sums
        lo, hi = max(lo, 0), min(hi, self.n)
        return sums[hi] - sums[lo] if hi > lo else 0

    def opening(self) -> int:
        """Index of the first word that is not a label, an adverb or punctuation (`n` when none)."""
        if self._opening is None:
            j = 0
            while j < self.n and _opening_word(self, j):
                j += 1
            self._opening = j
        return self._opening

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < self.n else ""

    def match(self, i: int, lexicon: frozenset[str], longest: int = 3) -> int:
        """Number of words (longest first) starting at `i` that form a lexicon entry; 0 if none."""
        if 0 <= i < self.n and self._heads[i] not in _first_syllables(lexicon):
            return 0  # no entry starts with the word's first syllable
        keys = self._keys
        for size in range(min(longest, self.n - i), 0, -1):
            if size == 1:
                if keys[i] in lexicon:
                    return 1
            elif " ".join(keys[i : i + size] if i >= 0 else [keys[j] for j in range(i, i + size)]) in lexicon:
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


_LABEL = re.compile(r"^(?:[0-9]{1,3}|[a-zđ]|[ivxlc]{1,6})$", re.IGNORECASE)


def _is_label(s: _Sentence, j: int) -> bool:
    """A list label word at the start of the unit ("b", "3", "iv" before ")" or ".")."""
    return _LABEL.match(s.words[j]) is not None and j + 1 < s.n and s.words[j + 1] in (")", ".")


def _opening_word(s: _Sentence, j: int) -> bool:
    return (
        s.is_punct(j)
        or s.tag(j) in ("R", "Ni", "M")
        or s.key(j) in _NEGATIONS
        or s.key(j) in _PRE_MARKER
        or (j <= 2 and _is_label(s, j))
    )


def _sentence_start(s: _Sentence, i: int) -> bool:
    """True when only list labels, adverbs or punctuation precede `i` (no subject: a rule or a heading)."""
    return i <= s.opening()


Subject = Literal["animate", "inanimate", "none", "elided"]

# Words between the subject and the marker that belong to the predicate ("chỉ được", "mới được",
# "cũng không được", "có thể được", "phải được", "đề nghị được").
_PRE_MARKER = frozenset(
    _key(w)
    for w in (
        "chỉ",
        "mới",
        "cũng",
        "vẫn",
        "đều",
        "còn",
        "đã",
        "đang",
        "sẽ",
        "từng",
        "hề",
        "thường",
        "luôn",
        "chưa",
        "không",
        "chẳng",
        "có thể",
        "có",
        "thì",
    )
)
# Clause openers: the subject of the marker starts after them ("nếu hội đồng chưa được…").
_CLAUSE_OPENERS = frozenset(
    _key(w)
    for w in (
        "thì",
        "nếu",
        "khi",
        "mà",
        "để",
        "nhưng",
        "song",
        "vì",
        "bởi vì",
        "do",
        "sau khi",
        "trước khi",
        "trong khi",
        "như",
        "tuy",
        "dù",
        "mặc dù",
        "trừ",
        "trừ khi",
        "hoặc",
        "và",
        "hay",
        "rằng",
        "là",
        "lúc",
        "nơi",
        "thay vì",
    )
)
# Nouns that frame the subject rather than head it ("Trường hợp tổ hợp tác được…").
_FRAME_NOUNS = frozenset(_key(w) for w in ("trường hợp", "đối với", "riêng", "về", "tại", "trong", "đến nay"))
_NOUN_TAGS = frozenset({"N", "Nc", "Np", "Ny", "Nu", "P"})
_NOMINALISERS = frozenset(_key(w) for w in ("việc", "sự", "cuộc", "công tác", "hoạt động"))


def _segment_head(s: _Sentence, lo: int, hi: int) -> int | None:
    """Index of the head noun of the noun phrase that opens words[lo:hi] (None when none opens it)."""
    k = lo
    frame = None
    while k < hi and (
        s.tag(k) in ("L", "M", "R")
        or s.key(k) in _FRAME_NOUNS
        or s.key(k) in _QUANTIFIERS
        or (k <= lo + 2 and _is_label(s, k))
    ):
        if s.key(k) in _FRAME_NOUNS:
            frame = k
        k += 1
    if k >= hi:
        return frame  # "trong trường hợp được quy định…": the frame noun is the subject
    if is_animate_noun(s.words[k]) or s.tag(k) in _NOUN_TAGS:
        return k
    if s.tag(k) == "V" and k == hi - 1 and s.key(k) not in _MODALS and s.key(k) not in _REQUESTS:
        return k  # "quy hoạch chưa được thực hiện": a noun the tagger reads as a verb, then the marker
    return None


def _clause_subject(s: _Sentence, i: int) -> tuple[Subject, int | None]:
    """The subject of the clause whose predicate starts with the marker at `i`, and its head.

    "none": nothing but list labels before the marker (a list item, a rule heading); "elided": the
    clause opens right before the marker ("…, thì được tiếp tục…"). The subject is the first noun of
    the clause; when the nearest comma-separated segment is a bare noun phrase (a conjunct of a
    coordination: "bên thuê, bên mượn được…"), earlier conjuncts are read too, and any person or
    body among their heads makes the subject animate.
    """
    j = s.back("pre_marker", _pre_marker_word, i)
    if j < 0 or _sentence_start(s, j + 1):
        return "none", None
    if s.key(j) in _COORD or (s.words[j] in (",", ";") and j > 0):
        # "… dễ đọc, không được viết tắt", "… và không được …": a further predicate shares the
        # subject of the first one
        return _shared_subject(s, j)
    if s.key(j).split()[-1] == _QUYEN:
        return "elided", None  # "quyền được tự chọn": the holder of the right acts
    if s.key(j) == _THI:
        # "Người thuộc các trường hợp sau thì không được…": the topic before "thì" is the subject,
        # unless that clause is a condition ("Khi phát hiện sai sót thì không được…").
        return ("elided", None) if _condition_before(s, j) else _shared_subject(s, j)
    if s.key(j) in _FRAME_NOUNS:
        return "inanimate", j  # "trong trường hợp được quy định tại…"
    if s.is_punct(j) or s.key(j) in _CLAUSE_OPENERS or s.tag(j) in ("C", "CH"):
        return "elided", None
    heads: list[int] = []
    hi = j + 1
    for _ in range(4):
        lo = s.back("clause", _in_clause, hi)
        head = _segment_head(s, lo + 1, hi)
        if head is None:
            if not heads and lo >= 1 and s.words[lo] == ",":
                return _shared_subject(s, lo)  # "Công tác kiểm tra, giám sát … chưa được coi trọng"
            break
        heads.append(head)
        if is_animate_noun(s.words[head]):
            return "animate", head
        verbless = s.count("verb", _plain_verb, head, hi) == 0
        if not (verbless and lo >= 1 and s.words[lo] == "," and s.tag(lo - 1) != "V"):
            break
        hi = lo
    if not heads:
        return "elided", None
    holder = _right_holder(s, heads[0], i)
    if holder is not None:
        return "animate", holder  # "quyền của chủ thể được khai thác thông tin": the holder acts
    # a place ("Khu vực … không được phép chăn nuôi") is neither actor nor patient; a proper name is
    # animate unless it is only capitalised as the unit's first word
    return _head_class(s, heads[0])


def _right_holder(s: _Sentence, head: int, i: int) -> int | None:
    """For a subject "quyền (hạn) của X" before the marker at `i`, the person or body X who holds the right
    and acts when it is used ("Quyền của người thuê được sử dụng …"); None otherwise."""
    if s.key(head).split()[0] != _QUYEN or head + 1 >= i or s.key(head + 1) != _key("của"):
        return None
    return next((k for k in range(head + 2, i) if is_animate_noun(s.words[k])), None)


def _shared_subject(s: _Sentence, k: int) -> tuple[Subject, int | None]:
    """Subject of a predicate that follows a comma, a semicolon, "và/hoặc" or "thì" at `k`.

    Walks back over the comma-separated segments to the last strong boundary (";", ":", a clause
    conjunction or the start of the unit) and takes the earliest segment that opens with a noun and
    holds a verb: further predicates ("dễ đọc", "không được viết tắt") and conjoined objects ("phạm
    vi và thời gian kiểm tra") come after the subject, never before it.
    """
    hi = k
    found: tuple[Subject, int | None] | None = None
    for _ in range(10):
        lo = s.back("segment", _in_segment, hi)
        start = lo + 1
        while start < hi and (
            s.tag(start) in ("R", "M", "L", "Ni") or _is_label(s, start) or s.key(start) in _QUANTIFIERS
        ):
            start += 1
        has_verb = s.count("verb_or_marker", _verb_or_marker, start + 1, hi) > 0
        if start < hi and has_verb and _nominal_start(s, start, lo):
            head = _segment_head(s, start, hi) if s.tag(start) != "V" else start
            if head is not None:
                found = _head_class(s, head)
        if lo < 0 or s.words[lo] in (".", ":", ";", "(", ")") or s.tag(lo) == "C":
            break
        if s.key(lo) in _CLAUSE_OPENERS and s.key(lo) not in _COORD:
            break
        hi = lo
    if found is not None:
        return found
    return ("none", None) if _sentence_start(s, k) or hi <= 0 else ("elided", None)


def _nominal_start(s: _Sentence, k: int, boundary: int) -> bool:
    """Does a noun phrase open at `k`? A word the tagger calls a verb counts at the start of the unit
    when a preposition follows it ("Chữ viết trong văn bản … phải rõ ràng")."""
    if s.tag(k) in _NOUN_TAGS or is_animate_noun(s.words[k]):
        return True
    return s.tag(k) == "V" and k + 1 < s.n and s.tag(k + 1) == "E" and _sentence_start(s, k)


def _head_class(s: _Sentence, head: int) -> tuple[Subject, int | None]:
    """Animate or inanimate, for the head noun of a subject."""
    if is_animate_noun(s.words[head]):
        return "animate", head
    if s.key(head) in _LOCATIVE_HEADS:
        return "elided", None
    if s.tag(head) == "Np" and s.key(head) not in _NOMINALISERS and not _sentence_start(s, head):
        return "animate", head
    if s.tag(head) == "P" and s.key(head) not in _DEMONSTRATIVES:
        return "animate", head
    return "inanimate", head


_QUANTIFIERS = frozenset(
    _key(w)
    for w in (
        "nhiều",
        "một số",
        "các",
        "những",
        "mọi",
        "toàn bộ",
        "tất cả",
        "mỗi",
        "từng",
        "cả",
        "hầu hết",
        "phần lớn",
    )
)


def _pre_marker_word(s: _Sentence, j: int) -> bool:
    return (
        s.key(j) in _PRE_MARKER or s.key(j) in _MODALS or s.tag(j) == "R" or s.words[j] in _QUOTES
    ) and s.key(j) != _THI


def _in_clause(s: _Sentence, lo: int) -> bool:
    return (
        (not s.is_punct(lo) or s.words[lo] in _INNER_PUNCT)
        and (s.key(lo) not in _CLAUSE_OPENERS or _relative_do(s, lo))
        and s.tag(lo) != "C"
    )


def _in_segment(s: _Sentence, lo: int) -> bool:
    return (
        not (s.is_punct(lo) and s.words[lo] not in _INNER_PUNCT)
        and s.tag(lo) != "C"
        and s.key(lo) not in _CLAUSE_OPENERS
    )


def _in_phrase(s: _Sentence, k: int) -> bool:
    return not (s.is_punct(k) and s.words[k] not in _INNER_PUNCT)


def _plain_verb(s: _Sentence, k: int) -> bool:
    return s.tag(k) == "V" and not is_animate_noun(s.words[k])


def _verb_or_marker(s: _Sentence, k: int) -> bool:
    return _plain_verb(s, k) or s.key(k) in _MARKERS


def _relative_do(s: _Sentence, k: int) -> bool:
    """Is "do" at `k` the agent marker of a relative clause inside a noun phrase ("Giấy tờ do cơ quan
    nước ngoài cấp phải được …")?"""
    return s.key(k) == _DO and k > 0 and s.tag(k - 1) in ("N", "Np") and s.tag(k) != "C"


def _condition_before(s: _Sentence, thi: int) -> bool:
    """Does the clause that ends at "thì" open with a condition or time word ("Khi …", "Nếu …")?"""
    k = s.back("phrase", _in_phrase, thi) + 1
    while k < thi and (s.tag(k) in ("R", "M", "Ni") or _is_label(s, k) or s.is_punct(k)):
        k += 1
    return k < thi and (s.match(k, _CONDITIONS) > 0 or s.tag(k) == "C")


_CONDITIONS = frozenset(
    _key(w)
    for w in (
        "khi",
        "nếu",
        "trường hợp",
        "trong trường hợp",
        "sau khi",
        "trước khi",
        "trong khi",
        "lúc",
        "hễ",
        "giả sử",
        "một khi",
        "kể từ khi",
        "đối với",
        "với",
        "để",
        "muốn",
        "trong thời gian",
    )
)
# Heads that name a place: "Khu vực miền núi được tuyển …" is a locative topic, not the actor or patient.
_LOCATIVE_HEADS = frozenset(
    _key(w) for w in ("khu vực", "vùng", "địa bàn", "nơi", "miền", "khu", "tuyến", "lãnh thổ", "vùng miền")
)
_INNER_PUNCT = frozenset("/-–")

_DEMONSTRATIVES = frozenset(
    _key(w) for w in ("này", "đó", "đây", "kia", "ấy", "nọ", "đấy", "nào", "gì", "sau đây")
)


def _animate_subject(s: _Sentence, i: int) -> bool:
    """Is the subject of the clause before `i` a person or an organisation (or a personal pronoun)?"""
    return _clause_subject(s, i)[0] == "animate"


def _has_object(s: _Sentence, k: int) -> bool:
    """Does a noun phrase (the verb's own object) start at `k` (after an optional particle)?"""
    if k < s.n - 1 and s.key(k) in _VERB_PARTICLES and s.tags[k] != "E":
        k += 1
    return k < s.n and s.nounish(k) and s.key(k) not in _NOT_OBJECT and not _measure_follows(s, k)


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


def _find_verb_after_np(s: _Sentence, j: int, limit: int = 24, strict: bool = False) -> int | None:
    """Index of the verb that closes an agent NP starting at `j` ("được [cơ quan có thẩm quyền] cấp").

    `strict` (after a verb + "được", where a potential reading competes) also refuses adverbs and
    coordination inside the NP and a verb that has its own object.
    """
    k = j
    seen_noun = False
    opened = False
    while k < s.n and k - j < limit:
        tag = s.tag(k)
        key = s.key(k)
        if s.is_punct(k):
            if s.words[k] in _QUOTES or s.words[k] in "-–()":
                k += 1
                continue
            if (
                not strict
                and s.words[k] == ","
                and seen_noun
                and k + 1 < s.n
                and (
                    is_animate_noun(s.words[k + 1])
                    or s.match(k + 1, _agent_nouns()) > 0
                    or (s.tag(k + 1) in ("N", "Np") and _agent_head(s, j))
                )
            ):
                k += 1  # coordinated agents: "được cơ quan, tổ chức có thẩm quyền giao"
                opened = True
                continue
            if not strict and s.words[k] == "," and opened and k + 1 < s.n and s.tag(k + 1) == "V":
                return k + 1  # "được PGS A, Hiệu trưởng Trường B, đưa ra": an apposition closes
            return None
        size = s.match(k, _agent_nouns())
        if size:
            k += size
            seen_noun = True
            continue
        if tag == "V":
            if seen_noun and k > 0 and s.words[k][:1].isupper() and not s.is_punct(k - 1):
                k += 1  # "Sở Xây dựng", "Bộ Tư pháp": a capitalised name part the tagger reads as a verb
                continue
            if key in _NP_INNER_VERBS and k + 1 < s.n and s.tag(k + 1) in ("N", "Np"):
                k += 2  # "có thẩm quyền", "trực thuộc trung ương" inside the NP
                continue
            if key == _LA or not seen_noun:
                return None
            if strict and (key == _CO or _has_object(s, k + 1) or k + 1 >= s.n or s.is_punct(k + 1)):
                return None  # "phát triển được Văn phòng công chứng.": a name, not an agent + verb
            return k
        if key == _CHO and seen_noun and not strict and k + 1 < s.n and s.key(k + 1) in _CHO_OBJECTS:
            return k  # "được Thường trực Hội đồng nhân dân tỉnh cho ý kiến", "được Ủy ban cho phép"
        if tag in ("C", "CH"):
            return None
        if tag == "Cc":
            if not strict and seen_noun and k > j + 1 and k + 1 < s.n and s.tag(k + 1) == "V":
                return (
                    k - 1
                )  # "được Bộ trưởng … khoanh định và công bố": coordinated verbs, the first mis-tagged
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


_CHO_OBJECTS = frozenset(_key(w) for w in ("ý kiến", "phép", "thuê", "vay", "mượn", "thôi việc", "nghỉ"))
_NP_INNER_VERBS = frozenset(_key(w) for w in ("có", "trực thuộc", "thuộc"))


def _agent_head(s: _Sentence, j: int) -> bool:
    """Does the agent phrase at `j` open with a person or a body ("cơ quan … về tín ngưỡng, tôn giáo")?"""
    while j < s.n and s.tag(j) in ("L", "M"):
        j += 1
    return j < s.n and (is_animate_noun(s.words[j]) or s.match(j, _agent_nouns()) > 0)


def _agent_after(s: _Sentence, v_end: int) -> tuple[int, int] | None:
    """Agent phrase after the verb: "… bởi NP", also a few words on ("được chứng thực từ bản chính
    bởi cơ quan, tổ chức có thẩm quyền", "được thông báo công khai bởi …"), or "… do NP V"."""
    k = v_end
    while k < s.n and k - v_end < 3 and s.tag(k) == "R" and s.key(k) not in (_BOI, _DO):
        k += 1
    if k >= s.n:
        return None
    if s.key(k) == _DO and k == v_end:
        verb = _find_verb_after_np(s, k + 1, limit=7)
        if verb is not None and verb > k + 1:
            return (k + 1, verb)
        return None
    for b in range(k, min(k + 7, s.n)):
        key = s.key(b)
        if key == _BOI:
            end = _agent_np_end(s, b + 1)
            return (b + 1, end) if end > b + 1 else None
        if s.is_punct(b) or key in _MARKERS or s.tag(b) in ("C", "Cc") or (s.tag(b) == "V" and b > k):
            return None
    return None


def _agent_np_link(s: _Sentence, j: int, k: int) -> bool:
    """A comma or "và/hoặc" before another person or body, or "của/ở/tại" before a noun, inside an
    agent phrase that started at `k`."""
    if j <= k or j + 1 >= s.n:
        return False
    if s.words[j] == "," or s.tag(j) == "Cc":
        return is_animate_noun(s.words[j + 1]) or s.match(j + 1, _agent_nouns()) > 0
    return s.key(j) in ("của", "ở", "tại") and s.tag(j + 1) in ("N", "Np")


def _agent_np_end(s: _Sentence, k: int) -> int:
    """End of an agent noun phrase after "bởi": nouns and modifiers, "có thẩm quyền", and conjuncts
    joined by commas or "và/hoặc" ("bởi cơ quan, tổ chức có thẩm quyền"); up to 16 words."""
    j = k
    while j < s.n and j - k < 16:
        tag, key = s.tag(j), s.key(j)
        if s.match(j, _agent_nouns()) or (tag in _NOUNISH and tag != "P") or tag in ("A", "M", "Nu"):
            j += max(1, s.match(j, _agent_nouns()))
        elif key in _NP_INNER_VERBS and j + 1 < s.n and s.tag(j + 1) in ("N", "Np") and j > k:
            j += 2
        elif _agent_np_link(s, j, k):
            j += 1
        else:
            break
    return j


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


def _verb_use(
    s: _Sentence, i: int, v: int, size: int, is_bi: bool, negated: bool, context: bool | None = None
) -> MarkerUse:
    """Marker `i` directly governs the verb at `v` (spanning `size` words).

    `context` says whether the subject given by the context (the chapeau of a list) is a person or
    a body, for a marker whose own clause has no subject; None when unknown.
    """
    v_end = v + size
    if is_bi and s.match(v, _bi_main()) and not (v_end < s.n and s.key(v_end) == _BOI):
        # "bị chấn thương với những va đập bởi sóng": a cause further on, not an agent; right after
        # the verb "bởi" still names one ("bị ô nhiễm bởi chất thải")
        return MarkerUse(i, "main_verb", i + 1, v, None)
    agent = _agent_after(s, v_end)
    if agent is not None:
        return MarkerUse(i, "passive_long", v_end, v, agent)
    if not is_bi and s.key(v) == _LA:
        return MarkerUse(
            i, "prohibition" if negated else "permission", i + 1, v, None
        )  # "không được đồng thời là…"
    if not is_bi and (
        (v_end < s.n and s.key(v_end) in _COPULA) or s.key(v_end - 1).split()[-1] in ("là", "như")
    ):
        return MarkerUse(i, "passive_short", v_end, v, None)  # "được xem là", "được gọi là", "được ví như"
    obj = _has_object(s, v_end)
    if is_bi:
        if s.match(v, _bi_main()):
            return MarkerUse(i, "main_verb", i + 1, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)

    subject, head = _clause_subject(s, i)
    if subject in ("none", "elided") and context is not None:
        subject = "animate" if context else "inanimate"
    if head is not None and head == i - 1 and s.key(head) == _NGUOI:
        subject = "inanimate"  # "người được giám hộ": a role named by a relative passive, not an actor
    acting: Label = "prohibition" if negated else "permission"

    # "được tự quyết định", "được tiếp tục sử dụng": the subject acts of its own accord or goes on
    # doing what it did; the construction is permission whatever the verb, unless a thing is the subject.
    if subject != "inanimate" and (
        any(s.key(k) == _TU for k in range(i + 1, v))
        or (s.key(v) in _CONTINUE and v_end < s.n and s.tag(v_end) == "V")
    ):
        return MarkerUse(i, acting, i + 1, v_end if s.key(v) in _CONTINUE else v, None)

    if s.key(v) in _ENJOY:
        # "được hưởng", "được thụ hưởng": the subject is always the one who enjoys, never the thing enjoyed
        return MarkerUse(i, "passive_beneficiary", _object_end(s, v_end) if obj else v_end, v, None)
    if s.match(v, _granting()) == size:
        # The giver as subject: "chỉ được giao nhiệm vụ cho một đơn vị", "không được ủy quyền cho…".
        if subject in ("animate", "none") and (_gives_to(s, v_end) or _person_object(s, v_end)):
            return MarkerUse(i, acting, i + 1, v, None)
        # Recipient subject: an object follows ("được miễn thuế") or the subject is a person or body
        # ("người dân được bồi thường"); the thing given as subject is a plain passive ("bản sao được cấp").
        if subject != "inanimate" and (
            obj
            or (v_end < s.n and s.tag(v_end) == "V" and s.key(v_end) not in _NOT_OBJECT)
            or (subject == "none" and _verb_complement(s, v_end))
        ):
            return MarkerUse(i, "passive_beneficiary", _object_end(s, v_end), v, None)
        if subject == "animate" or (subject == "elided" and i > 0 and s.key(_before_negation(s, i)) == _THI):
            # "… thì không được bồi thường": the party named in the condition is the one not compensated
            return MarkerUse(i, "passive_beneficiary", v_end, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)

    if negated and s.match(v, _causer()):
        # "không được vượt quá…", "không được làm ảnh hưởng…": the subject is a cause or a measure.
        return MarkerUse(i, "prohibition", i + 1, v, None)
    person_patient = s.match(v, _person_patient()) > 0
    if (
        s.match(v, _permission())
        and not (person_patient and subject == "animate")
        and (subject != "inanimate" or not _event_aspect(s, i))
    ):
        return MarkerUse(i, acting, i + 1, v, None)
    if s.key(v) == _LA:
        return MarkerUse(i, acting, i + 1, v, None)  # "không được đồng thời là…": the copula, not a passive
    if negated and obj and not person_patient and s.match(v, _agentive()):
        # "Mẫu đơn không được yêu cầu thêm điều kiện", "… không được sử dụng chức danh đó": with its
        # own object after it, the verb cannot have the subject as its patient.
        return MarkerUse(i, "prohibition", i + 1, v, None)
    if subject == "inanimate":
        if obj and not negated and _limited(s, i, only=True) and s.match(v, _agentive()):
            # "…; chỉ được sử dụng loại thiết bị…": an object after a verb of use or trade, under
            # "chỉ", makes the actor of the sentence the subject, whatever noun came before
            return MarkerUse(i, "permission", i + 1, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)
    if negated:
        # "Doanh nghiệp không được góp vốn…", "e) Không được cung cấp…", "…; không được xúi giục…":
        # a duty of an acting subject, unless the verb is done to people ("chưa được đào tạo").
        if person_patient and subject == "animate":
            return MarkerUse(i, "passive_short", v_end, v, None)
        if subject in ("animate", "none"):
            return MarkerUse(i, "prohibition", i + 1, v, None)
        if not person_patient and (obj or _verb_complement(s, v_end)):
            # subject left out: "…thì không được tẩy xóa làm mất dấu vết": a duty; with the verb
            # bare ("… mà không được chấp nhận") the left-out subject is its patient
            return MarkerUse(i, "prohibition", i + 1, v, None)
        return MarkerUse(i, "passive_short", v_end, v, None)
    complement = obj or _verb_complement(s, v_end) or _limited(s, i, only=True)
    if complement and not person_patient and i > 0 and s.key(i - 1) in _REQUESTS:
        # "xin được thu phí…", "muốn được nâng trình độ…": the one who asks will act
        return MarkerUse(i, "permission", i + 1, v, None)
    if subject in ("animate", "none"):
        # A person or body (or the holder named in a list's chapeau) "được" + V + object/complement
        # acts ("Thí sinh được điều chỉnh nguyện vọng", "đ) Được sao chụp tài liệu"); it undergoes
        # the act when the verb is done to people ("được đào tạo"), when an event is reported
        # ("đã được chuyển lên bệnh viện"), or when the verb stands bare or before a measure phrase
        # ("người dân sẽ được đăng ký khi…", "Thành phố được mở rộng gấp bốn lần").
        if (
            person_patient
            and head is not None
            and _is_body(s.words[head])
            and _object_after(s, v + max(size, s.match(v, _person_patient())))
            and not _event_aspect(s, i)
        ):
            # "Tòa án chỉ được xem xét, đối chiếu hồ sơ …": a body is not trained or examined; with its own
            # object after the verb it acts
            return MarkerUse(i, "permission", i + 1, v, None)
        if person_patient or not complement or _event_aspect(s, i):
            return MarkerUse(i, "passive_short", v_end, v, None)
        return MarkerUse(i, "permission", i + 1, v, None)
    if complement and not person_patient and i > 0 and s.key(i - 1) == _DE:
        # "để được khai thác cát": the purpose of the actor of the sentence
        return MarkerUse(i, "permission", i + 1, v, None)
    if obj and (s.match(v, _agentive()) > 0 or _limited(s, i)) and not person_patient:
        # Subject left out ("thì chỉ được lấy lại nhà…"): a limited right of the actor of the sentence.
        return MarkerUse(i, "permission", i + 1, v, None)
    return MarkerUse(i, "passive_short", v_end, v, None)


# First words of the names of bodies (not persons): a body acts on files and cases, it is not trained or treated.
_BODY_HEADS = frozenset(
    _key(w)
    for w in (
        "cơ quan",
        "tòa án",
        "tòa",
        "viện",
        "viện kiểm sát",
        "ủy ban",
        "hội đồng",
        "bộ",
        "sở",
        "cục",
        "chính phủ",
        "quốc hội",
        "doanh nghiệp",
        "công ty",
        "ngân hàng",
        "văn phòng",
        "thanh tra",
        "kho bạc",
        "cảng vụ",
    )
)


def _is_body(word: str) -> bool:
    """Does the word name a body rather than a person ("Tòa án", "Cơ quan điều tra", "Sở Tư pháp")?"""
    syllables = _key(word).split()
    return any(" ".join(syllables[:n]) in _BODY_HEADS for n in (1, 2))


def _object_after(s: _Sentence, k: int) -> bool:
    """A noun object at `k`, or coordinated verbs sharing one ("xem xét, đối chiếu hồ sơ"); "được hỏi ý kiến"
    has none after the whole verb."""
    return _has_object(s, k) or (k < s.n and s.words[k] == "," and _verb_complement(s, k))


def _before_negation(s: _Sentence, i: int) -> int:
    """Index of the word before the marker at `i` and any negation or adverb in front of it."""
    j = i - 1
    while j > 0 and (s.key(j) in _NEGATIONS or s.tag(j) == "R"):
        j -= 1
    return j


def _verb_complement(s: _Sentence, k: int) -> bool:
    """A verb or a purpose clause right after the verb ("được đăng ký dự tuyển", "được sử dụng để…")."""
    if k < s.n and s.key(k) in _VERB_PARTICLES and s.tag(k) != "E" and k + 1 < s.n and s.tag(k + 1) == "V":
        k += 1
    if k >= s.n:
        return False
    if s.words[k] == "," and k + 2 < s.n and s.tag(k + 1) == "V" and s.key(k + 1) not in _MARKERS:
        # "Được đọc, ghi chép bản sao …", "Được liên doanh, liên kết với …": coordinated verbs share the
        # object or the complement
        return _has_object(s, k + 2) or (s.tag(k + 2) == "E" and s.key(k + 2) not in (_KHI, _DE))
    if s.key(k) in _MODALS or s.key(k) in _REQUESTS or s.key(k) == _CO:
        return False  # "tổ chức được chấp thuận phải thông báo …": the main predicate begins
    return (s.tag(k) == "V" and s.key(k) not in _NOT_OBJECT and not _measure_follows(s, k)) or s.key(k) == _DE


_KHI = _key("khi")
_ENJOY = frozenset(_key(w) for w in ("hưởng", "thụ hưởng", "lĩnh"))
_REQUESTS = frozenset(_key(w) for w in ("xin", "đề nghị", "muốn", "mong", "mong muốn", "yêu cầu", "đòi"))
_EVENT_ASPECT = frozenset(_key(w) for w in ("đã", "vừa", "đang", "từng", "vừa mới", "chính thức"))


def _event_aspect(s: _Sentence, i: int) -> bool:
    """Is the marker in "đã/vừa/đang/từng được" (a reported event, not a right)?"""
    j = i - 1
    while j >= 0 and (s.tag(j) in ("R", "A") or s.key(j) in _EVENT_ASPECT) and i - j <= 3:
        if s.key(j) in _EVENT_ASPECT:
            return True
        j -= 1
    return False


def _bare_transitive(s: _Sentence, v: int, v_end: int, negated: bool) -> bool:
    """A transitive verb with neither object nor complement: its object is the subject
    ("Văn phòng công chứng chỉ được chuyển nhượng khi…", "người dân sẽ được đăng ký khi…")."""
    if negated or not s.match(v, _agentive()):
        return False
    return v_end >= s.n or s.is_punct(v_end) or (s.key(v_end) in _NOT_OBJECT and s.key(v_end) != _DE)


def _limited(s: _Sentence, i: int, only: bool = False) -> bool:
    """Is the marker in "chỉ được" / "mới được" (a right granted within limits)? With `only`, "chỉ"
    alone counts, as "mới" also reports an event."""
    j = i - 1
    while j >= 0 and s.tag(j) == "R" and s.key(j) not in _ONLY:
        j -= 1
    return j >= 0 and s.key(j) in _ONLY and (not only or s.key(j) != _key("mới"))


_ONLY = frozenset(_key(w) for w in ("chỉ", "mới", "chỉ có"))


def _measure_follows(s: _Sentence, k: int) -> bool:
    """Does a measure, time or frequency phrase follow ("gấp bốn lần", "định kỳ hằng tháng", "3 năm")?"""
    if k >= s.n:
        return False
    if s.key(k) in _MEASURE_WORDS:
        return True
    if s.key(k) in _APPROX and k + 1 < s.n and (s.tag(k + 1) == "M" or s.key(k + 1) in _MEASURE_WORDS):
        return True
    return s.tag(k) == "M" and k + 1 < s.n and (s.key(k + 1) in _TIME_UNITS or s.tag(k + 1) == "Nu")


_MEASURE_WORDS = frozenset(
    _key(w)
    for w in (
        "gấp",
        "định kỳ",
        "hằng năm",
        "hàng năm",
        "hằng tháng",
        "hàng tháng",
        "hằng quý",
        "hàng quý",
        "hằng ngày",
        "hàng ngày",
        "hằng tuần",
        "hàng tuần",
        "mỗi năm",
        "mỗi tháng",
        "mỗi lần",
        "nhiều lần",
        "một lần",
    )
)
_APPROX = frozenset(
    _key(w) for w in ("gần", "khoảng", "hơn", "trên", "dưới", "tới", "đến", "tối đa", "tối thiểu", "thêm")
)


def _person_object(s: _Sentence, k: int) -> bool:
    """A person or body as the object of a verb of giving: the subject sends or assigns them
    ("Chỉ được đưa người lao động có hợp đồng…", "được cử cán bộ…")."""
    while k < s.n and s.tag(k) == "L":
        k += 1
    return k < s.n and s.tag(k) in ("N", "Nc") and is_animate_noun(s.words[k])


def _gives_to(s: _Sentence, k: int) -> bool:
    """Does "cho" + a noun phrase follow at `k`, possibly after the object ("giao nhiệm vụ cho…")?"""
    for j in range(k, min(k + 6, s.n)):
        if s.key(j) == _CHO:
            return j + 1 < s.n and (s.nounish(j + 1) or is_animate_noun(s.words[j + 1]))
        if s.is_punct(j) or s.tag(j) in ("V", "C", "E"):
            return False
    return False


def _classify_one(s: _Sentence, i: int, context: bool | None = None) -> MarkerUse:
    use = _classify_core(s, i, context)
    if use.is_passive and _duty(s, i):
        use = replace(use, duty=True)
    if use.is_passive:
        if _role_noun(s, i, use):
            return replace(use, role_noun=True)
        if (
            use.verb is not None
            and s.key(use.verb) == _HIEU
            and _key("như") in (s.key(use.verb + 1) if use.verb + 1 < s.n else "")
        ):
            return replace(use, formula=True)
        if use.label == "passive_short":
            kind = _legal_convention(s, use)
            if kind is not None:
                return replace(use, convention=kind)
        elif use.label == "passive_beneficiary" and _attributive(s, i):
            return replace(use, convention="status")  # "diện tích đất được giao": a status, not a grant
    return use


_DUTY = frozenset(_key(w) for w in ("phải", "cần", "chỉ", "nên", "cần phải", "buộc phải"))


def _duty(s: _Sentence, i: int) -> bool:
    """Is the marker at `i` under a modal of duty or restriction ("phải được gửi", "cần được bảo vệ", "chỉ
    được sử dụng", possibly with "đã/sẽ/cũng/đều" between)? "không được" is left out: with a passive it
    mostly reports that something did not happen ("bên có nghĩa vụ không được thông báo").

    Not a duty: "chỉ được" + a condition on when the thing may happen ("… chỉ được thực hiện khi …", "chỉ
    được điều chỉnh trong các trường hợp sau"), a restriction that the law attaches to an event whoever
    acts; and a passive inside a condition ("trong trường hợp điều ước chỉ được ký bằng tiếng nước ngoài").
    """
    j = i - 1
    steps = 0
    while j >= 0 and steps < 3:
        k = s.key(j)
        if k in _DUTY:
            if k == _CHI and _condition_follows(s, i):
                return False
            return not (_in_condition(s, j) or _defining_clause(s, j) or _act_subject(s, j) or _before_thi(s, i))
        if s.tag(j) != "R" and k not in _PRE_MARKER:
            return False
        j -= 1
        steps += 1
    return False


_CHI = _key("chỉ")
# Words that open a condition or a time limit after the verb ("chỉ được tiến hành khi …", "… nếu …").
_CONDITION_OPENERS = frozenset(
    _key(w)
    for w in (
        "khi",
        "nếu",
        "sau khi",
        "trước khi",
        "trường hợp",
        "trong trường hợp",
        "với điều kiện",
        "kể từ khi",
        "một khi",
    )
)
_CONDITION_NOUNS = frozenset(_key(w) for w in ("trường hợp", "điều kiện"))
_TIME_FRAMES = frozenset(_key(w) for w in ("thời hạn", "thời gian", "thời kỳ", "khoảng thời gian", "vòng", "phạm vi"))


def _condition_follows(s: _Sentence, i: int) -> bool:
    """Does a condition or a place follow the marker at `i` inside its sentence part ("… khi có quyết định",
    "… nếu được đồng ý", "… trong các trường hợp sau đây", "… sau khi đã công bố", "… tại cơ sở …")?"""
    for k in range(i + 1, min(i + 30, s.n)):
        if s.words[k] in (".", ";", ":"):
            return False
        if s.match(k, _CONDITION_OPENERS):
            return True  # also across a coordinated clause: "Dự án chỉ được thực hiện, công trình chỉ được … khi …"
        if s.key(k) in (_key("tại"), _key("ở"), _key("trên")) and k + 1 < s.n and s.tag(k + 1) in ("N", "Nc", "Np"):
            return True  # "chỉ được thực hiện tại cơ sở có giấy phép", "… trên bản sao": of place or medium
        if s.key(k) == _key("trong") and k + 1 < s.n and s.key(k + 1) in _TIME_FRAMES:
            return True  # "chỉ được tiến hành trong thời hạn 01 năm": a restriction of time
        if s.key(k) in (_key("sau"), _key("trước"), _key("kể từ")) and k + 1 < s.n and (
            s.tag(k + 1) == "M" or s.key(k + 1) in (_key("ngày"), _key("thời hạn"), _key("thời điểm"))
        ):
            return True  # "chỉ được cấp sau 12 tháng kể từ …": a restriction of time
        if s.key(k) in (_key("trong"), _key("với")) and k + 1 < s.n and (
            s.key(k + 1) in _CONDITION_NOUNS
            or (s.key(k + 1) in _QUANTIFIERS and k + 2 < s.n and s.key(k + 2) in _CONDITION_NOUNS)
        ):
            return True  # "trong các trường hợp sau", "với các điều kiện sau"
    return False


def _clause_opening(s: _Sentence, j: int) -> int:
    """Index of the first word of the sentence part that holds `j`, after list labels and punctuation (a
    part runs back to ".", ";" or ":")."""
    k = j - 1
    while k >= 0 and s.words[k] not in (".", ";", ":"):
        k -= 1
    k += 1
    while k < j and (s.is_punct(k) or _is_label(s, k)):
        k += 1
    return k


def _before_thi(s: _Sentence, i: int) -> bool:
    """Is the marker at `i` in a clause that "thì" closes ("Vật chứng cần được niêm phong thì phải …")? That
    clause is the condition of the main one, which says what must be done."""
    for k in range(i + 1, min(i + 16, s.n)):
        if s.key(k) == _THI:
            return True
        if s.words[k] in (".", ";", ":", ",") or s.key(k) in _MARKERS:
            return False
    return False


def _defining_clause(s: _Sentence, j: int) -> bool:
    """Is the modal at `j` inside what a "X là Y" sentence says Y is ("Nhiệm vụ … là những vấn đề … cần được
    giải quyết")? The passive then describes the thing defined or classified, it lays no duty on anyone.
    "X" is a short phrase at the opening of the sentence part with no modal, condition or "thì" in it."""
    start = _clause_opening(s, j)
    for k in range(start + 1, j):
        if s.words[k] in (",",) and k - start > 2:
            return False
        if s.key(k) == _LA and s.tag(k) != "N":
            return 1 <= k - start <= 14
        if s.key(k) in _DUTY or s.key(k) in _MARKERS or s.key(k) == _THI or s.key(k) in _CONDITION_OPENERS:
            return False
    return False


def _act_subject(s: _Sentence, j: int) -> bool:
    """Is the subject of the modal at `j` a nominalised act, "Việc/Sự" + a verb ("Việc từ chối nhận di sản
    phải được thể hiện …")? The one who must act is the one who does the act the subject names."""
    start = _clause_opening(s, j)
    return (
        start + 1 < j
        and s.key(start) in (_key("việc"), _key("sự"))
        and (s.tag(start + 1) == "V" or s.key(start + 1) in _TU)
        and not any(s.key(k) in _CONDITION_OPENERS or s.key(k) == _THI for k in range(start, j))
    )


def _in_condition(s: _Sentence, j: int) -> bool:
    """Does the clause that holds the word at `j` open with a condition ("Trường hợp X phải được …, thì",
    "khi hồ sơ chỉ được …")? The clause runs back to a punctuation mark or "thì"."""
    k = j - 1
    while k >= 0 and j - k <= 20:
        if (s.is_punct(k) and s.words[k] not in _INNER_PUNCT) or s.key(k) == _THI:
            return False
        if s.key(k) in _CONDITION_OPENERS or (s.key(k) in _CONDITION_NOUNS and s.tag(k) != "V"):
            return s.key(k) != _key("điều kiện")
        k -= 1
    return False


def _legal_convention(s: _Sentence, use: MarkerUse) -> Convention | None:
    """The kind of legal wording an agentless passive is, when its passive is the convention of legal text
    rather than a hidden actor an editor would name; None for a passive to rewrite.

    By class of the verb and what follows it: "bị" + a sanction or a step of procedure; "bị" + a harm by
    any wrongdoer; a verb of reference ("quy định", "nêu") or a verb of carrying out followed by the rule
    that governs it ("theo …", "tại Điều …", "như sau", "căn cứ …"); a verb of deeming before "là/như";
    a verb of amending with "như sau", ":" or a provision as its subject; a passive that describes a noun
    inside a prepositional or object phrase ("đối với dự án đã được phê duyệt").
    """
    v = use.verb
    if v is None:
        return None
    i = use.marker
    size = max(1, use.end - v)
    v_end = v + size
    if s.key(i) == _BI:
        if s.match(v, _sanction()):
            return "sanction"
        if s.match(v, _harm()):
            return "harm"
    elif s.match(v, _relief()):
        return "sanction"  # "đã được xóa án tích", "được đại xá": relief, the counterpart of a sanction
    if s.match(v, _counting()):
        return "reference"  # "Thời hạn được tính từ ngày …", "Khoản chi được trừ khi …": a rule of counting
    if s.match(v, _naming()) and (
        (v_end < s.n and s.key(v_end) in _COPULA) or s.key(v_end - 1).split()[-1] in ("là", "như")
    ):
        return "naming"
    every, itself = _by_reference()
    if (
        s.match(v, itself)
        or (s.match(v, every) and _reference_follows(s, v_end))
        or _rule_cited(s, v_end)
        or (s.key(v) == _key("áp dụng") and v_end < s.n and s.key(v_end) in _SCOPE)
    ):
        return "reference"
    if s.match(v, _AMEND) and _amendment(s, i, v_end):
        return "amendment"
    if _attributive(s, i):
        return "status"
    if _provision_subject(s, i, v):
        return "reference"
    if _form_rule(s, v, v_end):
        return "form"
    return None


@cache
def _form_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Verbs of a rule of form (`form_verbs.txt`): (all of them, those whose passive is the record itself
    "=", those held at a place "@")."""
    entries = _lexicon("form_verbs.txt")
    itself = frozenset(e[:-1].strip() for e in entries if e.endswith("="))
    place = frozenset(e[:-1].strip() for e in entries if e.endswith("@"))
    return frozenset(e.rstrip("=@ ").strip() for e in entries), itself, place


def _form_rule(s: _Sentence, v: int, v_end: int) -> bool:
    """Is the passive a rule of form, record, place or manner: a verb of drawing up, recording or holding
    followed by the form ("thành văn bản", "bằng văn bản", "bằng tiếng Việt"), the record ("vào sổ", "biên
    bản"), the manner ("liên tục", "công khai") or, for a verb of holding, the place ("tại phòng họp")?
    The rule says how the thing must be, whoever does it; the doer is the one the sentence is about."""
    k = v_end
    while k < s.n and s.tag(k) == "R" and k - v_end < 3:
        k += 1
    if k + 1 < s.n and (
        (s.key(k) == _key("dưới") and (s.key(k + 1) in _FORMS or s.tag(k + 1) in ("M", "L")))
        or (s.key(k) == _key("bằng") and s.key(k + 1) in _FORMS)
    ):
        return True  # "được thực hiện dưới hình thức hợp đồng", "được thông báo bằng phương thức …"
    m, joined = k, 0
    while m + 1 < s.n and (s.words[m] == "," or s.tag(m) == "Cc") and _plain_verb(s, m + 1) and joined < 2:
        m, joined = m + 2, joined + 1  # "phải được kiểm soát, xử lý đạt quy chuẩn": verbs sharing the complement
    if _manner_after(s, k) or (joined and _manner_after(s, m)):
        return True  # "phải được sắp xếp gọn gàng", "phải được xét xử lại từ đầu", "dịch ra tiếng Việt"
    every, itself, place = _form_verbs()
    size = s.match(v, every)
    if not size:
        return False
    if s.match(v, itself) == size:
        return True  # "phải được ghi âm", "phải được công chứng"
    k = v + size
    while k < s.n and (s.tag(k) == "R" or s.key(k) in _FORM_ADVERBS or s.key(k) in _MANNERS) and k - v < 4:
        if s.key(k) in _MANNERS:
            return True  # "tiến hành liên tục", "ghi đầy đủ"
        k += 1  # "ghi rõ vào sổ"
    if k >= s.n:
        return False
    key = s.key(k)
    nxt = k + 1 < s.n and (s.tag(k + 1) in _NOUN_TAGS or s.key(k + 1) in _QUANTIFIERS)
    if key in (_key("thành"), _key("bằng")) and nxt:
        return True  # "lập thành văn bản", "thể hiện bằng văn bản", "giao kết bằng văn bản"
    if key in (_key("vào"), _key("trong")) and _record_at(s, k + 1):
        return True  # "ghi vào biên bản", "ghi chép vào sổ sách kế toán"
    if s.tag(k) == "N" and k + 1 < s.n and s.key(k + 1) in (_key("vào"), _key("trong")) and _record_at(s, k + 2):
        return True  # "ghi tên vào một danh sách": a name entered in a record
    if s.match(k, _RECORDS):
        return True  # "lập biên bản", "ghi biên bản"
    return key in (_key("tại"), _key("ở")) and nxt and s.match(v, place) == size


_FORMS = frozenset(_key(w) for w in ("hình thức", "dạng", "cách thức", "phương thức"))
# Single-syllable adjectives that complete a verb's result rather than describe its manner ("làm rõ",
# "cấp mới", "bổ sung đủ"): a passive with them still hides who must act.
_RESULTATIVES = frozenset(_key(w) for w in ("rõ", "mới", "đủ", "xong", "hết", "sạch", "kỹ", "lại", "tốt", "cao"))
_INTACT = frozenset(_key(w) for w in ("nguyên trạng", "nguyên vẹn", "nguyên hiện trạng", "nguyên"))
_STANDARDS = frozenset(_key(w) for w in ("tiêu chuẩn", "quy chuẩn", "yêu cầu", "chất lượng", "chuẩn"))
_FROM_SCRATCH = frozenset(_key(w) for w in ("từ đầu", "lại từ đầu"))
_LANGUAGE_LINKS = frozenset(_key(w) for w in ("ra", "sang", "bằng"))


def _manner_after(s: _Sentence, k: int) -> bool:
    """Does a complement of manner or quality start at `k`, right after the verb of a passive: an adjective
    of two syllables or a pair of adjectives ("gọn gàng", "chắc chắn, an toàn", "kịp thời"), "(lại) từ đầu",
    or a language ("ra tiếng Việt", "sang tiếng Anh")? The rule then says how the thing must be done or
    be, whoever does it."""
    if k < s.n and s.tag(k) == "V" and k + 1 < s.n and s.tag(k + 1) == "A":
        k += 1  # "xếp đặt gọn gàng": a verb the tagger split in two
    if k >= s.n:
        return False
    if s.key(k) in _FROM_SCRATCH or (s.key(k) == _key("từ") and k + 1 < s.n and s.key(k + 1) == _key("đầu")):
        return True
    if s.key(k) in _LANGUAGE_LINKS and k + 1 < s.n and s.key(k + 1).startswith(_key("tiếng")):
        return True
    if s.key(k).startswith(_key("tiếng")) and k > 0 and s.key(k - 1) in _LANGUAGE_LINKS:
        return True  # "dịch ra tiếng Việt" with "ra" read as an adverb
    if s.key(k) in _INTACT:
        return True  # "phải được giữ nguyên trạng", "bảo vệ nguyên vẹn"
    if s.key(k) == _key("thành") and k + 1 < s.n and s.tag(k + 1) in _NOUN_TAGS:
        return True  # "phải được xây dựng thành rừng tập trung": the form it must take
    if s.key(k) == _key("đạt") and k + 1 < s.n and s.match(k + 1, _STANDARDS):
        return True  # "phải được xử lý đạt quy chuẩn kỹ thuật": a rule of quality
    if s.tag(k) != "A" or s.key(k) in _RESULTATIVES:
        return False
    # an adjective that ends the phrase or that another one follows ("gọn gàng, chắc chắn"); not one that
    # starts a noun phrase or opens an object ("được bảo đảm an toàn thông tin" keeps its object)
    nxt = k + 1
    closes = nxt >= s.n or s.is_punct(nxt) or s.tag(nxt) in ("A", "C", "Cc", "E") or s.key(nxt) in _COORD
    return closes and (" " in s.words[k] or "_" in s.words[k] or (nxt < s.n and s.tag(nxt) == "A"))


def _record_at(s: _Sentence, k: int) -> bool:
    """Does a record ("biên bản", "sổ", "danh sách") start at `k`, after a number or quantifier ("một danh sách")?"""
    while k < s.n and (s.tag(k) in ("M", "L") or s.key(k) in _QUANTIFIERS):
        k += 1
    return k < s.n and s.match(k, _RECORDS) > 0


# Nouns of a record or a written form ("biên bản", "sổ", "văn bản").
_RECORDS = frozenset(
    _key(w)
    for w in (
        "biên bản",
        "sổ",
        "sổ sách",
        "sổ sách kế toán",
        "sổ đăng ký",
        "sổ theo dõi",
        "sổ bộ",
        "nhật ký",
        "văn bản",
        "hồ sơ",
        "danh sách",
        "sổ tay",
        "phiếu",
        "bản án",
        "hợp đồng",
        "giấy chứng nhận",
        "sổ hộ tịch",
        "cơ sở dữ liệu",
    )
)
# Words of manner after a verb of form ("tiến hành liên tục", "ghi đầy đủ"); "rõ" and "đầy đủ" may also
# stand before the record ("ghi rõ vào sổ").
_MANNERS = frozenset(
    _key(w)
    for w in (
        "liên tục",
        "công khai",
        "trực tiếp",
        "kín",
        "bí mật",
        "riêng",
        "đồng thời",
        "đầy đủ",
        "chính xác",
        "đúng",
        "khẩn trương",
    )
)
_FORM_ADVERBS = frozenset(_key(w) for w in ("rõ", "rõ ràng", "cụ thể", "lại"))


_AMEND = frozenset(
    _key(w) for w in ("sửa đổi", "bổ sung", "bãi bỏ", "thay thế", "đính chính", "sửa", "bỏ", "thay", "hủy bỏ")
)
# Nouns that name a provision or a legal document: what follows "tại" in a reference, the subject of an
# amendment ("Khoản 2 được sửa đổi").
_PROVISIONS = frozenset(
    _key(w)
    for w in (
        "điều",
        "khoản",
        "điểm",
        "chương",
        "mục",
        "phần",
        "tiểu mục",
        "phụ lục",
        "biểu mẫu",
        "mẫu",
        "luật",
        "bộ luật",
        "pháp lệnh",
        "nghị định",
        "nghị quyết",
        "thông tư",
        "quyết định",
        "văn bản",
        "hiến pháp",
        "điều ước",
        "cụm từ",
        "từ",
        "tên",
        "danh mục",
        "quy định",
        "pháp luật",
        "điều lệ",
        "quy chế",
    )
)
_REFERENCE_OPENERS = frozenset(
    _key(w)
    for w in (
        "theo",
        "căn cứ",
        "căn cứ vào",
        "dựa trên",
        "dựa vào",
        "trên cơ sở",
        "tương tự",
        "tương ứng",
        "như sau",
        "như",
        "phù hợp với",
    )
)


def _rule_cited(s: _Sentence, k: int) -> bool:
    """Does the verb's phrase go on with the rule that governs it: "theo quy định (của|tại) …", "theo
    Điều/khoản/Luật …", "quy định tại …" (a few words on: "được khai thác gỗ theo quy định tại …")?"""
    j, left = k, 5
    while j < s.n and left > 0:
        if (s.words[j] == "," or s.tag(j) == "Cc") and j + 1 < s.n and _plain_verb(s, j + 1):
            j, left = j + 2, 5  # coordinated verbs share the rule: "được thẩm định, có ý kiến theo quy định …"
            continue
        if s.is_punct(j) or s.key(j) in _MARKERS:
            return False
        if s.key(j) == _key("theo") and j + 1 < s.n and (s.match(j + 1, _PROVISIONS) or s.key(j + 1) in _PROCEDURES):
            return True  # "theo quy định tại …", "theo trình tự, thủ tục …": the procedure names who acts
        if s.key(j) == _key("quy định") and j + 1 < s.n and s.key(j + 1) in (_key("tại"), _key("của")):
            return True
        j, left = j + 1, left - 1
    return False


_PROCEDURES = frozenset(_key(w) for w in ("trình tự", "thủ tục", "quy trình"))
_CARRY_OUT = frozenset(_key(w) for w in ("thực hiện", "áp dụng", "thi hành", "chấp hành"))


def _provision_subject(s: _Sentence, i: int, v: int) -> bool:
    """Is the subject of "được thực hiện/áp dụng/thi hành" a provision ("Quy định tại khoản 1 … phải được
    thực hiện chậm nhất …", "Yêu cầu quy định tại các điểm a, b … phải được thực hiện ngay")? The text's own
    rule is carried out by those it binds."""
    if s.key(v) not in _CARRY_OUT:
        return False
    _, head = _clause_subject(s, i)
    if head is None:
        return False
    return s.match(head, _PROVISIONS) > 0 or (
        head + 2 < s.n and s.key(head + 1) == _key("quy định") and s.key(head + 2) == _key("tại")
    )


_SCOPE = frozenset(_key(w) for w in ("đối với", "cho", "với", "trong"))


def _reference_follows(s: _Sentence, k: int) -> bool:
    """Does a reference to the governing rule follow the verb ("theo quy định …", "tại Điều 5", "như sau")?"""
    while k < s.n and s.tag(k) == "R" and s.key(k) not in _REFERENCE_OPENERS:
        k += 1
    if k >= s.n:
        return False
    if s.match(k, _REFERENCE_OPENERS):
        return True
    return (
        s.key(k) in (_key("tại"), _key("ở"), _key("trong"))
        and k + 1 < s.n
        and s.match(k + 1, _PROVISIONS) > 0
    )


def _amendment(s: _Sentence, i: int, v_end: int) -> bool:
    """Is the verb of amending at `i` the amending formula: "… như sau:", a colon, "bằng cụm từ …", or a
    provision or phrase as the subject ("Khoản 3 Điều 5 được bãi bỏ")?"""
    for k in range(v_end, min(v_end + 6, s.n)):
        if s.words[k] == ":" or s.key(k) == _key("như sau"):
            return True
        if s.key(k) in (_key("bằng"), _key("theo")) and k + 1 < s.n and s.match(k + 1, _PROVISIONS):
            return True  # "… được thay thế bằng cụm từ …", "đã được sửa đổi, bổ sung theo Luật số …"
        if s.key(k) == _key("như") and k + 1 < s.n and s.key(k + 1) == _key("sau"):
            return True
        if s.words[k] in (".", ";"):
            break
    _, head = _clause_subject(s, i)
    return head is not None and s.match(head, _PROVISIONS) > 0


def _attributive(s: _Sentence, i: int) -> bool:
    """Is the marker at `i` part of a relative clause that describes a noun inside a prepositional or
    object phrase ("gửi cho đơn vị được kiểm toán", "đối với dự án đã được phê duyệt", "là tổ chức được
    thành lập theo …")? A condition or a time frame ("trường hợp hồ sơ được nộp …") is a clause, not a
    description."""
    k = i - 1
    while k >= 0 and s.key(k) in _STATUS_ASPECT:
        k -= 1
    while k > 0 and s.tag(k) == "A" and s.tag(k - 1) in ("N", "Nc"):
        k -= 1  # "mục đích cụ thể được thỏa thuận"
    if k < 0 or s.key(k) == _NGUOI or not (s.tag(k) in ("N", "Nc", "Np") or is_animate_noun(s.words[k])):
        return False
    nouns = 0
    while (
        k >= 0
        and (s.tag(k) in ("N", "Nc", "Np", "A", "L", "M", "Cc") or s.key(k) in _QUANTIFIERS)
        and nouns < 8
    ):
        if (
            s.key(k) in _FRAME_NOUNS
            or s.match(k, _CONDITIONS)
            or (s.key(k) in _CLAUSE_OPENERS and s.tag(k) != "Cc")
        ):
            return False
        k -= 1
        nouns += 1
    if k < 0 or s.is_punct(k):
        return False
    if s.tag(k) == "V" and s.key(k) not in _MODALS and (s.key(k) not in _NP_INNER_VERBS or _verb_initial(s, k)):
        # "theo dõi các khoản nợ được khoanh", "b) Yêu cầu nhà thầu thực hiện đúng thiết kế được phê duyệt":
        # the object of a verb that is a predicate
        # after a person + verb the noun phrase may still be the subject ("Cán bộ phụ trách an toàn được đào
        # tạo …": a relative clause), so a person before the verb does not make it a predicate here
        return _predicate_at(s, k, person_subject=False) or _verb_initial(s, k)
    if s.key(k) in _OBLIQUE or (s.tag(k) == "E" and s.key(k) not in _NOT_OBLIQUE):
        return _predicate_before(s, k) or _verb_initial(s, k)
    return False


# How far back the clause scans of `_attributive` look (a clause longer than this is read as opening earlier).
_SCAN = 40


def _verb_initial(s: _Sentence, k: int) -> bool:
    """Does the clause that holds `k` open with a verb (its subject left out: a list item of duties or
    rights, "Có nhân sự …", "Bảo đảm mỗi tàu bay …")? Then every noun phrase after it is inside the
    predicate."""
    p = k
    while p > 0 and k - p < _SCAN:
        prev = p - 1
        if (s.is_punct(prev) and s.words[prev] not in _INNER_PUNCT) or (
            s.key(prev) in _CLAUSE_OPENERS and s.key(prev) not in _COORD
        ):
            break
        p = prev
    while p < k and (s.tag(p) in ("R", "M", "Ni") or _is_label(s, p) or s.is_punct(p)):
        p += 1
    return p < k and s.tag(p) == "V" and not is_animate_noun(s.words[p]) and s.key(p) not in _MODALS


def _predicate_before(s: _Sentence, k: int) -> bool:
    """Does the clause that holds the preposition at `k` have its predicate before it, so that the phrase
    after the preposition is an object or adjunct ("gửi cho đơn vị …", "là tổ chức …")? Without one the
    preposition is inside the subject ("Biên bản hội nghị ở cấp tỉnh được gửi …") and the marker is the
    main predicate."""
    if s.key(k) == _LA:
        return True
    crossed = False  # a comma crossed: list items, or a subordinate clause before the main one
    for p in range(k - 1, max(-1, k - _SCAN), -1):  # bounded: linear time on hostile input
        if s.words[p] == ",":
            crossed = True
            continue
        if s.is_punct(p) and s.words[p] not in _INNER_PUNCT:
            return False
        if s.key(p) in _CLAUSE_OPENERS and s.key(p) not in _COORD:
            return False
        if (s.tag(p) == "V" or s.key(p) == _LA) and _predicate_at(s, p):
            # "Sau khi kiểm tra hồ sơ, tài liệu của … được gửi": a verb right after a subordinator and
            # before a comma heads a subordinate clause; the marker may be the main predicate
            return not (crossed and p > 0 and s.key(p - 1) in _CLAUSE_OPENERS and s.key(p - 1) not in _COORD)
    return False


def _predicate_at(s: _Sentence, p: int, person_subject: bool = True) -> bool:
    """Is the verb at `p` a predicate rather than part of a noun phrase: the copula, the first word of
    its clause, or after a subject pronoun or person, a modal, an adverb, a negation or a marker?"""
    if s.key(p) == _LA or p == 0:
        return True
    before = p - 1
    return (
        s.is_punct(before)
        or s.tag(before) in ("R", "P")
        or s.key(before) in _MODALS
        or s.key(before) in _MARKERS
        or s.key(before) in _NEGATIONS
        or s.key(before) in _PRE_MARKER
        or s.key(before) in _CLAUSE_OPENERS
        or _is_label(s, before)
        or (person_subject and is_animate_noun(s.words[before]))
    )


_STATUS_ASPECT = frozenset(_key(w) for w in ("đã", "chưa", "đang", "sẽ"))
_OBLIQUE = frozenset(_key(w) for w in ("là", "đối với", "của", "cho", "với", "giữa", "về", "từ", "thuộc"))
# Prepositions that open a condition or a purpose in which a full clause may stand ("khi", "để").
_NOT_OBLIQUE = frozenset(_key(w) for w in ("khi", "nếu", "sau", "trước", "để"))


def _role_noun(s: _Sentence, i: int, use: MarkerUse | None = None) -> bool:
    """Does the marker right after a bare "người" or a "bên" (party) name a legal role ("người bị kết
    án", "người được giám hộ", "bên được bảo lãnh")? "bị hại" (the victim in criminal procedure) is such a
    name on its own, like "bị can", "bị cáo", "bị đơn"."""
    if use is not None and use.verb is not None and s.key(i) == _BI and s.key(use.verb) in _BI_ROLES:
        return use.verb + 1 >= s.n or s.key(use.verb + 1) not in (_BOI, _key("phương"))
    j = i - 1
    while j >= 0 and s.key(j) in ("đã", "đang", "sẽ"):
        j -= 1
    return j >= 0 and (s.key(j) == _NGUOI or s.key(j) == _BEN)


# "bị" + these is the name of a party to proceedings ("bị hại", "bị đơn", "bị can", "bị cáo") when the
# segmenter did not glue them into one word.
_BI_ROLES = frozenset(_key(w) for w in ("hại", "đơn", "can", "cáo"))


def _classify_core(s: _Sentence, i: int, context: bool | None) -> MarkerUse:
    syllables = s.key(i).split()
    if len(syllables) > 1:  # the segmenter glued the marker into a word
        first, rest = syllables[0], " ".join(syllables[1:])
        if first == _BI and rest in _bi_main():
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if first == _DUOC and rest in _duoc_main():
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if (
            first == _BI
            and rest == _key("đơn")
            and not (i + 1 < s.n and s.key(i + 1).startswith(_key("phương")))
        ):
            return MarkerUse(i, "other", i + 1, None, None)  # "Bị đơn có quyền …": the defendant, a noun
        if first == _BI and rest in _bi_adverbs():  # "bị đơn phương chấm dứt": the segmenter read "bị đơn"
            v = i + 1
            if v < s.n and not s.is_punct(v):
                return _verb_use(s, i, v, 1, True, _negated(s, i), context)
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

    if not is_bi:
        # "Được biết, …" opens a sentence as a discourse phrase.
        if s.key(nxt) == _BIET and nxt + 1 < s.n and s.words[nxt + 1] == "," and _sentence_start(s, i):
            return MarkerUse(i, "other", i + 1, None, None)
        # Post-verbal "được": potential / result ("chấp nhận được", "nhận được hồ sơ"), decided before
        # any agent reading ("làm được do …" is not "được do NP V").
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
        if (
            prev >= 1
            and s.tag(prev - 1) == "V"
            and (s.key(prev) == _CHO or s.tag(prev) == "A")
            and s.tag(j) != "V"
            and not _strong_agent(s, j)
        ):
            return MarkerUse(i, "potential", i + 1, None, None)  # "nắm rõ được", "giữ cho được"
        if (
            prev >= 0
            and s.tag(prev) == "V"
            and s.key(prev) not in _NEGATIONS
            and s.key(prev) not in _MODALS
            and not _sentence_start(s, prev)  # "Báo cáo được …": the unit's first word is its subject
        ):
            if (
                s.key(prev) in _potential()
                and not _copula_follows(s, j)
                and not (s.tag(j) == "V" and _relative_agent_before(s, prev))
            ):
                return MarkerUse(i, "potential", i + 1, None, None)
            name = s.tag(j) == "V" and s.words[j][:1].isupper()  # "kiện toàn được Hội đồng Trường"
            if (
                (s.tag(j) != "V" or name)
                and not (s.nounish(j) and _strong_agent(s, j))
                and not _copula_follows(s, j)
            ):
                return MarkerUse(i, "potential", i + 1, None, None)

    # "được/bị do NP V"
    if s.key(nxt) == _DO:
        verb = _find_verb_after_np(s, nxt + 1, limit=10)
        if verb is not None:
            return MarkerUse(i, "passive_long", verb + 1, verb, (nxt + 1, verb))

    if not is_bi and s.key(nxt) in (_PHEP, _QUYEN):
        return _permit_use(s, i, nxt, negated, context)

    j = _skip_modifiers(s, nxt)
    verb_size = _verb_size(s, j)
    if verb_size:
        return _verb_use(s, i, j, verb_size, is_bi, negated, context)

    # Agent NP between marker and verb (long passive), or a noun object (main verb).
    if s.nounish(j) and not (s.tag(j) == "V" and not s.match(j, _agent_nouns())):
        if is_bi and s.match(j, _bi_main()):
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if not is_bi and (
            s.match(j, _duoc_main()) or (s.tag(j) == "M" and j + 1 < s.n and s.key(j + 1) in _TIME_UNITS)
        ):
            return MarkerUse(i, "main_verb", i + 1, None, None)
        if (j + 1 < s.n and s.key(j + 1) in _COPULA and not s.is_punct(j)) or s.key(j).split()[-1] in (
            "là",
            "như",
        ):
            # "được ủy quyền là…", "được ví như…": a verb the tagger called a noun, then a copula
            return MarkerUse(i, "passive_short", j + 1, j, None)
        if s.tag(j) != "P" or s.key(j) in _PERSONAL:
            verb = _find_verb_after_np(s, j)
            if verb == j + 1 and _split_compound(s, j):
                # "không được tẩy / xóa": one verb cut in two by the segmenter, not an agent + verb
                return _verb_use(s, i, j, 2, is_bi, negated, context)
            if verb is not None:
                return MarkerUse(i, "passive_long", verb + 1, verb, (j, verb))
            if s.tag(j) != "P":
                return MarkerUse(i, "main_verb", i + 1, None, None)

    size = 0
    for lexicon in (_granting(), _permission(), _agentive(), _bi_main()):
        size = max(size, s.match(j, lexicon))
    if size or s.tag(j) == "V" or (s.tag(j) == "P" and j + 1 < s.n and s.tag(j + 1) == "V"):
        if s.tag(j) == "P" and not size:  # "được sao chụp": a verb syllable the tagger read as a pronoun
            size = 2
        return _verb_use(s, i, j, size or 1, is_bi, negated, context)

    if s.tag(j) in ("A", "T") and s.nounish(j + 1):
        verb = _find_verb_after_np(s, j + 1)
        if verb is not None:  # "được nhiều người biết đến", "được chính các đầu bếp chế biến"
            return MarkerUse(i, "passive_long", verb + 1, verb, (j, verb))
    if s.tag(j) == "A":
        after = _agent_after(s, j + 1)
        if after is not None:
            return MarkerUse(i, "passive_long", j + 1, j, after)
        if not is_bi and s.key(nxt) != _key("cũng") and _lone_adjective_passive(s, i, j):
            return MarkerUse(i, "passive_short", j + 1, j, None)
        return MarkerUse(i, "main_verb" if is_bi else "other", i + 1, None, None)
    return MarkerUse(i, "other", i + 1, None, None)


def _relative_agent_before(s: _Sentence, v: int) -> bool:
    """Does the verb at `v` close a relative clause with a "do" agent ("Kế hoạch do Bộ lập được phê
    duyệt"), so that the "được" after it opens the main predicate?"""
    for k in range(v - 1, max(-1, v - 9), -1):
        if s.is_punct(k) or s.key(k) in _MARKERS:
            return False
        if s.key(k) == _DO:
            return True
    return False


def _split_compound(s: _Sentence, j: int) -> bool:
    """Is the one-syllable "noun" at `j`, right before a verb, the first half of a compound verb
    rather than an agent? Agents are people, bodies, names or pronouns, or longer noun phrases."""
    return (
        " " not in s.key(j)
        and s.tag(j) == "N"
        and not is_animate_noun(s.words[j])
        and not s.words[j][:1].isupper()
        and not s.match(j, _agent_nouns())
    )


def _lone_adjective_passive(s: _Sentence, i: int, j: int) -> bool:
    """An adjective used as a verb after "được" with a thing as subject ("được tinh gọn")?"""
    return (
        s.key(j) in _RESULT_ADJECTIVES
        and _clause_subject(s, i)[0] == "inanimate"
        and s.tag(i - 1) in ("R", "V")
        and s.key(i - 1) not in _NEGATIONS
    )


# Adjectives of improvement that administrative text uses as verbs of change ("thủ tục được tinh gọn",
# "quy trình được hoàn thiện"); states such as "bình yên" or "khỏe" are not acts of anyone.
_RESULT_ADJECTIVES = frozenset(
    _key(w)
    for w in (
        "tinh gọn",
        "gọn nhẹ",
        "hoàn thiện",
        "đơn giản",
        "minh bạch",
        "công khai",
        "chuẩn",
        "hiện đại",
        "thống nhất",
        "đồng bộ",
        "chặt chẽ",
        "rõ ràng",
        "cụ thể",
        "an toàn",
        "sạch",
        "thông thoáng",
    )
)


def _copula_follows(s: _Sentence, j: int) -> bool:
    """A verb + copula after the marker ("(nhận) được xem là", "được coi như") is a passive."""
    return j + 1 < s.n and s.tag(j) == "V" and s.key(j + 1) in _COPULA


def _verb_size(s: _Sentence, j: int) -> int:
    """Words of a verb at `j` that the tagger may have missed: "X hóa" split in two ("hợp pháp hóa"),
    a lexicon verb tagged as a noun ("được ủy quyền"), "để" as the verb "leave" ("không được để trống")."""
    if j >= s.n or s.is_punct(j):
        return 0
    if j + 1 < s.n and s.key(j + 1) == _HOA and s.tag(j) in ("A", "N", "V", "Np"):
        return 2
    if s.match(j, _agent_nouns()):
        return 0
    if s.tag(j) in ("N", "Nc") and s.key(j) not in _NOT_OBJECT:
        size = max(s.match(j, lex) for lex in (_granting(), _person_patient(), _agentive()))
        if size and s.key(j) not in _duoc_main() and s.key(j) not in _bi_main():
            return size
    if s.key(j) == _DE and j + 1 < s.n and s.tag(j + 1) in ("A", "V") and s.key(j + 1) not in _MARKERS:
        return 1
    return 0


def _permit_use(s: _Sentence, i: int, nxt: int, negated: bool, context: bool | None) -> MarkerUse:
    """Permission for "được phép / được quyền" + V, or a passive with a thing as subject."""
    v = _skip_modifiers(s, nxt + 1) if nxt + 1 < s.n else None
    verb = v if v is not None and v < s.n and s.tag(v) == "V" else None
    subject, _head = _clause_subject(s, i)
    if subject in ("none", "elided") and context is not None:
        subject = "animate" if context else "inanimate"
    thing_passive = (
        s.key(nxt) == _PHEP
        and verb is not None
        and not s.match(verb, _permission())
        # "Tàu bay chỉ được phép thực hiện chuyến bay": with its own object the thing operates
        and not (verb + 1 < s.n and s.tag(verb + 1) in ("N", "Nc") and s.key(verb + 1) not in _NOT_OBJECT)
        and subject != "animate"
    )
    if negated and subject != "inanimate":
        thing_passive = False  # "Khu vực không được phép chăn nuôi", "a) … hoặc không được phép lưu hành"
    if thing_passive:  # "Hàng hóa chưa được phép lưu hành", "hiện vật được phép mua bán"
        return MarkerUse(i, "passive_short", verb + 1 if verb is not None else i + 2, verb, None)
    return MarkerUse(i, "prohibition" if negated else "permission", i + 1, verb, None)


def _strong_agent(s: _Sentence, j: int) -> bool:
    """After a verb + "được", only a noun head closed by its own verb makes a long passive.

    A person or body as head may be coordinated and its verb may take an object ("… làm việc được
    đơn vị, tổ chức trợ cấp một tháng lương"); any other head must be a bare noun phrase + verb.
    """
    while j < s.n - 1 and (s.tag(j) in ("T", "L") or s.key(j) in _QUANTIFIERS):
        j += 1  # "được cả đồng nghiệp …", "được các cơ quan …"
    if not (s.tag(j) in ("Np", "Ny") or is_animate_noun(s.words[j]) or s.match(j, _agent_nouns()) > 0):
        return False  # "ký được hợp đồng trị giá …": a thing cannot be the agent
    if (is_animate_noun(s.words[j]) or s.match(j, _agent_nouns())) and s.key(j) != _NGUOI:
        verb = _find_verb_after_np(s, j)
        # "phát triển được Văn phòng công chứng.": a one-word "verb" closing the sentence right after
        # the head is part of a name
        return verb is not None and not (
            verb == j + 1 and (verb + 1 >= s.n or s.words[verb + 1] in (".", "!", "?"))
        )
    return _find_verb_after_np(s, j, strict=True) is not None


def classify_markers(
    words: Sequence[str], tags: Sequence[str], context_subject_animate: bool | None = None
) -> list[MarkerUse]:
    """One MarkerUse per được/bị in the sentence.

    `context_subject_animate` is for a unit whose clause has no subject of its own (a list item
    "b) Không được …", "c) Được …"): True when the subject named in the list's chapeau is a person
    or a body, False when it is a thing, None when unknown (the rules then assume a person, as in
    an enumeration of rights and duties).
    """
    if len(words) != len(tags):
        raise ValueError("words and tags differ in length")
    s = _Sentence(words, _name_tags(words, tags))
    out: list[MarkerUse] = []
    for i in s.markers:
        use = _classify_one(s, i, context_subject_animate)
        if use.is_passive and not use.role_noun and out and _coordinated_role(s, out[-1], i):
            use = replace(use, role_noun=True, convention=None)  # "người bị tố giác, bị kiến nghị …"
        elif use.label == "passive_short" and out and _coordinated_convention(s, out[-1], i):
            use = replace(use, convention=out[-1].convention)  # "đất được giao, được thuê"
        if use.label == "passive_long" and out and _shares_named_actor(s, out[-1], i):
            out[-1] = replace(out[-1], duty=False)  # "… phải được thi hành và phải được cơ quan … tôn trọng"
        out.append(use)
    return out


def _shares_named_actor(s: _Sentence, prev: MarkerUse, i: int) -> bool:
    """Is the agentless duty `prev` joined by "và/hoặc" or a comma to the passive at `i`, which names its
    agent, with the same subject ("Quyết định phải được công bố và phải được các cơ quan … thực hiện")? The
    sentence then says who is bound: it states a principle rather than hiding an actor."""
    if prev.label != "passive_short" or not prev.duty or prev.end > i or i - prev.end > 8:
        return False
    between = range(prev.end, i)
    return any(s.key(k) in _COORD for k in between) and not any(
        s.words[k] in (".", ";", ":") or s.key(k) in _MARKERS or s.key(k) == _THI for k in between
    )


def _name_tags(words: Sequence[str], tags: Sequence[str]) -> Sequence[str]:
    """The tags, with the name of a body or a person that the tagger read as a verb ("Bộ Nông nghiệp",
    "Sở Xây dựng" after "được") tagged as a proper noun, so that it can head an agent."""
    fixed: list[str] | None = None
    for k, (word, tag) in enumerate(zip(words, tags, strict=True)):
        if (
            tag == "V"
            and k > 0
            and _MARKERS.intersection(_key(words[k - 1]).split())
            and (k < 2 or tags[k - 2] != "V" or _key(words[k - 2]) in _MODALS)  # not "kiện toàn được Hội đồng X"
            and (
                (word[:1].isupper() and (_body_name(word) or is_animate_noun(word)))
                or (" " in word and is_animate_noun(word) and _key(word) not in _VERB_TOO)  # "được chủ nợ đồng ý"
            )
            and _verb_ahead(words, tags, k + 1)
        ):
            if fixed is None:
                fixed = list(tags)
            fixed[k] = "Np"
    return tags if fixed is None else fixed


def _verb_ahead(words: Sequence[str], tags: Sequence[str], k: int) -> bool:
    """Is there a verb (not a marker) within the next dozen words, before a punctuation mark? Only then can
    a name after the marker be an agent whose verb follows; otherwise the tagger's verb reading is kept."""
    for j in range(k, min(k + 12, len(words))):
        if tags[j] in ("CH", "C") or not any(c.isalnum() for c in words[j]):
            return False  # a punctuation mark or a conjunction ("mà", "thì") ends the phrase
        if tags[j] == "V" and not _MARKERS.intersection(_key(words[j]).split()):
            return True
    return False


# Names of people or bodies that are verbs as well ("được tổ chức thực hiện", "được đại diện").
_VERB_TOO = frozenset(_key(w) for w in ("tổ chức", "đại diện", "chủ trì", "chủ động", "giám hộ", "bảo lãnh"))


def _body_name(word: str) -> bool:
    """A capitalised name that opens with a noun of a person or body ("Bộ Tài chính", "Ủy ban Dân tộc")."""
    syllables = word.split()
    for size in (1, 2):
        if len(syllables) > size and syllables[size][:1].isupper() and is_animate_noun(" ".join(syllables[:size])):
            return _key(" ".join(syllables[:2])) != _key("bộ luật")
    return False


def _coordinated_convention(s: _Sentence, prev: MarkerUse, i: int) -> bool:
    """Is the marker at `i` a further passive joined by a comma or "và/hoặc" to a passive of legal
    convention ("diện tích đất được giao, được thuê", "phim được sản xuất …, được ghi …")?"""
    if prev.convention is None or prev.end >= i or i - prev.end > 12:
        return False
    between = range(prev.end, i)
    return (
        not any(s.words[k] in (".", ";", ":") or s.key(k) in _MARKERS for k in between)
        and (s.words[i - 1] == "," or s.tag(i - 1) == "Cc")
        and not any(s.tag(k) == "V" and _predicate_at(s, k) for k in between if s.words[k - 1] != ",")
    )


def _coordinated_role(s: _Sentence, prev: MarkerUse, i: int) -> bool:
    """Is the marker at `i` a further role joined to the role noun `prev` by a comma or "hoặc/và"?"""
    return (
        prev.role_noun
        and prev.end < i
        and i - prev.end <= 2
        and all(s.words[k] == "," or s.tag(k) == "Cc" for k in range(prev.end, i))
    )


def chapeau_subject_animate(words: Sequence[str], tags: Sequence[str]) -> bool | None:
    """For the chapeau of a list ("Bên thuê nhà có các quyền sau đây:", "Hồ sơ gồm:"), is the subject
    that its items share a person or a body (True), a thing (False), or unknown (None)?

    The value is meant for `classify_markers(..., context_subject_animate=)` on the list items that
    open without a subject ("a) Được …", "b) Không được …"). "Quyền / nghĩa vụ / trách nhiệm của X"
    reads X.
    """
    if len(words) != len(tags):
        raise ValueError("words and tags differ in length")
    s = _Sentence(words, tags)
    k = 0
    while k < s.n and (
        s.is_punct(k)
        or _is_label(s, k)
        or s.tag(k) in ("M", "L", "R", "Ni")
        or (s.key(k) in _HEADING_WORDS and k + 1 < s.n and s.tag(k + 1) == "M")
    ):
        k += 1
    if k >= s.n:
        return None
    if s.key(k) in _DUTY_NOUNS and k + 1 < s.n and s.key(k + 1) == _key("của"):
        k += 2
        while k < s.n and s.tag(k) in ("L", "M"):
            k += 1
    elif s.tag(k) == "V" or s.key(k) in _CONDITIONS or s.tag(k) in ("C", "E"):
        return None  # "Khi nghiên cứu hồ sơ phải …", "Trong thời hạn …": no subject of its own
    if k >= s.n or s.is_punct(k):
        return None
    if is_animate_noun(s.words[k]):
        return True
    if s.tag(k) in ("N", "Nc") or s.key(k) in _NOMINALISERS:
        return False
    return None


_HEADING_WORDS = frozenset(_key(w) for w in ("điều", "khoản", "mục", "chương", "phần"))
_DUTY_NOUNS = frozenset(
    _key(w) for w in ("quyền", "nghĩa vụ", "trách nhiệm", "quyền hạn", "điều kiện", "tiêu chuẩn")
)


def marker_indices(words: Sequence[str]) -> list[int]:
    """Indices of the words that contain the syllable "được" or "bị"."""
    return [i for i, w in enumerate(words) if _word_info(w)[3]]


def tag_words_many(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """`tag_words` of several sentences, decoded together by `crf.pos_tags_many` (the same tags)."""
    if os.environ.get("VNPOLICYTEXT_SEGMENTER") != "underthesea":
        from . import crf

        try:
            return crf.pos_tags_many(sentences)
        except crf.ModelUnavailable:
            pass
    return [tag_words(s) for s in sentences]


def tag_around_many(
    sentences: Sequence[Sequence[str]],
    before: int = 20,
    after: int = 24,
    *,
    whole: Sequence[Sequence[str]] = (),
) -> list[list[str]]:
    """`tag_around` of several sentences, every window tagged in one call of `tag_words_many`; the
    sentences of `whole` are tagged entirely in the same call (`tag_words`), their tags listed after."""
    spans = [_marker_windows(words, before, after) for words in sentences]
    windows = [list(words[lo:hi]) for words, ws in zip(sentences, spans, strict=True) for lo, hi in ws]
    tagged = iter(tag_words_many(windows + [list(words) for words in whole]))
    out = []
    for words, ws in zip(sentences, spans, strict=True):
        tags = [""] * len(words)
        for lo, hi in ws:
            tags[lo:hi] = next(tagged)
        out.append(tags)
    out.extend(tagged)
    return out


def tagged_whole(words: Sequence[str], before: int = 20, after: int = 24) -> bool:
    """Does `tag_around` tag the sentence as one window from its first word to its last? Its tags are then
    those of `tag_words` on the whole sentence (the same sequence is decoded)."""
    return _marker_windows(words, before, after) == [[0, len(words)]]


def tag_around(words: Sequence[str], before: int = 20, after: int = 24) -> list[str]:
    """POS tags only for windows around the markers ("" elsewhere); cheaper than `tag_words`."""
    tags = [""] * len(words)
    for lo, hi in _marker_windows(words, before, after):
        tags[lo:hi] = tag_words(words[lo:hi])
    return tags


def _marker_windows(words: Sequence[str], before: int, after: int) -> list[list[int]]:
    """The windows `tag_around` tags: `before` words before and `after` after each marker, merged."""
    spans: list[list[int]] = []
    for m in marker_indices(words):
        if _key(words[m]).split()[0] not in _MARKERS:
            continue  # "thiết bị", "chuẩn bị": the marker is inside another word, decided without tags
        lo, hi = max(0, m - before), min(len(words), m + after + 1)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return spans
