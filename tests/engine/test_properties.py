"""Hypothesis properties that must hold for any data (GLOSSARY.md definitions)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tsfakes import FakeReference, FakeStore

from tradestats.engine import Engine

PARTNERS = ("VNM", "THA", "USA", "NGA", "TLS")
row = st.fixed_dictionaries(
    {
        "period": st.sampled_from(("2024-01", "2025-01")),
        "flow": st.sampled_from(("export", "import")),
        "partner": st.sampled_from(PARTNERS),
        "hs_code": st.sampled_from(("870380", "847130", "010121")),
        "value_cny": st.integers(0, 10**9).map(lambda fen: Decimal(fen).scaleb(-2)),
    }
)
# Both months always hold data, so every query has a period and a base.
ANCHORS = [
    {"period": p, "flow": f, "partner": "USA", "hs_code": "010121", "value_cny": "1.00"}
    for p in ("2024-01", "2025-01")
    for f in ("export", "import")
]
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


_ROOT = tempfile.TemporaryDirectory(prefix="ts-prop-")  # removed when the run ends


def engine_for(rows: list[dict]) -> Engine:
    root = Path(tempfile.mkdtemp(dir=_ROOT.name))
    return Engine(FakeStore(root).write(ANCHORS + rows), reference=FakeReference())


def q(eng: Engine, period: str = "2025-01", **kw) -> list[dict]:
    return eng.query(period=period, **kw).to_pylist()


@SETTINGS
@given(st.lists(row, max_size=30), st.sampled_from(("export", "import", "total")))
def test_shares_over_a_partition_sum_to_100(rows, flow):
    eng = engine_for(rows)
    shares = [r["share_pct"] for r in q(eng, flow=flow, by="partner", measures="share_pct")]
    # Each share is exact to 20 decimals: the sum is 100 within their rounding.
    assert abs(sum(s for s in shares if s is not None) - 100) <= Decimal("1e-18")


@SETTINGS
@given(st.lists(row, max_size=30))
def test_value_grows_by_yoy(rows):
    eng = engine_for(rows)
    for r in q(eng, by="partner", measures="value_cny,yoy_pct"):
        if r["yoy_pct"] is None:
            continue
        before = q(eng, period="2024-01", partner=r["partner"])[0]["value_cny"]
        # v_t = v_(t-1) * (1 + g / 100)
        assert abs(r["value_cny"] - before * (1 + r["yoy_pct"] / 100)) <= Decimal("1e-12")


@SETTINGS
@given(st.lists(row, max_size=30), st.sampled_from(("export", "total")))
def test_contributions_sum_to_parent_growth(rows, flow):
    eng = engine_for(rows)
    parts = q(eng, flow=flow, by="partner", measures="contribution_pp")
    growth = q(eng, flow=flow, measures="yoy_pct")[0]["yoy_pct"]
    assert growth is not None  # the anchors give every flow a positive base
    assert abs(sum(r["contribution_pp"] for r in parts) - growth) <= Decimal("1e-18")


@SETTINGS
@given(st.lists(row, max_size=30))
def test_pp_change_is_difference_of_shares(rows):
    eng = engine_for(rows)
    now = {r["partner"]: r for r in q(eng, by="partner", measures="share_pct,share_change_pp")}
    before = {
        r["partner"]: r["share_pct"] for r in q(eng, "2024-01", by="partner", measures="share_pct")
    }
    for partner, r in now.items():
        expected = r["share_pct"] - before.get(partner, 0)
        assert abs(r["share_change_pp"] - expected) <= Decimal("1e-19")


@SETTINGS
@given(st.lists(row, max_size=30))
def test_balance_is_exports_minus_imports_exactly(rows):
    eng = engine_for(rows)
    bal = q(eng, flow="balance")[0]["value_cny"]
    exp, imp = q(eng, flow="export")[0]["value_cny"], q(eng, flow="import")[0]["value_cny"]
    assert bal == exp - imp  # Decimal: exact
