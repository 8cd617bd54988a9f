"""Seasonal adjustment of a monthly series: calendar regression with ARIMA errors, then STL.

The method, in the order X-13ARIMA-SEATS and JDemetra+ use (pre-adjustment, then
decomposition), with statsmodels' well-kept parts (X-13's binary is not installable here):

1. Transform: logarithms when every value is positive (multiplicative model), else levels.
2. Calendar pre-adjustment: a regression with seasonal ARIMA errors (statsmodels ``SARIMAX``,
   the airline model (0,1,1)(0,1,1)12 by default) on the Spring Festival and trading-day
   regressors of ``calendar_effects``. Its coefficients, standard errors and p-values are kept.
3. Decomposition of the calendar-adjusted series with robust STL (period 12): seasonal,
   trend and irregular components.
4. Seasonally adjusted = original with the calendar and seasonal effects removed; trend = STL's.

Example:
    >>> import numpy as np
    >>> months = [f"{y}-{m:02d}" for y in range(2015, 2025) for m in range(1, 13)]
    >>> values = 100 * np.exp(0.1 * np.sin(np.arange(120) * np.pi / 6))
    >>> adj = adjust(months, values, Settings(spring_festival=False, trading_days=False))
    >>> bool(np.allclose(adj.sa, 100, rtol=0.01))
    True
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tradestats.errors import UsageError
from tradestats.seasonal.calendar_effects import (
    AFTER,
    BEFORE,
    spring_festival_regressor,
    trading_day_regressor,
)

MIN_MONTHS = 36  # three years: the fewest an airline model and STL can work with


@dataclass(frozen=True)
class Settings:
    """Choices of the adjustment (the defaults are what a customs series needs)."""

    spring_festival: bool = True
    trading_days: bool = True
    before: int = BEFORE  # days of the Spring Festival window before the festival
    after: int = AFTER  # days from the festival on
    log: bool | None = None  # None: logarithms when every value is positive
    order: tuple[int, int, int] = (0, 1, 1)
    seasonal_order: tuple[int, int, int] = (0, 1, 1)
    stl_seasonal: int = 13  # STL seasonal smoother length (odd, >= 7)


@dataclass(frozen=True)
class Coefficient:
    name: str
    estimate: float
    std_error: float
    p_value: float


@dataclass
class Adjustment:
    """Components of one series. Factors are ratios (multiplicative) or amounts (additive)."""

    months: list[str]
    original: np.ndarray
    calendar: np.ndarray  # calendar factor (x) or effect (+)
    seasonal: np.ndarray  # seasonal factor (x) or effect (+)
    sa: np.ndarray
    trend: np.ndarray
    irregular: np.ndarray
    multiplicative: bool
    coefficients: dict[str, Coefficient]
    settings: Settings
    residuals: np.ndarray  # one-step residuals of the regARIMA model (transformed scale)
    notes: list[str] = field(default_factory=list)

    def spring_festival_effect_pct(self) -> np.ndarray:
        """Per month, the Spring Festival effect in percent of the calendar-free level
        (0 outside January and February; multiplicative models only)."""
        coef = self.coefficients.get("spring_festival")
        if coef is None or not self.multiplicative:
            return np.zeros(len(self.months))
        reg = spring_festival_regressor(_year_months(self.months), **_window(self.settings))
        return (np.exp(coef.estimate * reg) - 1) * 100


def _year_months(months: Sequence[str]) -> list[tuple[int, int]]:
    return [(int(m[:4]), int(m[5:7])) for m in months]


def _window(s: Settings) -> dict[str, int]:
    return {"before": s.before, "after": s.after}


def regressors(months: Sequence[str], settings: Settings) -> tuple[list[str], np.ndarray | None]:
    """Names and matrix (months x regressors) of the calendar regressors asked for."""
    ym = _year_months(months)
    cols, names = [], []
    if settings.spring_festival:
        cols.append(spring_festival_regressor(ym, **_window(settings)))
        names.append("spring_festival")
    if settings.trading_days:
        cols.append(trading_day_regressor(ym))
        names.append("trading_days")
    return names, (np.column_stack(cols) if cols else None)


def _check(months: Sequence[str], values: np.ndarray) -> None:
    if len(months) != len(values):
        raise UsageError("months and values differ in length")
    if len(months) < MIN_MONTHS:
        raise UsageError(
            f"seasonal adjustment needs at least {MIN_MONTHS} consecutive months, got {len(months)}"
        )
    if not np.all(np.isfinite(values)):
        raise UsageError("the series has missing months or values; adjust a complete span")
    ym = _year_months(months)
    for (y0, m0), (y1, m1) in itertools.pairwise(ym):
        if (y1 * 12 + m1) - (y0 * 12 + m0) != 1:
            raise UsageError(f"the months are not consecutive: {y0}-{m0:02d} then {y1}-{m1:02d}")


def _regarima(z: np.ndarray, exog: np.ndarray | None, names: list[str], s: Settings) -> tuple:
    """Fit the regression with seasonal ARIMA errors; coefficients and residuals."""
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    notes: list[str] = []
    model = SARIMAX(z, exog=exog, order=s.order, seasonal_order=(*s.seasonal_order, 12))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)
        res = model.fit(disp=False, maxiter=200)
    if any(issubclass(w.category, ConvergenceWarning) for w in caught):
        notes.append("the regARIMA likelihood did not fully converge; read p-values with care")
    coefs = {}
    for i, name in enumerate(names):
        est, se, p = (float(np.asarray(x)[i]) for x in (res.params, res.bse, res.pvalues))
        coefs[name] = Coefficient(name, est, se, p)
    # The first 13 residuals absorb the differencing's diffuse start: leave them out.
    resid = np.asarray(res.resid)[1 + 12 :]
    return coefs, resid, notes


def adjust(
    months: Sequence[str], values: Sequence[float] | np.ndarray, settings: Settings | None = None
) -> Adjustment:
    """Seasonally adjust one monthly series (consecutive ``YYYY-MM`` months)."""
    from statsmodels.tsa.seasonal import STL

    s = settings or Settings()
    y = np.asarray(values, dtype=float)
    _check(months, y)
    mult = bool(np.all(y > 0)) if s.log is None else s.log
    if mult and not np.all(y > 0):
        raise UsageError("a multiplicative (log) adjustment needs every value above zero")
    z = np.log(y) if mult else y.copy()
    names, exog = regressors(months, s)
    coefs: dict[str, Coefficient] = {}
    resid = np.array([])
    notes: list[str] = []
    cal = np.zeros(len(z))
    if exog is not None:
        coefs, resid, notes = _regarima(z, exog, names, s)
        cal = exog @ np.array([coefs[n].estimate for n in names])
    zc = z - cal
    stl = STL(zc, period=12, seasonal=s.stl_seasonal, robust=True).fit()
    seas, trend, irr = (np.asarray(x) for x in (stl.seasonal, stl.trend, stl.resid))
    to = np.exp if mult else (lambda a: a)
    return Adjustment(
        months=list(months),
        original=y,
        calendar=to(cal),
        seasonal=to(seas),
        sa=to(zc - seas),
        trend=to(trend),
        irregular=to(irr),
        multiplicative=mult,
        coefficients=coefs,
        settings=s,
        residuals=resid,
        notes=notes,
    )
