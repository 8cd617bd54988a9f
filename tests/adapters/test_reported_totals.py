"""Reported totals: a World row (partner WLD) is the reporter's declared total, stored beside the
partners and never added to them; a total without a partner filter, and the parent of a share,
is the declared total where the reporter gave one (cube.declared_totals). Worked by hand."""

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
    assert _one(china, partner="!USA") == Decimal("163.00")  # an exclusion keeps WLD out
    assert _one(china, partner="USA,KOR") == Decimal("745.00")  # 582 + 163, not + 3594
    got = china.query(period="2022", flow="export", by="partner", **USD).to_pylist()
    assert sorted(r["partner"] for r in got) == ["KOR", "USA"]


def test_world_named_gives_the_declared_total(china: Engine) -> None:
    assert _one(china, partner="WLD") == Decimal("3594.00")
    assert _one(china, partner="USA,WLD") == Decimal("4176.00")  # named: what it names


def test_a_total_without_partner_filter_is_the_declared_total(china: Engine) -> None:
    # The partners loaded are two of China's many: its exports are the World row's 3594.
    assert _one(china) == Decimal("3594.00")


def test_shares_of_a_partner_extract_are_of_the_declared_total(china: Engine) -> None:
    # USA: 582 / 3594 = 16.193656... %, not 582 / 745 = 78.1 % of the partners loaded.
    got = china.query(
        period="2022", flow="export", by="partner", basis="value_usd", measures="share_pct"
    ).to_pylist()
    share = {r["partner"]: r["share_pct"] for r in got}
    assert round(share["USA"], 6) == Decimal("16.193656")
    assert round(share["KOR"], 6) == Decimal("4.535337")  # 163 / 3594


def test_a_reporter_without_world_row_keeps_its_partners_sum(tmp_path: Path) -> None:
    # Two reporters: Korea gave a World row, Japan did not; the total takes each one's own.
    rows = [
        row(period="2022", reporter="KOR", partner="USA", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="100.00", quantity="", unit=""),
        row(period="2022", reporter="KOR", partner="WLD", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="700.00", quantity="", unit=""),
        row(period="2022", reporter="JPN", partner="USA", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="40.00", quantity="", unit=""),
        row(period="2022", reporter="JPN", partner="CHN", hs_code="TOTAL", product_level="total",
            value_cny="", value_usd="60.00", quantity="", unit=""),
    ]  # fmt: skip
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", rows)])
    eng = Engine(tmp_path / "s")
    assert _one(eng, reporter="KOR,JPN") == Decimal("800.00")  # 700 declared + 40 + 60
    got = eng.query(
        period="2022", flow="export", partner="USA", by="reporter", basis="value_usd",
        measures="share_pct",
    ).to_pylist()  # fmt: skip
    share = {r["reporter"]: round(r["share_pct"], 4) for r in got}
    assert share == {"KOR": Decimal("14.2857"), "JPN": Decimal("40.0000")}  # 100/700, 40/100
