"""Figures from cells, computed exactly: growth, shares, percentage points, contributions.

The backends return exact cells (DECIMAL(38,2) sums, integer counts); every ratio is computed
here, in decimal arithmetic with 60 significant digits, and kept with 20 decimals
(``RATIO_TYPE``). Publication rounding (half-up to one decimal) of the kept value is then the
rounding of the true value: a ratio of sums in cents lies at least 1 / (20 x base) away from a
half-way point unless it is on one, which is more than the 5e-21 the 20 decimals can move it
for any base below 10^17 units of money. DuckDB and Spark give the same cells, so the same
figures.

Null rules (docs/indicators.md):

* ``yoy_pct`` is NULL when the base (previous-year value) is NULL, 0 or negative;
* ``share_pct`` is NULL when the parent is 0; ``share_change_pp`` when either share is NULL;
* ``contribution_pp`` is NULL when the parent's base is 0;
* every measure needing the previous year is NULL when the comparison period cannot be read.

Example:
    >>> ratio(Decimal("3.85"), Decimal("100"))
    Decimal('3.85000000000000000000')
    >>> yoy(Decimal("103.85"), Decimal("100"))
    Decimal('3.85000000000000000000')
    >>> ratio(Decimal(1), Decimal(0)) is None
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Any

import pyarrow as pa

from tradestats.errors import Unsupported, UsageError
from tradestats.indicators.query import VALUATIONS, Basis, Measure

RATIO_SCALE = 20
RATIO_TYPE = pa.decimal128(38, RATIO_SCALE)
MONEY_TYPE = pa.decimal128(38, 2)
_EXACT = Context(prec=60, rounding=ROUND_HALF_EVEN)
_QUANTUM = Decimal(1).scaleb(-RATIO_SCALE)
_LIMIT = Decimal(10) ** (38 - RATIO_SCALE)
HUNDRED = Decimal(100)


def _div(num: Decimal, den: Decimal) -> Decimal:
    return _EXACT.divide(_EXACT.multiply(num, HUNDRED), den)


def _keep(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if abs(value) >= _LIMIT:
        raise Unsupported(
            f"a ratio of {value:.3e} percent is too large to state exactly (its base is tiny)",
            hint="ask for the values instead, or a coarser selection",
        )
    return value.quantize(_QUANTUM, context=_EXACT)


def _share(num: Decimal | None, den: Decimal | None) -> Decimal | None:
    """num / den x 100 unrounded; NULL when den is NULL or <= 0."""
    if num is None or den is None or den <= 0:
        return None
    return _div(num, den)


def ratio(num: Decimal | None, den: Decimal | None) -> Decimal | None:
    """num / den x 100, kept to 20 decimals; NULL when den is NULL or <= 0."""
    return _keep(_share(num, den))


def yoy(cur: Decimal | None, prev: Decimal | None) -> Decimal | None:
    """(V_t / V_t-1 - 1) x 100 = (V_t - V_t-1) / V_t-1 x 100."""
    if cur is None:
        return None
    return ratio(cur - (prev or 0), prev)


def share_change(
    cur: Decimal | None, parent: Decimal | None, prev: Decimal | None, parent_prev: Decimal | None
) -> Decimal | None:
    """s_t - s_t-1 in percentage points (both shares exact, one rounding).

    >>> share_change(Decimal(30), Decimal(100), Decimal(20), Decimal(80))
    Decimal('5.00000000000000000000')
    """
    now, before = _share(cur, parent), _share(prev, parent_prev)
    return None if now is None or before is None else _keep(now - before)


def contribution(
    cur: Decimal | None, prev: Decimal | None, parent_prev: Decimal | None
) -> Decimal | None:
    """(V_t - V_t-1) / P_t-1 x 100; sums over a partition of P to P's growth."""
    if cur is None:
        return None
    return ratio(cur - (prev or 0), parent_prev)


@dataclass(frozen=True)
class Cells:
    """The cells of one selection (names ending in ``tag``) and its parent (``parent_tag``)."""

    columns: dict[str, list[Any]]
    tag: str
    parent_tag: str
    basis: Basis
    prev_ok: bool
    rows: int

    def get(self, name: str, parent: bool = False) -> list[Any]:
        key = f"{name}{self.parent_tag if parent else self.tag}"
        return self.columns.get(key) or [None] * self.rows


def _money_col(c: Cells, measure: Measure) -> pa.Array:
    name = "_b_cur" if c.basis.value == measure.value else f"_{measure.value}"
    return pa.array(c.get(name), MONEY_TYPE)


def _ratios(values: Sequence[Decimal | None]) -> pa.Array:
    return pa.array(list(values), RATIO_TYPE)


def _counts(values: Sequence[Any]) -> pa.Array:
    return pa.array([None if v is None else int(v) for v in values], pa.int64())


def _yoy(c: Cells) -> pa.Array:
    if not c.prev_ok:
        return pa.nulls(c.rows, RATIO_TYPE)
    return _ratios([yoy(a, b) for a, b in zip(c.get("_b_cur"), c.get("_b_prev"), strict=True)])


def _share_pct(c: Cells) -> pa.Array:
    pairs = zip(c.get("_b_cur"), c.get("_p_cur", parent=True), strict=True)
    return _ratios([ratio(a, p) for a, p in pairs])


def _share_change(c: Cells) -> pa.Array:
    if not c.prev_ok:
        return pa.nulls(c.rows, RATIO_TYPE)
    cols = (c.get("_b_cur"), c.get("_p_cur", True), c.get("_b_prev"), c.get("_p_prev", True))
    return _ratios([share_change(*v) for v in zip(*cols, strict=True)])


def _contribution(c: Cells) -> pa.Array:
    if not c.prev_ok:
        return pa.nulls(c.rows, RATIO_TYPE)
    cols = (c.get("_b_cur"), c.get("_b_prev"), c.get("_p_prev", True))
    return _ratios([contribution(*v) for v in zip(*cols, strict=True)])


def _column(name: str, kind: Callable[[Sequence[Any]], pa.Array]) -> Callable[[Cells], pa.Array]:
    return lambda c: kind(c.get(name))


QUANTITY_TYPE = pa.decimal128(38, 3)


def _units(c: Cells, growth: bool = False) -> None:
    """Refuse a figure that would add different units (kg and m3), or, for growth, compare a
    quantity in one unit with a quantity in another a year earlier."""
    cols = [c.get("_unit_lo"), c.get("_unit_hi")]
    if growth:
        cols += [c.get("_unit_lo_prev"), c.get("_unit_hi_prev")]
    for row in zip(*cols, strict=True):
        lo, hi = row[0], row[1]
        if lo is not None and lo != hi:
            raise Unsupported(
                f"the quantities asked for are in different units ({lo} and {hi}, at least),"
                " which are never added together",
                hint="break down by unit (by=unit), or select products of one unit",
            )
        if growth and row[2] is not None and lo is not None and {row[2], row[3]} != {lo}:
            before = row[2] if row[2] != lo else row[3]
            raise Unsupported(
                f"the quantities asked for are in {lo} now and in {before} a year earlier,"
                " which cannot be compared",
                hint="break down by unit (by=unit), or select products of one unit",
            )


def unit_value(value: Decimal | None, quantity: Decimal | None) -> Decimal | None:
    """value / quantity, kept to 20 decimals; NULL when the quantity is NULL or <= 0.

    >>> unit_value(Decimal("1000.00"), Decimal("7.5"))
    Decimal('133.33333333333333333333')
    """
    if value is None or quantity is None or quantity <= 0:
        return None
    return _keep(_EXACT.divide(value, quantity))


def unit_value_growth(
    value: Decimal | None,
    quantity: Decimal | None,
    value_prev: Decimal | None,
    quantity_prev: Decimal | None,
) -> Decimal | None:
    """(UV_t / UV_t-1 - 1) x 100 from the exact sums (never from rounded unit values); NULL
    when either unit value is NULL or the base is 0.

    >>> unit_value_growth(Decimal(110), Decimal(10), Decimal(100), Decimal(10))
    Decimal('10.00000000000000000000')
    """
    now, before = unit_value(value, quantity), unit_value(value_prev, quantity_prev)
    if now is None or before is None or before <= 0:
        return None
    assert value is not None and quantity is not None and quantity_prev is not None
    assert value_prev is not None
    num = _EXACT.multiply(value, quantity_prev)
    den = _EXACT.multiply(value_prev, quantity)
    return _keep(_EXACT.subtract(_div(num, den), HUNDRED))


def _quantity(c: Cells) -> pa.Array:
    """Summed quantities; refused where a figure would add different units (kg and m3)."""
    _units(c)
    return pa.array(c.get("_quantity"), QUANTITY_TYPE)


def _unit_value(c: Cells) -> pa.Array:
    """The basis value of the rows with a quantity over that quantity, in one unit."""
    _units(c)
    pairs = zip(c.get("_q_value"), c.get("_quantity"), strict=True)
    return _ratios([unit_value(v, q) for v, q in pairs])


def _quantity_yoy(c: Cells) -> pa.Array:
    if not c.prev_ok:
        return pa.nulls(c.rows, RATIO_TYPE)
    _units(c, growth=True)
    return _ratios(
        [yoy(a, b) for a, b in zip(c.get("_quantity"), c.get("_quantity_prev"), strict=True)]
    )


def _unit_value_yoy(c: Cells) -> pa.Array:
    if not c.prev_ok:
        return pa.nulls(c.rows, RATIO_TYPE)
    _units(c, growth=True)
    cols = (c.get("_q_value"), c.get("_quantity"), c.get("_q_value_prev"), c.get("_quantity_prev"))
    return _ratios([unit_value_growth(*v) for v in zip(*cols, strict=True)])


def _plain(name: str) -> Callable[[Cells], pa.Array]:
    """A column the plan computes itself (partners growing, rank); NULL without a base."""

    def build(c: Cells) -> pa.Array:
        if name == "partners_growing" and not c.prev_ok:
            return pa.nulls(c.rows, pa.int64())
        return _counts(c.columns.get(name) or [None] * c.rows)

    return build


# Every measure kind has one entry: an unmapped measure is an error (see ``derive``).
DERIVE: dict[Measure, Callable[[Cells], pa.Array]] = {
    Measure.VALUE_CNY: lambda c: _money_col(c, Measure.VALUE_CNY),
    Measure.VALUE_USD: lambda c: _money_col(c, Measure.VALUE_USD),
    Measure.VALUE_EUR: lambda c: _money_col(c, Measure.VALUE_EUR),
    Measure.VALUE_CIF_USD: lambda c: _money_col(c, Measure.VALUE_CIF_USD),
    Measure.VALUE_FOB_USD: lambda c: _money_col(c, Measure.VALUE_FOB_USD),
    Measure.QUANTITY: _quantity,
    Measure.UNIT_VALUE: _unit_value,
    Measure.QUANTITY_YOY_PCT: _quantity_yoy,
    Measure.UNIT_VALUE_YOY_PCT: _unit_value_yoy,
    Measure.NET_WEIGHT_KG: lambda c: pa.array(c.get("_net_weight"), QUANTITY_TYPE),
    Measure.RECORDS: _column("_records", _counts),
    Measure.ENTERPRISES: _column("_enterprises", _counts),
    Measure.PARTNERS: _column("_partners", _counts),
    Measure.YOY_PCT: _yoy,
    Measure.SHARE_PCT: _share_pct,
    Measure.SHARE_CHANGE_PP: _share_change,
    Measure.CONTRIBUTION_PP: _contribution,
    Measure.PARTNERS_GROWING: _plain("partners_growing"),
    Measure.RANK: _plain("rank"),
    Measure.GROWTH_STREAK: lambda c: pa.nulls(c.rows, pa.int64()),  # filled by streak.py
}


def _valued(c: Cells, measures: Sequence[Measure]) -> None:
    """Refuse a CIF or FOB figure over rows without that valuation: they would be left out of
    it, and they are never filled from value_usd (another valuation of the same trade)."""
    for col in VALUATIONS:
        if col != c.basis.value and col not in {m.value for m in measures}:
            continue
        lacking = sum(int(n or 0) for n in c.get(f"_nv_{col}"))
        if lacking:
            kind = col.split("_")[1].upper()
            raise Unsupported(
                f"{lacking} of the rows read have no {col} (the source gave no {kind} value"
                f" for them); a {kind} figure would leave them out, and value_usd is another"
                " valuation, never mixed in",
                hint=f"select rows valued {kind} (a source and flows that give it), or use"
                " basis and measure value_usd",
            )


def derive(cells: Cells, measures: Sequence[Measure]) -> dict[str, pa.Array]:
    """Each measure's column from the cells, in the order asked."""
    _valued(cells, measures)
    out = {}
    for m in measures:
        build = DERIVE.get(m)
        if build is None:
            raise UsageError(f"internal error: no rule derives the measure {m.value!r}")
        out[m.value] = build(cells)
    return out


def per_partner_cells(per: pa.Table, tag: str, prev_ok: bool) -> dict[str, list[Any]]:
    """Partner counts from per-partner sums (rows ``_n``, values ``_c`` this period and ``_p``
    a year earlier): partners with records, and those traded in both years that grew."""
    rows = per.to_pylist()
    traded = sum(1 for r in rows if r["_n"])
    cells: dict[str, list[Any]] = {f"_partners{tag}": [traded]}
    if prev_ok:
        grew = sum(1 for r in rows if (r.get("_p") or 0) > 0 and (r["_c"] or 0) > r["_p"])
        cells["partners_growing"] = [grew]
    return cells
