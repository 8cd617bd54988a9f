"""Readers in other processes never see half a batch.

Several reader processes sum value_cny over ``Store(path).data_files()`` with DuckDB, again and
again, while this process commits rounds of a ``--replace`` batch (a new vintage of 2025-01) and an
``--append`` batch (more rows for 2025-02). Every total a reader observes must be the total of a
committed state; a mix (old and new vintage together, or an append's files without its manifest)
would give a total that no committed state has. Reader errors are failures too.

TRADESTATS_READER_ROUNDS (default 2) sets the rounds; TRADESTATS_READERS (default 3) the readers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb

from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

ROUNDS = int(os.environ.get("TRADESTATS_READER_ROUNDS", "2"))
READERS = int(os.environ.get("TRADESTATS_READERS", "3"))
ROWS = 3000  # rows per batch: a commit takes long enough for readers to run during it

READER = """
import json, sys, time
from pathlib import Path
import duckdb
from tradestats.store import Store
store, stop, out, ready = sys.argv[1:5]
con = duckdb.connect()
seen, reads, errors = {}, 0, []
Path(ready).touch()
while not Path(stop).exists():
    try:
        files = Store(store).data_files()
        listed = ", ".join("'" + str(f) + "'" for f in files)
        total = con.execute(
            f"SELECT coalesce(sum(value_cny), 0) FROM read_parquet([{listed}], "
            "union_by_name = true, hive_partitioning = false)"
        ).fetchall()[0][0]
        seen[str(total)] = seen.get(str(total), 0) + 1
        reads += 1
    except Exception as err:
        errors.append(repr(err))
Path(out).write_text(json.dumps({"seen": seen, "reads": reads, "errors": errors[:5]}))
"""


def total(store: Path) -> Decimal:
    files = Store(store).data_files()
    listed = ", ".join("'" + str(f) + "'" for f in files)
    (value,) = (
        duckdb.connect()
        .execute(
            f"SELECT coalesce(sum(value_cny), 0) FROM read_parquet([{listed}], "
            "union_by_name = true, hive_partitioning = false)"
        )
        .fetchall()[0]
    )
    return Decimal(value)


def _batch(path: Path, period: str, tag: str, cents: int) -> Path:
    """ROWS distinct rows of ``period`` whose value_cny sum to a total unique to ``tag``."""
    rows = [
        row(period=period, enterprise_id=f"{tag}-{i}", value_cny=f"{1000 + cents}.{i % 100:02d}")
        for i in range(ROWS)
    ]
    return write_csv(path, rows)


def test_readers_see_old_or_new_state_never_a_mix(tmp_path: Path) -> None:
    store = tmp_path / "s"
    ingest_files(store, [_batch(tmp_path / "jan.csv", "2025-01", "jan", 0)])
    ingest_files(store, [_batch(tmp_path / "feb.csv", "2025-02", "feb", 1)])
    states = [total(store)]
    stop = tmp_path / "stop"
    procs = []
    for r in range(READERS):
        args = [str(store), str(stop), str(tmp_path / f"out{r}.json"), str(tmp_path / f"ready{r}")]
        procs.append(subprocess.Popen([sys.executable, "-c", READER, *args]))
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"ready{r}").exists() for r in range(READERS)):
            assert time.monotonic() < deadline, "readers did not start"
            time.sleep(0.05)
        time.sleep(0.3)
        for k in range(ROUNDS):
            rev = _batch(tmp_path / f"rev{k}.csv", "2025-01", f"rev{k}", 10 + k)
            assert ingest_files(store, [rev], mode="replace").committed
            states.append(total(store))
            more = _batch(tmp_path / f"more{k}.csv", "2025-02", f"more{k}", 50 + k)
            assert ingest_files(store, [more], mode="append").committed
            states.append(total(store))
        time.sleep(0.5)
    finally:
        stop.touch()
        for proc in procs:
            proc.wait(timeout=60)
    assert len(set(states)) == len(states) == 1 + 2 * ROUNDS  # every state is recognisable
    committed = {str(s) for s in states}
    results = [json.loads((tmp_path / f"out{r}.json").read_text()) for r in range(READERS)]
    seen = {t for res in results for t in res["seen"]}
    assert [res["errors"] for res in results] == [[] for _ in results]
    assert seen <= committed, seen - committed  # never a mix
    assert {str(states[0]), str(states[-1])} <= seen  # the readers ran before and after
    # Control: old vintages are still on disk, so a reader that globbed data/ would see a mix.
    every_file = sorted((store / "data").rglob("*.parquet"))
    listed = ", ".join("'" + str(f) + "'" for f in every_file)
    (naive,) = (
        duckdb.connect()
        .execute(f"SELECT sum(value_cny) FROM read_parquet([{listed}], hive_partitioning = false)")
        .fetchall()[0]
    )
    assert str(Decimal(naive)) not in committed
    reads = sum(res["reads"] for res in results)
    print(f"\n{READERS} readers, {reads} reads, {len(seen)} of {len(states)} states seen")
