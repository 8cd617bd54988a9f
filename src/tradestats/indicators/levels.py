"""Product levels: refuse product detail finer than the rows, and nested levels counted twice.

Rows are declaration lines (6 to 10 digits) or pre-aggregated cells (``product_level`` ``total``,
``2`` or ``4``). Two rules keep sums honest:

* **Too coarse.** A product filter or breakdown classifies rows by HS prefixes. A row whose code
  is shorter than a prefix and starts it (``85`` for ``8507``; ``TOTAL`` for anything; a 6-digit
  line for an 8-digit prefix) may hold that product but cannot be split: the query is refused
  rather than counting such rows as zero.
* **Nested.** A pre-aggregated row and a finer row inside it, in the same cell (same period,
  reporter, flow, partner and other codes), would be counted twice: refused, naming the cell.
  (Adapters ingest one level per cell; this catches files ingested at different levels.)

Both checks are small queries run only when the rows read include pre-aggregated rows (or a
prefix is longer than the 6 digits every declaration line has).

Example:
    >>> sorted(coarse_codes("850760"))
    ['85', '8507', 'TOTAL']
    >>> sorted(breakdown_levels(6))
    ['2', '4', 'total']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ibis.expr.types as ir
import pyarrow as pa

from tradestats.errors import Unsupported
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.query import Dim, Query, Selection
from tradestats.indicators.resolve import Resolver, any_of, isin

LINE_DIGITS = 6  # a declaration line has at least 6 digits
DIM_DIGITS = {Dim.HS_SECTION: 2, Dim.HS2: 2, Dim.HS4: 4, Dim.HS6: 6, Dim.HS8: 8}
CELL = (
    "period", "reporter", "flow", "partner", "trade_mode", "enterprise_id", "enterprise_type",
    "region", "brand_type", "transport_mode",
)  # fmt: skip
Run = Callable[[ir.Table], pa.Table]


def coarse_codes(prefix: str) -> set[str]:
    """Codes too coarse to tell whether a row belongs under ``prefix``."""
    return {"TOTAL", *(prefix[:k] for k in (2, 4, 6, 7, 8, 9) if k < len(prefix))}


def breakdown_levels(digits: int) -> set[str]:
    """Product levels too coarse for a breakdown by ``digits`` digits."""
    return {"total", *(lv for lv, n in (("2", 2), ("4", 4)) if n < digits)}


@dataclass(frozen=True)
class Needs:
    """What a query classifies rows by: HS prefixes and breakdown digits."""

    prefixes: frozenset[str]
    digits: int

    def coarse(self, t: ir.Table) -> ir.BooleanValue:
        """Rows too coarse for these needs."""
        codes: set[str] = set().union(*(coarse_codes(p) for p in self.prefixes))
        pred = isin(t.hs_code, codes)
        if self.digits:
            pred = pred | isin(t.product_level, breakdown_levels(self.digits))
        return pred


def needs(q: Query, res: Resolver, sels: Iterable[Selection]) -> Needs:
    """The prefixes of the product filters of ``sels`` and of product-group breakdowns."""
    tokens = {k for sel in sels for k in (*sel.product.include, *sel.product.exclude)}
    named = [k for k in q.selection.product.include if not k.isdigit()]
    if Dim.PRODUCT_GROUP in q.by and not named:
        tokens |= set(refapi.product_group_names(res.ref))
    prefixes = frozenset().union(*(res.product_prefixes(k) for k in tokens))
    return Needs(prefixes, max([0, *(DIM_DIGITS.get(d, 0) for d in q.by)]))


def _shown(rows: list[dict[str, object]], *cols: str) -> str:
    return "; ".join(" ".join(str(r[c] or "-") for c in cols) for r in rows)


def check_coarse(run: Run, base: ir.Table, scope: ir.BooleanValue, need: Needs) -> None:
    """Refuse when rows in ``scope`` are too coarse for ``need``."""
    bad = base.filter(scope & need.coarse(base))
    found = bad.group_by(["reporter", "period", "hs_code"]).aggregate(rows=bad.count())
    rows = run(found.order_by(["period", "reporter", "hs_code"]).limit(3)).to_pylist()
    if rows:
        raise Unsupported(
            "the query asks for product detail finer than the data hold: rows at"
            f" {_shown(rows, 'hs_code', 'reporter', 'period')} (code, reporter, period) cannot"
            " be split into the products asked for",
            hint="ask at the rows' own level (a coarser product or breakdown) or ingest finer data",
        )


def check_nested(run: Run, base: ir.Table, scope: ir.BooleanValue) -> None:
    """Refuse when a pre-aggregated row and a finer row inside it share a cell."""
    rows = base.filter(scope)
    coarse = rows.filter(rows.product_level.notnull()).select(
        *CELL, c_code=rows.hs_code, c_level=rows.product_level
    )
    fine = rows.select(*CELL, f_code=rows.hs_code)
    on = [coarse[c].identical_to(fine[c]) for c in CELL]
    inside = (coarse.c_level == "total") | fine.f_code.startswith(coarse.c_code)
    pairs = coarse.join(fine, [*on, coarse.c_code != fine.f_code, inside])
    cols = ["period", "reporter", "flow", "partner", "c_code", "f_code"]
    found = run(pairs.select(*cols).order_by(cols).limit(3)).to_pylist()
    if found:
        raise Unsupported(
            "the data hold a product total and finer rows inside it for the same cell, which"
            f" would be counted twice: {_shown(found, *cols)}"
            " (period, reporter, flow, partner, total, finer code)",
            hint="keep one product level per cell (tradestats ingest --replace with one level)",
        )


def check(run: Run, base: ir.Table, scope: ir.BooleanValue, need: Needs, aggregated: bool) -> None:
    """Both checks, each only when it can fail."""
    if aggregated:
        check_nested(run, base, scope)
    long_prefix = any(len(p) > LINE_DIGITS for p in need.prefixes)
    if long_prefix or (aggregated and (need.prefixes or need.digits)):
        check_coarse(run, base, scope, need)


def scope_of(res: Resolver, base: ir.Table, sels: Iterable[Selection]) -> ir.BooleanValue:
    """Rows of any of ``sels`` without their product filters."""
    return any_of(res.selection(base, s.without_product()) for s in sels)
