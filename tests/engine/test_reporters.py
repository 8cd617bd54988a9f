"""Several reporters in one store: never added up unless asked; filters, breakdown, routing.

Store (yuan), 2024-03 and 2025-03:

    reporter  flow    partner  2024  2025
    CHN       export  VNM       100   150
    CHN       export  KOR         -    50
    USA       export  VNM        40    30
    (none)    export  VNM        10    20      rows without a reporter: the store's own
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.query import Query

from helpers import pct


def row(period, reporter, partner, value, flow="export", hs="870380", **more):
    return dict(period=period, reporter=reporter, partner=partner, flow=flow, hs_code=hs,
                value_cny=value, **more)  # fmt: skip


ROWS = [
    row("2024-03", "CHN", "VNM", "100"), row("2025-03", "CHN", "VNM", "150"),
    row("2025-03", "CHN", "KOR", "50"),
    row("2024-03", "USA", "VNM", "40"), row("2025-03", "USA", "VNM", "30"),
    row("2024-03", None, "VNM", "10"), row("2025-03", None, "VNM", "20"),
]  # fmt: skip
P = "2025-03"


@pytest.fixture
def eng(make_engine):
    return make_engine(ROWS)


def one(eng, measure="value_cny", **kw):
    return eng.query(period=P, measures=measure, **kw).column(measure)[0].as_py()


def test_several_reporters_are_not_added_up_silently(eng):
    with pytest.raises(UsageError, match=r"several reporters \(CHN, USA, own\)"):
        eng.query(period=P)
    with pytest.raises(UsageError, match="several reporters"):
        eng.indicators(["exports.yoy"], period=P)


def test_reporter_filter(eng):
    assert one(eng, reporter="CHN") == Decimal("200.00")  # 150 + 50
    assert one(eng, "yoy_pct", reporter="CHN") == pct(100)  # 200 vs 100
    assert one(eng, reporter="own") == Decimal("20.00")  # the rows without a reporter
    # Named together, they are added up: 200 + 30 = 230 against 100 + 40 = 140.
    assert one(eng, "yoy_pct", reporter="CHN,USA") == pct(Fraction(230, 140) * 100 - 100)
    assert one(eng, reporter="!CHN,!USA") == Decimal("20.00")
    with pytest.raises(UsageError, match="no data for reporter JPN in 2025-03"):
        eng.query(period=P, reporter="JPN")


def test_shares_stay_within_a_reporter(eng):
    # CHN exports: VNM 150 of 200 = 75 %; the parent is CHN's total, not every reporter's.
    assert one(eng, "share_pct", reporter="CHN", partner="VNM") == pct(75)
    t = eng.query(period=P, by="reporter,partner", measures="value_cny,share_pct").to_pylist()
    got = {(r["reporter"], r["partner"]): (r["value_cny"], r["share_pct"]) for r in t}
    assert got == {
        ("CHN", "KOR"): (Decimal("50.00"), pct(25)),
        ("CHN", "VNM"): (Decimal("150.00"), pct(75)),
        ("USA", "VNM"): (Decimal("30.00"), pct(100)),
        (None, "VNM"): (Decimal("20.00"), pct(100)),
    }
    # With the selection as parent, each reporter's share of the reporters shown: 200 of 230.
    q = Query.build(period=P, reporter="CHN,USA", by="reporter", measures="share_pct,yoy_pct")
    q = Query(**{**q.__dict__, "parent": q.selection})
    rows = {r["reporter"]: r for r in eng.query(q).to_pylist()}
    assert rows["CHN"]["share_pct"] == pct(Fraction(200, 230) * 100)
    assert rows["USA"]["yoy_pct"] == pct(-25)  # 30 vs 40


def test_reporters_read_their_own_kind_of_period(make_engine):
    # CHN: months 2025-01..03 AND a combined Jan-Feb row; USA: combined Jan-Feb and March.
    # Q1 2025: CHN from its months (1 + 2 + 4 = 7; its combined 100 never added);
    # USA from combined + March (20 + 8 = 28).
    rows = [
        row("2025-01", "CHN", "VNM", "1"), row("2025-02", "CHN", "VNM", "2"),
        row("2025-03", "CHN", "VNM", "4"), row("2025-01..2025-02", "CHN", "VNM", "100"),
        row("2025-01..2025-02", "USA", "VNM", "20"), row("2025-03", "USA", "VNM", "8"),
    ]  # fmt: skip
    eng = make_engine(rows)
    t = eng.query(period="2025-Q1", by="reporter", measures="value_cny").to_pylist()
    assert t == [
        {"reporter": "CHN", "value_cny": Decimal("7.00")},
        {"reporter": "USA", "value_cny": Decimal("28.00")},
    ]
    total = eng.query(period="2025-Q1", reporter="CHN,USA", measures="value_cny").to_pylist()
    assert total == [{"value_cny": Decimal("35.00")}]


def test_annual_and_monthly_reporters_side_by_side(make_engine):
    # CHN monthly (12 x 10 in 2020), USA annual (500): by reporter, each from its own rows.
    rows = [row(f"2020-{m:02d}", "CHN", "VNM", "10") for m in range(1, 13)]
    rows.append(row("2020", "USA", "VNM", "500", hs="TOTAL", product_level="total"))
    eng = make_engine(rows)
    t = eng.query(period="2020", by="reporter", measures="value_cny").to_pylist()
    assert t == [
        {"reporter": "CHN", "value_cny": Decimal("120.00")},
        {"reporter": "USA", "value_cny": Decimal("500.00")},
    ]
    with pytest.raises(UsageError, match="no figure for 2020-Q1 for reporter USA"):
        eng.query(period="2020-Q1", by="reporter")
    assert eng.query(period="2020-Q1", reporter="CHN").column(0)[0].as_py() == Decimal("30.00")


def test_an_exclude_only_reporter_filter_adds_up_every_other_reporter(eng):
    # Every reporter but China: USA 30 + own 20 = 50 in 2025 against 40 + 10 = 50 in 2024.
    assert one(eng, reporter="!CHN") == Decimal("50.00")
    assert one(eng, "yoy_pct", reporter="!CHN") == Decimal(0)
    # Broken down by reporter, the ones left: USA and the store's own rows.
    got = eng.query(period=P, reporter="!CHN", by="reporter", measures="value_cny")
    assert got.to_pylist() == [
        {"reporter": "USA", "value_cny": Decimal("30.00")},
        {"reporter": None, "value_cny": Decimal("20.00")},
    ]
    with pytest.raises(UsageError, match="no data for reporter selected"):
        eng.query(period=P, reporter="!CHN,!USA,!own")


def test_like_for_like_growth_leaves_out_a_reporter_without_a_base_and_names_it(make_engine):
    # JPN reports 2025-03 only (60): over CHN, USA and JPN the growth has no base for JPN.
    eng = make_engine([*ROWS, row("2025-03", "JPN", "VNM", "60")])
    assert one(eng, "yoy_pct", reporter="!own") is None  # the NULL rule: a base is missing
    q = dict(reporter="!own", like_for_like="true")
    # CHN and USA only: 150 + 50 + 30 = 230 against 100 + 40 = 140
    assert one(eng, "value_cny", **q) == Decimal("230.00")
    assert one(eng, "yoy_pct", **q) == pct(Fraction(230, 140) * 100 - 100)
    assert eng.left_out(Query.build(period=P, measures="yoy_pct", **q)) == ["JPN"]
    assert eng.left_out(Query.build(period=P, reporter="!own")) == []  # not asked
    with pytest.raises(UsageError, match=r"no reporter has data for both .* \(JPN lack"):
        eng.query(period=P, reporter="JPN", measures="yoy_pct", like_for_like="true")


def test_like_for_like_is_true_or_false(make_engine):
    from tradestats.errors import BadParameter

    with pytest.raises(BadParameter, match="like_for_like is true or false, not 'maybe'"):
        make_engine(ROWS).query(period=P, reporter="CHN", like_for_like="maybe")
