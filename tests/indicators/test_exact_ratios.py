"""Ratios are exact: publication rounding (half-up, one decimal) of a growth rate or a share is
the rounding of the true value, also exactly at half-way (an exact +3.85 % is published 3.9) and
just beside it (3.85 minus a hair is 3.8), for bases as large as a year of world trade in cents.
"""

from __future__ import annotations

import os
import random
from decimal import Decimal
from fractions import Fraction

import pyarrow as pa
import pytest

from tradestats.bulletin.rounding import round_half_up
from tradestats.errors import UsageError
from tradestats.indicators.derive import RATIO_TYPE, ratio, share_change, yoy

# make reliability runs 200,000; the everyday suite a tenth of them.
CASES = int(os.environ.get("TRADESTATS_HALFWAY_CASES", "20000"))


def half_up(value: Fraction) -> Decimal:
    """Half away from zero at one decimal, on the exact rational (the oracle)."""
    tenths = abs(value) * 10
    whole = int(tenths + Fraction(1, 2))
    return (Decimal(whole) / 10 * (1 if value >= 0 else -1)).quantize(Decimal("0.1")) + 0


def test_exact_half_way_growth_and_shares_round_half_up():
    rng = random.Random(20251231)
    wrong = 0
    for _ in range(CASES):
        t = rng.randint(1, 10**9)  # base b = 2000 t cents: (2k + 1) / 20 percent is exact
        k = rng.randint(-999, 5000)
        b = 2000 * t
        delta = t * (2 * k + 1)
        prev, cur = Decimal(b).scaleb(-2), Decimal(b + delta).scaleb(-2)
        g = yoy(cur, prev)
        want = half_up(Fraction(delta * 100, b))
        wrong += round_half_up(g, 1) != want
        part = Decimal(t * (2 * (k % 1000) + 1)).scaleb(-2)  # a share of (2k+1)/20 percent
        s = ratio(part, prev)
        wrong += round_half_up(s, 1) != half_up(Fraction(part) / Fraction(prev) * 100)
    assert wrong == 0


def test_a_hair_beside_half_way_rounds_by_the_true_value_for_huge_bases():
    # A share n / d (in cents) of 3.85 % -/+ 1 / (20 d): 2000 n = 77 d -/+ 1. With d near
    # 4.5e15 cents (45 trillion yuan) a float cannot tell it from 3.85; the engine can.
    inverse = pow(77, -1, 2000)
    for sign, want in ((-1, Decimal("3.8")), (1, Decimal("3.9"))):
        d = (sign * -inverse) % 2000 + 2000 * 2_250_000_000_000
        n = (77 * d + sign) // 2000
        assert 2000 * n == 77 * d + sign
        got = ratio(Decimal(n).scaleb(-2), Decimal(d).scaleb(-2))
        assert round_half_up(got, 1) == want == half_up(Fraction(100 * n, d))
        assert round(float(n) / float(d) * 100, 1) == 3.9 or sign == 1  # a float says 3.9


def test_share_change_is_one_rounding_of_the_exact_difference():
    # 30/100 - 20/80 = 30 % - 25 % = 5 pp exactly; 1/3 - 1/6 = 16.666... pp
    assert share_change(Decimal(30), Decimal(100), Decimal(20), Decimal(80)) == 5
    got = share_change(Decimal(1), Decimal(3), Decimal(1), Decimal(6))
    assert got == Decimal("16.66666666666666666667")


def test_ratios_fit_their_arrow_type_and_absurd_ones_are_refused():
    big = ratio(Decimal("9" + "0" * 13), Decimal("0.01"))  # 9e17 %: still representable
    assert pa.array([big], RATIO_TYPE).to_pylist() == [big]
    with pytest.raises(UsageError, match="too large"):
        ratio(Decimal("1" + "0" * 16), Decimal("0.01"))
    assert ratio(Decimal(1), Decimal(0)) is None and ratio(Decimal(1), Decimal(-5)) is None
