"""The engine's answer to a query with ``seasonal=sa|trend``: its monthly series, adjusted.

A seasonal query is one selection broken down by month over a span of months that may cross
years (``2015..2025``). The recorded series is asked of the engine one engine period (a year)
at a time, exactly; each measure is then calendar and seasonally adjusted with the default
``Settings`` (Spring Festival and trading days; ``tradestats seasonal`` offers the others), and
the answer has, per measure, the recorded column and a ``<measure>_sa`` or ``<measure>_trend``
column (float64: an adjusted figure is an estimate, not a sum of records).

Example:
    >>> from tradestats.engine import Engine                                 # doctest: +SKIP
    >>> Engine("store/").query(period="2015..2025", flow="export", by="month",
    ...                        seasonal="sa").column_names  # doctest: +SKIP
    ['month', 'value_cny', 'value_cny_sa']
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa

from tradestats.errors import BadParameter
from tradestats.indicators.query import Query, Seasonal
from tradestats.seasonal.adjust import MIN_MONTHS, Adjustment, Settings, adjust
from tradestats.spans import Span, parse_span

SUFFIXES = {Seasonal.SA: "_sa", Seasonal.TREND: "_trend"}


def span_of(engine: Any, q: Query) -> Span:
    """The months of a seasonal query, every one stored, at least ``MIN_MONTHS`` of them."""
    span = parse_span(q.period).within(engine.store.periods(as_of=q.as_of))
    if len(span.months) < MIN_MONTHS:
        raise BadParameter(
            "period",
            f"a seasonal adjustment needs {MIN_MONTHS} months at least; "
            f"{span.label} has {len(span.months)}",
            hint="give a span of years, such as 2015..2025",
        )
    return span


def series_answer(engine: Any, q: Query) -> pa.Table:
    """``month``, then per measure its recorded column and its adjusted one (see the module)."""
    span = span_of(engine, q)
    plain = replace(q, seasonal=Seasonal.NONE)
    found: dict[str, dict[str, Any]] = {}
    schema: pa.Schema | None = None
    for period in span.engine_periods():
        part = engine.query(replace(plain, period=period))
        schema = part.schema
        for row in part.to_pylist():
            found[row["month"]] = row
    assert schema is not None  # a span has one engine period at least
    suffix = SUFFIXES[q.seasonal]
    columns: dict[str, pa.Array] = {"month": pa.array(span.months, pa.string())}
    for m in q.measures:
        kind = schema.field(m.value).type
        zero = Decimal(0) if pa.types.is_decimal(kind) else 0
        # A month the selection has no record in is a zero flow (the store holds the month).
        held = (found.get(month, {}).get(m.value) for month in span.months)
        recorded = [zero if v is None else v for v in held]
        columns[m.value] = pa.array(recorded, kind)
        values = tuple(float(v) for v in recorded)
        adj = adjusted(span.months, values, Settings())
        series = adj.sa if q.seasonal is Seasonal.SA else adj.trend
        columns[m.value + suffix] = pa.array(np.asarray(series, dtype=float), pa.float64())
    return pa.table(columns)


@lru_cache(maxsize=64)
def adjusted(months: tuple[str, ...], values: tuple[float, ...], settings: Settings) -> Adjustment:
    """The adjustment of one series, kept: a regARIMA fit costs seconds, and a dashboard asks
    for the same series again (keyed by its values, so a changed store is a new series)."""
    return adjust(list(months), np.array(values), settings)
