"""Period forms, their months, their comparison periods and the errors for bad ones."""

from __future__ import annotations

from datetime import date

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.periods import parse_period, quarter_of, summarize


@pytest.mark.parametrize(
    "text,label,first,last",
    [
        ("2025", "2025", "2025-01", "2025-12"),
        ("2025-Q2", "2025-Q2", "2025-04", "2025-06"),
        ("2025q4", "2025-Q4", "2025-10", "2025-12"),
        ("2025-H1", "2025-H1", "2025-01", "2025-06"),
        ("2025-H2", "2025-H2", "2025-07", "2025-12"),
        ("2025-03", "2025-03", "2025-03", "2025-03"),
        ("2025-01..2025-11", "2025-01..2025-11", "2025-01", "2025-11"),
        ("2025-04..2025-06", "2025-04..2025-06", "2025-04", "2025-06"),
    ],
)
def test_forms(text, label, first, last):
    p = parse_period(text)
    assert (p.label, p.months()[0], p.months()[-1]) == (label, first, last)
    assert p.previous_year().months()[0] == f"{int(first[:4]) - 1}{first[4:]}"


def test_end_date_and_ytd():
    assert parse_period("2024-02").end_date() == date(2024, 2, 29)  # leap year
    ytd = parse_period("2025-YTD").resolve_ytd(["2024-12", "2025-01", "2025-02", "2025-03"])
    assert ytd.label == "2025-01..2025-03"
    with pytest.raises(UsageError, match="periods in the store: 2024-12"):
        parse_period("2025-YTD").resolve_ytd(["2024-12"])


@pytest.mark.parametrize(
    "text,message",
    [
        ("2024-11..2025-02", "crosses years"),
        ("2025-13", "bad month"),
        ("2025-05..2025-02", "ends before"),
        ("last year", "unknown period"),
    ],
)
def test_bad_periods(text, message):
    with pytest.raises(UsageError, match=message):
        parse_period(text)


def test_helpers():
    assert quarter_of("2025-05") == "2025-Q2"
    assert summarize(["2025-02", "2024-01", "2024-02", "2025-01", "2025-04"]) == (
        "2024-01..2024-02, 2025-01..2025-02, 2025-04"
    )
