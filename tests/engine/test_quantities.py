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
