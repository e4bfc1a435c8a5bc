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
    vôn ki-lô-gam ki-lô-mét mét lít gam tấn photocopy fax e-mail alo album ô-tô mô-tô xích-lô
    cà-phê sô-cô-la kíp cyclo ecmo inox gen ipad iphone zalo facebook google youtube tiktok đắk lắk
    kon kông kạn krông pắc ea plei pleiku grai h'mông hmông m'nông k'ho k'bang đrắk
    """
)
# Units and symbols written in Latin letters (matched case-sensitively on the original token).
UNITS: frozenset[str] = _words(
    """
    km m cm mm dm ha kg g mg mcg ml l kW kWh MW GW W V A Hz GHz MHz dB m2 m3 km2 ppm pH kcal cal USD
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


def loanword_spans(text: str, *, skip_names: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, token) of each token of `text` that cannot be Vietnamese and is no exception.

    Skipped: established loans and names in `EXCEPTIONS`, units in `UNITS`, tokens in capitals of two or
    more letters (abbreviations: "UBND", "CCCD"), tokens containing digits, single letters and roman
    numerals (list labels "b)", "ii."), tokens with Vietnamese letters or tone marks (Vietnamised loans such
    as "kilôgam", and words glued together, which are another rule's business), parts of web and e-mail
    addresses, and, with `skip_names`, tokens that start with a capital letter inside a sentence (names of
    people, firms, apps: "Zalo", "Samsung").
    A capitalised token at the start of a sentence or line is judged like any other ("Hotline của phường").
    Offsets are Python str indices into `text`.
    """
    out: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if not _foreign_spelling(token) or _in_address(text, m.start(), m.end()):
            continue
        if skip_names and token[0].isupper() and not _sentence_start(text, m.start()):
            continue
        out.append((m.start(), m.end(), token))
    return out


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
