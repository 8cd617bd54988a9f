"""What the engine remembers between calls: the HS codes of each data file, and answers.

Store files never change once written (a revision is a new file), so anything computed from a
set of files stays true while those files are live: the key of every entry holds each file's
path, modification time and size. The caches are shared by every engine of the process (the web
app's pool, a bulletin's many calls), bounded, and thread-safe.

Example:
    >>> cache = Answers(max_bytes=1_000)
    >>> cache.put(("q",), pa.table({"a": [1]}))
    >>> cache.get(("q",)).num_rows
    1
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

FileKey = tuple[str, int, int]  # path, mtime in ns, size


def file_key(path: Path) -> FileKey:
    st = os.stat(path)
    return str(path), st.st_mtime_ns, st.st_size


def files_key(files: Iterable[Path]) -> tuple[FileKey, ...]:
    """The identity of a set of files (order kept: it is the reading order)."""
    return tuple(file_key(f) for f in files)


class HSCodes:
    """Distinct ``hs_code`` values per data file (one column read per new file)."""

    def __init__(self, max_files: int = 100_000) -> None:
        self._codes: OrderedDict[FileKey, frozenset[str]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_files = max_files

    def of(self, files: Sequence[Path]) -> frozenset[str]:
        """Every HS code in ``files`` (the files not seen before are read in one query).

        >>> HSCodes().of([])
        frozenset()
        """
        keys = [file_key(f) for f in files]
        with self._lock:
            known = {k: self._codes[k] for k in keys if k in self._codes}
        new = [Path(k[0]) for k in keys if k not in known]
        if new:
            found = _read_codes(new)
            with self._lock:
                for key in keys:
                    if key not in known:
                        known[key] = self._codes[key] = found.get(key[0], frozenset())
                while len(self._codes) > self.max_files:
                    self._codes.popitem(last=False)
        return frozenset().union(*(known[k] for k in keys))


def _read_codes(paths: Sequence[Path]) -> dict[str, frozenset[str]]:
    """Distinct codes per file, by DuckDB's parallel reader (files without the column: none)."""
    with_codes = [p for p in paths if "hs_code" in pq.read_schema(p).names]
    if not with_codes:
        return {}
    listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in with_codes)
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        rows = con.execute(
            f"SELECT DISTINCT filename, hs_code FROM read_parquet([{listed}], filename = true,"
            " hive_partitioning = false) WHERE hs_code IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {}
    for name, code in rows:
        out.setdefault(name, set()).add(code)
    return {str(p): frozenset(out.get(str(p), ())) for p in with_codes}


class Answers:
    """Answers (Arrow tables) by question, at most ``max_bytes`` of them, least recent out."""

    def __init__(self, max_bytes: int = 256 << 20) -> None:
        self._items: OrderedDict[Hashable, pa.Table] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.max_bytes = max_bytes

    def get(self, key: Hashable) -> pa.Table | None:
        with self._lock:
            table = self._items.get(key)
            if table is not None:
                self._items.move_to_end(key)
            return table

    def put(self, key: Hashable, table: pa.Table) -> None:
        size = table.nbytes
        if size > self.max_bytes // 8:  # a huge answer would push out many small ones
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            self._items[key] = table
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, gone = self._items.popitem(last=False)
                self._bytes -= gone.nbytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


HS_CODES = HSCodes()
ANSWERS = Answers()
