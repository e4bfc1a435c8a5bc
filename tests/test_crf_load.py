"""crf.py's cached tables: what a model reads from the cache file is what underthesea's model files say,
a stale or corrupt cache file is ignored and rebuilt, and the cheap cold path (groups of the dictionary
read on demand, underthesea's token pattern compiled only when a run needs it) answers as the full one."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnpolicytext import crf, disk_cache

SENTENCES = [
    "Hồ sơ đề nghị cấp giấy phép xây dựng được nộp trực tiếp tại Bộ phận một cửa của Ủy ban nhân dân huyện.",
    "Người nộp thuế bị xử phạt vi phạm hành chính nếu chậm nộp tờ khai quá 90 ngày.",
    "Trong thời hạn 05 ngày làm việc, cơ quan tiếp nhận có trách nhiệm thông báo bằng văn bản.",
    "Doanh nghiệp nhỏ và vừa được hỗ trợ chi phí đào tạo theo Nghị định số 80/2021/NĐ-CP.",
    "Học sinh thuộc hộ cận nghèo được miễn học phí, giảm tiền ăn bán trú từ năm học 2025-2026.",
    "CÁC TRƯỜNG HỢP KHÔNG ĐƯỢC CẤP LẠI GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
    "Bà Trần Thị Bình, Chủ tịch UBND xã Tân Hòa, đã ký quyết định thu hồi đất.",
]


def _stored(path: Path) -> object:
    """The value `disk_cache` holds in the cache file `path` (crf-<model>-<format>-<tag>-<signature>)."""
    head, sig = path.stem.rsplit("-", 1)
    name, fmt = head.removesuffix(f"-{sys.implementation.cache_tag}").rsplit("-", 1)
    return disk_cache.load(name, int(fmt), sig)


def _where(name: str) -> tuple[Path, Path | None]:
    base = crf._underthesea_dir()
    return (base / crf._WS_DIR, base / crf._TOKEN_RULES) if name == "ws" else (base / crf._POS_DIR, None)


def _from_model_files(model_dir: Path) -> tuple[list[str], dict[tuple[str, str], dict[int, float]], list[float]]:
    """Read straight from the model files, without crf.py's tables: the labels, the non-zero weights by
    (template, value) and label, and the transitions."""
    labels, attrs, features = crf.read_crfsuite((model_dir / "models.bin").read_bytes())
    with open(model_dir / "features.bin", "rb") as f:
        templates = {str(s) for s in pickle.load(f)}
    nl = len(labels)
    weights: dict[tuple[str, str], dict[int, float]] = {}
    trans = [0.0] * (nl * nl)
    for kind, src, dst, w in features:
        if kind == 1:
            trans[src * nl + dst] = w
            continue
        name, _, value = attrs[src].partition("=")
        if name in templates and abs(w) > 1e-10:
            weights.setdefault((name, value), {})[dst] = w
    return labels, weights, trans


@pytest.mark.parametrize("name", ["ws", "pos"])
def test_tables_from_the_cache_are_the_model_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    model_dir, rules = _where(name)
    built = crf._load_tables(name, model_dir, rules)  # built from the model files and written
    (path,) = (tmp_path / "vnpolicytext").glob(f"crf-{name}-{crf.FORMAT}-*.marshal")
    assert _stored(path) == built
    cached = crf.CRF(crf._load_tables(name, model_dir, rules))  # read back from the file

    labels, weights, trans = _from_model_files(model_dir)
    nl = len(labels)
    assert cached.labels == labels and cached.trans == trans
    found = {}
    dense = cached.weights
    for syntax, table in zip(built["syntaxes"], cached.values, strict=True):
        for value, row in table.items():
            found[syntax, value] = dict(cached._row_weights(row))
            assert list(dense[row * nl : (row + 1) * nl]) == [found[syntax, value].get(y, 0.0) for y in range(nl)]
            if nl == 2:
                assert cached._diff[row] == dense[2 * row] - dense[2 * row + 1]
    assert found == weights  # every value with a weight, with exactly its weights
    assert not any(dense[:nl]) and cached._row_weights(0) == ()  # row 0: an unknown value

    if name == "ws":
        with open(model_dir / "dictionary.bin", "rb") as f:
            words = {str(w) for w in pickle.load(f)}
        dictionary = cached.dictionary
        assert isinstance(dictionary, crf._Words)
        assert dictionary.whole() == words
        sample = sorted(words)[::97]
        assert all(w in dictionary for w in sample)
        assert not any(w + "x" in dictionary or w.upper() + "Ξ" in dictionary for w in sample)
    else:
        assert cached.dictionary == frozenset()


@pytest.mark.parametrize("name", ["ws", "pos"])
def test_cached_model_tags_as_one_made_from_the_model_files(name: str) -> None:
    """A model made here from the model files (values numbered in attribute order, dense weights made
    sparse again, the dictionary as a list: the shape the tables had before FORMAT 5) gives the same tags
    as the cached one, in the fast, the exact and the batched decoders."""
    from array import array

    import numpy  # noqa: F401  (the exact decoder of a longer text and the batched one use it)

    model_dir, _ = _where(name)
    labels, weights, trans = _from_model_files(model_dir)
    with open(model_dir / "features.bin", "rb") as f:
        syntaxes = [str(s) for s in pickle.load(f)]
    nl = len(labels)
    values: list[dict[str, int]] = [{} for _ in syntaxes]
    dense = [0.0] * nl
    for (syntax, value), row in sorted(weights.items(), key=lambda kv: (-len(kv[0][1]), kv[0])):
        values[syntaxes.index(syntax)][value] = len(dense) // nl
        dense.extend(row.get(y, 0.0) for y in range(nl))
    dictionary: list[str] = []
    if name == "ws":
        with open(model_dir / "dictionary.bin", "rb") as f:
            dictionary = [str(w) for w in pickle.load(f)]
    cached = crf.model(name)
    plain = crf.CRF(
        {
            "labels": labels,
            "templates": [crf.parse_template(s) for s in syntaxes],
            "values": values,
            "size": len(dense),
            "nonzero": array("I", [i for i, x in enumerate(dense) if x]).tobytes(),
            "weights": array("d", [x for x in dense if x]).tobytes(),
            "trans": trans,
            "dictionary": dictionary,
            "rules": None,
            "scale": cached._scale,
        }
    )
    assert plain._scale == crf._scale(plain.weights, plain.values, plain.trans, nl)
    for text in SENTENCES:
        spans = crf.token_spans(text) if name == "ws" else crf.word_spans(text)
        tokens = [text[s:e] for s, e in spans]
        assert plain.tag_ids(tokens) == cached.tag_ids(tokens), text
        st, padded = plain._padded(tokens)
        exact = plain._exact_tags_py(st, padded)
        st, padded = cached._padded(tokens)
        assert cached._exact_tags_py(st, padded) == exact == cached._exact_tags(st, padded), text
    batch = [[text[s:e] for s, e in crf.word_spans(text)] for text in SENTENCES]
    batch += [words[:k] for words in batch for k in (1, 3)]
    assert plain.tag_ids_many(batch) == cached.tag_ids_many(batch)


def _corruptions(good: bytes, tables: dict[str, object]) -> list[bytes | object]:
    """Cache files that are not what their name says: bytes cut short or zeroed (written as they are), and
    values stored in a sound file that are plausible but inconsistent tables (written by `disk_cache`)."""
    keys = dict(tables)
    keys["counts"] = [c + 1 for c in keys["counts"]]  # type: ignore[attr-defined]
    short = dict(tables)
    short["weights"] = short["weights"][:-8]  # type: ignore[index]
    missing = dict(tables)
    del missing["trans"]
    groups = dict(tables)
    groups["sizes"] = [*groups["sizes"], 1]  # type: ignore[misc]
    number = dict(tables)
    number["keys"] = 7
    return [good[: len(good) // 2], b"\0" * 64, b"", [1, 2, 3], keys, short, missing, groups, number, good[:-3]]


@pytest.mark.parametrize("name", ["pos", "ws"])
def test_stale_or_corrupt_cache_file_is_rebuilt(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    model_dir, rules = _where(name)
    tables = crf._load_tables(name, model_dir, rules)
    (path,) = (tmp_path / "vnpolicytext").glob(f"crf-{name}-*.marshal")
    good = path.read_bytes()
    words = [[text[s:e] for s, e in crf.word_spans(text)] for text in SENTENCES]
    expected = [crf.model(name).tag_ids(w) for w in words]
    stale = [path.with_name(f"crf-{name}-4-{sys.implementation.cache_tag}-0badcafe.marshal")]
    stale.append(path.with_name(path.name.replace(path.stem.rsplit("-", 1)[1], "00000000")))
    for bad in _corruptions(good, tables)[name == "pos" :: 2]:  # half of them for each model (time)
        if isinstance(bad, bytes):
            path.write_bytes(bad)
        else:
            disk_cache.store(f"crf-{name}", crf.FORMAT, path.stem.rsplit("-", 1)[1], bad)
            assert _stored(path) == bad
        for old in stale:  # after the store, which removes them itself; unused for more than a day
            old.write_bytes(good)
            then = time.time() - disk_cache.UNUSED - 60
            os.utime(old, (then, then))
        monkeypatch.setattr(crf, "_MODELS", {})
        model = crf.model(name)
        assert [model.tag_ids(w) for w in words] == expected
        assert _stored(path) == tables  # rebuilt and written again
        assert not any(old.exists() for old in stale)


def test_dictionary_groups_answer_as_the_whole_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Looked up group by group, then (past `_WHOLE` look-ups) as one set: the same answers throughout."""
    tables = crf._load_tables("ws", *_where("ws"))
    model = crf.CRF(tables)
    groups = model.dictionary
    assert isinstance(groups, crf._Words)
    whole = groups.whole()
    asked = [w for w in sorted(whole)[::150]]
    asked += [w[:1] for w in asked] + [w[:2] for w in asked] + [w + " " for w in asked] + ["", " ", "Hồ sơ", "x"]
    asked += ["hồ sơ", "thủ tục hành chính", "ủy ban", "giấy phép", "tiếp nhận", "bưu chính công ích"]
    monkeypatch.setattr(crf, "_WHOLE", len(asked) + 10)
    answers = [w in groups for w in asked]
    assert answers == [w in whole for w in asked]
    assert any(answers) and not all(answers)
    assert model.dictionary is groups
    for text in SENTENCES:
        model.tag_ids([text[s:e] for s, e in crf.token_spans(text)])
    assert isinstance(model.dictionary, frozenset) and model.dictionary == whole
    assert [w in model.dictionary for w in asked] == answers
    assert 12345 not in groups


def test_token_pattern_is_compiled_only_for_runs_that_need_it(monkeypatch: pytest.MonkeyPatch) -> None:
    crf._token_pattern.cache_clear()
    crf._shortcut.cache_clear()
    assert crf._shortcut()
    assert crf.word_spans("Hồ sơ được nộp tại Ủy ban nhân dân xã, trong giờ hành chính.")
    assert crf._token_pattern.cache_info().currsize == 0
    text = "Theo Nghị định 80/2021/NĐ-CP (có hiệu lực từ 15/8/2021)."
    assert crf.token_spans(text) == [m.span() for m in crf._token_pattern().finditer(text)]
    assert crf._token_pattern.cache_info().currsize == 1


def test_a_short_text_loads_the_models_without_numpy() -> None:
    """Both models loaded and used on a short text in a fresh process: no numpy, no token pattern compiled,
    the same words and tags as in this process."""
    text = SENTENCES[0]
    code = (
        "import json, sys\n"
        "from vnpolicytext import crf\n"
        "text = sys.stdin.read()\n"
        "words = [text[s:e] for s, e in crf.word_spans(text)]\n"
        "print(json.dumps([words, crf.pos_tags(words), 'numpy' in sys.modules,"
        " crf._token_pattern.cache_info().currsize]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(crf.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    words = [text[s:e] for s, e in crf.word_spans(text)]
    assert json.loads(done.stdout) == [words, crf.pos_tags(words), False, 0]


def test_token_pattern_made_from_the_kept_code_is_re_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pattern is made from the code kept with the tables (no call to `re.compile`), equal to what
    `re.compile` makes (same flags, code and source); kept code that does not match its CRC or this
    Python is not used."""
    import re

    source, flags = crf._rules()
    expected = re.compile(source, flags)
    ws = crf.model("ws")
    assert ws.pattern is not None and ws.pattern[0] == sys.version

    def refuse(*args: object) -> None:
        raise AssertionError("re.compile called")

    crf._token_pattern.cache_clear()
    monkeypatch.setattr(crf.re, "compile", refuse)
    made = crf._token_pattern()
    monkeypatch.undo()
    assert made == expected and made.groupindex == expected.groupindex and made.groups == expected.groups
    text = "Xem tại https://dichvucong.gov.vn/p/home.html, e-mail hotro@gov.vn; ngày 02/05/2014 lúc 10:20:50."
    assert [m.span() for m in made.finditer(text)] == [m.span() for m in expected.finditer(text)]
    assert [m.lastgroup for m in made.finditer(text)] == [m.lastgroup for m in expected.finditer(text)]

    calls: list[tuple[object, ...]] = []

    def record(*args: object) -> re.Pattern[str]:
        calls.append(args)
        return expected

    version, magic, crc, flags2, code, *rest = ws.pattern
    for kept in [
        (version, magic, crc, flags2, [*code[:-1], code[-1] ^ 1], *rest),  # code changed: CRC differs
        ("3.0.0", magic, crc, flags2, code, *rest),
    ]:
        monkeypatch.setattr(ws, "pattern", kept)
        crf._token_pattern.cache_clear()
        calls.clear()
        monkeypatch.setattr(crf.re, "compile", record)
        assert crf._token_pattern() is expected and calls == [(source, flags)]
        monkeypatch.undo()
    crf._token_pattern.cache_clear()


def test_a_model_this_code_cannot_score_is_read_once_not_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ModelUnavailable from sound tables (here: a template said to read too far) is not a damaged cache
    file: the tables are not built again on every call."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    crf._load_tables("pos", *_where("pos"))  # the cache file, written
    builds: list[int] = []
    real_build = crf._build_tables
    monkeypatch.setattr(crf, "_build_tables", lambda *a: builds.append(1) or real_build(*a))
    monkeypatch.setattr(crf, "_windowed", lambda templates: False)
    monkeypatch.setattr(crf, "_MODELS", {})
    for _ in range(3):
        with pytest.raises(crf.ModelUnavailable):
            crf.model("pos")
    assert builds == []
