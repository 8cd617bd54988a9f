"""Aggregate cells over the cube, as Ibis expressions: the exact sums and counts figures need.

Cells are computed with ``FILTER (WHERE ...)`` so that current year, previous year and parent
selections come out of one aggregate. The figures themselves (growth, shares, ...) are formulas
over cells, computed exactly in ``derive.py``. Null rules (docs/indicators.md):

* sums of money are exact DECIMAL(38,2); an empty selection sums to 0, not NULL;
* a cumulative difference (Q2 = Jan-Jun - Jan-Mar) marks the subtracted rows (``Sides.neg``):
  every sum negates them.

Cell names: ``_b_cur`` / ``_b_prev`` (the basis, current and previous year), ``_p_cur`` /
``_p_prev`` (the parent), ``_value_usd`` ... (other currencies), ``_quantity``, ``_records``,
``_enterprise_ids`` (rows with an id), ``_enterprises`` and ``_partners`` (distinct counts);
each name ends in the plan's tag for its selection (a batch holds many selections).

Example:
    >>> CELLS["basis_current"]
    '_b_cur'
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from tradestats.indicators.query import (
    QUANTITY_GROWTH,
    QUANTITY_MEASURES,
    VALUATIONS,
    Basis,
    FlowSel,
    Measure,
)
from tradestats.indicators.resolve import signed

MONEY = "decimal(38, 2)"
CELLS = {
    "basis_current": "_b_cur", "basis_previous": "_b_prev",
    "parent_current": "_p_cur", "parent_previous": "_p_prev",
}  # fmt: skip
NO_UNIT = "(no unit)"
OTHER_MONEY = (
    Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR, Measure.VALUE_CIF_USD,
    Measure.VALUE_FOB_USD,
)  # fmt: skip


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
) -> dict[str, ir.Value]:
    """The cube cells the measures of one selection need; names end in ``tag``."""
    cur = _and(sides.cur, where)
    cells: dict[str, ir.Value] = {f"_b_cur{tag}": _money(t, basis.value, flow, cur, sides)}
    if sides.prev is not None:
        cells[f"_b_prev{tag}"] = _money(t, basis.value, flow, _and(sides.prev, where), sides)
    for col in OTHER_MONEY:
        if col in measures and col.value != basis.value:
            cells[f"_{col.value}{tag}"] = _money(t, col.value, flow, cur, sides)
    asked = {m.value for m in measures}
    for name in VALUATIONS:  # rows without the valuation, counted (derive.py refuses them)
        if name == basis.value or name in asked:
            rows = cur
            if name == basis.value and sides.prev is not None:
                rows = cur | _and(sides.prev, where)
            cells[f"{missing(name)}{tag}"] = t[missing(name)].sum(where=rows).fill_null(0)
    if QUANTITY_MEASURES & set(measures):
        cells |= _quantity_cells(t, sides, flow, basis, measures, cur, where, tag)
    if Measure.NET_WEIGHT_KG in measures:
        cells[f"_net_weight{tag}"] = sides.signed(t.net_weight_kg).sum(where=cur)
    if Measure.RECORDS in measures or Measure.ENTERPRISES in measures:
        cells[f"_records{tag}"] = t._n.sum(where=cur).fill_null(0).cast("int64")
    if Measure.ENTERPRISES in measures:
        cells[f"_enterprise_ids{tag}"] = t._nid.sum(where=cur).fill_null(0).cast("int64")
    return cells


def missing(column: str) -> str:
    """The cube column counting the rows where ``column`` (a valuation) is NULL.

    >>> missing("value_cif_usd")
    '_nv_value_cif_usd'
    """
    return f"_nv_{column}"


def quantified(column: str) -> str:
    """The cube column of ``column`` summed over rows with a quantity.

    >>> quantified("value_usd")
    '_q_value_usd'
    """
    return f"_q_{column}"


def _quantity_cells(
    t: ir.Table,
    sides: Sides,
    flow: FlowSel,
    basis: Basis,
    measures: tuple[Measure, ...],
    cur: ir.BooleanValue,
    where: ir.BooleanValue | None,
    tag: str,
) -> dict[str, ir.Value]:
    """Quantities, the value of the rows that carry one (a unit value's numerator: a row with a
    value and no quantity would raise it), and the lowest and highest unit summed, which tell
    whether a figure would add different units (derive.py refuses then). Growth also needs
    the previous year's, in the same unit."""
    sides_of = [("", cur)]
    if QUANTITY_GROWTH & set(measures) and sides.prev is not None:
        sides_of.append(("_prev", _and(sides.prev, where)))
    cells: dict[str, ir.Value] = {}
    unit = t.unit.fill_null(NO_UNIT)
    for side, pred in sides_of:
        cells[f"_quantity{side}{tag}"] = sides.signed(t.quantity).sum(where=pred)
        with_qty = pred & t.quantity.notnull()
        cells[f"_unit_lo{side}{tag}"] = unit.min(where=with_qty)
        cells[f"_unit_hi{side}{tag}"] = unit.max(where=with_qty)
        # The cube sums the value of the rows with a quantity apart (``Cube._sums``).
        cells[f"_q_value{side}{tag}"] = _money(t, quantified(basis.value), flow, pred, sides)
    return cells


def distinct_cells(
    t: ir.Table, where: ir.BooleanValue | None, measures: tuple[Measure, ...], tag: str = ""
) -> dict[str, ir.Value]:
    """Distinct enterprises and partners, counted on the records (distinct counts are not
    additive, so the cube cannot give them); ``where`` None when the rows are already the
    reporting period's."""
    cells: dict[str, ir.Value] = {}
    if Measure.ENTERPRISES in measures:
        cells[f"_enterprises{tag}"] = t.enterprise_id.nunique(where=where)
    if Measure.PARTNERS in measures:
        cells[f"_partners{tag}"] = t.partner.nunique(where=where)
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
