"""Hostile input, configuration and output (issue 18): limits, untrusted files, safe output, wrong types."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vnpolicytext
from vnpolicytext.cli import main
from vnpolicytext.config_file import find_config_file, read_config_file
from vnpolicytext.limits import BudgetExceeded, run_with_budget
from vnpolicytext.render.safe import display_name, html_escape, json_text, printable

SRC = Path(__file__).resolve().parents[1] / "src"
NOTICE = (
    "Ủy ban nhân dân xã Tân Lập thông báo lịch tiếp nhận hồ sơ cấp đổi căn cước. "
    "Hồ sơ được nộp tại bộ phận một cửa từ thứ Hai đến thứ Sáu.\n"
)
TERMINAL_ATTACK = "Hồ sơ được nộp tại UBND\x1b]0;đã bị chiếm\x07\x1b[2J xã.\u202e Công dân\u2028 nhận kết quả sau 5 ngày.\n"


def cli(*args: str, stdin: bytes | None = None, close: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command line in a subprocess; `close` closes that descriptor before it starts."""

    def closing() -> None:
        if close is not None:
            os.close(close)

    return subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        preexec_fn=closing if close is not None else None,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC), "HOME": "/nonexistent"},
    )


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- limits


def test_text_longer_than_the_limit_is_an_input_error() -> None:
    with pytest.raises(vnpolicytext.InputError, match=r"input too long: .* more than the limit of 100"):
        vnpolicytext.analyze(NOTICE * 3, config={"max_characters": 100})
    with pytest.raises(vnpolicytext.InputError, match="max_characters"):
        vnpolicytext.analyze_markup(f"<p>{NOTICE}</p>", "html", config={"max_characters": 100})
    with pytest.raises(vnpolicytext.InputError, match="input too long"):
        vnpolicytext.check(NOTICE * 3, {"max_characters": 100})
    assert vnpolicytext.analyze(NOTICE, config={"max_characters": len(NOTICE)}).text.characters == len(NOTICE)
    with pytest.raises(vnpolicytext.ConfigError):
        vnpolicytext.analyze(NOTICE, config={"max_characters": 0})


def test_cli_refuses_a_text_over_the_limit_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".vnpolicytext.toml").write_text("max_characters = 50\n", encoding="utf-8")
    (tmp_path / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    code, out, err = run_main(capsys, "check", str(tmp_path / "thong_bao.txt"))
    assert code == 2 and out == ""
    assert err.startswith("vnpolicytext: error: ") and "input too long" in err and len(err.splitlines()) == 1


def test_run_with_budget_returns_raises_or_stops() -> None:
    report = run_with_budget(vnpolicytext.analyze, NOTICE, seconds=60)
    assert report == vnpolicytext.analyze(NOTICE)
    with pytest.raises(vnpolicytext.InputError, match="input too long"):
        run_with_budget(vnpolicytext.analyze, NOTICE, config={"max_characters": 10}, seconds=60)
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded, match=r"time budget of 0\.3 s"):
        run_with_budget(time.sleep, 30, seconds=0.3)
    assert time.monotonic() - t0 < 10
    with pytest.raises(TypeError, match=r"run_with_budget\(\) takes the seconds"):
        run_with_budget(vnpolicytext.analyze, NOTICE, seconds="5")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- untrusted configuration


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_lexicon_paths_that_are_not_regular_files_are_refused(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        path = tmp_path / "thuat_ngu.tsv"
        os.mkfifo(path)  # nobody writes to it: reading it would block forever
        target = str(path)
    for key in ("jargon_files", "glossary_files"):
        t0 = time.monotonic()
        with pytest.raises(vnpolicytext.ConfigError, match=rf"^{target}: .*must be a regular file"):
            vnpolicytext.analyze(NOTICE, config={key: [target]})
        assert time.monotonic() - t0 < 10


def test_discovered_config_naming_dev_zero_is_refused_by_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".vnpolicytext.toml").write_text('jargon_files = ["/dev/zero"]\n', encoding="utf-8")
    (tmp_path / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    code, _, err = run_main(capsys, "analyze", str(tmp_path / "thong_bao.txt"))
    assert code == 2 and "/dev/zero" in err and "regular file" in err


def test_config_file_that_is_not_utf8_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    config = tmp_path / ".vnpolicytext.toml"
    config.write_bytes('profile = "news"\n# ghi chú: Hồ sơ\n'.encode("utf-16"))  # as some Windows editors save
    (tmp_path / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    code, _, err = run_main(capsys, "analyze", str(tmp_path / "thong_bao.txt"))
    assert code == 2 and f"{config}: configuration file is not UTF-8" in err


def test_config_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    outer = tmp_path / "chia_se"
    repo = outer / "du_an"
    (repo / ".git").mkdir(parents=True)
    (repo / "van_ban").mkdir()
    (outer / ".vnpolicytext.toml").write_text('profile = "legal"\n', encoding="utf-8")
    assert find_config_file(repo / "van_ban") is None  # the file above the repository is never read
    (repo / ".vnpolicytext.toml").write_text('profile = "news"\n', encoding="utf-8")
    assert find_config_file(repo / "van_ban") == (repo / ".vnpolicytext.toml").resolve()


def test_config_file_too_large_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    big = tmp_path / ".vnpolicytext.toml"
    big.write_text('profile = "news"\n' + "# " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(vnpolicytext.ConfigError, match="larger than 1 MB"):
        read_config_file(find_config_file(tmp_path) or big)


# --------------------------------------------------------------------------- output


def test_printable_escapes_terminal_and_bidi_controls() -> None:
    assert printable("a\x1b[2Jb\x07\x9b\u202e\u2066\u2028\x85\x00\tc") == (
        "a\\x1b[2Jb\\x07\\x9b\\u202e\\u2066\\u2028\\x85\\x00\tc"
    )
    assert printable("Hồ sơ hợp lệ") == "Hồ sơ hợp lệ"
    assert json.loads(json_text(json.dumps("a\u2028b\u2029c\x85d", ensure_ascii=False))) == "a\u2028b\u2029c\x85d"
    assert "\x1b" not in html_escape("<b>\x1b</b>") and "&lt;b&gt;" in html_escape("<b>\x1b</b>")
    assert display_name("th\udcf4ng_b\udcc3o.txt") == "th\ufffdng_b\ufffdo.txt"


def _escape_free(body: str) -> None:
    assert "\x1b" not in body and "\x07" not in body and "\u202e" not in body


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "json", "html"])
def test_no_escape_sequence_reaches_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "tan_cong.txt").write_text(TERMINAL_ATTACK, encoding="utf-8")
    (tmp_path / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    code, out, _ = run_main(capsys, "analyze", "--format", fmt, str(tmp_path))
    assert code in (0, 1)
    if fmt == "html":
        assert not any(ord(c) < 0x20 and c not in "\t\n\r" for c in out)
    elif fmt == "json":
        lines = out.splitlines()  # U+2028 and U+0085 would split a record
        assert len(lines) == 2 and all(json.loads(line)["report"] for line in lines)
    elif fmt != "json":
        _escape_free(out)
        assert "\u2028" not in out


def test_file_name_that_is_not_utf8_is_printed_with_replacement_characters(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    folder = os.fsencode(tmp_path)
    with open(folder + b"/th\xf4ng_b\xe1o.txt", "wb") as fh:  # Latin-1 bytes in the name
        fh.write(NOTICE.encode("utf-8"))
    (tmp_path / "khac.txt").write_text(NOTICE, encoding="utf-8")
    for fmt in ("text", "sarif", "github", "html", "json"):
        proc = cli("analyze", "--format", fmt, str(tmp_path))
        assert proc.returncode in (0, 1), proc.stderr
        out = proc.stdout.decode("utf-8")
        assert "th\ufffdng_b\ufffdo.txt" in out or "th%EF%BF%BDng_b%EF%BF%BDo.txt" in out, fmt
        assert "khac.txt" in out


def test_closed_stdin_and_stdout_are_usage_errors(tmp_path: Path) -> None:
    proc = cli("analyze", "-", close=0)
    assert proc.returncode == 2 and proc.stderr.decode() == "vnpolicytext: error: standard input is closed\n"
    (tmp_path / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    proc = cli("analyze", str(tmp_path / "thong_bao.txt"), close=1)
    assert proc.returncode == 2 and b"standard output is closed" in proc.stderr
    assert b"internal error" not in proc.stderr


def test_stdin_closed_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b""))
    stream.close()
    monkeypatch.setattr(sys, "stdin", stream)
    code, _, err = run_main(capsys, "analyze", "-")
    assert code == 2 and "standard input is closed" in err


# --------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: vnpolicytext.analyze(NOTICE, config=123), r"^analyze\(\) takes the config as .*, not int$"),
        (lambda: vnpolicytext.analyze(None), r"^analyze\(\) takes the text as str, not NoneType$"),
        (lambda: vnpolicytext.analyze_markup(b"<p>", "html"), r"^analyze_markup\(\) takes the source as str"),
        (lambda: vnpolicytext.analyze_markup("<p>", 5), r"^analyze_markup\(\) takes the input_format as str"),
        (lambda: vnpolicytext.analyze_markup("<p>", "html", config=[1]), r"^analyze_markup\(\) takes the config"),
        (lambda: vnpolicytext.check(42), r"^check\(\) takes the text as str, not int$"),
        (lambda: vnpolicytext.check(NOTICE, "legal"), r"^check\(\) takes the config as .*, not str$"),
        (lambda: vnpolicytext.check(NOTICE, input_format=None), r"^check\(\) takes the input_format as str"),
        (lambda: vnpolicytext.check_report(None), r"^check_report\(\) takes the report as .*Report, not NoneType$"),
        (
            lambda: vnpolicytext.check_report(vnpolicytext.analyze(NOTICE), config=1.5),
            r"^check_report\(\) takes the config as",
        ),
        (lambda: vnpolicytext.extract_definitions(["a"]), r"^extract_definitions\(\) takes the text as str"),
        (lambda: vnpolicytext.decode_bytes("văn bản"), r"^decode_bytes\(\) takes the data as bytes, not str$"),
        (lambda: vnpolicytext.decode_bytes(b"x", source=1), r"^decode_bytes\(\) takes the source as str"),
    ],
)
def test_wrong_types_raise_type_error_naming_function_and_parameter(call: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()  # type: ignore[operator]


# ---------------------------------------------------------------------------------------------- memory layers

_LONG_LINE = "Ủy ban nhân dân (UBND) xã Phú Lộc tiếp nhận hồ sơ, trả kết quả - đúng hẹn; lệ phí 50.000 đồng. "


def test_phrase_views_built_on_demand_match_the_syllables_and_words() -> None:
    from vnpolicytext.document import Document

    text = _LONG_LINE * 3 + "\n\nCÔNG DÂN NỘP TỜ KHAI TẠI BỘ PHẬN MỘT CỬA.\n\nNgười dân nhận thẻ sau 5 ngày.\n"
    doc = Document(text)
    views = doc.phrase_views
    assert len(views) == len(doc.units)
    for _ in range(2):  # built again once dropped from the few kept: the same views
        for unit, words in zip(doc.units, doc.words, strict=True):
            view = views[unit.index]
            syl = list(unit.syllables)
            assert view.keys == tuple(t.text.lower() for t in syl)
            assert len(view.gaps) == max(len(syl) - 1, 0)
            for gap, a, b in zip(view.gaps, syl, syl[1:], strict=False):
                between = doc.text[a.end : b.start]
                assert (gap == " ") == between.isspace()
                assert gap != "," or between.strip() == ","
            if view.opens is not None and view.closes is not None:
                starts, ends = {w.start for w in words}, {w.end for w in words}
                assert list(view.opens) == [int(t.start in starts) for t in syl]
                assert list(view.closes) == [int(t.end in ends) for t in syl]
                if "Ủy ban" in unit.text:
                    assert 0 in view.opens  # "Ủy ban", "nhân dân": a syllable inside a word opens none
    shouting = next(u for u in doc.units if "CÔNG DÂN" in u.text)
    assert views[shouting.index].opens is None  # text in capitals: word bounds not trusted
    assert views[-1] == views[len(views) - 1]


def test_line_start_by_bisection_matches_a_backward_search() -> None:
    from vnpolicytext.document import Document

    text = "Điều 1. Phạm vi\n\n1. Hồ sơ gồm tờ khai;\r\n2. Bản sao giấy khai sinh.\n" + _LONG_LINE * 2
    doc = Document(text)
    for pos in range(len(doc.text) + 1):
        assert doc.line_start(pos) == doc.text.rfind("\n", 0, pos) + 1
