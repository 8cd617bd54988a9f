"""Everything a bulletin needs from the engine, asked once: indicators, history, tables.

The bulletin computes no figure itself. Indicator values come from one batched
``Engine.indicators`` call; tables from ``Engine.query``; the "record" wording from the same
indicator in earlier comparable periods present in the store.

Example:
    >>> ev = Evaluator.open("demo-store", load_spec(), "2025")     # doctest: +SKIP
    >>> ev.values(["total.value"])["total.value"].value              # doctest: +SKIP
    Decimal('45470000030052.97')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tradestats.bulletin.spec import Spec, TableSpec
from tradestats.engine import Engine, IndicatorResult, StoreLike
from tradestats.errors import NoData, UsageError
from tradestats.indicators.contract import build_query
from tradestats.indicators.library import Library
from tradestats.indicators.periods import Period, quarter_of, summarize
from tradestats.indicators.query import Grain, Query

MIN_YEAR = 1950  # the first year a stored period may have (records.py)


def month_before(month: str) -> str:
    """``2025-01`` -> ``2024-12``.

    >>> month_before("2025-01"), month_before("2025-10")
    ('2024-12', '2025-09')
    """
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


@dataclass(frozen=True)
class History:
    """The same indicator in earlier comparable periods (oldest first)."""

    periods: tuple[str, ...]
    values: tuple[Any, ...]

    def is_record(self, value: Any) -> bool:
        """True when ``value`` exceeds every earlier value (and there is at least one)."""
        earlier = [v for v in self.values if v is not None]
        return value is not None and bool(earlier) and all(value > v for v in earlier)


def with_library(engine: Engine, spec: Spec) -> Engine:
    """An engine over the same store whose library also holds the spec's indicators."""
    if not spec.indicators:
        return engine
    merged = Library({**engine.library.indicators, **spec.indicators})
    return Engine(engine.store, reference=engine.reference, backend=engine.backend, library=merged)


def resolve_period(engine: Engine, period: str) -> Period:
    """The period, checked against the store by the engine (months, runs of months or annual
    data): NoData naming the periods it has when it cannot be read."""
    p = engine.resolve_period(period)
    if not engine.answers(p.label):
        available = engine.store.periods()
        raise NoData(
            f"the store has no data for {p.label}",
            hint=f"periods in the store: {summarize(available)}",
        )
    return p


class Evaluator:
    """Engine calls for one spec and one period."""

    def __init__(self, engine: Engine, spec: Spec, period: str) -> None:
        self.engine = with_library(engine, spec)
        self.spec = spec
        self.period = resolve_period(self.engine, period)
        self.available = set(self.engine.store.periods())
        self.problems: list[str] = []

    @classmethod
    def open(
        cls, store: Engine | StoreLike | str | os.PathLike[str], spec: Spec, period: str
    ) -> Evaluator:
        """An evaluator over an engine, or over a store (a new default engine)."""
        engine = store if isinstance(store, Engine) else Engine(store)
        return cls(engine, spec, period)

    @property
    def label(self) -> str:
        return self.period.label

    def values(self, names: list[str]) -> dict[str, IndicatorResult]:
        """Named indicators for the period, in one batched engine call.

        When the batch fails (e.g. a quarterly streak asked for a period ending mid-quarter),
        each indicator is asked alone; those that still fail get the value None and the
        reason goes to ``self.problems``.
        """
        unique = list(dict.fromkeys(names))
        if not unique:
            return {}
        try:
            return self.engine.indicators(unique, period=self.label)
        except UsageError:
            return {n: self._one(n) for n in unique}

    def _one(self, name: str) -> IndicatorResult:
        try:
            return self.engine.indicator(name, period=self.label)
        except UsageError as err:
            self.problems.append(f"{name}: {err}")
            ind = self.engine.library.get(name)
            return IndicatorResult(name, self.label, None, ind.unit, ind)

    def query(self, name: str) -> Query:
        """The query behind an indicator for this period."""
        return self.engine.library.get(name).query(self.label)

    def history(self, names: list[str]) -> dict[str, History]:
        """Each indicator in every earlier year whose same months are all in the store."""
        earlier: list[Period] = []
        p = self.period.previous_year()
        while p.year >= MIN_YEAR and self.engine.answers(p.label):
            earlier.insert(0, p)
            p = p.previous_year()
        rows = [self.engine.indicators(list(dict.fromkeys(names)), period=e.label) for e in earlier]
        labels = tuple(e.label for e in earlier)
        return {n: History(labels, tuple(r[n].value for r in rows)) for n in names}

    def streak_end(self, name: str) -> str:
        """The last bucket of a streak indicator: ``2025-Q4`` or ``2025-12``."""
        last = self.period.months()[-1]
        return last if self.query(name).grain is Grain.MONTH else quarter_of(last)

    def streak_first(self, name: str) -> str | None:
        """The earliest bucket whose growth the store can compute (it and a year before it
        complete): a streak reaching back to it may be longer than the store shows."""
        monthly = self.query(name).grain is Grain.MONTH
        buckets: dict[str, list[str]] = {}
        for m in sorted(self.available):
            buckets.setdefault(m if monthly else quarter_of(m), []).append(m)
        for bucket, months in sorted(buckets.items()):
            before = [f"{int(m[:4]) - 1}{m[4:]}" for m in months]
            if len(months) == (1 if monthly else 3) and all(b in self.available for b in before):
                return bucket
        return None

    def table(self, t: TableSpec) -> tuple[Query, pa.Table]:
        """The query of a table for this period, and its result.

        An adjusted series (``seasonal: sa|trend``) is asked over the stored months without a
        gap up to the period's end, as an adjustment needs years; the period's months are kept.
        """
        if t.seasonal is None:
            q = build_query({"period": self.label, **t.query})
            return q, self.engine.answer(q)
        q = build_query({**t.query, "period": self.series_span()})
        result = self.engine.answer(q)
        months = pa.array(self.period.months())
        return q, result.filter(pc.is_in(result["month"], value_set=months))

    def total(self, t: TableSpec) -> pa.Table | None:
        """A table's total row: its query without the breakdown (None when it has none)."""
        if not t.total:
            return None
        asked = {k: v for k, v in t.query.items() if k not in ("by", "top")}
        return self.engine.answer(build_query({"period": self.label, **asked}))

    def series_span(self) -> str:
        """The stored months without a gap that end with the period's last month.

        >>> Evaluator.series_span(ev)                                    # doctest: +SKIP
        '2015-01..2025-12'
        """
        last = self.period.months()[-1]
        first = last
        while (before := month_before(first)) in self.available:
            first = before
        return f"{first}..{last}"

    def index_table(self, t: TableSpec) -> tuple[dict[str, Any], pa.Table]:
        """An index table: the period's year against the year before (= 100), annual chain;
        the question as its parameters, and the rows of the period's year."""
        from tradestats.indices.question import build_indices

        year = self.period.year
        if len(self.period.months()) != 12:
            raise UsageError(
                f"an index table compares whole years; {self.label} is not one",
                hint="render the bulletin of a year, or leave the index table out",
            )
        params = {**(t.indices or {}), "period": f"{year - 1}..{year}", "chain": "year",
                  "base": str(year - 1)}  # fmt: skip
        result = build_indices(params).answer(self.engine)
        return params, result.filter(pc.equal(result["period"], str(year)))
