"""DuckDB SQL over a sniffed delimited file: every field as text under its canonical column name,
and a field's value as written. The ingest's fast lane and the credibility review (which finds
a listed row's line in the file again) read files the same way through these.

Example:
    >>> as_written("enterprise_id"), as_written("flow")
    ("NULLIF(trim(enterprise_id), '')", "NULLIF(flow, '')")
"""

from __future__ import annotations

from tradestats.delimited.sniff import Sniffed
from tradestats.records import COLUMN_NAMES
from tradestats.sqltext import literal

FREE_TEXT = ("enterprise_id", "transport_mode")  # trimmed; every other field is a code


def read_sql(s: Sniffed) -> str:
    """DuckDB's CSV reader over ``s``, every field as text, with the canonical column names."""
    names = [f"c{i}" for i in range(len(s.header))]
    columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}"
    position = {h: n for h, n in zip(s.header, names, strict=True)}
    select = ", ".join(
        f"{position[c]} AS {c}" if c in position else f"NULL::VARCHAR AS {c}" for c in COLUMN_NAMES
    )
    return f"""(SELECT {select} FROM read_csv({literal(str(s.path))}, header = true,
        auto_detect = false, delim = {literal(s.delimiter)}, quote = '"', escape = '"',
        columns = {columns}, strict_mode = true, null_padding = false, encoding = 'utf-8'))"""


def as_written(col: str) -> str:
    """A fast-lane row's value of ``col``: as written, '' as NULL (free text trimmed)."""
    return f"NULLIF(trim({col}), '')" if col in FREE_TEXT else f"NULLIF({col}, '')"
