"""Compute backends: where an Ibis expression runs. Connection and dialect details live here only.

Example:
    >>> backend = get_backend("duckdb")
    >>> backend.dialect
    'duckdb'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import ibis.expr.types as ir
import pyarrow as pa

from tradestats.errors import UsageError
from tradestats.indicators.suggest import nearest

BACKENDS = ("duckdb", "spark")


class Backend(Protocol):
    """Reads canonical Parquet files as a table named ``records``, holds small code tables,
    compiles, runs and prints expressions, and stops a running statement on request."""

    dialect: str

    def records(self, files: Sequence[Path]) -> ir.Table: ...
    def register(self, name: str, table: pa.Table) -> ir.Table: ...
    def execute(self, expr: ir.Table) -> pa.Table: ...
    def compile(self, expr: ir.Table) -> tuple[str, pa.Schema]: ...
    def run(self, sql: str, schema: pa.Schema) -> pa.Table: ...
    def scratch(self, name: str) -> str: ...
    def materialize(self, name: str, sql: str) -> ir.Table: ...
    def release(self, name: str) -> None: ...
    def interrupt(self) -> None: ...
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
