"""Seasonal adjustment on series whose components are known.

Tolerances (docs/seasonal.md): with the model's own kind of calendar effect, the adjusted series
is recovered within 3 % in every month and 0.5 % on average, and the Spring Festival coefficient
within 20 %. With trade simulated day by day (a holiday cut, weekends, noise: not the model's
regressor), the year-to-year January/February swing is recovered with a slope within 20 % of 1,
and the adjusted series within 2.5 % outside January-February, 8 % inside, 1 % on average.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tradestats.errors import UsageError
from tradestats.seasonal import Settings, adjust
from tradestats.seasonal import diagnostics as diag
from tradestats.seasonal.adjust import regressors

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import PATTERN, daily_series, months

BETA_SF, BETA_TD = -0.30, 0.004


@pytest.fixture(scope="module")
def regression_case() -> tuple[list[str], np.ndarray, np.ndarray, object]:
    ms = months(2010, 2024)
    n = len(ms)
    rng = np.random.default_rng(7)
    _, x = regressors(ms, Settings())
    trend = np.log(1000) + 0.004 * np.arange(n) + 0.05 * np.sin(np.arange(n) / 20)
    noise = rng.normal(0, 0.01, n)
    z = trend + np.tile(PATTERN, n // 12) + BETA_SF * x[:, 0] + BETA_TD * x[:, 1] + noise
    values = np.exp(z)
    return ms, values, np.exp(trend + noise), adjust(ms, values)


def test_spring_festival_coefficient_within_20_percent(regression_case) -> None:
    *_, adj = regression_case
    est = adj.coefficients["spring_festival"].estimate
    assert abs(est / BETA_SF - 1) < 0.20
    assert adj.coefficients["spring_festival"].p_value < 0.01
    assert abs(adj.coefficients["trading_days"].estimate / BETA_TD - 1) < 0.20


def test_adjusted_series_recovers_the_known_one(regression_case) -> None:
    _, _, truth, adj = regression_case
    err = np.abs(adj.sa / truth - 1)
    assert err.max() < 0.03
    assert err.mean() < 0.005


def test_original_is_adjusted_times_factors(regression_case) -> None:
    _, values, _, adj = regression_case
    np.testing.assert_allclose(adj.sa * adj.seasonal * adj.calendar, values, rtol=1e-12)


def test_no_residual_seasonality_after_adjustment(regression_case) -> None:
    *_, adj = regression_case
    found = {(t.test, t.series): t for t in diag.tests(adj)}
    assert found[("Kruskal-Wallis", "original")].p_value < 0.01
    assert found[("Kruskal-Wallis", "seasonally adjusted")].p_value > 0.05
    assert found[("QS", "seasonally adjusted")].p_value > 0.05


@pytest.fixture(scope="module")
def daily_case():
    known = daily_series(2010, 2024, drop=0.6)
    return known, adjust(known.months, known.values, Settings(before=7, after=10))


def _jan_feb_swing(cal: np.ndarray, ms: list[str]) -> np.ndarray:
    jan = [i for i, m in enumerate(ms) if m.endswith("-01")]
    d = np.array([np.log(cal[i] / cal[i + 1]) for i in jan])
    return d - d.mean()  # the fixed part of the swing is seasonal, not calendar


def test_daily_simulation_spring_festival_effect_within_20_percent(daily_case) -> None:
    known, adj = daily_case
    est, true = (
        _jan_feb_swing(adj.calendar, known.months),
        _jan_feb_swing(known.calendar, known.months),
    )
    slope = float(est @ true / (true @ true))
    assert 0.8 < slope < 1.2
    assert np.abs(est - true).max() < 0.08


def test_daily_simulation_adjusted_series(daily_case) -> None:
    known, adj = daily_case
    ratio = adj.sa / known.sa
    err = np.abs(ratio / np.median(ratio) - 1)  # the level convention is free: compare shapes
    jf = np.array([m[5:] in ("01", "02") for m in known.months])
    assert err[~jf].max() < 0.025
    assert err[jf].max() < 0.08
    assert err.mean() < 0.01


def test_without_the_festival_regressor_january_february_go_wrong(daily_case) -> None:
    known, _ = daily_case
    adj = adjust(known.months, known.values, Settings(spring_festival=False))
    ratio = adj.sa / known.sa
    err = np.abs(ratio / np.median(ratio) - 1)
    assert err.max() > 0.2


def test_series_with_negative_values_are_adjusted_additively() -> None:
    ms = months(2015, 2022)
    n = len(ms)
    rng = np.random.default_rng(2)
    seas = np.tile(PATTERN * 100, n // 12)
    values = -20 + 0.1 * np.arange(n) + seas + rng.normal(0, 0.5, n)
    adj = adjust(ms, values, Settings(spring_festival=False, trading_days=False))
    assert not adj.multiplicative
    np.testing.assert_allclose(adj.sa + adj.seasonal + adj.calendar, values, rtol=1e-12)
    truth = -20 + 0.1 * np.arange(n)
    assert np.abs(adj.sa - truth).max() < 3.0
    with pytest.raises(UsageError, match="above zero"):
        adjust(ms, values, Settings(log=True))


def test_too_short_or_broken_series_are_refused() -> None:
    with pytest.raises(UsageError, match="at least 36"):
        adjust(months(2020, 2021), np.ones(24))
    ms = months(2018, 2021)
    del ms[5]
    with pytest.raises(UsageError, match="not consecutive"):
        adjust(ms, np.ones(len(ms)))
    with pytest.raises(UsageError, match="missing"):
        adjust(months(2018, 2021), np.r_[np.ones(47), np.nan])


def test_revisions_of_the_last_points(regression_case) -> None:
    ms, values, _, adj = regression_case
    table = diag.revisions(ms, values, adj, n=2)
    assert table.column("month").to_pylist() == ms[-2:]
    assert table.column("sa_final").to_pylist() == pytest.approx(list(adj.sa[-2:]), rel=1e-12)
    last = table.to_pylist()[-1]
    assert last["revision_pct"] == pytest.approx(0.0, abs=1e-9)  # the last month is concurrent
    assert all(abs(r) < 3 for r in table.column("revision_pct").to_pylist())
