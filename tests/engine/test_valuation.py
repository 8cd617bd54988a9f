"""The valuation basis chosen in a query: CIF and FOB dollars, never mixed with value_usd.

Imports of a reporter (Comtrade: value_usd is the CIF value of imports; the FOB value is given
beside it), January 2024 and January 2025, by hand:

    period   partner  value_usd  value_cif_usd  value_fob_usd
    2024-01  CHN        1000.00        1000.00         950.00
    2024-01  MEX         400.00         400.00         380.00
    2025-01  CHN        1100.00        1100.00        1040.00
    2025-01  MEX         500.00         500.00         470.00
    2025-01  KOR         300.00              -              -   (no CIF/FOB given)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tradestats.errors import BadParameter, UsageError


def _r(period: str, partner: str, usd: str, cif: str | None, fob: str | None) -> dict:
    return dict(period=period, flow="import", partner=partner, hs_code="851762",
                value_usd=usd, value_cif_usd=cif, value_fob_usd=fob)  # fmt: skip


ROWS = [
    _r("2024-01", "CHN", "1000.00", "1000.00", "950.00"),
    _r("2024-01", "MEX", "400.00", "400.00", "380.00"),
    _r("2025-01", "CHN", "1100.00", "1100.00", "1040.00"),
    _r("2025-01", "MEX", "500.00", "500.00", "470.00"),
]
KOR = _r("2025-01", "KOR", "300.00", None, None)


def test_fob_basis_growth_and_shares_by_hand(make_engine):
    eng = make_engine(ROWS)
    got = eng.query(period="2025-01", measures="value_fob_usd,yoy_pct", basis="fob").to_pylist()
    # FOB 1040 + 470 = 1510 against 950 + 380 = 1330: +180 / 1330 = +13.53 %
    assert got[0]["value_fob_usd"] == Decimal("1510.00")
    assert got[0]["yoy_pct"].quantize(Decimal("0.01")) == Decimal("13.53")
    mex = eng.query(period="2025-01", partner="MEX", measures="share_pct", basis="value_fob_usd")
    assert mex.column(0)[0].as_py().quantize(Decimal("0.001")) == Decimal("31.126")  # 470 / 1510
    cif = eng.query(period="2025-01", measures="value_cif_usd,yoy_pct", basis="cif").to_pylist()
    assert cif[0]["value_cif_usd"] == Decimal("1600.00")  # 1100 + 500
    assert cif[0]["yoy_pct"].quantize(Decimal("0.01")) == Decimal("14.29")  # 200 / 1400


def test_fob_basis_never_fills_a_row_without_fob_from_value_usd(make_engine):
    eng = make_engine([*ROWS, KOR])
    with pytest.raises(UsageError, match=r"1 of the rows read have no value_fob_usd"):
        eng.query(period="2025-01", measures="yoy_pct", basis="fob")
    with pytest.raises(UsageError, match=r"no value_cif_usd"):
        eng.query(period="2025-01", measures="value_cif_usd", basis="value_usd")
    # leaving out the partner without FOB values answers, and value_usd stays its own figure
    fob = eng.query(period="2025-01", partner="!KOR", measures="value_fob_usd", basis="fob")
    assert fob.column(0).to_pylist() == [Decimal("1510.00")]
    usd = eng.query(period="2025-01", measures="value_usd", basis="value_usd")
    assert usd.column(0).to_pylist() == [Decimal("1900.00")]  # 1100 + 500 + 300


def test_a_cif_breakdown_names_the_rows_without_one(make_engine):
    eng = make_engine([*ROWS, KOR])
    with pytest.raises(UsageError, match="no CIF value"):
        eng.query(period="2025-01", by="partner", measures="value_cif_usd", basis="cif")


def test_an_unknown_basis_names_the_parameter(make_engine):
    eng = make_engine(ROWS)
    with pytest.raises(BadParameter, match="unknown basis 'cfi'") as err:
        eng.query(period="2025-01", basis="cfi")
    assert err.value.param == "basis"
