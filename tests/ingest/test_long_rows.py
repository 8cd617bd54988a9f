"""A row longer than the CSV reader's block (32 MiB; a 1 GB field) refuses the file with one
clear message naming the file, the row's line and why, exit code 2, instead of pyarrow's
"straddling object straddles two block boundaries"; a quote never closed in a file larger
than a block likewise, instead of "CSV parser got out of sync with chunker". The block is
made small here (``reader.BLOCK_SIZE``, read when a file is opened): a 200 KB field is too
long."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tradestats.delimited import reader
from tradestats.errors import InputRefused
from tradestats.ingest import ingest_files

from helpers import csv_text, row, store_listing, write_csv

BIG = "Q" * 200_000


@pytest.fixture
def small_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "BLOCK_SIZE", 1 << 16)


def _rows(n: int) -> list[dict[str, str]]:
    return [row(enterprise_id=f"E{i}") for i in range(n)]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_row_longer_than_the_block_names_file_line_and_why(
    tmp_path: Path, small_block: None, encoding: str
) -> None:
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "ok.csv", [row(period="2024-01")])])
    before = store_listing(tmp_path / "s")
    src = tmp_path / "in.csv"
    rows = [*_rows(1000), row(partner=BIG), *_rows(1000)]
    src.write_bytes(csv_text(rows).encode(encoding))
    with pytest.raises(InputRefused) as info:
        ingest_files(tmp_path / "s", [src], encoding=encoding)
    message = str(info.value)
    assert info.value.exit_code == 2
    assert message.startswith(f"{src}: the row at line 1,002 is longer than 64 KiB")
    assert "nothing was committed" in message and "straddling" not in message
    assert store_listing(tmp_path / "s") == before


def test_the_first_row_too_long_is_line_2(tmp_path: Path, small_block: None) -> None:
    src = write_csv(tmp_path / "in.csv", [row(hs_code=BIG), row()])
    with pytest.raises(InputRefused, match=r"in\.csv: the row at line 2 is longer than 64 KiB"):
        ingest_files(tmp_path / "s", [src])


def test_an_adapters_file_with_a_row_too_long_names_its_line(
    tmp_path: Path, small_block: None
) -> None:
    src = tmp_path / "baci.csv"
    src.write_text(
        "t,i,j,k,v,q\n" + "2022,156,842,850760,1.5,1\n" * 3000 + f"2022,156,{BIG},850760,1,1\n"
    )
    with pytest.raises(InputRefused, match=r"baci\.csv: the row at line 3,002 is longer"):
        ingest_files(tmp_path / "s", [src])


def test_an_unclosed_quote_past_the_block_is_refused_clearly(
    tmp_path: Path, small_block: None
) -> None:
    text = csv_text(_rows(10)) + '2025-01,export,85076000,"USA,1.00\n' + csv_text(_rows(3000))
    src = tmp_path / "quote.csv"
    src.write_text(text)
    with pytest.raises(InputRefused) as info:
        ingest_files(tmp_path / "s", [src])
    message = str(info.value)
    assert message.startswith(f"{src}: a quote is not closed, or a quoted field holds line")
    assert "block of 64 KiB, at or after line 12;" in message and "chunker" not in message


def test_the_cli_exits_2_with_one_line(
    tmp_path: Path, small_block: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from tradestats.cli import main

    src = write_csv(tmp_path / "in.csv", [*_rows(5), row(partner=BIG)])
    monkeypatch.setattr(sys, "argv", ["tradestats", "ingest", str(src), "--store", "s"])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main()
    said = " ".join(capsys.readouterr().err.split())
    assert done.value.code == 2
    assert "the row at line 7 is longer than 64 KiB" in said and "Traceback" not in said
