"""crf.py scores underthesea's CRF models exactly: same words as `word_tokenize`, same POS tags as
underthesea's tagger, on a few thousand sentences built from phrases written for this test."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from underthesea import word_tokenize

from vnpolicytext import crf
from vnpolicytext.words import underthesea_segmenter

AGENCIES = [
    "Chính phủ",
    "Bộ Tài chính",
    "UBND tỉnh Bình Dương",
    "Bộ Giáo dục và Đào tạo",
    "HĐND thành phố Hải Phòng",
    "Sở Y tế",
    "Ban Chấp hành T.Ư Đoàn",
    "Tổng cục Thuế",
    "Ủy ban nhân dân xã Tân Hòa",
    "Bộ LĐ-TB&XH",
]
SUBJECTS = [
    "Người dân",
    "Cơ quan thuế",
    "Doanh nghiệp nhỏ và vừa",
    "Các đơn vị sự nghiệp công lập",
    "Hộ kinh doanh",
    "Học sinh lớp 12",
    "Bệnh viện tuyến huyện",
    "Công an xã",
    "Người lao động nước ngoài",
    "Chủ đầu tư",
    "CÁN BỘ, CÔNG CHỨC",
    "Ông Nguyễn Văn An",
    "Bà Trần Thị Bình",
    "ThS. Phạm Minh Đức",
    "Mr. John Smith",
]
VERBS = [
    "nộp",
    "được cấp",
    "bị xử phạt vì",
    "tiếp nhận",
    "đăng ký",
    "phải báo cáo",
    "có trách nhiệm kiểm tra",
    "đã hoàn thành",
    "sẽ triển khai",
    "được miễn",
    "bị thu hồi",
    "đề nghị bổ sung",
    "không được phép sử dụng",
    "chịu trách nhiệm về",
    "được hướng dẫn thực hiện",
    "bị đình chỉ",
]
OBJECTS = [
    "hồ sơ đăng ký thường trú",
    "giấy phép kinh doanh",
    "thuế thu nhập cá nhân",
    "kế hoạch phòng, chống thiên tai",
    "dự án đầu tư công",
    "thẻ bảo hiểm y tế",
    "chứng chỉ hành nghề",
    "báo cáo tài chính năm 2023",
    "thủ tục hành chính trên Cổng Dịch vụ công quốc gia",
    "quyền sử dụng đất",
    "phương án bồi thường, hỗ trợ, tái định cư",
    "tiền sử dụng đất",
    "văn bản quy phạm pháp luật",
    "hợp đồng lao động",
    "căn cước công dân gắn chip",
]
PLACES = [
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Tp. Đà Nẵng",
    "xã N'Thôn Hạ",
    "huyện Mường Tè",
    "phường Bến Nghé, quận 1",
    "tỉnh Đắk Lắk",
    "thị xã Sa Pa",
    "bộ phận một cửa",
    "trụ sở UBND phường",
    "Trung tâm Phục vụ hành chính công",
]
DOC_TYPES = ["Nghị định", "Thông tư", "Quyết định", "Luật", "Nghị quyết", "Công văn", "Chỉ thị"]
DOC_SUFFIXES = ["NĐ-CP", "TT-BTC", "QĐ-UBND", "TT-BNV", "NQ-HĐND", "QH14", "CT-TTg", "UBND-KT", "BTP-VP"]
FOREIGN = [
    "Zalo",
    "Microsoft Word",
    "Google Drive",
    "iPhone 15 Pro Max",
    "COVID-19",
    "ChatGPT",
    "e-mail",
    "online",
    "check-in",
    "smartphone",
    "Facebook",
    "startup",
    "fintech",
    "QR code",
    "VNeID",
    "e-Government",
]
QUOTES = [
    "“Chúng tôi sẽ xử lý nghiêm”",
    '"Không có vùng cấm"',
    "‘Đúng người, đúng việc’",
    "«Dân biết, dân bàn»",
    '"HỒ SƠ ĐẦY ĐỦ"',
    "“Thủ tục gọn, chi phí thấp”",
]
EMOJI = ["😀", "👍", ":)", "<3", "♥‿♥", "=))", "🇻🇳", "✅", ":D", "🙏🙏"]
ODD = [
    "+5",
    "-3",
    "2147483648",
    "2147483647",
    "BOS",
    "EOS",
    "ΑΣ",
    "İstanbul",
    "Straße",
    "ƛ",
    "Ꟍ",
    "٣",
    "v.v...",
    "10:20:30",
    "3x4",
    "4K",
    "43H-0530",
    "03-5730-2357",
    "H&M",
    "1.600m-2.000m",
    "°C",
    "=>",
    "->",
    "...",
    "--",
    "§",
    "№",
    "½",
    "x²",
    "Ⅻ",
    "ﬁ",
    "ǅ",
    "Ⓐ",
    "ＡＢＣ",
    "ⅰ",
]


def _number(r: random.Random) -> str:
    return r.choice(
        [
            f"{r.randint(1, 999)}.{r.randint(0, 999):03d}.000",
            f"{r.randint(1, 99)},{r.randint(1, 9)}",
            str(r.randint(1, 2030)),
            f"{r.randint(1, 100)}%",
            f"{r.randint(0, 99)},{r.randint(0, 99)}%",
            f"{r.randint(1, 9)}.{r.randint(100, 999)},{r.randint(1, 9)}",
            f"{r.randint(1, 30)}-{r.randint(31, 60)}",
        ]
    )


def _date(r: random.Random) -> str:
    d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(1990, 2026)
    return r.choice(
        [
            f"{d}/{m}/{y}",
            f"{d:02d}/{m:02d}/{y}",
            f"ngày {d:02d} tháng {m} năm {y}",
            f"{d:02d}-{m:02d}-{y}",
            f"{d}.{m}.{y}",
            f"{y}/{m:02d}/{d:02d}",
            f"{m}/{y}",
            f"năm {y}",
        ]
    )


def _doc(r: random.Random) -> str:
    n = r.randint(1, 350)
    return r.choice(
        [
            f"{n}/{r.randint(2000, 2025)}/{r.choice(DOC_SUFFIXES)}",
            f"{n}/{r.choice(DOC_SUFFIXES)}",
            f"{n}/QĐ-TTg",
            f"{n}/{r.randint(2010, 2025)}/TT-BLĐTBXH",
        ]
    )


def _sentence(r: random.Random) -> str:
    s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
    forms = [
        f"{r.choice(['Căn cứ', 'Theo', 'Thực hiện'])} {r.choice(DOC_TYPES)} số {_doc(r)} ngày {_date(r)} của "
        f"{r.choice(AGENCIES)}, {s.lower() if r.random() < 0.5 else s} {v} {o}.",
        f"{_date(r).capitalize()}, {s} {v} {o} tại {r.choice(PLACES)}.",
        f"Sáng {_date(r)}, {r.choice(SUBJECTS)} cho biết: {r.choice(QUOTES)} {r.choice(EMOJI)}",
        f"Mức phạt từ {_number(r)} đồng đến {_number(r)} đồng đối với hành vi không {v} {o}.",
        f"Liên hệ 0{r.randint(20, 99)}-{r.randint(100, 999)}-{r.randint(1000, 9999)} hoặc "
        f"hotro{r.randint(1, 99)}@{r.choice(['xa-tanhoa', 'sotuphap', 'dichvucong'])}.gov.vn, "
        f"website https://{r.choice(['dichvucong.gov.vn', 'chinhphu.vn/van-ban?id=12', 'thuvienphapluat.vn'])}.",
        f"{s} sử dụng {r.choice(FOREIGN)} để {v} {o} ({r.choice(FOREIGN)}) {r.choice(EMOJI)}.",
        f"THÔNG BÁO VỀ VIỆC {v.upper()} {o.upper()} NĂM {r.randint(2020, 2026)}",
        f"{r.choice(['a)', 'b)', '1.', '2.', '-', '+', '•'])} {o.capitalize()} gồm {r.randint(2, 9)} bản: "
        f"{r.choice(OBJECTS)}, {r.choice(OBJECTS)} và {r.choice(OBJECTS)};",
        f"Tỷ lệ {o} đạt {_number(r)} trong {r.randint(2, 12)} tháng đầu năm, tăng {_number(r)} so với cùng kỳ.",
        f"{s} {v} {r.choice(ODD)} {o} {r.choice(ODD)} {r.choice(['...', '!', '?', '?!', ' –', '—', ':'])}",
        f"Điều {r.randint(1, 99)}. {o.capitalize()}, khoản {r.randint(1, 9)} Điều {r.randint(1, 99)} "
        f"{r.choice(DOC_TYPES)} {_doc(r)}.",
        f"{r.choice(PLACES)}: {s} {v} {o}, {r.choice(OBJECTS)} và {r.choice(OBJECTS)} {r.choice(EMOJI)}",
    ]
    text = r.choice(forms)
    if r.random() < 0.08:
        text = text.upper()
    elif r.random() < 0.08:
        text = text.title()
    return text


def _sentences(n: int, seed: int = 20251129) -> list[str]:
    r = random.Random(seed)
    out = [_sentence(r) for _ in range(n)]
    # a few multi-sentence paragraphs, longer than the units the analyzers segment
    out += [" ".join(_sentence(r) for _ in range(12)) for _ in range(20)]
    return out


SENTENCES = _sentences(1500)


def test_word_spans_are_underthesea_words() -> None:
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    reference = underthesea_segmenter()
    compared = 0
    for text in SENTENCES:
        spans = crf.word_spans(text)
        assert spans == reference(text), text
        if tokenize(text) != [text[s:e] for s, e in crf.token_spans(text)]:
            continue  # underthesea re-normalised a token (a curly quote made straight)
        tokens = iter(crf.token_spans(text))
        words = []
        for _, e in spans:  # underthesea joins a word's tokens with one space
            parts = [text[a:b] for a, b in tokens_until(tokens, e)]
            words.append(" ".join(parts))
        assert words == word_tokenize(text), text
        compared += 1
    assert compared > 0.9 * len(SENTENCES)


def tokens_until(tokens: Iterator[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    out = []
    for a, b in tokens:
        out.append((a, b))
        if b >= end:
            break
    return out


def test_token_spans_follow_underthesea_pattern() -> None:
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    assert crf._token_pattern().pattern == patterns.pattern
    for text in SENTENCES:
        assert crf.token_spans(text) == [m.span() for m in patterns.finditer(text)], text


def test_pos_tags_are_underthesea_tags() -> None:
    from vnpolicytext.passive_rules import tag_words

    for text in SENTENCES[:900]:
        words = word_tokenize(text)
        assert crf.pos_tags(words) == tag_words(words), text


def test_exact_decoder_agrees_with_the_fast_one() -> None:
    ws = crf.model("ws")
    for text in SENTENCES[:300]:
        tokens = [text[s:e] for s, e in crf.token_spans(text)]
        ws.tag_ids(tokens)  # registers the tokens
        padded = [crf.BOS, crf.BOS, *(ws.state.ids[t] for t in tokens), crf.EOS, crf.EOS]
        assert ws._fast_tags(ws.state, padded) == ws._exact_tags(ws.state, padded)


def test_ties_go_to_the_first_label() -> None:
    """A model with no weights ties everywhere: the fast decoder declines, the exact one picks label 0."""
    tables = {
        "labels": ["B-W", "I-W"],
        "templates": [(0, 0, "")],
        "values": [{"a": 1}],
        "size": 4,
        "nonzero": b"",
        "weights": b"",
        "trans": [0.0] * 4,
        "dictionary": [],
        "rules": None,
        "scale": 0.0,
    }
    model = crf.CRF(tables)
    state = model.state
    model.tag_ids(["a", "b", "c"])
    assert model._fast_tags(state, [0, 0, 2, 3, 4, 1, 1]) is None
    assert model.tag_ids(["a", "b", "c"]) == [0, 0, 0]


def test_case_rules_match_underthesea_core_on_checked_characters() -> None:
    from underthesea_core import CRFFeaturizer

    chars = [chr(c) for c in range(0x110000) if not crf._UNCHECKED.match(chr(c)) and c != 0x20]
    featurizer = CRFFeaturizer(["T[0].lower", "T[0].istitle", "T[0].isdigit"], set())
    rust = featurizer.process([[[c] for c in chars]])[0]
    for c, (low, title, _) in zip(chars, rust, strict=True):
        assert crf.lower_title(c) == (low.split("=", 1)[1], title.endswith("=True")), repr(c)
    # outside the checked ranges underthesea_core is asked, so its answers are kept even where Python differs
    for text in ["ƛ", "Ꟍ", "ΑΣ", "İstanbul", "ǅ", "ΑΣ ΑΣ"]:
        ((low, title, digit),) = featurizer.process([[[text]]])[0]
        assert crf.lower_title(text) == (low.split("=", 1)[1], title.endswith("=True"))
    for text in [
        "+5",
        "-3",
        "007",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "٣",
        "-",
        "+",
        "1_0",
        "1 2",
        "x",
    ]:
        ((_, _, digit),) = featurizer.process([[[text]]])[0]
        assert crf.is_digit(text) == digit.endswith("=True"), text


def test_reader_matches_underthesea_core() -> None:
    from underthesea_core import CRFTagger

    base = crf._underthesea_dir()
    for sub in (crf._WS_DIR, crf._POS_DIR):
        labels, attrs, features = crf.read_crfsuite((base / sub / "models.bin").read_bytes())
        tagger = CRFTagger()
        tagger.load(str(base / sub / "models.bin"))
        assert labels == tagger.labels()
        assert len(set(attrs)) == len(attrs) > 10_000
        assert {kind for kind, *_ in features} == {0, 1}


def test_tables_are_cached_under_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = crf._underthesea_dir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = crf._load_tables("pos", base / crf._POS_DIR, None)
    files = list((tmp_path / "vnpolicytext").glob("crf-pos-*.marshal"))
    assert len(files) == 1
    assert crf._load_tables("pos", base / crf._POS_DIR, None) == built
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert crf._load_tables("pos", base / crf._POS_DIR, None) == built  # built in memory


def _viterbi_every_pair(emissions: list[list[float]], trans: list[float]) -> list[int]:
    """Viterbi over every pair of labels, the first label winning a tie (the reference for the pruned
    loop of `CRF._exact_tags_py`)."""
    nl = len(emissions[0])
    score, back = emissions[0], []
    for e in emissions[1:]:
        new, pointers = [], []
        for j in range(nl):
            best, arg = score[0] + trans[j], 0
            for i in range(1, nl):
                v = score[i] + trans[i * nl + j]
                if v > best:
                    best, arg = v, i
            new.append(best + e[j])
            pointers.append(arg)
        back.append(pointers)
        score = new
    y = max(range(nl), key=score.__getitem__)
    out = [y]
    for pointers in reversed(back):
        y = pointers[y]
        out.append(y)
    return out[::-1]


def test_plain_pos_decoder_keeps_the_first_of_equal_paths() -> None:
    """The plain decoder stops early for each label (the previous labels by decreasing score); on models
    whose weights are small dyadic numbers (many exact ties) and on ones with random weights it gives the
    tags of a loop over every pair of labels, and on the POS model those of the numpy decoder."""
    from array import array

    r = random.Random(7)
    words = ["hồ sơ", "được", "nộp", "tại", "ủy ban", "xã", "cấp", "giấy phép", "bị", "thu hồi"]
    for trial in range(60):
        nl = r.choice([2, 3, 5, 8, 31])
        dyadic = trial % 2 == 0
        draw = (lambda: r.choice([-0.5, -0.25, 0.0, 0.0, 0.25, 0.5, 1.0])) if dyadic else (lambda: r.uniform(-3, 3))
        rows = len(words) + 1
        dense = [0.0] * nl + [draw() for _ in range(nl * (rows - 1))]
        tables = {
            "labels": [f"L{k}" for k in range(nl)],
            "templates": [(0, 0, "lower"), (-1, -1, "lower")],
            "values": [{w: k + 1 for k, w in enumerate(words)}] * 2,
            "size": len(dense),
            "nonzero": array("I", [i for i, x in enumerate(dense) if x]).tobytes(),
            "weights": array("d", [x for x in dense if x]).tobytes(),
            "trans": [draw() for _ in range(nl * nl)],
            "dictionary": [],
            "rules": None,
            "scale": 0.0,
        }
        model = crf.CRF(tables)
        for _ in range(5):
            tokens = [r.choice(words) for _ in range(r.randint(1, 14))]
            st, padded = model._padded(tokens)
            got = model._exact_tags_py(st, padded)
            rows_of = [model.values[0].get(t, 0) for t in tokens]
            before = [0, *rows_of[:-1]]
            pairs = zip(rows_of, before, strict=True)
            emissions = [[dense[a * nl + y] + dense[b * nl + y] for y in range(nl)] for a, b in pairs]
            assert got == _viterbi_every_pair(emissions, tables["trans"]), (trial, tokens)
    pos = crf.model("pos")
    for text in SENTENCES[:200]:
        tokens = [text[s:e] for s, e in crf.word_spans(text)]
        st, padded = pos._padded(tokens)
        assert pos._exact_tags_py(st, padded) == pos._exact_tags(st, padded), text
