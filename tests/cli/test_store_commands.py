"""The ingest and log commands, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tradestats.cli import app

from helpers import row, write_csv

runner = CliRunner()


def tradestats(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from tradestats.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_ingest_then_log(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row(), row(period="2025-02", value_cny="5.5")])
    result = runner.invoke(app, ["ingest", str(src), "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 0, result.output
    assert "batch b000001 committed" in result.output
    assert "1,005.50" in result.output  # 1000.00 + 5.50 yuan accepted
    logged = runner.invoke(app, ["log", "--store", str(tmp_path / "s"), "--format", "json"])
    batches = json.loads(logged.output)
    assert [b["id"] for b in batches] == ["b000001"]
    assert batches[0]["periods"] == ["2025-01", "2025-02"]
    assert len(batches[0]["sources"][0]["sha256"]) == 64


def test_invalid_rows_exit_1_with_the_line_and_no_traceback(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row(), row(period="2025-13", enterprise_id="E9")])
    report = tmp_path / "r.json"
    proc = tradestats(
        "ingest", str(src), "--store", str(tmp_path / "s"), "--report-json", str(report)
    )
    assert proc.returncode == 1
    assert f"{src}:3: period: '2025-13' is not a month" in proc.stderr
    assert "Traceback" not in proc.stderr
    saved = json.loads(report.read_text())
    assert (saved["rows_read"], saved["rows_quarantined"], saved["committed"]) == (2, 1, False)


def test_refused_period_overlap_exits_2(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    assert runner.invoke(app, ["ingest", str(src), "-s", str(tmp_path / "s"), "-q"]).exit_code == 0
    proc = tradestats("ingest", str(src), "--store", str(tmp_path / "s"))
    assert proc.returncode == 2
    assert "already hold data (2025-01)" in proc.stderr
    assert "--append" in proc.stderr


def test_append_and_replace_together_is_a_usage_error(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    proc = tradestats("ingest", str(src), "-s", str(tmp_path / "s"), "--append", "--replace")
    assert proc.returncode == 2
    assert "exclude each other" in proc.stderr


def test_log_of_an_empty_store(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["log", "--store", str(tmp_path / "empty"), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.strip() == "batch"


def test_log_of_a_missing_store_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    done = tradestats("log", "--store", str(tmp_path / "none"))
    assert done.returncode == 2 and "no store at" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr and not (tmp_path / "none").exists()


def test_serve_on_a_port_in_use_says_so_and_never_claims_to_serve(tmp_path: Path) -> None:
    import socket

    src = write_csv(tmp_path / "c.csv", [row()])
    assert tradestats("ingest", str(src), "--store", str(tmp_path / "s")).returncode == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        done = tradestats("serve", "--store", str(tmp_path / "s"), "--port", port)
    assert done.returncode == 2 and "cannot serve at" in done.stderr
    assert "serving" not in done.stdout and "Traceback" not in done.stderr


def test_a_file_refused_whole_exits_2_and_invalid_rows_exit_1(tmp_path: Path) -> None:
    """Exit 2 is an input-file error (nothing in the file was judged), exit 1 rows that broke
    the rules (docs/schema.md, Exit codes)."""
    header = tmp_path / "header.csv"
    header.write_text("foo,bar\n1,2\n", encoding="utf-8")
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("period,flow\n".encode("utf-16"))
    empty = tmp_path / "empty.csv"
    empty.write_text("period,flow,hs_code,partner,value_cny\n", encoding="utf-8")
    cases = {
        header: "unknown column(s): 'foo', 'bar'",
        utf16: "is UTF-16 text",
        tmp_path / "missing.csv": "does not exist",
        empty: "no data rows",
    }
    for path, said in cases.items():
        proc = tradestats("ingest", str(path), "--store", str(tmp_path / "s"))
        assert (proc.returncode, "Traceback" in proc.stderr) == (2, False), path
        assert said in proc.stderr
    bad_row = write_csv(tmp_path / "rows.csv", [row(period="2025-13")])
    assert tradestats("ingest", str(bad_row), "--store", str(tmp_path / "s")).returncode == 1
