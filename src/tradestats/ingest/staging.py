"""The ingest's work space: checked rows go straight to Parquet, one file per period.

Each batch of text columns is checked by one DuckDB statement (``rules.validation_sql``).
Accepted rows are appended to the staged Parquet file of their period; a small ``keys`` file keeps,
for every accepted row, a hash of its content, its source file and line, and its position in the
period file, so duplicates can be found later without holding rows in memory. Rejected rows (few)
go to the DuckDB table ``rej`` with their reasons and their text as read.

Example:
    >>> ws = Workspace(Path("/tmp/ts-ws"), partners=["USA"])     # doctest: +SKIP
    >>> ws.add_batch(0, raw_batch)                                # doctest: +SKIP
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tradestats.delimited.reader import BadLine, RawBatch
from tradestats.ingest.rules import READ_SQL, create_types, validation_sql
from tradestats.records import COLUMN_NAMES, SCHEMA
from tradestats.sqltext import literal

ROW_GROUP_ROWS = 262_144
COMPRESSION = "snappy"  # fast to write; the store's files are read far more than written
MAX_PENDING_ROWS = 600_000  # across periods: bounds memory when a file mixes many months
KEYS_SCHEMA = pa.schema(
    [
        ("_h", pa.uint64()),
        ("_src", pa.int32()),
        ("_line", pa.int64()),
        ("period", pa.string()),
        ("_row", pa.int64()),
    ]
)


def _split_by_period(rows: pa.Table) -> list[tuple[str, pa.Table]]:
    """The rows of each period, in source order within a period (one sort, then slices)."""
    periods = rows["period"]
    if pc.count_distinct(periods).as_py() <= 1:
        return [(periods[0].as_py(), rows)] if rows.num_rows else []
    ordered = rows.take(pc.sort_indices(rows, sort_keys=[("period", "ascending")]))
    runs = pc.run_end_encode(ordered["period"].combine_chunks())
    ends = runs.run_ends.to_pylist()
    values = runs.values.to_pylist()
    starts = [0, *ends[:-1]]
    return [(v, ordered.slice(a, b - a)) for v, a, b in zip(values, starts, ends, strict=True)]


class _BackgroundWrites:
    """Parquet writes done in one background thread, in order, at most a few outstanding.

    Writing (compression) releases the GIL, so it overlaps the checks of the next batch.
    """

    def __init__(self, outstanding: int = 3) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.futures: deque[Future[None]] = deque()
        self.outstanding = outstanding

    def submit(self, writer: pq.ParquetWriter, table: pa.Table) -> None:
        self.futures.append(self.pool.submit(writer.write_table, table, row_group_size=1 << 20))
        while len(self.futures) > self.outstanding:
            self.futures.popleft().result()

    def wait(self) -> None:
        while self.futures:
            self.futures.popleft().result()
        self.pool.shutdown()


class _PeriodFile:
    """A staged Parquet file for one period; rows are queued and written in row groups.

    The writer opens with the first rows, so a file that DuckDB already wrote (the direct
    route, see ``direct.py``) can be adopted as it is.
    """

    def __init__(self, path: Path, writes: _BackgroundWrites) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.writer: pq.ParquetWriter | None = None
        self.writes = writes
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.rows = 0  # rows handed in so far (written or pending)

    def add(self, part: pa.Table) -> int:
        """Queue ``part``; return the position of its first row in the file."""
        first = self.rows
        self.pending.append(part)
        self.pending_rows += part.num_rows
        self.rows += part.num_rows
        if self.pending_rows >= ROW_GROUP_ROWS:
            self.flush()
        return first

    def flush(self) -> None:
        if self.pending:
            if self.writer is None:
                self.writer = pq.ParquetWriter(self.path, SCHEMA, compression=COMPRESSION)
            self.writes.submit(self.writer, pa.concat_tables(self.pending))
            self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class Workspace:
    """Staged period files, the keys file, and a DuckDB connection holding ``rej``."""

    def __init__(self, folder: Path, partners: list[str], memory_limit: str = "1GB") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.sql = validation_sql(partners)
        self.con = duckdb.connect(str(folder / "work.duckdb"))
        for setting in (
            f"SET memory_limit = '{memory_limit}'",
            f"SET temp_directory = {literal(str(folder / 'spill'))}",
            "SET preserve_insertion_order = false",
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            "SET enable_progress_bar = false",
        ):
            self.con.execute(setting)
        create_types(self.con, partners)
        raw = ", ".join(f"_raw_{c} VARCHAR" for c in COLUMN_NAMES)
        self.con.execute(
            f"""CREATE TABLE rej (_src INTEGER, _line BIGINT, _fields VARCHAR, _reasons VARCHAR,
            _read_cny {READ_SQL}, _read_usd {READ_SQL}, {raw}, _text VARCHAR)"""
        )
        self.writes = _BackgroundWrites()
        self.periods: dict[str, _PeriodFile] = {}
        self.keys = pq.ParquetWriter(folder / "keys.parquet", KEYS_SCHEMA)
        self.staged = {"CNY": Decimal(0), "USD": Decimal(0)}
        self.accepted_rows = 0
        self.blank = 0

    def close(self) -> None:
        self.con.close()

    def finish_writing(self) -> None:
        for f in self.periods.values():
            f.flush()
        self.writes.wait()
        for f in self.periods.values():
            f.close()
        self.keys.close()

    def adopt(self, period: str, path: Path, rows: int) -> None:
        """Take ``path``, a finished Parquet file of ``period``'s accepted rows, as staged."""
        staged = _PeriodFile(path, self.writes)
        staged.rows = rows
        self.periods[period] = staged
        self.accepted_rows += rows

    def _bound_memory(self) -> None:
        """Flush every period's queue when together they hold too many rows."""
        if sum(f.pending_rows for f in self.periods.values()) > MAX_PENDING_ROWS:
            for f in self.periods.values():
                f.flush()

    def add_batch(self, src: int, batch: RawBatch) -> None:
        """Check one batch: accepted rows to their period files, the rest to ``rej``."""
        table = batch.table.append_column("_line", pa.array(batch.lines, pa.int64()))
        self.con.register("raw_batch", table)
        try:
            checked: pa.Table = self.con.sql(self.sql).to_arrow_table()
            self.blank += table.num_rows - checked.num_rows
            bad = pc.is_valid(checked["_reasons"])
            if pc.any(bad).as_py():
                self._reject(src, checked.filter(bad))
                checked = checked.filter(pc.invert(bad))
        finally:
            self.con.unregister("raw_batch")
        self._accept(src, checked)

    def _reject(self, src: int, rows: pa.Table) -> None:
        """Keep rejected rows with their reasons and their text as read (from ``raw_batch``)."""
        raw = ", ".join(f"b.{c}" for c in COLUMN_NAMES)
        self.con.register("rejected", rows)
        self.con.execute(
            f"""INSERT INTO rej SELECT {src}, r._line, r._fields, r._reasons, r._read_cny,
            r._read_usd, {raw}, NULL FROM rejected r JOIN raw_batch b USING (_line)"""
        )
        self.con.unregister("rejected")

    def _accept(self, src: int, rows: pa.Table) -> None:
        self.accepted_rows += rows.num_rows
        for cur, col in (("CNY", "value_cny"), ("USD", "value_usd")):
            total = pc.sum(rows[col]).as_py()
            self.staged[cur] += total if total is not None else Decimal(0)
        keys = []
        for period, part in _split_by_period(rows):
            target = self.periods.get(period)
            if target is None:
                path = self.folder / "out" / f"period={period}" / "part-0.parquet"
                target = _PeriodFile(path, self.writes)
                self.periods[period] = target
            first = target.add(part.select(list(COLUMN_NAMES)).cast(SCHEMA))
            n = part.num_rows
            position = pa.array(np.arange(first, first + n, dtype=np.int64))
            source = pa.array(np.full(n, src, dtype=np.int32))
            columns = [part["_h"], source, part["_line"], part["period"], position]
            keys.append(pa.table(columns, schema=KEYS_SCHEMA))
        if keys:
            self.writes.submit(self.keys, pa.concat_tables(keys))
        self._bound_memory()

    def add_bad_lines(self, src: int, bad: list[BadLine]) -> None:
        """Lines that could not be split into fields go to ``rej`` with their text."""
        if not bad:
            return
        rows = pa.table(
            {
                "_line": pa.array([b.line for b in bad], pa.int64()),
                "_reason": [b.reason for b in bad],
                "_text": [b.text for b in bad],
            }
        )
        self.con.register("bad_lines", rows)
        nulls = ", ".join("NULL" for _ in COLUMN_NAMES)
        self.con.execute(
            f"""INSERT INTO rej SELECT {src}, _line, 'line', _reason, NULL, NULL, {nulls}, _text
            FROM bad_lines"""
        )
        self.con.unregister("bad_lines")

    def count(self, table: str) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
