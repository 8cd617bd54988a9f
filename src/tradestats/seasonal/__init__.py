"""Seasonal adjustment of monthly trade series, with the Spring Festival and trading days.

``adjust`` (regression with seasonal ARIMA errors for the calendar, then robust STL) gives the
seasonally adjusted and trend series; ``diagnostics`` tests for residual seasonality and
measures revisions; ``janfeb`` compares January and February together as customs does;
``series`` reads a monthly series from the engine. docs/seasonal.md explains the method.

Example:
    >>> from tradestats.seasonal import Settings, adjust               # doctest: +SKIP
    >>> adj = adjust(months, values, Settings(spring_festival=True))   # doctest: +SKIP
    >>> adj.coefficients["spring_festival"].estimate                   # doctest: +SKIP
"""

from tradestats.seasonal.adjust import Adjustment, Coefficient, Settings, adjust

__all__ = ["Adjustment", "Coefficient", "Settings", "adjust"]
