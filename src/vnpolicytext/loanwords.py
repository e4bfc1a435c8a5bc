"""Spot words that cannot be Vietnamese syllables: English loanwords such as "hotline", "deadline", "check-in".

Vietnamese spelling is closed: a syllable is an optional initial consonant, a vowel nucleus (one of a fixed
set of vowels and vowel clusters) and an optional final consonant (c, ch, m, n, ng, nh, p, t), plus tone
marks. English words break it: letters Vietnamese does not use (f, j, w, z), consonant clusters (st, tr…
no: "tr" is Vietnamese; "st", "bl", "cl", "pr"), final consonants Vietnamese lacks (-l, -r, -s, -k, -d),
vowel clusters it never writes (ea, ee, ou, oo+final…), and silent final e ("online", "like").

`non_vietnamese_syllable(s)` is the orthographic test on one token; `loanword_spans(text)` scans a text and
returns the tokens that fail it, minus established loans, units, abbreviations in capitals, tokens with
digits, and (optionally) capitalised words inside a sentence, which are mostly names ("Zalo", "Google").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

from .vocab import strip_tones

__all__ = ["EXCEPTIONS", "UNITS", "loanword_spans", "non_vietnamese_syllable", "strip_tones"]

# Tone marks (grave, acute, tilde, hook above, dot below); the vowel marks (circumflex, breve, horn) stay.

_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)"
# Nuclei that may take a final consonant, and nuclei that end in a glide (i, y, o, u) and take none.
_CLOSED = r"(?:uyê|ươ|iê|yê|uô|uâ|oă|oa|oe|oo|uê|uy|ua|ưa|ia|ă|â|a|e|ê|i|o|ô|ơ|u|ư)"
_OPEN = r"(?:uyu|ươi|ươu|iêu|yêu|uôi|uây|oai|oay|oeo|oây|uêu|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|uơ|uya|yu|y)"
_FINAL = r"(?:ch|ng|nh|c|m|n|p|t)"
# "y" closed by a consonant only after "qu" (quýt, quỳnh); elsewhere "y" ends the syllable (Mỹ, tỷ).
_SYLLABLE = regex.compile(rf"quy{_FINAL}|{_INITIAL}?(?:{_OPEN}|{_CLOSED}{_FINAL}?)")
# Spelling rules every native syllable keeps: k/gh/ngh only before front vowels, c/g/ng never before them.
_BAD_SPELLING = regex.compile(r"^(?:k[aăâoôơuư]|(?:gh|ngh)[aăâoôơuư]|c[eêiy]|ng[eêi]|g[eê])")
_LETTERS = regex.compile(r"\p{L}+")
_ROMAN = regex.compile(r"(?i)(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})")
_ASCII_LETTERS = regex.compile(r"[A-Za-z'’-]+")
_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?![\p{L}\p{N}])")
# A run of ASCII letters with no letter or digit beside it, as the quicker `re` tells them (every character
# `re` calls a letter or digit is one for `regex` too: tests/test_loanwords.py checks every code point).
# Each part of a foreign token is such a run: see `loanword_spans`.
_ASCII_RUN = re.compile(r"(?<![^\W_])[A-Za-z]+(?![^\W_])")
# The same runs in a text without "_": there `re`'s \b (a letter, digit or "_" on one side only) is the same
# bound, and the engine tests it about a sixth quicker than the look-arounds.
_ASCII_RUN_NO_UNDERSCORE = re.compile(r"\b[A-Za-z]+\b")


def ascii_runs(text: str) -> list[str]:
    """`_ASCII_RUN.findall(text)`."""
    return (_ASCII_RUN if "_" in text else _ASCII_RUN_NO_UNDERSCORE).findall(text)


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Established loans that fail the test but read as ordinary Vietnamese today (internet, taxi, video), names
# of common apps, and the syllables of Central Highlands and northern place and ethnic names (Đắk Lắk, Kon
# Tum, Bắc Kạn, Krông Pắc, Ea Súp, Pleiku, H'Mông) met at the start of a sentence. Lower case. Loans with a
# Vietnamese equivalent (vaccine, ok, web, online) are not here: the jargon lexicon gives their alternative.
EXCEPTIONS: frozenset[str] = _words(
    """
    internet video radio taxi camera email wifi karaoke pizza gas ga xăng sms tivi piano guitar
    ghita rock pop jazz golf tennis yoga vitamin insulin oxy covid virus vắc-xin ampe oát
    vôn ki-lô-gam ki-lô-mét mét lít gam tấn hecta héc-ta byte kilobyte megabyte gigabyte terabyte photocopy fax e-mail alo album ô-tô mô-tô xích-lô
    cà-phê sô-cô-la kíp cyclo ecmo inox gen ipad iphone zalo facebook google youtube tiktok đắk lắk
    kon kông kạn krông pắc ea plei pleiku grai h'mông hmông m'nông k'ho k'bang đrắk
    """
)
# Units and symbols written in Latin letters (matched case-sensitively on the original token).
UNITS: frozenset[str] = _words(
    """
    km m cm mm dm ha kg g mg mcg ml l kW kWh MW GW W V A Hz GHz MHz dB m2 m3 km2 ppm pH kcal cal USD kV kVA MVA kVAr
    VND VNĐ EUR Mbps GB MB TB KB h s min
    """
)


def _vietnamese(part: str) -> bool:
    bare = strip_tones(part)
    if not bare or _SYLLABLE.fullmatch(bare) is None:
        return False
    return _BAD_SPELLING.match(bare) is None


def non_vietnamese_syllable(s: str) -> bool:
    """True when `s` (one token; hyphenated parts tested one by one) cannot be spelled as Vietnamese.

    Only letters are judged: a token without letters, or with digits, is not a loanword (codes, numbers).
    "hotline", "deadline", "online", "startup", "livestream", "check-in", "fanpage" -> True;
    "người", "quốc", "nghiêng", "khuya", "xoong", "top", "chat" (valid Vietnamese spellings) -> False.
    """
    s = unicodedata.normalize("NFC", s.strip())
    if not s or any(ch.isdigit() for ch in s):
        return False
    parts = _LETTERS.findall(s)
    if not parts:
        return False
    return any(not _vietnamese(p) for p in parts)


def _sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes, bullets or nothing separate `start` from a sentence or line start."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“”‘’«»([-–—•*":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"


def _in_address(text: str, start: int, end: int) -> bool:
    """True when the token is part of a web or e-mail address ("dantri.com.vn", "www", "a@b.gov.vn")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    nxt = text[end + 1] if end + 1 < len(text) else " "
    return before in "./@:" or after in "/@" or (after in ".:" and (nxt.isalnum() or nxt == "/"))


# Where a scientific name or a foreign label can start and end: lines, brackets and semicolons. Commas are
# not bounds: "marketing, online" inside a sentence stays one stretch with its Vietnamese words.
_STRETCH_BOUND = "\n\r;()[]{}"
# The label of a list entry before its text: "5. ", "12) ", "b) ", "- ".
_LIST_LABEL = regex.compile(r"^\W*(?:\d+(?:\.\d+)*|[a-zđ])?[.)]?\s*")
# Rank words of botanical and zoological names ("Panthera tigris subsp. altaica", "Manta sp.").
_RANKS = frozenset({"sp", "spp", "subsp", "ssp", "var", "f", "cf", "aff"})


# Chemical nomenclature: radicals and roots no everyday loan carries ("methyl", "phosphonate", "-idine").
_CHEMICAL = regex.compile(
    r"(?i)yl(?:$|amin|oxy|thio|ic|ate|ene|ide)|phosph|photph|chlor|fluor|sulf|sunf|benz|hydro|amine?$|idine?$"
    r"|oxide$|anilide|ethane$|methane$|^(?:ester|ether|este|ete)$"
    # Vietnamised mineral and salt names ("diatomit", "felspat", "bentonit", "silicat") and the particles
    # of physics ("proton", "neutron"); loans of everyday prose do not end so.
    r"|^[a-z]{5,}(?:it|at)$|^(?:pro|neu|elec|posi)t(?:r)?on$"
    # Locants and prefixes of a chemical name: "n-Pr", "O-Alkyl", "N-methyl" (not "e-commerce").
    r"|^[A-Za-z]-[A-Z]|^[A-Z]-"
)
# Characters that cut a word in two in badly converted files: soft hyphen, not sign.
_CUT = "\u00ad¬"
# Nouns that name a kind and take a technical or scientific name after them ("đá dolomit", "khí methane").
_KIND_NOUNS = frozenset(
    {"đá", "quặng", "khoáng", "khí", "chất", "axit", "acid", "muối", "loài", "giống", "vật"}
)


def _kind_name(tokens: list[tuple[int, int, str, bool]], i: int, text: str) -> bool:
    """True when lower-case foreign token i names a thing of the kind the noun before it says ("đá dolomit"),
    or follows such a name in a list ("khoáng vật monazit, ilmenit và rutil")."""
    if not tokens[i][2][0].islower():
        return False
    j = i
    while j:
        prev = tokens[j - 1]
        gap = text[prev[1] : tokens[j][0]]
        if prev[2].lower() in _KIND_NOUNS and gap == " ":
            return True
        conjunction = prev[2] in {"và", "hoặc"} and gap == " "
        if not conjunction and not (prev[3] and prev[2][0].islower() and gap.strip() in {",", ""}):
            return False
        j -= 1
    return False


def _before_chemical(tokens: list[tuple[int, int, str, bool]], i: int, text: str) -> bool:
    """True when the next word is a chemical name and token i, foreign too, is its first part ("nitrous
    oxide", "ethyl ester")."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return nxt[3] and text[tokens[i][1] : nxt[0]] == " " and _CHEMICAL.search(nxt[2]) is not None


def _stretches(text: str, bounds: str) -> list[tuple[int, int]]:
    """Half-open stretches of `text` between any of the characters in `bounds`."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in bounds:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def _gloss(tokens: list[tuple[int, int, str, bool]], text: str, lo: int, hi: int) -> bool:
    """True when [lo, hi) is the inside of brackets holding only foreign words, right after a Vietnamese
    word: the original or scientific name given as a gloss ("đổi mới sáng tạo (innovation)")."""
    if lo == 0 or text[lo - 1] not in "([":
        return False
    inside = [t for t in tokens if lo <= t[0] and t[1] <= hi]
    before = [t for t in tokens if t[1] < lo]
    return bool(inside) and all(t[3] for t in inside) and bool(before) and not before[-1][3]


def _foreign_stretch(tokens: list[tuple[int, int, str, bool]], text: str, lo: int, hi: int) -> bool:
    """True when the stretch [lo, hi) is a name or a foreign label, not Vietnamese prose with a loan in it.

    Either most of its words cannot be Vietnamese and at least two of them are foreign (a list entry such
    as "Pygathrix nigripes", a chemical name, an English phrase), or it is one capitalised foreign word
    alone on its line or in its brackets (the genus or substance of a list entry).
    """
    inside = [t for t in tokens if lo <= t[0] and t[1] <= hi]
    foreign = sum(1 for t in inside if t[3])
    if foreign >= 2 and 2 * foreign > len(inside):
        return True
    if len(inside) == 1 and inside[0][3] and inside[0][2][0].isupper():
        before = _LIST_LABEL.sub("", text[lo : inside[0][0]], count=1)
        return not any(ch.isalnum() for ch in before + text[inside[0][1] : hi])
    return False


def _scientific(tokens: list[tuple[int, int, str, bool]], i: int, text: str) -> bool:
    """True when token i is part of a binomial name: a capitalised foreign genus followed by a lower-case
    foreign epithet ("Panthera tigris"), the epithet itself, or a rank word and what follows it
    ("subsp. altaica", "Manta sp.")."""
    tok, foreign = tokens[i][2], tokens[i][3]
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None

    def adjacent(a: tuple[int, int, str, bool], b: tuple[int, int, str, bool]) -> bool:
        gap = text[a[1] : b[0]]
        return gap.strip(" .") == "" and len(gap) <= 3

    if tok.lower() in _RANKS:
        return prev is not None and adjacent(prev, tokens[i]) and prev[3]
    if not foreign:
        return False
    if tok[0].isupper():
        return (
            nxt is not None
            and adjacent(tokens[i], nxt)
            and nxt[2][0].islower()
            and (nxt[3] or nxt[2].lower() in _RANKS)
        )
    # An epithet: after a capitalised foreign genus, after another epithet or after a rank word.
    if prev is None or not adjacent(prev, tokens[i]):
        return False
    if prev[2].lower() in _RANKS:
        return True
    return prev[3] and (prev[2][0].isupper() or _scientific(tokens, i - 1, text))


def loanword_spans(text: str, *, skip_names: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, token) of each token of `text` that cannot be Vietnamese and is no exception.

    Skipped: established loans and names in `EXCEPTIONS`, units in `UNITS`, tokens in capitals of two or
    more letters (abbreviations: "UBND", "CCCD"), tokens containing digits, single letters and roman
    numerals (list labels "b)", "ii."), tokens with Vietnamese letters or tone marks (Vietnamised loans such
    as "kilôgam", and words glued together, which are another rule's business), parts of web and e-mail
    addresses, and, with `skip_names`, tokens that start with a capital letter inside a sentence (names of
    people, firms, apps: "Zalo", "Samsung").
    Names of species, substances and minerals are not loans either: binomials and rank words ("Panthera
    tigris", "Manta sp."), list entries and bracketed glosses made mostly of foreign words, chemical
    nomenclature ("methyl", "phosphonate"), Vietnamised mineral and salt names ("diatomit", "felspat"), the
    particles of physics ("proton"), and names after a noun of kind ("đá dolomit"); nor are words cut by a
    soft hyphen.
    A capitalised token at the start of a sentence or line is judged like any other ("Hotline của phường").
    Offsets are Python str indices into `text`.
    """
    # Most units hold no foreign word at all. A foreign token is made of ASCII letters and joiners, and one of
    # its parts (a run of ASCII letters between joiners or the token's bounds, so with no letter or digit
    # beside it) cannot be spelled as Vietnamese: without such a run in the text there is nothing to find,
    # which one `re` scan tells (three times quicker than the token scan below). Then the per-token verdicts
    # are cached (read on the tokens' strings, no match objects), the context built only when one is found.
    if not any(map(_foreign_part, ascii_runs(text))):
        return []
    if not any(map(_foreign_spelling, _TOKEN.findall(text))):
        return []
    matches = list(_TOKEN.finditer(text))
    # Every word with its spelling verdict: names and foreign labels are told by their neighbours.
    tokens = [(m.start(), m.end(), m.group(), _non_vietnamese(m.group())) for m in matches]
    # Lines and semicolons bound a list entry; brackets inside it are judged on their own as well.
    foreign_stretches = [
        (lo, hi) for lo, hi in _stretches(text, "\n\r;") if _foreign_stretch(tokens, text, lo, hi)
    ] + [
        (lo, hi)
        for lo, hi in _stretches(text, _STRETCH_BOUND)
        if _foreign_stretch(tokens, text, lo, hi) or _gloss(tokens, text, lo, hi)
    ]
    out: list[tuple[int, int, str]] = []
    for i, (start, end, token, _) in enumerate(tokens):
        if not _foreign_spelling(token) or _in_address(text, start, end):
            continue
        # A word cut by a soft hyphen or a stray sign ("ph\u00adương", "tr¬ường") is a broken word, not a loan.
        if (start and text[start - 1] in _CUT) or (end < len(text) and text[end] in _CUT):
            continue
        if skip_names and token[0].isupper() and not _sentence_start(text, start):
            continue
        if _CHEMICAL.search(token) or _kind_name(tokens, i, text) or _before_chemical(tokens, i, text):
            continue
        if _scientific(tokens, i, text) or any(lo <= start and end <= hi for lo, hi in foreign_stretches):
            continue
        out.append((start, end, token))
    return out


@lru_cache(maxsize=65536)
def _foreign_part(part: str) -> bool:
    """A run of letters that cannot be spelled as Vietnamese (what `non_vietnamese_syllable` asks of each part
    of a token), once per distinct run."""
    return not _vietnamese(part)


@lru_cache(maxsize=65536)
def _non_vietnamese(token: str) -> bool:
    """`non_vietnamese_syllable`, once per distinct token."""
    return non_vietnamese_syllable(token)


@lru_cache(maxsize=65536)
def _foreign_spelling(token: str) -> bool:
    """What `loanword_spans` decides from the token alone (its context aside), once per distinct token."""
    if token in UNITS or token.lower() in EXCEPTIONS:
        return False
    letters = "".join(_LETTERS.findall(token))
    if len(letters) < 2 or letters.isupper() or _ROMAN.fullmatch(token):
        return False
    if not _ASCII_LETTERS.fullmatch(token):
        return False
    return non_vietnamese_syllable(token)
