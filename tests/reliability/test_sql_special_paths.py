"""Paths holding SQL's special characters (quotes, ``$$``, braces, ``%s``, ``;``, ``--``) are
paths like any other: every route of an ingest, the engine, the review and the HTTP API work
on a store under such a folder, reading inputs from such a folder.

DuckDB takes no parameters in ``SET``, ``COPY ... TO`` or a file list, so every path written
into a statement goes through ``tradestats.sqltext.literal``. The one character DuckDB itself
cannot take in its work files is the backslash (read as a folder separator): a store path
holding one is refused before anything is written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tradestats.engine import Engine
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

SEEDS = Path(__file__).resolve().parents[1] / "fuzz" / "seeds"
NASTY = 'it\'s "q" $$ {x} %s; -- end'


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from tradestats.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def source_in(folder: Path, seed: str) -> Path:
    """The fuzzing seed file ``seed`` copied into ``folder`` under a quoted name (the Parquet
    seed's rows lack their unit: a valid Parquet file is written instead)."""
    target = folder / f"o'file {seed}"
    if seed == "canonical.parquet":
        import pyarrow as pa

        rows = [row(), row(period="2025-02", partner="KOR", value_cny="2.50")]
        pq.write_table(pa.Table.from_pylist(rows), target)
        return target
    return Path(shutil.copy(SEEDS / seed, target))


def live_rows(store: Path) -> int:
    return sum(pq.read_metadata(p).num_rows for p in Store(store).data_files())


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
def test_every_source_format_into_a_store_under_a_quoted_path(tmp_path: Path, seed: str) -> None:
    folder = tmp_path / f"in {NASTY}"
    folder.mkdir()
    source = source_in(folder, seed)
    store = tmp_path / NASTY / "store"
    first = ingest_files(store, [source], allow_rejects=True)
    again = ingest_files(store, [source], mode="append", allow_rejects=True)
    assert first.committed and again.committed and first.rows_accepted > 0
    assert again.rows_accepted == 0  # every row is a stored duplicate: found through the path
    assert again.stored_duplicates == first.rows_accepted
    assert live_rows(store) == first.rows_accepted
    replaced = ingest_files(store, [source], mode="replace", allow_rejects=True)
    assert live_rows(store) == replaced.rows_accepted == first.rows_accepted


def test_checked_route_review_engine_and_api_under_a_quoted_path(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tradestats.web.app import create_app

    store = tmp_path / NASTY / "s"
    rows = [row(value_cny="100.00"), row(value_cny="50.00", partner="KOR"), row(period="2025-13")]
    src = write_csv(tmp_path / f"{NASTY}.csv", rows)
    refused = cli("ingest", str(src), "--store", str(store))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "2025-13" in refused.stderr and (store / "attempts").is_dir()
    done = cli("ingest", str(src), "--store", str(store), "--allow-rejects")
    assert done.returncode == 0, done.stderr
    assert (store / "quarantine" / "b000001.csv").is_file()
    table = Engine(store).query(period="2025-01", flow="export", measures="value_cny")
    assert Decimal(table.column("value_cny")[0].as_py()) == Decimal("150.00")
    for command in (["log"], ["review"], ["verify", "--full"]):
        shown = cli(*command, "--store", str(store))
        assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
    client = TestClient(create_app(store))
    answer = client.get("/api/v1/query", params={"period": "2025-01", "measures": "value_cny"})
    assert answer.status_code == 200, answer.text


def test_a_backslash_in_the_store_path_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    store = tmp_path / "a\\b"
    done = cli("ingest", str(src), "--store", str(store))
    assert done.returncode == 2, done.stderr
    assert "holds a backslash" in done.stderr and "nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert not store.exists() and not (tmp_path / "a").exists()
