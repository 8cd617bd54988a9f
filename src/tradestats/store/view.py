"""What a reader knows of a store, read once and kept while the store does not change.

Reading every manifest costs about 20 ms at 300 batches, and the engine asks for the periods and
the live files several times per query. A ``View`` holds the manifests (checked by
``integrity.read_manifests``) and the folds of the live cells; it stays valid while the
*stamp* of the store is unchanged: the ``stat`` of ``manifest/`` (a commit, a deletion or a
rename of a manifest changes its modification time) and of ``sequence.json`` (rewritten, as a
new file, by every commit). Two stats per call instead of 300 reads.

A file system's clock has a granularity (a few milliseconds, more on some): a change in the
same tick as the read would leave the stamp equal. So, as git does with its index, a view
read less than ``RACY_SECONDS`` after the stamp's newest time is not trusted again: it is
read anew until the store has been still for that long. A manifest edited in place (its
folder untouched) is seen by the next process, by ``tradestats verify``, or once the folder
changes; data files are checked on every ``Store.data_files`` call (``filecheck.py``).

Example:
    >>> stamp_of(Path("/tmp/no-such-store")) is None
    True
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tradestats.store.cells import CellState, Key, fold
from tradestats.store.integrity import BLOCKING, Manifests, Problem, read_manifests
from tradestats.store.layout import SEQUENCE
from tradestats.store.manifest import MANIFEST_DIR, DataFile

RACY_SECONDS = 1.0
Stamp = tuple[int, ...]


def stamp_of(root: Path) -> Stamp | None:
    """The stat of ``manifest/`` and ``sequence.json`` (inode, times, size), the newest time
    last; None when there is no manifest folder."""
    try:
        st = os.stat(root / MANIFEST_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return None
    out: tuple[int, ...] = (st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    newest = max(st.st_mtime_ns, st.st_ctime_ns)
    try:
        sq = os.stat(root / SEQUENCE)
        out += (sq.st_ino, sq.st_mtime_ns, sq.st_ctime_ns, sq.st_size)
        newest = max(newest, sq.st_mtime_ns, sq.st_ctime_ns)
    except FileNotFoundError:
        out += (0,)
    return (*out, newest)


@dataclass(frozen=True)
class Live:
    """A live data file: its period, its batch, its manifest entry, its path."""

    period: str
    seq: int
    file: DataFile
    path: Path


@dataclass
class View:
    """The checked manifests of a store at one stamp, and the folds asked of them."""

    stamp: Stamp | None
    manifests: Manifests
    trusted: bool  # False: read in the racy window, read again next time
    _folds: dict[int | None, dict[Key, CellState]] = field(default_factory=dict)
    _live: dict[int | None, list[Live]] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Problem]:
        """The problems that make the batches unknowable (reads and writes are refused)."""
        return [p for p in self.manifests.problems if p.kind in BLOCKING]

    def cells(self, limit: int | None) -> dict[Key, CellState]:
        found = self._folds.get(limit)
        if found is None:
            found = fold(self.manifests.records, limit)
            self._folds[limit] = found
        return found

    def live(self, root: Path, limit: int | None) -> list[Live]:
        """Every live file (its period, batch, record and path under ``root``), in commit
        order."""
        found = self._live.get(limit)
        if found is None:
            seen = {
                (seq, f.path): Live(period, seq, f, root / f.path)
                for (period, _), cell in self.cells(limit).items()
                for seq, f in cell.files
            }
            found = [seen[k] for k in sorted(seen)]
            self._live[limit] = found
        return found


class ViewCache:
    """The last view of one store, shared by the threads that read it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._view: View | None = None
        self._lock = threading.Lock()

    def get(self) -> View:
        """The current view: the cached one when the stamp says nothing changed."""
        stamp = stamp_of(self.root)
        with self._lock:
            view = self._view
        if view is not None and view.trusted and view.stamp == stamp:
            return view
        started = time.time_ns()
        manifests = read_manifests(self.root) if stamp is not None else Manifests()
        newest = stamp[-1] if stamp is not None else 0
        view = View(stamp, manifests, trusted=started - newest > RACY_SECONDS * 1e9)
        with self._lock:
            self._view = view
        return view

    def forget(self) -> None:
        """Drop the cached view (a writer that just changed the store)."""
        with self._lock:
            self._view = None
