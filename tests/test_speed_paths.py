"""The faster paths of issue 16 give exactly what the slower ones gave: POS windows decoded together, the
plain-Python decoder used before numpy is loaded, tokens read as strings and offsets, phrase views built
from arrays, the escape table listed by range, parts scored without their details."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from underthesea import word_tokenize

from vnpolicytext import crf
from vnpolicytext import passive_rules as pr
from vnpolicytext.clarity import BARRIERS, SCALES, assess
from vnpolicytext.document import Document, _gap
from vnpolicytext.passive_rules import _model, tag_around, tag_around_many, tag_words
from vnpolicytext.render import safe

from .random_text import random_strings
from .test_crf import SENTENCES


def _underthesea_tags(words: list[str]) -> list[str]:
    """underthesea's own POS tagger (not crf.py) on segmented words."""
    tags = _model().predict([[w] for w in words])
    return [t[2:] if t[:2] in ("B-", "I-") else t for t in tags]


def _segmented(texts: list[str]) -> list[list[str]]:
    out = []
    for text in texts:
        words = [" ".join(w.split()) for w in word_tokenize(text)]
        if words:
            out.append(words)
    return out


def test_windows_decoded_together_get_underthesea_tags() -> None:
    sentences = _segmented(SENTENCES[:300] + SENTENCES[-20:])  # the last ones are paragraphs of 12 sentences
    r = random.Random(16)
    r.shuffle(sentences)
    batches: list[list[list[str]]] = []
    rest = list(sentences)
    while rest:  # batches of 1 to 120 sentences of mixed lengths, some past crf._BATCH tokens in all
        k = r.randint(1, 120)
        batches.append(rest[:k])
        rest = rest[k:]
    assert any(sum(map(len, b)) > crf._BATCH for b in batches)
    for batch in batches:
        assert crf.pos_tags_many(batch) == [_underthesea_tags(s) for s in batch]


def test_plain_python_decoder_gets_underthesea_tags() -> None:
    pos = crf.model("pos")
    for words in _segmented(SENTENCES[400:520]):
        st, padded = pos._padded(words)
        labels = [pos.labels[y] for y in pos._exact_tags_py(st, padded)]
        assert [t[2:] if t[:2] in ("B-", "I-") else t for t in labels] == _underthesea_tags(words)
    ws = crf.model("ws")
    for text in SENTENCES[520:600]:
        tokens = [text[s:e] for s, e in crf.token_spans(text)]
        st, padded = ws._padded(tokens)
        assert ws._exact_tags_py(st, padded) == ws._fast_tags(st, padded)


def test_tag_around_many_is_tag_around_of_each() -> None:
    texts = [
        "Hồ sơ được tiếp nhận tại bộ phận một cửa của Ủy ban nhân dân xã và được giải quyết trong ngày.",
        "Người vi phạm bị xử phạt hành chính theo quy định của Chính phủ.",
        "Thiết bị chuẩn bị cho hội nghị đã được kiểm tra.",
        "Cơ quan thuế không được yêu cầu người nộp thuế nộp thêm giấy tờ ngoài danh mục đã công bố, "
        + "và bị xem xét kỷ luật nếu để hồ sơ bị trả lại quá hạn mà không nêu lý do.",
        "Văn bản này không có từ nào đáng chú ý.",
    ]
    sentences = _segmented(texts)
    assert tag_around_many(sentences) == [tag_around(s) for s in sentences]
    assert tag_around_many([]) == []
    whole = [*sentences[:2], []]
    assert tag_around_many(sentences, whole=whole) == [tag_around(s) for s in sentences] + [
        tag_words(s) for s in whole
    ]


_PASSIVE_TEXTS = [
    "Giấy chứng nhận quyền sử dụng đất được Ủy ban nhân dân cấp huyện cấp cho hộ gia đình, cá nhân.",
    "Theo quy định, hồ sơ đã được bộ phận một cửa tiếp nhận và chuyển cho phòng chuyên môn trong ngày.",
    "b) Không được yêu cầu người dân nộp thêm giấy tờ; người vi phạm bị xử lý kỷ luật.",
    "Người được giám hộ, người bị hại và người làm chứng được Tòa án triệu tập theo quy định.",
    "Dự án đã được phê duyệt nhưng chưa được cơ quan có thẩm quyền giao đất, cho thuê đất.",
]


def _naive_match(s: pr._Sentence, i: int, lexicon: frozenset[str], longest: int = 3) -> int:
    """`_Sentence.match` as it was: every size joined and looked up."""
    for size in range(min(longest, s.n - i), 0, -1):
        if " ".join(pr._key(s.words[j]) for j in range(i, i + size)) in lexicon:
            return size
    return 0


def test_passive_sentence_paths_give_what_the_plain_scans_gave() -> None:
    lexicons = [pr._agent_nouns(), pr._granting(), pr._CONDITIONS, pr._PROVISIONS, *pr._form_verbs()]
    predicates = {"clause": pr._in_clause, "segment": pr._in_segment, "phrase": pr._in_phrase}
    r = random.Random(5)
    for words in _segmented(_PASSIVE_TEXTS):
        tags = tag_words(words)
        s = pr._Sentence(words, tags)
        assert [s.key(i) for i in range(s.n)] == [pr._key(w) for w in words]
        assert [s.is_punct(i) for i in range(s.n)] == [
            t == "CH" or not any(c.isalnum() for c in w) for w, t in zip(words, tags, strict=True)
        ]
        assert s.markers == [i for i, w in enumerate(words) if {"được", "bị"} & set(pr._key(w).split())]
        assert s.markers
        for lexicon in lexicons:
            for i in range(-2, s.n + 2):
                assert s.match(i, lexicon) == _naive_match(s, i, lexicon), (words, i)
        for name, goes_on in predicates.items():
            fresh = pr._Sentence(words, tags)
            full = [-1] * (s.n + 1)  # the whole backward scan, as it was filled before
            for p in range(1, s.n + 1):
                full[p] = full[p - 1] if goes_on(fresh, p - 1) else p - 1
            his = list(range(-1, s.n + 1))
            r.shuffle(his)  # asked in any order, the lazy scan gives the same stops
            assert [s.back(name, goes_on, hi) for hi in his] == [full[hi] for hi in his]


def test_tokens_read_cheaply_are_the_tokens() -> None:
    text = (
        "Điều 5. Hồ sơ đề nghị cấp Giấy chứng nhận đăng ký hộ kinh doanh gồm: tờ khai, bản sao Căn cước "
        "công dân — và giấy ủy quyền (nếu có).\n\n"
        "Người dân có thể nộp hồ sơ trực tuyến tại https://dichvucong.gov.vn, hoặc tại bộ phận một cửa - "
        "UBND phường; cán bộ TIẾP NHẬN HỒ SƠ hướng dẫn bổ sung một lần."
    )
    doc = Document(text)
    for unit, words in zip(doc.units, doc.words, strict=True):
        for tokens in (unit.syllables, words):
            assert tokens.texts() == [t.text for t in tokens]
            assert tokens.starts() == [t.start for t in tokens]
            assert tokens.ends() == [t.end for t in tokens]
        view = doc.phrase_views[unit.index]
        syl = list(unit.syllables)
        assert view.keys == tuple(s.text.lower() for s in syl)
        assert view.gaps == "".join(_gap(doc.text[a.end : b.start]) for a, b in pairwise(syl))
    assert any(
        c in view.gaps for view in doc.phrase_views for c in ",-x"
    )  # the text has commas, a spaced dash and other joins


def test_escape_table_is_every_unsafe_character() -> None:
    expected = {c: safe._escape_char(chr(c)) for c in range(0xE000) if safe._unsafe(chr(c))}
    assert expected == safe._TABLE


def test_parts_scored_without_details_keep_the_score() -> None:
    r = random.Random(7)
    names = sorted(SCALES)
    for _ in range(300):
        measures = {k: r.uniform(0, 60) for k in r.sample(names, r.randint(1, len(names)))}
        full, short = assess(measures), assess(measures, details=False)
        assert full is not None and short is not None
        assert (short.score, short.weighted, short.capped_by) == (full.score, full.weighted, full.capped_by)
        assert short.components == {} and short.barriers == {}


def test_parts_plan_gives_the_general_arithmetic() -> None:
    """The plan kept per set of present measures (`details=False` with the shipped tables) against the
    general path (the same tables passed in): the same floats, on values at and between the scales' ends
    (equal ceilings, saturated scores), ints, and keys no barrier uses."""
    r = random.Random(11)
    names = sorted(SCALES)
    ends = sorted({x for s in SCALES.values() for x in (s.clear, s.hard)})
    for i in range(2000):
        measures: dict[str, float] = {
            k: (r.choice(ends) if i % 3 == 0 else r.randint(0, 40) if i % 3 == 1 else r.uniform(-1, 100))
            for k in r.sample(names, r.randint(0, len(names)))
        }
        measures["not_a_measure"] = 3.0
        plan = assess(measures, details=False)
        general = assess(measures, dict(SCALES), dict(BARRIERS), details=False)
        if general is None:
            assert plan is None
            continue
        assert plan is not None
        assert (plan.score, plan.weighted, plan.capped_by) == (
            general.score,
            general.weighted,
            general.capped_by,
        )


def _tied_model() -> crf.CRF:
    """A POS-like model of four labels whose weights are small dyadic numbers (every sum exact), so that
    many scores tie exactly: emissions (N and A, V and E), transitions, and whole paths."""
    from array import array

    nl = 4
    values = {"hồ sơ": 1, "được": 2, "nộp": 3, "tại": 4, "ủy ban": 5}
    rows = {
        1: [1.0, 0.0, 1.0, 0.0],
        2: [0.0, 0.5, 0.0, 0.5],
        3: [0.25, 0.25, 0.25, 0.25],
        4: [0.0, 0.0, 0.0, 0.75],
        5: [0.5, 0.0, 0.5, 0.0],
    }
    weights = [0.0] * (nl * (len(rows) + 1))
    for r, ws in rows.items():
        weights[r * nl : (r + 1) * nl] = ws
    trans = [0.25, 0.0, 0.25, 0.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.0, 0.25, 0.0, 0.0, 0.125, 0.0, 0.125]
    tables = {
        "labels": ["B-N", "B-V", "B-A", "B-E"],
        # the word itself, lower-cased, and the word before (two templates of one token each)
        "templates": [(0, 0, "lower"), (-1, -1, "lower")],
        "values": [values, values],
        "size": len(weights),
        "nonzero": array("I", [i for i, x in enumerate(weights) if x]).tobytes(),
        "weights": array("d", [x for x in weights if x]).tobytes(),
        "trans": trans,
        "dictionary": [],
        "rules": None,
        "scale": 0.0,
    }
    return crf.CRF(tables)


def _plain(model: crf.CRF, words: list[str]) -> list[int]:
    """The plain exact decoder (Python, one sequence, first label on ties)."""
    st, padded = model._padded(words)
    return model._exact_tags_py(st, padded)


def test_batched_decoder_keeps_first_of_equal_labels() -> None:
    import numpy  # noqa: F401  (the batched decoder runs once numpy is loaded)

    model = _tied_model()
    texts = [
        "Hồ sơ được nộp tại Ủy ban",
        "hồ sơ hồ sơ hồ sơ",
        "được được được được được được được",
        "Nộp",
        "tại tại hồ sơ được nộp",
        "Người dân nộp hồ sơ tại ủy ban",  # words the model does not know: all-zero emissions
    ]
    joined = ("hồ sơ", "Hồ sơ", "ủy ban", "Ủy ban")  # words of two syllables
    sentences = []
    for text in texts:
        for word in joined:
            text = text.replace(word, word.replace(" ", "_"))
        sentences.append([w.replace("_", " ") for w in text.split()])
    expected = [_plain(model, s) for s in sentences]
    assert any(len(set(tags)) > 1 for tags in expected)  # not only label 0: ties are decided, not absent
    assert model.tag_ids_many(sentences) == expected
    assert model.tag_ids_many(sentences[::-1]) == expected[::-1]
    assert model.tag_ids_many([[], *sentences, []]) == [[], *expected, []]


def test_batched_pos_decoder_is_the_plain_one_on_written_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy  # noqa: F401

    texts = [
        "Hồ sơ đề nghị cấp giấy phép được gửi trực tiếp hoặc qua bưu điện đến Sở Công Thương.",
        "Trường hợp hồ sơ chưa hợp lệ thì trong thời hạn 03 ngày làm việc cơ quan tiếp nhận phải thông báo.",
        "Người nộp thuế bị xử phạt nếu chậm nộp tờ khai quá 90 ngày.",
        "Học sinh được miễn học phí theo Nghị định số 81/2021/NĐ-CP của Chính phủ.",
        "Ủy ban nhân dân cấp xã có trách nhiệm niêm yết công khai danh sách hộ nghèo.",
        "Giá điện bình quân tăng 4,8% kể từ ngày 11/10/2024, theo quyết định của Bộ Công Thương.",
        "Chủ đầu tư không được chuyển nhượng dự án khi chưa hoàn thành nghĩa vụ tài chính với Nhà nước.",
        "Đất được giao, được thuê phải được sử dụng đúng mục đích.",
        "Đề nghị liên hệ số điện thoại 1900 1234 hoặc email hotro@dichvucong.gov.vn để được hướng dẫn.",
    ]
    sentences = _segmented(texts)
    # a fresh model whose caches are dropped every few dozen windows: the batches cross resets
    monkeypatch.setattr(crf, "_MAX_WINDOWS", 40)
    pos = crf.CRF(crf._load_tables("pos", crf._underthesea_dir() / crf._POS_DIR, None))
    expected = [_plain(pos, s) for s in sentences]
    for k in range(1, len(sentences) + 1):
        assert pos.tag_ids_many(sentences[:k]) == expected[:k]
        assert pos.tag_ids_many(sentences[k - 1 :: -1]) == expected[k - 1 :: -1]
    windows = [s[lo : lo + 7] for s in sentences for lo in range(0, len(s), 5)]
    assert pos.tag_ids_many(windows) == [_plain(pos, w) for w in windows]


def test_marker_test_is_the_pattern() -> None:
    """`has_marker` answers from the lowered text when it holds neither syllable: the same answers as the
    pattern alone, on written units and on random strings of the letters and cases around the markers."""
    written = [
        "Hồ sơ ĐƯỢC nộp tại Ủy ban nhân dân xã.",
        "Thiết bị đã được kiểm định; người vi phạm Bị xử phạt.",
        "Cơ quan chuẩn bị kế hoạch và quy định thời hạn.",
        "Bịa đặt thông tin là hành vi bị cấm.",
        "Không có chữ nào như vậy ở đây.",
    ]
    texts = written + random_strings(3, "đĐưƯợỢcCbBịỊ aA_1", 30000, 12)
    hits = 0
    for text in texts:
        expected = pr._HAS_MARKER.search(text) is not None
        assert pr.has_marker(text) == expected, text
        hits += expected
    assert hits > 100
