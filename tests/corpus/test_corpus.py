"""The bad-input corpus: every hostile file gets its expected outcome and message, and nothing is
ever lost or doubled.

For each file of ``files/`` (listed with its expectation in ``expected.yaml``):

- without --allow-rejects, into a store that already holds one batch: the expected outcome, the
  expected message, and on failure the store's files are byte for byte what they were;
- with --allow-rejects, into a fresh store: the expected rows accepted and quarantined, the
  reconciliation (rows read = accepted + quarantined + skipped; per currency, value read =
  accepted + quarantined + skipped), and the live Parquet files hold exactly ``rows_accepted``
  rows and the accepted value totals; into a second fresh store, the same counts and totals;
- the same file ingested again (--append --allow-rejects) into that store adds no row: every
  row it would add is already stored and is quarantined as a stored duplicate (skipped for
  annual data, see tests/reliability/test_known_bugs.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from tradestats.errors import MAX_MESSAGE, TradestatsError, ValidationFailed
from tradestats.ingest import ingest_files
from tradestats.ingest.report import CurrencyTotals, IngestReport
from tradestats.store import Store

from helpers import csv_text, row, store_listing, write_csv

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (HERE / "expected.yaml").read_text(encoding="utf-8")
)["files"]


def test_corpus_is_complete_and_small() -> None:
    on_disk = {p.name for p in FILES.iterdir()}
    assert on_disk == set(EXPECTED), on_disk ^ set(EXPECTED)
    assert len(on_disk) >= 40
    assert all(p.stat().st_size < 200_000 for p in FILES.iterdir())


def _ingest(store: Path, name: str, **kw: Any) -> IngestReport:
    spec = EXPECTED[name]
    return ingest_files(
        store,
        [FILES / name],
        encoding=spec.get("encoding"),
        fmt=spec.get("format", "auto"),
        **kw,
    )


def assert_reconciled(report: IngestReport) -> None:
    assert report.rows_read == (
        report.rows_accepted + report.rows_quarantined + report.rows_skipped
    )
    for cur, t in report.values.items():
        assert t.read == t.accepted + t.quarantined + t.skipped, cur
    assert report.balanced


def live_totals(store: Path) -> tuple[int, Decimal, Decimal]:
    """Rows and value sums of the store's live Parquet files, read by DuckDB."""
    files = Store(store).data_files()
    if not files:
        return 0, Decimal(0), Decimal(0)
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    n, cny, usd = (
        duckdb.connect()
        .execute(
            f"SELECT count(*), coalesce(sum(value_cny), 0), coalesce(sum(value_usd), 0) "
            f"FROM read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"
        )
        .fetchall()[0]
    )
    return int(n), Decimal(cny), Decimal(usd)


def _check_counts(spec: dict[str, Any], report: IngestReport) -> None:
    assert (report.rows_accepted, report.rows_quarantined, report.rows_skipped) == (
        spec["accepted"],
        spec["quarantined"],
        spec.get("skipped", 0),
    )
    for cur, want in spec.get("values", {}).items():
        got = report.values[cur]
        assert (got.accepted, got.quarantined) == (
            Decimal(want["accepted"]),
            Decimal(want["quarantined"]),
        ), cur


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_strict_ingest(tmp_path: Path, name: str) -> None:
    spec = EXPECTED[name]
    store = tmp_path / "s"
    ingest_files(store, [write_csv(tmp_path / "seed.csv", [row(period="2024-06")])])
    before = store_listing(store), [b.id for b in Store(store).batches()]
    if spec["strict"] == "commit":
        report = _ingest(store, name)
        assert report.committed and report.rows_quarantined == 0
        _check_counts(spec, report)
        assert_reconciled(report)
        return
    with pytest.raises(ValidationFailed) as info:
        _ingest(store, name)
    assert spec["message"] in str(info.value)
    assert str(FILES / name) in str(info.value)  # the message names the file
    assert (store_listing(store), [b.id for b in Store(store).batches()]) == before
    failed = getattr(info.value, "report", None)
    if "accepted" in spec:  # rows were read: the failed attempt's report still balances
        assert failed is not None
        _check_counts(spec, failed)
        assert_reconciled(failed)
        assert not list((store / "data" / "period=2025-01").glob("*"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_allow_rejects_reconciles_and_never_doubles(tmp_path: Path, name: str) -> None:
    spec = EXPECTED[name]
    store = tmp_path / "s"
    if spec["allow_rejects"] == "fail":
        with pytest.raises(ValidationFailed, match=re.escape(spec["message"])):
            _ingest(store, name, allow_rejects=True)
        assert store_listing(store) == {}
        return
    report = _ingest(store, name, allow_rejects=True)
    assert report.committed
    _check_counts(spec, report)
    assert_reconciled(report)
    rows, cny, usd = live_totals(store)
    assert rows == report.rows_accepted
    assert cny == report.values.get("CNY", CurrencyTotals()).accepted
    assert usd == report.values.get("USD", CurrencyTotals()).accepted
    # Into another fresh store: the same counts (the outcome does not depend on history).
    other = _ingest(tmp_path / "t", name, allow_rejects=True)
    assert (other.rows_accepted, other.rows_quarantined) == (
        report.rows_accepted,
        report.rows_quarantined,
    )
    assert live_totals(tmp_path / "t") == (rows, cny, usd)
    if any(len(p) == 4 for p in report.periods):
        # --append of annual data (period YYYY) crashes: tests/reliability/test_known_bugs.py
        return
    # The same file again, appended: every row it holds is already stored, none is added.
    again = _ingest(store, name, allow_rejects=True, mode="append")
    assert_reconciled(again)
    assert again.rows_accepted == 0
    assert again.stored_duplicates == report.rows_accepted
    assert live_totals(store) == (rows, cny, usd)


def test_swallowed_row_of_an_unbalanced_quote_is_kept_in_the_quarantine(tmp_path: Path) -> None:
    """An unclosed quote joins the next physical line to the bad row: that row is not lost, its
    text is in the quarantined row's raw line."""
    report = _ingest(tmp_path / "s", "unbalanced_quote.csv", allow_rejects=True)
    assert report.quarantine_file is not None
    kept = Path(report.quarantine_file).read_text(encoding="utf-8")
    assert "2025-02,export,85076000,DEU,300.00" in kept


@pytest.mark.parametrize("column", ["unit", "enterprise_id", "hs_code", "value_cny"])
def test_one_megabyte_single_field(tmp_path: Path, column: str) -> None:
    """A 1 MB field (generated here, too large to commit) is quarantined with a message, the rest
    of the file commits with --allow-rejects, and the store is unchanged without it."""
    big = ("9" if column in ("hs_code", "value_cny") else "x") * (1 << 20)
    src = tmp_path / "big.csv"
    src.write_text(csv_text([row(), row(**{"hs_code": "85414300", column: big})]), encoding="utf-8")
    with pytest.raises(TradestatsError) as info:
        ingest_files(tmp_path / "s", [src])
    assert f"{src}:3: {column}" in str(info.value)
    assert len(str(info.value)) <= MAX_MESSAGE  # the message does not echo the megabyte
    assert f"({1 << 20:,} characters)" in str(info.value)
    assert store_listing(tmp_path / "s") == {}
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1)
    assert_reconciled(report)
    assert live_totals(tmp_path / "s")[0] == 1
