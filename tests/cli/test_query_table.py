"""`tradestats query -f table` shows figures as published; csv and json keep them exact.

The store (yuan, exports, month 2025-03 against 2024-03), worked by hand:

    USA  2024-03  1,000,000,000,000.00   2025-03  1,234,567,000,000.00   yoy +23.4567 %
    KOR  2024-03     11,000,000,000.00   2025-03     12,345,000,000.00   yoy +12.2272... %

2025-03 exports 1,246,912,000,000.00: USA's share 99.00995... %, KOR's 0.99004... %.
In billion yuan (the largest value sets the column's scale): 1,234.567 -> 1,234.57 and
12.345 -> 12.35 (half-up on the exact value: a float would give 12.34).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.ingest import ingest_files

from helpers import row, write_csv

runner = CliRunner()
ASK = ["--period", "2025-03", "--flow", "export", "--by", "partner",
       "--measure", "value_cny,yoy_pct,share_pct,records"]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("table")
    rows = [
        row(period="2024-03", partner="USA", value_cny="1000000000000.00"),
        row(period="2025-03", partner="USA", value_cny="1234567000000.00"),
        row(period="2024-03", partner="KOR", value_cny="11000000000.00"),
        row(period="2025-03", partner="KOR", value_cny="12345000000.00"),
    ]
    ingest_files(root / "store", [write_csv(root / "in.csv", rows)])
    return root / "store"


def _cells(output: str) -> list[list[str]]:
    """The table's body rows, cell by cell (rich draws them between │ bars)."""
    lines = [ln for ln in output.splitlines() if ln.startswith("│")]
    return [[c.strip() for c in ln.strip("│").split("│")] for ln in lines]


def test_table_rounds_scales_and_separates(store: Path) -> None:
    result = runner.invoke(app, ["query", "--store", str(store), *ASK, "-f", "table"])
    assert result.exit_code == 0, result.output
    assert "Value (billion yuan)" in result.output
    assert "Year on year (%)" in result.output
    assert sorted(_cells(result.output)) == [
        ["KOR", "12.35", "12.2", "1.0", "1"],
        ["USA", "1,234.57", "23.5", "99.0", "1"],
    ]


def test_csv_and_json_stay_exact(store: Path) -> None:
    got = runner.invoke(app, ["query", "--store", str(store), *ASK, "-f", "csv"])
    rows = {r["partner"]: r for r in csv.DictReader(io.StringIO(got.output))}
    assert rows["USA"]["value_cny"] == "1234567000000.00"
    assert Decimal(rows["USA"]["yoy_pct"]) == Decimal("23.4567")
    assert rows["KOR"]["yoy_pct"].startswith("12.22727")
    got = runner.invoke(app, ["query", "--store", str(store), *ASK, "-f", "json"])
    by = {r["partner"]: r for r in json.loads(got.output, parse_float=Decimal)}
    assert by["KOR"]["value_cny"] == Decimal("12345000000.00")
    assert str(by["KOR"]["share_pct"]).startswith("0.99004")


def test_table_in_chinese_uses_yi_yuan(store: Path) -> None:
    result = runner.invoke(
        app, ["query", "--store", str(store), *ASK, "-f", "table", "--lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    assert "金额（亿元）" in result.output
    # 1,234,567,000,000 yuan = 12,345.67 亿元 -> 12,345.7 (1 decimal); 123.45 亿元 -> 123.5
    assert sorted(c[1] for c in _cells(result.output)) == ["12,345.7", "123.5"]


def test_xlsx_needs_out_and_holds_exact_cells(store: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    refused = runner.invoke(app, ["query", "--store", str(store), *ASK, "-f", "xlsx"])
    assert refused.exit_code != 0 and "--out" in refused.output
    out = tmp_path / "q.xlsx"
    got = runner.invoke(
        app, ["query", "--store", str(store), *ASK, "-f", "xlsx", "--out", str(out)]
    )
    assert got.exit_code == 0, got.output
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    cells = {r[0]: r for r in rows[1:]}
    assert Decimal(str(cells["USA"][1])) == Decimal("1234567000000")
    assert Decimal(str(cells["KOR"][2])).quantize(Decimal("0.0001")) == Decimal("12.2273")
