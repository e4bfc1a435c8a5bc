"""The cache folder: values derived once from data files, read back equal, never trusted when damaged."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

import vnpolicytext
from vnpolicytext import disk_cache, vocab
from vnpolicytext.analyzers import glossary, jargon, text_check
from vnpolicytext.phrases import PhraseMatcher


def _clear() -> None:
    for cached in (
        jargon._shipped,
        jargon._matcher,
        jargon._technical_terms,
        glossary._lexicon,
        glossary.shipped_glossary,
        vocab.quick_class,
        vocab._quick_syllable,
        text_check._quick_words,
    ):
        cached.cache_clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and the in-memory copies of the lexicons dropped before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _clear()
    yield tmp_path / "vnpolicytext"
    _clear()


def _files(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}-[0-9]*.marshal"))


# ---------------------------------------------------------------------------------------------- the facility


def test_a_value_is_built_once_then_read_back(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, Any]:
        calls.append(1)
        return {"thủ tục": ["tiếp nhận", "trả kết quả"], "phí": (12, 3.5, None, True, b"\x00")}

    sig = disk_cache.signature("nguồn: danh mục thủ tục")
    first = disk_cache.cached("danh-muc", 1, sig, build)
    assert len(_files(cache, "danh-muc")) == 1
    again = disk_cache.cached("danh-muc", 1, sig, build)
    assert again == first and again is not first
    assert calls == [1]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage", "other-key"])
def test_a_damaged_file_is_ignored_and_rebuilt(cache: Path, damage: str) -> None:
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return ["hồ sơ hợp lệ", "giấy hẹn trả kết quả"] * 50

    sig = disk_cache.signature("bảng mẫu")
    expected = disk_cache.cached("mau", 2, sig, build)
    (path,) = _files(cache, "mau")
    data = path.read_bytes()
    if damage == "flip":
        data = data[:-20] + bytes([data[-20] ^ 0x40]) + data[-19:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = b""
    elif damage == "garbage":
        data = b"not a cache file at all"
    else:  # a sound file, but written for other sources under this file's name
        other = disk_cache.signature("bảng khác")
        disk_cache.cached("mau", 2, other, lambda: ["khác"])
        data = disk_cache.cache_path("mau", 2, other).read_bytes()
    path.write_bytes(data)
    assert disk_cache.cached("mau", 2, sig, build) == expected
    assert calls == [1, 1]
    assert disk_cache.cached("mau", 2, sig, build) == expected  # the rebuilt file is sound
    assert calls == [1, 1]


def _age(path: Path, seconds: float) -> None:
    """Make `path` look last used `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_files_of_other_formats_or_sources_unused_for_a_day_are_removed_others_kept(cache: Path) -> None:
    disk_cache.cached("tu-dien", 1, disk_cache.signature("bản cũ"), lambda: "cũ")
    disk_cache.cached("tu-dien-phu", 1, disk_cache.signature("bản cũ"), lambda: "phụ")
    old = disk_cache.cache_path("tu-dien", 1, disk_cache.signature("bản cũ"))
    _age(old, disk_cache.UNUSED + 60)
    _age(disk_cache.cache_path("tu-dien-phu", 1, disk_cache.signature("bản cũ")), disk_cache.UNUSED + 60)
    recent = disk_cache.cache_path("tu-dien", 3, disk_cache.signature("bản khác"))
    disk_cache.cached("tu-dien", 3, disk_cache.signature("bản khác"), lambda: "khác")  # another version, in use
    foreign = cache / "tu-dien-1-otherpython-99-abcd1234.marshal"  # another interpreter's file
    foreign.write_bytes(b"x")
    _age(foreign, disk_cache.UNUSED + 60)
    unrelated = cache / "common-syllables-vi.txt"
    unrelated.write_text("và\n", encoding="utf-8")
    assert disk_cache.cached("tu-dien", 2, disk_cache.signature("bản mới"), lambda: "mới") == "mới"
    assert {p.name for p in _files(cache, "tu-dien")} == {
        disk_cache.cache_path("tu-dien", 2, disk_cache.signature("bản mới")).name,
        recent.name,
        foreign.name,
    }
    assert not old.exists()
    assert len(_files(cache, "tu-dien-phu")) == 1  # a longer name is another cache
    assert unrelated.exists()


def test_two_versions_sharing_the_folder_do_not_rebuild_each_others_files(cache: Path) -> None:
    calls: list[str] = []
    for _ in range(3):  # two versions of the package called in turn
        for version in ("0.2", "0.3"):
            disk_cache.cached("bang", 1, disk_cache.signature(version), lambda v=version: calls.append(v) or v)
    assert calls == ["0.2", "0.3"]


def test_a_file_read_is_marked_as_used(cache: Path) -> None:
    sig = disk_cache.signature("bản đang dùng")
    disk_cache.cached("bang", 1, sig, lambda: "giá trị")
    path = disk_cache.cache_path("bang", 1, sig)
    _age(path, disk_cache.UNUSED - 60)  # last used almost a day ago
    assert disk_cache.cached("bang", 1, sig, lambda: "dựng lại") == "giá trị"
    assert time.time() - path.stat().st_mtime < 60  # read now: marked again
    disk_cache.cached("bang", 2, disk_cache.signature("bản mới"), lambda: "mới")
    assert path.exists()  # so another version's write keeps it


def test_an_unwritable_cache_folder_still_gives_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("một tệp, không phải thư mục", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    assert disk_cache.cached("so", 1, "ab12", build) == [1, 2, 3]
    assert disk_cache.cached("so", 1, "ab12", build) == [1, 2, 3]
    assert calls == [1, 1]
    # a folder standing where the file would go: neither readable nor replaceable
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    disk_cache.cache_path("so", 1, "ab12").mkdir(parents=True)
    assert disk_cache.cached("so", 1, "ab12", build) == [1, 2, 3]
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_file_is_not_waited_on(cache: Path) -> None:
    path = disk_cache.cache_path("hang-doi", 1, "cd34")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert disk_cache.cached("hang-doi", 1, "cd34", lambda: "đã dựng") == "đã dựng"
    assert path.is_file()  # the FIFO was replaced by the written file
    assert disk_cache.cached("hang-doi", 1, "cd34", lambda: "dựng lại") == "đã dựng"


def test_signatures_follow_contents_and_names_are_checked(tmp_path: Path) -> None:
    assert disk_cache.signature(b"a\tb") == disk_cache.signature(b"a\tb")
    assert disk_cache.signature(b"a\tb") != disk_cache.signature(b"a\tc")
    assert disk_cache.signature(b"ab", b"c") != disk_cache.signature(b"a", b"bc")
    assert disk_cache.signature(vocab) == disk_cache.signature(Path(vocab.__file__).read_bytes())
    for name in ("Jargon", "jargon-1", "../x", "a b", ""):
        with pytest.raises(ValueError):
            disk_cache.cache_path(name, 1, "ab")
    with pytest.raises(ValueError):
        disk_cache.cache_path("jargon", 1, "../ab")


# ---------------------------------------------------------------------------------------------- the lexicons


def _shape(node: dict[str, Any]) -> list[tuple[str, Any]]:
    """The whole trie, in order, values included."""
    return [(key, _shape(child) if key else child) for key, child in node.items()]


def _same_matcher(got: PhraseMatcher[Any], want: PhraseMatcher[Any]) -> None:
    assert got.size == want.size
    assert _shape(got._root) == _shape(want._root)


def _sources_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shipped data files parsed from here on (a cache read parses none)."""
    read: list[str] = []
    shipped_text = jargon.shipped_text

    def spy(name: str) -> str:
        read.append(name)
        return shipped_text(name)

    monkeypatch.setattr(jargon, "shipped_text", spy)
    monkeypatch.setattr(glossary, "shipped_text", spy)
    return read


def test_lexicons_from_the_cache_equal_those_built_from_scratch(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries, matcher = jargon._build_shipped()
    technical = jargon._build_technical_terms()
    lexicon = glossary._build_lexicon((), ())
    for path in cache.glob("*"):
        path.unlink()  # what building the references wrote
    read = _sources_read(monkeypatch)
    for attempt in ("built", "read back"):
        _clear()
        assert jargon.shipped_lexicon() == entries
        _same_matcher(jargon.matcher_for([]), matcher)
        _same_matcher(jargon._technical_terms(), technical)
        got = glossary.lexicon_for([], [])
        _same_matcher(got.matcher, lexicon.matcher)
        assert got.by_phrase == lexicon.by_phrase
        assert list(got.by_phrase) == list(lexicon.by_phrase)
        if attempt == "built":
            assert sorted(read) == ["glossary.tsv", "glossary.tsv", "jargon.tsv"]
            assert [len(_files(cache, n)) for n in ("jargon", "jargon-technical", "glossary")] == [1, 1, 1]
            read.clear()
    assert read == []  # read back: no file parsed, no phrase folded
    # one object per term, as when built: the trie holds the lexicon's own entries and terms
    ids = {id(e) for e in jargon.shipped_lexicon()}
    assert {id(v) for v in _values(jargon.matcher_for([])._root)} <= ids
    got = glossary.lexicon_for([], [])
    assert {id(v) for v in _values(got.matcher._root)} <= {id(v) for v in got.by_phrase.values()}


def _values(node: dict[str, Any]) -> Iterator[Any]:
    for key, child in node.items():
        if key:
            yield from _values(child)
        else:
            yield child


def test_damaged_lexicon_caches_are_rebuilt(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jargon.matcher_for([])
    glossary.lexicon_for([], [])
    jargon._technical_terms()
    files = [*_files(cache, "jargon"), *_files(cache, "jargon-technical"), *_files(cache, "glossary")]
    assert len(files) == 3
    for k, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3] if k % 2 else data[:100] + b"\xff" * 50 + data[150:])
    read = _sources_read(monkeypatch)
    _clear()
    _same_matcher(jargon.matcher_for([]), jargon._build_shipped()[1])
    _same_matcher(jargon._technical_terms(), jargon._build_technical_terms())
    assert glossary.lexicon_for([], []).by_phrase == glossary._build_lexicon((), ()).by_phrase
    assert read.count("jargon.tsv") >= 1 and read.count("glossary.tsv") >= 2  # rebuilt, not trusted


def test_stale_lexicon_caches_are_replaced(cache: Path) -> None:
    cache.mkdir(parents=True)
    tag = sys.implementation.cache_tag
    stale = [cache / f"jargon-{jargon.CACHE_FORMAT}-{tag}-00000000.marshal", cache / f"glossary-0-{tag}-1.marshal"]
    for path in stale:
        path.write_bytes(b"vnpc written for another jargon.tsv")
        _age(path, disk_cache.UNUSED + 60)
    glossary.lexicon_for([], [])
    assert not any(p.exists() for p in stale)
    assert len(_files(cache, "jargon")) == len(_files(cache, "glossary")) == 1


def test_an_unwritable_cache_folder_gives_the_same_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("một tệp", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _clear()
    try:
        _same_matcher(jargon.matcher_for([]), jargon._build_shipped()[1])
        assert glossary.lexicon_for([], []).by_phrase == glossary._build_lexicon((), ()).by_phrase
        text = "Người vi phạm bị truy cứu trách nhiệm hình sự; hồ sơ được giải quyết kịp thời."
        report = vnpolicytext.analyze(text)
    finally:
        _clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usable"))
    assert vnpolicytext.analyze(text).model_dump() == report.model_dump()


def test_user_files_change_a_copy_of_the_shipped_matcher(cache: Path, tmp_path: Path) -> None:
    own = tmp_path / "phuong.tsv"
    own.write_text(
        "tiếp dân lưu động\tformal\tgặp dân tại tổ dân phố\tCách gọi riêng của phường.\n"
        "kịp thời\toff\t\t\n",
        encoding="utf-8",
    )
    shipped = jargon.matcher_for([])
    before = _shape(shipped._root)
    mine = jargon.matcher_for([own])
    assert mine.size == shipped.size  # one added, one switched off
    assert _shape(shipped._root) == before
    text = "Phường tổ chức tiếp dân lưu động và trả lời kịp thời."
    found = {f.text for f in vnpolicytext.analyze(text, config={"jargon_files": [str(own)]}).findings}
    assert "tiếp dân lưu động" in found and "kịp thời" not in found
    assert "kịp thời" in {f.text for f in vnpolicytext.analyze(text).findings}


def test_quick_class_from_the_cache_matches_what_the_regex_class_matches(cache: Path) -> None:
    for char_class in (r"[\p{L}\p{M}\p{N}]", text_check._WORD.pattern[:-1]):
        built = vocab._quick_class(char_class)
        assert vocab.quick_class(char_class) == built
        vocab.quick_class.cache_clear()
        assert vocab.quick_class(char_class) == built  # read back
        quick, exact = re.compile(f"[{built}]"), regex.compile(char_class)
        chars = [chr(c) for lo, hi in vocab.QUICK_BLOCKS for c in range(lo, hi)]
        assert [quick.fullmatch(ch) is not None for ch in chars] == [exact.fullmatch(ch) is not None for ch in chars]
    assert len(list(cache.glob("quick-class-*.marshal"))) == 2  # one file per class: neither removes the other


def test_a_relative_cache_home_is_ignored_and_no_home_writes_nothing_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "tuong-doi")  # relative: ignored, as the XDG specification asks
    monkeypatch.setenv("HOME", str(tmp_path / "nha"))
    assert disk_cache.cache_dir() == tmp_path / "nha" / ".cache" / "vnpolicytext"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no home directory at all: "~" stays
    assert not disk_cache.cache_dir().is_absolute()
    assert disk_cache.cached("vo-gia", 1, "ab", lambda: [1, 2]) == [1, 2]
    assert disk_cache.cached("vo-gia", 1, "ab", lambda: [3]) == [3]  # nothing was kept
    assert not any(tmp_path.iterdir())  # and nothing written under the current folder


def test_temporary_files_left_by_a_killed_process_are_removed_after_a_day(cache: Path) -> None:
    sig = disk_cache.signature("bảng")
    path = disk_cache.cache_path("bang", 1, sig)
    cache.mkdir(parents=True)
    old = path.with_name(f"{path.name}.4242.1.tmp")
    recent = path.with_name(f"{path.name}.4343.1.tmp")  # another process writing it now
    old.write_bytes(b"vnpc half written")
    recent.write_bytes(b"vnpc being written")
    _age(old, disk_cache.UNUSED + 60)
    disk_cache.cached("bang", 1, sig, lambda: "giá trị")
    assert not old.exists() and recent.exists()
