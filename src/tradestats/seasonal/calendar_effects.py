"""Calendar regressors of the seasonal adjustment: the Spring Festival and trading days.

The Spring Festival (Chinese New Year) moves between 21 January and 20 February. Factories and
ports slow down for days before it and for a week or more after it, so the month that holds
that window loses trade and the neighbouring month gains. The effect is modelled as X-13's
``genhol`` does for moving holidays: a window of ``before`` days before the festival and
``after`` days from it on; the regressor of a month is the share of the window that falls in
that month, minus the long-run mean of that share for the same calendar month (1990-2050), so
that the regressor holds only what moves from year to year and the fixed part stays in the
seasonal factor.

Trading days: one contrast regressor (X-13's ``td1coef``): weekdays minus 5/2 times weekend
days in the month, minus its long-run mean for that calendar month.

Dates come from ``data/spring_festival.tsv`` (made by scripts/build_spring_festival.py).

Example:
    >>> spring_festival(2025)
    datetime.date(2025, 1, 29)
    >>> [round(v, 3) for v in festival_shares(2025, before=10, after=7)]   # 19 Jan - 4 Feb
    [0.765, 0.235]
    >>> [round(v, 3) for v in festival_shares(2026, before=10, after=7)]
    [0.0, 1.0]
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from functools import cache
from importlib import resources

import numpy as np

from tradestats.errors import UsageError

FIRST_YEAR, LAST_YEAR = 1990, 2050
BEFORE, AFTER = 10, 7  # default window: 10 days before the festival, the festival and 6 after


@cache
def festival_dates() -> dict[int, dt.date]:
    """Year -> Spring Festival date, read from the package's table (checked on load)."""
    text = resources.files("tradestats.seasonal").joinpath("data/spring_festival.tsv")
    out: dict[int, dt.date] = {}
    lines = text.read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines if ln and not ln.startswith("#")]
    if rows[0] != "year\tdate":
        raise ValueError("spring_festival.tsv: header must be 'year<TAB>date'")
    for i, line in enumerate(rows[1:], start=2):
        year_text, date_text = line.split("\t")
        day = dt.date.fromisoformat(date_text)
        year = int(year_text)
        if (
            day.year != year
            or year in out
            or not dt.date(year, 1, 21) <= day <= dt.date(year, 2, 20)
        ):
            raise ValueError(f"spring_festival.tsv row {i}: bad or repeated date {line!r}")
        out[year] = day
    return out


def spring_festival(year: int) -> dt.date:
    """The Spring Festival of ``year``; UsageError outside the table's years."""
    dates = festival_dates()
    if year not in dates:
        raise UsageError(
            f"no Spring Festival date for {year}",
            hint=f"the table covers {FIRST_YEAR}-{LAST_YEAR}",
        )
    return dates[year]


def festival_shares(year: int, before: int = BEFORE, after: int = AFTER) -> tuple[float, float]:
    """Shares of the holiday window (``before`` days before, ``after`` days from the festival
    on) that fall in January and in February of ``year`` (the window never leaves them for
    windows under three weeks; a part in December or March is dropped and said so by the sum)."""
    day = spring_festival(year)
    start = day - dt.timedelta(days=before)
    days = [start + dt.timedelta(days=i) for i in range(before + after)]
    n = len(days)
    jan = sum(1 for d in days if d.month == 1 and d.year == year) / n
    feb = sum(1 for d in days if d.month == 2) / n
    return jan, feb


@cache
def _festival_means(before: int, after: int) -> tuple[float, float]:
    shares = np.array([festival_shares(y, before, after) for y in range(FIRST_YEAR, LAST_YEAR + 1)])
    jan, feb = shares.mean(axis=0)
    return float(jan), float(feb)


def spring_festival_regressor(
    months: list[tuple[int, int]], before: int = BEFORE, after: int = AFTER
) -> np.ndarray:
    """The centred Spring Festival regressor for each (year, month).

    >>> r = spring_festival_regressor([(2025, 1), (2025, 2), (2025, 3)])
    >>> float(r[2]), bool(r[0] > 0 > r[1])
    (0.0, True)
    """
    if before < 0 or after < 1 or before + after > 28:
        raise UsageError("the Spring Festival window needs 0-27 days before and 1-28 after")
    jan_mean, feb_mean = _festival_means(before, after)
    out = np.zeros(len(months))
    for i, (year, month) in enumerate(months):
        if month in (1, 2):
            jan, feb = festival_shares(year, before, after)
            out[i] = jan - jan_mean if month == 1 else feb - feb_mean
    return out


def _td_contrast(year: int, month: int) -> float:
    days = _cal.monthrange(year, month)[1]
    weekend = sum(1 for d in range(1, days + 1) if dt.date(year, month, d).weekday() >= 5)
    return (days - weekend) - 2.5 * weekend


@cache
def _td_means() -> tuple[float, ...]:
    # The Gregorian calendar repeats every 400 years: its exact long-run mean per month.
    return tuple(
        float(np.mean([_td_contrast(y, m) for y in range(2000, 2400)])) for m in range(1, 13)
    )


def trading_day_regressor(months: list[tuple[int, int]]) -> np.ndarray:
    """Weekdays - 5/2 weekend days of each (year, month), minus its long-run monthly mean.

    >>> bool(trading_day_regressor([(2025, 3)])[0] < 0)   # March 2025 had 10 weekend days
    True
    """
    means = _td_means()
    return np.array([_td_contrast(y, m) - means[m - 1] for y, m in months])
