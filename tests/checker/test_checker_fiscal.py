"""Fiscal years (FY 2024-25, FY2023/24, 2023-24, fiscal 2024) and the period of a figure of
comparison ("compared with US$ 437.07 billion in 2023-24"): read as such, never carried to the
other figures of the text, and never checked against a calendar period."""

from __future__ import annotations

import pytest
from test_checker_consistency import findings

from tradestats.checker import extract_claims
from tradestats.checker.verify import build_query

DATE = "2025-04-15"


def periods(text: str, date: str = DATE) -> list[tuple[str, str | None]]:
    return [(c.text, c.period) for c in extract_claims(text, date)]


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        ("in FY 2024-25", "2024-04..2025-03"),
        ("in FY2023/24", "2023-04..2024-03"),
        ("in 2023/24", "2023-04..2024-03"),
        ("in fiscal year 2024-2025", "2024-04..2025-03"),
        ("in fiscal 2024", "FY2024"),
        ("in FY25", "FY2025"),
    ],
)
def test_fiscal_year_forms(phrase: str, period: str) -> None:
    assert periods(f"Exports rose 3 percent {phrase}.") == [("3 percent", period)]


def test_a_run_of_years_is_no_fiscal_year() -> None:
    assert periods("Exports rose 30 percent in 2019-2024.") == [("30 percent", "2019..2024")]


def test_the_period_of_a_figure_of_comparison_stays_with_it() -> None:
    text = ("India's merchandise exports in FY 2024-25 stood at US$ 437.42 billion, compared "
            "with US$ 437.07 billion in 2023-24, while merchandise imports rose 6.2% to "
            "US$ 720.24 billion. The merchandise trade deficit widened to "
            "US$ 282.82 billion.")  # fmt: skip
    assert periods(text) == [
        ("US$ 437.42 billion", "2024-04..2025-03"),
        ("US$ 437.07 billion", "2023-04..2024-03"),
        ("6.2%", "2024-04..2025-03"),
        ("US$ 720.24 billion", "2024-04..2025-03"),
        ("US$ 282.82 billion", "2024-04..2025-03"),
    ]
    # 437.42 - 720.24 = -282.82: no false alarm from pairing the 2023-24 exports.
    assert [ok for ok, _ in findings(text)["balance"]] == [True]


def test_calendar_figure_of_comparison() -> None:
    text = ("Exports rose 7.1 percent to 25.45 trillion yuan in 2024 from 23.76 trillion yuan "
            "in 2023. Imports grew 1.1 percent to 18.39 trillion yuan.")  # fmt: skip
    assert periods(text, "2025-01-15") == [
        ("7.1 percent", "2024"),
        ("25.45 trillion yuan", "2024"),
        ("23.76 trillion yuan", "2023"),
        ("1.1 percent", "2024"),
        ("18.39 trillion yuan", "2024"),
    ]
    assert [ok for ok, _ in findings(text)["growth_levels"]] == [True]


def test_up_from_last_month_is_that_months_figure() -> None:
    text = ("The trade surplus for December came in at $114.1 billion, up from $111.7 billion "
            "in November.")  # fmt: skip
    assert periods(text, "2026-01-14") == [("$114.1 billion", "2025-12"),
                                           ("$111.7 billion", "2025-11")]  # fmt: skip


@pytest.mark.parametrize("phrase", ["in FY 2024-25", "in fiscal 2024"])
def test_fiscal_year_claims_are_not_checked_against_calendar_periods(phrase: str) -> None:
    (claim,) = extract_claims(f"India's exports rose 3 percent {phrase}.", DATE)
    query, why = build_query(claim)
    assert query is None
    assert why.startswith("a fiscal year") and "calendar periods" in why
