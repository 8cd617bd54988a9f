"""What a reader knows of a store, read once and kept while the store does not change.

Reading every manifest costs about 20 ms at 300 batches, and the engine asks for the periods and
the live files several times per query. A ``View`` holds the manifests (checked by
``integrity.read_manifests``) and the folds of the live cells; it stays valid while the
*stamp* of the store is unchanged: the ``stat`` of ``manifest/`` (a commit, a deletion or a
rename of a manifest changes its modification time) and of ``sequence.json`` (rewritten, as a
new file, by every commit). Two stats per call instead of 300 reads.

A manifest edited in place leaves its folder's stat as it was, so the view also keeps the
*entries* of ``manifest/``: each one's name, inode, size, modification and change time (one
``scandir`` and a ``stat`` per manifest). They cost about 1 ms at 301 batches (against 0.01 ms
for the stamp, 20 ms for reading the manifests; ``bench/bench_store_open.py``), so they are
looked at again only when ``ENTRIES_SECONDS`` have passed since they were last found equal:
a long-running reader (the web app) sees an edit in place within that time, and pays the
entries' cost at most twice a second however many calls it makes. A change time cannot be set
back (``os.utime`` sets it to now): an edit whose size and modification time are put back is
seen too.

A file system's clock has a granularity (a few milliseconds, more on some): a change in the
same tick as the read would leave the stamp equal. So, as git does with its index, a view
read less than ``RACY_SECONDS`` after the stamp's newest time is not trusted again: it is
read anew until the store has been still for that long (the entries' times count too). Data
files are checked on every ``Store.data_files`` call (``filecheck.py``).

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
ENTRIES_SECONDS = 0.5  # the longest a reader trusts manifest/'s entries without a new look
Stamp = tuple[int, ...]
Entries = tuple[tuple[str, int, int, int, int], ...]


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


def entries_of(root: Path) -> Entries:
    """Name, inode, size, modification and change time of every entry of ``manifest/``, by
    name (empty when there is no such folder)."""
    found = []
    try:
        with os.scandir(root / MANIFEST_DIR) as it:
            for entry in it:
                try:
                    st = entry.stat(follow_symlinks=False)
                except FileNotFoundError:  # renamed away since the listing: the stamp moved
                    continue
                found.append((entry.name, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple(sorted(found))


def _newest(stamp: Stamp | None, entries: Entries) -> int:
    """The newest time of a stamp and of the entries (ns; 0 when there is none)."""
    times = [stamp[-1]] if stamp is not None else []
    return max([*times, *(max(e[3], e[4]) for e in entries)], default=0)


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
    entries: Entries = ()  # of manifest/ when it was read
    entries_seen: float = 0.0  # time.monotonic() when the entries were last found equal
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
        """The current view: the cached one when the stamp says nothing changed, and the
        entries of manifest/ neither (looked at once per ``ENTRIES_SECONDS``)."""
        stamp = stamp_of(self.root)
        with self._lock:
            view = self._view
        entries: Entries | None = None
        if view is not None and view.trusted and view.stamp == stamp:
            now = time.monotonic()
            if now - view.entries_seen < ENTRIES_SECONDS:
                return view
            entries = entries_of(self.root)
            if entries == view.entries:
                view.entries_seen = now
                return view
        seen = time.monotonic()
        if entries is None:
            entries = entries_of(self.root)
        started = time.time_ns()
        manifests = read_manifests(self.root) if stamp is not None else Manifests()
        trusted = started - _newest(stamp, entries) > RACY_SECONDS * 1e9
        view = View(stamp, manifests, trusted, entries, seen)
        with self._lock:
            self._view = view
        return view

    def forget(self) -> None:
        """Drop the cached view (a writer that just changed the store)."""
        with self._lock:
            self._view = None
