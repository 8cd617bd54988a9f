"""`tradestats seasonal` on a store: the engine's series, components, the January-February table."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.cli import app


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["seasonal", *args])
    return res.exit_code, res.output


def test_components_and_spring_festival_coefficient(store: Path) -> None:
    code, out = _run("--store", str(store), "--period", "2017..2024", "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert len(rows) == 96 and rows[0]["month"] == "2017-01"
    for r in rows:
        product = r["seasonally_adjusted"] * r["seasonal_factor"] * r["calendar_factor"]
        assert product == pytest.approx(r["original"], rel=1e-9)
    code, out = _run("--store", str(store), "--period", "2017..2024", "--show", "diagnostics",
                     "--format", "json")  # fmt: skip
    coef = next(r for r in json.loads(out) if r["name"] == "spring_festival")
    assert abs(coef["statistic"] / -0.3 - 1) < 0.2


def test_jan_feb_table_holds_exact_engine_sums(stored: tuple[Path, list[dict[str, str]]]) -> None:
    store, rows = stored
    code, out = _run("--store", str(store), "--period", "2017..2024", "--show", "jan-feb",
                     "--format", "csv")  # fmt: skip
    assert code == 0, out
    header, first, *_ = out.splitlines()
    assert header.startswith("year,spring_festival,jan,feb,jan_feb,yoy_jan_pct")
    cols = dict(zip(header.split(","), first.split(","), strict=True))
    assert cols["year"] == "2017" and cols["spring_festival"] == "2017-01-28"
    expected = sum(Decimal(r["value_cny"]) for r in rows if r["period"] in ("2017-01", "2017-02"))
    assert Decimal(cols["jan_feb"]) == expected  # the exact sum of the stored lines


def test_missing_months_and_bad_measures_are_clear_errors(store: Path) -> None:
    code, out = _run("--store", str(store), "--period", "2016..2024")
    assert code == 2 and "no data for 12 month(s)" in out
    code, out = _run("--store", str(store), "--period", "2017..2024", "--measure", "yoy_pct")
    assert code == 2 and "cannot adjust the measure" in out
    code, out = _run("--store", str(store), "--period", "2023..2024")
    assert code == 2 and "at least 36" in out
