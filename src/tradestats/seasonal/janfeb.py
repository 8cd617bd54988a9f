"""January and February compared together, as China's customs publishes them.

Because the Spring Festival falls in January one year and in February the next, the
year-on-year growth of January alone or February alone swings with the calendar; the sum of
the two months does not. The table shows, for each year, the festival date, the raw months,
their sum, the three year-on-year growth rates, and the same sum after seasonal and calendar
adjustment. Sums of raw values are exact (Decimal); growth is a ratio of exact sums.

Example:
    >>> from decimal import Decimal as D
    >>> months = ["2024-01", "2024-02", "2025-01", "2025-02"]
    >>> t = jan_feb_table(months, [D("100"), D("80"), D("90"), D("108")])
    >>> t.column("jan_feb").to_pylist()
    [Decimal('180'), Decimal('198')]
    >>> t.column("yoy_jan_feb_pct").to_pylist()
    [None, 10.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pyarrow as pa

from tradestats.seasonal.calendar_effects import spring_festival


def _growth(cur: Decimal | float | None, prev: Decimal | float | None) -> float | None:
    """Year-on-year growth in percent; None on a missing or zero base."""
    if cur is None or prev is None or prev == 0:
        return None
    return float((Fraction(cur) / Fraction(prev) - 1) * 100)


def jan_feb_table(
    months: Sequence[str], values: Sequence[Decimal | int], sa: np.ndarray | None = None
) -> pa.Table:
    """One row per year with both January and February in ``months``."""
    by_month = dict(zip(months, values, strict=True))
    sa_by = dict(zip(months, sa, strict=True)) if sa is not None else {}
    years = sorted({int(m[:4]) for m in months})
    rows = []
    prev: dict[str, object] = {}
    for year in years:
        jan, feb = by_month.get(f"{year}-01"), by_month.get(f"{year}-02")
        if jan is None or feb is None:
            prev = {}
            continue
        both = Decimal(jan) + Decimal(feb)
        sa_both = None
        if sa_by:
            sa_both = float(sa_by[f"{year}-01"] + sa_by[f"{year}-02"])
        rows.append(
            {
                "year": str(year),
                "spring_festival": spring_festival(year).isoformat(),
                "jan": Decimal(jan),
                "feb": Decimal(feb),
                "jan_feb": both,
                "yoy_jan_pct": _growth(Decimal(jan), prev.get("jan")),  # type: ignore[arg-type]
                "yoy_feb_pct": _growth(Decimal(feb), prev.get("feb")),  # type: ignore[arg-type]
                "yoy_jan_feb_pct": _growth(both, prev.get("both")),  # type: ignore[arg-type]
                "sa_jan_feb": sa_both,
                "sa_yoy_jan_feb_pct": _growth(sa_both, prev.get("sa")),  # type: ignore[arg-type]
            }
        )
        prev = {"jan": Decimal(jan), "feb": Decimal(feb), "both": both, "sa": sa_both}
    if not sa_by:
        rows = [{k: v for k, v in r.items() if not k.startswith("sa_")} for r in rows]
    return pa.Table.from_pylist(rows)
