"""Writing to the store: one writer at a time, staged files, an atomic commit, crash clean-up.

The commit protocol:

1. under an exclusive lock, clear what a crashed writer left (see ``clean_up``);
2. the ingest writes its Parquet files into ``staging/<attempt>/``;
3. the files are renamed into ``data/period=P/<batch>-<reporter>.parquet`` (invisible: no
   manifest yet), with the quarantine file and the report;
4. every file is flushed to disk (data files are checksummed in the same pass);
5. the manifest file ``manifest/<batch>.json`` is written atomically, naming each data file's
   SHA-256 and size and the SHA-256 of the manifest before it: the batch is now visible;
6. ``sequence.json`` records the batch as the last one (so its number is never given again,
   even if its manifest is lost) and ``verified.json`` the stats of the files just sealed.

A writer refuses a store whose manifests are damaged (``integrity.py``). A kill at any step
before 5 leaves files no manifest names, under names made for a batch
number that was never committed; readers never see them and the next writer deletes them.
Nothing else is ever deleted: a file the store cannot account for is moved aside.

Example:
    >>> with StoreWriter(Store("/tmp/ts-doc-store")) as w:   # doctest: +SKIP
    ...     staged = w.staging_dir
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

from tradestats.errors import StoreBusy, StoreError
from tradestats.store.integrity import sha256_of, successor_digest, write_sequence
from tradestats.store.layout import ASIDE, ATTEMPT, MANIFEST_TEMP, owned_seq
from tradestats.store.manifest import BatchRecord, DataFile, fsync_dir, write_record
from tradestats.store.store import Store


@dataclass
class CleanUp:
    """What the clean-up before a write did: files deleted (a crashed writer's, by their
    names) and files moved aside (not accounted for: kept, under ``lost+found/``)."""

    deleted: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (from, to), relative paths

    def notes(self) -> list[str]:
        if not self.moved:
            return []
        shown = ", ".join(a for a, _ in self.moved[:5])
        more = f" and {len(self.moved) - 5} more" if len(self.moved) > 5 else ""
        folder = Path(self.moved[0][1]).parts[:2]
        return [
            f"moved aside {len(self.moved)} file(s) no batch names ({shown}{more}): kept, "
            f"not deleted, in {'/'.join(folder)}/"
        ]


class StoreWriter:
    """Exclusive write access to a store for the length of one ingest."""

    def __init__(self, store: Store, *, repairing: bool = False) -> None:
        self.store = store
        self.attempt = uuid.uuid4().hex[:12]
        self._lock_fd: int | None = None
        self.cleaned = CleanUp()
        self.repairing = repairing  # tradestats verify --repair: no refusal, no clean-up yet

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
            raise StoreBusy(
                f"store {self.store.root} is being written by another ingest; try again later"
            ) from err
        try:
            if not self.repairing:
                # StoreDamaged: nothing is written into a store whose manifests or live data
                # files are not those committed (not even a review profile), until repaired.
                # Under the lock the manifests are read afresh: a reader's cached chain was
                # checked by stat, which an edit in place of one manifest does not change.
                self.store.reread()
                self.store.batches()
                self.store.data_files()
                self.cleaned = self.clean_up()
            self.staging_dir.mkdir(parents=True)
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def clean_up(self) -> CleanUp:
        """Clear what a crashed writer left; move aside what the store cannot account for.

        Deleted: staging attempts (``staging/<12 hex digits>/``: only a writer makes them, and
        this one holds the lock), manifest temporary files, and files under ``data/``,
        ``quarantine/`` and ``reports/`` that no manifest names and whose name the writer makes
        for a batch number never committed. Every other unnamed file is moved to
        ``lost+found/<time>-<attempt>/`` with its relative path, and reported.
        """
        root = self.store.root
        done = CleanUp()
        records = self.store.batches()
        first_free = self.store.next_seq()
        named = {f.path for rec in records for f in rec.files}
        named |= {rec.quarantine for rec in records if rec.quarantine}
        named |= {rec.report for rec in records if rec.report}
        staging = root / "staging"
        for entry in sorted(staging.iterdir()) if staging.is_dir() else []:
            if ATTEMPT.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
                done.deleted.append(f"staging/{entry.name}")
            else:
                done.moved.append(self._aside(entry))
        for tmp in (root / "manifest").iterdir():
            if MANIFEST_TEMP.fullmatch(tmp.name) and tmp.is_file():
                tmp.unlink()
                done.deleted.append(f"manifest/{tmp.name}")
        for path in files_under(root, ("data", "quarantine", "reports")):
            rel = path.relative_to(root).as_posix()
            if rel in named:
                continue
            seq = owned_seq(rel)
            if seq is not None and seq >= first_free and not path.is_symlink():
                path.unlink()
                done.deleted.append(rel)
            else:
                done.moved.append(self._aside(path))
        return done

    def _aside(self, path: Path) -> tuple[str, str]:
        """Move ``path`` (a file, folder or link of the store) into ``lost+found/``."""
        root = self.store.root
        rel = path.relative_to(root)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = root / ASIDE / f"{stamp}-{self.attempt}" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        fsync_dir(path.parent)
        return rel.as_posix(), target.relative_to(root).as_posix()

    def place(self, staged: Path, rel: str) -> str:
        """Move a staged Parquet file to ``rel`` (still invisible: no manifest names it)."""
        target = self.store.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        fsync_dir(target.parent)
        return rel

    def place_aux(self, staged: Path, kind: str, name: str) -> str:
        """Move a staged quarantine file or report into the store, flushed to disk first;
        return its relative path."""
        rel = f"{kind}/{name}"
        sha256_of(staged, flush=True)
        os.replace(staged, self.store.root / rel)
        fsync_dir((self.store.root / rel).parent)
        return rel

    def commit(self, record: BatchRecord) -> BatchRecord:
        """Make ``record`` visible; every file it names must already be in place.

        Each data file is checksummed and flushed to disk before the manifest names it; the
        manifest names the one before it; ``sequence.json`` then records the batch.
        """
        root = self.store.root
        missing = [f.path for f in record.files if not (root / f.path).is_file()]
        if missing:
            raise StoreError(f"internal error: files missing at commit: {missing[:3]}")
        view = self.store.view()
        if record.seq != view.manifests.last_seq + 1:
            raise StoreError("internal error: batch sequence moved during the ingest")
        sealed = tuple(_sealed(root, f) for f in record.files)
        before = view.manifests.records[-1] if view.manifests.records else None
        previous = (
            successor_digest(before, view.manifests.digests.get(before.seq)) if before else None
        )
        record = replace(record, files=sealed, previous=previous)
        digest = write_record(root, record)
        write_sequence(root, record.seq, digest)
        checker = self.store.checker
        for f in sealed:
            checker.remember(f)
        checker.save({f.path for rec in [*view.manifests.records, record] for f in rec.files})
        return record


def _sealed(root: Path, f: DataFile) -> DataFile:
    """``f`` with its file's SHA-256 and size, the file flushed to disk."""
    path = root / f.path
    digest = sha256_of(path, flush=True)
    return replace(f, sha256=digest, bytes=path.stat().st_size)


def files_under(root: Path, subs: tuple[str, ...]) -> list[Path]:
    """Every entry under ``root/sub`` that is not a folder (links are not followed)."""
    found = []
    for sub in subs:
        for folder, dirs, files in os.walk(root / sub):
            here = Path(folder)
            found += [here / d for d in dirs if (here / d).is_symlink()]
            found += [here / f for f in files]
    return sorted(found)
