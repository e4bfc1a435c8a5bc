"""Input that cannot be scored: no diacritics, legacy TCVN3 / VNI encodings, not Vietnamese."""

import unicodedata

import vnpolicytext

from .conftest import assert_offsets

PLAIN = (
    "Ủy ban nhân dân huyện tổ chức hội nghị trực tuyến với các xã để bàn việc hỗ trợ người dân "
    "bị ảnh hưởng bởi lũ. Mỗi hộ được nhận gạo và tiền mặt trong tuần này."
)

# Vietnamese letters in two legacy 8-bit encodings, as they look when the bytes are read as Windows-1252.
# (Facts about the encodings; only the letters our test sentence needs.)
TCVN3 = {
    "á": "¸",
    "à": "µ",
    "ả": "¶",
    "ạ": "¹",
    "ă": "¨",
    "â": "©",
    "ê": "ª",
    "ô": "«",
    "ơ": "¬",
    "ư": "−",
    "đ": "®",
    "í": "Ý",
    "ì": "×",
    "ị": "Þ",
    "ó": "ã",
    "ò": "ß",
    "ọ": "ä",
    "ú": "ó",
    "ù": "ï",
    "ủ": "ñ",
    "ụ": "ô",
    "ấ": "Ê",
    "ầ": "Ç",
    "ậ": "Ë",
    "ế": "Õ",
    "ề": "Ò",
    "ệ": "Ö",
    "ố": "è",
    "ồ": "å",
    "ổ": "æ",
    "ộ": "é",
    "ớ": "í",
    "ờ": "ê",
    "ợ": "î",
    "ứ": "ø",
    "ừ": "õ",
    "ử": "ö",
    "ự": "ù",
    "Ủ": "Ñ",
    "ỗ": "ç",
    "ặ": "Æ",
    "ẩ": "È",
    "ỹ": "ü",
    "ỷ": "û",
    "ỗ ": "ç ",
}
VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}


def to_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(c, c) for c in text)


def to_vni(text: str) -> str:
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        upper = base.isupper()
        tone = "".join(VNI_TONES[m] for m in marks if m in VNI_TONES)
        if base in "đĐ":
            out.append("Ñ" if upper else "ñ")
            continue
        s = base
        if "\u0302" in marks:
            s += "Â" if upper else "â"
        if "\u0306" in marks:
            s += "Ê" if upper else "ê"
        if "\u031b" in marks:
            s = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}[base]
        out.append(s + (tone.upper() if upper else tone))
    return "".join(out)


def rules(report: vnpolicytext.Report) -> list[str]:
    return [f.rule for f in report.findings if f.analyzer == "text"]


def test_proper_text_is_scorable() -> None:
    r = vnpolicytext.analyze(PLAIN)
    assert rules(r) == [] and r.text.scorable
    assert r.text.diacritic_share is not None and r.text.diacritic_share > 0.5


def test_text_without_diacritics_is_reported_not_scored() -> None:
    bare = "".join(c for c in unicodedata.normalize("NFD", PLAIN) if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    r = vnpolicytext.analyze(bare)
    assert rules(r) == ["text.no_diacritics"]
    assert not r.text.scorable and r.readability is None
    assert r.findings[0].severity == "error"
    assert_offsets(bare, r)


def test_tcvn3_mojibake_is_reported() -> None:
    text = to_tcvn3(PLAIN)
    assert "−" in text and "¸" in text
    r = vnpolicytext.analyze(text)
    assert rules(r) == ["text.legacy_encoding"]
    assert r.findings[0].data["encoding"] == "TCVN3"
    assert r.readability is None


def test_vni_mojibake_is_reported() -> None:
    text = to_vni(PLAIN)
    assert "töø" in to_vni("từ") + text or "ö" in text
    r = vnpolicytext.analyze(text)
    assert rules(r) == ["text.legacy_encoding"]
    assert r.findings[0].data["encoding"] == "VNI"


def test_english_text_is_not_scored() -> None:
    r = vnpolicytext.analyze(
        "The provincial committee met on Monday to review the draft budget for next year."
    )
    assert rules(r) == ["text.not_vietnamese"]
    assert r.readability is None


def test_rule_can_be_switched_off_but_the_text_stays_unscorable() -> None:
    text = to_tcvn3(PLAIN)
    r = vnpolicytext.analyze(text, config={"rules": {"text.legacy_encoding": "off"}})
    assert rules(r) == [] and not r.text.scorable and r.readability is None


def test_toned_letters_are_the_precomposed_letters_with_a_tone_mark() -> None:
    # `_TONED` is spelled out; it must hold exactly the letters from U+00C0 to U+1EF9 whose
    # decomposition carries one of the five Vietnamese tone marks.
    from vnpolicytext.analyzers import text_check

    tones = "\u0300\u0301\u0303\u0309\u0323"
    expected = {
        ch
        for ch in map(chr, range(0xC0, 0x1EFA))
        if ch.isalpha() and any(m in unicodedata.normalize("NFD", ch) for m in tones)
    }
    assert "".join(sorted(expected)) == text_check._TONED
    exact, maybe = text_check._two_tones()
    assert exact.search("Cơ quan cập nhậttừ hệ thống") and maybe.search("nhậttừ")
    assert exact.search("Người dân nộp hồ sơ.") is None
