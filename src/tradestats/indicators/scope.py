"""Which rows answer a query: the reporters in scope and, per reporter, the stored periods read.

Rules (docs/indicators.md, "Reporters, annual data, cumulative figures"):

* **Reporters.** Figures of several reporters are never added up unless asked: when the rows of
  the period come from more than one reporter, the query must name them (``reporter=CHN``, or a
  list or group to add up) or break down by reporter. Rows without a reporter are the store's
  own, named ``own``.
* **Periods.** Per reporter, the reporting period is read from stored periods that tile its
  months (``tiling.cover``): months first, runs of months where months are missing, the annual
  figure only for a whole year. The comparison year is read the same way, from the same kind
  (annual against annual, months or runs against months or runs); when it cannot be, measures
  needing it are NULL.
* Breakdowns by month or quarter and growth streaks need figures inside one month or quarter;
  money measures need their currency in the data.

Example::

    reading = plan(query, period, coverage, reference, available)
    reading.routes[0].cur        # (Piece('2025-01'), ..., Piece('2025-12'))
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from tradestats.errors import BadParameter, NoData, Unsupported
from tradestats.indicators.coverage import Coverage
from tradestats.indicators.periods import Period, summarize
from tradestats.indicators.query import (
    BASIS_FREE,
    COUNTS,
    MONEY_MEASURES,
    NEEDS_PARENT,
    VALUATIONS,
    Dim,
    Filter,
    Measure,
    Query,
    Selection,
)
from tradestats.indicators.reference_api import ReferenceLike
from tradestats.indicators.resolve import OWN_REPORTER, Resolver
from tradestats.indicators.tiling import (
    Piece,
    cover,
    in_bucket,
    is_annual,
    is_month,
    overlapping,
    span,
    uncovered,
)

Reporter = str | None


@dataclass(frozen=True)
class Route:
    """Reporters read the same way: pieces of the period and of the year before (None: missing).

    ``reporters`` None means no reporter condition is needed (the data have one reporter).
    """

    reporters: frozenset[Reporter] | None
    cur: tuple[Piece, ...]
    prev: tuple[Piece, ...] | None


@dataclass(frozen=True)
class Reading:
    """How a query reads the store: its routes, and facts about the periods read."""

    routes: tuple[Route, ...]
    exact: bool = False  # periods other than months are read: compare period text exactly
    aggregated: bool = False  # rows with a product level (TOTAL, 2 or 4 digits) are read
    left_out: tuple[str, ...] = ()  # reporters a like-for-like comparison leaves out

    @property
    def prev_ok(self) -> bool:
        return all(r.prev is not None for r in self.routes)

    def periods(self, with_prev: bool) -> list[str]:
        """Stored periods to read, sorted."""
        found = {p.period for r in self.routes for p in r.cur}
        if with_prev:
            found |= {p.period for r in self.routes for p in r.prev or ()}
        return sorted(found)

    def negatives(self) -> tuple[str, ...]:
        """Stored periods subtracted (cumulative differences)."""
        pieces = [p for r in self.routes for p in (*r.cur, *(r.prev or ()))]
        return tuple(sorted({p.period for p in pieces if p.weight < 0}))

    def simple(self) -> bool:
        """One route over months only, for every reporter: plain month ranges suffice."""
        return len(self.routes) == 1 and self.routes[0].reporters is None and not self.exact

    def reporters(self) -> frozenset[Reporter] | None:
        """Every reporter read, or None when no reporter condition is needed."""
        if any(r.reporters is None for r in self.routes):
            return None
        return frozenset().union(*(r.reporters or () for r in self.routes))


def shown(reporter: Reporter) -> str:
    """A reporter as the messages name it (``own`` for rows without one)."""
    return OWN_REPORTER if reporter is None else reporter


def _names(reporters: Iterable[Reporter]) -> str:
    return ", ".join(sorted(shown(r) for r in reporters))


def _touches(stored: str, period: Period) -> bool:
    s = span(stored)
    last = period.months()[-1]
    return s is not None and s[0] == period.year and s[1] <= int(last[5:]) and s[2] >= period.first


def _active(cov: Coverage, period: Period) -> set[Reporter]:
    """Reporters with a stored period touching the months of ``period``."""
    return {r for (p, r), h in cov.holdings.items() if h.rows and _touches(p, period)}


def _matching(found: set[Reporter], flt: Filter, res: Resolver) -> set[Reporter]:
    """Reporters kept by a reporter filter (NULL never matches an include unless ``own``)."""
    inc: set[Reporter] = set().union(*(res.reporter_codes(k) for k in flt.include))
    exc: set[Reporter] = set().union(*(res.reporter_codes(k) for k in flt.exclude))
    return {r for r in found if (not flt.include or r in inc) and r not in exc}


def _check_several(found: set[Reporter], sel: Selection, q: Query, label: str) -> None:
    """Several reporters are added up only when asked: named (reporter=A,B), or every reporter
    but some (reporter=!USA)."""
    if len(found) > 1 and not sel.reporter and Dim.REPORTER not in q.by:
        raise BadParameter(
            "reporter",
            f"the data for {label} come from several reporters ({_names(found)}); their"
            " figures are not added up unless asked",
            hint="choose one with reporter=CODE, name several to add them up (reporter=A,B),"
            " add up all but some (reporter=!CODE), or break down by reporter",
        )


def _scope(q: Query, cur: Period, cov: Coverage, ref: ReferenceLike) -> set[Reporter]:
    res = Resolver(ref, cur.end_date(), ())
    active = _active(cov, cur)
    sels = [q.selection]
    if NEEDS_PARENT & set(q.measures):
        sels.append(q.parent_selection())
    scope: set[Reporter] = set()
    for sel in sels:
        found = _matching(active, sel.reporter, res)
        if not found:
            raise NoData(
                f"no data for reporter {', '.join(sel.reporter.include) or 'selected'}"
                f" in {cur.label}",
                hint=f"reporters with data for {cur.label}: {_names(active)}",
            )
        _check_several(found, sel, q, cur.label)
        scope |= found
    return scope


def _allowed(q: Query) -> tuple[int | None, str]:
    """Bucket size the pieces must fit in (1 month, 3 a quarter), and what asks for it."""
    if Dim.MONTH in q.by:
        return 1, "a breakdown by month"
    if Measure.GROWTH_STREAK in q.measures and q.grain.value == "month":
        return 1, "a monthly growth streak"
    if Dim.QUARTER in q.by:
        return 3, "a breakdown by quarter"
    if Measure.GROWTH_STREAK in q.measures:
        return 1, "a growth streak (read from months)"
    return None, ""


def _missing(
    reporter: Reporter, cur: Period, held: Collection[str], why: str, named: bool
) -> NoData | Unsupported:
    """Why ``cur`` cannot be read for ``reporter`` (``named``: say which reporter)."""
    last = int(cur.months()[-1][5:])
    whose = f" for reporter {shown(reporter)}" if named else ""
    hint = f"periods held: {summarize(sorted(held))}"
    if gaps := uncovered(cur.year, cur.first, last, held):
        listed = ", ".join(gaps) if len(gaps) < 4 else summarize(gaps)
        return NoData(f"no data for {listed}{whose} (period {cur.label})", hint=hint)
    wide = overlapping(cur.year, cur.first, last, held)
    if why or not wide:
        touching = [p for p in sorted(held) if (s := span(p)) and s[0] == cur.year]
        msg = f"{why} needs figures inside one month or quarter, but {cur.label}{whose} is held"
        kind = f" ({_kind(touching)})" if _kind(touching) else ""
        return Unsupported(f"{msg} as {summarize(touching)}{kind}", hint=hint)
    verb = "holds" if len(wide) == 1 else "hold"
    return NoData(
        f"no figure for {cur.label}{whose}: {', '.join(wide)} {verb} {_kind(wide)}, never"
        " split into months",
        hint=hint,
    )


def _kind(periods: Sequence[str]) -> str:
    """What stored periods other than months are, for messages ('' for months)."""
    if periods and all(is_annual(p) for p in periods):
        return "annual data"
    return "combined or cumulative figures" if any(not is_month(p) for p in periods) else ""


def _pieces(
    reporter: Reporter, cur: Period, cov: Coverage, bucket: tuple[int | None, str], named: bool
) -> tuple[tuple[Piece, ...], tuple[Piece, ...] | None]:
    """Pieces of the period and of the year before for one reporter."""
    size, why = bucket
    held = cov.periods(reporter)
    usable = [p for p in held if size is None or in_bucket(p, size)]
    last = int(cur.months()[-1][5:])
    now = cover(cur.year, cur.first, last, usable)
    if now is None:
        raise _missing(reporter, cur, held, why, named)
    annual = len(now) == 1 and is_annual(now[0].period)
    before = cover(cur.year - 1, cur.first, last, usable, annual=annual)
    return now, before


def _routes(scope: set[Reporter], q: Query, cur: Period, cov: Coverage) -> tuple[Route, ...]:
    bucket = _allowed(q)
    grouped: dict[tuple[tuple[Piece, ...], tuple[Piece, ...] | None], set[Reporter]] = {}
    single = len(cov.reporters()) == 1
    for r in sorted(scope, key=shown):
        key = _pieces(r, cur, cov, bucket, not single)
        grouped.setdefault(key, set()).add(r)
    return tuple(
        Route(None if single else frozenset(rs), now, before)
        for (now, before), rs in grouped.items()
    )


def _check_measures(q: Query, routes: Sequence[Route], cov: Coverage, label: str) -> None:
    """Counts cannot come from differences; money measures need their currency in the data."""
    if COUNTS & set(q.measures) and any(p.weight < 0 for r in routes for p in r.cur):
        raise Unsupported(
            f"{label} is read as a difference of cumulative figures: rows and distinct codes"
            " cannot be counted from it",
            hint="ask for money measures, or for a period the stored figures cover",
        )
    wanted = {m.value for m in q.measures if m in MONEY_MEASURES}
    if q.top is not None or any(m not in BASIS_FREE for m in q.measures):
        wanted.add(q.basis.value)
    for route in routes:
        reporters = route.reporters or set(cov.reporters())
        held = cov.total([p.period for p in route.cur], reporters)
        for column in sorted(wanted - set(VALUATIONS)):  # valuations: rows counted (derive.py)
            if held.rows and not held.has(column):
                have = held.currencies()
                raise Unsupported(
                    f"the data for {label} have no {column}, only {', '.join(have) or 'no money'}",
                    hint=f"use basis and measure {' or '.join(have)}" if have else None,
                )


def plan(
    q: Query, cur: Period, cov: Coverage, ref: ReferenceLike, available: Sequence[str]
) -> Reading:
    """The reading of ``q`` over the period ``cur`` (YTD resolved); UsageError when impossible."""
    if not _active(cov, cur):
        held = [p for p in available if span(p) and span(p)[0] == cur.year]  # type: ignore[index]
        err = _missing(None, cur, held, "", False)
        raise NoData(err.message, hint=f"periods in the store: {summarize(list(available))}")
    scope = _scope(q, cur, cov, ref)
    routes = _routes(scope, q, cur, cov)
    left_out: tuple[str, ...] = ()
    if q.like_for_like:
        routes, left_out = _comparable(routes, cur)
    _check_measures(q, routes, cov, cur.label)
    read = {p.period for r in routes for p in (*r.cur, *(r.prev or ()))}
    return Reading(
        routes,
        exact=any(not is_month(p) for p in read),
        aggregated=cov.total(read, scope).aggregated > 0,
        left_out=left_out,
    )


def _comparable(
    routes: tuple[Route, ...], cur: Period
) -> tuple[tuple[Route, ...], tuple[str, ...]]:
    """The routes of the reporters that have the comparison period, and the names of those left
    out; NoData when none has it (a lone reporter without one keeps its NULL growth)."""
    kept = tuple(r for r in routes if r.prev is not None)
    gone = sorted(shown(x) for r in routes if r.prev is None for x in (r.reporters or ()))
    if not gone:
        return routes, ()
    if not kept:
        raise NoData(
            f"no reporter has data for both {cur.label} and a year earlier ({', '.join(gone)}"
            " lack the comparison period)",
            hint="ask without like_for_like for the values",
        )
    return kept, tuple(gone)
