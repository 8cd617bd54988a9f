"""A product group over years of different HS editions uses each year's own rules (hand-worked)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tradestats.engine import Engine
from tradestats.ingest import ingest_files

from helpers import row, write_csv


def test_electric_vehicles_in_2014_look_for_hs2012_codes(tmp_path: Path) -> None:
    rows = [
        row(period="2014", hs_code="870390", value_usd="10.00"),  # HS2012: electric cars
        row(period="2014", hs_code="870321", value_usd="5.00"),  # a small petrol car
        row(period="2019", hs_code="870380", value_usd="7.00"),  # HS2017: battery-electric
        row(period="2019", hs_code="870390", value_usd="3.00"),  # HS2017: other vehicles
    ]
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", rows)])
    eng = Engine(tmp_path / "s")

    def ev(period: str) -> object:
        return eng.query(period=period, flow="export", product="electric_vehicles",
                         basis="value_usd", measures="value_usd").column(0)[0].as_py()  # fmt: skip

    assert ev("2014") == Decimal("10.00")  # 8703.90 under HS2012 rules
    assert ev("2019") == Decimal("7.00")  # 8703.40-8703.80 under HS2017 rules, not 8703.90
