"""Is each data file still the one committed? Checked cheaply, by ``stat``, and by checksum
when the stat says the file may have changed.

A file whose size, modification time, change time and inode are those it had when it was last
found intact is taken as intact (one ``stat``). Otherwise its size must be the one the manifest
records and its SHA-256 the one recorded at commit; files of format-1 manifests, which record
neither, must hold the number of rows the manifest says. Intact stats are kept in memory, and
writers save them in ``verified.json`` (a cache: deleting it costs one more checksum per file).
The change time cannot be set by ``touch``, so a file swapped for another of the same size is
caught even with its modification time put back.

Example:
    >>> checker = FileChecker(Path("/tmp/no-such-store"))
    >>> f = DataFile(path="data/x.parquet", period="2025-01", rows=1, value_cny="1",
    ...              value_usd="1", reporter="", sha256="0" * 64, bytes=10)
    >>> checker.check(f)
    'is missing'
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tradestats.store.integrity import sha256_of
from tradestats.store.layout import VERIFIED
from tradestats.store.manifest import DataFile, write_atomic

StatKey = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class FileChecker:
    """Checks data files against their manifest entries, remembering the intact ones."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._intact: dict[str, tuple[StatKey, str | None]] = {}  # path -> (stat, sha256)
        self._lock = threading.Lock()
        self.changed = False  # intact stats found that verified.json lacks
        self.read = 0  # files read to check them (checksum or row count), for verify's report
        self.load()

    def load(self) -> None:
        """Take in the intact stats a writer saved in ``verified.json`` (a damaged or absent
        file costs checksums, nothing else)."""
        found: dict[str, tuple[StatKey, str | None]] = {}
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            saved = json.loads((self.root / VERIFIED).read_text(encoding="utf-8"))
            for rel, (size, mtime, ctime, ino, digest) in saved.get("files", {}).items():
                found[str(rel)] = ((int(size), int(mtime), int(ctime), int(ino)), digest)
        with self._lock:
            self._intact.update(found)

    def check(self, f: DataFile, full: bool = False, path: Path | None = None) -> str | None:
        """What is wrong with ``f``'s file (at ``path``, by default under the root), or None.
        ``full``: checksum it whatever its stat."""
        path = self.root / f.path if path is None else path
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "is missing"
        except OSError as err:
            return f"cannot be read ({err.strerror})"
        if not stat.S_ISREG(st.st_mode):
            return "is not a file"
        key = stat_key(st)
        known = self._intact.get(f.path)  # a dict read is atomic; writes take the lock
        if not full and known is not None and known == (key, f.sha256):
            return None
        if f.bytes is not None and st.st_size != f.bytes:
            return f"is {st.st_size:,} bytes; {f.bytes:,} were committed (truncated or replaced)"
        problem = self._content(path, f)
        if problem is None:
            with self._lock:
                self._intact[f.path] = (key, f.sha256)
                self.changed = True
        return problem

    def _content(self, path: Path, f: DataFile) -> str | None:
        self.read += 1
        try:
            if f.sha256 is not None:
                digest = sha256_of(path)
                if digest == f.sha256:
                    return None
                return (
                    f"is not the file that was committed (SHA-256 {digest[:12]}..., committed "
                    f"{f.sha256[:12]}...){_rows_note(path, f)}"
                )
            rows = pq.ParquetFile(path).metadata.num_rows
        except OSError as err:
            return f"cannot be read ({err.strerror or err})"
        except (pa.ArrowException, ValueError) as err:
            return f"is not a readable Parquet file ({err})"
        if rows != f.rows:
            return f"holds {rows:,} rows; {f.rows:,} were committed"
        return None

    def remember(self, f: DataFile) -> None:
        """Take ``f``'s file as intact as it is now (a writer that just placed it)."""
        key = stat_key((self.root / f.path).stat())
        with self._lock:
            self._intact[f.path] = (key, f.sha256)
            self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the intact stats of the files in ``keep`` to ``verified.json`` (best effort)."""
        with self._lock:
            files = {
                rel: [*key, digest] for rel, (key, digest) in self._intact.items() if rel in keep
            }
        with contextlib.suppress(OSError):
            write_atomic(self.root / VERIFIED, json.dumps({"files": files}) + "\n")
            self.changed = False


def _rows_note(path: Path, f: DataFile) -> str:
    """'; it holds N rows, M were committed' when the footer says so, else ''."""
    try:
        rows = pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException, ValueError):
        return "; it is not a readable Parquet file"
    return f"; it holds {rows:,} rows, {f.rows:,} were committed" if rows != f.rows else ""
