"""Tables and rows to JSON and CSV, with money written exactly.

Decimal values (money is DECIMAL(38,2)) are written as JSON numbers with exactly their digits,
never through a float; NaN and infinities become null.

Example:
    >>> import pyarrow as pa
    >>> from decimal import Decimal
    >>> dumps({"v": Decimal("45470000000002.81"), "g": float("nan")})
    '{"v": 45470000000002.81, "g": null}'
    >>> table_csv(pa.table({"partner": ["KOR"], "value_cny": [Decimal("1.50")]}))
    'partner,value_cny\\nKOR,1.50\\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import math
import re
from typing import Any

import pyarrow as pa

_MARK = "\u0001DEC:"
_MARKED = re.compile(r'"\\u0001DEC:(-?[0-9.]+)"')


def plain(value: Any) -> Any:
    """A JSON-ready value; decimals marked so :func:`dumps` writes them as exact numbers."""
    if isinstance(value, decimal.Decimal):
        return _MARK + format(value, "f") if value.is_finite() else None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def dumps(doc: Any) -> str:
    """JSON text of ``doc`` (dicts, lists, scalars, Decimals)."""
    return _MARKED.sub(r"\1", json.dumps(plain(doc), ensure_ascii=False, allow_nan=False))


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


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return value


def table_csv(table: pa.Table) -> str:
    """CSV text with a header row; exact decimals, codes as written, empty for NULL."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([_cell(v) for v in row.values()])
    return buf.getvalue()
