"""Checks on the shipped data files: jargon lexicon, glossary, everyday words, abbreviations."""

from __future__ import annotations

import unicodedata
from importlib import resources

import regex

CATEGORIES = {"cliche", "legal", "vague", "foreign", "archaic", "formal"}  # user files may also say "off"
COORD = "[coord]"
# A plain headword: syllables (letters, digits, inner hyphens or apostrophes) separated by single spaces.
_PLAIN_TERM = regex.compile(r"[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*(?: [\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*)*")
# A coordinated headword: plain parts joined by ", ", " và " or " - ".
_COORD_TERM = regex.compile(rf"{_PLAIN_TERM.pattern}(?:(?:, | và | - ){_PLAIN_TERM.pattern})+")
_SOURCE = regex.compile(
    r"^(?:Bộ luật|Luật|Hiến pháp|Nghị định|Nghị quyết|Thông tư|Pháp lệnh|Quyết định)\b.*\d"
)


def fold(text: str) -> str:
    """Adapter to the library's matching key (lower case, NFC, classic tone placement); the one internal used."""
    from vnpolicytext.vocab import fold as library_fold

    return library_fold(text)


def rows(name: str) -> list[list[str]]:
    text = resources.files("vnpolicytext.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def everyday() -> set[str]:
    text = resources.files("vnpolicytext.data").joinpath("everyday_words.txt").read_text(encoding="utf-8")
    return {fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}


def test_data_files_are_nfc_and_tab_separated() -> None:
    for name in ("jargon.tsv", "glossary.tsv", "everyday_words.txt", "abbreviations.tsv"):
        text = resources.files("vnpolicytext.data").joinpath(name).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, name
        assert "\r" not in text, name
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                assert line == line.strip() and all(
                    c == c.strip() and "  " not in c for c in line.split("\t")
                ), line


def test_jargon_rows_have_valid_category_unique_key_and_clean_term() -> None:
    seen: dict[str, str] = {}
    for cols in rows("jargon.tsv"):
        assert len(cols) == 4, cols
        term, category, _alternative, note = cols
        assert category in CATEGORIES, cols
        assert term == term.lower().strip(), term
        if note.startswith(COORD):
            assert _COORD_TERM.fullmatch(term), f"coordinated entry without ', ' / ' và ' / ' - ': {term}"
        else:
            assert _PLAIN_TERM.fullmatch(term), f"punctuation in a plain entry (mark it {COORD}?): {term}"
        key = fold(term)
        assert key not in seen, f"duplicate jargon term {term!r}"
        seen[key] = category


def test_most_jargon_entries_have_a_plain_alternative() -> None:
    entries = rows("jargon.tsv")
    with_alt = [c for c in entries if c[2].strip()]
    assert len(entries) >= 1700
    assert len(with_alt) / len(entries) >= 0.98
    for term, category, alternative, _ in entries:
        # the alternative is never the term itself
        assert fold(alternative.split("|")[0].strip()) != fold(term) or not alternative, (term, category)


def test_glossary_rows_have_explanation_and_source_and_unique_headwords() -> None:
    heads: set[str] = set()
    for cols in rows("glossary.tsv"):
        assert len(cols) == 4, cols
        term, variants, explanation, source = cols
        key = fold(term)
        assert key not in heads, f"duplicate glossary term {term!r}"
        heads.add(key)
        assert explanation.strip() and explanation.rstrip()[-1] in ".)", term
        assert len(explanation.split()) <= 45, f"explanation too long: {term}"
        assert _SOURCE.match(source), f"source must name an instrument and its number: {term}: {source!r}"
        assert all(v.strip() for v in variants.split("|")) or not variants, term


def test_glossary_explanations_are_not_the_laws_definitions() -> None:
    # Our explanations are written afresh: they never open with the law's connective "là" / "là việc".
    for term, _, explanation, _ in rows("glossary.tsv"):
        assert not explanation.lower().startswith(("là ", "được hiểu là")), term


def test_no_everyday_word_is_a_jargon_or_glossary_headword_or_variant() -> None:
    plain = everyday()
    assert {"giờ làm việc", "học nghề", "lệ phí", "khiếu nại", "hộ nghèo", "tờ khai", "thửa đất"} <= plain
    assert "hợp đồng lao động" in plain
    jargon_terms = {fold(c[0]) for c in rows("jargon.tsv")}
    assert not jargon_terms & plain, sorted(jargon_terms & plain)
    glossary_phrases = set()
    for term, variants, _, _ in rows("glossary.tsv"):
        glossary_phrases.add(fold(term))
        glossary_phrases.update(fold(v) for v in variants.split("|") if v.strip())
    assert not glossary_phrases & plain, sorted(glossary_phrases & plain)


def test_everyday_list_has_no_duplicates() -> None:
    text = resources.files("vnpolicytext.data").joinpath("everyday_words.txt").read_text(encoding="utf-8")
    words = [fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(words) == len(set(words))


def test_abbreviation_rows_have_unique_keys() -> None:
    keys = [c[0] for c in rows("abbreviations.tsv")]
    assert len(keys) == len(set(keys))
