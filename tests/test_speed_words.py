"""The faster paths of issue 16 for the document and its words give exactly what the plain ones gave:
tokens cut by the short pattern with the other runs cached, words as two offset lists, views kept for the
document, counts of letters read without spaces, the quick prefilters of normalisation and glued words."""

from __future__ import annotations

import re

import pytest
import regex

from vnpolicytext import crf, normalize, vocab
from vnpolicytext.analyzers import text_check
from vnpolicytext.document import Document, PhraseViews, Tokens, _counted_words
from vnpolicytext.vocab import capital_count, letter_count, letters_digits, upper_share

from .test_crf import SENTENCES


def _pattern_tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in crf._token_pattern().finditer(text)]


def test_runs_cut_by_the_pattern_are_cached_with_the_end_of_the_text() -> None:
    # "UBND." is one token before more text ("[A-ZĐ]+\.(?!$)") and two at the very end (or before a last
    # newline); the cache must not hand one answer to the other.
    texts = [
        "Gửi UBND. Hồ sơ nộp tại UBND.",
        "Hồ sơ nộp tại UBND.\n",
        "Hồ sơ nộp tại UBND.\nGửi UBND. Xong",
        "Hồ sơ gửi UBND.",
        "Hồ sơ gửi UBND. ",
        "Điều 1. Phạm vi; khoản 2, điểm a) và b); số 15/2020/NĐ-CP, 1.000.000 đồng (10%).",
        "Liên hệ: 0243-123-456, e-mail: motcua@hanoi.gov.vn, https://dichvucong.gov.vn/p/home.",
        "“Nông thôn mới” ... v.v. H'Mông, Tp. Hồ Chí Minh, 43H-0530 -> kết quả:D",
        "Xem https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma=1.001, UBND.",
    ]
    crf._PIECES.clear()
    for _ in range(2):  # the second time from the cache
        for text in texts + texts[::-1]:
            assert crf.token_spans(text) == _pattern_tokens(text), text
    assert "UBND." in crf._PIECES and "UBND.\n" in crf._PIECES  # one entry for each end
    assert max(map(len, crf._PIECES)) <= crf._MAX_RUN + 1  # the address is cut, never kept


def test_tokens_read_run_by_run_are_the_tokens_of_the_whole_text() -> None:
    # Runs joined by single spaces are cut run by run (kept per run and whether it ends the text); any other
    # spacing is matched whole. "UBND." is one token inside the text and two at its end.
    texts = [
        "Hồ sơ gửi UBND. Phường trả kết quả trong 05 ngày làm việc.",
        "Hồ sơ gửi UBND.",
        "Ông A (Chủ tịch UBND xã) nói: “Hồ sơ đủ, trả ngay”; phí 50.000 đồng/lần, tức 0,5%.",
        "Ông A (Chủ tịch UBND xã) nói:",
        "Theo Nghị định 15/2020/NĐ-CP, mức phạt từ 2.000.000 đến 5.000.000 đồng.",
        "Hai  dấu cách, rồi\tmột tab và\u00a0một dấu cách cứng.",
        " Dấu cách đầu và cuối ",
        "",
    ]
    crf._CUTS.clear()
    for _ in range(2):  # the second time from what was kept
        for text in texts + texts[::-1] + SENTENCES[:300]:
            assert crf._tokens(text) == crf._tokens_matched(text), text
    assert "UBND." in crf._CUTS and "UBND.\n" in crf._CUTS
    assert crf._CUTS["UBND."][0] == ("UBND.",) and crf._CUTS["UBND.\n"][0] == ("UBND", ".")


def test_emission_differences_kept_per_five_tokens_give_the_same_tags() -> None:
    ws = crf.model("ws")
    sequences = [crf._tokens(text)[2] for text in SENTENCES[:200]]
    first = [ws.tag_ids(tokens) for tokens in sequences]
    assert ws.state.diffs  # kept while decoding
    again = [ws.tag_ids(tokens) for tokens in sequences]  # every difference read from what was kept
    ws.state.diffs.clear()
    exact = [ws._exact_tags(*ws._padded(tokens)) for tokens in sequences]
    assert first == again == exact


def test_tokens_and_words_as_offset_lists() -> None:
    for text in SENTENCES[:400]:
        spans = crf.word_spans(text)
        starts, ends = crf.word_bounds(text)
        assert list(zip(starts, ends, strict=True)) == spans
        assert crf.token_spans(text) == _pattern_tokens(text), text
        tokens = Tokens.from_bounds(text, 7, starts, ends)
        assert tokens == Tokens(text, 7, spans)
        assert tokens.texts() == [text[s:e] for s, e in spans]


def test_views_kept_past_the_budget_are_the_views() -> None:
    text = "\n\n".join(SENTENCES[:60]) + "\n\nCÁN BỘ TIẾP NHẬN HỒ SƠ, TRẢ KẾT QUẢ - đúng hẹn."
    doc = Document(text)
    fresh = [PhraseViews(doc.units, doc.words)[i] for i in range(len(doc.units))]
    old = PhraseViews._KEEP
    try:
        PhraseViews._KEEP = 40  # syllables: most views push the others out
        views = PhraseViews(doc.units, doc.words)
        order = list(range(len(doc.units)))
        first = views[0]
        for _ in range(3):
            assert [views[i] for i in order] == [fresh[i] for i in order]
            order.reverse()
        assert views._kept <= 40 and len(views._spill) <= PhraseViews._SPILL
        assert views[0] is first  # the views within the budget stay for the next pass over the units
        last = len(doc.units) - 1
        assert last not in views._recent and views[last] is views[last]  # past it: kept a few at a time
        assert any(v.opens is None for v in fresh) and any(v.opens is not None for v in fresh)
    finally:
        PhraseViews._KEEP = old


def test_views_trust_the_words_where_the_unit_is_not_in_capitals() -> None:
    # the share of capitals is added up from the syllables' own counts (kept across documents): the same
    # answer as `upper_share` of the unit's text, near the 0.6 bound, with Greek and Cyrillic capitals (a
    # text outside the quick blocks) and with the counts already kept from another document
    texts = [
        "HỒ SƠ GỒM: Tờ khai theo mẫu.\n\nUBND TP HÀ NỘI THÔNG BÁO về lịch tiếp dân.\n\nHồ sơ gồm tờ khai, CCCD.",
        "ΑΒΓ và ДОМ СОВЕТ ở đây.\n\nΑβγ, Дом nộp hồ sơ.\n\nABC de\n\nABC def\n\nAbcdE XY z.\n\n12/2020 - 3,5.",
    ]
    answers = []
    for text in texts * 2:
        doc = Document(text)
        views = PhraseViews(doc.units, doc.words)
        expected = [bool(w) and upper_share(u.text) <= 0.6 for u, w in zip(doc.units, doc.words, strict=True)]
        assert [views[u.index].opens is not None for u in doc.units] == expected
        answers += expected
        for u, w in zip(doc.units, doc.words, strict=True):  # the word marks, one lookup for the document
            view = views[u.index]
            if view.opens is not None and view.closes is not None:
                assert list(view.opens) == [int(s in set(w.starts())) for s in u.syllables.starts()]
                assert list(view.closes) == [int(e in set(w.ends())) for e in u.syllables.ends()]
        for u in doc.units:  # every letter of a unit is in one of its syllables
            assert sum(letter_count(t) for t in u.syllables.texts()) == letter_count(u.text)
            assert sum(capital_count(t) for t in u.syllables.texts()) == capital_count(u.text)
    assert True in answers and False in answers


def test_counted_words_are_words_with_a_letter_or_digit() -> None:
    text = "(a) “Hồ sơ” gồm: …; 3 bản — “ + % (b)"
    pieces = [m.span() for m in regex.finditer(r"\w+|\W", text) if not m.group().isspace()]
    glued = [(pieces[k][0], pieces[k + 1][1]) for k in range(0, len(pieces) - 1, 2)]  # "(a", ")“", "Hồ" …
    for spans in (pieces, glued, [*glued, (len(text), len(text))], [(0, 0), *pieces[1:]]):
        words = Tokens(text, 0, spans)
        assert _counted_words(words) == sum(any(c.isalnum() for c in w) for w in words.texts()), spans


def test_letter_counts_read_without_spaces() -> None:
    plain = regex.compile(r"[^\p{L}\p{N}]+")
    letters = regex.compile(r"[^\p{L}]+")
    for text in [*SENTENCES[:200], "  a  b\t1 \u00a0đ ", "", "   ", "Ω 2³ x\u0301 ٣ 𝔸"]:
        assert letters_digits(text) == len(plain.sub("", text)), text
        assert letter_count(text) == len(letters.sub("", text)), text
        n = len(letters.sub("", text))
        assert upper_share(text) == (capital_count(text) / n if n else 0.0)


def test_normalisation_starts_where_a_rewrite_may_start(monkeypatch: pytest.MonkeyPatch) -> None:
    marks = regex.compile(r"\p{M}")
    copied = [*range(0x300), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
    rewritten = set("\r" + normalize._REMOVED + normalize._SPACES + normalize._BREAKS + "ðÐ")
    for cp in copied:  # what the quick class leaves out is never rewritten
        ch = chr(cp)
        if normalize._MAYBE_DIRTY.match(ch) is None:
            assert ch not in rewritten and marks.match(ch) is None, hex(cp)
    body = "Người dân nộp hồ sơ tại bộ phận một cửa. "
    texts = [
        t
        for dirty in ("\r\n", "\r", "\u00a0", "\u200b", "a\u0301", "\u0301", "ð", "o\u0302\u0301", "→", "ά")
        for t in (dirty + body, body + dirty + body, body * 3 + dirty, "x" + dirty, dirty)
    ]
    found = [normalize.normalize(text) for text in texts]
    monkeypatch.setattr(normalize, "_MAYBE_DIRTY", re.compile(""))  # every text scanned from its start
    for text, n in zip(texts, found, strict=True):
        assert n == normalize.normalize(text), repr(text)


def test_quick_glued_test_passes_every_unit_the_exact_one_passes() -> None:
    exact, maybe = text_check._two_tones()
    texts = [
        *SENTENCES[:300],
        "Cơ quan cập nhậttừ dữliệu dân cư, sổsách.",
        "ÁπÁ, ÀɐÀ, Àǅá, à'à, à1à, à-à, àßà, àᵃà",
    ]
    for text in texts:
        for part in text.split(" "):
            if exact.search(part):
                assert maybe.search(part), part


def test_quick_patterns_find_what_the_regex_ones_find() -> None:
    quick_words, quick_syllable = text_check._quick_words(), vocab._quick_syllable()
    letters = regex.compile(r"[\p{L}\p{M}\p{N}]")
    for lo, hi in vocab.QUICK_BLOCKS:
        for cp in range(lo, hi):
            ch = chr(cp)
            assert vocab.OUTSIDE_QUICK_BLOCKS.search(ch) is None
            assert (quick_words.fullmatch(ch) is None) == (text_check._WORD.fullmatch(ch) is None), hex(cp)
            assert (quick_syllable.fullmatch(ch) is None) == (letters.fullmatch(ch) is None), hex(cp)
    assert vocab.OUTSIDE_QUICK_BLOCKS.search("ǅ℃“") is None
    assert all(map(vocab.OUTSIDE_QUICK_BLOCKS.search, ("Ω", "中", "\U0001f44b")))
    extra = "Thu tuong chu tri_hoi nghi 3G, ℃ ℓ ª º ǅ x\u0301 µ 1.000.000 đ, 24/11/2025, NĐ-CP, e-mail, H’Mông"
    compared = 0
    for text in [*SENTENCES[:300], extra]:
        pattern = vocab.syllable_pattern(text)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in vocab.SYLLABLE.finditer(text)]
        if vocab.OUTSIDE_QUICK_BLOCKS.search(text) is None:  # the contract: only text within the blocks
            assert pattern is quick_syllable
            assert quick_words.findall(text) == text_check._WORD.findall(text), text
            compared += 1
    assert compared > 250


def test_word_bounds_follow_the_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    from vnpolicytext import words

    text = "Người dân nộp hồ sơ tại bộ phận một cửa."
    assert words.bounds_segmenter() is crf.word_bounds
    monkeypatch.setenv("VNPOLICYTEXT_SEGMENTER", "underthesea")
    words.segmenter.cache_clear()
    try:
        bounds = words.bounds_segmenter()
        assert bounds is not crf.word_bounds
        assert list(zip(*bounds(text), strict=True)) == crf.word_spans(text)
    finally:
        monkeypatch.delenv("VNPOLICYTEXT_SEGMENTER")
        words.segmenter.cache_clear()
    assert words.bounds_segmenter() is crf.word_bounds


def test_legacy_prefilter_misses_no_legacy_mark() -> None:
    """Wherever `_LEGACY_MARK` finds a mark (a TCVN3 or VNI letter, or a VNI tone after a vowel), the quick
    test says there may be one; on Unicode Vietnamese it says there is none."""
    import random

    rng = random.Random(7)
    pool = [*"aeiouyâêôöAEIOUYÂÊÔÖùõÙÕøûïñÑ ¸µ®ÆÐ−rõ mùa hoà", "\n"]
    for _ in range(20_000):
        sample = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        if text_check._LEGACY_MARK.search(sample):
            assert text_check._may_have_legacy_marks(sample), sample
    # VNI "Hoà" typed as "Hoaø" and TCVN3 text are seen; Unicode text with "rõ", "mùa" is not
    assert text_check._may_have_legacy_marks("Hoaø bình")
    assert text_check._may_have_legacy_marks("Ng\u00b7êi d\u00a9n")
    assert text_check._may_have_legacy_marks("öôù")
    assert not text_check._may_have_legacy_marks("Mùa này hồ sơ phải rõ ràng, đủ giấy tờ.")


def test_short_text_without_numpy_gives_the_same_views(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short text in a process without numpy builds the word marks and the phrase starts in plain Python
    (the cold CLI does not import numpy); they must equal the numpy ones, capitals unit included."""
    from vnpolicytext import document

    text = "\n\n".join(SENTENCES[:12]) + "\n\nTHỦ TỤC CẤP GIẤY PHÉP XÂY DỰNG NHÀ Ở RIÊNG LẺ\n\nHồ sơ gồm: đơn, bản vẽ."
    doc = Document(text)
    firsts = {"hồ", "giấy", "thủ", "ủy", "không-có-ở-đây"}
    with_numpy = PhraseViews(doc.units, doc.words)
    assert not document._plain(len(with_numpy._ids))  # numpy is loaded in the test process
    monkeypatch.setattr(document, "_plain", lambda syllables: True)
    plain = PhraseViews(doc.units, doc.words)
    assert (plain._opens, plain._closes) == (with_numpy._opens, with_numpy._closes)
    assert 0 in plain._opens and 1 in plain._opens and 0 in plain._trusted  # both kinds of unit were built
    found = plain.positions(firsts)
    assert found == with_numpy.positions(firsts) and len(found) >= 3
    assert plain.positions({"không-có-ở-đây"}) == []
