"""The command line, run as a subprocess (exit codes, formats, stdin, folders, jobs, config files)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vnpolicytext.cli import main
from vnpolicytext.report import Report, report_schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
LONG = (
    "Người dân có nhu cầu đăng ký thường trú tại địa bàn phường nộp hồ sơ tại bộ phận một cửa kèm theo "
    "giấy tờ chứng minh chỗ ở hợp pháp và ý kiến đồng ý của chủ hộ trong thời hạn ba mươi ngày kể từ ngày "
    "chuyển đến nơi ở mới theo quy định của pháp luật hiện hành về cư trú và các văn bản hướng dẫn thi hành.\n"
)


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "vnpolicytext.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )


def one_error_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("vnpolicytext: error: "), lines
    assert proc.stdout == b""
    return lines[0]


def test_analyze_clean_file_text_format_exit_0() -> None:
    proc = run("analyze", str(FIXTURES / "clean.txt"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "clarity score" in out and "sentence length: mean" in out and "\033[" not in out


def test_analyze_error_finding_exit_1_and_json(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text(LONG, encoding="utf-8-sig")  # with a BOM
    proc = run("analyze", str(path), "--format", "json")
    assert proc.returncode == 1
    report = Report.model_validate_json(proc.stdout)
    assert [f.rule for f in report.findings if f.severity == "error"] == ["sentence_length.very_long"]


def test_stdin_check_json() -> None:
    proc = run("check", "-", "--format", "json", "--profile", "legal", stdin=LONG.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["passed"] is True and result["report"]["profile"] == "legal"


def test_folder_sarif_with_jobs_2_equals_jobs_1() -> None:
    site = FIXTURES / "site"
    # the citizen profile for both pages (a folder alone would get a profile per file)
    one = run("check", str(site), "--profile", "citizen", "--format", "sarif", "--jobs", "1", cwd=FIXTURES)
    two = run("check", str(site), "--profile", "citizen", "--format", "sarif", "--jobs", "2", cwd=FIXTURES)
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert one.stdout == two.stdout
    log = json.loads(one.stdout)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert [u.rsplit("/", 1)[-1] for u in uris] == ["huong_dan.md", "thong_bao.html"]
    html_src = (site / "sub" / "thong_bao.html").read_text(encoding="utf-8")
    regions = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    ]
    assert regions and all(
        html_src[g["charOffset"] : g["charOffset"] + g["charLength"]] == g["snippet"]["text"] for g in regions
    )
    assert any("&amp;" in g["snippet"]["text"] for g in regions)
    if SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_bad_option_exit_2() -> None:
    line = one_error_line(run("analyze", "--format", "xml", str(FIXTURES / "clean.txt")))
    assert "--format" in line and "xml" in line


def test_missing_file_exit_2() -> None:
    line = one_error_line(run("check", str(FIXTURES / "khong_co.txt")))
    assert "khong_co.txt" in line and "no such file" in line


def test_non_utf8_file_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(b"Th\xf4ng b\xe1o l\xe1\xbb\x8bch ti\xeap d\xe2n.")  # Windows-1258 bytes, not UTF-8
    line = one_error_line(run("analyze", str(path)))
    assert "cu.txt" in line and "UTF-8" in line


def test_config_found_upward_and_unknown_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "cong-thong-tin"\n\n[tool.vnpolicytext]\nprofile = "legal"\n'
        '[tool.vnpolicytext.check]\nfail_on = "warning"\n',
        encoding="utf-8",
    )
    deep = tmp_path / "noi_dung" / "2026"
    deep.mkdir(parents=True)
    (deep / "dai.md").write_text("# Đăng ký thường trú\n\n" + LONG, encoding="utf-8")
    proc = run("check", str(deep / "dai.md"), "--format", "json")
    result = json.loads(proc.stdout)
    assert result["report"]["profile"] == "legal"
    # legal limits make the sentence only 'long' (a warning), and the file's gate fails on warnings
    assert proc.returncode == 1 and [f["gate"] for f in result["failures"]] == ["fail_on"]

    (deep / ".vnpolicytext.toml").write_text('profile = "citizen"\nmax_sentence = 30\n', encoding="utf-8")
    line = one_error_line(run("check", str(deep / "dai.md")))
    assert ".vnpolicytext.toml" in line and "unknown configuration key: max_sentence" in line


def test_in_process_formats_schema_and_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == report_schema()
    assert main(["rules"]) == 0
    rules = capsys.readouterr().out
    assert "sentence_length.very_long" in rules and "error" in rules
    src = FIXTURES / "site" / "sub" / "thong_bao.html"
    assert main(["analyze", str(src), "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(("::warning file=", "::notice file=", "::error file=")) for line in lines)
    assert any(line.startswith("::warning file=") for line in lines)
    out = tmp_path / "bao_cao.html"
    assert (
        main(["check", str(src), str(FIXTURES / "clean.txt"), "--format", "html", "--output", str(out)]) == 0
    )
    page = out.read_text(encoding="utf-8")
    assert page.count("<section") == 2 and "<mark" in page and "<svg" in page
    config = tmp_path / "strict.toml"
    config.write_text("[check]\nmin_clarity = 99.5\n", encoding="utf-8")
    assert main(["check", str(src), "--config", str(config)]) == 1
    assert "min_clarity" in capsys.readouterr().out
    assert main(["analyze", str(src), "--jobs", "0"]) == 2
    assert capsys.readouterr().err.strip() == "vnpolicytext: error: argument --jobs: must be at least 1"


def test_rule_explains_one_rule_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "passive.short"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("passive.short — Câu bị động")
    assert "Vì sao quan trọng:" in out and "Căn cứ:" in out
    assert "Viết: Hồ sơ đã được tiếp nhận." in out and "Nên viết: Bộ phận một cửa đã tiếp nhận hồ sơ." in out
    assert '"passive.short" = "off"' in out


def test_rule_with_an_unknown_id_names_the_close_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "pasive.short"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule id 'pasive.short'" in err and "passive.short" in err
    assert main(["rule", "jargon.clich"]) == 2
    assert "jargon.cliche" in capsys.readouterr().err


def test_rules_lists_every_rule_with_its_vietnamese_analyzer_title(capsys: pytest.CaptureFixture[str]) -> None:
    from vnpolicytext.analyzers import RULES

    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(RULES)
    assert any(line.startswith("jargon.legal") and "Từ ngữ khó" in line for line in lines)


def test_files_found_in_a_folder_get_their_own_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cong_thong_tin"
    folder.mkdir()
    (folder / "nghi_dinh.txt").write_text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNGHỊ ĐỊNH\nVề chợ dân sinh\n\n"
        "Căn cứ Luật Tổ chức Chính phủ;\n\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định về chợ.\n\n"
        "Điều 2. Đối tượng áp dụng\nNghị định này áp dụng với thương nhân.",
        encoding="utf-8",
    )
    (folder / "tin_tuc.txt").write_text(
        "Sáng nay, chợ phường 5 mở cửa trở lại sau hai tuần sửa chữa. Bà con tiểu thương rất vui.", encoding="utf-8"
    )
    assert main(["analyze", str(folder), "--format", "json"]) in (0, 1)
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    profiles = {Path(r["path"]).name: r["report"]["profile"] for r in reports}
    assert profiles == {"nghi_dinh.txt": "legal", "tin_tuc.txt": "news"}
    # a file named on the command line keeps the configured profile
    assert main(["analyze", str(folder / "nghi_dinh.txt"), "--format", "json"]) in (0, 1)
    single = json.loads(capsys.readouterr().out)
    assert single["profile"] == "citizen" and single["profile_reasons"] == []
