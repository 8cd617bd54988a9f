"""Monthly series from the engine, and the tables of an adjustment.

``monthly_series`` asks the engine for one measure by month, one engine period per year of the
span, and checks that every month is there. ``components_table`` lays an adjustment out as the
CLI prints it. ``tradestats query --by month --seasonal sa|trend`` goes through the engine
instead (``tradestats.seasonal.answer``).

Example:
    >>> from tradestats.engine import Engine                             # doctest: +SKIP
    >>> months, values = monthly_series(Engine("store/"), "2015..2025",
    ...                                 measure="value_cny", flow="export")  # doctest: +SKIP
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from tradestats.errors import UsageError
from tradestats.indicators.query import SEASONAL_MEASURES
from tradestats.seasonal.adjust import Adjustment
from tradestats.spans import parse_span

SERIES_MEASURES = SEASONAL_MEASURES  # the measures an adjustment applies to


def monthly_series(
    engine: Any, span: str, measure: str = "value_cny", flow: str = "export", **filters: Any
) -> tuple[list[str], list[Decimal | int]]:
    """Months and values of ``measure`` over ``span`` (the engine's exact figures).

    A month with no record of the selection is a zero; a month the store does not hold is an
    error (an adjustment needs a complete span).
    """
    if measure not in SERIES_MEASURES:
        raise UsageError(
            f"cannot adjust the measure {measure!r}", hint=f"one of {', '.join(SERIES_MEASURES)}"
        )
    sp = parse_span(span).within(engine.store.periods())
    found: dict[str, Any] = {}
    for period in sp.engine_periods():
        table = engine.query(period=period, flow=flow, by="month", measures=measure, **filters)
        for row in table.to_pylist():
            found[row["month"]] = row[measure]
    values = [found.get(m) for m in sp.months]
    return list(sp.months), [v if v is not None else Decimal(0) for v in values]


def components_table(a: Adjustment) -> pa.Table:
    """One row per month: original, calendar and seasonal factors, SA, trend, irregular."""
    kind = "factor" if a.multiplicative else "effect"
    return pa.table(
        {
            "month": a.months,
            "original": pa.array(a.original, pa.float64()),
            f"calendar_{kind}": pa.array(a.calendar, pa.float64()),
            f"seasonal_{kind}": pa.array(a.seasonal, pa.float64()),
            "seasonally_adjusted": pa.array(a.sa, pa.float64()),
            "trend": pa.array(a.trend, pa.float64()),
            f"irregular_{kind}": pa.array(a.irregular, pa.float64()),
            "spring_festival_effect_pct": pa.array(a.spring_festival_effect_pct(), pa.float64()),
        }
    )


def one_column(a: Adjustment, which: str) -> pa.Table:
    """``month`` and one series: ``sa`` (seasonally adjusted) or ``trend``."""
    series = {"sa": a.sa, "trend": a.trend}
    if which not in series:
        raise UsageError(f"unknown series {which!r}", hint="sa or trend")
    name = "seasonally_adjusted" if which == "sa" else "trend"
    return pa.table({"month": a.months, name: pa.array(series[which], pa.float64())})
