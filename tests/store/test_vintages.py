"""Batches, modes (new / append / replace), vintages and as-of reads."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tradestats.errors import UsageError, ValidationFailed
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, store_listing, write_csv


def _total(store: Store, as_of: str | None = None, period: str | None = None) -> Decimal:
    files = store.data_files(periods=[period] if period else None, as_of=as_of)
    if not files:
        return Decimal(0)
    got = duckdb.sql(f"SELECT sum(value_cny) FROM read_parquet({[str(f) for f in files]})")
    return got.fetchall()[0][0]


@pytest.fixture
def two_months(tmp_path: Path) -> Store:
    src = write_csv(
        tmp_path / "first.csv",
        [row(value_cny="100"), row(period="2025-02", value_cny="200")],
    )
    ingest_files(tmp_path / "s", [src])
    return Store(tmp_path / "s")


def test_new_data_for_a_stored_period_is_refused(two_months: Store, tmp_path: Path) -> None:
    before = store_listing(two_months.root)
    src = write_csv(tmp_path / "again.csv", [row(hs_code="850760", value_cny="5")])
    with pytest.raises(UsageError, match=r"1 period\(s\) already hold data \(2025-01\)"):
        ingest_files(two_months, [src])
    assert store_listing(two_months.root) == before


def test_append_adds_rows_to_the_current_vintage(two_months: Store, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "more.csv", [row(hs_code="850760", value_cny="5")])
    report = ingest_files(two_months, [src], mode="append")
    assert report.batch == "b000002"
    assert _total(two_months, period="2025-01") == Decimal("105.00")
    assert two_months.state()["2025-01"].vintage == 1
    assert two_months.state()["2025-01"].batches == (1, 2)


def test_append_reports_rows_already_stored(two_months: Store, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "dup.csv", [row(value_cny="100"), row(hs_code="850760")])
    with pytest.raises(
        ValidationFailed, match="duplicate of a row already stored in batch b000001"
    ):
        ingest_files(two_months, [src], mode="append")
    report = ingest_files(two_months, [src], mode="append", allow_rejects=True)
    assert (report.rows_accepted, report.stored_duplicates) == (1, 1)


def test_replace_makes_a_new_vintage_and_as_of_reads_the_old(
    two_months: Store, tmp_path: Path
) -> None:
    first_time = two_months.batches()[0].committed_at
    time.sleep(0.01)
    src = write_csv(tmp_path / "rev.csv", [row(value_cny="150")])
    report = ingest_files(two_months, [src], mode="replace")
    assert report.batch == "b000002"
    state = two_months.state()
    assert (state["2025-01"].vintage, state["2025-01"].batches) == (2, (2,))
    assert state["2025-02"].vintage == 1  # untouched by the revision
    assert _total(two_months) == Decimal("350.00")  # 150 (revised January) + 200
    assert _total(two_months, as_of="b000001") == Decimal("300.00")  # 100 + 200
    assert _total(two_months, as_of=first_time) == Decimal("300.00")
    assert _total(two_months, as_of="2000-01-01") == Decimal(0)
    assert two_months.batch("b000002").vintages == {"2025-01": 2}


def test_append_after_replace_builds_on_the_revision(two_months: Store, tmp_path: Path) -> None:
    ingest_files(
        two_months, [write_csv(tmp_path / "r.csv", [row(value_cny="150")])], mode="replace"
    )
    more = write_csv(tmp_path / "m.csv", [row(hs_code="850760", value_cny="1")])
    ingest_files(two_months, [more], mode="append")
    assert _total(two_months, period="2025-01") == Decimal("151.00")
    assert two_months.state()["2025-01"].batches == (2, 3)


def test_unknown_as_of_is_a_clear_error(two_months: Store) -> None:
    with pytest.raises(UsageError, match="no batch 'b000009'"):
        two_months.data_files(as_of="b000009")
    with pytest.raises(UsageError, match="neither a batch id"):
        two_months.data_files(as_of="last tuesday")


def test_summary_comes_from_the_manifest(two_months: Store) -> None:
    assert two_months.summary() == [
        {
            "period": "2025-01",
            "vintage": 1,
            "rows": 1,
            "value_cny": Decimal("100.00"),
            "value_usd": Decimal("140.00"),
        },
        {
            "period": "2025-02",
            "vintage": 1,
            "rows": 1,
            "value_cny": Decimal("200.00"),
            "value_usd": Decimal("140.00"),
        },
    ]


def test_log_records_sources_with_sha256(two_months: Store, tmp_path: Path) -> None:
    import hashlib

    batch = two_months.batches()[0]
    source = batch.sources[0]
    assert source.sha256 == hashlib.sha256((tmp_path / "first.csv").read_bytes()).hexdigest()
    assert (batch.rows_read, batch.rows_accepted, batch.periods) == (2, 2, ("2025-01", "2025-02"))
    assert batch.values["CNY"]["accepted"] == "300.00"
