"""The reconciliation report of an ingest: what was read, accepted and quarantined.

The invariants it states (and the ingest checks before committing):

- rows read = rows accepted + rows quarantined (blank lines are counted apart, they hold no row);
- for each currency, value read = value accepted + value quarantined, where "value read" sums
  every value that parses as a number, and rows whose value is not a number are counted.

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

    @property
    def balanced(self) -> bool:
        return self.read == self.accepted + self.quarantined


@dataclass
class IngestReport:
    """Everything an ingest did, for people (``render``) and machines (``to_json``)."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    rows_read: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
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

    @property
    def balanced(self) -> bool:
        rows_ok = self.rows_read == self.rows_accepted + self.rows_quarantined
        return rows_ok and all(v.balanced for v in self.values.values())

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["values"] = {
            cur: {k: str(v) for k, v in asdict(t).items()} for cur, t in self.values.items()
        }
        doc["balanced"] = self.balanced
        return doc

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False)

    def render(self, console: Console, max_problems: int = 20) -> None:
        """Print the reconciliation table and the first problems."""
        status = f"batch {self.batch} committed" if self.committed else "nothing committed"
        table = Table(title=f"Reconciliation ({status})")
        for name in ("", "read", "accepted", "quarantined", "balanced"):
            table.add_column(name, justify="right" if name else "left")
        table.add_row(
            "rows",
            f"{self.rows_read:,}",
            f"{self.rows_accepted:,}",
            f"{self.rows_quarantined:,}",
            "yes" if self.rows_read == self.rows_accepted + self.rows_quarantined else "NO",
        )
        for cur, t in self.values.items():
            table.add_row(
                f"value {cur}",
                money(t.read),
                money(t.accepted),
                money(t.quarantined),
                "yes" if t.balanced else "NO",
            )
        console.print(table)
        notes = []
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
    return f"{periods[0]} .. {periods[-1]} ({len(periods)} months)"
