"""Every indicator kind against an independent pandas oracle on generated data.

The oracle is written from the definitions in GLOSSARY.md, not from the engine's code: it
filters a DataFrame, sums with Python Decimals and divides.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from tsfakes import FakeReference

from tradestats.indicators.contract import build_query

from helpers import pct

REF = FakeReference()
CUR = [f"2025-{m:02d}" for m in range(1, 13)]
PREV = [f"2024-{m:02d}" for m in range(1, 13)]


@pytest.fixture(scope="module")
def df(gen_store) -> pd.DataFrame:
    frames = [pd.read_parquet(f) for f in gen_store.data_files()]
    return pd.concat(frames, ignore_index=True)


def total(frame: pd.DataFrame | pd.Series, col: str = "value_cny") -> Decimal:
    values = frame if isinstance(frame, pd.Series) else frame[col]
    return sum(values.dropna(), Decimal(0))


def ratio(num: Decimal, den: Decimal) -> Fraction | None:
    """num / den x 100, exactly (None on no base)."""
    return None if den <= 0 else Fraction(num) / Fraction(den) * 100


def stated(value: Fraction | None) -> Decimal | None:
    """The exact ratio as the engine states it (20 decimals)."""
    return None if value is None else pct(value)


def oracle_rows(df: pd.DataFrame, flow: str, key: str) -> dict[str, dict[str, object]]:
    """value, yoy, share, share change, contribution per ``key`` for ``flow`` in 2025."""
    d = df[df.flow == flow]
    cur, prev = d[d.period.isin(CUR)], d[d.period.isin(PREV)]
    pc, pp = total(cur), total(prev)
    out = {}
    for k in sorted(set(cur[key]) | set(prev[key])):
        vc, vp = total(cur[cur[key] == k]), total(prev[prev[key] == k])
        share, share_before = ratio(vc, pc), ratio(vp, pp)
        change = None if share is None or share_before is None else share - share_before
        out[k] = {
            "value_cny": vc,
            "yoy_pct": stated(ratio(vc - vp, vp)),
            "share_pct": stated(share),
            "share_change_pp": stated(change),
            "contribution_pp": stated(ratio(vc - vp, pp)),
        }
    return out


def close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b  # money and ratios are exact
    return a == pytest.approx(b, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("flow,key", [("export", "partner"), ("import", "hs_code")])
def test_value_yoy_share_contribution(gen_engine, df, flow, key):
    by = "partner" if key == "partner" else "hs8"
    measures = "value_cny,yoy_pct,share_pct,share_change_pp,contribution_pp"
    got = gen_engine.query(period="2025", flow=flow, by=by, measures=measures).to_pylist()
    want = oracle_rows(df, flow, key)
    # hs8 of a 6-digit code is NULL: those rows meet in one NULL group in the engine.
    if by == "hs8":
        want = {k: v for k, v in want.items() if len(k) >= 8}
        got = [r for r in got if r["hs8"] is not None]
    assert {r[by] for r in got} == set(want)
    for r in got:
        for m, v in want[r[by]].items():
            assert close(r[m], v), (r[by], m, r[m], v)


def test_counts(gen_engine, df):
    cur = df[df.period.isin(CUR)]
    got = gen_engine.query(
        period="2025", measures="records,enterprises,partners,value_usd,quantity"
    ).to_pylist()[0]
    assert got["records"] == len(cur)
    assert got["enterprises"] == cur.enterprise_id.nunique()
    assert got["partners"] == cur.partner.nunique()
    assert got["value_usd"] == total(cur, "value_usd")
    assert got["quantity"] == total(cur, "quantity")


def test_partners_growing(gen_engine, df):
    tot = lambda f: f.groupby("partner")["value_cny"].apply(total)  # noqa: E731
    cur = tot(df[df.period.isin(CUR)])
    prev = tot(df[df.period.isin(PREV)])
    want = sum(1 for p in cur.index if p in prev.index and prev[p] > 0 and cur[p] > prev[p])
    got = gen_engine.query(period="2025", measures="partners_growing").column(0)[0].as_py()
    assert got == want


def test_partner_group_and_product_group(gen_engine, df):
    asean = REF.partner_group("asean").comparable_members(pd.Timestamp("2025-06-30").date())
    d = df[df.partner.isin(asean) & (df.flow == "export")]
    # 2025-H1: TLS not yet a member; H1 months and the same months of 2024.
    cur, prev = d[d.period.isin(CUR[:6])], d[d.period.isin(PREV[:6])]
    got = gen_engine.query(period="2025-H1", flow="export", partner="asean", measures="yoy_pct")
    assert close(got.column(0)[0].as_py(), stated(ratio(total(cur) - total(prev), total(prev))))
    # new_trio: HS2022 rules in both 2024 and 2025 (the fake's editions switch in 2022).
    trio = ("870380", "850760", "854142", "854143")
    t = df[(df.flow == "import") & df.hs_code.str.startswith(trio)]
    before = total(t[t.period.isin(PREV)])
    want = stated(ratio(total(t[t.period.isin(CUR)]) - before, before))
    got = gen_engine.query(period="2025", flow="import", product="new_trio", measures="yoy_pct")
    assert close(got.column(0)[0].as_py(), want)


def test_quarter_breakdown_and_streak(gen_engine, df):
    d = df[df.flow == "import"].copy()
    d["q"] = d.period.str[:4] + "-Q" + ((d.period.str[5:7].astype(int) - 1) // 3 + 1).astype(str)
    qv = d.groupby("q")["value_cny"].apply(total)
    got = gen_engine.query(period="2025", flow="import", by="quarter", measures="value_cny,yoy_pct")
    for r in got.to_pylist():
        q = r["quarter"]
        assert r["value_cny"] == qv[q]
        assert close(r["yoy_pct"], stated(ratio(qv[q] - qv[f"2024{q[4:]}"], qv[f"2024{q[4:]}"])))
    # Streak: walk back from 2025-Q4 while quarterly yoy > 0 (data start in 2023).
    streak, y, n = 0, 2025, 4
    while f"{y - 1}-Q{n}" in qv and qv[f"{y}-Q{n}"] > qv[f"{y - 1}-Q{n}"] > 0:
        streak, (y, n) = streak + 1, ((y, n - 1) if n > 1 else (y - 1, 4))
    got = gen_engine.query(period="2025", flow="import", measures="growth_streak")
    assert got.column(0)[0].as_py() == streak


def test_indicator_batch_matches_single_queries(gen_engine):
    # The shared-scan batch and one query per figure must agree exactly.
    names = ["total.value", "exports.yoy", "asean.total.share",
             "domestic_brand.exports.share_change", "mechanical_electrical.imports.yoy",
             "private.total.yoy"]  # fmt: skip
    batch = gen_engine.indicators(names, period="2025")
    for n in names:
        q = gen_engine.library.get(n).query("2025")
        single = gen_engine.query(q).column(0)[0].as_py()
        assert close(batch[n].value, single), n


def test_figures_match_single_queries_and_leave_breakdowns_out(gen_engine):
    from tradestats.errors import NoData

    def q(**kw):
        return build_query({"period": "2025", **kw})

    queries = [
        q(flow="export", measures="yoy_pct"),
        q(flow="import", partner="asean", measures="share_pct"),
        q(flow="export", by="partner", measures="value_cny"),  # a breakdown: not a figure
        q(flow="total", enterprise_type="private", measures="value_cny"),
        q(period="2024", flow="export", measures="value_cny"),  # another period, its own scan
        q(period="1999", flow="export", measures="value_cny"),  # no data: left to query
    ]
    got = gen_engine.figures(queries)
    assert sorted(got) == [0, 1, 3, 4]
    for i in got:
        single = gen_engine.query(queries[i]).column(0)[0].as_py()
        assert got[i] == single, queries[i]
    with pytest.raises(NoData):
        gen_engine.query(queries[5])
