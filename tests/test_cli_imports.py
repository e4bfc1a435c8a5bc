"""The command line imports what a command or an input format needs when it is used (issue 16, cold start).

Behaviour, not timing: `import vnpolicytext.cli` and `vnpolicytext analyze file.txt` must not load the
converters, fixers, markup parsers, gates, document formats or multiprocessing, and the commands that do
use them still work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from vnpolicytext import cli, cli_convert, formats, legacy, markup

SRC = Path(__file__).resolve().parents[1] / "src"

# Modules a plain-text `analyze` never uses; each is imported by the command or input format that needs it.
LAZY = (
    "vnpolicytext.legacy",
    "vnpolicytext.fixes",
    "vnpolicytext.gates",
    "vnpolicytext.suppress",
    "vnpolicytext.markup.html",
    "vnpolicytext.markup.markdown",
    "vnpolicytext.formats.location",
    "vnpolicytext.render.json_",
    "multiprocessing",
    "difflib",
    "html",
)

TEXT = (
    "Thông báo về việc tiếp nhận hồ sơ đăng ký hộ kinh doanh.\n\n"
    "Từ ngày 1 tháng 7, người dân nộp hồ sơ tại Bộ phận một cửa của Ủy ban nhân dân phường hoặc nộp trực "
    "tuyến trên Cổng dịch vụ công. Hồ sơ được cán bộ kiểm tra trong vòng ba ngày làm việc.\n"
)


def _loaded(code: str) -> dict[str, bool]:
    """Which of `LAZY` a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {LAZY!r}}}))\n"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=True,
        timeout=120,
    )
    result: dict[str, bool] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_cli_loads_no_command_specific_module() -> None:
    loaded = _loaded("import vnpolicytext.cli")
    assert [m for m, present in loaded.items() if present] == []


def test_analyzing_a_text_file_loads_no_command_specific_module(tmp_path: Path) -> None:
    path = tmp_path / "thong_bao.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "report.txt"
    code = (
        "from vnpolicytext.cli import main\n"
        f"code = main(['analyze', '--output', {str(out)!r}, {str(path)!r}])\n"
        "assert code in (0, 1), code\n"
    )
    loaded = _loaded(code)
    assert out.read_text(encoding="utf-8").strip()  # the analysis ran and wrote its report
    assert [m for m, present in loaded.items() if present] == []


def test_markdown_input_and_check_import_what_they_need(tmp_path: Path) -> None:
    path = tmp_path / "thong_bao.md"
    path.write_text("# Thông báo\n\n" + TEXT, encoding="utf-8")
    code = (
        "from vnpolicytext.cli import main\n"
        f"code = main(['check', '--output', {str(tmp_path / 'out.txt')!r}, {str(path)!r}])\n"
        "assert code in (0, 1), code\n"
    )
    loaded = _loaded(code)
    assert loaded["vnpolicytext.markup.markdown"] and loaded["vnpolicytext.gates"]
    assert loaded["vnpolicytext.suppress"]
    assert not loaded["vnpolicytext.legacy"] and not loaded["vnpolicytext.fixes"]


def test_the_convert_choices_are_the_legacy_encodings() -> None:
    assert cli_convert.ENCODING_CHOICES == legacy.ENCODINGS
    convert = cli.build_parser().parse_args(["convert", "in.txt", "--from", "vni"])
    assert convert.source_encoding == "vni"


def test_lazy_names_are_still_there() -> None:
    ex = markup.extract_markdown("# Tiêu đề\n\nNgười dân **nộp** hồ sơ.")
    assert "Người dân nộp hồ sơ." in ex.text
    assert markup.extract_html("<p>Nộp <b>hồ sơ</b></p>").text.strip() == "Nộp hồ sơ"
    report = markup.analyze_markup("# Thông báo\n\nNgười dân nộp hồ sơ tại xã.", "markdown")
    assert report.sentences[-1].text == "Người dân nộp hồ sơ tại xã."
    assert callable(markup.remap) and callable(markup.extract_html)  # not shadowed by their submodules
    assert formats.DocumentReport.__name__ == "DocumentReport"
    assert formats.FindingLocation.__name__ == "FindingLocation"
