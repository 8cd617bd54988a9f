"""January-February compared together, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import numpy as np
import pytest

from tradestats.seasonal.janfeb import jan_feb_table


def test_combined_growth_is_steady_when_single_months_swing() -> None:
    # 2023: festival 22 Jan (a weak January); 2024: 10 Feb (a weak February).
    months = ["2023-01", "2023-02", "2023-03", "2024-01", "2024-02", "2024-03"]
    values = [D("80.00"), D("120.00"), D("1"), D("130.00"), D("90.50"), D("1")]
    rows = jan_feb_table(months, values).to_pylist()
    assert [r["year"] for r in rows] == ["2023", "2024"]
    assert rows[1]["spring_festival"] == "2024-02-10"
    assert rows[1]["jan_feb"] == D("220.50")
    assert rows[1]["yoy_jan_pct"] == pytest.approx(62.5)  # 130 / 80 - 1
    assert rows[1]["yoy_feb_pct"] == pytest.approx(-24.583333333333)  # 90.5 / 120 - 1
    assert rows[1]["yoy_jan_feb_pct"] == pytest.approx(10.25)  # 220.5 / 200 - 1
    assert rows[0]["yoy_jan_feb_pct"] is None


def test_adjusted_sums_and_zero_bases() -> None:
    months = ["2023-01", "2023-02", "2024-01", "2024-02"]
    table = jan_feb_table(months, [D(0), D(0), D(5), D(5)], sa=np.array([1.0, 1.0, 1.5, 1.5]))
    rows = table.to_pylist()
    assert rows[1]["yoy_jan_feb_pct"] is None  # growth on a zero base is null
    assert rows[1]["sa_jan_feb"] == 3.0
    assert rows[1]["sa_yoy_jan_feb_pct"] == pytest.approx(50.0)
