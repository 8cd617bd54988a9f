"""Exact comparison of two engines' answers (same columns, types, rows and order)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tradestats.engine import Engine


def diff(a: pa.Table, b: pa.Table) -> list[str]:
    """Differences between two result tables; empty when they are equal exactly."""
    if a.schema != b.schema:
        return [f"schema {a.schema} != {b.schema}"]
    rows_a, rows_b = a.to_pylist(), b.to_pylist()
    if len(rows_a) != len(rows_b):
        return [f"{len(rows_a)} rows != {len(rows_b)} rows"]
    return [
        f"row {i}: {x} != {y}"
        for i, (x, y) in enumerate(zip(rows_a, rows_b, strict=True))
        if x != y
    ]


def same_query(duck: Engine, spark: Engine, **query: Any) -> pa.Table:
    """Run ``query`` on both engines; assert equal results; return DuckDB's."""
    a, b = duck.query(**query), spark.query(**query)
    problems = diff(a, b)
    assert not problems, f"{query}: " + "; ".join(problems[:5])
    return a
