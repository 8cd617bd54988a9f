"""Reporting periods: parse `2025`, `2025-Q2`, `2025-H1`, `2025-03`, `2025-01..2025-11`, `2025-YTD`.

A period is a run of whole months inside one calendar year. Its comparison period is the same
months a year earlier.

Example:
    >>> p = parse_period("2025-Q2")
    >>> p.months()
    ('2025-04', '2025-05', '2025-06')
    >>> p.previous_year().label
    '2024-Q2'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from tradestats.errors import BadParameter, NoData, UsageError


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    RANGE = "range"
    YTD = "ytd"


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.I)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_COMTRADE_MONTH = re.compile(r"^(\d{4})(\d{2})$")  # UN Comtrade's period of a month, 202506
_RANGE = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_YTD = re.compile(r"^(\d{4})-YTD$", re.I)
FORMS = "2025, 2025-Q2, 2025-H1, 2025-03 (or 202503), 2025-01..2025-11, 2025-YTD"


@dataclass(frozen=True)
class Period:
    """Months ``first``..``last`` of ``year``; YTD periods have ``last=None`` until resolved."""

    kind: PeriodKind
    year: int
    first: int
    last: int | None

    @property
    def label(self) -> str:
        """Canonical spelling, e.g. ``2025-Q2`` or ``2025-01..2025-11``."""
        y, f, last = self.year, self.first, self.last
        if self.kind is PeriodKind.YEAR:
            return str(y)
        if self.kind is PeriodKind.QUARTER:
            return f"{y}-Q{(f - 1) // 3 + 1}"
        if self.kind is PeriodKind.HALF:
            return f"{y}-H{(f - 1) // 6 + 1}"
        if self.kind is PeriodKind.MONTH:
            return f"{y}-{f:02d}"
        if self.kind is PeriodKind.YTD and last is None:
            return f"{y}-YTD"
        return f"{y}-{f:02d}..{y}-{self._last():02d}"

    def _last(self) -> int:
        if self.last is None:
            raise UsageError(f"year-to-date period {self.year}-YTD is not resolved against data")
        return self.last

    def months(self) -> tuple[str, ...]:
        """The months covered, as ``YYYY-MM`` strings."""
        return tuple(f"{self.year}-{m:02d}" for m in range(self.first, self._last() + 1))

    def previous_year(self) -> Period:
        """The same months one year earlier."""
        return replace(self, year=self.year - 1)

    def end_date(self) -> date:
        """Last day of the period (group membership is taken on this day)."""
        last = self._last()
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def resolve_ytd(self, available: list[str]) -> Period:
        """Fix ``YYYY-YTD`` to January .. the latest month of that year in ``available``.

        Months and runs of months (cumulative figures) count; a year held only as annual data
        resolves to December.
        """
        if self.last is not None:
            return self
        ends = [_end_month(p) for p in available if p[:4] == str(self.year)]
        sub = [e for e in ends if e is not None]
        if not ends:
            raise NoData(
                f"no data for {self.year}", hint=f"periods in the store: {summarize(available)}"
            )
        return replace(self, last=max(sub) if sub else 12)


def _end_month(stored: str) -> int | None:
    """Last month of a stored month or run of months; None for a year (or other text)."""
    if _MONTH.match(stored):
        return int(stored[5:7])
    if m := _RANGE.match(stored):
        return int(m[4])
    return None


def _month(text: str, value: str) -> int:
    m = int(value)
    if not 1 <= m <= 12:
        raise BadParameter("period", f"bad month in period {text!r}", hint=f"forms: {FORMS}")
    return m


def parse_period(text: str) -> Period:
    """Parse a period; raise UsageError for unknown forms and month ranges across years.

    >>> parse_period("2025-01..2025-11").label
    '2025-01..2025-11'
    >>> parse_period("2025").months()[-1]
    '2025-12'
    >>> parse_period("202506").label  # UN Comtrade's spelling of a month
    '2025-06'
    """
    s = text.strip()
    if s[:4].isdecimal() and int(s[:4]) < 1000:  # labels, months and dates need 4 digits
        raise BadParameter(
            "period", f"year {s[:4]!r} of period {text!r} is out of range", hint=f"forms: {FORMS}"
        )
    if m := _YEAR.match(s):
        return Period(PeriodKind.YEAR, int(m[1]), 1, 12)
    if m := _QUARTER.match(s):
        q = int(m[2])
        return Period(PeriodKind.QUARTER, int(m[1]), 3 * q - 2, 3 * q)
    if m := _HALF.match(s):
        h = int(m[2])
        return Period(PeriodKind.HALF, int(m[1]), 6 * h - 5, 6 * h)
    if m := _MONTH.match(s) or _COMTRADE_MONTH.match(s):
        month = _month(s, m[2])
        return Period(PeriodKind.MONTH, int(m[1]), month, month)
    if m := _YTD.match(s):
        return Period(PeriodKind.YTD, int(m[1]), 1, None)
    if m := _RANGE.match(s):
        return _range(s, m)
    raise BadParameter("period", f"unknown period {text!r}", hint=f"forms: {FORMS}")


def _range(text: str, m: re.Match[str]) -> Period:
    y1, y2 = int(m[1]), int(m[3])
    f, last = _month(text, m[2]), _month(text, m[4])
    if y1 != y2:
        raise BadParameter(
            "period",
            f"month range {text!r} crosses years",
            hint="year-on-year needs months inside one year; ask one range per year",
        )
    if f > last:
        raise BadParameter("period", f"month range {text!r} ends before it starts")
    kind = PeriodKind.YTD if f == 1 else PeriodKind.RANGE
    return Period(kind, y1, f, last)


def quarter_of(month: str) -> str:
    """``'2025-05'`` -> ``'2025-Q2'``."""
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def summarize(periods: list[str]) -> str:
    """Compact list of periods: runs of months inside a year shown as ``2024-01..2024-12``;
    years and stored runs of months as they are.

    >>> summarize(["2024-01", "2024-02", "2024-03", "2012", "2025-01..2025-02"])
    '2012, 2024-01..2024-03, 2025-01..2025-02'
    """
    if not periods:
        return "none"
    runs: list[list[str]] = []
    for m in sorted(set(periods)):
        prev = runs[-1][-1] if runs else None
        if _MONTH.match(m) and prev and _MONTH.match(prev) and _follows(prev, m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs)


def _follows(prev: str, month: str) -> bool:
    return prev[:4] == month[:4] and int(month[5:7]) == int(prev[5:7]) + 1
