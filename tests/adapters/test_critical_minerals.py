"""Acceptance on china_critical_minerals_comtrade: China's monthly exports by partner and HS6
ingest, and the engine's year-on-year growth per group matches the author's figures where the
data agree.

The author's table (deep_dive_hs6_monthly.csv) is a derived table, not a Comtrade download, so
the test writes it as canonical CSV (partner names mapped by the cn-customs adapter's name table
plus the few English short forms the author used). Where the data agree: for Graphite the
partner rows sum exactly to the author's World total in every month (checked below); for
Gallium/Germanium the author's group also holds HS codes the partner table lacks (hs_map.csv:
oxides, arsenide, nitride), so its totals differ and no comparison is made.

The difference explained: the author's ``yoy_growth_pct`` is not a month's year-on-year growth
but the mean of the last three months' year-on-year growth (2018-03: 54.88 % January, 65.58 %
February, 49.90 % March, mean 56.79 %; hence also its blanks until 2018-03). The test compares
that mean of the engine's monthly growth with the author's figure.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.adapters.cn_customs import norm, partner_names
from tradestats.engine import Engine
from tradestats.ingest import ingest_files

from helpers import write_csv

FIX = "china_critical_minerals_comtrade"
SHORT_NAMES = {"USA": "USA", "UAE": "ARE", "Iran": "IRN", "Russia": "RUS", "Taiwan": "TWN",
               "Turkey": "TUR", "Vietnam": "VNM", "Czech Republic": "CZE",
               "Tanzania": "TZA", "South Korea": "KOR"}  # fmt: skip
GRAPHITE = ("250410", "380110")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _iso(name: str) -> str:
    return SHORT_NAMES.get(name) or partner_names()[norm(name)]


@pytest.fixture(scope="module")
def minerals_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("minerals")
    rows = [
        {
            "period": r["period_dt"][:7],
            "flow": "export",
            "hs_code": r["hs6"],
            "partner": _iso(r["partner_name"]),
            "value_usd": r["val"],
            "reporter": "CHN",
        }
        for r in _read(shared_data / FIX / "deep_dive_hs6_monthly.csv")
    ]
    header = ["period", "flow", "hs_code", "partner", "value_usd", "reporter"]
    src = write_csv(tmp / "deep_dive.csv", rows, header=header)
    report = ingest_files(tmp / "s", [src])
    assert report.rows_accepted == 6_442 and report.balanced
    return tmp / "s"


def test_graphite_yoy_matches_the_author(shared_data: Path, minerals_store: Path) -> None:
    overview = {
        r["period_dt"][:7]: Decimal(r["total_value"])
        for r in _read(shared_data / FIX / "overview_monthly.csv")
        if r["broad_group"] == "Graphite"
    }
    author = {
        r["period_dt"][:7]: Decimal(r["yoy_growth_pct"])
        for r in _read(shared_data / FIX / "growth_yoy_monthly.csv")
        if r["broad_group"] == "Graphite" and r["yoy_growth_pct"]
    }
    engine = Engine(minerals_store)
    yoy: dict[str, Decimal] = {}
    for year in range(2018, 2025):
        table = engine.query(
            period=str(year), flow="export", measures="value_usd,yoy_pct", basis="value_usd",
            by="month", product=",".join(GRAPHITE),
        )  # fmt: skip
        for r in table.to_pylist():
            month = str(r["month"])[:7]
            assert Decimal(str(r["value_usd"])) == overview[month]  # the data agree
            yoy[month] = Decimal(str(r["yoy_pct"]))
    months = sorted(yoy)
    for i, month in enumerate(months[2:], start=2):
        mean = sum(yoy[m] for m in months[i - 2 : i + 1]) / 3
        assert abs(mean - author[month]) < Decimal("0.000001"), month
    assert len(months) - 2 == len(author) == 82
