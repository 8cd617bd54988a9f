"""Regressions found by checking the generated bulletins against the demo store."""

from __future__ import annotations

from tradestats.checker import Measure, extract_claims


def _claims(text: str) -> list:  # type: ignore[type-arg]
    return extract_claims(text, article_date="2026-01-14")


def test_a_quarter_named_in_one_paragraph_does_not_carry_into_the_next() -> None:
    text = (
        "In 2025, exports grew by 6.1 percent.\n\n"
        "Imports grew for three consecutive quarters since the second quarter.\n\n"
        "Trade with ASEAN grew by 8.0 percent, reaching 7.55 trillion yuan."
    )
    asean = [c for c in _claims(text) if c.subject.partner == "asean"]
    assert [c.period for c in asean] == ["2025", "2025"]


def test_us_dollars_are_a_currency_not_the_partner_usa() -> None:
    (claim,) = _claims("In 2025 total trade came to 6.36 trillion US dollars.")
    assert claim.subject.partner is None
    assert claim.stated.unit == "USD"


def test_general_trade_is_a_trade_mode_of_total_trade() -> None:
    growth = _claims("In 2025, general trade grew by 4.5 percent to 32.30 trillion yuan.")[0]
    assert growth.subject.trade_mode == "general_trade"
    from tradestats.checker.verify import build_query

    query, why = build_query(growth)
    assert why == "" and query is not None
    assert (query["flow"], query["trade_mode"]) == ("total", "general_trade")


def test_top_five_partners_is_not_a_count() -> None:
    assert not [
        c for c in _claims("In 2025: top five trading partners") if c.measure is Measure.COUNT
    ]


def test_chinese_count_of_partners_with_growth() -> None:
    (claim,) = [
        c
        for c in _claims("2025年，我国与226个国家和地区进出口实现增长。")
        if c.measure is Measure.COUNT
    ]
    assert claim.detail == "partners_growing"
