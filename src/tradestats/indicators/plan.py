"""Compile queries to Ibis expressions: a grouped plan (breakdowns) and a scalar batch.

The scalar batch answers many selections in ONE scan: every selection and parent becomes a set
of ``SUM(...) FILTER (WHERE ...)`` cells of a single aggregate, and each figure is a formula
over that one row. The grouped plan groups the selection by the breakdown keys and cross-joins
the (ungrouped) parent.

Example::

    expr, keys = grouped(records, query, ctx)
    expr = batch(records, [("exports.yoy", q1), ("imports.yoy", q2)], ctx)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from tradestats.indicators.dimensions import Keys
from tradestats.indicators.measures import (
    DERIVED,
    Row,
    Sides,
    distinct_cells,
    parent_cells,
    selection_cells,
)
from tradestats.indicators.periods import Period
from tradestats.indicators.query import NEEDS_PARENT, Measure, Query, Selection
from tradestats.indicators.reference_api import ReferenceLike
from tradestats.indicators.resolve import (
    Resolver,
    any_of,
    flow_pred,
    in_periods,
    isin,
    reporter_in,
)
from tradestats.indicators.scope import Reading, Route
from tradestats.indicators.tiling import Piece


@dataclass(frozen=True)
class PeriodContext:
    """The resolved reporting period, its comparison period and how the store is read."""

    cur: Period
    prev: Period
    reading: Reading
    ref: ReferenceLike

    @property
    def prev_ok(self) -> bool:
        """Whether the comparison period can be read (else measures needing it are NULL)."""
        return self.reading.prev_ok

    def periods(self, with_prev: bool) -> list[str]:
        """Stored periods to read."""
        return self.reading.periods(with_prev and self.prev_ok)

    def resolver(self, with_prev: bool = True) -> Resolver:
        periods = self.periods(with_prev)
        return Resolver(self.ref, self.cur.end_date(), periods, self.reading.exact)

    def rows(self, t: ir.Table, with_prev: bool) -> ir.BooleanValue:
        """Rows the query reads at all (either side)."""
        if self.reading.simple():
            return in_periods(t.period, self.periods(with_prev), False)
        sides = self.sides(t, with_prev)
        return sides.cur if sides.prev is None else sides.cur | sides.prev

    def sides(self, t: ir.Table, with_prev: bool) -> Sides:
        """Predicates of the current and previous-year rows, and of subtracted rows."""
        cur = self._side(t, [(r, r.cur) for r in self.reading.routes])
        prev = None
        if with_prev and self.prev_ok:
            prev = self._side(t, [(r, r.prev or ()) for r in self.reading.routes])
        negatives = self.reading.negatives()
        return Sides(cur, prev, isin(t.period, negatives) if negatives else None)

    def _side(self, t: ir.Table, parts: list[tuple[Route, tuple[Piece, ...]]]) -> ir.BooleanValue:
        preds = []
        for route, pieces in parts:
            pred = in_periods(t.period, [p.period for p in pieces], self.reading.exact)
            if route.reporters is not None:
                pred = reporter_in(t, route.reporters) & pred
            preds.append(pred)
        return any_of(preds)


def _join_on(left: ir.Table, right: ir.Table, keys: Sequence[str]) -> ir.Table:
    if not keys:
        return left.cross_join(right)
    preds = [left[k].identical_to(right[k]) for k in keys]  # NULL keys are a group too
    return left.left_join(right, preds).drop(*(f"{k}_right" for k in keys))


def _growing(s: ir.Table, q: Query, keys: list[str], sides: Sides) -> ir.Table:
    """Per key: partners traded in both years whose value grew (yoy > 0)."""
    flow, col = q.selection.flow, q.basis.value
    inner = [*keys, *([] if "partner" in keys else ["partner"])]
    assert sides.prev is not None
    v = sides.value(s, col, flow)
    per = s.group_by(inner).aggregate(_c=v.sum(where=sides.cur), _p=v.sum(where=sides.prev))
    grew = ibis.cases(((per._p > 0) & (per._c > per._p), 1), else_=0)
    by = per.group_by(keys) if keys else per
    return by.aggregate(partners_growing=grew.sum().cast("int64"))


def grouped(t: ir.Table, q: Query, ctx: PeriodContext) -> tuple[ir.Table, list[str]]:
    """The query as one expression; returns it with the key column names."""
    with_prev = q.needs_previous()
    resolver = ctx.resolver(with_prev)
    base = t.filter(ctx.rows(t, with_prev))
    s = Keys(resolver, q.selection, ctx.cur).apply(
        base.filter(resolver.selection(base, q.selection)), q.by
    )
    keys = [d.value for d in q.by]
    sides = ctx.sides(s, with_prev)
    cells = selection_cells(s, None, sides, q.selection.flow, q.basis, q.measures)
    a = s.group_by(keys).aggregate(**cells) if keys else s.aggregate(**cells)
    if NEEDS_PARENT & set(q.measures):
        per = ["reporter"] if q.per_reporter_parent() else []
        parent = _parent(base, q.parent_selection(), q, ctx, resolver, with_prev, per)
        a = _join_on(a, parent, per)
    if Measure.PARTNERS_GROWING in q.measures and sides.prev is not None:
        a = _join_on(a, _growing(s, q, keys, sides), keys)
    return _finish(a, q, keys, ctx), keys


def _parent(
    base: ir.Table,
    sel: Selection,
    q: Query,
    ctx: PeriodContext,
    res: Resolver,
    with_prev: bool,
    keys: list[str],
) -> ir.Table:
    """The parent's cells, per reporter (``keys``) or as one row."""
    p = base.filter(res.selection(base, sel))
    sides = ctx.sides(p, with_prev)
    cells = parent_cells(p, None, sides, sel.flow, q.basis)
    return p.group_by(keys).aggregate(**cells) if keys else p.aggregate(**cells)


def _finish(a: ir.Table, q: Query, keys: list[str], ctx: PeriodContext) -> ir.Table:
    row = Row(a, "", "", q.basis, ctx.prev_ok)
    cols: dict[str, ir.Value] = {}
    for m in q.measures:
        if m in DERIVED:
            cols[m.value] = DERIVED[m](row)
        elif m is Measure.PARTNERS_GROWING:
            cols[m.value] = a.partners_growing if ctx.prev_ok else ibis.null("int64")
        elif m is Measure.GROWTH_STREAK:
            cols[m.value] = ibis.null("int64")  # filled in by the engine (streak.py)
        elif m is Measure.RANK:
            cols[m.value] = (ibis.rank().over(order_by=ibis.desc(a._b_cur)) + 1).cast("int64")
    out = a.mutate(**cols)
    if q.top is not None:
        out = out.order_by([ibis.desc(out._b_cur), *keys]).limit(q.top)
    elif keys:
        out = out.order_by(keys)
    wanted: list[str] = [m.value for m in q.measures if m.value in cols]
    if Measure.ENTERPRISES in q.measures:
        # Hidden check columns: enterprises need ids (see Engine._check_ids); dropped there.
        wanted += [CHECK_RECORDS, CHECK_IDS]
        out = out.mutate(**{CHECK_RECORDS: out._records, CHECK_IDS: out._enterprise_ids})
    return out.select(*keys, *wanted)


# -- the scalar batch: many figures, one scan --------------------------------------------------

BATCHABLE = frozenset(DERIVED)
CHECK_RECORDS, CHECK_IDS = "__records", "__enterprise_ids"


def batchable(q: Query) -> bool:
    """Whether ``q`` can join a scalar batch (no breakdown, plain cells only)."""
    return not q.by and q.top is None and all(m in BATCHABLE for m in q.measures)


def batch(t: ir.Table, items: Sequence[tuple[str, Query]], ctx: PeriodContext) -> ir.Table:
    """One row; column ``NAME`` (one measure) or ``NAME:measure`` (several) per item."""
    with_prev = any(q.needs_previous() for _, q in items)
    resolver = ctx.resolver(with_prev)
    tags: dict[tuple[Selection, str], str] = {}

    def tag(sel: Selection, basis: str) -> str:
        return tags.setdefault((sel, basis), f"_{len(tags)}")

    for _, q in items:
        tag(q.selection, q.basis.value)
        if NEEDS_PARENT & set(q.measures):
            tag(q.parent_selection(), q.basis.value)
    base = t.filter(ctx.rows(t, with_prev))
    if all(sel.filters() for sel, _ in tags):  # else every row of the flows is needed anyway
        base = base.filter(any_of(resolver.selection(base, sel) for sel, _ in tags))
    else:
        base = base.filter(any_of(flow_pred(base, sel.flow) for sel, _ in tags))
    # Each distinct selection and side is evaluated once per row, as a boolean column; the
    # many FILTER clauses then only read those columns (DuckDB does not share them itself).
    flags = {f"_in{i}": resolver.selection(base, sel) for i, sel in enumerate(dict.fromkeys(
        sel for sel, _ in tags))}  # fmt: skip
    flag_of = {sel: f"_in{i}" for i, sel in enumerate(dict.fromkeys(sel for sel, _ in tags))}
    s = ctx.sides(base, with_prev)
    side_cols = {"_cur": s.cur, "_prev": s.prev, "_neg": s.neg}
    base = base.mutate(**{k: v for k, v in side_cols.items() if v is not None}, **flags)
    sides = Sides(
        base._cur,
        base._prev if s.prev is not None else None,
        base._neg if s.neg is not None else None,
    )
    cells: dict[str, ir.Value] = {}
    distinct: dict[str, ir.Value] = {}
    for _, q in items:
        sel, parent, basis = q.selection, q.parent_selection(), q.basis
        where, t = base[flag_of[sel]], tag(sel, basis)
        cells |= selection_cells(base, where, sides, sel.flow, basis, q.measures, t, False)
        distinct |= distinct_cells(base, where, sides, q.measures, t)
        if NEEDS_PARENT & set(q.measures):
            pw = base[flag_of[parent]]
            cells |= parent_cells(base, pw, sides, parent.flow, basis, tag(parent, basis))
    a = base.aggregate(**cells)
    if distinct:  # exact distinct counts in an aggregate of their own (see distinct_cells)
        a = a.cross_join(base.aggregate(**distinct))
    out: dict[str, ir.Value] = {}
    for name, q in items:
        row = Row(a, tag(q.selection, q.basis.value), "", q.basis, ctx.prev_ok)
        if NEEDS_PARENT & set(q.measures):
            row = Row(a, row.tag, tag(q.parent_selection(), q.basis.value), q.basis, ctx.prev_ok)
        for m in q.measures:
            out[name if len(q.measures) == 1 else f"{name}:{m.value}"] = DERIVED[m](row)
        if Measure.ENTERPRISES in q.measures:
            out[f"{CHECK_RECORDS}:{name}"] = row.col("_records")
            out[f"{CHECK_IDS}:{name}"] = row.col("_enterprise_ids")
    return a.select(**out)
