"""Exchange-rate tables the user supplies, for converting ``value_local`` (any ISO 4217 currency)
to CNY, USD or EUR at query time. Nothing is ever converted without one.

File format (CSV, UTF-8, header line; one rate per line)::

    period,currency,target,rate,source
    2024-01,JPY,USD,0.006842,Bank of Japan monthly average
    2024,JPY,USD,0.006608,annual average

- ``period``: ``YYYY-MM`` for a monthly average rate, ``YYYY`` for an annual average (for annual
  data; never derived from the months).
- ``currency``: the ISO 4217 code converted from; ``target``: CNY, USD or EUR.
- ``rate``: units of ``target`` for one unit of ``currency``, a positive decimal (exact text).
- ``source``: optional free text, kept for the notes of a converted figure.

Every problem is reported with file and line, all together; a (period, currency, target) given
twice is a problem.

Example:
    >>> import tempfile; from pathlib import Path
    >>> p = Path(tempfile.mkdtemp()) / "rates.csv"
    >>> _ = p.write_text("period,currency,target,rate\\n2024-01,JPY,USD,0.006842\\n")
    >>> load_rates(p).rate("2024-01", "JPY", "USD")
    Decimal('0.006842')
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.reference.problems import Problems

TARGETS = ("CNY", "USD", "EUR")
PERIOD = re.compile(r"(19[5-9]\d|20\d\d|2100)(-(0[1-9]|1[0-2]))?")
COLUMNS = ("period", "currency", "target", "rate")


@dataclass(frozen=True)
class RateTable:
    """Rates by (period, currency, target), with their sources."""

    path: str
    rates: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    sources: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def rate(self, period: str, currency: str, target: str) -> Decimal:
        """The rate for one period; UsageError naming what is missing (never a guess)."""
        key = (period, currency.upper(), target.upper())
        if key not in self.rates:
            raise UsageError(
                f"no {key[1]}->{key[2]} rate for {period} in {self.path}",
                hint="add a line period,currency,target,rate for it (a monthly average for a"
                " month, an annual average for a year)",
            )
        return self.rates[key]

    def missing(self, periods: list[str], currency: str, target: str) -> list[str]:
        """The periods of ``periods`` that have no rate."""
        return [p for p in periods if (p, currency.upper(), target.upper()) not in self.rates]


def load_rates(path: Path) -> RateTable:
    """Read and validate a rate table; ValidationFailed listing every problem."""
    from tradestats.reference.currencies import currencies
    from tradestats.reference.problems import ReferenceDataError

    problems = Problems()
    table = RateTable(str(path))
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(f"{path}: a rate table needs columns {', '.join(COLUMNS)}",
                                 hint=f"missing: {', '.join(missing)}")  # fmt: skip
            for line, row in enumerate(reader, start=2):
                _add(table, row, str(path), line, currencies(), problems)
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read the rate table {path}: {err}") from None
    if problems:
        raise ReferenceDataError(problems.items)
    return table


def _add(table: RateTable, row: dict[str, str], file: str, line: int, known: frozenset[str],
         problems: Problems) -> None:  # fmt: skip
    period = (row.get("period") or "").strip()
    currency = (row.get("currency") or "").strip()
    target = (row.get("target") or "").strip()
    text = (row.get("rate") or "").strip()
    if not PERIOD.fullmatch(period):
        problems.add(file, line, f"period {period!r} is not YYYY-MM (monthly) or YYYY (annual)")
    if not (currency.isascii() and currency.upper() in known):
        problems.add(file, line, f"currency {currency!r} is not an ISO 4217 code")
    if target.upper() not in TARGETS or not target.isascii():
        problems.add(file, line, f"target {target!r} is not one of {', '.join(TARGETS)}")
    try:
        rate = Decimal(text)
        if not rate.is_finite() or rate <= 0:
            raise InvalidOperation
    except InvalidOperation:
        problems.add(file, line, f"rate {text!r} is not a positive number")
        return
    key = (period, currency.upper(), target.upper())
    if key in table.rates:
        problems.add(file, line, f"{period} {key[1]}->{key[2]} is given twice")
    table.rates[key] = rate
    table.sources[key] = (row.get("source") or "").strip()
