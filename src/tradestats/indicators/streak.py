"""Growth streaks: consecutive months or quarters with yoy > 0, ending at the reporting period.

The heavy part (monthly sums per breakdown key over every month in the store) is one
aggregate over a cube (``plan.monthly``); the walk back over a few dozen buckets per key is
done in Python.

A bucket's yoy counts only when the bucket and the same bucket a year earlier are complete in
the store (all months present); the walk stops at the first bucket whose yoy is not > 0 or
cannot be computed. The streak is NULL when the final bucket's yoy cannot be computed; when it
runs back to the first computable bucket it is a lower bound.

Example:
    >>> v = {"2024-Q1": 5, "2024-Q2": 5, "2025-Q1": 4, "2025-Q2": 6}
    >>> walk_back(v, "2025-Q2", "quarter")
    1
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from tradestats.errors import BadParameter
from tradestats.indicators.periods import Period, quarter_of
from tradestats.indicators.query import Grain, Query


def end_bucket(period: Period, grain: Grain) -> str:
    """The last month or quarter of ``period``; quarters must end on a quarter end."""
    last = period.months()[-1]
    if grain is Grain.MONTH:
        return last
    if int(last[5:7]) % 3:
        raise BadParameter(
            "grain",
            f"a quarterly streak needs a period ending at a quarter end, not {period.label}",
            hint="use grain month, or a period such as 2025 or 2025-Q3",
        )
    return quarter_of(last)


def buckets(monthly: Mapping[str, Decimal], available: set[str], grain: Grain) -> dict[str, Any]:
    """Complete buckets -> value (a missing month with data elsewhere counts as 0)."""
    if grain is Grain.MONTH:
        return {m: monthly.get(m, Decimal(0)) for m in available}
    months_in: dict[str, list[str]] = defaultdict(list)
    for m in available:
        months_in[quarter_of(m)].append(m)
    return {
        qt: sum((monthly.get(m, Decimal(0)) for m in ms), Decimal(0))
        for qt, ms in months_in.items()
        if len(ms) == 3
    }


def _year_before(bucket: str) -> str:
    return f"{int(bucket[:4]) - 1}{bucket[4:]}"


def _step_back(bucket: str, grain: str) -> str:
    y, rest = int(bucket[:4]), bucket[5:]
    n = int(rest[1:]) if grain == "quarter" else int(rest)
    if n > 1:
        return f"{y}-Q{n - 1}" if grain == "quarter" else f"{y}-{n - 1:02d}"
    return f"{y - 1}-Q4" if grain == "quarter" else f"{y - 1}-12"


def walk_back(values: Mapping[str, Any], end: str, grain: str) -> int | None:
    """Count buckets with value > year-earlier value > 0, walking back from ``end``."""
    count, bucket = 0, end
    while True:
        before = _year_before(bucket)
        if bucket not in values or before not in values:
            return None if count == 0 and bucket == end else count
        if not (values[before] > 0 and values[bucket] > values[before]):
            return count
        count += 1
        bucket = _step_back(bucket, grain)


def streaks(rows: list[dict[str, Any]], keys: list[str], available: list[str], q: Query,
            end: str) -> dict[tuple[Any, ...], int | None]:  # fmt: skip
    """Per key tuple: the streak, from the monthly aggregate rows."""
    per_key: dict[tuple[Any, ...], dict[str, Decimal]] = defaultdict(dict)
    for r in rows:
        per_key[tuple(r[k] for k in keys)][r["period"]] = r["_v"] or Decimal(0)
    out = {}
    for key, monthly in per_key.items():
        values = buckets(monthly, set(available), q.grain)
        out[key] = walk_back(values, end, q.grain.value)
    return out
