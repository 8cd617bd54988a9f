"""Compile queries to Ibis expressions over a cube: a grouped plan (breakdowns) and a batch.

Both plans read the records once into a small cube (``cube.py``: classes instead of codes) and
compute exact *cells* over it; ``derive.py`` turns cells into figures. The batch answers many
selections in ONE scan: every selection and parent becomes a set of ``SUM(...) FILTER (WHERE
...)`` cells of a single aggregate over the cube. The grouped plan groups the cube by the
breakdown keys and cross-joins the (ungrouped) parent. Distinct enterprises are counted on the
records themselves, beside the cube.

Example::

    plan = grouped(records, query, ctx, tools)
    plan = batch(records, [("exports.yoy", q1), ("imports.yoy", q2)], ctx, tools)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import ibis
import ibis.expr.types as ir

from tradestats.indicators.cube import Codes, Cube, Needs, Register
from tradestats.indicators.dimensions import Keys
from tradestats.indicators.measures import (
    Sides,
    distinct_cells,
    parent_cells,
    selection_cells,
)
from tradestats.indicators.periods import Period
from tradestats.indicators.query import (
    NEEDS_PARENT,
    QUANTITY_MEASURES,
    FlowSel,
    Measure,
    Query,
    Selection,
)
from tradestats.indicators.reference_api import ReferenceLike
from tradestats.indicators.resolve import (
    Resolver,
    any_of,
    flow_pred,
    in_months,
    in_periods,
    isin,
    reporter_in,
    signed,
)
from tradestats.indicators.scope import Reading, Route
from tradestats.indicators.tiling import Piece

MONEY_MEASURES = (
    Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR, Measure.VALUE_CIF_USD,
    Measure.VALUE_FOB_USD,
)  # fmt: skip
FLOWS_READ = {FlowSel.TOTAL: ("export", "import"), FlowSel.BALANCE: ("export", "import")}
DISTINCT = (Measure.ENTERPRISES, Measure.PARTNERS)


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

    def needs_reporter(self) -> bool:
        """Whether rows must be told apart by reporter (several reporters read differently)."""
        return any(r.reporters is not None for r in self.reading.routes)

    def _side(self, t: ir.Table, parts: list[tuple[Route, tuple[Piece, ...]]]) -> ir.BooleanValue:
        preds = []
        for route, pieces in parts:
            pred = in_periods(t.period, [p.period for p in pieces], self.reading.exact)
            if route.reporters is not None:
                pred = reporter_in(t, route.reporters) & pred
            preds.append(pred)
        return any_of(preds)


@dataclass(frozen=True)
class Tools:
    """What a plan needs from the engine: the HS codes of the files, and a way to register the
    small code tables with the backend."""

    codes: Codes
    register: Register
    world: Callable[[], bool] = lambda: False  # do the files hold World rows (declared totals)?


@dataclass(frozen=True)
class Plan:
    """A compiled plan: the expression of its cells, the breakdown keys and the cube it reads."""

    expr: ir.Table
    keys: list[str]
    cube: Cube


def needs_of(queries: Sequence[Query], ctx: PeriodContext) -> Needs:
    """Columns the cube must sum and keep for ``queries``."""
    money = {q.basis.value for q in queries}
    money |= {m.value for q in queries for m in q.measures if m in MONEY_MEASURES}
    measures = {m for q in queries for m in q.measures}
    return Needs(
        money=tuple(sorted(money)),
        quantity=bool(QUANTITY_MEASURES & measures),
        weight=Measure.NET_WEIGHT_KG in measures,
        ids=Measure.ENTERPRISES in measures,
        partner=Measure.PARTNERS_GROWING in measures,
        reporter=ctx.needs_reporter() or any(q.per_reporter_parent() for q in queries),
    )


def _flows(t: ir.Table, sels: Sequence[Selection]) -> ir.BooleanValue:
    """Rows of any flow the selections read (total and balance read exports and imports)."""
    flows = {f for s in sels for f in FLOWS_READ.get(s.flow, (s.flow.value,))}
    return isin(t.flow, flows)


def _selections(q: Query) -> list[Selection]:
    sels = [q.selection]
    if NEEDS_PARENT & set(q.measures):
        sels.append(q.parent_selection())
    return sels


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


def grouped(t: ir.Table, q: Query, ctx: PeriodContext, tools: Tools) -> Plan:
    """The cells of ``q``, one row per breakdown key."""
    with_prev = q.needs_previous()
    sels = _selections(q)
    needs = needs_of([q], ctx)
    cube = Cube.plan(
        ctx.resolver(with_prev), sels, q.by, needs, tools.codes, declared=tools.world()
    )
    small = cube.build(t, ctx.rows(t, with_prev) & _flows(t, sels), tools.register)
    key_cols = Keys(cube, ctx.cur, tools.register)
    # Per-partner measures need the partners' rows: no declared total for those.
    declare = cube.declares(q.selection, q.by) and Measure.PARTNERS_GROWING not in q.measures
    s = key_cols.apply(small.filter(cube.selection(small, q.selection, world=declare)), q.by)
    keys = [d.value for d in q.by]
    if declare:
        s = cube.declared_totals(s, keys)
    sides = ctx.sides(s, with_prev)
    cells = selection_cells(s, None, sides, q.selection.flow, q.basis, q.measures)
    a = s.group_by(keys).aggregate(**cells) if keys else s.aggregate(**cells)
    if set(DISTINCT) & set(q.measures):
        a = _join_on(a, _distinct(t, cube, q.selection, q, ctx, tools, key_cols), keys)
    if NEEDS_PARENT & set(q.measures):
        per = ["reporter"] if q.per_reporter_parent() else []
        parent = q.parent_selection()
        p = small.filter(cube.selection(small, parent, world=True))
        if cube.declares(parent):
            p = cube.declared_totals(p, per)
        pcells = parent_cells(p, None, ctx.sides(p, with_prev), parent.flow, q.basis)
        a = _join_on(a, p.group_by(per).aggregate(**pcells) if per else p.aggregate(**pcells), per)
    if Measure.PARTNERS_GROWING in q.measures and sides.prev is not None:
        a = _join_on(a, _growing(s, q, keys, sides), keys)
    return Plan(_order(a, q, keys), keys, cube)


def _distinct(
    t: ir.Table,
    cube: Cube,
    sel: Selection,
    q: Query,
    ctx: PeriodContext,
    tools: Tools,
    key_cols: Keys | None = None,
    tag: str = "",
) -> ir.Table:
    """Distinct counts of ``sel`` in the reporting period, on the records (not additive, so
    not from the cube): a scan of its own, joining only the code tables ``sel`` and the
    breakdown test, with the conditions in WHERE (cheaper than FILTER for a distinct count)."""
    by = q.by if key_cols is not None else ()
    cur = ctx.sides(t, False).cur & _flows(t, [sel])
    r = cube.relation(t, cur, tools.register, only=[sel], by=by)
    r = r.filter(cube.selection(r, sel))
    if key_cols is not None:
        r = key_cols.apply(r, by)
    keys = [d.value for d in by]
    cells = distinct_cells(r, None, q.measures, tag)
    return r.group_by(keys).aggregate(**cells) if keys else r.aggregate(**cells)


def _order(a: ir.Table, q: Query, keys: list[str]) -> ir.Table:
    """Rank, top-N and the order of the rows (by the basis value, then the keys)."""
    if Measure.RANK in q.measures:
        a = a.mutate(rank=(ibis.rank().over(order_by=ibis.desc(a._b_cur)) + 1).cast("int64"))
    if q.top is not None:
        return a.order_by([ibis.desc(a._b_cur), *keys]).limit(q.top)
    return a.order_by(keys) if keys else a


# -- the scalar batch: many figures, one scan --------------------------------------------------

BATCHABLE = frozenset(
    {
        Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR, Measure.QUANTITY,
        Measure.RECORDS, Measure.ENTERPRISES, Measure.PARTNERS, Measure.YOY_PCT,
        Measure.SHARE_PCT, Measure.SHARE_CHANGE_PP, Measure.CONTRIBUTION_PP,
        Measure.PARTNERS_GROWING, Measure.GROWTH_STREAK, *QUANTITY_MEASURES,
        Measure.NET_WEIGHT_KG,
    }
)  # fmt: skip
PER_PARTNER = (Measure.PARTNERS, Measure.PARTNERS_GROWING)


def batchable(q: Query) -> bool:
    """Whether ``q`` can join a scalar batch (no breakdown, no top-N, cells the batch has)."""
    return not q.by and q.top is None and all(m in BATCHABLE for m in q.measures)


def batch_tags(items: Sequence[tuple[str, Query]]) -> dict[tuple[Selection, str], str]:
    """A tag per distinct (selection, basis) of a batch: the suffix of its cells."""
    tags: dict[tuple[Selection, str], str] = {}
    for _, q in items:
        for sel in _selections(q):
            tags.setdefault((sel, q.basis.value), f"_{len(tags)}")
    return tags


@dataclass(frozen=True)
class BatchPlan:
    """A batch in steps, as an expert runs it: the cube is materialized once; every figure's
    cells are one small aggregate over it (``cells``), and so are the monthly sums of growth
    streaks (``monthly``); distinct enterprises and the per-partner sums (partner counts,
    partners growing) each read the records once more (``distinct``, ``partners``)."""

    cube: Cube
    small: ir.Table
    cells: Callable[[ir.Table], ir.Table]
    monthly: Callable[[ir.Table], dict[str, ir.Table]]
    distinct: dict[str, ir.Table]
    partners: dict[str, ir.Table]


def batch(
    t: ir.Table, items: Sequence[tuple[str, Query]], ctx: PeriodContext, tools: Tools
) -> BatchPlan:
    """The steps answering ``items`` (see BatchPlan); cells carry their selection's tag."""
    with_prev = any(q.needs_previous() for _, q in items)
    queries = [q for _, q in items]
    tags = batch_tags(items)
    sels = [sel for sel, _ in tags]
    needs = replace(needs_of(queries, ctx), partner=False)
    cube = Cube.plan(ctx.resolver(with_prev), sels, (), needs, tools.codes)
    rows = ctx.rows(t, with_prev) & _flows(t, sels)
    small = cube.build(t, rows, tools.register)

    def cells(m: ir.Table) -> ir.Table:
        sides = ctx.sides(m, with_prev)
        out: dict[str, ir.Value] = {}
        for q in queries:
            sel, basis = q.selection, q.basis
            tag = tags[(sel, basis.value)]
            where = cube.selection(m, sel)
            out |= selection_cells(m, where, sides, sel.flow, basis, q.measures, tag)
            if NEEDS_PARENT & set(q.measures):
                parent = q.parent_selection()
                pw = cube.selection(m, parent)
                ptag = tags[(parent, basis.value)]
                out |= parent_cells(m, pw, sides, parent.flow, basis, ptag)
        return m.aggregate(**out)

    def monthly_sums(m: ir.Table) -> dict[str, ir.Table]:
        out = {}
        for q in queries:
            if Measure.GROWTH_STREAK in q.measures:
                tag = tags[(q.selection, q.basis.value)]
                s = m.filter(cube.selection(m, q.selection))
                v = signed(s, q.basis.value, q.selection.flow).sum()
                out[tag] = s.group_by("period").aggregate(_v=v)
        return out

    distinct: dict[str, ir.Table] = {}
    partners: dict[str, ir.Table] = {}
    for q in queries:
        tag = tags[(q.selection, q.basis.value)]
        if Measure.ENTERPRISES in q.measures and tag not in distinct:
            ent = replace(q, measures=(Measure.ENTERPRISES,))
            distinct[tag] = _distinct(t, cube, q.selection, ent, ctx, tools, tag=tag)
        if set(PER_PARTNER) & set(q.measures) and tag not in partners:
            partners[tag] = _per_partner(t, cube, q, ctx, tools, with_prev)
    return BatchPlan(cube, small, cells, monthly_sums, distinct, partners)


def _per_partner(
    t: ir.Table, cube: Cube, q: Query, ctx: PeriodContext, tools: Tools, with_prev: bool
) -> ir.Table:
    """Per partner of the selection: rows this period, value this period and a year earlier."""
    sel = q.selection
    r = cube.relation(t, ctx.rows(t, with_prev) & _flows(t, [sel]), tools.register, only=[sel])
    r = r.filter(cube.selection(r, sel))
    sides = ctx.sides(r, with_prev)
    v = sides.value(r, q.basis.value, sel.flow)
    cells: dict[str, ir.Value] = {"_n": r.count(where=sides.cur), "_c": v.sum(where=sides.cur)}
    if sides.prev is not None:
        cells["_p"] = v.sum(where=sides.prev)
    return r.group_by("partner").aggregate(**cells)


# -- growth streaks: monthly sums per key ------------------------------------------------------


def monthly(
    t: ir.Table, q: Query, ctx: PeriodContext, months: Sequence[str], tools: Tools
) -> ir.Table:
    """Sum of the basis per breakdown key and month, over ``months`` (only months are read),
    for the reporters the reading names (all when it names none)."""
    res = Resolver(ctx.ref, ctx.cur.end_date(), months)
    reporters = ctx.reading.reporters()
    needs = Needs(money=(q.basis.value,), reporter=reporters is not None)
    cube = Cube.plan(res, [q.selection], q.by, needs, tools.codes)
    rows = in_months(t.period, months) & flow_pred(t, q.selection.flow)
    if reporters is not None:
        rows = rows & reporter_in(t, reporters)
    small = cube.build(t, rows, tools.register)
    s = Keys(cube, ctx.cur, tools.register).apply(
        small.filter(cube.selection(small, q.selection)), q.by
    )
    keys = [d.value for d in q.by]
    v = signed(s, q.basis.value, q.selection.flow).sum()
    return s.group_by([*keys, "period"]).aggregate(_v=v)
