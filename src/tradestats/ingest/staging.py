"""The ingest's work space: a DuckDB database in the staging folder holding checked rows.

``acc`` holds rows that passed every rule (typed, with source file and line); ``rej`` holds the
rest with their reasons and their text as read. DuckDB spills to the staging folder, so memory
stays bounded whatever the size of the input.

Example:
    >>> ws = Workspace(Path("/tmp/ts-ws"))          # doctest: +SKIP
    >>> ws.add_batch(0, raw_batch, partners)         # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from tradestats.ingest.reader import BadLine, RawBatch
from tradestats.ingest.rules import READ_SQL, validation_sql
from tradestats.records import COLUMN_NAMES, COLUMNS

RAW_COLUMNS = ", ".join(f"_raw_{c}" for c in COLUMN_NAMES)
TYPED = ", ".join(COLUMN_NAMES)


class Workspace:
    """A DuckDB connection over the staging folder, with the ``acc`` and ``rej`` tables."""

    def __init__(self, folder: Path, memory_limit: str = "1GB") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.con = duckdb.connect(str(folder / "work.duckdb"))
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute(f"SET temp_directory = '{folder / 'spill'}'")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("SET autoinstall_known_extensions = false")
        self.con.execute("SET autoload_known_extensions = false")
        typed = ", ".join(f"{c.name} {c.sql_type}" for c in COLUMNS)
        raw = ", ".join(f"_raw_{c} VARCHAR" for c in COLUMN_NAMES)
        self.con.execute(f"CREATE TABLE acc (_src INTEGER, _line BIGINT, {typed})")
        self.con.execute(
            f"""CREATE TABLE rej (_src INTEGER, _line BIGINT, _fields VARCHAR, _reasons VARCHAR,
            _read_cny {READ_SQL}, _read_usd {READ_SQL}, {raw}, _text VARCHAR)"""
        )

    def close(self) -> None:
        self.con.close()

    def add_batch(self, src: int, batch: RawBatch, partners: list[str]) -> int:
        """Check one batch and file each row under ``acc`` or ``rej``; return blank rows dropped."""
        table = batch.table.append_column("_line", pa.array(batch.lines, pa.int64()))
        self.con.register("raw_batch", table)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE v AS {validation_sql(partners)}")
        finally:
            self.con.unregister("raw_batch")
        self.con.execute(
            f"INSERT INTO acc SELECT {src}, _line, {TYPED} FROM v WHERE _reasons IS NULL"
        )
        self.con.execute(
            f"""INSERT INTO rej SELECT {src}, _line, _fields, _reasons, _read_cny, _read_usd,
            {RAW_COLUMNS}, NULL FROM v WHERE _reasons IS NOT NULL"""
        )
        return batch.table.num_rows - self.count("v")

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
