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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import ibis
import pyarrow as pa

from tradestats.backends import Backend, get_backend
from tradestats.errors import BadParameter, TradestatsError, Unsupported, UsageError
from tradestats.indicators import levels
from tradestats.indicators.contract import build_query
from tradestats.indicators.coverage import SHARED as SHARED_COVERAGE
from tradestats.indicators.coverage import Coverage, holdings_expr
from tradestats.indicators.derive import Cells, derive, per_partner_cells
from tradestats.indicators.explain import describe
from tradestats.indicators.library import Indicator, Library, load_library
from tradestats.indicators.memo import (
    ANSWERS,
    FACTS,
    PLANS,
    BatchCells,
    CompiledBatch,
    CompiledPlan,
    files_key,
)
from tradestats.indicators.periods import Period, parse_period
from tradestats.indicators.plan import (
    BatchPlan,
    PeriodContext,
    Tools,
    batch,
    batch_tags,
    batchable,
    grouped,
    monthly,
)
from tradestats.indicators.query import NEEDS_PARENT, Measure, Query, Seasonal
from tradestats.indicators.reference_api import ReferenceLike, load_default_reference
from tradestats.indicators.scope import plan
from tradestats.indicators.streak import end_bucket, streaks
from tradestats.indicators.tiling import is_month
from tradestats.result import Result

MAX_PERIODS = 24  # periods of one question (each is a query of its own)


def several_periods(q: Query) -> list[str]:
    """The periods of ``period="2024,2025"``, checked: no repeats, at most ``MAX_PERIODS``, and
    no seasonal series (that takes one span, 2015..2025).

    >>> several_periods(build_query({"period": "2024, 2025-Q1"}))
    ['2024', '2025-Q1']
    """
    periods = [p.strip() for p in q.period.split(",") if p.strip()]
    if len(set(periods)) != len(periods):
        raise BadParameter("period", "a period is listed twice")
    if len(periods) > MAX_PERIODS:
        raise BadParameter("period", f"at most {MAX_PERIODS} periods at once")
    if q.seasonal is not Seasonal.NONE:
        raise BadParameter("period", "a seasonal series takes one span", hint="e.g. 2015..2025")
    return periods


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
        self._coverage = SHARED_COVERAGE
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
        if "," in q.period:  # several periods: one answer each, stacked with a period column
            return self._periods(q)
        if q.seasonal is not Seasonal.NONE:  # one query per year of the span, then adjusted
            from tradestats.seasonal.answer import series_answer

            return series_answer(self, q)
        with self._lock:
            ctx, files = self._context(q)
            key = self._key("query", replace(q, as_of=None), files)
            cached = ANSWERS.get(key)
            if cached is not None:
                return cached
            records = self.backend.records(files)

            def build(tools: Tools) -> Any:
                self._check_levels(records, [q], ctx)
                return grouped(records, q, ctx, tools).expr

            cells = self._cells(key, files, build)
            keys = [d.value for d in q.by]
            _check_ids(cells, [""])
            table = _figures(cells, q, keys, ctx)
            if Measure.GROWTH_STREAK in q.measures:
                table = self._add_streak(table, records, q, ctx, keys, files)
            ANSWERS.put(key, table)
            return table

    def answer(
        self, q: Query | None = None, /, unrestricted: bool = False, **kwargs: Any
    ) -> pa.Table:
        """``query``'s answer as it may be published: under the store's disclosure policy
        (``tradestats.disclosure.answer``), suppressed rows null with flag ``c``. Every front
        end asks here; ``unrestricted=True`` keeps the values, still flagged (internal use).

        >>> Engine(store).answer(period="2025", by="partner").column("flag")  # doctest: +SKIP
        """
        from tradestats.disclosure.answer import disclosed

        q = q if q is not None else build_query(kwargs)
        return disclosed(self, q, self.query(q), unrestricted=unrestricted)

    def result(self, q: Query | None = None, /, **kwargs: Any) -> Result:
        """``query``'s answer for Python users: ``.to_pandas()`` (floats; ``exact=True`` for
        Decimals), ``.to_polars()``, ``.to_arrow()``, ``.to_excel(path)``, ``.to_parquet(path)``.

        >>> Engine(store).result(period="2025", by="partner").to_pandas()  # doctest: +SKIP
        """
        return Result(self.query(q, **kwargs))

    def explain(self, q: Query | None = None, /, **kwargs: Any) -> str:
        """How a query is answered: the periods and members resolved, the scan and the cells
        each figure is computed from, then the SQL the backend runs."""
        q = q if q is not None else build_query(kwargs)
        if "," in q.period:
            first = several_periods(q)[0]
            head = f"-- several periods: each is answered as this first one, {first}, is\n"
            return head + self.explain(replace(q, period=first))
        if q.seasonal is not Seasonal.NONE:
            return self._explain_seasonal(q)
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

    def _periods(self, q: Query) -> pa.Table:
        """``period="2024,2025"`` (as Comtrade users ask): each period's answer, in the order
        given, with its resolved label in a first ``period`` column."""
        parts = []
        for period in several_periods(q):
            one = replace(q, period=period)
            table = self.query(one)
            label = pa.array([self.period_label(one)] * table.num_rows, pa.string())
            parts.append(table.add_column(0, "period", label))
        return pa.concat_tables(parts)

    def _explain_seasonal(self, q: Query) -> str:
        from tradestats.seasonal.answer import span_of

        periods = span_of(self, q).engine_periods()
        head = (
            f"seasonal={q.seasonal.value}: the monthly series is asked one engine period at a "
            f"time ({', '.join(periods)}), then each measure is calendar adjusted (regression "
            "with ARIMA errors on Spring Festival and trading-day regressors) and decomposed "
            "by robust STL (docs/seasonal.md). The query of each period:\n\n"
        )
        return head + self.explain(replace(q, seasonal=Seasonal.NONE, period=periods[-1]))

    def period_label(self, q: Query) -> str:
        """The period of ``q`` as its answer names it: a resolved period, or the span of a
        seasonal series.

        >>> Engine("demo-store").period_label(build_query({"period": "2025-YTD"}))  # doctest: +SKIP
        '2025-01..2025-12'
        """
        if "," in q.period:
            return ",".join(self.period_label(replace(q, period=p)) for p in several_periods(q))
        if q.seasonal is not Seasonal.NONE:
            from tradestats.spans import parse_span

            return parse_span(q.period).label
        return self.resolve_period(q.period, q.as_of).label

    def left_out(self, q: Query) -> list[str]:
        """The reporters a like-for-like comparison (``like_for_like=true``) leaves out, for
        lack of the comparison period; empty otherwise.

        >>> eng.left_out(build_query({"period": "2025", "reporter": "!CHN",
        ...                           "like_for_like": "true"}))  # doctest: +SKIP
        ['VNM']
        """
        if not q.like_for_like or "," in q.period or q.seasonal is not Seasonal.NONE:
            return []
        with self._lock:
            ctx, _ = self._context(q)
        return list(ctx.reading.left_out)

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

    def figures(self, queries: Sequence[Query]) -> dict[int, Any]:
        """The values (first measure) of the queries one shared scan per period can give,
        by their position in ``queries``; the others (breakdowns, and queries that read the
        store differently or that the data refuse) are left out, for ``query`` to answer
        one by one with its own error. A front end asking many single figures (the
        checker) asks them together here first.

        >>> qs = [build_query({"period": "2025", "flow": "export", "measures": "yoy_pct"})]
        >>> eng.figures(qs)  # doctest: +SKIP
        {0: Decimal('6.10000000000000000000')}
        """
        groups: dict[tuple[str, str | None], list[tuple[str, Query]]] = {}
        for i, q in enumerate(queries):
            if batchable(q):
                groups.setdefault((q.period, q.as_of), []).append((str(i), q))
        out: dict[int, Any] = {}
        for items in groups.values():
            try:
                found = self._batch(items) or {}
            except TradestatsError:  # one query the data refuse: each on its own
                continue
            out |= {int(n): v for n, v in found.items()}
        return out

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
            steps = batch(records, plain, ctx, self._tools(files))
            # The later steps read the materialized cube by its scratch name, as _run_batch does.
            cube = ibis.table(steps.small.schema(), name=self.backend.scratch("cube"))
            sql = [("the cube, materialized once", steps.small)]
            sql.append(("every figure's cells, over the cube", steps.cells(cube)))
            sql += [(f"monthly sums of the streak {t}", e) for t, e in steps.monthly(cube).items()]
            sql += [(f"distinct enterprises {t}", e) for t, e in steps.distinct.items()]
            sql += [(f"per-partner sums {t}", e) for t, e in steps.partners.items()]
            text = describe(plain, ctx, steps, len(files), batched=True)
            parts = [
                f"-- step {i}: {what}\n{self.backend.to_sql(e)};"
                for i, (what, e) in enumerate(sql, 1)
            ]
        return text + "\n" + "\n\n".join(parts) + "\n"

    def _batch(self, items: list[tuple[str, Query]]) -> dict[str, Any] | None:
        """The figures of ``items`` from one scan into a cube (plus one for distinct
        enterprises and one per-partner, when asked); None when they read the store
        differently. Growth streaks join only when the cube holds every month they walk."""
        with self._lock:
            shared = self._shared_context(items)
            if shared is None:
                return None
            ctx, files = shared
            items = [(n, q) for n, q in items if self._foldable(q, ctx)]
            if not items or FACTS.of(files).world:  # declared totals: see plan.grouped
                return None
            key = self._key("batch", tuple((n, replace(q, as_of=None)) for n, q in items), files)
            found = ANSWERS.get(key)
            if found is None:
                records = self.backend.records(files)
                found = self._run_batch(
                    key, files, lambda t: self._plan_batch(records, items, ctx, t)
                )
                ANSWERS.put(key, found)
        return _batch_figures(found, items, ctx, self._streak_months(items[0][1], ctx))

    def _plan_batch(
        self, records: Any, items: list[tuple[str, Query]], ctx: PeriodContext, tools: Tools
    ) -> BatchPlan:
        self._check_levels(records, [q for _, q in items], ctx)
        return batch(records, items, ctx, tools)

    def _foldable(self, q: Query, ctx: PeriodContext) -> bool:
        """A streak joins a batch when the months it walks are all in the batch's cube."""
        if Measure.GROWTH_STREAK not in q.measures:
            return True
        read = set(ctx.periods(True))
        return not ctx.reading.exact and set(self._streak_months(q, ctx)) <= read

    def _run_batch(
        self, key: tuple[Any, ...], files: Sequence[Path], build: Callable[[Tools], BatchPlan]
    ) -> BatchCells:
        """Run a batch's steps (compiled once, like ``_cells``): materialize the cube, take the
        cells and monthly sums from it, then the scans of their own."""
        compiled = PLANS.get(key)
        cube = self.backend.scratch("cube")
        if compiled is None:
            made: list[tuple[str, pa.Table]] = []

            def register(name: str, table: pa.Table) -> Any:
                made.append((name, table))
                return self.backend.register(name, table)

            plan = build(self._tools(files, register))
            cube_sql = self.backend.compile(plan.small)[0]
            small = self.backend.materialize(cube, cube_sql)
            compile_ = self.backend.compile
            compiled = CompiledBatch(
                cube_sql,
                compile_(plan.cells(small)),
                {tag: compile_(e) for tag, e in plan.monthly(small).items()},
                {tag: compile_(e) for tag, e in plan.distinct.items()},
                {tag: compile_(e) for tag, e in plan.partners.items()},
                tuple(made),
                cube,
            )
            PLANS.put(key, compiled)
        else:
            for name, table in compiled.tables:
                self.backend.register(name, table)
            self.backend.materialize(cube, compiled.cube_sql)
        try:
            run = lambda sql, schema: self.backend.run(sql.replace(compiled.cube, cube), schema)  # noqa: E731
            cells = run(*compiled.cells)
            monthly = {tag: run(*c) for tag, c in compiled.monthly.items()}
        finally:
            self.backend.release(cube)
        for c in compiled.distinct.values():
            cells = _beside(cells, self.backend.run(*c))
        partners = {tag: self.backend.run(*c) for tag, c in compiled.partners.items()}
        return BatchCells(cells, monthly, partners)

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

    def _tools(self, files: Sequence[Path], register: Any = None) -> Tools:
        """What plans over ``files`` read of them, and where their code tables go."""
        return Tools(
            codes=lambda: FACTS.of(files).codes,
            register=register or self.backend.register,
            world=lambda: FACTS.of(files).world,
        )

    def _cells(
        self, key: tuple[Any, ...], files: Sequence[Path], build: Callable[[Tools], Any]
    ) -> pa.Table:
        """Run the plan of ``key``: compiled once (``build`` makes its expression, checks
        included) and reused while its files are live, by every engine of the process."""
        compiled = PLANS.get(key)
        if compiled is None:
            made: list[tuple[str, pa.Table]] = []

            def register(name: str, table: pa.Table) -> Any:
                made.append((name, table))
                return self.backend.register(name, table)

            expr = build(self._tools(files, register))
            compiled = CompiledPlan(*self.backend.compile(expr), tuple(made))
            PLANS.put(key, compiled)
        for name, table in compiled.tables:  # code tables of a plan compiled elsewhere
            self.backend.register(name, table)
        return self.backend.run(compiled.sql, compiled.schema)

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
        key = self._key("monthly", (replace(q, as_of=None), tuple(months)), files)
        rows = self._cells(key, files, lambda t: monthly(records, q, ctx, months, t)).to_pylist()
        found = streaks(rows, keys, months, q, end)
        cols = [table.column(k).to_pylist() for k in keys]
        key_rows = list(zip(*cols, strict=True)) if keys else [()] * table.num_rows
        values = pa.array([found.get(k) for k in key_rows], pa.int64())
        i = table.column_names.index(Measure.GROWTH_STREAK.value)
        return table.set_column(i, Measure.GROWTH_STREAK.value, values)


def _beside(a: pa.Table, b: pa.Table) -> pa.Table:
    """Two one-row tables side by side."""
    for name in b.column_names:
        a = a.append_column(name, b.column(name))
    return a


def _batch_figures(
    found: BatchCells, items: list[tuple[str, Query]], ctx: PeriodContext, months: list[str]
) -> dict[str, Any]:
    """Each item's figure from the batch's cells, per-partner sums and monthly sums."""
    tags = batch_tags(items)
    columns = {k: [v] for k, v in found.cells.to_pylist()[0].items()}
    out: dict[str, Any] = {}
    for name, q in items:
        tag = tags[(q.selection, q.basis.value)]
        parent = tags.get((q.parent_selection(), q.basis.value), "")
        if Measure.ENTERPRISES in q.measures:
            _check_ids(found.cells, [tag])
        m = q.measures[0]
        if m is Measure.GROWTH_STREAK:
            rows = found.monthly[tag].to_pylist()
            out[name] = streaks(rows, [], months, q, end_bucket(ctx.cur, q.grain)).get(())
            continue
        cols = dict(columns)
        if tag in found.partners:
            cols |= per_partner_cells(found.partners[tag], tag, ctx.prev_ok)
        got = derive(Cells(cols, tag, parent, q.basis, ctx.prev_ok, 1), q.measures)
        out[name] = got[m.value][0].as_py()
    return out


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
