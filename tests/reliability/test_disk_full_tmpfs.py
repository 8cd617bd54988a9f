"""A real full disk: the store on a small tmpfs filled to 0-400 KB free, so DuckDB's own work
database, its Parquet writes and the manifests meet ENOSPC from the kernel (no patching).
Every ingest fails with one clear line (exit 2, "nothing was committed"), the store still
verifies, and once space is back the same ingest commits. Needs root (mount); as another
user the patched faults of test_disk_full.py cover the same paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import row, write_csv

CLI = [sys.executable, "-c", "from tradestats.cli import main; main()"]
FREE_KB = list(range(0, 401, 50))


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    place = tmp_path / "disk"
    place.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a tmpfs mount (root)")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", place], check=True)
    yield place
    subprocess.run(["umount", place], check=True)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def fill_to(place: Path, free_kb: int) -> Path:
    filler = place / "filler"
    avail = shutil.disk_usage(place).free // 1024
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, avail - free_kb) * 1024)
    return filler


def test_ingest_on_a_full_disk_commits_or_fails_cleanly_at_every_free_level(
    tmpfs: Path, tmp_path: Path
) -> None:
    store = tmpfs / "s"
    first = write_csv(tmp_path / "first.csv", [row(period="2000-01")])
    assert cli("ingest", str(first), "--store", str(store), "-q").returncode == 0
    refused = committed = 0
    for level, free in enumerate(FREE_KB):
        months = [f"{2001 + level}-{m:02d}" for m in range(1, 13)]
        rows = [row(period=p, partner=c) for p in months for c in ("USA", "KOR", "JPN", "DEU")]
        src = write_csv(tmp_path / f"in{level}.csv", rows)
        before = sorted(p.name for p in (store / "manifest").iterdir())
        filler = fill_to(tmpfs, free)
        done = cli("ingest", str(src), "--store", str(store), "-q")
        filler.unlink()
        said = " ".join(done.stderr.split())
        assert "Traceback" not in done.stderr and "internal error" not in said, said
        after = sorted(p.name for p in (store / "manifest").iterdir())
        if done.returncode == 0:
            committed += 1
            assert len(after) == len(before) + 1
        else:
            refused += 1
            assert done.returncode == 2, (free, done.stderr)
            assert "nothing was committed" in said and "No space left" in said, said
            assert after == before  # nothing half-written became a batch
        verified = cli("verify", "--store", str(store))
        assert verified.returncode == 0, (free, verified.stdout, verified.stderr)
        query = cli("query", "--store", str(store), "--period", "2000-01", "--format", "csv")
        assert query.returncode == 0 and "Traceback" not in query.stderr
    assert refused >= 2, (refused, committed)  # the low levels really hit a full disk
    print(f"disk full, 0-400 KB free: {refused} refused cleanly, {committed} committed")
