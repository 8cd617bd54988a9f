"""An independent oracle: figures computed with pandas straight from the written files.

It uses the reference classifications and the record columns only, never the generator's
cells or plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from tradestats.reference import load_reference

END_2025 = dt.date(2025, 12, 31)


def read(out: Path) -> pd.DataFrame:
    """All records of a run, values as exact integer fen."""
    df = pq.read_table(sorted(out.glob("records-*.parquet"))).to_pandas()
    df["fen"] = [int(v * 100) for v in df["value_cny"]]
    df["year"] = df["period"].str[:4].astype(int)
    df["quarter"] = (df["period"].str[5:7].astype(int) - 1) // 3 + 1
    return df


def mask(df: pd.DataFrame, scope: dict[str, str], year: int) -> pd.Series:
    """Rows in a scope (flow, groups, enterprise type, brand, quarter) and year."""
    ref = load_reference()
    m = df["year"] == year
    if "flow" in scope:
        m &= df["flow"] == scope["flow"]
    if "partner_group" in scope:
        members = ref.partner_group(scope["partner_group"]).members_on(END_2025)
        m &= df["partner"].isin(members)
    if "product_group" in scope:
        group = ref.product_group(scope["product_group"])
        include, exclude = group.include("HS2022"), group.exclude("HS2022")
        inside = df["hs_code"].str.startswith(include)
        if exclude:
            inside &= ~df["hs_code"].str.startswith(exclude)
        m &= inside
    if "enterprise_type" in scope:
        m &= df["enterprise_type"] == scope["enterprise_type"]
    if "brand" in scope:
        domestic = df["brand_type"].isin(["1", "2"])
        m &= domestic if scope["brand"] == "domestic" else ~domestic
    if "quarter" in scope:
        m &= df["quarter"] == int(scope["quarter"])
    return m


def level(df: pd.DataFrame, scope: dict[str, str], year: int) -> float:
    """Trillion yuan in a scope and year (summed exactly in fen)."""
    return int(df.loc[mask(df, scope, year), "fen"].sum()) / 100 / 1e12
