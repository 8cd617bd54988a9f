"""Resolution: subject (flow, partner, product, enterprise type, brand), share base, period."""

from __future__ import annotations

import pytest

from tradestats.checker import extract_claims
from tradestats.checker.lexicon import Lexicon
from tradestats.checker.verify import build_query

DATE = "2026-01-14"


def subjects(text: str, date: str | None = DATE) -> list[tuple[str, dict, str | None]]:
    return [(c.text, c.subject.as_dict(), c.period) for c in extract_claims(text, date)]


@pytest.mark.parametrize(
    ("phrase", "dim", "value"),
    [
        ("Belt and Road partner countries", "partner", "bri"),
        ("ASEAN", "partner", "asean"),
        ("Latin America", "partner", "latin_america"),
        ("Africa", "partner", "africa"),
        ("high-tech products", "product", "high_tech"),
        ("new trio", "product", "new_trio"),
        ("wind turbines", "product", "wind_turbines"),
        ("machinery products", "product", "mechanical_electrical"),
        ("domestic brands", "brand_type", "domestic"),
        ("private enterprises", "enterprise_type", "private"),
        ("import and export", "flow", "total"),
        ("exports", "flow", "export"),
        ("东盟", "partner", "asean"),
        ("新三样", "product", "new_trio"),
        ("民营企业", "enterprise_type", "private"),
        ("United States", "partner", "USA"),
    ],
)
def test_lexicon(phrase: str, dim: str, value: str) -> None:
    assert Lexicon.build().lookup(phrase) == (dim, value)


def test_china_is_the_reporter_not_a_partner() -> None:
    assert Lexicon.build().lookup("China") == ("china", "CHN")
    assert [t.dim for t in Lexicon.build().find("let us talk")] == []  # 'us' is no partner


def test_nearest_subject_per_clause() -> None:
    text = (
        "China's trade with the ASEAN grew by 8 percent year-on-year to reach 7.55 trillion "
        "yuan, trade with Latin America rose 6.5 percent, and trade with Africa jumped 18.4 "
        "percent in 2025."
    )
    got = [(t, s.get("partner"), p) for t, s, p in subjects(text)]
    assert got == [
        ("8 percent", "asean", "2025"),
        ("7.55 trillion yuan", "asean", "2025"),
        ("6.5 percent", "latin_america", "2025"),
        ("18.4 percent", "africa", "2025"),
    ]


def test_subject_after_the_number_and_base_of_share() -> None:
    text = (
        "The data highlighted a 6.3 percent year-on-year increase in trade with Belt and Road "
        "partner countries to reach 23.6 trillion yuan, accounting for 51.9 percent of the "
        "country's total foreign trade value last year."
    )
    got = subjects(text)
    assert [s["partner"] for _, s, _ in got] == ["bri", "bri", "bri"]
    assert got[2][1]["parent_flow"] == "total"
    assert {p for _, _, p in got} == {"2025"}


def test_aside_does_not_name_the_subject() -> None:
    text = (
        'In 2025 the exports of "new trio" - which includes electric vehicles, lithium-ion '
        "batteries, and photovoltaic products - soared by 27.1 percent."
    )
    assert subjects(text)[0][1] == {"flow": "export", "product": "new_trio"}


def test_pronoun_and_next_sentence_inherit() -> None:
    text = (
        "In 2025, private enterprises continue to serve as the main engine in foreign trade, "
        "with their import and export volume reaching 26.04 trillion yuan, an increase of 7.1 "
        "percent. Their share of the total import and export value rising to 57.3 percent."
    )
    got = subjects(text)
    assert all(s.get("enterprise_type") == "private" for _, s, _ in got)
    assert got[2][1]["parent_flow"] == "total"


def test_share_change_base_in_exports() -> None:
    text = (
        "In 2025, exports of domestic brands grew by 12.9 percent, with the proportion in "
        "total export value up by 1.4 percentage points."
    )
    pp = subjects(text)[1][1]
    assert pp == {"flow": "export", "brand_type": "domestic", "parent_flow": "export"}


def test_bare_flow_clause_starts_afresh() -> None:
    text = "In 2025, exports of high-tech products rose 13.2 percent, while imports fell 2 percent."
    got = subjects(text)
    assert got[1][1] == {"flow": "import"}


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Exports rose 5 percent last year.", "2025"),
        ("Exports rose 5 percent this year.", "2026"),
        ("Exports rose 5 percent in the first half of 2025.", "2025-H1"),
        ("In the second quarter of last year exports rose 5 percent.", "2025-Q2"),
        ("From January to November 2025, exports rose 5 percent.", "2025-01..2025-11"),
        ("In the first 11 months of 2025, exports rose 5 percent.", "2025-01..2025-11"),
        ("In November 2025, exports rose 5 percent.", "2025-11"),
        ("2025年出口增长5%。", "2025"),
        ("去年出口增长5%。", "2025"),
    ],
)
def test_periods(text: str, period: str) -> None:
    assert subjects(text)[0][2] == period


def test_partial_period_takes_the_year_of_the_text() -> None:
    text = "In 2025, imports fell 3 percent. From January to November exports rose 6 percent."
    assert [p for _, _, p in subjects(text)] == ["2025", "2025-01..2025-11"]


def test_last_year_needs_a_date() -> None:
    assert subjects("Exports rose 5 percent last year.", date=None)[0][2] is None


def test_streak_period_ends_where_the_text_says() -> None:
    text = (
        "China's import maintained growth for a consecutive of three quarters since the "
        "second quarter last year, with the import of machinery products growing by 5.7 "
        "percent."
    )
    streak, growth = extract_claims(text, DATE)
    assert (streak.period, streak.since, streak.subject.flow) == ("2025", 2, "import")
    assert (growth.period, growth.subject.product) == ("2025", "mechanical_electrical")


def test_gdp_is_not_trade() -> None:
    text = (
        "Primarily due to stronger export growth expectations, Goldman Sachs raised its real "
        "GDP growth forecasts for China to 4.8 percent in 2026."
    )
    (c,) = extract_claims(text, DATE)
    assert c.measure.value == "other" and c.subject.topic == "GDP"
    assert build_query(c)[0] is None


def test_queries() -> None:
    text = (
        "In 2025, exports of domestic brands grew by 12.9 percent in dollar terms, with the "
        "proportion in total export value up by 1.4 percentage points. The country traded "
        "with over 240 countries and regions."
    )
    yoy, pp, count = extract_claims(text, DATE)
    assert build_query(yoy)[0] == {
        "period": "2025",
        "flow": "export",
        "brand_type": "domestic",
        "measures": "yoy_pct",
        "basis": "value_usd",
    }
    assert build_query(pp)[0] == {
        "period": "2025",
        "flow": "export",
        "brand_type": "domestic",
        "measures": "share_change_pp",
        "parent": {"flow": "export"},
    }
    assert build_query(count)[0] == {"period": "2025", "flow": "total", "measures": "partners"}


def test_us_dollar_sign_is_no_partner() -> None:
    text = "Trade with Latin America rose 8 percent to US$520 billion in 2025."
    assert [s.get("partner") for _, s, _ in subjects(text)] == ["latin_america", "latin_america"]
    assert [t.dim for t in Lexicon.build().find("US$520 billion")] == []


def test_a_province_holds_through_a_national_ranking_and_a_city_is_no_province() -> None:
    text = ("2025年广东省外贸进出口9.1万亿元，规模连续40年居全国首位。其中，出口5.9万亿元。"
            "广东省内，深圳市进出口4.6万亿元。同期，全国进出口45.47万亿元。")  # fmt: skip
    got = [(t, s.get("region"), s.get("unknown")) for t, s, _ in subjects(text)]
    assert got == [("9.1万亿元", "44", None), ("连续40年", "44", None), ("首位", "44", None),
                   ("5.9万亿元", "44", None), ("4.6万亿元", None, "深圳市"),
                   ("45.47万亿元", None, None)]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025年上半年，我国进出口增长2.9%。", "2025-H1"),
        ("2025年前三季度，我国出口增长7.1%。", "2025-01..2025-09"),
        ("2025年一季度，我国出口增长6.9%。", "2025-Q1"),
    ],
)
def test_a_chinese_year_before_its_part(text: str, period: str) -> None:
    assert subjects(text)[0][2] == period
