"""Generated records follow the canonical rules and pass ingest with zero rejects."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq

from tradestats.records import PROVINCE_CODES, SCHEMA, EnterpriseType
from tradestats.reference import partner_codes
from tradestats.synth import SynthResult, generate


def test_schema_and_rules(small_run: tuple[SynthResult, Path]) -> None:
    result, out = small_run
    table = pq.read_table(sorted(out.glob("records-*.parquet")))
    assert table.schema.equals(SCHEMA)
    assert table.num_rows == result.records
    rows = table.to_pydict()
    assert all(re.fullmatch(r"20(24|25)-(0[1-9]|1[0-2])", p) for p in set(rows["period"]))
    assert set(rows["flow"]) == {"export", "import"}
    assert all(re.fullmatch(r"\d{6,10}", c) for c in set(rows["hs_code"]))
    assert set(rows["partner"]) <= partner_codes()
    assert set(rows["region"]) <= PROVINCE_CODES
    assert set(rows["enterprise_type"]) <= set(EnterpriseType.values())
    assert set(rows["brand_type"]) <= {"0", "1", "2", "3", "4"}
    for column in ("value_cny", "value_usd"):
        values = rows[column]
        assert all(v >= 0 and v.as_tuple().exponent == -2 for v in values)
    assert sum(rows["value_cny"]) > Decimal(0)


def test_dollar_series_near_official(small_run: tuple[SynthResult, Path]) -> None:
    _, out = small_run
    t = pq.read_table(sorted(out.glob("records-2025-*.parquet")), columns=["value_usd"])
    usd = sum(t.column("value_usd").to_pylist()) / Decimal(10**12)
    assert Decimal("6.25") < usd < Decimal("6.45")  # GLOSSARY: about 6.35 trillion dollars


def test_ingest_accepts_every_row(small_run: tuple[SynthResult, Path], tmp_path: Path) -> None:
    from tradestats import ingest  # first-party: a failed import is a failure, not a skip

    result, out = small_run
    report = ingest.ingest_files(tmp_path / "store", sorted(out.glob("records-*.parquet")))
    assert report.rows_read == result.records
    assert report.rows_quarantined == 0


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate(4_000, seed=5, out=tmp_path / "a")
    b = generate(4_000, seed=5, out=tmp_path / "b")
    c = generate(4_000, seed=6, out=tmp_path / "c")
    assert [p.name for p in a.files] == [p.name for p in b.files]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a.files, b.files, strict=True))
    assert any(x.read_bytes() != z.read_bytes() for x, z in zip(a.files, c.files, strict=False))


def test_csv_output(tmp_path: Path) -> None:
    result = generate(3_000, seed=2, out=tmp_path, fmt="csv", chunk_records=1_000)
    header = result.files[0].read_text().splitlines()[0]
    assert header.replace('"', "").split(",") == SCHEMA.names
    assert sum(len(f.read_text().splitlines()) - 1 for f in result.files) == 3_000
