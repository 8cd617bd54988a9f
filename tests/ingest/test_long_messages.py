"""Messages stay short whatever the input holds: a 1 MB field, a header of 50,000 columns or
thousands of long bad rows give a message of at most ``MAX_MESSAGE`` characters that still
names the file, the line and the field, and says how long the value was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tradestats.errors import MAX_MESSAGE, MAX_VALUE, ValidationFailed
from tradestats.ingest import ingest_files
from tradestats.web.errors import ApiError, envelope

from helpers import HEADER, csv_text, row, write_csv

GARBAGE = "Q" * 1_000_000


@pytest.mark.parametrize("field", ["partner", "hs_code", "unit", "enterprise_type", "period"])
def test_a_1mb_field_gives_a_short_message_naming_file_line_and_field(
    tmp_path: Path, field: str
) -> None:
    src = write_csv(tmp_path / "in.csv", [row(), row(**{field: GARBAGE})])
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [src])
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE
    assert f"{src}:3: {field}: '" in message
    assert "(1,000,000 characters)" in message
    shown = message.upper()  # enterprise types are read in lower case
    assert "Q" * MAX_VALUE in shown and "Q" * (MAX_VALUE + 1) not in shown
    assert "quarantine.csv" in message  # the hint naming every problem's file is kept


def test_a_header_of_50000_unknown_columns_is_listed_in_part(tmp_path: Path) -> None:
    src = tmp_path / "wide.csv"
    extra = [f"x{i}" for i in range(50_000)]
    src.write_text(csv_text([row()], header=[*HEADER, *extra]).split("\n")[0] + "\n")
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [src])
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE
    assert f"{src}:1: unknown column(s): 'x0', 'x1', " in message
    assert "more); canonical columns are period, flow" in message


def test_many_long_bad_rows_keep_the_first_problems_and_the_hint(tmp_path: Path) -> None:
    rows = [row(partner=f"{i:03d}" + "Z" * 100_000) for i in range(30)]
    src = write_csv(tmp_path / "in.csv", rows)
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [src])
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE
    assert message.startswith("30 of 30 rows are invalid; nothing was committed")
    assert f"{src}:2: partner: '000ZZZ" in message
    assert "(100,003 characters)" in message
    assert message.endswith("quarantine.csv)")


def test_the_cli_prints_a_short_message_for_a_1mb_field(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row(partner=GARBAGE)])
    cli = [sys.executable, "-c", "from tradestats.cli import main; main()", "ingest", str(src)]
    done = subprocess.run([*cli, "--store", str(tmp_path / "s")], capture_output=True, text=True)
    assert done.returncode == 1
    said = " ".join(done.stderr.split())
    assert len(done.stderr) <= MAX_MESSAGE + 200  # 'error: ' and the terminal's line breaks
    assert f"{src}:2: partner: 'QQQ" in said and "(1,000,000 characters)" in said


def test_an_http_error_holding_a_1mb_value_is_short() -> None:
    err = ApiError(400, "invalid_parameter", "unknown partner " + GARBAGE, hint="h" * 10**6)
    err.details = [{"loc": "partner", "msg": GARBAGE}] * 1_000
    body = envelope(err).body
    assert len(body) <= MAX_MESSAGE + 20 * 600 + 200
    assert b"unknown partner QQQ" in body and b"characters left out" in body
