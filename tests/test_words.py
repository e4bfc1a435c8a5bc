import itertools

from underthesea import word_tokenize

from vnpolicytext.words import align, segmenter

SENTENCES = [
    "Người dân nộp hồ sơ đăng ký thường trú tại bộ phận một cửa của Ủy ban nhân dân phường.",
    "Theo Nghị định số 15/2020/NĐ-CP, mức phạt từ 1.000.000 đồng đến 3.000.000 đồng (tính đến 24/11/2025).",
    "Liên hệ: https://dichvucong.gov.vn hoặc hotro@xa-tanhoa.gov.vn, v.v...",
]


def test_spans_give_the_words_underthesea_gives() -> None:
    spans_of = segmenter()
    for text in SENTENCES:
        ours = [" ".join(text[s:e].split()) for s, e in spans_of(text)]
        assert ours == word_tokenize(text)
        starts = [s for s, _ in spans_of(text)]
        assert starts == sorted(starts)


def test_align_places_rewritten_words_without_overlap() -> None:
    text = "Hồ sơ  hợp lệ được “tiếp nhận” ngay."
    words = ["Hồ sơ", "hợp lệ", "được", '"', "tiếp nhận", '"', "ngay", "."]
    spans = align(text, words)
    assert [text[s:e] for s, e in spans][:3] == ["Hồ sơ", "hợp lệ", "được"]
    assert text[spans[4][0] : spans[4][1]] == "tiếp nhận"
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
