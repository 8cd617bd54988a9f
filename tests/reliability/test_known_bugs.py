"""Regressions: bugs the reliability campaign found (annual data appended to a store)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tradestats.ingest import ingest_files
from tradestats.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"
ANNUAL = "period,flow,hs_code,partner,value_cny\n2022,export,85076000,USA,1.00\n"


@pytest.mark.parametrize("source", ["canonical", "comtrade_ok.json", "baci_bad_partner.csv"])
def test_append_of_annual_data_quarantines_stored_duplicates(tmp_path: Path, source: str) -> None:
    if source == "canonical":
        path = tmp_path / "annual.csv"
        path.write_text(ANNUAL, encoding="utf-8")
    else:
        path = CORPUS / source
    first = ingest_files(tmp_path / "s", [path], allow_rejects=True)
    again = ingest_files(tmp_path / "s", [path], allow_rejects=True, mode="append")
    assert again.rows_accepted == 0
    assert again.stored_duplicates == first.rows_accepted
    assert sum(b.rows_accepted for b in Store(tmp_path / "s").batches()) == first.rows_accepted


def test_cli_append_of_annual_data_gives_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "annual.csv"
    path.write_text(ANNUAL, encoding="utf-8")
    cli = [sys.executable, "-c", "from tradestats.cli import main; main()", "ingest", str(path)]
    store = ["--store", str(tmp_path / "s")]
    subprocess.run([*cli, *store], check=True, capture_output=True)
    done = subprocess.run([*cli, *store, "--append", "--allow-rejects"], capture_output=True)
    assert "Traceback" not in done.stderr.decode()
    assert done.returncode == 0
