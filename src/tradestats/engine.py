"""The engine: the one door to computation for every front end (CLI, bulletin, checker, web).

Example:
    >>> from tradestats import Engine                                  # doctest: +SKIP
    >>> eng = Engine("demo-store")                                     # doctest: +SKIP
    >>> eng.query(period="2025", flow="export", partner="asean",       # doctest: +SKIP
    ...           by="partner_group", measures="value_cny,yoy_pct,share_pct")
    >>> eng.indicator("asean.total.yoy", period="2025").value          # doctest: +SKIP
    8.0
    >>> print(eng.explain(period="2025", flow="total"))                # doctest: +SKIP
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from tradestats.backends import Backend, get_backend
from tradestats.errors import Unsupported, UsageError
from tradestats.indicators import levels
from tradestats.indicators.contract import build_query
from tradestats.indicators.coverage import Coverage, CoverageCache, holdings_expr
from tradestats.indicators.derive import Cells, derive
from tradestats.indicators.explain import describe
from tradestats.indicators.library import Indicator, Library, load_library
from tradestats.indicators.memo import ANSWERS, HS_CODES, files_key
from tradestats.indicators.periods import Period, parse_period
from tradestats.indicators.plan import (
    PeriodContext,
    Plan,
    Tools,
    batch,
    batch_tags,
    batchable,
    grouped,
    monthly,
)
from tradestats.indicators.query import NEEDS_PARENT, Measure, Query
from tradestats.indicators.reference_api import ReferenceLike, load_default_reference
from tradestats.indicators.scope import plan
from tradestats.indicators.streak import end_bucket, streaks
from tradestats.indicators.tiling import is_month


class StoreLike(Protocol):
    """Anything with the Store's two read methods (the real Store or a test fake)."""

    def data_files(
        self, periods: Iterable[str] | None = None, as_of: str | None = None
    ) -> list[Path]: ...
    def periods(self, as_of: str | None = None) -> list[str]: ...


@dataclass(frozen=True)
class IndicatorResult:
    """One named figure: its value (Decimal money, float ratio, int count or None) and unit."""

    name: str
    period: str
    value: Any
    unit: str
    indicator: Indicator


def _open_store(store: StoreLike | str | os.PathLike[str]) -> StoreLike:
    if isinstance(store, str | os.PathLike):
        from tradestats.store import Store

        return Store(store)
    return store


class Engine:
    """Answers queries and named indicators over a store; results are pyarrow Tables."""

    def __init__(
        self,
        store: StoreLike | str | os.PathLike[str],
        reference: ReferenceLike | None = None,
        backend: Backend | str = "duckdb",
        library: Library | None = None,
    ) -> None:
        self.store = _open_store(store)
        self._ref = reference
        self.backend = get_backend(backend) if isinstance(backend, str) else backend
        self._library = library
        self._coverage = CoverageCache()
        # One connection, one `records` view at a time: calls from several threads (the web
        # app's worker pool) take turns.
        self._lock = threading.RLock()

    @property
    def reference(self) -> ReferenceLike:
        if self._ref is None:
            self._ref = load_default_reference()
        return self._ref

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = load_library()
        return self._library

    # -- queries -------------------------------------------------------------------------

    def query(self, q: Query | None = None, /, **kwargs: Any) -> pa.Table:
        """Run a query (a Query, or the keywords of ``Query.build``); a pyarrow Table.

        Money is exact (DECIMAL(38,2)); ratios are exact to 20 decimals (see derive.py).
        The same question over the same live files is answered from memory.

        >>> Engine(store).query(period="2025", flow="export", by="partner",   # doctest: +SKIP
        ...                     measures="value_cny,share_pct", top=5)
        """
        q = q if q is not None else build_query(kwargs)
        with self._lock:
            ctx, files = self._context(q)
            key = self._key("query", replace(q, as_of=None), files)
            cached = ANSWERS.get(key)
            if cached is not None:
                return cached
            records = self.backend.records(files)
            self._check_levels(records, [q], ctx)
            compiled = grouped(records, q, ctx, self._tools(files))
            cells = self._run(compiled)
            _check_ids(cells, [""])
            table = _figures(cells, q, compiled.keys, ctx)
            if Measure.GROWTH_STREAK in q.measures:
                table = self._add_streak(table, records, q, ctx, compiled.keys, files)
            ANSWERS.put(key, table)
            return table

    def explain(self, q: Query | None = None, /, **kwargs: Any) -> str:
        """How a query is answered: the periods and members resolved, the scan and the cells
        each figure is computed from, then the SQL the backend runs."""
        q = q if q is not None else build_query(kwargs)
        with self._lock:
            ctx, files = self._context(q)
            records = self.backend.records(files)
            compiled = grouped(records, q, ctx, self._tools(files))
            sql = [self.backend.to_sql(compiled.expr)]
            if Measure.GROWTH_STREAK in q.measures:
                months = self._streak_months(q, ctx)
                expr = monthly(records, q, ctx, months, self._tools(files))
                sql.append(self.backend.to_sql(expr))
        text = describe([("query", q)], ctx, compiled, len(files))
        return text + "\n" + ";\n\n".join(sql) + ";\n"

    def resolve_period(self, period: str, as_of: str | None = None) -> Period:
        """The period as the store reads it: parsed, a year-to-date run ended at the latest
        month held (BadParameter for a form the model does not know, NoData for a year the
        store does not hold).

        >>> Engine("demo-store").resolve_period("2025-YTD").label       # doctest: +SKIP
        '2025-01..2025-12'
        """
        return parse_period(period).resolve_ytd(self.store.periods(as_of=as_of))

    def answers(self, period: str, as_of: str | None = None) -> bool:
        """Whether the store can answer a plain question (total trade) for ``period``."""
        try:
            with self._lock:
                self._context(build_query({"period": period, "as_of": as_of}))
        except UsageError:
            return False
        return True

    # -- named indicators --------------------------------------------------------------

    def indicator(self, name: str, period: str, as_of: str | None = None) -> IndicatorResult:
        """One named indicator, e.g. ``indicator("asean.total.yoy", period="2025")``."""
        return self.indicators([name], period=period, as_of=as_of)[name]

    def indicators(
        self, names: Sequence[str] | None = None, period: str = "", as_of: str | None = None
    ) -> dict[str, IndicatorResult]:
        """Several indicators (default: all) for one period; plain ones share a single scan.

        >>> eng.indicators(["exports.yoy", "imports.yoy"], period="2025")  # doctest: +SKIP
        """
        if not period:
            raise UsageError("a period is needed to compute indicators", hint="e.g. 2025")
        defs = [self.library.get(n) for n in (names or self.library.names())]
        queries = [(d.name, replace(d.query(period), as_of=as_of)) for d in defs]
        plain = [(n, q) for n, q in queries if batchable(q)]
        values: dict[str, Any] = {}
        if plain:
            values |= self._batch(plain) or {}
        for n, q in queries:
            if n not in values:
                values[n] = self.query(q).column(q.measures[0].value)[0].as_py()
        label = parse_period(period).label
        return {d.name: IndicatorResult(d.name, label, values[d.name], d.unit, d) for d in defs}

    def explain_indicators(self, names: Sequence[str], period: str) -> str:
        """How the plain indicators among ``names`` are answered by one shared scan."""
        queries = [(n, self.library.get(n).query(period)) for n in names]
        plain = [(n, q) for n, q in queries if batchable(q)]
        with self._lock:
            shared = self._shared_context(plain) if plain else None
            if shared is None:
                return self.explain(queries[0][1])
            ctx, files = shared
            records = self.backend.records(files)
            compiled = batch(records, plain, ctx, self._tools(files))
        text = describe(plain, ctx, compiled, len(files), batched=True)
        return text + "\n" + self.backend.to_sql(compiled.expr) + ";\n"

    def _batch(self, items: list[tuple[str, Query]]) -> dict[str, Any] | None:
        """The figures of ``items`` from one scan; None when they read the store differently."""
        with self._lock:
            shared = self._shared_context(items)
            if shared is None:
                return None
            ctx, files = shared
            key = self._key("batch", tuple((n, replace(q, as_of=None)) for n, q in items), files)
            cells = ANSWERS.get(key)
            if cells is None:
                records = self.backend.records(files)
                self._check_levels(records, [q for _, q in items], ctx)
                cells = self._run(batch(records, items, ctx, self._tools(files)))
                ANSWERS.put(key, cells)
        tags = batch_tags(items)
        columns = {k: [v] for k, v in cells.to_pylist()[0].items()}
        out: dict[str, Any] = {}
        for name, q in items:
            tag = tags[(q.selection, q.basis.value)]
            parent = tags.get((q.parent_selection(), q.basis.value), "")
            if Measure.ENTERPRISES in q.measures:
                _check_ids(cells, [tag])
            found = derive(Cells(columns, tag, parent, q.basis, ctx.prev_ok, 1), q.measures)
            out[name] = found[q.measures[0].value][0].as_py()
        return out

    def _shared_context(
        self, items: list[tuple[str, Query]]
    ) -> tuple[PeriodContext, list[Path]] | None:
        """One context for queries of one period, if every one reads the store the same way."""
        q0 = items[0][1]
        available, cur, cov = self._survey(q0)
        readings = {plan(q, cur, cov, self.reference, available) for _, q in items}
        if len(readings) > 1:
            return None
        ctx = PeriodContext(cur, cur.previous_year(), readings.pop(), self.reference)
        wanted = ctx.periods(any(q.needs_previous() for _, q in items))
        return ctx, self.store.data_files(periods=wanted, as_of=q0.as_of)

    # -- helpers -------------------------------------------------------------------------

    def _context(self, q: Query, with_prev: bool | None = None) -> tuple[PeriodContext, list[Path]]:
        """How ``q`` reads the store (scope.plan), and the files it reads."""
        available, cur, cov = self._survey(q)
        reading = plan(q, cur, cov, self.reference, available)
        ctx = PeriodContext(cur, cur.previous_year(), reading, self.reference)
        wanted = ctx.periods(q.needs_previous() if with_prev is None else with_prev)
        if Measure.GROWTH_STREAK in q.measures:
            wanted = self._streak_months(q, ctx)
        return ctx, self.store.data_files(periods=wanted, as_of=q.as_of)

    def _survey(self, q: Query) -> tuple[list[str], Period, Coverage]:
        """Stored periods, the resolved period, and what the data of its years hold."""
        available = self.store.periods(as_of=q.as_of)
        cur = parse_period(q.period).resolve_ytd(available)
        years = {str(cur.year), str(cur.year - 1)}
        last = cur.months()[-1]
        streak = Measure.GROWTH_STREAK in q.measures
        wanted = [p for p in available if p[:4] in years or (streak and p <= last)]
        files = self.store.data_files(periods=wanted, as_of=q.as_of) if wanted else []
        return available, cur, self._coverage.coverage(files, self._holdings)

    def _holdings(self, files: Sequence[Path]) -> list[dict[str, Any]]:
        table = self.backend.execute(holdings_expr(self.backend.records(files)))
        return table.to_pylist()

    def _check_levels(self, records: Any, queries: list[Query], ctx: PeriodContext) -> None:
        """Product detail finer than the rows, or nested levels: refused (levels.py)."""
        with_prev = any(q.needs_previous() for q in queries)
        res = ctx.resolver(with_prev)
        sels = [q.selection for q in queries]
        sels += [q.parent_selection() for q in queries if NEEDS_PARENT & set(q.measures)]
        found = [levels.needs(q, res, sels) for q in queries]
        need = levels.Needs(
            frozenset().union(*(n.prefixes for n in found)), max(n.digits for n in found)
        )
        base = records.filter(ctx.rows(records, with_prev))
        scope = levels.scope_of(res, base, sels)
        levels.check(self.backend.execute, base, scope, need, ctx.reading.aggregated)

    def _streak_months(self, q: Query, ctx: PeriodContext) -> list[str]:
        last = ctx.cur.months()[-1]
        return [m for m in self.store.periods(as_of=q.as_of) if is_month(m) and m <= last]

    def _tools(self, files: Sequence[Path]) -> Tools:
        return Tools(codes=lambda: HS_CODES.of(files), register=self.backend.register)

    def _run(self, compiled: Plan) -> pa.Table:
        return self.backend.execute(compiled.expr)

    def _key(self, kind: str, question: Any, files: Sequence[Path]) -> tuple[Any, ...]:
        """What an answer depends on: the question, the files read, the reference, the backend."""
        return (kind, question, files_key(files), id(self.reference), self.backend.dialect)

    def _add_streak(
        self,
        table: pa.Table,
        records: Any,
        q: Query,
        ctx: PeriodContext,
        keys: list[str],
        files: Sequence[Path],
    ) -> pa.Table:
        """Fill the growth_streak column (records already hold every month up to the end)."""
        end = end_bucket(ctx.cur, q.grain)
        months = self._streak_months(q, ctx)
        expr = monthly(records, q, ctx, months, self._tools(files))
        rows = self.backend.execute(expr).to_pylist()
        found = streaks(rows, keys, months, q, end)
        cols = [table.column(k).to_pylist() for k in keys]
        key_rows = list(zip(*cols, strict=True)) if keys else [()] * table.num_rows
        values = pa.array([found.get(k) for k in key_rows], pa.int64())
        i = table.column_names.index(Measure.GROWTH_STREAK.value)
        return table.set_column(i, Measure.GROWTH_STREAK.value, values)


def _check_ids(cells: pa.Table, tags: Sequence[str]) -> None:
    """Enterprises need enterprise ids: fail when the reporting months have rows but none."""
    for tag in tags:
        names = (f"_records{tag}", f"_enterprise_ids{tag}")
        if not all(n in cells.column_names for n in names):
            continue
        rows, ids = (sum(v or 0 for v in cells.column(n).to_pylist()) for n in names)
        if rows and not ids:
            raise Unsupported(
                "the store has no enterprise_id for the period, so 'enterprises' cannot be counted",
                hint="ingest records with enterprise ids, or drop the measure",
            )


def _figures(cells: pa.Table, q: Query, keys: list[str], ctx: PeriodContext) -> pa.Table:
    """The answer's table: the keys, then each measure derived from the cells."""
    columns = {n: cells.column(n).to_pylist() for n in cells.column_names if n not in keys}
    found = derive(Cells(columns, "", "", q.basis, ctx.prev_ok, cells.num_rows), q.measures)
    return pa.table({**{k: cells.column(k) for k in keys}, **found})
