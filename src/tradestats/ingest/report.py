"""The reconciliation report of an ingest: what was read, accepted and quarantined.

The invariants it states (and the ingest checks before committing):

- rows read = rows accepted + rows quarantined + rows skipped (blank lines are counted apart,
  they hold no row; "skipped" rows are aggregates a source adapter deliberately leaves out, such
  as UN Comtrade's partner World, counted by reason with their values);
- for each currency, value read = value accepted + value quarantined + value skipped, where
  "value read" sums every value that parses as a number, and rows whose value is not a number
  are counted.

Example:
    >>> r = IngestReport(rows_read=3, rows_accepted=2, rows_quarantined=1)
    >>> r.balanced
    True
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass
class CurrencyTotals:
    """Sums of one currency's values, exact, as read, accepted and quarantined."""

    read: Decimal = Decimal(0)
    accepted: Decimal = Decimal(0)
    quarantined: Decimal = Decimal(0)
    unparseable_rows: int = 0
    skipped: Decimal = Decimal(0)

    @property
    def balanced(self) -> bool:
        return self.read == self.accepted + self.quarantined + self.skipped


@dataclass
class Skipped:
    """Rows an adapter left out for one reason (an aggregate beside its detail), with values.

    >>> Skipped(rows=2, values={"USD": Decimal("10.50")}).rows
    2
    """

    rows: int = 0
    values: dict[str, Decimal] = field(default_factory=dict)

    def add(self, rows: int, values: dict[str, Decimal]) -> None:
        self.rows += rows
        for cur, v in values.items():
            self.values[cur] = self.values.get(cur, Decimal(0)) + v


@dataclass
class IngestReport:
    """Everything an ingest did, for people (``render``) and machines (``to_json``)."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    rows_read: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    rows_skipped: int = 0
    blank_lines: int = 0
    values: dict[str, CurrencyTotals] = field(default_factory=dict)
    rejects_by_field: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    mode: str = "new"
    batch: str | None = None
    committed: bool = False
    quarantine_file: str | None = None
    report_file: str | None = None
    stored_duplicates: int = 0
    # "direct": DuckDB's parallel reader staged a clean file; "checked": read row by row with
    # every line known (the route that can quarantine). Both stage the same rows.
    route: str = "checked"
    skipped: dict[str, Skipped] = field(default_factory=dict)  # reason -> rows and values
    notes: list[str] = field(default_factory=list)  # what adapters want the reader to know

    @property
    def rows_balanced(self) -> bool:
        return self.rows_read == self.rows_accepted + self.rows_quarantined + self.rows_skipped

    @property
    def balanced(self) -> bool:
        return self.rows_balanced and all(v.balanced for v in self.values.values())

    def add_skipped(self, reason: str, rows: int, values: dict[str, Decimal]) -> None:
        """Count ``rows`` left out for ``reason`` (their values per currency)."""
        self.skipped.setdefault(reason, Skipped()).add(rows, values)
        self.rows_skipped += rows

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["values"] = {
            cur: {k: str(v) for k, v in asdict(t).items()} for cur, t in self.values.items()
        }
        doc["skipped"] = {
            reason: {"rows": t.rows, "values": {c: str(v) for c, v in t.values.items()}}
            for reason, t in self.skipped.items()
        }
        doc["balanced"] = self.balanced
        return doc

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False)

    def render(self, console: Console, max_problems: int = 20) -> None:
        """Print the reconciliation table and the first problems."""
        status = f"batch {self.batch} committed" if self.committed else "nothing committed"
        table = Table(title=f"Reconciliation ({status})")
        skips = bool(self.rows_skipped)  # the column appears only when an adapter skipped rows
        names = ("", "read", "accepted", "quarantined", *(("skipped",) if skips else ()))
        for name in (*names, "balanced"):
            table.add_column(name, justify="right" if name else "left")
        table.add_row(
            "rows",
            f"{self.rows_read:,}",
            f"{self.rows_accepted:,}",
            f"{self.rows_quarantined:,}",
            *((f"{self.rows_skipped:,}",) if skips else ()),
            "yes" if self.rows_balanced else "NO",
        )
        for cur, t in self.values.items():
            table.add_row(
                f"value {cur}",
                money(t.read),
                money(t.accepted),
                money(t.quarantined),
                *((money(t.skipped),) if skips else ()),
                "yes" if t.balanced else "NO",
            )
        console.print(table)
        notes = list(self.notes)
        for reason, sk in self.skipped.items():
            amounts = ", ".join(f"{c} {money(v)}" for c, v in sk.values.items())
            notes.append(f"skipped (aggregate): {reason}: {sk.rows:,} row(s) {amounts}".rstrip())
        if self.blank_lines:
            notes.append(f"{self.blank_lines:,} blank line(s) skipped")
        for cur, t in self.values.items():
            if t.unparseable_rows:
                notes.append(f"{t.unparseable_rows:,} row(s) with a {cur} value that is no number")
        if self.rejects_by_field:
            counts = ", ".join(f"{f} {n:,}" for f, n in sorted(self.rejects_by_field.items()))
            notes.append(f"quarantined rows by field: {counts}")
        if self.periods:
            notes.append(f"periods: {_span(self.periods)}")
        for note in notes:
            console.print(f"  {note}", highlight=False)
        shown = self.problems[:max_problems]
        for problem in shown:
            console.print(f"  [red]x[/] {problem}", highlight=False, markup=True)
        if len(self.problems) > len(shown) or self.rows_quarantined > len(shown):
            more = max(self.rows_quarantined, len(self.problems)) - len(shown)
            if more > 0:
                where = self.quarantine_file or "the quarantine file"
                console.print(f"  ... and {more:,} more, all listed in {where}", highlight=False)


def money(value: Decimal) -> str:
    """Exact amount with thousands separators; two decimals unless more are needed.

    >>> money(Decimal("3965.7340000000")), money(Decimal("1230.5000000000"))
    ('3,965.734', '1,230.50')
    """
    cents = value.quantize(Decimal("0.01"))
    if cents == value:
        return f"{cents:,}"
    return f"{value.normalize():,f}"


def _span(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]} .. {periods[-1]} ({len(periods)} periods)"
