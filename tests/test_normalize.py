import unicodedata

from vnpolicytext.normalize import canonical_tones, normalize
from vnpolicytext.vocab import fold


def test_clean_text_is_its_own_working_copy() -> None:
    text = "Người dân nộp hồ sơ tại bộ phận một cửa."
    n = normalize(text)
    assert n.text == text
    assert n.span(10, 13) == (10, 13)


def test_nfd_maps_back_to_whole_clusters() -> None:
    text = unicodedata.normalize("NFD", "Thủ tướng chủ trì hội nghị")
    n = normalize(text)
    assert n.text == "Thủ tướng chủ trì hội nghị"
    start = n.text.index("tướng")
    s, e = n.span(start, start + len("tướng"))
    assert unicodedata.normalize("NFC", text[s:e]) == "tướng"
    assert len(text[s:e]) > len("tướng")


def test_crlf_zero_width_nbsp_and_bom() -> None:
    text = "\ufeffDòng một\r\nDòng\u00a0hai\u200b có\r\nba"
    n = normalize(text)
    assert n.text == "Dòng một\nDòng hai có\nba"
    for word in ("một", "hai", "có", "ba", "Dòng"):
        i = n.text.index(word)
        s, e = n.span(i, i + len(word))
        assert text[s:e].replace("\u00a0", " ") == word
    i = n.text.index("hai có")
    s, e = n.span(i, i + len("hai có"))
    assert text[s:e] == "hai\u200b có"


def test_new_style_tone_placement_becomes_classic() -> None:
    assert canonical_tones("hoà giải, thuỷ lợi, khoẻ mạnh, quý, hoàng, Uỷ ban") == (
        "hòa giải, thủy lợi, khỏe mạnh, quý, hoàng, Ủy ban"
    )
    assert fold("Hoà  GIẢI") == fold("hòa giải") == "hòa giải"
    n = normalize("Phòng Tư pháp hoà giải")
    assert n.text.endswith("hòa giải") and len(n.text) == len(n.original)


def test_emoji_and_combining_marks_on_non_letters() -> None:
    text = "Xin chào 👋🏽 bà con a\u0301\u0323 x\u0308 🇻🇳 hết."
    n = normalize(text)
    i = n.text.index("hết")
    s, e = n.span(i, i + 3)
    assert text[s:e] == "hết"
    assert n.span(0, len(n.text)) == (0, len(text))


def test_quick_scan_class_is_every_character_a_rewrite_may_start_with() -> None:
    # `_MAYBE_DIRTY` is written as the complement of the copied characters; it must be exactly the class of the
    # rewritten characters and of everything outside the blocks without combining marks.
    from vnpolicytext import normalize as module

    rewritten = set("\r" + module._REMOVED + module._SPACES + module._BREAKS + "ðÐ")
    outside = [(0x0300, 0x1DFF), (0x1F00, 0x1FFF), (0x2070, 0x10FFFF)]
    everything = "".join(map(chr, range(0x110000)))
    found = set(module._MAYBE_DIRTY.findall(everything))
    expected = {ch for ch in everything if ch in rewritten or any(lo <= ord(ch) <= hi for lo, hi in outside)}
    assert found == expected
    # a text that needs rewriting from its first character and one that needs none
    assert normalize("\u00a0Ủy ban").text == " Ủy ban"
    assert normalize("Ủy ban – “một cửa”").text == "Ủy ban – “một cửa”"
