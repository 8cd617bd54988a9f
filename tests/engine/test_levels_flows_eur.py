"""Product levels (TOTAL, chapters, headings), re-export flows and euros: hand-worked answers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.query import FlowSel, Query, Selection

from helpers import pct


def agg(period, partner, code, usd, flow="export"):
    level = "total" if code == "TOTAL" else str(len(code))
    return dict(period=period, flow=flow, partner=partner, hs_code=code, product_level=level,
                reporter="CHN", value_usd=usd)  # fmt: skip


# Chapters 84 and 85 of CHN's exports to USA (annual): 2019 50 + 80, 2020 50 + 100.
CHAPTERS = [agg("2019", "USA", "84", "50"), agg("2019", "USA", "85", "80"),
            agg("2020", "USA", "84", "50"), agg("2020", "USA", "85", "100")]  # fmt: skip
USD = dict(basis="value_usd", period="2020")


def test_queries_at_the_rows_level(make_engine):
    eng = make_engine(CHAPTERS)
    got = eng.query(product="85", measures="value_usd,yoy_pct,share_pct", **USD).to_pylist()
    # 100 vs 80: +25 %; share of all exports 100 / 150.
    assert got == [{"value_usd": Decimal("100.00"), "yoy_pct": pct(25),
                    "share_pct": pct(Fraction(100, 150) * 100)}]  # fmt: skip
    t = eng.query(by="hs2", measures="value_usd", **USD).to_pylist()
    assert t == [{"hs2": "84", "value_usd": Decimal("50.00")},
                 {"hs2": "85", "value_usd": Decimal("100.00")}]  # fmt: skip
    sec = eng.query(by="hs_section", measures="value_usd", **USD).to_pylist()
    assert sec == [{"hs_section": "XVI", "value_usd": Decimal("150.00")}]  # 84 + 85


@pytest.mark.parametrize(
    "kw",
    [
        dict(product="8507"),
        dict(product="new_trio"),
        dict(by="hs4"),
        dict(by="hs6"),
        dict(product="mechanical_electrical"),
        dict(by="product_group"),
    ],
    ids=["heading", "group-of-hs6", "by-hs4", "by-hs6", "group-with-heading-exclusion", "groups"],
)
def test_finer_than_the_rows_is_refused(make_engine, kw):
    eng = make_engine(CHAPTERS)
    with pytest.raises(UsageError, match="finer than the data hold: rows at 8"):
        eng.query(measures="value_usd", **USD, **kw)


def test_total_rows(make_engine):
    # TOTAL for KOR, chapters for USA: different cells, nothing nested: the total adds them.
    eng = make_engine(
        [*CHAPTERS, agg("2020", "KOR", "TOTAL", "70"), agg("2019", "KOR", "TOTAL", "60")]
    )
    assert eng.query(measures="value_usd", **USD).column(0)[0].as_py() == Decimal("220.00")
    with pytest.raises(UsageError, match="rows at TOTAL CHN 2020"):
        eng.query(by="hs2", measures="value_usd", **USD)
    # Partner USA has chapter rows only: its chapter 85 is answerable.
    got = eng.query(partner="USA", product="85", measures="value_usd", **USD)
    assert got.column(0)[0].as_py() == Decimal("100.00")


def test_nested_levels_are_refused(make_engine):
    # A TOTAL (150) beside its chapters (50 + 100) in the same cell would be counted twice.
    eng = make_engine([*CHAPTERS, agg("2020", "USA", "TOTAL", "150")])
    with pytest.raises(UsageError, match="counted twice: 2020 CHN export USA TOTAL 84"):
        eng.query(measures="value_usd", **USD)


def test_prefix_longer_than_the_lines(make_engine):
    # 6-digit declaration lines cannot answer an 8-digit product.
    rows = [dict(period=p, flow="export", partner="USA", hs_code="850760", value_cny="5")
            for p in ("2024-03", "2025-03")]  # fmt: skip
    eng = make_engine(rows)
    assert eng.query(period="2025-03", product="850760").column(0)[0].as_py() == Decimal("5.00")
    with pytest.raises(UsageError, match="rows at 850760 - 2025-03"):
        eng.query(period="2025-03", product="85076000")


FLOWS = [
    dict(period=p, flow=f, partner="USA", hs_code="870380", value_cny=v)
    for p, f, v in [
        ("2024-03", "export", "400"), ("2024-03", "re_export", "100"),
        ("2024-03", "import", "250"), ("2024-03", "re_import", "20"),
        ("2025-03", "export", "500"), ("2025-03", "re_export", "120"),
        ("2025-03", "import", "300"), ("2025-03", "re_import", "30"),
    ]
]  # fmt: skip


def test_re_exports_are_of_which_items(make_engine):
    eng = make_engine(FLOWS)

    def one(flow, measure="value_cny"):
        return eng.query(period="2025-03", flow=flow, measures=measure).column(0)[0].as_py()

    assert one("export") == Decimal("500.00")  # re-exports are inside, never added
    assert one("total") == Decimal("800.00")  # 500 + 300
    assert one("balance") == Decimal("200.00")  # 500 - 300
    assert one("re_export") == Decimal("120.00")
    assert one("re_export", "yoy_pct") == pct(20)  # 120 vs 100
    assert one("re_import", "yoy_pct") == pct(50)  # 30 vs 20
    # Re-exports as a share of exports: 120 / 500 = 24 %, 2024 100 / 400 = 25 % -> -1 pp.
    q = Query.build(period="2025-03", flow="re_export", measures="share_pct,share_change_pp")
    q = Query(**{**q.__dict__, "parent": Selection(flow=FlowSel.EXPORT)})
    assert eng.query(q).to_pylist() == [{"share_pct": pct(24), "share_change_pp": pct(-1)}]
    by_flow = eng.query(period="2025-03", by="flow", measures="value_cny").to_pylist()
    assert [r["flow"] for r in by_flow] == ["export", "import"]


EUR = [
    dict(period=p, flow=f, partner=c, hs_code="870380", reporter="DEU", value_eur=v)
    for p, f, c, v in [
        ("2024-03", "export", "CHN", "80.50"), ("2024-03", "import", "CHN", "100.00"),
        ("2024-03", "export", "USA", "19.50"),
        ("2025-03", "export", "CHN", "90.25"), ("2025-03", "import", "CHN", "110.00"),
        ("2025-03", "export", "USA", "29.75"),
    ]
]  # fmt: skip


def test_euro_measures(make_engine):
    eng = make_engine(EUR)
    kw = dict(period="2025-03", basis="value_eur")
    t = eng.query(flow="export", by="partner", measures="value_eur,yoy_pct,share_pct,rank", **kw)
    # Exports 2025: 90.25 + 29.75 = 120.00; 2024: 80.50 + 19.50 = 100.00.
    want = [("CHN", "90.25", Fraction(9025, 8050), 1), ("USA", "29.75", Fraction(2975, 1950), 2)]
    assert t.to_pylist() == [
        {"partner": p, "value_eur": Decimal(v), "yoy_pct": pct(g * 100 - 100),
         "share_pct": pct(Fraction(v) / 120 * 100), "rank": rank}
        for p, v, g, rank in want
    ]  # fmt: skip
    bal = eng.query(flow="balance", measures="value_eur,yoy_pct", **kw).to_pylist()
    # 120 - 110 = 10 against 100 - 100 = 0: growth on no base is NULL.
    assert bal == [{"value_eur": Decimal("10.00"), "yoy_pct": None}]
    empty = eng.query(flow="export", partner="JPN", measures="value_eur,yoy_pct", **kw)
    assert empty.to_pylist() == [{"value_eur": Decimal("0.00"), "yoy_pct": None}]
    with pytest.raises(UsageError, match="have no value_cny, only value_eur"):
        eng.query(period="2025-03")
