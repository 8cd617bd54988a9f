"""Helpers for adapter tests: read a store's live rows back with DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from tradestats.store import Store


def stored(root: Path, sql: str = "SELECT * FROM r") -> list[tuple[Any, ...]]:
    """Run ``sql`` over the store's live rows, exposed as table ``r``."""
    files = Store(root).data_files()
    con = duckdb.connect()
    listed = ", ".join("'" + str(f) + "'" for f in files)
    con.execute(
        f"CREATE VIEW r AS SELECT * FROM read_parquet([{listed}], "
        "union_by_name = true, hive_partitioning = false)"
    )
    return con.execute(sql).fetchall()
