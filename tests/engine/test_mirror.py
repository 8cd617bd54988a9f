"""Mirror flows, worked by hand over a store of three reporters (dollars, 2025).

reporter  flow    partner  value_usd
CHN       export  USA        100.00
CHN       export  KOR         50.00
CHN       export  VNM         20.00      VNM does not report: no mirror figure
USA       import  CHN        130.00      CIF, freight and insurance included
KOR       import  CHN         52.00
KOR       import  JPN         99.00      not from CHN: not a mirror of anything
DEU       import  CHN          7.00      CHN reports no exports to DEU
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tradestats.errors import BadParameter, NoData
from tradestats.mirror import build_mirror, mirror_table

from helpers import pct


def row(reporter, flow, partner, value):
    return dict(period="2025", reporter=reporter, partner=partner, flow=flow, hs_code="870380",
                value_usd=value)  # fmt: skip


ROWS = [row("CHN", "export", "USA", "100"), row("CHN", "export", "KOR", "50"),
        row("CHN", "export", "VNM", "20"), row("USA", "import", "CHN", "130"),
        row("KOR", "import", "CHN", "52"), row("KOR", "import", "JPN", "99"),
        row("DEU", "import", "CHN", "7")]  # fmt: skip


@pytest.fixture
def eng(make_engine):
    return make_engine(ROWS)


def test_exports_beside_the_partners_imports_with_ratio_and_gap(eng):
    t = mirror_table(eng, "2025", "CHN").to_pylist()
    by = {r["partner"]: r for r in t}
    assert [r["partner"] for r in t] == ["USA", "KOR", "VNM", "DEU"]  # largest first, then DEU
    usa = by["USA"]
    assert (usa["value_usd"], usa["value_usd_mirror"], usa["value_usd_gap"]) == (
        Decimal("100.00"), Decimal("130.00"), Decimal("30.00"))  # fmt: skip
    assert usa["mirror_ratio_pct"] == pct(130) and usa["mirror_gap_pct"] == pct(30)
    assert by["KOR"]["mirror_ratio_pct"] == pct(104)  # 52 / 50
    assert by["KOR"]["mirror_gap_pct"] == pct(Fraction(2, 50) * 100)
    # a partner without the other side: its own figure, no ratio
    assert by["VNM"]["value_usd_mirror"] is None and by["VNM"]["mirror_ratio_pct"] is None
    assert by["DEU"]["value_usd"] is None and by["DEU"]["value_usd_mirror"] == Decimal("7.00")
    assert all(r["flag"] == "" for r in t)


def test_the_reverse_mirror_sets_imports_beside_the_partners_exports(eng):
    t = mirror_table(eng, "2025", "KOR", flow="import").to_pylist()
    by = {r["partner"]: r for r in t}
    assert by["CHN"]["value_usd"] == Decimal("52.00")
    assert by["CHN"]["value_usd_mirror"] == Decimal("50.00")  # CHN's exports to KOR
    assert by["CHN"]["mirror_gap_pct"] == pct(Fraction(-2, 52) * 100)
    assert by["JPN"]["value_usd_mirror"] is None  # JPN does not report


def test_a_reporter_without_the_flow_and_bad_parameters_are_refused(eng):
    with pytest.raises(NoData, match="no exports of VNM"):
        mirror_table(eng, "2025", "VNM")
    with pytest.raises(BadParameter, match="reporter must be one ISO alpha-3 code"):
        build_mirror({"period": "2025", "reporter": "CHN,USA"})
    with pytest.raises(BadParameter, match="unknown flow 'total'"):
        build_mirror({"period": "2025", "reporter": "CHN", "flow": "total"})
    with pytest.raises(BadParameter, match="unknown parameter 'colour'"):
        build_mirror({"period": "2025", "reporter": "CHN", "colour": "red"})
