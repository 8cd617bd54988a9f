"""Reported totals: a World row (partner WLD) is the reporter's declared total, stored beside the
partners and never added to them (the rule in indicators/resolve.py). Worked by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.engine import Engine
from tradestats.ingest import ingest_files

from helpers import row, write_csv

USD = dict(basis="value_usd", measures="value_usd")


@pytest.fixture
def china(tmp_path: Path) -> Engine:
    # China's exports to two partners loaded, and its declared total over all partners.
    rows = [
        row(period="2022", partner="USA", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="582.00", quantity="", unit=""),
        row(period="2022", partner="KOR", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="163.00", quantity="", unit=""),
        row(period="2022", partner="WLD", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="3594.00", quantity="", unit=""),
    ]  # fmt: skip
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", rows)])
    return Engine(tmp_path / "s")


def _one(eng: Engine, **kw: str) -> object:
    return eng.query(period="2022", flow="export", **USD, **kw).column(0)[0].as_py()


def test_world_rows_are_never_added_to_the_partners(china: Engine) -> None:
    assert _one(china) == Decimal("745.00")  # 582 + 163, not + 3594
    assert _one(china, partner="!USA") == Decimal("163.00")  # an exclusion keeps WLD out
    got = china.query(period="2022", flow="export", by="partner", **USD).to_pylist()
    assert sorted(r["partner"] for r in got) == ["KOR", "USA"]


def test_world_named_gives_the_declared_total(china: Engine) -> None:
    assert _one(china, partner="WLD") == Decimal("3594.00")
    assert _one(china, partner="USA,WLD") == Decimal("4176.00")  # named: what it names
