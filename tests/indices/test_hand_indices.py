"""Index formulas worked by hand: three goods, two periods.

    good  p0  q0   p1   q1    v0  v1
    A     2   10   3    8     20  24
    B     5   4    4    6     20  24
    C     1   50   1.5  40    50  60

Laspeyres sum(p1 q0) / sum(p0 q0) = (30 + 16 + 75) / (20 + 20 + 50) = 121 / 90
Paasche   sum(p1 q1) / sum(p0 q1) = (24 + 24 + 60) / (16 + 30 + 40) = 108 / 86
Fisher    sqrt(121 / 90 * 108 / 86);  value index 108 / 90 = 1.2;  volume = value / price
"""

from __future__ import annotations

import math
from decimal import Decimal as D

import pandas as pd
import pytest

from tradestats.indices.compute import Trim, chain_indices, link
from tradestats.indices.formulas import Formula

LASPEYRES = 121 / 90
PAASCHE = 108 / 86
FISHER = math.sqrt(121 / 90 * 108 / 86)


def cells() -> pd.DataFrame:
    rows = [
        ("2025-01", "A", D("20.00"), D("10")), ("2025-01", "B", D("20.00"), D("4")),
        ("2025-01", "C", D("50.00"), D("50")), ("2025-02", "A", D("24.00"), D("8")),
        ("2025-02", "B", D("24.00"), D("6")), ("2025-02", "C", D("60.00"), D("40")),
    ]  # fmt: skip
    return pd.DataFrame(
        [
            {"period": p, "flow": "export", "hs_code": f"0000000{g}", "unit": "kg",
             "partner": "USA", "value": v, "quantity": q, "lines": 1}
            for p, g, v, q in rows
        ]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("formula", "expected"),
    [(Formula.LASPEYRES, LASPEYRES), (Formula.PAASCHE, PAASCHE), (Formula.FISHER, FISHER)],
)
def test_three_goods_two_periods(formula: Formula, expected: float) -> None:
    c = cells()
    lk = link(c[c.period == "2025-01"], c[c.period == "2025-02"], formula, Trim())
    assert lk.price == pytest.approx(expected, abs=1e-9)
    assert lk.value == pytest.approx(1.2, abs=1e-12)
    assert (lk.matched, lk.trimmed, lk.coverage_pct) == (3, 0, 100.0)


@pytest.mark.parametrize("formula", list(Formula))
def test_indices_rebased_and_value_is_price_times_volume(formula: Formula) -> None:
    t = chain_indices(cells(), ["2025-01", "2025-02"], formula).to_pylist()
    first, second = t
    assert (first["price_index"], first["value_index"], first["volume_index"]) == (100, 100, 100)
    expected = {"laspeyres": LASPEYRES, "paasche": PAASCHE, "fisher": FISHER}[formula.value]
    assert second["price_index"] == pytest.approx(100 * expected, abs=1e-7)
    assert second["value_index"] == pytest.approx(120.0, abs=1e-12)
    assert second["volume_index"] == pytest.approx(120 / expected, abs=1e-7)
    assert second["price_index"] * second["volume_index"] / 100 == pytest.approx(
        second["value_index"], rel=1e-14
    )


def test_base_is_the_mean_of_the_base_periods() -> None:
    t = chain_indices(cells(), ["2025-01", "2025-02"], Formula.FISHER, base=["2025-01", "2025-02"])
    prices = t.column("price_index").to_pylist()
    assert sum(prices) / 2 == pytest.approx(100.0, abs=1e-12)
    assert prices[1] / prices[0] == pytest.approx(FISHER, abs=1e-12)


def test_an_outlying_relative_is_trimmed_and_stays_in_the_value() -> None:
    c = cells()
    extra = [  # good D: unit value 1 -> 40, a coding error in quantity
        {"period": "2025-01", "flow": "export", "hs_code": "0000000D", "unit": "kg",
         "partner": "USA", "value": D("10.00"), "quantity": D("10"), "lines": 1},
        {"period": "2025-02", "flow": "export", "hs_code": "0000000D", "unit": "kg",
         "partner": "USA", "value": D("12.00"), "quantity": D("0.3"), "lines": 1},
    ]  # fmt: skip
    c = pd.concat([c, pd.DataFrame(extra)], ignore_index=True)
    lk = link(c[c.period == "2025-01"], c[c.period == "2025-02"], Formula.FISHER, Trim())
    assert (lk.matched, lk.trimmed) == (4, 1)
    assert lk.price == pytest.approx(FISHER, abs=1e-9)  # as without D
    assert lk.value == pytest.approx(120 / 100, abs=1e-12)  # (108 + 12) / (90 + 10)
    assert lk.coverage_pct == pytest.approx(108 / 120 * 100)


def test_same_code_in_two_units_is_two_items() -> None:
    c = cells()
    c.loc[c.hs_code.str.endswith("A") & (c.period == "2025-02"), "unit"] = "u"
    lk = link(c[c.period == "2025-01"], c[c.period == "2025-02"], Formula.LASPEYRES, Trim())
    assert lk.matched == 2  # A in kg then in items does not match
    assert lk.price == pytest.approx((16 + 75) / (20 + 50), abs=1e-9)
