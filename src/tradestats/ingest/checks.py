"""Checks that need all of an ingest's rows at once: duplicates and periods already stored.

Example:
    >>> n = quarantine_duplicates(workspace, ["a.csv"])     # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from tradestats.ingest.staging import TYPED, Workspace
from tradestats.records import COLUMN_NAMES

# Exact duplicates: equal in every canonical column (NULLs equal). A 64-bit hash finds the few
# candidate groups cheaply; the window over the candidates then compares the columns exactly.
_SAME_ROW = "PARTITION BY " + ", ".join(COLUMN_NAMES)


def _move_to_rej(ws: Workspace, view: str) -> int:
    """Move the rows of ``view`` (columns _src, _line, reason) from ``acc`` to ``rej``."""
    moved = ws.count(view)
    if not moved:
        return 0
    ws.con.execute(
        f"""INSERT INTO rej
        SELECT a._src, a._line, 'duplicate', d.reason, a.value_cny, a.value_usd,
               {", ".join(f"CAST(a.{c} AS VARCHAR)" for c in COLUMN_NAMES)}, NULL
        FROM acc a JOIN {view} d USING (_src, _line)"""
    )
    ws.con.execute(f"DELETE FROM acc WHERE (_src, _line) IN (SELECT _src, _line FROM {view})")
    return moved


def quarantine_duplicates(ws: Workspace, sources: list[str]) -> int:
    """Keep the first of identical rows; quarantine the others, naming the first. Returns count."""
    names = "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in sources) + "]"
    ws.con.execute(
        f"""CREATE OR REPLACE TEMP TABLE dup AS
        WITH h AS (SELECT hash({TYPED}) AS h FROM acc GROUP BY 1 HAVING count(*) > 1),
        cand AS (
            SELECT _src, _line,
                   first_value(_src) OVER w AS first_src,
                   first_value(_line) OVER w AS first_line,
                   row_number() OVER w AS n
            FROM acc WHERE hash({TYPED}) IN (SELECT h FROM h)
            WINDOW w AS ({_SAME_ROW} ORDER BY _src, _line)
        )
        SELECT _src, _line,
               'duplicate of ' || CASE WHEN first_src = _src THEN 'line ' || first_line
                   ELSE {names}[first_src + 1] || ':' || first_line END AS reason
        FROM cand WHERE n > 1"""
    )
    return _move_to_rej(ws, "dup")


def quarantine_stored_duplicates(ws: Workspace, files: list[Path], batch_of: dict[str, str]) -> int:
    """Quarantine incoming rows identical to a row already stored (for --append)."""
    if not files:
        return 0
    listed = "[" + ", ".join(f"'{f}'" for f in files) + "]"
    on = " AND ".join(f"a.{c} IS NOT DISTINCT FROM s.{c}" for c in COLUMN_NAMES)
    ws.con.execute(
        "CREATE OR REPLACE TEMP TABLE stored_files AS SELECT * FROM (VALUES "
        + ", ".join(f"('{f}', '{b}')" for f, b in batch_of.items())
        + ") t(filename, batch)"
    )
    ws.con.execute(
        f"""CREATE OR REPLACE TEMP TABLE sdup AS
        SELECT a._src, a._line,
               'duplicate of a row already stored in batch ' || min(b.batch) AS reason
        FROM acc a
        JOIN read_parquet({listed}, filename = true) s ON {on}
        JOIN stored_files b ON b.filename = s.filename
        GROUP BY a._src, a._line"""
    )
    return _move_to_rej(ws, "sdup")


def incoming_periods(ws: Workspace) -> list[str]:
    rows = ws.con.execute("SELECT DISTINCT period FROM acc ORDER BY 1").fetchall()
    return [r[0] for r in rows]
