"""Audits on Dask from the command line: a LocalCluster without a dashboard, an unreachable scheduler."""

from __future__ import annotations

import json
import os
import socket
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

from vnpolicytext.audit import read_table
from vnpolicytext.cli import main

from .audit_texts import NOTICE_ID_CARD, NOTICE_WATER


@pytest.fixture()
def port_8787_busy() -> Iterator[None]:
    """Port 8787 (the Dask dashboard's default) taken, as on a machine where another cluster runs."""
    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))
        holder.listen()
    except OSError:
        pass  # someone else holds it already: just as good
    try:
        yield
    finally:
        holder.close()


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()  # nothing listens there any more: connections are refused
    return port


def _two_notices(folder: Path) -> Path:
    folder.mkdir()
    (folder / "cap-nuoc.txt").write_text(NOTICE_WATER, encoding="utf-8")
    (folder / "can-cuoc.txt").write_text(NOTICE_ID_CARD, encoding="utf-8")
    return folder


def test_dask_local_runs_without_a_dashboard(
    tmp_path: Path, port_8787_busy: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _two_notices(tmp_path / "in")
    out = tmp_path / "out"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["audit", str(src), "-o", str(out), "--dask", "local", "--jobs", "1", "--quiet"])
    assert code == 0
    assert capsys.readouterr().err == ""
    noisy = [str(w.message) for w in caught if "8787" in str(w.message) or "dashboard" in str(w.message)]
    assert noisy == []
    run = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["runs"][-1]
    assert run["engine"] == "dask:local" and run["complete"] and run["analyzed"] == 2
    # the work ran in a worker process, not in this one
    assert len(run["workers"]) == 1 and not run["workers"][0].endswith(f":{os.getpid()}")
    assert sorted(read_table(out, "documents").column("id").to_pylist()) == [
        str(src / "can-cuoc.txt"),
        str(src / "cap-nuoc.txt"),
    ]


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _two_notices(tmp_path / "in")
    out = tmp_path / "out"
    address = f"tcp://127.0.0.1:{_closed_port()}"
    code = main(["audit", str(src), "-o", str(out), "--dask", address, "--dask-timeout", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"vnpolicytext: error: cannot reach the Dask scheduler at {address}: ")
    assert "after 1 s" in err  # the timeout given, not distributed's default of 30 s
    assert not out.exists()  # nothing ran, nothing written


def test_dask_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _two_notices(tmp_path / "in")
    out = str(tmp_path / "out")
    assert main(["audit", str(src), "-o", out, "--dask", "local", "--dask-timeout", "0"]) == 2
    assert "--dask-timeout" in capsys.readouterr().err
    assert main(["audit", str(src), "-o", out, "--dask-dashboard", ":8787"]) == 2
    assert "only with --dask local" in capsys.readouterr().err
