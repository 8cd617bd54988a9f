"""Verdict rules at their boundaries: printed precision, 'over', 'nearly', 'about', 'under'."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tradestats.checker.model import Qualifier, Stated
from tradestats.checker.verdict import holds, in_scale, to_decimal

T = D(10) ** 12


def stated(value: str, decimals: int, qualifier: Qualifier = Qualifier.EXACT,
           scale: D = T, unit: str = "CNY") -> Stated:  # fmt: skip
    return Stated(D(value), unit, scale, decimals, qualifier)


@pytest.mark.parametrize(
    ("computed", "ok"),
    [("45.465", True), ("45.474999", True), ("45.475", False), ("45.4649", False),
     ("45.47", True), ("45.52", False)],
)  # fmt: skip
def test_45_47_covers_45_465_to_45_475_published_half_up(computed: str, ok: bool) -> None:
    # The bulletin prints 45.475 as 45.48 (half-up), so 45.475 does not support "45.47".
    s = stated("45.47", 2)
    assert holds(s, D(computed) * T, s.amount) is ok


@pytest.mark.parametrize(
    ("computed", "ok"), [(780000, False), (779999, False), (780001, True), (7110, False)]
)
def test_over_780000_means_strictly_more(computed: int, ok: bool) -> None:
    s = stated("780000", -4, Qualifier.OVER, D(1), "count")
    assert holds(s, D(computed), s.amount) is ok


def test_plain_round_count_covers_its_last_nonzero_digit() -> None:
    s = stated("780000", -4, scale=D(1), unit="count")
    assert holds(s, D(784999), s.amount) and holds(s, D(775000), s.amount)
    assert not holds(s, D(785000), s.amount) and not holds(s, D(774999), s.amount)


@pytest.mark.parametrize(("computed", "ok"), [("6.9", True), ("6.65", True), ("6.6", False),
                                              ("7.0", False), ("7.01", False)])  # fmt: skip
def test_nearly_is_a_little_under(computed: str, ok: bool) -> None:
    s = stated("7", 0, Qualifier.NEARLY)
    assert holds(s, D(computed) * T, s.amount) is ok


def test_about_under_at_least() -> None:
    about = stated("8", 0, Qualifier.ABOUT, D(1), "percent")
    assert holds(about, D("8.49"), about.amount) and not holds(about, D("8.6"), about.amount)
    under = stated("5", 0, Qualifier.UNDER, D(1), "percent")
    assert holds(under, D("4.99"), under.amount) and not holds(under, D(5), under.amount)
    least = stated("240", -1, Qualifier.AT_LEAST, D(1), "count")
    assert holds(least, D(240), least.amount) and not holds(least, D(239), least.amount)


def test_growth_one_decimal_boundaries() -> None:
    s = stated("3.8", 1, scale=D(1), unit="percent")
    assert holds(s, D("3.75"), s.amount) and holds(s, D("3.8499"), s.amount)
    assert not holds(s, D("3.85"), s.amount)  # published half-up as 3.9
    assert not holds(s, D("3.7499"), s.amount)  # the 3.7 vs 3.8 trap: revised base matters


def test_a_fall_rounds_away_from_zero_as_the_bulletin_prints_it() -> None:
    s = stated("2.5", 1, scale=D(1), unit="percent")
    assert holds(s, D("-2.45"), -s.amount) and not holds(s, D("-2.55"), -s.amount)


def test_signed_target_for_falls() -> None:
    s = stated("2.5", 1, scale=D(1), unit="percent")
    assert holds(s, D("-2.5"), -s.amount) and not holds(s, D("2.5"), -s.amount)


def test_helpers() -> None:
    assert to_decimal(None) is None and to_decimal(3) == 3 and to_decimal(0.1) == D("0.1")
    assert in_scale(stated("45.47", 2), D("45470000000001.98")) == D("45.470")
