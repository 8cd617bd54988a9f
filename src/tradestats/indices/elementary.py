"""Elementary aggregates of the unit-value indices: value and quantity per code, unit, partner.

The engine's query model has no breakdown by unit of quantity (never add kilograms to
litres), so this is the one place where the indices read the store below the engine: one
grouped scan over the backend's ``records`` table of the store's live files. It is small on
purpose so that the engine can take it over (a ``by=unit`` breakdown would make it a query).

Only declaration lines with a positive quantity, a unit and a value in the basis currency
enter; pre-aggregated rows (product_level set) and re-exports/re-imports (of-which items) do not.

Example:
    >>> cells = elementary_cells(Engine("demo-store"), parse_span("2024..2025"),
    ...                          chain="year")                          # doctest: +SKIP
    >>> cells.columns.tolist()                                          # doctest: +SKIP
    ['period', 'flow', 'hs_code', 'unit', 'partner', 'value', 'quantity', 'lines']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tradestats.errors import UsageError
from tradestats.spans import Span

FLOWS = ("export", "import")
BASES = ("value_cny", "value_usd", "value_eur")


def elementary_expr(records: Any, months: list[str], chain: str, basis: str) -> Any:
    """The Ibis expression of the elementary aggregation (period is the month or the year)."""
    t = records
    ok = (
        t.period.isin(months)
        & t.flow.isin(list(FLOWS))
        & (t.product_level.isnull() | (t.product_level == ""))
        & t.quantity.notnull()
        & (t.quantity > 0)
        & t.unit.notnull()
        & (t.unit != "")
        & t[basis].notnull()
    )
    t = t.filter(ok)
    period = t.period.substr(0, 4) if chain == "year" else t.period
    t = t.mutate(period=period)
    return t.group_by(["period", "flow", "hs_code", "unit", "partner"]).aggregate(
        value=t[basis].sum(), quantity=t.quantity.sum(), lines=t.count()
    )


def elementary_cells(
    engine: Any,
    span: Span,
    chain: str = "month",
    basis: str = "value_cny",
    as_of: str | None = None,
) -> pd.DataFrame:
    """Elementary aggregates of ``span`` from the engine's store, as a pandas DataFrame.

    Values and quantities are exact sums (Decimal); ``period`` is ``YYYY-MM`` (monthly chain)
    or ``YYYY`` (annual chain, whole years only).
    """
    if chain not in ("month", "year"):
        raise UsageError(f"unknown chain {chain!r}", hint="month or year")
    if basis not in BASES:
        raise UsageError(f"unknown basis {basis!r}", hint=", ".join(BASES))
    sp = span.within(engine.store.periods(as_of=as_of))
    if chain == "year" and len(sp.months) % 12:
        raise UsageError("an annual chain needs whole years", hint="e.g. --period 2019..2025")
    files = engine.store.data_files(periods=list(sp.months), as_of=as_of)
    records = engine.backend.records(files)
    table = engine.backend.execute(elementary_expr(records, list(sp.months), chain, basis))
    # In a fixed order: the backend returns groups in any order, and the float sums of the
    # formulas would then differ in their last digits from run to run.
    keys = ["period", "flow", "hs_code", "unit", "partner"]
    cells: pd.DataFrame = table.to_pandas()
    return cells.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)


__all__ = ["elementary_cells", "elementary_expr"]
