"""Chain-linked unit-value price, volume and value indices, and the terms of trade.

For each flow and group, consecutive periods (months, or years) are linked: the price link is
the formula over the elementary aggregates (code x unit x partner) present in both periods
with a positive quantity, after trimming; the value link is the ratio of the group's total
values (every cell, matched or not); the volume link is value / price. Links multiply into a
chain; the chain is rebased so that the mean over the base periods is 100. Hence, in every
period, value index = price index x volume index / 100 (volume is defined that way).

Example:
    >>> idx = chain_indices(cells, Formula.FISHER, base=["2024"])       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pyarrow as pa

from tradestats.errors import UsageError
from tradestats.indices.formulas import Formula, keep_mask, price_index

ITEM = ["hs_code", "unit", "partner"]


@dataclass(frozen=True)
class Trim:
    """Outlier rule of the price links (formulas.keep_mask); ``k=None``: caps only."""

    k: float | None = 3.0
    cap: float = 10.0


@dataclass
class Link:
    price: float | None
    value: float | None
    matched: int
    trimmed: int
    coverage_pct: float | None  # share of the current value in the kept matched items


def _total(values: pd.Series) -> Fraction:
    """Exact sum of a column of Decimals (as a Fraction, for exact ratios)."""
    return Fraction(sum(values, Decimal(0)))


def link(prev: pd.DataFrame, cur: pd.DataFrame, formula: Formula, trim: Trim) -> Link:
    """The price and value links from ``prev`` to ``cur`` (cells of one flow and group)."""
    v0, v1 = _total(prev.value), _total(cur.value)
    value = float(v1 / v0) if v0 else None
    m = prev.merge(cur, on=ITEM, suffixes=("0", "1"))
    if m.empty:
        return Link(None, value, 0, 0, None)
    val0, val1 = m.value0.astype(float).to_numpy(), m.value1.astype(float).to_numpy()
    q0, q1 = m.quantity0.astype(float).to_numpy(), m.quantity1.astype(float).to_numpy()
    p0, p1 = val0 / q0, val1 / q1
    ok = (p0 > 0) & (p1 > 0)
    keep = np.zeros(len(m), bool)
    keep[ok] = keep_mask(p1[ok] / p0[ok], trim.k, trim.cap)
    if not keep.any():
        return Link(None, value, len(m), len(m), None)
    price = price_index(formula, p0[keep], q0[keep], p1[keep], q1[keep])
    coverage = float(val1[keep].sum() / float(v1) * 100) if v1 else None
    return Link(price, value, len(m), int((~keep).sum()), coverage)


Point = tuple[str, float | None, float | None, Link, Fraction]  # period, price, value, link, total


def _series(
    cells: pd.DataFrame, periods: Sequence[str], formula: Formula, trim: Trim
) -> list[Point]:
    """The chained price and value levels (first period = 1) of one flow and group."""
    by_period = {p: g for p, g in cells.groupby("period")}
    empty = cells.iloc[0:0]
    out: list[Point] = []
    price: float | None = 1.0
    value: float | None = 1.0
    for i, p in enumerate(periods):
        cur = by_period.get(p, empty)
        if i == 0:
            out.append((p, 1.0, 1.0, Link(None, None, 0, 0, None), _total(cur.value)))
            continue
        lk = link(by_period.get(periods[i - 1], empty), cur, formula, trim)
        price = price * lk.price if (lk.price is not None and price is not None) else None
        value = value * lk.value if (lk.value is not None and value is not None) else None
        out.append((p, price, value, lk, _total(cur.value)))
    return out


def chain_indices(
    cells: pd.DataFrame,
    periods: Sequence[str],
    formula: Formula = Formula.FISHER,
    base: Sequence[str] | None = None,
    keys: Sequence[str] = (),
    trim: Trim | None = None,
) -> pa.Table:
    """One row per flow, group and period: value, price and volume indices (base = 100)."""
    trim = trim or Trim()
    base = list(base or periods[:1])
    missing = [b for b in base if b not in periods]
    if missing:
        raise UsageError(f"the base {', '.join(missing)} is outside the span")
    rows = []
    for group, part in cells.groupby(["flow", *keys], sort=True):
        labels = dict(zip(["flow", *keys], group, strict=True))
        series = _series(part, periods, formula, trim)
        totals = {p: v for p, _, _, _, v in series}
        prices = {p: pr for p, pr, _, _, _ in series}
        base_value = sum((totals[b] for b in base), Fraction(0)) / len(base)
        base_prices = [prices[b] for b in base]
        known = [b for b in base_prices if b is not None]
        base_price = float(np.mean(known)) if len(known) == len(base_prices) else None
        for p, pr, _, lk, v in series:
            value_idx = float(v / base_value * 100) if base_value else None
            price_idx = pr / base_price * 100 if (pr is not None and base_price) else None
            volume = value_idx / price_idx * 100 if (value_idx is not None and price_idx) else None
            rows.append(
                {**labels, "period": p, "value_index": value_idx, "price_index": price_idx,
                 "volume_index": volume, "price_link": lk.price, "items_matched": lk.matched,
                 "items_trimmed": lk.trimmed, "coverage_pct": lk.coverage_pct}
            )  # fmt: skip
    return pa.Table.from_pylist(rows, schema=_schema(keys))


def _schema(keys: Sequence[str]) -> pa.Schema:
    f64 = pa.float64()
    return pa.schema(
        [("flow", pa.string()), *[(k, pa.string()) for k in keys], ("period", pa.string()),
         ("value_index", f64), ("price_index", f64), ("volume_index", f64),
         ("price_link", f64), ("items_matched", pa.int64()), ("items_trimmed", pa.int64()),
         ("coverage_pct", f64)]
    )  # fmt: skip


def terms_of_trade(indices: pa.Table, keys: Sequence[str] = ()) -> pa.Table:
    """Export price index / import price index x 100, per group and period."""
    df = indices.to_pandas()
    on = [*keys, "period"]
    x = df[df.flow == "export"][[*on, "price_index"]]
    m = df[df.flow == "import"][[*on, "price_index"]]
    both = x.merge(m, on=on, suffixes=("_export", "_import"), how="outer")
    both["terms_of_trade"] = both.price_index_export / both.price_index_import * 100
    both = both.sort_values(on).reset_index(drop=True)
    return pa.Table.from_pandas(both, preserve_index=False)
