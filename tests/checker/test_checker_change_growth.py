"""A change in level against its growth rate and its levels (``change_growth``): each stated
figure is an interval given its rounding, so only a change no unrounded figures could make
true is flagged."""

from __future__ import annotations

import pytest
from test_checker_consistency import findings

from tradestats.checker import Measure, extract_claims


def change_growth(text: str) -> list[tuple[bool, str]]:
    return findings(text).get("change_growth", [])


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        # 120 / (2,400 - 120) = 5.26 %; with the rounding of 2.4 trillion, 4.93 to 5.62 %.
        ("In 2025, exports rose by 120 billion yuan, or 5.2 percent, to 2.4 trillion yuan.", True),
        # 2.55 / (26.99 - 2.55) = 10.4 %, not 6.1 %.
        (
            "In 2025, China's exports grew 6.1 percent, an increase of 2.55 trillion yuan, to "
            "26.99 trillion yuan.",
            False,
        ),
        (
            "In 2025, imports fell by 0.09 trillion yuan, or 0.5 percent, to 18.48 trillion yuan.",
            True,
        ),
        # Ten times too large: -0.9 / (18.48 + 0.9) = -4.6 %.
        (
            "In 2025, imports fell by 0.9 trillion yuan, or 0.5 percent, to 18.48 trillion yuan.",
            False,
        ),
        ("2025年，我国出口26.99万亿元，比上年增加1.55万亿元，增长6.1%。", True),
        ("2025年，我国出口26.99万亿元，比上年增加2.55万亿元，增长6.1%。", False),
        # A coarse change (0.1 trillion: 0.05 to 0.15) fits any rate from 2.1 to 6.9 %.
        ("In 2025, exports rose by 0.1 trillion yuan, or 4.3 percent, to 2.4 trillion yuan.", True),
    ],
)
def test_change_against_growth_and_new_level(text: str, ok: bool) -> None:
    assert [f for f, _ in change_growth(text)] == [ok]


def test_change_against_both_levels() -> None:
    text = ("In 2024, China's exports rose 7.1 percent to 25.45 trillion yuan, up {d} trillion "
            "yuan from 23.77 trillion yuan in 2023.")  # fmt: skip
    ((good, _),) = change_growth(text.format(d="1.68"))
    ((bad, msg),) = change_growth(text.format(d="1.86"))
    assert (good, bad) == (True, False)
    assert "25.45 trillion yuan - 23.77 trillion yuan = about 1.680 trillion" in msg


def test_a_rate_restating_a_change_takes_its_direction() -> None:
    claims = extract_claims("In 2025, imports fell by $9 billion, or 0.5 percent, to "
                            "$1.8 trillion.", "2026-01-14")  # fmt: skip
    rate = next(c for c in claims if c.text == "0.5 percent")
    assert (rate.measure, rate.direction) == (Measure.YOY, -1)


def test_a_balance_change_is_not_checked() -> None:
    # "narrowed by" a deficit's size has no sign a rate could be checked against.
    assert change_growth("In 2025, the trade surplus widened by 1.64 trillion yuan, or 23.9 "
                         "percent, to 8.51 trillion yuan.") == []  # fmt: skip


def test_a_change_in_another_currency_is_not_paired() -> None:
    text = ("In 2025, exports grew 5.9 percent in dollar terms, an increase of 1.55 trillion "
            "yuan, to 26.99 trillion yuan.")  # fmt: skip
    assert change_growth(text) == []
