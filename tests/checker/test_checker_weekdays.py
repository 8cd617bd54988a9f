"""Dates against the weekdays a text gives them (the ``weekday`` consistency check), and
days of a month read as dates, never as the period of a figure."""

from __future__ import annotations

import pytest

from tradestats.checker import check, extract_claims
from tradestats.checker.weekdays import weekdays


def days(text: str, date: str | None = None) -> list[tuple[bool, str]]:
    return [(f.ok, f.message) for f in weekdays(text, date)]


@pytest.mark.parametrize(
    ("text", "date", "ok"),
    [
        ("the customs agency said on Tuesday, January 14, 2026.", None, False),
        ("the customs agency said on Wednesday, January 14, 2026.", None, True),
        ("on Tuesday, 14 January 2025", None, True),
        ("on Tue., Jan. 14, 2025", None, True),
        ("released January 14 (Tuesday)", "2025-01-20", True),
        ("released on January 14, a Monday,", "2025-01-20", False),
        ("海关总署7月14日（星期二）发布数据", "2025-07-14", False),
        ("海关总署2025年7月14日（星期一）发布数据", None, True),
        ("财政部1月9日周五公布", "2026-01-10", True),
        ("財政部於1月9日（週四）公布", "2026-01-10", False),
    ],
)
def test_weekday_against_date(text: str, date: str | None, ok: bool) -> None:
    assert [f for f, _ in days(text, date)] == [ok]


def test_a_date_without_its_year_is_nearest_the_article_date() -> None:
    # In an article of 3 January 2026, "30 December" is 30 December 2025: a Tuesday.
    ((ok, msg),) = days("Data released on Monday, 30 December showed ...", "2026-01-03")
    assert not ok
    assert msg == ("Monday, 30 December: 30 December 2025 was a Tuesday, not a Monday "
                   "(the year 2025 from the article date)")  # fmt: skip


def test_without_a_year_or_an_article_date_nothing_is_checked() -> None:
    assert days("Data released on Monday, 30 December showed ...") == []


def test_a_date_that_does_not_exist() -> None:
    ((ok, msg),) = days("on Tuesday, February 30, 2026")
    assert not ok and "there is no 30 February in 2026" in msg


def test_the_finding_points_at_the_date() -> None:
    text = "date 2026-01-14\nExports grew 5.5 percent in 2025, customs said on Tuesday, Jan. 14."
    (finding,) = [f for f in check(text).consistency if f.check == "weekday"]
    assert finding.span is not None and text[slice(*finding.span)] == "Tuesday, Jan. 14"
    assert finding.as_dict()["span"] == list(finding.span)
    assert not finding.ok


def test_days_of_a_month_are_dates_not_periods() -> None:
    text = "Data released on Monday, 30 December showed exports grew 5.9 percent in November."
    assert [c.period for c in extract_claims(text, "2026-01-03")] == ["2025-11"]
    text = ("BEIJING, June 9 (Reuters) - China's exports grew 4.8% year-on-year in May, customs "
            "data showed on Monday.")  # fmt: skip
    assert [c.period for c in extract_claims(text, "2025-06-09")] == ["2025-05"]


def test_a_year_before_a_level_is_no_run_of_years() -> None:
    (growth, level) = extract_claims("Trade grew 3.8 percent in 2025 to 45.47 trillion yuan.",
                                     "2026-01-14")  # fmt: skip
    assert (growth.period, level.period) == ("2025", "2025")
