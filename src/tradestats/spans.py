"""Spans of months across years, for the time series of the indices and the seasonal adjustment.

An engine period is a run of months inside one calendar year; a series runs over many years.
A span is written ``2015..2025`` (whole years), ``2015-01..2025-06`` (months) or ``2025``, and
is cut into engine periods, one per year.

Example:
    >>> s = parse_span("2024-11..2025-02")
    >>> s.months
    ('2024-11', '2024-12', '2025-01', '2025-02')
    >>> s.engine_periods()
    ['2024-11..2024-12', '2025-01..2025-02']
    >>> parse_span("2023..2024").engine_periods()
    ['2023', '2024']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradestats.errors import UsageError

_YEARS = re.compile(r"^(\d{4})(?:\.\.(\d{4}))?$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
FORMS = "2015..2025, 2015-01..2025-06 or 2025"


@dataclass(frozen=True)
class Span:
    """Consecutive months ``YYYY-MM``, first to last."""

    months: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.months[0]}..{self.months[-1]}"

    def years(self) -> list[int]:
        return sorted({int(m[:4]) for m in self.months})

    def engine_periods(self) -> list[str]:
        """One engine period per year: the year itself when whole, else its run of months."""
        out = []
        for year in self.years():
            ms = [m for m in self.months if int(m[:4]) == year]
            if len(ms) == 12:
                out.append(str(year))
            elif len(ms) == 1:
                out.append(ms[0])
            else:
                out.append(f"{ms[0]}..{ms[-1]}")
        return out

    def within(self, available: list[str]) -> Span:
        """The same span, checked against stored months: UsageError naming the missing ones."""
        have = set(available)
        missing = [m for m in self.months if m not in have]
        if missing:
            shown = ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
            raise UsageError(
                f"the store has no data for {len(missing)} month(s) of {self.label}: {shown}",
                hint="choose a span of stored months (tradestats log lists them)",
            )
        return self


def months_between(first: tuple[int, int], last: tuple[int, int]) -> tuple[str, ...]:
    """``YYYY-MM`` from ``first`` to ``last`` inclusive.

    >>> months_between((2024, 12), (2025, 1))
    ('2024-12', '2025-01')
    """
    (y, m), out = first, []
    while (y, m) <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def parse_span(text: str) -> Span:
    """Parse a span; UsageError for anything else (an empty or reversed span included)."""
    t = text.strip()
    if found := _YEARS.match(t):
        a, b = int(found[1]), int(found[2] or found[1])
        first, last = (a, 1), (b, 12)
    elif found := _MONTHS.match(t):
        first, last = (int(found[1]), int(found[2])), (int(found[3]), int(found[4]))
        if not (1 <= first[1] <= 12 and 1 <= last[1] <= 12):
            raise UsageError(f"bad month in span {text!r}", hint=FORMS)
    else:
        raise UsageError(f"cannot read the span {text!r}", hint=FORMS)
    months = months_between(first, last)
    if not months:
        raise UsageError(f"the span {text!r} ends before it starts", hint=FORMS)
    return Span(months)
