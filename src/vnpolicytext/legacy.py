"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258, in bytes and in mis-decoded text.

Before Unicode, Vietnamese text was typed in 8-bit encodings that still fill the archives of many offices:

- TCVN3, the "ABC" encoding of the standard TCVN 5712:1993 (tables VN1/VN3): one byte per letter, the
  precomposed lowercase letters in 0xB5-0xFE, ă â ê ô ơ ư đ at 0xA8-0xAE and Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xA7.
  The ABC fonts (.VnTime) implement VN3, which has no capital letters with a tone: ABC documents write them
  with the lowercase codes in a separate capitals font (.VnTimeH), so in a plain-text file such capitals
  come back lowercase. The full VN1 table places them in 0x01-0x17, 0x80-0x9F and a few free slots of the
  upper half; this module decodes and encodes them there, so a round trip keeps every letter's case.
- VNI (the VNI-Windows font layout of VNI Software): a base ASCII vowel followed by a separate byte for
  the circumflex or breve, combined with the tone (â = "aâ", ấ = "aá", ắ = "aé"), or for the tone alone
  (á = "aù", ả = "aû"); ơ, ư, đ and the toned i and ỵ are single bytes ("ô", "ö", "ñ", "í", "î"). The
  bytes are the Latin-1 letters of the same code, capitals for capitals.
- Windows-1258 (Microsoft's code page): ă â ê ô ơ ư đ precomposed, the five tones as combining marks.
  Python has the codec; the result is normalised to NFC.

The tables below were written from those definitions. A file in one of them fails UTF-8; a Word document
typed in a legacy font and read as Unicode shows the bytes as Windows-1252 letters ("Thñ t−íng chñ tr×",
"Thuû töôùng"): both are detected by decoding with every candidate and keeping the one whose result looks
most like Vietnamese syllables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from .errors import InputError

Encoding = Literal["tcvn3", "vni", "cp1258"]
ENCODINGS: tuple[Encoding, ...] = ("tcvn3", "vni", "cp1258")
LABELS: dict[str, str] = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258", "utf-8": "UTF-8"}

# --------------------------------------------------------------------------- Vietnamese letters

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
TONES = (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)  # huyền, sắc, hỏi, ngã, nặng
_VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> list[str]:
    """Every Vietnamese letter with a diacritic, both cases: 12 vowels × 6 tones + đ, minus plain a e i o u y."""
    out = []
    for base in _VOWELS:
        for tone in ("", *TONES):
            letter = unicodedata.normalize("NFC", base + tone)
            if letter not in "aeiouy":
                out.append(letter)
    out.append("đ")
    return out + [c.upper() for c in out]


# --------------------------------------------------------------------------- TCVN3 (TCVN 5712:1993)

# Byte → letter for 0x80-0xFF, one row per 16 bytes. Lowercase (VN3, what the ABC fonts use) in 0xA8-0xAE
# and 0xB5-0xFE; 0xB0-0xB4 are the five tones as combining marks; the capitals with a tone are VN1's.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
# VN1 capitals placed on control codes that text files never need (tab, newlines, escape stay ASCII).
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ"}
_TCVN3_LOW |= {0x12: "Ự", 0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}

TCVN3_DECODE: dict[int, str] = {b: chr(b) for b in range(0x80)}
TCVN3_DECODE |= _TCVN3_LOW
TCVN3_DECODE |= {0x80 + i: c for i, c in enumerate(_TCVN3_HIGH)}
TCVN3_ENCODE: dict[str, int] = {c: b for b, c in TCVN3_DECODE.items()}
_TCVN3_TRANSLATE = {b: c for b, c in TCVN3_DECODE.items() if chr(b) != c}  # for str.translate on Latin-1

# --------------------------------------------------------------------------- VNI (VNI-Windows fonts)

# Tone byte after a plain vowel, ơ or ư; after â ê ô the circumflex byte changes with the tone; after ă
# the breve byte does. Written lowercase; capitals use the Latin-1 capital of the same byte.
_VNI_TONE = dict(zip(TONES, "øùûõï", strict=True))
_VNI_CIRCUMFLEX = dict(zip(("", *TONES), "âàáåãä", strict=True))
_VNI_BREVE = dict(zip(("", *TONES), "êèéúüë", strict=True))
_VNI_I = dict(zip(TONES, "ìíæóò", strict=True))  # the toned i are single bytes
_VNI_BASE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}


def _vni_lower(letter: str) -> str:
    """The VNI spelling (as Latin-1 letters) of one lowercase Vietnamese letter."""
    if letter == "đ":
        return "ñ"
    decomposed = unicodedata.normalize("NFD", letter)
    tone = next((m for m in decomposed if m in TONES), "")
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
    if base == "i":
        return _VNI_I[tone] if tone else "i"
    if base == "y" and tone == _DOT:
        return "î"
    if base in "âêô":
        return {"â": "a", "ê": "e", "ô": "o"}[base] + _VNI_CIRCUMFLEX[tone]
    if base == "ă":
        return "a" + _VNI_BREVE[tone]
    return _VNI_BASE.get(base, base) + (_VNI_TONE[tone] if tone else "")


VNI_ENCODE: dict[str, str] = {}
for _letter in vietnamese_letters():
    _spelling = _vni_lower(_letter.lower())
    VNI_ENCODE[_letter] = _spelling if _letter.islower() else _spelling.upper()
VNI_ENCODE |= {c.upper(): c.upper() for c in "aeiouy"} | {c: c for c in "aeiouy"}
# Decoding reads the longest spelling first; a mark byte whose case differs from its vowel's is accepted.
_VNI_DECODE: dict[str, str] = {}
for _letter, _spelling in VNI_ENCODE.items():
    if len(_spelling) == 2:
        for _mark in {_spelling[1].lower(), _spelling[1].upper()}:
            _VNI_DECODE[_spelling[0] + _mark] = _letter
    elif _spelling != _letter:
        _VNI_DECODE[_spelling] = _letter
_VNI_BASES = "".join(sorted({k[0] for k in _VNI_DECODE if len(k) == 2}))
_VNI_MARKS = "".join(sorted({k[1] for k in _VNI_DECODE if len(k) == 2}))
_VNI_SINGLES = "".join(sorted(k for k in _VNI_DECODE if len(k) == 1))
_VNI_PATTERN = regex.compile(f"[{_VNI_BASES}][{_VNI_MARKS}]|[{_VNI_SINGLES}]")


def _vni_letter(m: regex.Match[str]) -> str:
    seq = m.group()
    found = _VNI_DECODE.get(seq)
    if found is not None:
        return found
    return "".join(_VNI_DECODE.get(c, c) for c in seq)  # a pair VNI does not define: letter by letter


def _vni_decode_str(latin: str) -> str:
    return _VNI_PATTERN.sub(_vni_letter, latin)


# --------------------------------------------------------------------------- decoding and encoding


def decode(data: bytes, encoding: Encoding) -> str:
    """Bytes in a legacy encoding → Unicode NFC (bytes a table lacks keep their Latin-1 letter)."""
    if encoding == "tcvn3":
        text = data.decode("latin-1").translate(_TCVN3_TRANSLATE)
    elif encoding == "vni":
        text = _vni_decode_str(data.decode("latin-1"))
    elif encoding == "cp1258":
        text = data.decode("cp1258", errors="replace")
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; use one of: {', '.join(ENCODINGS)}")
    return unicodedata.normalize("NFC", text)


def encode(text: str, encoding: Encoding) -> bytes:
    """Unicode → bytes in a legacy encoding; ValueError names the first character it cannot hold."""
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for i, ch in enumerate(text):
        try:
            if encoding == "tcvn3":
                out.append(TCVN3_ENCODE[ch])
            elif encoding == "vni":
                out += VNI_ENCODE.get(ch, ch).encode("latin-1")
            elif encoding == "cp1258":
                out += _cp1258_char(ch)
            else:
                raise ValueError(f"unknown legacy encoding {encoding!r}; use one of: {', '.join(ENCODINGS)}")
        except (KeyError, UnicodeEncodeError):
            raise ValueError(f"{LABELS[encoding]} cannot encode {ch!r} (U+{ord(ch):04X}) at {i}") from None
    return bytes(out)


def _cp1258_char(ch: str) -> bytes:
    """One letter in Windows-1258: precomposed when the code page has it, else base letter + tone mark."""
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
        tones = "".join(m for m in decomposed if m in TONES)
        if base == ch:
            raise
        return base.encode("cp1258") + tones.encode("cp1258")


# --------------------------------------------------------------------------- how Vietnamese is a text?

_TOKEN = regex.compile(r"[\p{L}\p{M}]+")
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_SYLLABLE = regex.compile(_ONSET + "[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_NO_TONES = dict.fromkeys(map(ord, TONES))
_VI_ONLY = regex.compile("[ăâêôơưđ" + "".join(TONES) + "]")


@dataclass(frozen=True, slots=True)
class Score:
    """Tokens of a text that are Vietnamese syllables with a diacritic, and tokens no syllable can be."""

    tokens: int
    vietnamese: int
    broken: int
    common: int = 0  # tokens among the commonest Vietnamese syllables

    @property
    def value(self) -> float:
        """(Vietnamese - broken) / tokens: near 1 for Vietnamese text, 0 or below for a wrong decoding."""
        return (self.vietnamese - self.broken) / self.tokens if self.tokens else 0.0

    @property
    def points(self) -> int:
        """What decides between two decodings: well-formed syllables, common ones counting twice."""
        return self.vietnamese + self.common - self.broken


@lru_cache(maxsize=1)
def _common_syllables() -> frozenset[str]:
    """The 3,000 commonest Vietnamese words of wordfreq (nearly all single syllables)."""
    from wordfreq import top_n_list

    return frozenset(unicodedata.normalize("NFC", w) for w in top_n_list("vi", 3000))


def score(text: str) -> Score:
    """How Vietnamese a text looks, from its syllables (case aside)."""
    tokens = vietnamese = broken = common = 0
    frequent = _common_syllables()
    for m in _TOKEN.finditer(unicodedata.normalize("NFD", text.lower())):
        token = m.group()
        tokens += 1
        stripped = token.translate(_NO_TONES)
        marks = len(token) - len(stripped)
        bare = unicodedata.normalize("NFC", stripped)
        if marks <= 1 and _SYLLABLE.fullmatch(bare):
            if marks or _VI_ONLY.search(bare):
                vietnamese += 1
                common += unicodedata.normalize("NFC", token) in frequent
        elif not (bare.isascii() and not marks):
            broken += 1
    return Score(tokens, vietnamese, broken, common)


def _good(s: Score) -> bool:
    return s.vietnamese >= 2 and s.value >= 0.25


# --------------------------------------------------------------------------- detection in bytes


@dataclass(frozen=True, slots=True)
class Detected:
    """What `detect_bytes` found: the encoding, the decoded text (NFC) and its score."""

    encoding: str  # "utf-8" or one of ENCODINGS
    text: str
    score: Score

    @property
    def label(self) -> str:
        return LABELS[self.encoding]


_SAMPLE_BYTES = 16 * 1024  # a long file is judged on its first and last 8 KiB


def detect_bytes(data: bytes) -> Detected | None:
    """UTF-8 when valid; else the legacy encoding whose decoding looks most Vietnamese; None when none does."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return Detected("utf-8", unicodedata.normalize("NFC", text), score(text))
    sample = (
        data
        if len(data) <= _SAMPLE_BYTES
        else data[: _SAMPLE_BYTES // 2] + b"\n" + data[-_SAMPLE_BYTES // 2 :]
    )
    best: Detected | None = None
    for encoding in ENCODINGS:
        text = decode(sample, encoding)
        s = score(text)
        if encoding == "cp1258":  # bytes the code page lacks
            s = Score(s.tokens, s.vietnamese, s.broken + text.count("\ufffd"), s.common)
        if best is None or s.points > best.score.points:
            best = Detected(encoding, text, s)
    if best is None or not _good(best.score):
        return None
    enc: Encoding = best.encoding  # type: ignore[assignment]
    return best if sample is data else Detected(enc, decode(data, enc), best.score)


# --------------------------------------------------------------------------- detection in mis-decoded text

# A legacy byte read as Windows-1252 / Latin-1 shows as the Latin-1 letter of the same code, except that
# Word shows TCVN3's ư (0xAD, the soft-hyphen code) as a minus sign. Windows-1252's 0x80-0x9F letters are
# left alone: in such text they are far more often real punctuation (“ ” – …) than VN1 capitals.
# C1 control characters (U+0080-U+009F) only come from a Latin-1 reading: they go back to their bytes.
_TO_BYTE: dict[str, int] = {chr(b): b for b in range(0x80, 0x100)} | {"\u2212": 0xAD}
# Latin-1 letters and signs that Unicode Vietnamese does not use: a mis-decoded text is full of them.
_LEGACY_HINT = regex.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212]"
)


def _as_bytes(text: str) -> tuple[bytes, dict[int, str]]:
    """The text's characters as the bytes they came from; others replaced by a placeholder byte."""
    out = bytearray()
    kept: dict[int, str] = {}
    for ch in text:
        b = _TO_BYTE.get(ch)
        if b is None:
            if ord(ch) < 0x80:
                b = ord(ch)
            else:
                kept[len(out)] = ch
                b = 0x1A  # placeholder, restored after decoding
        out.append(b)
    return bytes(out), kept


def fix_text(text: str, encoding: Encoding) -> str:
    """Text whose legacy bytes were read as Windows-1252 → Unicode NFC."""
    data, kept = _as_bytes(text)
    if not kept:
        return decode(data, encoding)
    # Decode the runs between kept characters separately so each kept character goes back in its place.
    parts: list[str] = []
    start = 0
    for pos in sorted(kept):
        parts.append(decode(data[start:pos], encoding))
        parts.append(kept[pos])
        start = pos + 1
    parts.append(decode(data[start:], encoding))
    return unicodedata.normalize("NFC", "".join(parts))


def detect_misdecoded(text: str) -> Detected | None:
    """The legacy encoding `text` was typed in when its bytes were read as Windows-1252, with the fixed text.

    None when the text reads better as it is (ordinary Unicode Vietnamese, English, French …).
    """
    sample = text if len(text) <= 16_000 else text[:8_000] + "\n" + text[-8_000:]
    if len(_LEGACY_HINT.findall(sample)) < 2:
        return None
    as_is = score(sample)
    best: Detected | None = None
    for encoding in ENCODINGS:
        s = score(fix_text(sample, encoding))
        if best is None or s.points > best.score.points:
            best = Detected(encoding, "", s)
    if best is None or not _good(best.score) or best.score.value < as_is.value + 0.2:
        return None
    enc: Encoding = best.encoding  # type: ignore[assignment]
    return Detected(enc, fix_text(text, enc), best.score)


# --------------------------------------------------------------------------- for readers of files


def to_unicode(data: bytes) -> Detected | None:
    """Bytes in UTF-8 or a legacy encoding, or UTF-8 holding mis-decoded legacy text → Unicode NFC.

    The encoding reported is the one converted from ("utf-8" when nothing needed converting).
    """
    found = detect_bytes(data)
    if found is None:
        return None
    if found.encoding == "utf-8":
        fixed = detect_misdecoded(found.text)
        if fixed is not None:
            return fixed
    return found


def undecodable_error(data: bytes, source: str, start: int) -> InputError:
    """The InputError for bytes that are not UTF-8: naming the legacy encoding found and how to convert."""
    head = f"{source}: not valid UTF-8 (byte 0x{data[start]:02x} at offset {start})"
    found = detect_bytes(data)
    if found is None or found.encoding == "utf-8":
        return InputError(
            f"{head}; save the file as UTF-8 (legacy Windows-1258, TCVN3 or VNI files must be converted "
            "to Unicode first)"
        )
    return InputError(f"{head}: {legacy_hint(found.label, source)}")


def legacy_hint(label: str, source: str) -> str:
    """One sentence, Vietnamese then English, naming the legacy encoding and the command that converts it."""
    name = source if source not in ("input", "<stdin>", "-") else "in.txt"
    out = _converted_name(name)
    return (
        f"tệp dùng bảng mã cũ {label} / legacy {label} encoding; chuyển sang Unicode / convert it: "
        f"`vnpolicytext convert {name} -o {out}` (hoặc / or --convert-legacy)"
    )


def _converted_name(name: str) -> str:
    dot = name.rfind(".")
    slash = max(name.rfind("/"), name.rfind("\\"))
    if dot > slash + 1:
        return name[:dot] + ".utf8" + name[dot:]
    return name + ".utf8.txt"
