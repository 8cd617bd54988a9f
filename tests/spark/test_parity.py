"""DuckDB and Spark give the same answers, exactly, for every indicator kind and seed indicator.

Money is compared as Decimal, ratios as float64 with ``==`` (no tolerance: both engines divide
the same exact sums once, in IEEE double), rows in the same order.
"""

from __future__ import annotations

import pytest
from sparkparity import diff, same_query

from tradestats.errors import Unsupported
from tradestats.indicators.query import VALUATIONS, Dim, Measure

PERIOD = "2025"
ALL_MONEY = "value_cny,value_usd,yoy_pct,share_pct,share_change_pp,contribution_pp"


def same_refusal(duck, sparky, **query) -> None:
    """Both engines refuse ``query`` with the same message (the generated records have no CIF
    or FOB values, so a CIF or FOB figure is refused, never filled from value_usd)."""
    found = []
    for eng in (duck, sparky):
        with pytest.raises(Unsupported, match="have no value_") as err:
            eng.query(**query)
        found.append(str(err.value))
    assert found[0] == found[1]


@pytest.mark.parametrize("measure", [m.value for m in Measure])
def test_every_measure_by_partner_group(duck, sparky, measure):
    by = None if measure == "growth_streak" else "partner_group"
    if measure in VALUATIONS:
        return same_refusal(duck, sparky, period=PERIOD, flow="export", by=by, measures=measure)
    got = same_query(duck, sparky, period=PERIOD, flow="export", by=by, measures=measure)
    assert got.num_rows >= 1


@pytest.mark.parametrize("measure", [m.value for m in Measure])
def test_every_measure_total(duck, sparky, measure):
    if measure in VALUATIONS:
        return same_refusal(duck, sparky, period=PERIOD, flow="total", measures=measure)
    same_query(duck, sparky, period=PERIOD, flow="total", measures=measure)


@pytest.mark.parametrize("dim", [d.value for d in Dim])
def test_every_breakdown(duck, sparky, dim):
    flow = "total" if dim == "flow" else "import"
    got = same_query(duck, sparky, period=PERIOD, flow=flow, by=dim, measures=ALL_MONEY)
    assert got.num_rows >= 1


@pytest.mark.parametrize(
    "period", ["2025-Q2", "2025-H1", "2025-03", "2025-02..2025-05", "2025-YTD"]
)
def test_period_kinds(duck, sparky, period):
    same_query(duck, sparky, period=period, flow="export", by="partner", measures=ALL_MONEY, top=15)


@pytest.mark.parametrize(
    "selection",
    [
        {"flow": "balance", "partner": "asean,!VNM", "measures": "value_cny,value_usd,yoy_pct,rank",
         "by": "partner"},
        {"flow": "import", "product": "new_trio", "by": "product_group",
         "measures": "value_cny,yoy_pct,share_pct,contribution_pp"},
        {"flow": "export", "product": "85,!8507", "trade_mode": "general_trade",
         "measures": "value_cny,records,enterprises,quantity"},
        {"flow": "total", "enterprise_type": "private,state_owned", "region": "44,32",
         "by": "enterprise_type,region", "measures": ALL_MONEY},
        {"flow": "export", "brand_type": "domestic", "by": "trade_mode_group,quarter",
         "measures": "value_cny,yoy_pct,partners,partners_growing"},
        {"flow": "import", "by": "hs2", "measures": "value_cny,rank,growth_streak",
         "grain": "month", "top": 10},
        {"flow": "export", "by": "partner", "measures": "value_cny,share_pct", "basis": "value_usd",
         "parent": {"flow": "export", "partner": "asean"}, "partner": "asean"},
    ],
    ids=["balance-exclusion", "product-group", "hs-and-mode", "etype-region", "brand-quarter",
         "hs2-top-streak", "usd-parent"],
)  # fmt: skip
def test_selections(duck, sparky, selection):
    q = dict(selection)
    if isinstance(q.get("parent"), dict):
        from tradestats.indicators.query import Query, Selection

        parent = Selection.build(**q.pop("parent"))
        query = Query.build(period=PERIOD, **q)
        query = Query(**{**query.__dict__, "parent": parent})
        a, b = duck.query(query), sparky.query(query)
        assert not diff(a, b), diff(a, b)[:5]
        return
    same_query(duck, sparky, period=PERIOD, **q)


@pytest.mark.parametrize("period", ["2025", "2025-Q3", "2025-H1"])
def test_every_seed_indicator_in_one_batch(duck, sparky, period):
    a = duck.indicators(period=period)
    b = sparky.indicators(period=period)
    assert list(a) == list(b) == duck.library.names()
    wrong = {n: (a[n].value, b[n].value) for n in a if a[n].value != b[n].value}
    assert wrong == {}
    assert all(type(a[n].value) is type(b[n].value) for n in a)


def test_every_seed_indicator_alone(duck, sparky, period=PERIOD):
    # One query per indicator (the path breakdowns and streaks take), not the shared scan.
    for name in duck.library.names():
        q = duck.library.get(name).query(period)
        a, b = duck.query(q), sparky.query(q)
        assert not diff(a, b), (name, diff(a, b)[:3])


def test_explain_is_spark_sql(sparky):
    sql = sparky.explain(period=PERIOD, flow="export", partner="asean", measures="yoy_pct")
    assert "records_" in sql and "`" in sql  # Spark quotes identifiers with backticks
