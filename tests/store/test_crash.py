"""A crash at any moment of an ingest leaves the previous state intact; the next one succeeds."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tradestats.store.writer as writer_module
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

TRIALS = int(os.environ.get("TRADESTATS_CRASH_TRIALS", "6"))


def visible(store: Store) -> tuple[list[str], dict[str, bytes]]:
    """What a reader sees: the batches and the bytes of the live files."""
    return [b.id for b in store.batches()], {str(f): f.read_bytes() for f in store.data_files()}


def _big_csv(path: Path, rows: int) -> Path:
    partners = ["USA", "KOR", "JPN", "DEU", "VNM", "NAM"]
    with path.open("w", encoding="utf-8") as fh:
        fh.write("period,flow,hs_code,partner,value_cny,enterprise_id\n")
        for i in range(rows):
            month = 1 + i % 12
            fh.write(f"2026-{month:02d},export,{850760 + i % 7}00,{partners[i % 6]},{i}.25,E{i}\n")
    return path


def test_failure_between_placing_files_and_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "a.csv", [row()])])
    before = visible(store)

    def crash(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(writer_module, "write_record", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_files(store, [write_csv(tmp_path / "b.csv", [row(period="2025-02")])])
    monkeypatch.undo()
    orphans = list((store.root / "data" / "period=2025-02").glob("*.parquet"))
    assert orphans, "the crash left placed-but-uncommitted files, as intended"
    assert visible(store) == before  # readers do not see them
    report = ingest_files(store, [write_csv(tmp_path / "c.csv", [row(period="2025-03")])])
    assert report.batch == "b000002"
    assert not any(o.exists() for o in orphans)  # cleaned by the next writer
    assert store.periods() == ["2025-01", "2025-03"]


def test_second_writer_is_told_the_store_is_busy(tmp_path: Path) -> None:
    from tradestats.errors import StoreError
    from tradestats.store import StoreWriter

    store = Store(tmp_path / "s")
    with StoreWriter(store), pytest.raises(StoreError, match="being written by another ingest"):
        ingest_files(store, [write_csv(tmp_path / "a.csv", [row()])])


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "seed.csv", [row()])])
    big = _big_csv(tmp_path / "big.csv", 150_000)
    script = (
        "import sys; from tradestats.ingest import ingest_files; "
        "ingest_files(sys.argv[1], [sys.argv[2]], mode='append')"
    )
    rng = random.Random(20260114)
    for _ in range(TRIALS):
        before = visible(store)
        proc = subprocess.Popen([sys.executable, "-c", script, str(store.root), str(big)])
        time.sleep(rng.uniform(0.3, 2.5))  # start-up, reading, writing or committing
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = visible(store)
        if after[0] == before[0]:
            assert after == before
        else:  # the kill came after the commit: the whole batch is there
            assert len(after[0]) == len(before[0]) + 1
            assert store.batches()[-1].rows_accepted == 150_000
            break
    # The store opens and takes the next ingest.
    report = ingest_files(store, [write_csv(tmp_path / "next.csv", [row(period="2024-12")])])
    assert report.committed
    assert not list((store.root / "staging").iterdir())
