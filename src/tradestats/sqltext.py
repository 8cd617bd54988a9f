"""SQL string literals for DuckDB, for the few values (paths, codes) that cannot be parameters.

DuckDB takes no parameters in ``SET``, ``COPY ... TO`` or a table function's file list, so a
path goes into the statement's text: every quote is doubled, whatever the path holds (a store
under ``it's data/`` is a store like any other). Backslashes are not special in DuckDB strings.

Example:
    >>> literal("/tmp/it's")
    "'/tmp/it''s'"
    >>> literal_list(["b", "a'"])
    "['a''', 'b']"
    >>> import duckdb
    >>> long = "SELECT repeat('Q', 100000) AS v"
    >>> duckdb.sql(f"SELECT {quoted_sql('v')} FROM ({long})").fetchall()[0][0][-30:]
    "QQQQQQQ…' (100,000 characters)"
"""

from __future__ import annotations

from collections.abc import Iterable

from tradestats.errors import MAX_VALUE


def literal(text: str) -> str:
    """``text`` as one DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"


def literal_list(values: Iterable[str]) -> str:
    """A DuckDB list literal of ``values``, sorted (a stable statement text)."""
    return "[" + ", ".join(literal(v) for v in sorted(values)) + "]"


def quoted_sql(expr: str) -> str:
    """SQL text of the value of ``expr`` quoted for a message, as ``errors.quoted`` does: cut
    to ``MAX_VALUE`` characters, saying how long it was (a 1 MB field is no 1 MB message)."""
    return (
        f"CASE WHEN length({expr}) <= {MAX_VALUE} THEN '''' || {expr} || '''' "
        f"ELSE '''' || left({expr}, {MAX_VALUE}) || '…'' (' || format('{{:,}}', length({expr})) "
        "|| ' characters)' END"
    )
