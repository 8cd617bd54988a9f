"""Quantities are summed within one unit only (kg and m3 are never added together)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tradestats.errors import UsageError

ROWS = [
    dict(period="2025-01", flow="import", partner="SAU", hs_code="27090000", value_cny="700.00",
         quantity="5.5", unit="kg"),
    dict(period="2025-01", flow="import", partner="RUS", hs_code="27090000", value_cny="300.00",
         quantity="2", unit="kg"),
    dict(period="2025-01", flow="import", partner="QAT", hs_code="27112100", value_cny="90.00",
         quantity="40", unit="m3"),
]  # fmt: skip


def test_quantities_by_unit(make_engine):
    eng = make_engine(ROWS)
    got = eng.query(period="2025-01", by="unit", measures="quantity,value_cny").to_pylist()
    assert got == [
        {"unit": "kg", "quantity": Decimal("7.500"), "value_cny": Decimal("1000.00")},  # 5.5 + 2
        {"unit": "m3", "quantity": Decimal("40.000"), "value_cny": Decimal("90.00")},
    ]
    crude = eng.query(period="2025-01", product="2709", measures="quantity")
    assert crude.column("quantity").to_pylist() == [Decimal("7.500")]  # one unit: summed


def test_adding_kilograms_to_cubic_metres_is_refused(make_engine):
    eng = make_engine(ROWS)
    with pytest.raises(UsageError, match=r"different units \(kg and m3"):
        eng.query(period="2025-01", measures="quantity")
    with pytest.raises(UsageError, match="different units"):
        eng.query(period="2025-01", by="flow", measures="quantity")  # the import row mixes both


# Crude oil (2709, kg) and LNG (271121, m3) imports, January 2024 and January 2025. One 2025 crude
# row has a value and no quantity: a unit value over it would be 1050 / 7.5 = 140 instead of
# 1000 / 7.5.
CRUDE = [
    dict(period="2024-01", flow="import", partner="SAU", hs_code="27090000", value_cny="500.00",
         quantity="5", unit="kg", net_weight_kg="5000"),
    dict(period="2024-01", flow="import", partner="RUS", hs_code="27090000", value_cny="240.00",
         quantity="3", unit="kg", net_weight_kg="3000"),
    dict(period="2025-01", flow="import", partner="SAU", hs_code="27090000", value_cny="700.00",
         quantity="5.5", unit="kg", net_weight_kg="5500"),
    dict(period="2025-01", flow="import", partner="RUS", hs_code="27090000", value_cny="300.00",
         quantity="2", unit="kg", net_weight_kg="2000"),
    dict(period="2025-01", flow="import", partner="RUS", hs_code="27090000", value_cny="50.00"),
    dict(period="2025-01", flow="import", partner="QAT", hs_code="27112100", value_cny="90.00",
         quantity="40", unit="m3", net_weight_kg="18000"),
]  # fmt: skip
MEASURES = "quantity,unit_value,quantity_yoy_pct,unit_value_yoy_pct,net_weight_kg"


def test_unit_value_and_growth_of_crude_oil_by_hand(make_engine):
    eng = make_engine(CRUDE)
    got = eng.query(period="2025-01", product="2709", measures=MEASURES).to_pylist()[0]
    # 2025: 5.5 + 2 = 7.5 kg for 700 + 300 = 1000 yuan; 2024: 5 + 3 = 8 kg for 740 yuan.
    assert got["quantity"] == Decimal("7.500")
    assert got["unit_value"] == Decimal("133.33333333333333333333")  # 1000 / 7.5
    assert got["quantity_yoy_pct"] == Decimal("-6.25")  # (7.5 - 8) / 8 x 100
    # (1000 / 7.5) / (740 / 8) = 8000 / 5550 = 1.441441... : +44.144144... %
    assert got["unit_value_yoy_pct"] == Decimal("44.14414414414414414414")
    assert got["net_weight_kg"] == Decimal("7500.000")  # 5500 + 2000


def test_unit_value_leaves_out_the_value_of_rows_without_a_quantity(make_engine):
    eng = make_engine(CRUDE)
    got = eng.query(period="2025-01", product="2709", measures="value_cny,unit_value")
    row = got.to_pylist()[0]
    assert row["value_cny"] == Decimal("1050.00")  # every row's value
    # 1000 / 7.5 = 133.33..., the value of the rows with a quantity; not 1050 / 7.5 = 140
    assert row["unit_value"].quantize(Decimal("0.01")) == Decimal("133.33")


def test_unit_value_in_dollars_follows_the_basis(make_engine):
    rows = [dict(CRUDE[2], value_usd="98.00"), dict(CRUDE[3], value_usd="42.00")]
    eng = make_engine(rows)
    got = eng.query(period="2025-01", measures="unit_value", basis="value_usd").to_pylist()
    assert got == [{"unit_value": Decimal("18.66666666666666666667")}]  # 140 / 7.5


def test_unit_value_over_kilograms_and_cubic_metres_is_refused(make_engine):
    eng = make_engine(CRUDE)
    with pytest.raises(UsageError, match=r"different units \(kg and m3"):
        eng.query(period="2025-01", flow="import", measures="unit_value")
    by_unit = eng.query(period="2025-01", by="unit", measures="unit_value").to_pylist()
    assert by_unit[1] == {"unit": "m3", "unit_value": Decimal("2.25000000000000000000")}  # 90/40


def test_quantity_growth_from_kilograms_to_cubic_metres_is_refused(make_engine):
    rows = [
        dict(CRUDE[5], period="2024-01", quantity="20000", unit="kg"),  # LNG in kg a year earlier
        CRUDE[5],
    ]
    eng = make_engine(rows)
    for measure in ("quantity_yoy_pct", "unit_value_yoy_pct"):
        with pytest.raises(UsageError, match=r"in m3 now and in kg a year earlier"):
            eng.query(period="2025-01", measures=measure)
    assert eng.query(period="2025-01", measures="quantity").column(0).to_pylist() == [
        Decimal("40.000")
    ]  # the current year alone is in one unit


def test_net_weight_adds_across_products_whose_supplementary_units_differ(make_engine):
    eng = make_engine(CRUDE)
    got = eng.query(period="2025-01", measures="net_weight_kg,value_cny").to_pylist()
    # net weight is always kg: 5500 + 2000 + 18000, where kg and m3 quantities are refused.
    assert got == [{"net_weight_kg": Decimal("25500.000"), "value_cny": Decimal("1140.00")}]


def test_quantity_growth_without_a_base_is_null(make_engine):
    eng = make_engine(CRUDE)
    measures = "quantity_yoy_pct,unit_value_yoy_pct"
    got = eng.query(period="2025-01", product="271121", measures=measures)  # no LNG in 2024
    assert got.to_pylist() == [{"quantity_yoy_pct": None, "unit_value_yoy_pct": None}]


def test_batched_figures_equal_the_query_s(make_engine):
    from tradestats.indicators.query import Query

    eng = make_engine(CRUDE)
    qs = [Query.build(period="2025-01", product="2709", measures=m) for m in MEASURES.split(",")]
    got = eng.figures(qs)
    assert [got[i] for i in range(len(qs))] == [
        Decimal("7.500"), Decimal("133.33333333333333333333"), Decimal("-6.25"),
        Decimal("44.14414414414414414414"), Decimal("7500.000"),
    ]  # fmt: skip
    text = eng.explain(period="2025-01", product="2709", measures="unit_value")
    assert "_q_value / _quantity" in text
