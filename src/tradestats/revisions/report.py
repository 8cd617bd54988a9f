"""Revision reports: a figure (or every row of a table) in every vintage of the store, the
revision between consecutive releases, and the usual summary statistics.

A *release* of a figure is a committed batch that changed the records the figure reads (its
months, and the year before for growth and other comparisons), provided the figure can be
computed as of that batch. The figure's value at each release comes from the engine itself
(``Engine.query(..., as_of=batch)``), so the report shows exactly what was, or would have
been, published then.

Summary statistics follow the usual revision analysis (OECD/Eurostat revision triangles):

- per row, over its consecutive revisions ``r_k = v_k - v_(k-1)``: the mean revision (bias)
  ``MR = sum(r_k) / n`` and the mean absolute revision ``MAR = sum(|r_k|) / n``;
- the total revision, latest minus first release;
- over the rows of a table, the mean and the mean absolute *total* revision.

Money is exact (Decimal); means of money are exact fractions rounded half-up to the cent.

Example:
    >>> report = revision_report(engine, period="2025-01", flow="export")   # doctest: +SKIP
    >>> [r.batch for r in report.releases]                                  # doctest: +SKIP
    ['b000001', 'b000003', 'b000004']
    >>> report.rows[0].mean_absolute_revision                               # doctest: +SKIP
    Decimal('8.00')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from tradestats.errors import TradestatsError, UsageError
from tradestats.indicators.periods import parse_period
from tradestats.indicators.query import Query

CENT = Decimal("0.01")
Value = Decimal | float | int | None


@dataclass(frozen=True)
class Release:
    """A batch at which the figure changed."""

    batch: str
    committed_at: str
    mode: str
    note: str | None


@dataclass
class RevisionRow:
    """One figure (a row of the table) across the releases."""

    key: tuple[Any, ...]
    values: list[Value]

    @property
    def revisions(self) -> list[Value]:
        """Revision at each release after the first (None where either value is missing)."""
        return [_minus(b, a) for a, b in zip(self.values, self.values[1:], strict=False)]

    @property
    def total_revision(self) -> Value:
        """Latest minus first release (None unless both exist)."""
        known = [v for v in self.values if v is not None]
        return _minus(known[-1], known[0]) if len(known) > 1 else None

    @property
    def mean_revision(self) -> Value:
        return _mean([r for r in self.revisions if r is not None])

    @property
    def mean_absolute_revision(self) -> Value:
        return _mean([abs(r) for r in self.revisions if r is not None])


@dataclass
class RevisionReport:
    """A figure or table across its releases."""

    measure: str
    keys: tuple[str, ...]
    releases: list[Release] = field(default_factory=list)
    rows: list[RevisionRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # batches at which it could not be computed

    @property
    def mean_total_revision(self) -> Value:
        return _mean([t for r in self.rows if (t := r.total_revision) is not None])

    @property
    def mean_absolute_total_revision(self) -> Value:
        return _mean([abs(t) for r in self.rows if (t := r.total_revision) is not None])

    def long_rows(self) -> list[dict[str, Any]]:
        """One dict per (row, release): keys, release, value, revision since the last release."""
        out = []
        for row in self.rows:
            revisions = [None, *row.revisions]
            for rel, value, rev in zip(self.releases, row.values, revisions, strict=True):
                item = dict(zip(self.keys, row.key, strict=True))
                item |= {
                    "release": rel.batch,
                    "committed_at": rel.committed_at,
                    self.measure: value,
                    "revision": rev,
                }
                out.append(item)
        return out

    def summary_rows(self) -> list[dict[str, Any]]:
        """One dict per row: first and latest value, total, mean and mean absolute revision."""
        out = []
        for row in self.rows:
            known = [v for v in row.values if v is not None]
            item = dict(zip(self.keys, row.key, strict=True))
            item |= {
                "releases": len(known),
                "first": known[0] if known else None,
                "latest": known[-1] if known else None,
                "total_revision": row.total_revision,
                "mean_revision": row.mean_revision,
                "mean_absolute_revision": row.mean_absolute_revision,
            }
            out.append(item)
        return out


def _minus(b: Value, a: Value) -> Value:
    if a is None or b is None:
        return None
    return b - a  # type: ignore[operator]


def _mean(items: list[Any]) -> Value:
    """Exact mean of Decimals (half-up to the cent), float mean of floats; None when empty."""
    if not items:
        return None
    if all(isinstance(v, Decimal | int) for v in items):
        exact = sum((Fraction(v) for v in items), Fraction(0)) / len(items)
        quotient = Decimal(exact.numerator) / Decimal(exact.denominator)  # exact when it ends
        return quotient.quantize(CENT, rounding=ROUND_HALF_UP)
    return sum(float(v) for v in items) / len(items)


def _months_of(stored: str) -> set[str]:
    """The months a stored period covers: ``2025``, ``2025-03``, ``2025-01..2025-03``."""
    if ".." in stored:
        first, last = stored.split("..")
        year = first[:4]
        return {f"{year}-{m:02d}" for m in range(int(first[5:7]), int(last[5:7]) + 1)}
    if len(stored) == 4:
        return {f"{stored}-{m:02d}" for m in range(1, 13)}
    return {stored}


def relevant_months(engine: Any, query: Query) -> set[str]:
    """The months the figure reads: its period, and the year before when it compares."""
    period = parse_period(query.period).resolve_ytd(engine.store.periods())
    months = set(period.months())
    if query.needs_previous():
        months |= set(period.previous_year().months())
    return months


def releases(engine: Any, query: Query) -> list[Release]:
    """Every committed batch that wrote one of the months the figure reads, oldest first."""
    months = relevant_months(engine, query)
    found = []
    for rec in engine.store.batches():
        if any(_months_of(p) & months for p in rec.periods):
            found.append(Release(rec.id, rec.committed_at, rec.mode, rec.note))
    return found


def revision_report(engine: Any, **query: Any) -> RevisionReport:
    """The figure or table that ``Engine.query(**query)`` gives, at every release.

    One measure only; ``as_of`` is the report's own business. Rows are matched across
    releases by their breakdown keys.
    """
    if "as_of" in query:
        raise UsageError("a revision report reads every vintage: leave out as_of")
    q = Query.build(**query)
    if len(q.measures) != 1:
        raise UsageError("a revision report follows one measure", hint="give one --measure")
    measure = q.measures[0].value
    keys = tuple(d.value for d in q.by)
    report = RevisionReport(measure, keys)
    columns: list[dict[tuple[Any, ...], Value]] = []
    for rel in releases(engine, q):
        try:
            table = engine.query(**query, as_of=rel.batch)
        except TradestatsError as err:
            report.skipped.append(f"{rel.batch}: {err}")
            continue
        report.releases.append(rel)
        cols = [table.column(k).to_pylist() for k in keys]
        values = table.column(measure).to_pylist()
        rows = list(zip(*cols, strict=True)) if keys else [()] * len(values)
        columns.append(dict(zip(rows, values, strict=True)))
    if not report.releases:
        raise UsageError(
            "the figure cannot be computed at any release of the store",
            hint="; ".join(report.skipped[:3]) or "no batch holds its periods",
        )
    order: dict[tuple[Any, ...], None] = {}
    for col in reversed(columns):  # latest release's row order first, then rows since gone
        order |= dict.fromkeys(col)
    report.rows = [RevisionRow(k, [col.get(k) for col in columns]) for k in order]
    return report
