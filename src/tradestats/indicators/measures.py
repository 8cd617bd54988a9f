"""Aggregate cells and derived measures, as Ibis expressions (one function per measure kind).

Cells are the exact sums and counts a measure needs, computed with ``FILTER (WHERE ...)`` so
that current year, previous year and parent selections come out of one scan. Derived measures
are formulas over cells. Null rules (docs/indicators.md):

* sums of money are exact DECIMAL(38,2); an empty selection sums to 0, not NULL;
* ``yoy_pct`` is NULL when the base (previous-year value) is NULL, 0 or negative;
* ``share_pct`` is NULL when the parent is 0; ``share_change_pp`` when either share is NULL;
* ``contribution_pp`` is NULL when the parent's base is 0;
* every measure needing the previous year is NULL when the comparison period cannot be read.

A cumulative difference (Q2 = Jan-Jun - Jan-Mar) marks the subtracted rows (``Sides.neg``):
every sum negates them.

Ratios are float64, computed from the exact sums (one rounding, in the final division).

Example:
    >>> DERIVED[Measure.YOY_PCT].__name__
    'yoy_pct'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from tradestats.indicators.query import Basis, FlowSel, Measure
from tradestats.indicators.resolve import signed

MONEY = "decimal(38, 2)"


@dataclass(frozen=True)
class Sides:
    """Predicates marking current-year and previous-year rows (previous may be absent)."""

    cur: ir.BooleanValue
    prev: ir.BooleanValue | None
    neg: ir.BooleanValue | None = None  # rows subtracted (a cumulative difference)

    def value(self, t: ir.Table, col: str, flow: FlowSel) -> ir.NumericValue:
        """The money column as summed: negated for imports in a balance, and when subtracted."""
        return self.signed(signed(t, col, flow))

    def signed(self, v: ir.NumericValue) -> ir.NumericValue:
        """``v``, negated on subtracted rows."""
        return v if self.neg is None else ibis.cases((self.neg, -v), else_=v)


def _money(t: ir.Table, col: str, flow: FlowSel, where: ir.BooleanValue, sides: Sides) -> ir.Value:
    total = sides.value(t, col, flow).sum(where=where)
    return total.cast(MONEY).fill_null(ibis.literal(0).cast(MONEY))


def _and(side: ir.BooleanValue, where: ir.BooleanValue | None) -> ir.BooleanValue:
    return side if where is None else side & where


def selection_cells(
    t: ir.Table,
    where: ir.BooleanValue | None,
    sides: Sides,
    flow: FlowSel,
    basis: Basis,
    measures: tuple[Measure, ...],
    tag: str = "",
    with_distinct: bool = True,
) -> dict[str, ir.Value]:
    """The cells the measures of one selection need; names end in ``tag`` (without the
    distinct counts when ``with_distinct`` is False: see ``distinct_cells``)."""
    cur = _and(sides.cur, where)
    cells: dict[str, ir.Value] = {f"_b_cur{tag}": _money(t, basis.value, flow, cur, sides)}
    if sides.prev is not None:
        cells[f"_b_prev{tag}"] = _money(t, basis.value, flow, _and(sides.prev, where), sides)
    for col in (Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR):
        if col in measures and col.value != basis.value:
            cells[f"_{col.value}{tag}"] = _money(t, col.value, flow, cur, sides)
    if Measure.QUANTITY in measures:
        cells[f"_quantity{tag}"] = sides.signed(t.quantity).sum(where=cur)
    if Measure.RECORDS in measures or Measure.ENTERPRISES in measures:
        cells[f"_records{tag}"] = t.count(where=cur)
    distinct = distinct_cells(t, where, sides, measures, tag) if with_distinct else {}
    if Measure.ENTERPRISES in measures:
        if with_distinct:
            cells[f"_enterprises{tag}"] = distinct.pop(f"_enterprises{tag}")
        cells[f"_enterprise_ids{tag}"] = t.enterprise_id.count(where=cur)
    return cells | distinct


def distinct_cells(
    t: ir.Table,
    where: ir.BooleanValue | None,
    sides: Sides,
    measures: tuple[Measure, ...],
    tag: str = "",
) -> dict[str, ir.Value]:
    """The exact distinct counts the measures need (enterprises, partners).

    Kept apart so that a batch can compute them in an aggregate of their own: Spark expands
    every row once per distinct column for an aggregate mixing them with plain sums.
    """
    cur = _and(sides.cur, where)
    cells: dict[str, ir.Value] = {}
    if Measure.ENTERPRISES in measures:
        cells[f"_enterprises{tag}"] = t.enterprise_id.nunique(where=cur)
    if Measure.PARTNERS in measures:
        cells[f"_partners{tag}"] = t.partner.nunique(where=cur)
    return cells


def parent_cells(
    t: ir.Table,
    where: ir.BooleanValue | None,
    sides: Sides,
    flow: FlowSel,
    basis: Basis,
    tag: str = "",
) -> dict[str, ir.Value]:
    """Parent value in the current (and previous) year."""
    cells = {f"_p_cur{tag}": _money(t, basis.value, flow, _and(sides.cur, where), sides)}
    if sides.prev is not None:
        cells[f"_p_prev{tag}"] = _money(t, basis.value, flow, _and(sides.prev, where), sides)
    return cells


@dataclass(frozen=True)
class Row:
    """Aggregated columns a derived measure reads (one selection, one parent)."""

    a: ir.Table
    tag: str
    parent_tag: str
    basis: Basis
    prev_ok: bool

    def col(self, name: str, parent: bool = False) -> ir.Value:
        return self.a[f"{name}{self.parent_tag if parent else self.tag}"]

    def null(self) -> ir.Value:
        return ibis.null("float64")


def _ratio(num: ir.NumericValue, den: ir.NumericValue) -> ir.Value:
    """num / den * 100 as float64; NULL when den is NULL or <= 0 (growth on no base)."""
    value = num.cast("float64") / den.cast("float64") * 100
    return ibis.cases((den > 0, value), else_=ibis.null("float64"))


def value_cny(r: Row) -> ir.Value:
    return r.col("_b_cur") if r.basis is Basis.CNY else r.col("_value_cny")


def value_usd(r: Row) -> ir.Value:
    return r.col("_b_cur") if r.basis is Basis.USD else r.col("_value_usd")


def value_eur(r: Row) -> ir.Value:
    return r.col("_b_cur") if r.basis is Basis.EUR else r.col("_value_eur")


def quantity(r: Row) -> ir.Value:
    return r.col("_quantity")


def records(r: Row) -> ir.Value:
    return r.col("_records")


def enterprises(r: Row) -> ir.Value:
    return r.col("_enterprises")


def partners(r: Row) -> ir.Value:
    return r.col("_partners")


def yoy_pct(r: Row) -> ir.Value:
    """(V_t / V_t-1 - 1) x 100 = (V_t - V_t-1) / V_t-1 x 100."""
    if not r.prev_ok:
        return r.null()
    return _ratio(r.col("_b_cur") - r.col("_b_prev"), r.col("_b_prev"))


def share_pct(r: Row) -> ir.Value:
    """V_t / P_t x 100."""
    return _ratio(r.col("_b_cur"), r.col("_p_cur", parent=True))


def share_change_pp(r: Row) -> ir.Value:
    """s_t - s_t-1 in percentage points."""
    if not r.prev_ok:
        return r.null()
    before = _ratio(r.col("_b_prev"), r.col("_p_prev", parent=True))
    return share_pct(r) - before


def contribution_pp(r: Row) -> ir.Value:
    """(V_t - V_t-1) / P_t-1 x 100; sums over a partition of P to P's growth."""
    if not r.prev_ok:
        return r.null()
    return _ratio(r.col("_b_cur") - r.col("_b_prev"), r.col("_p_prev", parent=True))


DERIVED: dict[Measure, Callable[[Row], ir.Value]] = {
    Measure.VALUE_CNY: value_cny,
    Measure.VALUE_USD: value_usd,
    Measure.VALUE_EUR: value_eur,
    Measure.QUANTITY: quantity,
    Measure.RECORDS: records,
    Measure.ENTERPRISES: enterprises,
    Measure.PARTNERS: partners,
    Measure.YOY_PCT: yoy_pct,
    Measure.SHARE_PCT: share_pct,
    Measure.SHARE_CHANGE_PP: share_change_pp,
    Measure.CONTRIBUTION_PP: contribution_pp,
}
# partners_growing, growth_streak and rank need their own grouping: see plan.py and streak.py.
