"""Compute backends: where an Ibis expression runs. Connection and dialect details live here only.

Example:
    >>> backend = get_backend("duckdb")
    >>> backend.dialect
    'duckdb'
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import ibis.expr.types as ir
import pyarrow as pa

from tradestats.errors import Cancelled, UsageError
from tradestats.indicators.suggest import nearest

BACKENDS = ("duckdb", "spark")


class Stop:
    """A backend's stop request: set by another thread (``interrupt``), checked before every
    statement, so that work past a time limit ends at the statement running then instead of
    going on through the plan's later steps.

    >>> stop = Stop()
    >>> stop.request(); stop.requested
    True
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def request(self) -> None:
        self._event.set()

    def clear(self) -> None:
        self._event.clear()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled when a stop was requested."""
        if self._event.is_set():
            raise Cancelled("the computation was stopped before it finished")


class Backend(Protocol):
    """Reads canonical Parquet files as a table named ``records``, holds small code tables,
    compiles, runs and prints expressions, and stops a running statement on request
    (``interrupt``: this statement and every later one, until ``resume``)."""

    dialect: str
    stop: Stop

    def records(self, files: Sequence[Path]) -> ir.Table: ...
    def register(self, name: str, table: pa.Table) -> ir.Table: ...
    def execute(self, expr: ir.Table) -> pa.Table: ...
    def compile(self, expr: ir.Table) -> tuple[str, pa.Schema]: ...
    def run(self, sql: str, schema: pa.Schema) -> pa.Table: ...
    def scratch(self, name: str) -> str: ...
    def materialize(self, name: str, sql: str) -> ir.Table: ...
    def release(self, name: str) -> None: ...
    def interrupt(self) -> None: ...
    def resume(self) -> None: ...
    def to_sql(self, expr: ir.Table) -> str: ...


def get_backend(name: str = "duckdb") -> Backend:
    """The backend called ``name`` (DuckDB, or Spark via Ibis' PySpark backend)."""
    if name == "duckdb":
        from tradestats.backends.duckdb import DuckDBBackend

        return DuckDBBackend()
    if name == "spark":
        from tradestats.backends.spark import SparkBackend

        return SparkBackend()
    raise UsageError(f"unknown backend {name!r}", hint=nearest(name, BACKENDS))
