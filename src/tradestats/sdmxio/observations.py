"""A query result as SDMX observations: one per row and measure, every field as text.

Breakdown columns fill the dimensions they name (partner or partner_group -> PARTNER, hs2 ..
hs8, hs_section, product_group -> COMMODITY, flow -> FLOW, reporter -> REPORTER, month,
quarter or year -> TIME_PERIOD); what the table lacks comes from ``About`` (the query's flow,
period and reporter), else the "all" code ``_T``. A breakdown the structure has no dimension for
(enterprise type, trade mode, region ...) is refused rather than silently summed over.
Values keep their exact decimal text; a null is ``NaN`` with OBS_STATUS ``M``.

Example:
    >>> import pyarrow as pa
    >>> from decimal import Decimal
    >>> t = pa.table({"partner": ["USA"], "value_cny": [Decimal("12.50")]})
    >>> observations(t, About(flow="export", period="2025-03"))[0]["OBS_VALUE"]
    '12.50'
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from tradestats.errors import UsageError
from tradestats.sdmxio.structure import ADJUSTED_SUFFIXES, FLOW_CODES, MEASURE_UNITS

PARTNER_COLS = ("partner", "partner_group")
COMMODITY_COLS = ("hs2", "hs4", "hs6", "hs8", "hs_section", "product_group")
TIME_COLS = ("month", "quarter", "year", "period")  # period: a question of several periods
CONF_COLS = ("conf_status", "confidential", "flag")  # flag: disclosure control's c


@dataclass(frozen=True)
class About:
    """What a result does not carry in its columns: the query's flow, period, reporter, and
    the one partner or product it is filtered to (``_T``: all)."""

    flow: str = "total"
    period: str = ""
    reporter: str = "_Z"
    unit: str = "_Q"  # unit of a quantity when the table has no unit column
    partner: str = "_T"
    commodity: str = "_T"


def time_period(label: str) -> tuple[str, str]:
    """(FREQ, TIME_PERIOD) of a tradestats period label.

    >>> time_period("2025-Q2"), time_period("2025-01..2025-11"), time_period("2025-H1")
    (('Q', '2025-Q2'), ('_O', '2025-01-01/P11M'), ('S', '2025-S1'))
    """
    if re.fullmatch(r"\d{4}", label):
        return "A", label
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return "M", label
    if m := re.fullmatch(r"(\d{4})-?Q([1-4])", label):
        return "Q", f"{m[1]}-Q{m[2]}"
    if m := re.fullmatch(r"(\d{4})-?H([12])", label):
        return "S", f"{m[1]}-S{m[2]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", label):
        n = (int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1
        return "_O", f"{m[1]}-{m[2]}-01/P{n}M"
    raise UsageError(f"period {label!r} has no SDMX time format", hint="resolve YTD first")


def _text(v: Any) -> str:
    if v is None:
        return "NaN"
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v) if v == v else "NaN"
    return str(v)


def _first(cols: list[str], wanted: tuple[str, ...], what: str) -> str | None:
    found = [c for c in cols if c in wanted]
    if len(found) > 1:
        raise UsageError(f"SDMX has one {what} dimension; the table has {', '.join(found)}")
    return found[0] if found else None


def measure_of(column: str) -> tuple[str, str] | None:
    """(measure, ADJUSTMENT code) of a result column, None when it is no measure.

    >>> measure_of("value_cny"), measure_of("value_cny_sa"), measure_of("partner")
    (('value_cny', 'N'), ('value_cny', 'Y'), None)
    """
    if column in MEASURE_UNITS:
        return column, "N"
    for suffix, code in ADJUSTED_SUFFIXES.items():
        base = column.removesuffix(suffix)
        if base != column and base in MEASURE_UNITS:
            return base, code
    return None


def _conf_code(flag: Any) -> str:
    """CONF_STATUS of a row: ``C`` for disclosure control's flag ``c`` (or True), ``F`` free.

    >>> _conf_code("c"), _conf_code(""), _conf_code(None), _conf_code("D")
    ('C', 'F', 'F', 'D')
    """
    if flag is True or flag == "c":
        return "C"
    return str(flag) if flag not in (None, False, "") else "F"


def observations(table: pa.Table, about: About) -> list[dict[str, str]]:
    """One dict per observation: the dimensions, OBS_VALUE and the attributes, as text."""
    cols = table.column_names
    measures = [c for c in cols if measure_of(c) is not None]
    if not measures:
        raise UsageError("the table has no measure SDMX can carry", hint=", ".join(MEASURE_UNITS))
    known = {*measures, *PARTNER_COLS, *COMMODITY_COLS, *TIME_COLS, *CONF_COLS, "flow",
             "reporter", "unit"}  # fmt: skip
    other = [c for c in cols if c not in known]
    if other:
        raise UsageError(
            f"the SDMX structure has no dimension for {', '.join(other)}",
            hint="break down by partner, product, flow, reporter or time only",
        )
    partner = _first(cols, PARTNER_COLS, "partner")
    commodity = _first(cols, COMMODITY_COLS, "commodity")
    time_col = _first(cols, TIME_COLS, "time")
    conf = _first(cols, CONF_COLS, "confidentiality")
    out = []
    for row in table.to_pylist():
        label = row[time_col] if time_col else about.period
        freq, period = time_period(str(label))
        flow = row.get("flow") or about.flow
        base = {
            "FREQ": freq,
            "REPORTER": row.get("reporter") or about.reporter,
            "PARTNER": (row[partner] if partner else None) or about.partner,
            "FLOW": FLOW_CODES.get(flow, flow),
            "COMMODITY": (row[commodity] if commodity else None) or about.commodity,
        }
        flag = row.get(conf) if conf else None
        conf_code = _conf_code(flag)
        for column in measures:
            m, adjustment = measure_of(column) or (column, "N")
            unit = MEASURE_UNITS[m]
            if unit == "_Q":
                unit = row.get("unit") or about.unit
            value = row[column]
            out.append(
                {**base, "MEASURE": m.upper(), "ADJUSTMENT": adjustment, "TIME_PERIOD": period,
                 "OBS_VALUE": _text(value),
                 "UNIT_MEASURE": unit, "OBS_STATUS": "M" if value is None else "A",
                 "CONF_STATUS": conf_code}
            )  # fmt: skip
    return out
