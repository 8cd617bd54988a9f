"""SQL string literals for DuckDB, for the few values (paths, codes) that cannot be parameters.

DuckDB takes no parameters in ``SET``, ``COPY ... TO`` or a table function's file list, so a
path goes into the statement's text: every quote is doubled, whatever the path holds (a store
under ``it's data/`` is a store like any other). Backslashes are not special in DuckDB strings.

Example:
    >>> literal("/tmp/it's")
    "'/tmp/it''s'"
    >>> literal_list(["b", "a'"])
    "['a''', 'b']"
"""

from __future__ import annotations

from collections.abc import Iterable


def literal(text: str) -> str:
    """``text`` as one DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"


def literal_list(values: Iterable[str]) -> str:
    """A DuckDB list literal of ``values``, sorted (a stable statement text)."""
    return "[" + ", ".join(literal(v) for v in sorted(values)) + "]"
