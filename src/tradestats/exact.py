"""Exact numbers as text: the one writer of JSON and CSV for every front end.

Money is DECIMAL(38,2) and ratios are exact to 20 decimals (``indicators/derive.py``). Both are
written with exactly their digits, never through a float: JSON numbers carry the decimal's
digits, CSV cells the same text. A ratio's trailing zeros are dropped (``10.0``, not
``10.00000000000000000000``); money keeps its cents. NaN and infinities become null / empty.

Example:
    >>> from decimal import Decimal
    >>> dumps({"v": Decimal("45470000000002.81"), "g": Decimal("3.85000000000000000000")})
    '{"v": 45470000000002.81, "g": 3.85}'
    >>> decimal_text(Decimal("10.00000000000000000000")), decimal_text(Decimal("1.50"))
    ('10.0', '1.50')
    >>> csv_text(pa.table({"partner": ["KOR"], "value_cny": [Decimal("1.50")]}))
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
_MARKED = re.compile(r'"(?:\\u0001|\u0001)DEC:(-?[0-9.]+)"')
KEPT_DECIMALS = 3  # money (2) and quantities (3) keep every decimal; longer ones are trimmed


def decimal_text(value: decimal.Decimal) -> str:
    """The decimal's exact digits in plain notation; trailing zeros beyond the third decimal
    dropped (at least one decimal kept)."""
    text = format(value, "f")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > KEPT_DECIMALS:
        text = text.rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def plain(value: Any) -> Any:
    """A JSON-ready value; decimals marked so that :func:`dumps` writes them as exact numbers."""
    if isinstance(value, decimal.Decimal):
        return _MARK + decimal_text(value) if value.is_finite() else None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def dumps(doc: Any, *, ensure_ascii: bool = False, indent: int | None = None) -> str:
    """JSON text of ``doc`` (dicts, lists, scalars, Decimals written exactly)."""
    text = json.dumps(plain(doc), ensure_ascii=ensure_ascii, allow_nan=False, indent=indent)
    return _MARKED.sub(r"\1", text)


def cell_text(value: Any) -> str:
    """One CSV cell: exact decimals, floats by their repr, dates in ISO, empty for NULL."""
    if value is None:
        return ""
    if isinstance(value, decimal.Decimal):
        return decimal_text(value) if value.is_finite() else ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def csv_text(table: pa.Table) -> str:
    """CSV text with a header row; exact decimals, codes as written, empty for NULL."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([cell_text(v) for v in row.values()])
    return buf.getvalue()
