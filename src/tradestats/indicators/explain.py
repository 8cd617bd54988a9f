"""``explain``: how a question is answered, as a reader wants it, above the SQL.

The text says which period and comparison period were resolved and which stored periods are
read (per reporter when they differ), which members each group stands for on the day its
membership is taken, which HS codes of the data each product token holds, what the one scan
groups the records by, and which cells each figure is computed from. Lines are SQL comments, so
the whole explanation can be pasted into a SQL shell.

Example (abridged)::

    -- period 2025 (2025-01..2025-12), compared with 2024 (2024-01..2024-12)
    -- partner asean: 11 members on 2025-12-31: BRN, IDN, KHM, ...
    -- scan: records -> cube by period, flow, _c_partner (partner: 3 classes)
    -- value_cny = _b_cur; yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tradestats.indicators.periods import summarize
from tradestats.indicators.plan import BatchPlan, PeriodContext, Plan, batch_tags
from tradestats.indicators.query import NEEDS_PARENT, Measure, Query
from tradestats.indicators.resolve import _HS_PREFIX
from tradestats.indicators.scope import shown
from tradestats.indicators.tiling import Piece

FORMULAS = {
    Measure.VALUE_CNY: "value_cny summed", Measure.VALUE_USD: "value_usd summed",
    Measure.VALUE_EUR: "value_eur summed",
    Measure.VALUE_CIF_USD: "value_cif_usd summed (rows without one refused)",
    Measure.VALUE_FOB_USD: "value_fob_usd summed (rows without one refused)",
    Measure.QUANTITY: "quantity summed (one unit)",
    Measure.UNIT_VALUE: "_q_value / _quantity (basis value of the rows with a quantity)",
    Measure.QUANTITY_YOY_PCT: "(_quantity - _quantity_prev) / _quantity_prev x 100",
    Measure.UNIT_VALUE_YOY_PCT: "(_q_value / _quantity) / (_q_value_prev / _quantity_prev)"
    " x 100 - 100",
    Measure.NET_WEIGHT_KG: "net_weight_kg summed",
    Measure.RECORDS: "rows counted", Measure.ENTERPRISES: "distinct enterprise_id (on records)",
    Measure.PARTNERS: "distinct partners",
    Measure.YOY_PCT: "(_b_cur - _b_prev) / _b_prev x 100",
    Measure.SHARE_PCT: "_b_cur / _p_cur x 100",
    Measure.SHARE_CHANGE_PP: "_b_cur / _p_cur x 100 - _b_prev / _p_prev x 100",
    Measure.CONTRIBUTION_PP: "(_b_cur - _b_prev) / _p_prev x 100",
    Measure.PARTNERS_GROWING: "partners with _b_cur > _b_prev > 0",
    Measure.GROWTH_STREAK: "consecutive buckets with yoy > 0 (monthly aggregate, below)",
    Measure.RANK: "rank by _b_cur",
}  # fmt: skip
MAX_SHOWN = 12


def _codes(codes: Iterable[str]) -> str:
    items = sorted(codes)
    more = f", ... ({len(items)} in all)" if len(items) > MAX_SHOWN else ""
    return ", ".join(items[:MAX_SHOWN]) + more


def _periods(ctx: PeriodContext) -> list[str]:
    lines = [
        f"period {ctx.cur.label} ({summarize(list(ctx.cur.months()))}), compared with "
        f"{ctx.prev.label}" + ("" if ctx.prev_ok else " (not readable: growth is NULL)")
    ]
    for route in ctx.reading.routes:
        who = (
            ""
            if route.reporters is None
            else " for " + ", ".join(sorted(shown(r) for r in route.reporters))
        )
        now = _pieces(route.cur)
        before = _pieces(route.prev or ()) or "none"
        lines.append(f"read{who}: {now}; a year earlier: {before}")
    return lines


def _pieces(pieces: Sequence[Piece]) -> str:
    """Stored periods read: runs of months shortened; subtracted figures named apart."""
    plus = summarize([p.period for p in pieces if p.weight > 0]) if pieces else ""
    minus = [p.period for p in pieces if p.weight < 0]
    return plus + (f" minus {summarize(minus)}" if minus else "")


def _tokens(compiled: Plan | BatchPlan, ctx: PeriodContext) -> list[str]:
    cube, lines = compiled.cube, []
    res = cube.resolver
    day = ctx.cur.end_date().isoformat()
    for column, m in cube.maps.items():
        for token in sorted(m.classes):
            if column == "partner":
                members = res.partner_codes(token)
                if members != {token.upper()}:
                    lines.append(f"partner {token}: {len(members)} members on {day}: "
                                 f"{_codes(members)}")  # fmt: skip
            elif column == "trade_mode":
                lines.append(f"trade_mode {token}: {_codes(res.trade_mode_codes(token))}")
            elif not _HS_PREFIX.match(token):
                editions = ", ".join(sorted(res.editions()))
                lines.append(f"product {token}: rules of {editions}, {len(m.classes[token])}"
                             " class(es) of the data's HS codes")  # fmt: skip
    return lines


def describe(
    items: Sequence[tuple[str, Query]],
    ctx: PeriodContext,
    compiled: Plan | BatchPlan,
    files: int,
    batched: bool = False,
) -> str:
    """The explanation of ``items`` answered by ``compiled`` (one query, or a ``batched``
    set of figures whose cells carry a tag per selection)."""
    cube = compiled.cube
    classes = ", ".join(f"{c}: {len(m.rows)} codes" for c, m in cube.maps.items())
    scan = f"scan: {files} file(s) of records -> one cube grouped by {', '.join(cube.keys())}" + (
        f" (code tables joined: {classes})" if classes else ""
    )
    if cube.premapped():
        raw = ", ".join(sorted(cube.sources()))
        scan += f"; the records summed by raw {raw} first, the code tables joined to those sums"
    lines = [*_periods(ctx), *_tokens(compiled, ctx), scan]
    tags = batch_tags(items) if batched else {}
    for name, q in items:
        tag = tags.get((q.selection, q.basis.value), "")
        parent = ""
        if NEEDS_PARENT & set(q.measures):
            ptag = tags.get((q.parent_selection(), q.basis.value), "")
            parent = f", parent flow {q.parent_selection().flow.value}{_cells('_p', ptag)}"
        figures = "; ".join(f"{m.value} = {FORMULAS[m]}" for m in q.measures)
        by = f" by {', '.join(d.value for d in q.by)}" if q.by else ""
        lines.append(f"{name}{by}: flow {q.selection.flow.value}, basis {q.basis.value}"
                     f"{_cells('_b', tag)}{parent}: {figures}")  # fmt: skip
    return "".join(f"-- {line}\n" for line in lines)


def _cells(prefix: str, tag: str) -> str:
    return f" (cells {prefix}_cur{tag}, {prefix}_prev{tag})" if tag else ""
