"""Tables and rows to JSON and CSV, with money written exactly.

Decimal values (money is DECIMAL(38,2), ratios exact to 20 decimals) are written as JSON
numbers with exactly their digits, never through a float; NaN and infinities become null. The
writing itself is ``tradestats.exact``, shared with the CLI and the bulletin.

Example:
    >>> import pyarrow as pa
    >>> from decimal import Decimal
    >>> dumps({"v": Decimal("45470000000002.81"), "g": float("nan")})
    '{"v": 45470000000002.81, "g": null}'
    >>> table_csv(pa.table({"partner": ["KOR"], "value_cny": [Decimal("1.50")]}))
    'partner,value_cny\\nKOR,1.50\\n'
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tradestats import exact


def plain(value: Any) -> Any:
    """A JSON-ready value (see ``tradestats.exact``)."""
    return exact.plain(value)


def dumps(doc: Any) -> str:
    """JSON text of ``doc`` (dicts, lists, scalars, Decimals written exactly)."""
    return exact.dumps(doc)


def column_type(t: pa.DataType) -> str:
    """A short JSON-schema-like type name for a column: string, number, integer, boolean."""
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_decimal(t) or pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    return "string"


def columns(table: pa.Table) -> list[dict[str, str]]:
    """``[{"name": ..., "type": ...}]`` for each column of ``table``."""
    return [{"name": f.name, "type": column_type(f.type)} for f in table.schema]


def table_csv(table: pa.Table) -> str:
    """CSV text with a header row; exact decimals, codes as written, empty for NULL."""
    return exact.csv_text(table)
