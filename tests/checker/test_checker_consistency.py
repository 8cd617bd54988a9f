"""Consistency checks on hand-made texts with known errors (no store needed)."""

from __future__ import annotations

from tradestats.checker import check

HEAD = "date 2026-01-14\n"


def findings(text: str) -> dict[str, list[tuple[bool, str]]]:
    out: dict[str, list[tuple[bool, str]]] = {}
    for f in check(HEAD + text).consistency:
        out.setdefault(f.check, []).append((f.ok, f.message))
    return out


def test_parts_sum_holds_and_fails() -> None:
    good = findings(
        "In 2025, exports reached 26.99 trillion yuan and imports 18.48 trillion "
        "yuan. Total trade reached 45.47 trillion yuan."
    )
    assert [ok for ok, _ in good["parts_sum"]] == [True]
    # 26.99 + 18.48 = 45.47, not 45.57 (even allowing 0.005 for each rounding).
    bad = findings(
        "In 2025, exports reached 26.99 trillion yuan and imports 18.48 trillion "
        "yuan. Total trade reached 45.57 trillion yuan."
    )
    assert [ok for ok, _ in bad["parts_sum"]] == [False]


def test_surplus_is_exports_minus_imports() -> None:
    # 26.99 - 18.48 = 8.51; a surplus of 9.51 is wrong.
    bad = findings(
        "In 2025, exports reached 26.99 trillion yuan and imports 18.48 trillion "
        "yuan, leaving a trade surplus of 9.51 trillion yuan."
    )
    assert [ok for ok, _ in bad["balance"]] == [False]
    good = findings(
        "In 2025, exports reached 26.99 trillion yuan and imports 18.48 trillion "
        "yuan, leaving a trade surplus of 8.51 trillion yuan."
    )
    assert [ok for ok, _ in good["balance"]] == [True]


def test_share_on_the_wrong_base() -> None:
    # Mechanical and electrical exports 8.00 / exports 13.80 = 57.97 % ~ "58.0 percent" of
    # exports, but 8.00 / total 24.00 = 33.3 % of total trade: the article says total trade.
    text = (
        "In 2025, exports reached 13.80 trillion yuan and total trade reached 24.00 trillion "
        "yuan. Exports of mechanical and electrical products reached 8.00 trillion yuan, "
        "accounting for 58.0 percent of total trade."
    )
    ((ok, msg),) = findings(text)["share_base"]
    assert not ok
    assert "wrong base" in msg and "exports (58.0 %)" in msg


def test_share_on_the_right_base() -> None:
    text = (
        "In 2025, exports reached 13.80 trillion yuan and total trade reached 24.00 trillion "
        "yuan. Exports of mechanical and electrical products reached 8.00 trillion yuan, "
        "accounting for 58.0 percent of total exports."
    )
    ((ok, _),) = findings(text)["share_base"]
    assert ok


def test_spot_converted_dollar_figure() -> None:
    found = findings(
        "China's foreign trade grew by 3.8 percent to reach 45.47 trillion yuan "
        "($6.51 trillion) in 2025."
    )
    ((ok, msg),) = found["exchange_rate"]
    assert ok and "6.985 yuan per dollar" in msg and "spot conversion" in msg


def test_pairs_implying_different_rates() -> None:
    text = (
        "In 2025, exports reached 26.99 trillion yuan ($3.86 trillion), while imports "
        "reached 18.48 trillion yuan ($2.50 trillion)."
    )
    rates = findings(text)["exchange_rate"]
    # 26.99 / 3.86 = 6.992 but 18.48 / 2.50 = 7.392: one of the conversions is off.
    assert [ok for ok, _ in rates] == [True, True, False]
    assert "different rates" in rates[-1][1]


def test_growth_against_two_levels() -> None:
    # 10.5 / 10.0 = +5 %, not +8 %.
    text = "In 2025, exports rose {g} percent to 10.5 trillion yuan from 10.0 trillion yuan."
    assert [ok for ok, _ in findings(text.format(g=8))["growth_levels"]] == [False]
    assert [ok for ok, _ in findings(text.format(g=5))["growth_levels"]] == [True]


def test_total_growth_against_parts_growth() -> None:
    # Exports 26.99 (+6.1 %) and imports 18.48 (+0.5 %) give +3.7 to +3.8 %, never +5.0 %.
    text = (
        "In 2025, total trade grew by {g} percent to 45.47 trillion yuan. Exports grew by "
        "6.1 percent to 26.99 trillion yuan, while imports grew by 0.5 percent to 18.48 "
        "trillion yuan."
    )
    assert [ok for ok, _ in findings(text.format(g="5.0"))["parts_growth"]] == [False]
    assert [ok for ok, _ in findings(text.format(g="3.8"))["parts_growth"]] == [True]


def test_growth_in_dollars_beside_yuan_levels() -> None:
    text = "In 2025, exports grew 5.5 percent in dollar terms to 26.99 trillion yuan."
    ((ok, msg),) = findings(text)["mixed_currency"]
    assert not ok and "dollars" in msg


def test_no_store_means_unverifiable_claims() -> None:
    report = check(HEAD + "In 2025, exports rose 5 percent.")
    assert [c.verdict.value for c in report.claims] == ["unverifiable"]
    assert "no store" in report.claims[0].reason
