"""Annual data, combined months and cumulative figures: hand-worked answers, refusals.

Rule (docs/indicators.md): a reporting period is read from stored periods that tile its months,
months first; a year (``YYYY``) only answers a whole year; a stored figure is never split; the
comparison year must be read from the same kind (annual against annual).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tradestats.errors import UsageError

from helpers import pct


def annual(period, flow, partner, usd, reporter="CHN"):
    """A Comtrade-style annual TOTAL row (dollars only)."""
    return dict(period=period, flow=flow, partner=partner, hs_code="TOTAL", product_level="total",
                reporter=reporter, value_usd=usd)  # fmt: skip


def line(period, value, flow="export", partner="KOR", reporter="CHN", hs="870380"):
    """A declaration line (yuan and dollars)."""
    return dict(period=period, flow=flow, partner=partner, hs_code=hs, reporter=reporter,
                value_cny=value, value_usd=value)  # fmt: skip


ANNUAL = [
    annual("2019", "export", "KOR", "100"), annual("2019", "export", "USA", "300"),
    annual("2019", "import", "KOR", "50"),
    annual("2020", "export", "KOR", "120"), annual("2020", "export", "USA", "330"),
    annual("2020", "import", "KOR", "40"),
]  # fmt: skip
USD = dict(basis="value_usd")


def test_annual_rows_answer_a_year(make_engine):
    eng = make_engine(ANNUAL)
    measures = "value_usd,yoy_pct,share_pct"
    t = eng.query(period="2020", flow="export", by="partner", measures=measures, **USD)
    t = t.to_pylist()
    # KOR 120 vs 100: +20 %, share 120 / 450; USA 330 vs 300: +10 %, share 330 / 450.
    assert t == [
        {"partner": "KOR", "value_usd": Decimal("120.00"), "yoy_pct": pct(20),
         "share_pct": pct(Fraction(120, 450) * 100)},
        {"partner": "USA", "value_usd": Decimal("330.00"), "yoy_pct": pct(10),
         "share_pct": pct(Fraction(330, 450) * 100)},
    ]  # fmt: skip
    by_year = eng.query(period="2020", by="year", measures="value_usd,yoy_pct", **USD).to_pylist()
    # Total trade 2020: 120 + 330 + 40 = 490; 2019: 450 -> +8.888... %.
    assert by_year == [{"year": "2020", "value_usd": Decimal("490.00"),
                        "yoy_pct": pct(Fraction(40, 450) * 100)}]  # fmt: skip
    assert eng.query(period="2020", flow="balance", measures="value_usd", **USD).column(0)[
        0
    ].as_py() == Decimal("410.00")  # 450 - 40


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(period="2020-Q2"), "no figure for 2020-Q2: 2020 holds annual data"),
        (dict(period="2020-03"), "never split into months"),
        (dict(period="2020", by="quarter"), "breakdown by quarter needs figures inside"),
        (dict(period="2020", by="month"), "breakdown by month"),
        (dict(period="2020", measures="growth_streak"), "growth streak"),
        (dict(period="2021"), "no data for 2021-01..2021-12"),
    ],
)
def test_annual_rows_are_never_split_into_months(make_engine, kw, message):
    eng = make_engine(ANNUAL)
    with pytest.raises(UsageError, match=message):
        eng.query(**{"measures": "value_usd", **USD, **kw})


def test_missing_currency_is_an_error_not_zero(make_engine):
    eng = make_engine(ANNUAL)
    with pytest.raises(UsageError, match="have no value_cny, only value_usd"):
        eng.query(period="2020")  # basis value_cny by default
    with pytest.raises(UsageError, match="have no value_eur"):
        eng.query(period="2020", measures="value_eur", **USD)
    # Counts need no currency.
    assert eng.query(period="2020", measures="records").column(0)[0].as_py() == 3


MONTHS_2020 = [line(f"2020-{m:02d}", "80") for m in range(1, 13)]  # 12 x 80 = 960
MONTHS_2019 = [line(f"2019-{m:02d}", "75") for m in range(1, 13)]  # 12 x 75 = 900


def test_months_win_over_the_annual_row_of_the_same_year(make_engine):
    # 2020 holds both an annual TOTAL (1000) and twelve months (960): never 1960.
    eng = make_engine([annual("2020", "export", "KOR", "1000"), *MONTHS_2020, *MONTHS_2019])
    got = eng.query(period="2020", flow="export", measures="value_usd,yoy_pct", **USD).to_pylist()
    assert got == [{"value_usd": Decimal("960.00"), "yoy_pct": pct(Fraction(960, 900) * 100 - 100)}]
    # Quarters come from the months: 3 x 80.
    q = eng.query(period="2020", flow="export", by="quarter", measures="value_usd", **USD)
    assert q.column("value_usd").to_pylist() == [Decimal("240.00")] * 4


def test_comparison_year_of_another_kind_is_missing(make_engine):
    # 2020 from months (960); 2019 only annual (800): not comparable -> yoy NULL, value given.
    rows = [annual("2019", "export", "KOR", "800"), *MONTHS_2020]
    eng = make_engine(rows)
    got = eng.query(period="2020", flow="export", measures="value_usd,yoy_pct", **USD).to_pylist()
    assert got == [{"value_usd": Decimal("960.00"), "yoy_pct": None}]


def test_incomplete_months_leave_the_year_to_the_annual_row(make_engine):
    # Months of 2020 only to June (6 x 80); annual rows for 2019 (800) and 2020 (1000).
    rows = [annual("2019", "export", "KOR", "800"), annual("2020", "export", "KOR", "1000"),
            *MONTHS_2020[:6]]  # fmt: skip
    eng = make_engine(rows)
    got = eng.query(period="2020", flow="export", measures="value_usd,yoy_pct", **USD).to_pylist()
    assert got == [{"value_usd": Decimal("1000.00"), "yoy_pct": pct(25)}]  # 1000 / 800
    h1 = eng.query(period="2020-H1", flow="export", measures="value_usd,yoy_pct", **USD)
    assert h1.to_pylist() == [{"value_usd": Decimal("480.00"), "yoy_pct": None}]  # no 2019 months


COMBINED = [
    line("2025-01..2025-02", "200"),  # January-February published together
    line("2025-03", "150"),
    line("2024-01", "90"), line("2024-02", "60"), line("2024-03", "100"),
]  # fmt: skip


def test_combined_months_tile_a_quarter(make_engine):
    eng = make_engine(COMBINED)
    got = eng.query(period="2025-Q1", flow="export", measures="value_cny,yoy_pct,records")
    # 200 + 150 = 350 against 90 + 60 + 100 = 250: +40 %; 2 stored rows.
    assert got.to_pylist() == [{"value_cny": Decimal("350.00"), "yoy_pct": pct(40), "records": 2}]
    by_q = eng.query(period="2025-Q1", by="quarter", measures="value_cny").to_pylist()
    assert by_q == [{"quarter": "2025-Q1", "value_cny": Decimal("350.00")}]
    ytd = eng.query(period="2025-YTD", measures="value_cny").to_pylist()  # Jan..Mar
    assert ytd == [{"value_cny": Decimal("350.00")}]


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(period="2025-01"), "2025-01..2025-02 holds combined or cumulative figures"),
        (dict(period="2025-02..2025-03"), "never split into months"),
        (dict(period="2025-Q1", by="month"), "breakdown by month"),
    ],
)
def test_combined_months_are_never_split(make_engine, kw, message):
    with pytest.raises(UsageError, match=message):
        make_engine(COMBINED).query(**kw)


CUMULATIVE = [
    line("2024-01..2024-03", "400"), line("2024-01..2024-06", "1000"),
    line("2025-01..2025-03", "500"), line("2025-01..2025-06", "1300"),
]  # fmt: skip


def test_quarter_from_cumulative_figures(make_engine):
    # GLOSSARY: Q2 = YTD(June) - YTD(March): 2025 1300 - 500 = 800; 2024 1000 - 400 = 600.
    eng = make_engine(CUMULATIVE)
    got = eng.query(period="2025-Q2", flow="export", measures="value_cny,yoy_pct").to_pylist()
    assert got == [{"value_cny": Decimal("800.00"), "yoy_pct": pct(Fraction(800, 600) * 100 - 100)}]
    by_partner = eng.query(period="2025-Q2", by="partner", measures="value_cny,share_pct")
    assert by_partner.to_pylist() == [
        {"partner": "KOR", "value_cny": Decimal("800.00"), "share_pct": pct(100)}
    ]
    # YTD: the latest cumulative figure, Jan..Jun: 1300 vs 1000.
    ytd = eng.query(period="2025-YTD", measures="value_cny,yoy_pct").to_pylist()
    assert ytd == [{"value_cny": Decimal("1300.00"), "yoy_pct": pct(30)}]
    with pytest.raises(UsageError, match="difference of cumulative figures"):
        eng.query(period="2025-Q2", measures="records")
    with pytest.raises(UsageError, match="breakdown by quarter"):
        eng.query(period="2025-H1", by="quarter")
