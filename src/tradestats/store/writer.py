"""Writing to the store: one writer at a time, staged files, an atomic commit, crash clean-up.

The commit protocol:

1. under an exclusive lock, clear what a crashed writer left (staging, unreferenced files);
2. the ingest writes its Parquet files into ``staging/<attempt>/``;
3. the files are renamed into ``data/period=P/<batch>-<n>.parquet`` (invisible: no manifest yet);
4. the manifest file ``manifest/<batch>.json`` is written atomically: the batch is now visible.

A kill at any step before 4 leaves files no manifest names; readers never see them and the next
writer deletes them.

Example:
    >>> with StoreWriter(Store("/tmp/ts-doc-store")) as w:   # doctest: +SKIP
    ...     staged = w.staging_dir
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from pathlib import Path
from types import TracebackType

from tradestats.errors import StoreError
from tradestats.store.manifest import BatchRecord, DataFile, fsync_dir, write_record
from tradestats.store.store import Store


class StoreWriter:
    """Exclusive write access to a store for the length of one ingest."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.attempt = uuid.uuid4().hex[:12]
        self._lock_fd: int | None = None

    @property
    def staging_dir(self) -> Path:
        return self.store.root / "staging" / self.attempt

    def __enter__(self) -> StoreWriter:
        self.store.ensure()
        self._lock_fd = os.open(self.store.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            os.close(self._lock_fd)
            self._lock_fd = None
            raise StoreError(
                f"store {self.store.root} is being written by another ingest; try again later"
            ) from err
        self.clean_up()
        self.staging_dir.mkdir(parents=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def clean_up(self) -> list[Path]:
        """Delete what a crashed writer left behind; return the data files removed."""
        shutil.rmtree(self.store.root / "staging", ignore_errors=True)
        (self.store.root / "staging").mkdir(exist_ok=True)
        named = {self.store.root / f.path for rec in self.store.batches() for f in rec.files}
        named |= {
            self.store.root / rec.quarantine for rec in self.store.batches() if rec.quarantine
        }
        named |= {self.store.root / rec.report for rec in self.store.batches() if rec.report}
        removed = []
        for sub in ("data", "quarantine", "reports"):
            for path in (self.store.root / sub).rglob("*"):
                if path.is_file() and path not in named:
                    path.unlink()
                    removed.append(path)
        for tmp in (self.store.root / "manifest").glob(".*.tmp-*"):
            tmp.unlink()
        return removed

    def place(self, staged: Path, period: str, seq: int, index: int) -> str:
        """Move a staged Parquet file to its final (still invisible) place; return its path."""
        folder = self.store.root / "data" / f"period={period}"
        folder.mkdir(parents=True, exist_ok=True)
        rel = f"data/period={period}/b{seq:06d}-{index}.parquet"
        os.replace(staged, self.store.root / rel)
        fsync_dir(folder)
        return rel

    def place_aux(self, staged: Path, kind: str, name: str) -> str:
        """Move a staged quarantine file or report into the store; return its relative path."""
        rel = f"{kind}/{name}"
        os.replace(staged, self.store.root / rel)
        return rel

    def commit(self, record: BatchRecord) -> BatchRecord:
        """Make ``record`` visible; every file it names must already be in place."""
        missing = [f.path for f in record.files if not (self.store.root / f.path).is_file()]
        if missing:
            raise StoreError(f"internal error: files missing at commit: {missing[:3]}")
        if record.seq != self.store.next_seq():
            raise StoreError("internal error: batch sequence moved during the ingest")
        write_record(self.store.root, record)
        return record


def data_file(rel: str, period: str, rows: int, value_cny: str, value_usd: str) -> DataFile:
    """Describe a placed data file for the manifest."""
    return DataFile(path=rel, period=period, rows=rows, value_cny=value_cny, value_usd=value_usd)
