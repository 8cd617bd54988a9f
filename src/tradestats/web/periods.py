"""Check a period against the store before computing: clear 422 and 404 answers.

Example:
    >>> from tradestats.store import Store
    >>> check_period(Store("/tmp/no-such-store"), "2025-13")
    Traceback (most recent call last):
    ...
    tradestats.web.errors.ApiError: bad month in period '2025-13'
"""

from __future__ import annotations

from tradestats.engine import StoreLike
from tradestats.errors import UsageError
from tradestats.indicators.periods import Period, parse_period, summarize
from tradestats.web.errors import ApiError


def parse(text: str) -> Period:
    """The period, or ApiError 422 naming the accepted forms."""
    try:
        return parse_period(text)
    except UsageError as err:
        raise ApiError.from_usage(err, 422) from None


def check_period(store: StoreLike, text: str, as_of: str | None = None) -> Period:
    """The resolved period when the store holds all its months; ApiError 404 otherwise."""
    period = parse(text)
    try:
        available = store.periods(as_of=as_of)
    except UsageError as err:
        raise ApiError.from_usage(err, 400) from None
    hint = f"periods in the store: {summarize(available)}"
    try:
        period = period.resolve_ytd(available)
    except UsageError:
        raise ApiError(404, "no_data", f"no data for {period.year}", hint) from None
    missing = [m for m in period.months() if m not in available]
    if missing:
        shown = ", ".join(missing) if len(missing) < 4 else summarize(missing)
        raise ApiError(404, "no_data", f"no data for {shown} (period {period.label})", hint)
    return period
