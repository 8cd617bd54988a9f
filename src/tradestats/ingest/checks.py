"""Checks that need all of an ingest's rows at once: duplicates, within it and against the store.

Exact duplicates are rows equal in every canonical column (NULLs equal). The 64-bit hashes in the
keys file find the few candidate groups cheaply; the candidates' rows are then compared column by
column, so a hash collision can never quarantine a row. Duplicates leave the staged period files
(which are rewritten without them) and join the rejected rows, naming the row they repeat.

Example:
    >>> quarantine_duplicates(workspace, ["a.csv"])    # doctest: +SKIP
    2
"""

from __future__ import annotations

import os
from pathlib import Path

from tradestats.ingest.staging import Workspace
from tradestats.records import COLUMN_NAMES, COLUMNS
from tradestats.sqltext import literal

CANONICAL = ", ".join(COLUMN_NAMES)
# Staged files sit under out/period=P/: the folder name must never retype the period column.
NO_HIVE = "hive_partitioning = false"


def _staged(ws: Workspace) -> str:
    """A relation of the staged rows with their period and position in the period file."""
    listed = "[" + ", ".join(literal(str(f.path)) for f in ws.periods.values()) + "]"
    return f"(SELECT * FROM read_parquet({listed}, file_row_number = true, {NO_HIVE}))"


def _source_names(sources: list[str]) -> str:
    return "[" + ", ".join(literal(s) for s in sources) + "]"


REMOVED = """CREATE TABLE IF NOT EXISTS removed
    (period VARCHAR, _row BIGINT, _src INTEGER, _line BIGINT, reason VARCHAR)"""


def find_duplicates(ws: Workspace, sources: list[str]) -> int:
    """Mark all but the first of identical rows for removal. Returns how many."""
    ws.con.execute(REMOVED)
    keys = literal(str(ws.folder / "keys.parquet"))
    ws.con.execute(
        f"""CREATE OR REPLACE TEMP TABLE cand AS
        SELECT * FROM read_parquet({keys}, {NO_HIVE})
        WHERE _h IN (SELECT _h FROM read_parquet({keys}, {NO_HIVE})
                     GROUP BY _h HAVING count(*) > 1)"""
    )
    if ws.count("cand") == 0:
        return 0
    before = ws.count("removed")
    ws.con.execute(
        f"""INSERT INTO removed
        WITH rows AS (
            SELECT c._src, c._line, c._row, s.*
            FROM cand c JOIN {_staged(ws)} s
              ON s.period = c.period AND s.file_row_number = c._row),
        ranked AS (
            SELECT *, first_value(_src) OVER w AS first_src,
                   first_value(_line) OVER w AS first_line, row_number() OVER w AS n
            FROM rows WINDOW w AS (PARTITION BY {CANONICAL} ORDER BY _src, _line))
        SELECT period, _row, _src, _line,
               'duplicate of ' || CASE WHEN first_src = _src THEN 'line ' || first_line
                   ELSE {_source_names(sources)}[first_src + 1] || ':' || first_line END AS reason
        FROM ranked WHERE n > 1"""
    )
    return ws.count("removed") - before


def _stored_join(ws: Workspace, stored: list[Path]) -> tuple[str, str]:
    """The stored files as a relation ``o``, and the condition that a staged row ``s`` equals
    one of them in every canonical column (NULLs equal)."""
    listed = "[" + ", ".join(literal(str(f)) for f in stored) + "]"
    # Files written before a column was added lack it: there it is NULL.
    present = {r[0] for r in ws.con.execute(
        f"DESCRIBE SELECT * FROM read_parquet({listed}, union_by_name = true, {NO_HIVE})"
    ).fetchall()}  # fmt: skip
    same = " AND ".join(
        f"s.{c} IS NOT DISTINCT FROM o.{c}" if c in present else f"s.{c} IS NULL"
        for c in COLUMN_NAMES
    )
    relation = f"read_parquet({listed}, filename = true, union_by_name = true, {NO_HIVE}) o"
    return relation, same


def find_stored_duplicates(ws: Workspace, stored: list[Path]) -> int:
    """Mark incoming rows identical to a row already stored (for --append). Returns how many."""
    ws.con.execute(REMOVED)
    if not stored or not ws.periods:
        return 0
    before = ws.count("removed")
    keys = literal(str(ws.folder / "keys.parquet"))
    relation, same = _stored_join(ws, stored)
    ws.con.execute(
        f"""INSERT INTO removed
        WITH hits AS (
            SELECT s.period, s.file_row_number AS _row,
                   min(split_part(parse_filename(o.filename), '-', 1)) AS batch
            FROM {_staged(ws)} s JOIN {relation} ON {same}
            GROUP BY ALL)
        SELECT h.period, h._row, k._src, k._line,
               'duplicate of a row already stored in batch ' || h.batch AS reason
        FROM hits h JOIN read_parquet({keys}, {NO_HIVE}) k
          ON k.period = h.period AND k._row = h._row
        WHERE (h.period, h._row) NOT IN (SELECT period, _row FROM removed)"""
    )
    return ws.count("removed") - before


def any_duplicates(ws: Workspace) -> bool:
    """True when two staged rows may be equal (their hashes over every column are equal).

    Used where the rows' lines are not known (the direct route): a hit sends the ingest to the
    route that compares the candidates exactly and names their lines.
    """
    if not ws.periods:
        return False
    hit = ws.con.execute(
        f"""SELECT 1 FROM (SELECT hash({CANONICAL}) AS h FROM {_staged(ws)})
        GROUP BY h HAVING count(*) > 1 LIMIT 1"""
    ).fetchall()
    return bool(hit)


def any_stored_duplicates(ws: Workspace, stored: list[Path]) -> bool:
    """True when a staged row equals a row already stored (for --append, direct route)."""
    if not stored or not ws.periods:
        return False
    relation, same = _stored_join(ws, stored)
    hit = ws.con.execute(f"SELECT 1 FROM {_staged(ws)} s JOIN {relation} ON {same} LIMIT 1")
    return bool(hit.fetchall())


def remove_found(ws: Workspace) -> int:
    """Move the rows marked in ``removed`` from their period files to ``rej``."""
    ws.con.execute(REMOVED)
    n = ws.count("removed")
    if n == 0:
        return 0
    as_text = ", ".join(f"CAST(s.{c} AS VARCHAR)" for c in COLUMN_NAMES)
    ws.con.execute(
        f"""INSERT INTO rej
        SELECT r._src, r._line, 'duplicate', r.reason, s.value_cny, s.value_usd, {as_text}, NULL
        FROM removed r JOIN {_staged(ws)} s
          ON s.period = r.period AND s.file_row_number = r._row"""
    )
    periods = [p for (p,) in ws.con.execute("SELECT DISTINCT period FROM removed").fetchall()]
    for period in periods:
        _rewrite_without(ws, period)
    return n


def _rewrite_without(ws: Workspace, period: str) -> None:
    """Rewrite one staged period file without its removed rows."""
    path = ws.periods[period].path
    tmp = path.with_name("rewrite.parquet")
    casts = ", ".join(f"CAST({c.name} AS {c.sql_type}) AS {c.name}" for c in COLUMNS)
    ws.con.execute(
        f"""COPY (SELECT {casts}
            FROM read_parquet({literal(str(path))}, file_row_number = true, {NO_HIVE})
            WHERE file_row_number NOT IN
              (SELECT _row FROM removed WHERE period = {literal(period)})
            ORDER BY file_row_number)
        TO {literal(str(tmp))} (FORMAT parquet, COMPRESSION zstd)"""
    )
    os.replace(tmp, path)
