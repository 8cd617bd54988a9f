"""Synthetic monthly series whose components are known, for the adjustment tests."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import numpy as np

from tradestats.seasonal.calendar_effects import spring_festival

# A fixed seasonal pattern in logs (sums to zero): a low February, a high December run-up.
PATTERN = np.array([0.02, -0.08, 0.03, 0.0, 0.01, 0.03, 0.04, 0.02, 0.0, -0.03, 0.0, -0.04])
PATTERN = PATTERN - PATTERN.mean()
FESTIVAL_COEF = -0.3  # the Spring Festival effect (logs) of the store in conftest.py


def months(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]


@dataclass
class Known:
    months: list[str]
    values: np.ndarray
    sa: np.ndarray  # the series without seasonal and calendar effects
    calendar: np.ndarray  # the true calendar factor of each month


def daily_series(first: int, last: int, drop: float, seed: int = 1) -> Known:
    """Trade made day by day: a smooth level, a weekly rhythm (weekends at 40 %), the monthly
    pattern, and a holiday that cuts daily trade by ``drop`` (e.g. 0.6) for the 7 days before the
    festival and the 10 days from it on. Written independently of the package's regressors:
    the true calendar factor of a month is its trade over the same month's trade without the
    holiday."""
    rng = np.random.default_rng(seed)
    ms = months(first, last)
    values, plain, level = [], [], []
    for i, m in enumerate(ms):
        y, mo = int(m[:4]), int(m[5:])
        base = 1e6 * np.exp(0.003 * i + 0.04 * np.sin(i / 15)) / 30
        sf = spring_festival(y)
        off = {sf + dt.timedelta(days=d) for d in range(-7, 10)}
        tot = free = 0.0
        for d in range(1, calendar.monthrange(y, mo)[1] + 1):
            day = dt.date(y, mo, d)
            w = 0.4 if day.weekday() >= 5 else 1.0
            free += base * w
            tot += base * w * ((1 - drop) if day in off else 1.0)
        values.append(tot)
        plain.append(free)
        level.append(base * 30.4375 * (5 + 2 * 0.4) / 7)
    noise = np.exp(rng.normal(0, 0.01, len(ms)))
    seas = np.exp(np.tile(PATTERN, len(ms) // 12))
    v = np.array(values) * seas * noise
    return Known(ms, v, np.array(level) * noise, np.array(values) / np.array(plain))
