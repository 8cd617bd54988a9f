"""The user's exchange-rate table: format, validation with file and line, no guessing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.errors import UsageError, ValidationFailed
from tradestats.reference.rates import load_rates


def test_monthly_and_annual_rates_are_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("period,currency,target,rate,source\n2024-01,JPY,USD,0.006842,BoJ\n"
                    "2024,jpy,USD,0.006608,annual\n", "utf-8")  # fmt: skip
    table = load_rates(path)
    assert table.rate("2024-01", "JPY", "USD") == Decimal("0.006842")
    assert table.rate("2024", "JPY", "USD") == Decimal("0.006608")  # never from the months
    assert table.missing(["2024-01", "2024-02"], "JPY", "USD") == ["2024-02"]
    with pytest.raises(UsageError, match="no JPY->USD rate for 2024-02"):
        table.rate("2024-02", "JPY", "USD")


def test_every_problem_is_listed_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("period,currency,target,rate\n2024-13,JPY,USD,1\n2024-01,YEN,USD,1\n"
                    "2024-01,JPY,GBP,1\n2024-01,JPY,USD,-2\n2024-02,JPY,USD,0.1\n"
                    "2024-02,JPY,USD,0.2\n", "utf-8")  # fmt: skip
    with pytest.raises(ValidationFailed) as info:
        load_rates(path)
    text = str(info.value)
    expected = [
        (2, "period '2024-13'"), (3, "currency 'YEN'"), (4, "target 'GBP'"),
        (5, "rate '-2' is not a positive"), (7, "2024-02 JPY->USD is given twice"),
    ]  # fmt: skip
    for line, reason in expected:
        assert f"rates.csv:{line}: {reason}" in text


def test_missing_file_or_columns_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read the rate table"):
        load_rates(tmp_path / "none.csv")
    (tmp_path / "r.csv").write_text("month,rate\n", "utf-8")
    with pytest.raises(UsageError, match="needs columns period, currency, target, rate"):
        load_rates(tmp_path / "r.csv")
