"""Where a staged row came from: its source file and line.

The checked route keeps, for every accepted row, its source and line in the work space's keys
file, by position in the period file as first written; duplicates removed afterwards shift
the positions, which ``removed`` records. The direct route (one clean CSV file, every data line
one row, no blank line) keeps no keys: a listed row's line is found by reading the file again,
numbering its rows and matching each listed row by a hash of all its canonical columns (the
route proved no two rows equal).

Example:
    >>> old_position(5, [1, 3])   # rows 1 and 3 were removed: new row 5 was row 7
    7
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from tradestats.records import COLUMN_NAMES, COLUMNS


def old_position(new: int, removed: list[int]) -> int:
    """The position a row had before the (sorted) ``removed`` positions were taken out."""
    old = new
    for r in removed:
        if r <= old:
            old += 1
        else:
            break
    return old


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def checked_lines(
    con: duckdb.DuckDBPyConnection, folder: Path, wanted: dict[str, list[int]]
) -> dict[tuple[str, int], tuple[int, int]]:
    """(period, position) -> (source index, line), from the keys file and removed rows."""
    keys = folder / "keys.parquet"
    out: dict[tuple[str, int], tuple[int, int]] = {}
    if not keys.is_file() or not wanted:
        return out
    has_removed = bool(
        con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'removed'").fetchall()[
            0
        ][0]
    )
    asked = []
    for period, positions in wanted.items():
        gone = []
        if has_removed:
            gone = sorted(r for (r,) in con.execute(
                "SELECT _row FROM removed WHERE period = ?", [period]).fetchall())  # fmt: skip
        for pos in positions:
            asked.append((period, pos, old_position(pos, gone)))
    con.register("_asked", _table(asked))
    try:
        rows = con.execute(
            f"""SELECT a.period, a.pos, k._src, k._line FROM _asked a
            JOIN read_parquet({_quote(str(keys))}, hive_partitioning = false) k
              ON k.period = a.period AND k._row = a.old"""
        ).fetchall()
    finally:
        con.unregister("_asked")
    for period, pos, src, line in rows:
        out[(period, int(pos))] = (int(src), int(line))
    return out


def _table(asked: list[tuple[str, int, int]]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "period": pa.array([a[0] for a in asked], pa.string()),
            "pos": pa.array([a[1] for a in asked], pa.int64()),
            "old": pa.array([a[2] for a in asked], pa.int64()),
        }
    )


def direct_lines(con: duckdb.DuckDBPyConnection, path: Path, hashes: list[int]) -> dict[int, int]:
    """Row hash -> line in the one CSV file of a direct-route ingest (header is line 1)."""
    from tradestats.delimited.sniff import sniff
    from tradestats.delimited.sql import as_written, read_sql

    if not hashes:
        return {}
    typed = ", ".join(f"CAST({as_written(c.name)} AS {c.sql_type}) AS {c.name}" for c in COLUMNS)
    import pyarrow as pa

    con.register("_wanted", pa.table({"h": pa.array(hashes, pa.uint64())}))
    try:
        rows = con.execute(
            f"""WITH raw AS (SELECT row_number() OVER () AS _n, * FROM {read_sql(sniff(path))}),
            typed AS (SELECT _n, {typed} FROM raw)
            SELECT hash({", ".join(COLUMN_NAMES)}) AS h, _n + 1 AS line FROM typed
            WHERE hash({", ".join(COLUMN_NAMES)}) IN (SELECT h FROM _wanted)"""
        ).fetchall()
    finally:
        con.unregister("_wanted")
    return {int(h): int(line) for h, line in rows}
