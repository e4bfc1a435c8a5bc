"""Legacy encodings: the tables, round trips of every letter, detection in bytes and in mis-decoded text."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

import vnpolicytext
from vnpolicytext import legacy
from vnpolicytext.errors import InputError

# Sentences written for these tests: a commune notice, a procedure step, a decision, all letters in use.
NOTICE = (
    "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC\n"
    "THÔNG BÁO\n"
    "Về việc cấp đổi thẻ bảo hiểm y tế năm 2026\n\n"
    "Ủy ban nhân dân xã thông báo tới bà con: từ ngày 01/12/2026, người có thẻ hết hạn mang căn cước "
    "đến bộ phận một cửa để đổi thẻ. Người cao tuổi, trẻ em dưới sáu tuổi được miễn lệ phí.\n"
)
PROCEDURE = (
    "Bước 1: Người đề nghị chuẩn bị đơn và giấy tờ chứng minh chỗ ở hợp pháp.\n"
    "Bước 2: Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân cấp xã.\n"
    "Bước 3: Cán bộ kiểm tra, nếu hồ sơ thiếu thì hướng dẫn bổ sung ngay trong ngày.\n"
)
DECISION = (
    "Điều 1. Phê duyệt danh sách hộ nghèo được hỗ trợ tiền điện quý IV năm 2026.\n"
    "Điều 2. Giao Trưởng thôn phổ biến quyết định này đến từng hộ dân; những trường hợp khiếu nại "
    "được giải quyết trong vòng mười lăm ngày.\n"
)
SENTENCES = [NOTICE, PROCEDURE, DECISION]
LETTERS = legacy.vietnamese_letters()


def test_letter_inventory_is_complete() -> None:
    # 12 vowels × 6 tones, minus the six plain ASCII vowels, plus đ: 67 per case.
    assert len(LETTERS) == 134 == len(set(LETTERS))
    assert {"ặ", "Ặ", "ữ", "Ữ", "ỵ", "Ỵ", "đ", "Đ", "ơ", "Ơ"} <= set(LETTERS)
    assert all(unicodedata.is_normalized("NFC", c) for c in LETTERS)


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_every_letter_with_every_tone_round_trips(encoding: legacy.Encoding) -> None:
    for letter in LETTERS:
        for word in (letter, f"ng{letter}nh", f"{letter}{letter}"):
            data = legacy.encode(word, encoding)
            assert legacy.decode(data, encoding) == word, (encoding, word, data)
    everything = " ".join(LETTERS)
    assert legacy.decode(legacy.encode(everything, encoding), encoding) == everything


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_round_trip_and_are_detected(encoding: legacy.Encoding, text: str) -> None:
    data = legacy.encode(text, encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    found = legacy.detect_bytes(data)
    assert found is not None
    assert found.encoding == encoding
    assert found.text == text


def test_known_spellings_of_each_encoding() -> None:
    # The examples of issue 14 and of the encodings' definitions, byte for byte.
    tcvn3 = legacy.encode("Thủ tướng chủ trì hội nghị", "tcvn3")
    assert tcvn3 == b"Th\xf1 t\xad\xedng ch\xf1 tr\xd7 h\xe9i ngh\xde"
    assert legacy.encode("Thủ tướng chủ trì", "vni").decode("latin-1") == "Thuû töôùng chuû trì"
    assert legacy.encode("Việt Nam", "cp1258") == b"Vi\xea\xf2t Nam"  # ê, then the dot below as a mark
    assert legacy.encode("ĂÂÊÔƠƯĐăâêôơưđ", "tcvn3") == bytes(range(0xA1, 0xAF))
    assert legacy.encode("ấ ắ ỵ Ỵ đ", "vni").decode("latin-1") == "aá aé î Î ñ"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_tcvn3_table_agrees_with_the_c_library() -> None:
    # glibc's TCVN5712-1 converter is an independent implementation of the same standard.
    probe = subprocess.run(["iconv", "-l"], capture_output=True, text=True, check=False)
    if "TCVN5712-1" not in probe.stdout:
        pytest.skip("iconv has no TCVN5712-1 converter")
    data = bytes(b for b in range(1, 256) if b not in (0x0A, 0x0D))
    ref = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=True
    )
    theirs = unicodedata.normalize("NFC", ref.stdout.decode("utf-8"))
    assert legacy.decode(data, "tcvn3") == theirs


def test_cp1258_is_returned_as_nfc() -> None:
    # ư ơ precomposed (0xFD 0xF5), the grave tone as a combining mark after them (0xCC), as the code page has it.
    text = legacy.decode(b"Ng\xfd\xf5\xcci d\xe2n n\xf4\xf2p h\xf4\xcc s\xf5", "cp1258")
    assert text == "Người dân nộp hồ sơ" and unicodedata.is_normalized("NFC", text)
    assert legacy.decode(b"Vi\xea\xf2t", "cp1258") == "Việt"


def test_encode_refuses_what_the_encoding_cannot_hold() -> None:
    with pytest.raises(ValueError, match=r"TCVN3 \(ABC\) cannot encode '€'"):
        legacy.encode("Lệ phí 5 €", "tcvn3")
    with pytest.raises(ValueError, match="Windows-1258 cannot encode"):
        legacy.encode("Hồ sơ 文", "cp1258")


# --------------------------------------------------------------------------- detection


def test_utf8_is_recognised_first() -> None:
    found = legacy.detect_bytes(NOTICE.encode("utf-8"))
    assert found is not None and found.encoding == "utf-8" and found.text == NOTICE


def test_western_text_is_not_taken_for_vietnamese() -> None:
    french = "Le comité a validé le budget de l'école après une réunion très animée à Genève."
    assert legacy.detect_bytes(french.encode("cp1252")) is None
    assert legacy.detect_misdecoded(french) is None
    assert legacy.detect_bytes(bytes(range(0x80, 0x100)) * 4) is None


def test_ordinary_unicode_vietnamese_is_not_misdecoded() -> None:
    for text in SENTENCES:
        assert legacy.detect_misdecoded(text) is None
    # Latin-1 signs that Vietnamese text does use are not a reason either.
    assert legacy.detect_misdecoded("Nhiệt độ 30°C, lãi suất 0,5 % «ưu đãi» × 2 lần.") is None


def test_misdecoded_examples_of_the_issue() -> None:
    found = legacy.detect_misdecoded("Thñ t−íng chñ tr× héi nghÞ trùc tuyÕn")
    assert found is not None and found.encoding == "tcvn3"
    assert found.text == "Thủ tướng chủ trì hội nghị trực tuyến"
    found = legacy.detect_misdecoded("Thuû töôùng chuû trì hoäi nghò tröïc tuyeán")
    assert found is not None and found.encoding == "vni"
    assert found.text == "Thủ tướng chủ trì hội nghị trực tuyến"


def _as_word_shows_it(data: bytes) -> str:
    """Legacy bytes as Word shows them in a Unicode document: Windows-1252, TCVN3's ư as a minus sign."""
    return data.decode("cp1252", errors="replace").replace("\xad", "\u2212")


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_misdecoded_sentences_are_repaired(encoding: legacy.Encoding) -> None:
    # TCVN3's capitals with a tone sit on control codes and 0x80-0x9F, which do not survive as text:
    # the ABC fonts never used them (capitals came from a separate font), so test lowercase text there.
    text = (NOTICE.lower() if encoding == "tcvn3" else NOTICE) + PROCEDURE.lower()
    shown = _as_word_shows_it(legacy.encode(text, encoding))
    assert shown != text
    found = legacy.detect_misdecoded(shown)
    assert found is not None and found.encoding == encoding
    assert found.text == text


def test_misdecoded_text_keeps_unicode_characters_in_place() -> None:
    shown = "“Thñ t−íng” – chñ tr× 🙂 héi nghÞ"
    found = legacy.detect_misdecoded(shown)
    assert found is not None
    assert found.text == "“Thủ tướng” – chủ trì 🙂 hội nghị"


def test_to_unicode_repairs_utf8_files_holding_misdecoded_text() -> None:
    shown = _as_word_shows_it(legacy.encode(PROCEDURE, "vni"))
    found = legacy.to_unicode(shown.encode("utf-8"))
    assert found is not None and (found.encoding, found.text) == ("vni", PROCEDURE)
    plain = legacy.to_unicode(PROCEDURE.encode("utf-8"))
    assert plain is not None and (plain.encoding, plain.text) == ("utf-8", PROCEDURE)


# --------------------------------------------------------------------------- decode_bytes


@pytest.mark.parametrize(
    ("encoding", "label"), [("tcvn3", "TCVN3"), ("vni", "VNI"), ("cp1258", "Windows-1258")]
)
def test_decode_bytes_names_the_encoding_and_the_command(encoding: legacy.Encoding, label: str) -> None:
    with pytest.raises(InputError) as info:
        vnpolicytext.decode_bytes(legacy.encode(DECISION, encoding), source="quyet_dinh.txt")
    message = str(info.value)
    assert message.startswith("quyet_dinh.txt: not valid UTF-8 (byte 0x")
    assert label in message
    assert "vnpolicytext convert quyet_dinh.txt -o quyet_dinh.utf8.txt" in message
    assert "--convert-legacy" in message and "bảng mã cũ" in message


def test_decode_bytes_on_other_bytes_keeps_the_generic_message() -> None:
    with pytest.raises(InputError, match=r"in.bin: not valid UTF-8 .*save the file as UTF-8"):
        vnpolicytext.decode_bytes(b"\x81\x8d\x8f\x90 abc \xff\xfe\xfd", source="in.bin")


_ALPHABET = "".join(LETTERS) + "abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,;:-()/\n"


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_any_vietnamese_text_round_trips(encoding: legacy.Encoding) -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True)
    @hypothesis.given(st.text(alphabet=_ALPHABET, max_size=60))
    def round_trip(text: str) -> None:
        assert legacy.decode(legacy.encode(text, encoding), encoding) == text

    round_trip()
