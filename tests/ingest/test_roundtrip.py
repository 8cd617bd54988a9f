"""Property: any valid records written as canonical CSV come back from the store unchanged."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradestats.ingest import ingest_files
from tradestats.records import COLUMN_NAMES, PROVINCE_CODES, EnterpriseType
from tradestats.reference import load_reference
from tradestats.store import Store

from helpers import write_csv

money = st.decimals(min_value=0, max_value=Decimal("99999999999.99"), places=2)
record = st.fixed_dictionaries(
    {
        "period": st.sampled_from(["2024-12", "2025-01", "2025-06"]),
        "flow": st.sampled_from(["export", "import"]),
        "hs_code": st.from_regex(r"[0-9]{6,10}", fullmatch=True),
        "partner": st.sampled_from(["USA", "NAM", "CHN", "HKG", "TWN", "KOR", "XKX"]),
        "value_cny": money.map(str),
        "value_usd": money.map(str),
        "enterprise_type": st.sampled_from(EnterpriseType.values()),
        "region": st.sampled_from(sorted(PROVINCE_CODES)),
        # Units as written: codes and spellings of units.tsv, stored as the code.
        "unit": st.sampled_from(["kg", "KG", " kg ", "千克", "个", "台", "u", "m³", "t"]),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(record, min_size=1, max_size=30, unique_by=lambda r: tuple(sorted(r.items()))))
def test_valid_records_round_trip_exactly(records: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_csv(Path(tmp) / "in.csv", records)
        report = ingest_files(Path(tmp) / "s", [src])
        assert report.rows_accepted == len(records)
        files = [str(f) for f in Store(Path(tmp) / "s").data_files()]
        cols = ", ".join(COLUMN_NAMES)
        got = duckdb.sql(f"SELECT {cols} FROM read_parquet({files})").fetchall()
    back = sorted((r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[10], r[11]) for r in got)
    sent = sorted(
        (
            r["period"],
            r["flow"],
            r["hs_code"],
            r["partner"],
            Decimal(r["value_cny"]),
            Decimal(r["value_usd"]),
            load_reference().unit_code(r["unit"]),
            r["enterprise_type"],
            r["region"],
        )
        for r in records
    )
    assert back == sent
