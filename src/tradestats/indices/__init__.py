"""Unit-value price and volume indices of exports and imports, and the terms of trade.

Elementary aggregates (value and quantity per HS code, unit and partner) from the store
(``elementary``), formulas and trimming (``formulas``), chain-linking (``compute``), groups
(``groups``). docs/indices.md explains the method (IMF Export and Import Price Index Manual).

Example:
    >>> from tradestats.engine import Engine                              # doctest: +SKIP
    >>> compute_indices(Engine("demo-store"), "2024..2025", base="2024",
    ...                 by="hs_section", chain="month")                   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tradestats.errors import UsageError
from tradestats.indices.compute import Trim, chain_indices, terms_of_trade
from tradestats.indices.elementary import elementary_cells
from tradestats.indices.formulas import Formula
from tradestats.indices.groups import add_group, parse_by
from tradestats.spans import parse_span

__all__ = ["Formula", "Trim", "base_periods", "compute_indices"]


def base_periods(base: str | None, periods: list[str], chain: str) -> list[str]:
    """The periods whose mean index is 100: a year (its months on a monthly chain) or a month.

    >>> base_periods("2024", ["2024-01", "2024-02", "2025-01"], "month")
    ['2024-01', '2024-02']
    >>> base_periods(None, ["2024", "2025"], "year")
    ['2024']
    """
    if base is None:
        return periods[:1]
    found = [p for p in periods if p == base or (chain == "month" and p[:4] == base)]
    if not found:
        raise UsageError(f"the base {base!r} is not in the span", hint=f"{periods[0]} ...")
    return found


def compute_indices(
    engine: Any,
    span: str,
    formula: Formula | str = Formula.FISHER,
    base: str | None = None,
    by: str | None = None,
    chain: str = "month",
    basis: str = "value_cny",
    trim: Trim | None = None,
    terms: bool = False,
    as_of: str | None = None,
) -> pa.Table:
    """Value, price and volume indices per flow and group (or the terms of trade)."""
    sp = parse_span(span)
    keys = parse_by(by)
    cells = elementary_cells(engine, sp, chain=chain, basis=basis, as_of=as_of)
    if cells.empty:
        raise UsageError(f"no declaration lines with quantities in {sp.label}")
    periods = list(sp.months) if chain == "month" else [str(y) for y in sp.years()]
    for k in keys:
        cells = add_group(cells, k, engine.reference, sp.months[-1])
    f = Formula(formula) if isinstance(formula, str) else formula
    table = chain_indices(cells, periods, f, base_periods(base, periods, chain), keys, trim)
    return terms_of_trade(table, keys) if terms else table
