"""The shared phrase pass (`phrases.PhraseSet`, `analyzers.phrase_pass`) gives each lexicon exactly the
matches of its own `PhraseMatcher.find`."""

import random
from pathlib import Path
from typing import Any

import pytest

from vnpolicytext.analyzers import glossary, jargon, phrase_pass, terminology
from vnpolicytext.analyzers.base import Context
from vnpolicytext.document import Document
from vnpolicytext.errors import ConfigError
from vnpolicytext.phrases import Match, PhraseMatcher, PhraseSet

TEXT = (
    "Điều 5. Tiếp nhận hồ sơ - kiểm tra hồ sơ\n"
    "1. Các cấp ủy, chính quyền cần quán triệt và thống nhất nhận thức, ý chí và hành động, triển khai thực "
    "hiện đồng bộ, nhất quán, và bài bản các giải pháp đã đề ra.\n"
    "2. Ủy ban nhân dân xã tiếp nhận hồ sơ - kiểm tra hồ sơ, cấp giấy chứng nhận quyền sử dụng đất và tài "
    "sản gắn liền với đất trong thời hạn năm ngày làm việc.\n"
    "3. NGƯỜI SỬ DỤNG LAO ĐỘNG PHẢI ĐÓNG BẢO HIỂM XÃ HỘI CHO NGƯỜI LAO ĐỘNG ĐÚNG HẠN.\n"
    "Theo Luật Đất đai năm 2024, người sử dụng đất được cấp giấy chứng nhận; chủ sử dụng lao động, người sử "
    "dụng lao động và người lao động thỏa thuận về tiền lương, thời giờ làm việc.\n"
    "Cán bộ tư pháp - hộ tịch hướng dẫn công dân đăng ký khai sinh, khai tử và kết hôn tại Bộ phận Một cửa; "
    "hồ sơ được giải quyết kịp thời, công khai, minh bạch.\n"
)


def own_finds(doc: Document, matchers: list[PhraseMatcher[Any]]) -> list[list[list[Match[Any]]]]:
    return [[list(m.find(doc, unit)) for unit in doc.units] for m in matchers]


def shared(doc: Document, matchers: list[PhraseMatcher[Any]]) -> list[list[list[Match[Any]]]]:
    return [[list(found) for found in per_unit] for per_unit in PhraseSet(matchers).matches(doc)]


def spans(doc: Document, found: list[list[Match[Any]]]) -> list[str]:
    return [doc.text[m.start : m.end] for per_unit in found for m in per_unit]


def hand_made() -> list[PhraseMatcher[str]]:
    """Tries that part ways on purpose: a coordinated phrase against the same words with a literal "và",
    phrases that overlap across tries, a spaced dash, and a phrase removed again (its nodes stay)."""
    slogans: PhraseMatcher[str] = PhraseMatcher(())
    slogans.add("thống nhất nhận thức, ý chí, hành động", "slogan", coordinated=True)
    slogans.add("đồng bộ, nhất quán, bài bản", "manner", coordinated=True)
    slogans.add("kịp thời, công khai, minh bạch", "promise", coordinated=True)
    slogans.add("nhận thức", "word")
    slogans.add("khai sinh, khai tử, kết hôn", "civil", coordinated=True)
    slogans.add("hồ sơ - kiểm tra", "steps")
    words: PhraseMatcher[str] = PhraseMatcher(())
    for phrase in ("ý chí và hành động", "thống nhất", "nhận thức", "hồ sơ", "kiểm tra hồ sơ", "kịp thời"):
        words.add(phrase, phrase)
    words.add("đồng bộ", "đồng bộ")
    # after a comma, "và" then a part the trie has is read as coordination ("nhất quán, và bài …"), even
    # where the trie also has the part "và …" and the coordination leads nowhere: "never" is never reached
    words.add("nhất quán, bài học", "other")
    words.add("nhất quán, và bài bản các giải pháp", "never")
    procedures: PhraseMatcher[str] = PhraseMatcher(())
    for phrase in ("tiếp nhận hồ sơ", "quyền sử dụng đất", "sử dụng đất", "đất"):
        procedures.add(phrase, phrase)
    procedures.add("tài sản gắn liền với đất", "tài sản")
    procedures.add("giấy chứng nhận quyền sở hữu", "gone")
    procedures.remove("giấy chứng nhận quyền sở hữu")  # "giấy chứng nhận quyền" stays a path with no phrase
    procedures.add("giấy chứng nhận", "giấy")
    people: PhraseMatcher[str] = PhraseMatcher(())
    for phrase in ("người sử dụng lao động", "chủ sử dụng lao động", "người lao động", "sử dụng", "tư pháp - hộ tịch"):
        people.add(phrase, phrase)
    return [slogans, words, procedures, people]


def test_hand_made_tries_get_what_their_own_find_gives() -> None:
    doc = Document(TEXT)
    matchers = hand_made()
    expected = own_finds(doc, matchers)
    assert shared(doc, matchers) == expected
    slogans, words, procedures, people = (spans(doc, found) for found in expected)
    # the pass is not trivially empty: the tries part ways where the test means them to
    assert "thống nhất nhận thức, ý chí và hành động" in slogans  # "và" coordinates the last part
    assert "đồng bộ, nhất quán, và bài bản" in slogans  # ", và" too
    assert "ý chí và hành động" in words and "thống nhất" in words  # the literal "và" of another trie
    assert not [w for w in words if w.startswith("nhất quán")]
    # overlapping across tries: each trie takes its own longest, left to right
    assert "hồ sơ - kiểm tra" in slogans and "kiểm tra hồ sơ" in words and "tiếp nhận hồ sơ" in procedures
    assert "giấy chứng nhận" in procedures
    assert "tư pháp - hộ tịch" in people
    # in capitals the segmenter is not trusted: no word bound is asked, and every trie still agrees
    assert "NGƯỜI SỬ DỤNG LAO ĐỘNG" in people
    # each trie alone, and any order of the tries, gives the same
    for matcher in matchers:
        assert shared(doc, [matcher]) == own_finds(doc, [matcher])
    assert shared(doc, matchers[::-1]) == expected[::-1]


def random_matcher(rng: random.Random, doc: Document) -> PhraseMatcher[int]:
    """Phrases cut from the text's own syllables, so many match: some across commas and dashes, some with
    "và" for a comma (coordinated, or as plain words), some added and removed again."""
    matcher: PhraseMatcher[int] = PhraseMatcher(())
    views = [v for v in doc.phrase_views if len(v.keys) > 1]
    joins = {" ": " ", ",": ", ", "-": " - "}
    for n in range(rng.randint(5, 60)):
        view = rng.choice(views)
        a = rng.randrange(len(view.keys))
        b = a + 1
        while b < len(view.keys) and view.gaps[b - 1] in joins and rng.random() < 0.7:
            b += 1
        parts = [view.keys[a]]
        for k in range(a + 1, b):
            join = joins[view.gaps[k - 1]]
            if join == ", " and rng.random() < 0.3:
                join = " và "  # the text's comma matched by a coordinated "và", or not at all
            elif join == " " and view.keys[k] == "và" and rng.random() < 0.5:
                join = ", "  # the text's "và" matched by a coordinated comma
            parts.append(join + view.keys[k])
        phrase = "".join(parts)
        coordinated = rng.random() < 0.4
        matcher.add(phrase, n, coordinated=coordinated)
        if rng.random() < 0.1:
            matcher.remove(phrase, coordinated=coordinated)
    return matcher


@pytest.mark.parametrize("seed", range(40))
def test_random_tries_get_what_their_own_find_gives(seed: int) -> None:
    doc = Document(TEXT)
    rng = random.Random(seed)
    matchers = [random_matcher(rng, doc) for _ in range(rng.randint(2, 5))]
    assert shared(doc, matchers) == own_finds(doc, matchers)


def test_random_tries_do_match_and_do_part_ways() -> None:
    # the random test above would pass on empty results: make sure its tries find things, and not the same
    doc = Document(TEXT)
    totals, differ = 0, 0
    for seed in range(40):
        rng = random.Random(seed)
        matchers = [random_matcher(rng, doc) for _ in range(rng.randint(2, 5))]
        found = own_finds(doc, matchers)
        totals += sum(len(per_unit) for per_trie in found for per_unit in per_trie)
        differ += any(spans(doc, f) != spans(doc, found[0]) for f in found[1:])
    assert totals > 400
    assert differ > 30


def contexts(doc: Document, glossary_files: list[Path] | None = None) -> Context:
    options = {
        "jargon": jargon.JargonOptions(),
        "glossary": glossary.GlossaryOptions(files=glossary_files or []),
    }
    return Context(doc=doc, options=None, profile="citizen", rules={}, levels={}, analyzer_options=options)


def test_the_analyzers_lexicons_share_one_pass() -> None:
    doc = Document(TEXT)
    ctx = contexts(doc)
    lexicons = {
        "jargon": jargon.matcher_for([]),
        "glossary": glossary.lexicon_for([], []).matcher,
        "synonyms": terminology.synonym_groups(),
    }
    for name, matcher in lexicons.items():
        got = [list(found) for found in phrase_pass.matches(ctx, name)]
        assert got == own_finds(doc, [matcher])[0], name
    assert len(doc.phrase_matches) == 1  # one pass served the three
    assert phrase_pass.matches(ctx, "jargon") is phrase_pass.matches(ctx, "jargon")
    assert "kịp thời" in spans(doc, [list(f) for f in phrase_pass.matches(ctx, "jargon")])


def test_a_broken_file_of_another_analyzer_does_not_stop_the_pass(tmp_path: Path) -> None:
    doc = Document(TEXT)
    ctx = contexts(doc, [tmp_path / "missing.tsv"])
    got = [list(found) for found in phrase_pass.matches(ctx, "jargon")]
    assert got == own_finds(doc, [jargon.matcher_for([])])[0]
    with pytest.raises(ConfigError, match=r"missing\.tsv"):
        phrase_pass.matches(ctx, "glossary")
    # a run that gives options to jargon alone still matches jargon's lexicon
    alone = Context(
        doc=doc, options=None, profile="citizen", rules={}, levels={}, analyzer_options={"jargon": jargon.JargonOptions()}
    )
    assert [list(found) for found in phrase_pass.matches(alone, "jargon")] == got


def test_the_shipped_lexicons_on_a_text_with_every_kind_of_unit() -> None:
    doc = Document(TEXT + "Căn cứ Nghị định số 34/2016/NĐ-CP, UBND XÃ THÔNG BÁO NHƯ SAU.\n")
    matchers = [
        jargon.matcher_for([]),
        glossary.lexicon_for([], []).matcher,
        terminology.synonym_groups(),
        jargon._technical_terms(),
    ]
    expected = own_finds(doc, matchers)
    assert shared(doc, matchers) == expected
    assert all(any(per_unit for per_unit in per_trie) for per_trie in expected)
