"""What the data hold per stored period and reporter: rows, pre-aggregated rows, currencies.

Before writing a query the engine must know which reporters, kinds of period, product levels and
currencies the files hold. Every store file holds one period, and its Parquet footer gives the row
count and each column's null count and min/max: a file whose ``reporter`` column has a single
value (or none) is described by its footer alone, without reading a row. Other files (several
reporters in one file, or no statistics) are summarised by one small aggregate on the backend
(``holdings_expr``), so no record passes through the driver either way.

Example:
    >>> h = Holding(rows=3, aggregated=3, money=(0, 3, 0))
    >>> h.currencies()
    ('value_usd',)
    >>> cov = Coverage({("2012", "CHN"): h, ("2012", "USA"): Holding(1)})
    >>> sorted(cov.reporters()), cov.total(["2012"], {"CHN"}).rows
    (['CHN', 'USA'], 3)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pyarrow.parquet as pq

MONEY = ("value_cny", "value_usd", "value_eur")
Key = tuple[str, str | None]  # (stored period, reporter); reporter None: the store's own


@dataclass(frozen=True)
class Holding:
    """Rows, rows with a product level (TOTAL, chapter, heading) and non-NULL money per currency."""

    rows: int = 0
    aggregated: int = 0
    money: tuple[int, int, int] = (0, 0, 0)

    def __add__(self, other: Holding) -> Holding:
        money = tuple(a + b for a, b in zip(self.money, other.money, strict=True))
        return Holding(self.rows + other.rows, self.aggregated + other.aggregated, money)  # type: ignore[arg-type]

    def currencies(self) -> tuple[str, ...]:
        """Money columns with at least one value."""
        return tuple(c for c, n in zip(MONEY, self.money, strict=True) if n)

    def has(self, column: str) -> bool:
        return self.money[MONEY.index(column)] > 0


@dataclass
class Coverage:
    """Holdings by (stored period, reporter)."""

    holdings: dict[Key, Holding] = field(default_factory=dict)

    def add(self, more: Mapping[Key, Holding]) -> None:
        for key, h in more.items():
            self.holdings[key] = self.holdings.get(key, Holding()) + h

    def reporters(self, periods: Collection[str] | None = None) -> set[str | None]:
        """Reporters with rows (in ``periods`` when given)."""
        held = self.holdings.items()
        return {r for (p, r), h in held if h.rows and (not periods or p in periods)}

    def periods(self, reporter: str | None) -> set[str]:
        """Stored periods where ``reporter`` has rows."""
        return {p for (p, r), h in self.holdings.items() if r == reporter and h.rows}

    def total(self, periods: Iterable[str], reporters: Collection[str | None]) -> Holding:
        """Sum of the holdings of ``reporters`` in ``periods``."""
        wanted, out = set(periods), Holding()
        for (p, r), h in self.holdings.items():
            if p in wanted and r in reporters:
                out = out + h
        return out


# -- from footers ---------------------------------------------------------------------------


class _Unknown(Exception):
    """The footer does not settle it."""


def _stats(md: Any, name: str) -> tuple[int, Any, Any] | None:
    """(null count, min, max) of column ``name`` over all row groups; None when absent."""
    names = [md.schema.column(i).name for i in range(md.num_columns)]
    if name not in names:
        return None
    i, nulls, lo, hi = names.index(name), 0, None, None
    for g in range(md.num_row_groups):
        s = md.row_group(g).column(i).statistics
        if s is None or not s.has_null_count:
            raise _Unknown(name)
        nulls += s.null_count
        if s.null_count < md.row_group(g).num_rows:
            if not s.has_min_max:
                raise _Unknown(name)
            lo = s.min if lo is None else min(lo, s.min)
            hi = s.max if hi is None else max(hi, s.max)
    return nulls, lo, hi


def _single(md: Any, name: str, rows: int) -> str | None:
    """The one value of column ``name`` (None when all NULL or absent); _Unknown if several."""
    st = _stats(md, name)
    if st is None or st[0] == rows:
        return None
    nulls, lo, hi = st
    if nulls or lo != hi:
        raise _Unknown(name)
    return str(lo)


def _filled(md: Any, name: str, rows: int) -> int:
    st = _stats(md, name)
    return 0 if st is None else rows - st[0]


def footer_holdings(path: Path) -> dict[Key, Holding] | None:
    """The file's holdings from its footer; None when the footer does not settle them."""
    md = pq.read_metadata(path)
    rows = md.num_rows
    if rows == 0:
        return {}
    try:
        period = _single(md, "period", rows)
        reporter = _single(md, "reporter", rows)
    except _Unknown:
        return None
    if period is None:
        return None
    try:
        money = tuple(_filled(md, c, rows) for c in MONEY)
        held = Holding(rows, _filled(md, "product_level", rows), money)  # type: ignore[arg-type]
    except _Unknown:
        return None
    return {(period, reporter): held}


# -- from the backend ------------------------------------------------------------------------


def holdings_expr(t: ir.Table) -> ir.Table:
    """One row per (period, reporter): the counts a Holding needs."""
    return t.group_by(["period", "reporter"]).aggregate(
        rows=t.count(),
        aggregated=t.product_level.count(),
        **{c: t[c].count() for c in MONEY},
    )


def from_rows(rows: Iterable[dict[str, Any]]) -> dict[Key, Holding]:
    """Holdings from the rows of ``holdings_expr``."""
    out: dict[Key, Holding] = {}
    for r in rows:
        money = tuple(int(r[c]) for c in MONEY)
        out[(r["period"], r["reporter"])] = Holding(int(r["rows"]), int(r["aggregated"]), money)  # type: ignore[arg-type]
    return out


# -- cached per file -------------------------------------------------------------------------

FileKey = tuple[str, int, int]  # path, mtime in ns, size: a rewritten file is read again
Query = Callable[[Sequence[Path]], Iterable[dict[str, Any]]]


def _key(path: Path) -> FileKey:
    st = os.stat(path)
    return str(path), st.st_mtime_ns, st.st_size


class CoverageCache:
    """Holdings of store files, remembered per file (store files never change once written).

    ``coverage(files, query)`` reads each new file's footer; files the footer does not settle
    are summarised together by ``query`` (which runs ``holdings_expr`` on the backend). One
    cache serves every engine of a process (``SHARED``): a file's holdings are the same for all.
    """

    def __init__(self) -> None:
        self._files: dict[FileKey, dict[Key, Holding]] = {}
        self._groups: dict[tuple[FileKey, ...], dict[Key, Holding]] = {}

    def clear(self) -> None:
        self._files.clear()
        self._groups.clear()

    def coverage(self, files: Sequence[Path], query: Query) -> Coverage:
        cov, rest = Coverage(), []
        for f in files:
            key = _key(f)
            if key not in self._files:
                found = footer_holdings(f)
                if found is None:
                    rest.append((key, f))
                    continue
                self._files[key] = found
            cov.add(self._files[key])
        if rest:
            group = tuple(k for k, _ in rest)
            if group not in self._groups:
                self._groups[group] = from_rows(query([f for _, f in rest]))
            cov.add(self._groups[group])
        return cov


SHARED = CoverageCache()  # dict updates are atomic; a race only reads a footer twice
