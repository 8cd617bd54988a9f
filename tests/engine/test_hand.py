"""Hand-worked answers, one tiny table per indicator kind. Arithmetic is in the comments.

The table (yuan; USD in brackets), reporting month 2025-03 against 2024-03:

    2024-03  export VNM 870380 100.00 (14)  private  E1 brand 1 mode 0110
    2024-03  export USA 847130 300.00 (42)  foreign  E2 brand 3 mode 0214
    2024-03  import VNM 850760 200.00 (28)  private  E1 brand 0 mode 0110
    2025-03  export VNM 870380 150.00 (21)  private  E1 brand 1 mode 0110  qty 2.5
    2025-03  export USA 847130 330.00 (45)  foreign  E2 brand 3 mode 0214  qty 1.25
    2025-03  import VNM 850760 180.00 (25)  private  E3 brand 0 mode 0110  qty NULL
    2025-03  export TLS 854142  20.00 (3)   state    E4 brand 2 mode 1210  qty 4

Totals: 2024 exports 400, imports 200, total 600; 2025 exports 500, imports 180, total 680.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.query import Query

from helpers import pct

ROWS = [
    dict(period="2024-03", flow="export", partner="VNM", hs_code="870380", value_cny="100.00",
         value_usd="14.00", enterprise_id="E1", enterprise_type="private", brand_type="1",
         trade_mode="0110", region="44"),
    dict(period="2024-03", flow="export", partner="USA", hs_code="847130", value_cny="300.00",
         value_usd="42.00", enterprise_id="E2", enterprise_type="foreign_invested",
         brand_type="3", trade_mode="0214", region="31"),
    dict(period="2024-03", flow="import", partner="VNM", hs_code="850760", value_cny="200.00",
         value_usd="28.00", enterprise_id="E1", enterprise_type="private", brand_type="0",
         trade_mode="0110", region="44"),
    dict(period="2025-03", flow="export", partner="VNM", hs_code="870380", value_cny="150.00",
         value_usd="21.00", enterprise_id="E1", enterprise_type="private", brand_type="1",
         trade_mode="0110", region="44", quantity="2.5"),
    dict(period="2025-03", flow="export", partner="USA", hs_code="847130", value_cny="330.00",
         value_usd="45.00", enterprise_id="E2", enterprise_type="foreign_invested",
         brand_type="3", trade_mode="0214", region="31", quantity="1.25"),
    dict(period="2025-03", flow="import", partner="VNM", hs_code="850760", value_cny="180.00",
         value_usd="25.00", enterprise_id="E3", enterprise_type="private", brand_type="0",
         trade_mode="0110", region="44"),
    dict(period="2025-03", flow="export", partner="TLS", hs_code="854142", value_cny="20.00",
         value_usd="3.00", enterprise_id="E4", enterprise_type="state_owned", brand_type="2",
         trade_mode="1210", region="11", quantity="4"),
]  # fmt: skip
P = "2025-03"


@pytest.fixture
def eng(make_engine):
    return make_engine(ROWS)


def one(eng, measure: str, **kw):
    return eng.query(period=P, measures=measure, **kw).column(measure)[0].as_py()


def test_values_are_exact_decimals(eng):
    assert one(eng, "value_cny") == Decimal("680.00")  # 150 + 330 + 180 + 20
    assert one(eng, "value_cny", flow="export") == Decimal("500.00")  # 150 + 330 + 20
    assert one(eng, "value_usd") == Decimal("94.00")  # 21 + 45 + 25 + 3
    assert one(eng, "quantity") == Decimal("7.750")  # 2.5 + 1.25 + 4 (NULL skipped)
    assert one(eng, "value_cny", flow="balance") == Decimal("320.00")  # 500 - 180


def test_yoy(eng):
    assert one(eng, "yoy_pct") == pct(Fraction(680, 600) * 100 - 100)  # 13.333...
    assert one(eng, "yoy_pct", flow="export") == pct(25)  # 500 / 400
    assert one(eng, "yoy_pct", flow="import") == pct(-10)  # 180 / 200
    assert one(eng, "yoy_pct", flow="balance") == pct(60)  # 320 / (400 - 200)


def test_yoy_on_zero_base_is_null(eng):
    # TLS has no 2024 rows: base 0 -> NULL, never infinity.
    assert one(eng, "yoy_pct", partner="TLS") is None
    # Mechanical & electrical imports exclude 8507, so both years are 0: value 0, yoy NULL.
    assert one(eng, "value_cny", flow="import", product="mechanical_electrical") == 0
    assert one(eng, "yoy_pct", flow="import", product="mechanical_electrical") is None


def test_yoy_null_when_previous_year_missing(make_engine):
    eng = make_engine([r for r in ROWS if r["period"] == P])
    assert one(eng, "yoy_pct") is None
    assert one(eng, "value_cny") == Decimal("680.00")


def test_group_comparable_basis_at_period_end(eng, make_engine):
    # On 2025-03-31 TLS is not in ASEAN (joined 2025-10-26): ASEAN = VNM: 330 vs 300.
    assert one(eng, "value_cny", partner="asean") == Decimal("330.00")
    assert one(eng, "yoy_pct", partner="asean") == pct(10)
    rows = [
        dict(period="2024-11", flow="export", partner="VNM", hs_code="870380", value_cny="100"),
        dict(period="2024-11", flow="export", partner="TLS", hs_code="870380", value_cny="10"),
        dict(period="2025-11", flow="export", partner="VNM", hs_code="870380", value_cny="110"),
        dict(period="2025-11", flow="export", partner="TLS", hs_code="870380", value_cny="30"),
    ]
    e2 = make_engine(rows)
    # On 2025-11-30 TLS is a member, in BOTH years: (110 + 30) / (100 + 10) = 127.27 %
    # (not 140 / 100, which would count TLS only in 2025).
    got = e2.query(period="2025-11", partner="asean", measures="yoy_pct").column(0)[0].as_py()
    assert got == pct(Fraction(140, 110) * 100 - 100)


def test_share_of_flow_total_and_share_change(eng):
    # ASEAN (VNM) share of total: 330 / 680 = 48.529 %; 2024: 300 / 600 = 50 %.
    assert one(eng, "share_pct", partner="asean") == pct(Fraction(330, 680) * 100)
    assert one(eng, "share_change_pp", partner="asean") == pct(Fraction(330, 680) * 100 - 50)
    # Domestic brands (1, 2) of EXPORTS: 2025 (150 + 20) / 500 = 34 %; 2024 100 / 400 = 25 %.
    kw = dict(flow="export", brand_type="domestic")
    assert one(eng, "share_pct", **kw) == pct(34)
    assert one(eng, "share_change_pp", **kw) == pct(9)
    assert one(eng, "yoy_pct", **kw) == pct(70)  # 170 / 100


def test_contributions_by_partner(eng):
    t = eng.query(period=P, by="partner", measures="value_cny,contribution_pp,share_pct,rank")
    got = {r["partner"]: r for r in t.to_pylist()}
    # Parent base = 600: VNM (330 - 300) / 600 = 5 pp; USA (330 - 300) / 600 = 5 pp;
    # TLS (20 - 0) / 600 = 3.333 pp; sum 13.333 = total growth.
    assert got["VNM"]["contribution_pp"] == pct(5)
    assert got["USA"]["contribution_pp"] == pct(5)
    assert got["TLS"]["contribution_pp"] == pct(Fraction(20, 6))
    assert got["TLS"]["share_pct"] == pct(Fraction(20, 680) * 100)
    # Rank by value: VNM and USA tie at 330 -> both 1; TLS 3.
    assert [got[p]["rank"] for p in ("VNM", "USA", "TLS")] == [1, 1, 3]


def test_parent_selection_and_ytd(eng):
    # Parent = the selection itself: VNM 330 and USA 330 of 660 -> 50 % each.
    q = Query.build(period=P, partner="VNM,USA", by="partner", measures="share_pct",
                    parent={"flow": "total", "partner": "VNM,USA"})  # fmt: skip
    assert [r["share_pct"] for r in eng.query(q).to_pylist()] == [50.0, 50.0]
    # 2025-YTD = 2025-01..2025-03 (latest month in the store); only March has data -> error.
    with pytest.raises(UsageError, match="2025-01, 2025-02"):
        eng.query(period="2025-YTD")
    sql = eng.explain(period=P, partner="asean", measures="yoy_pct")
    # ASEAN as it was on 2025-03-31 (TLS joined later), joined as a code table, not an IN list.
    assert "-- partner asean: 5 members on 2025-03-31: IDN, MYS, SGP, THA, VNM\n" in sql
    assert 'FROM "records"' in sql and "codes_partner_" in sql and "'VNM'" not in sql


def test_counts(eng):
    assert one(eng, "records") == 4
    assert one(eng, "enterprises") == 4  # E1 E2 E3 E4 in 2025
    assert one(eng, "enterprises", partner="VNM") == 2  # E1, E3
    assert one(eng, "partners") == 3  # VNM USA TLS
    # Grew with a base: VNM 300 -> 330, USA 300 -> 330; TLS has no base.
    assert one(eng, "partners_growing") == 2
    assert one(eng, "partners_growing", flow="import") == 0  # VNM 200 -> 180


def test_product_group_follows_hs_edition(eng):
    # new_trio exports: 870380 (150) + 854142 (20, an HS2022 code) = 170; 2024: 100 -> +70 %.
    assert one(eng, "value_cny", flow="export", product="new_trio") == Decimal("170.00")
    assert one(eng, "yoy_pct", flow="export", product="new_trio") == pct(70)


def test_filters_lists_and_negations(eng):
    assert one(eng, "value_cny", partner="asean,USA") == Decimal("660.00")  # 330 + 330
    assert one(eng, "value_cny", partner="!VNM") == Decimal("350.00")  # 330 + 20
    assert one(eng, "value_cny", product="85,!850760") == Decimal("20.00")
    assert one(eng, "value_cny", trade_mode="general_trade") == Decimal("330.00")
    assert one(eng, "value_cny", enterprise_type="private", region="44") == Decimal("330.00")


def test_breakdowns(eng):
    t = eng.query(period=P, by="hs_section", measures="value_cny").to_pylist()
    # XVI: 847130 330 + 850760 180 + 854142 20 = 530; XVII: 870380 150.
    assert t == [
        {"hs_section": "XVI", "value_cny": Decimal("530.00")},
        {"hs_section": "XVII", "value_cny": Decimal("150.00")},
    ]
    t = eng.query(period=P, by="trade_mode_group", measures="value_cny").to_pylist()
    assert {r["trade_mode_group"]: r["value_cny"] for r in t} == {
        "bonded_logistics": Decimal("20.00"),
        "general_trade": Decimal("330.00"),
        "processing_trade": Decimal("330.00"),
    }
    t = eng.query(period=P, by="hs4,flow", measures="value_cny", top=1).to_pylist()
    assert t == [{"hs4": "8471", "flow": "export", "value_cny": Decimal("330.00")}]


def test_partner_group_breakdown_overlaps(eng):
    t = eng.query(period=P, by="partner_group", partner="asean,bri", measures="value_cny,yoy_pct")
    got = {r["partner_group"]: r for r in t.to_pylist()}
    # VNM is in both ASEAN and BRI (fake reference): each group gets 330, +10 %.
    assert got["asean"]["value_cny"] == got["bri"]["value_cny"] == Decimal("330.00")
    assert got["bri"]["yoy_pct"] == pct(10)


STREAK_ROWS = [
    dict(period=f"{y}-{m:02d}", flow="import", partner="VNM", hs_code="850760", value_cny=v)
    for y in (2024, 2025)
    for m in range(1, 13)
    # 2024: 100 each month. 2025: Q1 90 (down), Q2 110, Q3 120, Q4 105 (all up).
    for v in [100 if y == 2024 else (90, 110, 120, 105)[(m - 1) // 3]]
]


def test_growth_streak(make_engine):
    eng = make_engine(STREAK_ROWS)
    q = dict(flow="import", measures="growth_streak")
    # Quarters up: Q4, Q3, Q2; Q1 down -> 3 ("three consecutive quarters since Q2").
    assert eng.query(period="2025", **q).column(0)[0].as_py() == 3
    assert eng.query(period="2025-Q3", **q).column(0)[0].as_py() == 2
    # Months up: Apr..Dec = 9.
    assert eng.query(period="2025", grain="month", **q).column(0)[0].as_py() == 9
    # 2024 has no 2023 to compare with: NULL.
    assert eng.query(period="2024", **q).column(0)[0].as_py() is None
    with pytest.raises(UsageError, match="quarter end"):
        eng.query(period="2025-11", **q)


def test_bad_input(eng, make_engine):
    with pytest.raises(UsageError, match="did you mean 'asean'"):
        eng.query(period=P, partner="aesan")
    with pytest.raises(UsageError, match="periods in the store: 2024-03, 2025-03"):
        eng.query(period="2025-04")
    with pytest.raises(UsageError, match="crosses years"):
        eng.query(period="2024-11..2025-02")
    with pytest.raises(UsageError, match="did you mean 'yoy_pct'"):
        eng.query(period=P, measures="yoy")
    no_ids = make_engine([{**r, "enterprise_id": None} for r in ROWS])
    with pytest.raises(UsageError, match="enterprise_id"):
        no_ids.query(period=P, measures="enterprises")
    with pytest.raises(UsageError, match="balance"):
        eng.query(period=P, flow="balance", measures="share_pct")


def test_negation_keeps_null_codes(make_engine):
    rows = [
        dict(
            period=P, flow="export", partner="VNM", hs_code="870380", value_cny="5", brand_type="1"
        ),
        dict(period=P, flow="export", partner="VNM", hs_code="870380", value_cny="7"),  # NULL brand
    ]
    eng = make_engine(rows)
    # "not brand 1" keeps the row whose brand is unknown (7); "brand 1" never matches NULL (5).
    assert one(eng, "value_cny", brand_type="!1") == Decimal("7.00")
    assert one(eng, "value_cny", brand_type="1") == Decimal("5.00")


def test_growth_streak_by_partner(make_engine):
    flat = [{**r, "partner": "THA", "value_cny": 100} for r in STREAK_ROWS]  # never grows
    eng = make_engine(STREAK_ROWS + flat)
    t = eng.query(period="2025", flow="import", by="partner", measures="value_cny,growth_streak")
    got = {r["partner"]: (r["value_cny"], r["growth_streak"]) for r in t.to_pylist()}
    # VNM 2025: 3 x (90 + 110 + 120 + 105) = 1275; THA 12 x 100 = 1200, yoy 0 -> streak 0.
    assert got == {"THA": (Decimal("1200.00"), 0), "VNM": (Decimal("1275.00"), 3)}
