"""The Spring Festival table, checked against astronomy rather than against its own source.

The table was made with the ``holidays`` library (scripts/build_spring_festival.py). Here each
date is checked independently: the Chinese New Year is the day, in Beijing time (UTC+8), of a
new moon; that new moon falls between 21 January and 20 February. New moons are computed with
Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49 (accurate to about a minute).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tradestats.errors import UsageError
from tradestats.seasonal.calendar_effects import (
    FIRST_YEAR,
    LAST_YEAR,
    festival_dates,
    festival_shares,
    spring_festival,
)

# (coefficient, powers of E, multiples of M, M', F, Omega) of Meeus' table 49.A, new moon
_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0), (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0), (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0), (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0), (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0), (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0), (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0), (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0), (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)  # fmt: skip
J2000 = dt.datetime(2000, 1, 1, 12)  # JDE 2451545.0


def new_moon(k: int) -> dt.datetime:
    """Instant (TT, close enough to UTC here) of lunation ``k`` counted from January 2000."""
    t = k / 1236.85
    jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t**2 - 0.00000015 * t**3
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    m = math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t**2)
    mp = math.radians(201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3)
    f = math.radians(160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3)
    om = math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t**2)
    jde += sum(
        c * e**pe * math.sin(a * m + b * mp + g * f + o * om) for c, pe, a, b, g, o in _TERMS
    )
    return J2000 + dt.timedelta(days=jde - 2451545.0)


def beijing_new_moon_days(year: int) -> dict[dt.date, dt.datetime]:
    """Beijing dates of the new moons of January-March of ``year`` -> their Beijing instant."""
    k0 = math.floor((year - 2000) * 12.3685) - 1
    out = {}
    for k in range(k0, k0 + 5):
        when = new_moon(k) + dt.timedelta(hours=8)
        out[when.date()] = when
    return out


def test_the_table_covers_1990_to_2050_once_each() -> None:
    assert sorted(festival_dates()) == list(range(FIRST_YEAR, LAST_YEAR + 1))


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_each_festival_is_the_day_of_a_new_moon_in_beijing(year: int) -> None:
    day = spring_festival(year)
    assert dt.date(year, 1, 21) <= day <= dt.date(year, 2, 20)
    moons = beijing_new_moon_days(year)
    near = [d for d, when in moons.items() if abs((d - day).days) <= 1]
    assert near, f"{year}: no new moon near {day}"
    if day not in moons:  # only a new moon within minutes of Beijing midnight may disagree
        when = moons[near[0]]
        midnight = dt.datetime.combine(max(near[0], day), dt.time())
        assert abs((when - midnight).total_seconds()) < 600, (year, day, when)


def test_known_recent_festivals() -> None:
    # Public knowledge, not from the table's source: 10 Feb 2024, 29 Jan 2025, 17 Feb 2026.
    assert spring_festival(2024) == dt.date(2024, 2, 10)
    assert spring_festival(2025) == dt.date(2025, 1, 29)
    assert spring_festival(2026) == dt.date(2026, 2, 17)


def test_a_year_outside_the_table_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="1990-2050"):
        spring_festival(2051)


def test_window_shares_by_hand() -> None:
    # 2024: festival 10 Feb; a 10-before/7-from window runs 31 Jan - 16 Feb (17 days).
    jan, feb = festival_shares(2024, before=10, after=7)
    assert (jan, feb) == (1 / 17, 16 / 17)
    # 2023: festival 22 Jan; the window 12 Jan - 28 Jan lies in January.
    assert festival_shares(2023) == (1.0, 0.0)
