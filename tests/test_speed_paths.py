"""The faster paths of issue 16 give exactly what the slower ones gave: POS windows decoded together, the
plain-Python decoder used before numpy is loaded, tokens read as strings and offsets, phrase views built
from arrays, the escape table listed by range, parts scored without their details."""

from __future__ import annotations

import random
from itertools import pairwise

from underthesea import word_tokenize

from vnpolicytext import crf
from vnpolicytext import passive_rules as pr
from vnpolicytext.clarity import SCALES, assess
from vnpolicytext.document import Document, _gap
from vnpolicytext.passive_rules import _model, tag_around, tag_around_many, tag_words
from vnpolicytext.render import safe

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
