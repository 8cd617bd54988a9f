"""DuckDB, the embedded default backend: one in-process connection, no extension downloads.

Example:
    >>> b = DuckDBBackend()
    >>> b.dialect
    'duckdb'
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from tradestats.backends import Stop
from tradestats.errors import Cancelled, StoreError
from tradestats.records import COLUMNS

VIEW = "records"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _column_sql(files: Sequence[Path]) -> str:
    """Canonical columns in canonical types: as stored when every file agrees, else CAST,
    and NULL for a column no file has (optional columns may be absent from foreign files)."""
    want = {c.name: c.arrow_type for c in COLUMNS}
    types: dict[str, set[pa.DataType]] = {}
    for f in files:
        for field in pq.read_schema(f):
            types.setdefault(field.name, set()).add(field.type)
    exact = all(types.get(n) == {t} for n, t in want.items())
    if exact:
        return ", ".join(want)  # CASTs cost time on every row: write none when not needed
    return ",\n  ".join(
        f"CAST({c.name if c.name in types else 'NULL'} AS {c.sql_type}) AS {c.name}"
        for c in COLUMNS
    )


def records_view_sql(files: Sequence[Path]) -> str:
    """SQL of the ``records`` view: canonical columns and types, by name across files."""
    paths = ", ".join(_quote(Path(f)) for f in files)
    return (
        f"CREATE OR REPLACE TEMP VIEW {VIEW} AS SELECT\n  {_column_sql(files)}\n"
        f"FROM read_parquet([{paths}], union_by_name = true, hive_partitioning = false)"
    )


@contextmanager
def _quiet() -> Iterator[None]:
    # ibis 12 calls DuckDB's deprecated fetch_arrow_table(); not ours to fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


class DuckDBBackend:
    """Runs Ibis expressions on an in-memory DuckDB connection."""

    dialect = "duckdb"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        self.con = ibis.duckdb.connect()
        self._files: tuple[str, ...] = ()
        self._view: ir.Table | None = None
        # Code tables are named by a digest of their rows: a bound table never goes stale.
        self._tables: dict[str, ir.Table] = {}
        self.stop = Stop()
        # Offline by design: never fetch an extension at run time.
        self.con.raw_sql("SET autoinstall_known_extensions = false")
        self.con.raw_sql("SET autoload_known_extensions = false")
        # A library prints nothing on its own: no progress bar on stderr during API calls.
        self.con.raw_sql("SET enable_progress_bar = false")
        if threads:
            self.con.raw_sql(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.raw_sql(f"SET memory_limit = '{memory_limit}'")

    def records(self, files: Sequence[Path]) -> ir.Table:
        """The ``records`` table over ``files`` (replaces the previous one)."""
        if not files:
            raise StoreError("no data files to read")
        key = tuple(str(f) for f in files)
        if key == self._files and self._view is not None:  # the view is already in place
            return self._view
        self.con.raw_sql(records_view_sql(files))
        self._files = key
        if self._view is None:  # the view's columns are the canonical ones, whatever the files
            with _quiet():
                self._view = self.con.table(VIEW)
        return self._view

    def register(self, name: str, table: pa.Table) -> ir.Table:
        """A small table (a code table) under ``name``, created once per connection; names
        are digests of the content, so a name always means the same rows."""
        found = self._tables.get(name)
        if found is not None:
            return found
        raw = self.con.con
        raw.register("_tradestats_arrow", table)
        try:
            raw.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS FROM _tradestats_arrow")
        finally:
            raw.unregister("_tradestats_arrow")
        with _quiet():
            self._tables[name] = self.con.table(name)
        return self._tables[name]

    def execute(self, expr: ir.Table) -> pa.Table:
        self.stop.check()
        with _quiet(), self._stoppable():
            return expr.to_pyarrow()

    def compile(self, expr: ir.Table) -> tuple[str, pa.Schema]:
        """The SQL of ``expr`` and the Arrow schema of its result (to run it again later)."""
        return str(self.con.compile(expr)), expr.schema().to_pyarrow()

    def run(self, sql: str, schema: pa.Schema) -> pa.Table:
        """Run compiled SQL; the result in ``schema``'s types."""
        self.stop.check()
        with self._stoppable():
            table = self.con.con.sql(sql).to_arrow_table()
        return table.rename_columns(schema.names).cast(schema)

    def scratch(self, name: str) -> str:
        """The name of a scratch table for one step of a plan (one connection: no clash)."""
        return f"tradestats_{name}"

    def materialize(self, name: str, sql: str) -> ir.Table:
        """Run ``sql`` once into the temporary table ``name`` (the cube several steps read)."""
        self.stop.check()
        with self._stoppable():
            self.con.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        with _quiet():
            return self.con.table(name)

    def release(self, name: str) -> None:
        self.con.con.execute(f"DROP TABLE IF EXISTS {name}")

    def interrupt(self) -> None:
        """Stop the running statement and every later one (another thread calls this; see
        web/pool.py) until ``resume``."""
        self.stop.request()
        self.con.con.interrupt()

    def resume(self) -> None:
        self.stop.clear()

    @contextmanager
    def _stoppable(self) -> Iterator[None]:
        """DuckDB's error for an interrupted statement, as Cancelled."""
        try:
            yield
        except duckdb.InterruptException:
            raise Cancelled("the computation was stopped before it finished") from None

    def to_sql(self, expr: ir.Table) -> str:
        return str(ibis.to_sql(expr, dialect=self.dialect))
