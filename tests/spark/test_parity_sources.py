"""Parity for the new kinds of data: annual rows, reporters, combined and cumulative figures,
product levels, re-exports and euros. A small store, ingested from canonical CSV as a user would;
both engines must agree exactly, and a few figures are checked against hand-worked values.

    CHN  months 2024-01..03 and 2025-01..03 (export VNM 10/20/30 and 12/24/36; re_export VNM
         2 a month in 2024, 3 in 2025; import KOR 5 a month), plus a combined 2025-01..2025-02
         export row of 999 that months must win over
    USA  annual TOTAL exports to CHN: 2024 300, 2025 330 (dollars and euros)
    DEU  annual chapters 84 / 85 exports to CHN: 2024 40 / 60, 2025 44 / 90
    KOR  cumulative exports to CHN: 2024 Jan-Mar 100, Jan-Jun 250; 2025 Jan-Mar 120, Jan-Jun 320
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from sparkparity import same_query

from tradestats.engine import Engine

from helpers import pct, row, write_csv


def _chn() -> list[dict[str, str]]:
    out = []
    for y, values in (("2024", (10, 20, 30)), ("2025", (12, 24, 36))):
        for m, v in enumerate(values, start=1):
            p = f"{y}-{m:02d}"
            rx = "2" if y == "2024" else "3"
            out += [
                row(period=p, partner="VNM", value_cny=f"{v}", value_usd=f"{v}", reporter="CHN",
                    value_eur=f"{v}"),
                row(period=p, flow="re_export", partner="VNM", value_cny=rx, value_usd=rx,
                    reporter="CHN", value_eur=rx),
                row(period=p, flow="import", partner="KOR", value_cny="5", value_usd="5",
                    reporter="CHN", value_eur="5"),
            ]  # fmt: skip
    out.append(row(period="2025-01..2025-02", partner="VNM", value_cny="999", value_usd="999",
                   reporter="CHN", value_eur="999"))  # fmt: skip
    return out


def _agg(period: str, reporter: str, code: str, usd: str) -> dict[str, str]:
    level = "total" if code == "TOTAL" else str(len(code))
    return row(period=period, reporter=reporter, partner="CHN", hs_code=code, product_level=level,
               value_cny="", value_usd=usd, value_eur=usd, quantity="", enterprise_id="",
               enterprise_type="", trade_mode="", region="", brand_type="")  # fmt: skip


def _others() -> list[dict[str, str]]:
    out = [_agg("2024", "USA", "TOTAL", "300"), _agg("2025", "USA", "TOTAL", "330")]
    out += [_agg("2024", "DEU", "84", "40"), _agg("2024", "DEU", "85", "60")]
    out += [_agg("2025", "DEU", "84", "44"), _agg("2025", "DEU", "85", "90")]
    for p, v in (("2024-01..2024-03", "100"), ("2024-01..2024-06", "250"),
                 ("2025-01..2025-03", "120"), ("2025-01..2025-06", "320")):  # fmt: skip
        out.append(row(period=p, reporter="KOR", partner="CHN", value_cny=v, value_usd=v,
                       value_eur=v))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory, duck: Engine, sparky: Engine):
    from tradestats.ingest import ingest_files

    root: Path = tmp_path_factory.mktemp("sources")
    src = write_csv(root / "rows.csv", [*_chn(), *_others()])
    ingest_files(root / "store", [src])
    ref, lib = duck.reference, duck.library
    return (Engine(root / "store", reference=ref, library=lib),
            Engine(root / "store", reference=ref, backend="spark", library=lib))  # fmt: skip


MONEY = "value_usd,value_eur,yoy_pct,share_pct,share_change_pp,contribution_pp"


def test_months_of_one_reporter(engines):
    got = same_query(*engines, period="2025-Q1", reporter="CHN", flow="export", by="month",
                     measures="value_cny,value_eur,yoy_pct,rank")  # fmt: skip
    # Months win over the combined 999: 12, 24, 36 against 10, 20, 30 (+20 % each).
    assert got.column("value_cny").to_pylist() == [Decimal(v) for v in ("12.00", "24.00", "36.00")]
    assert got.column("yoy_pct").to_pylist() == [pct(20)] * 3


def test_annual_reporters_side_by_side(engines):
    got = same_query(*engines, period="2025", reporter="USA,DEU", by="reporter", basis="value_usd",
                     measures=MONEY)  # fmt: skip
    rows = {r["reporter"]: r for r in got.to_pylist()}
    assert rows["DEU"]["value_usd"] == Decimal("134.00")  # 44 + 90
    assert rows["USA"]["yoy_pct"] == pct(10)  # 330 vs 300


def test_chapters_and_re_exports(engines):
    got = same_query(*engines, period="2025", reporter="DEU", product="85", basis="value_eur",
                     measures="value_eur,yoy_pct,share_pct")  # fmt: skip
    assert got.to_pylist() == [{"value_eur": Decimal("90.00"), "yoy_pct": pct(50),
                                "share_pct": pct(Fraction(90, 134) * 100)}]  # fmt: skip
    rx = same_query(*engines, period="2025-Q1", reporter="CHN", flow="re_export",
                    measures="value_cny,yoy_pct")  # fmt: skip
    assert rx.to_pylist() == [{"value_cny": Decimal("9.00"), "yoy_pct": pct(50)}]


def test_cumulative_difference(engines):
    # KOR Q2 = Jan-Jun - Jan-Mar: 2025 320 - 120 = 200; 2024 250 - 100 = 150.
    got = same_query(*engines, period="2025-Q2", reporter="KOR", by="partner", measures=MONEY,
                     basis="value_usd")  # fmt: skip
    assert got.column("value_usd").to_pylist() == [Decimal("200.00")]
    assert got.column("yoy_pct").to_pylist() == [pct(Fraction(200, 150) * 100 - 100)]


def test_balance_and_partners_growing_by_reporter(engines):
    same_query(*engines, period="2025-Q1", reporter="CHN", flow="balance",
               measures="value_cny,value_eur,yoy_pct")  # fmt: skip
    same_query(*engines, period="2025", reporter="USA,DEU", by="reporter", basis="value_usd",
               measures="partners,partners_growing,records")  # fmt: skip
