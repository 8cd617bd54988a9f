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
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

V = TypeVar("V")

FileKey = tuple[str, int, int]  # path, mtime in ns, size


def file_key(path: Path) -> FileKey:
    st = os.stat(path)
    return str(path), st.st_mtime_ns, st.st_size


def files_key(files: Iterable[Path]) -> tuple[FileKey, ...]:
    """The identity of a set of files (order kept: it is the reading order)."""
    return tuple(file_key(f) for f in files)


class PerFiles(Generic[V]):
    """A fact of a set of data files read once per new set (``read(paths)``), remembered for
    the last ``max_sets`` sets: their distinct HS codes, whether they hold World rows."""

    def __init__(self, read: Callable[[Sequence[Path]], V], max_sets: int = 512) -> None:
        self._read = read
        self._found: OrderedDict[tuple[FileKey, ...], V] = OrderedDict()
        self._lock = threading.Lock()
        self.max_sets = max_sets

    def of(self, files: Sequence[Path]) -> V:
        """The fact of ``files``.

        >>> PerFiles(len).of([])
        0
        """
        key = files_key(files)
        with self._lock:
            found = self._found.get(key)
        if found is None:
            found = self._read(files)
            with self._lock:
                self._found[key] = found
                while len(self._found) > self.max_sets:
                    self._found.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


@dataclass(frozen=True)
class FileFacts:
    """What the plans need to know of a set of data files before they are planned."""

    codes: frozenset[str]  # the distinct HS codes (the code tables are built over them)
    world: bool  # some row is a World row, a reporter's declared total (partner WLD)


def _read_facts(paths: Sequence[Path]) -> FileFacts:
    """The files' facts, by DuckDB's parallel reader: a DISTINCT of one column, and a World
    row looked for with LIMIT 1 (DuckDB skips the row groups whose dictionary lacks WLD, so
    this costs about a tenth of the DISTINCT). Files without hs_code give no codes."""
    if not paths:
        return FileFacts(frozenset(), False)

    def src(files: Sequence[Path]) -> str:
        listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
        return f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"

    coded = [p for p in paths if "hs_code" in pq.read_schema(p).names]
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        codes: frozenset[str] = frozenset()
        if coded:
            sql = f"SELECT DISTINCT hs_code FROM {src(coded)} WHERE hs_code IS NOT NULL"
            codes = frozenset(r[0] for r in con.execute(sql).fetchall())
        world = con.execute(f"SELECT 1 FROM {src(paths)} WHERE partner = 'WLD' LIMIT 1")
        return FileFacts(codes, bool(world.fetchall()))
    finally:
        con.close()


class Answers:
    """Answers (Arrow tables) by question, at most ``max_bytes`` of them, least recent out."""

    def __init__(self, max_bytes: int = 256 << 20) -> None:
        self._items: OrderedDict[Hashable, pa.Table] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.max_bytes = max_bytes

    def get(self, key: Hashable) -> Any:
        with self._lock:
            table = self._items.get(key)
            if table is not None:
                self._items.move_to_end(key)
            return table

    def put(self, key: Hashable, table: Any) -> None:
        """Remember ``table`` (anything with ``nbytes``: an Arrow table, batch cells)."""
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


@dataclass(frozen=True)
class CompiledPlan:
    """A plan as the backend runs it: its SQL, the Arrow schema of its result, and the small
    code tables it reads (registered again on a connection that has not seen them)."""

    sql: str
    schema: pa.Schema
    tables: tuple[tuple[str, pa.Table], ...]


@dataclass(frozen=True)
class CompiledBatch:
    """A batch's steps as the backend runs them: the cube's SQL (materialized as ``cube``), the
    SQL of the cells and of the monthly sums over it, and of the scans of their own (distinct
    counts, per-partner sums) by tag."""

    cube_sql: str
    cells: tuple[str, pa.Schema]
    monthly: dict[str, tuple[str, pa.Schema]]
    distinct: dict[str, tuple[str, pa.Schema]]
    partners: dict[str, tuple[str, pa.Schema]]
    tables: tuple[tuple[str, pa.Table], ...]
    cube: str  # the name the cube had when the SQL was compiled


@dataclass(frozen=True)
class BatchCells:
    """What a batch's steps returned: one row of cells, monthly sums and per-partner sums."""

    cells: pa.Table
    monthly: dict[str, pa.Table]
    partners: dict[str, pa.Table]

    @property
    def nbytes(self) -> int:
        tables = [self.cells, *self.monthly.values(), *self.partners.values()]
        return sum(t.nbytes for t in tables)


class Plans:
    """Compiled plans by question (and live files), at most ``size``, least recent out."""

    def __init__(self, size: int = 2048) -> None:
        self._items: OrderedDict[Hashable, CompiledPlan | CompiledBatch] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, plan: CompiledPlan | CompiledBatch) -> None:
        with self._lock:
            self._items[key] = plan
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


FACTS: PerFiles[FileFacts] = PerFiles(_read_facts)
PLANS = Plans()
ANSWERS = Answers()
