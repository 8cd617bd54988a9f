"""Result tables as people read them: the one presentation of figures for tables.

A money column gets one scale for all its rows (billion yuan in English, 亿元 in Chinese), chosen
from its largest value and said in the header; money and ratios are rounded half-up to the
published precision (money 2 decimals, 亿元 1; percent and percentage points 1); counts and
quantities are exact, with thousands separators in English. Columns that are not measures are
shown as they are. The bulletin's tables, the CLI's ``--format table`` and any other human view
use these functions; machine formats (CSV, JSON, Parquet) keep the exact values.

Example:
    >>> import pyarrow as pa
    >>> from decimal import Decimal
    >>> shown = present(pa.table({"partner": ["KOR"], "value_cny": [Decimal("4522028763903.32")],
    ...                           "yoy_pct": [10.823339842713104], "records": [188797]}))
    >>> shown.headers
    ['Partner', 'Value (billion yuan)', 'Year on year (%)', 'Records']
    >>> shown.rows
    [['KOR', '4,522.03', '10.8', '188,797']]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyarrow as pa

from tradestats.bulletin import rounding as r
from tradestats.bulletin.labels import (
    SERIES_SUFFIXES,
    confidential_note,
    dim_header,
    measure_header,
    series_header,
)

FLAG = "c"  # disclosure control's flag (tradestats.disclosure.FLAG)
FLAG_COLUMN = "flag"

MONEY = {"value_cny": "CNY", "value_usd": "USD", "value_eur": "EUR", "value_cif_usd": "USD",
         "value_fob_usd": "USD"}  # fmt: skip
RATIOS = {"yoy_pct": "percent", "share_pct": "percent", "share_change_pp": "pp",
          "contribution_pp": "pp", "coverage_pct": "percent", "quantity_yoy_pct": "percent",
          "unit_value_yoy_pct": "percent", "mirror_ratio_pct": "percent",
          "mirror_gap_pct": "percent"}  # fmt: skip
COUNTS = frozenset(
    {"records", "enterprises", "partners", "partners_growing", "growth_streak", "rank",
     "items_matched", "items_trimmed"}
)  # fmt: skip
EXACT = frozenset({"quantity", "net_weight_kg"})  # quantities keep their digits
UNIT_VALUES = frozenset({"unit_value"})  # money per unit: 2 decimals, half-up
# Index numbers (base = 100) of tradestats.indices, published to 1 decimal as customs do.
INDEXES = frozenset({"price_index", "volume_index", "value_index", "terms_of_trade"})
MEASURES = frozenset({*MONEY, *RATIOS, *COUNTS, *EXACT, *INDEXES, *UNIT_VALUES})


def column_scale(measure: str, values: Sequence[Any], lang: str) -> tuple[Decimal, str]:
    """The scale and unit words of a column: one for all its rows (``(1, "")`` unless money).

    >>> column_scale("value_usd", [Decimal("6.3e12"), Decimal("2e9")], "en")
    (Decimal('1000000000'), 'billion US dollars')
    """
    if measure in MONEY:
        return r.table_scale(list(values), lang, MONEY[measure])
    return Decimal(1), ""


def cell_text(measure: str, value: Any, lang: str, scale: Decimal, missing: str = "—") -> str:
    """One cell of a measure's column, rounded and separated as published.

    >>> cell_text("share_change_pp", -0.071336, "en", Decimal(1))
    '-0.1'
    >>> cell_text("records", 188797, "zh", Decimal(1))
    '188797'
    """
    if value is None:
        return missing
    if measure in MONEY:
        return r.table_money(value, lang, scale)
    if measure in RATIOS or measure in INDEXES:
        return str(r.round_half_up(value, 1))
    if measure in UNIT_VALUES:
        value = r.round_half_up(value, 2)
    if lang == "en" and isinstance(value, int | Decimal):
        return r.grouped(r.exact(value))
    return str(value)


def adjusted_of(name: str) -> tuple[str, str] | None:
    """``(measure, suffix)`` for a seasonally adjusted or trend column (``value_cny_sa``).

    >>> adjusted_of("value_cny_trend"), adjusted_of("partner_name")
    (('value_cny', '_trend'), None)
    """
    for suffix in SERIES_SUFFIXES:
        base = name.removesuffix(suffix)
        if base != name and base in MEASURES:
            return base, suffix
    return None


def adjusted_text(measure: str, value: Any, lang: str, scale: Decimal, missing: str = "—") -> str:
    """A cell of an adjusted series: money as its measure's; other flows (records, quantities)
    rounded half-up to whole units, as an adjusted count is an estimate.

    >>> adjusted_text("records", 1234.5, "en", Decimal(1))
    '1,235'
    """
    if value is None or measure in MONEY:
        return cell_text(measure, value, lang, scale, missing)
    whole = r.round_half_up(r.exact(value), 0)
    return r.grouped(whole) if lang == "en" else str(whole)


@dataclass(frozen=True)
class Presented:
    """A table as text: headers, rows of cell texts, and which columns hold numbers."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    units: dict[str, str]
    scales: dict[str, Decimal] = field(default_factory=dict)  # money columns: shown = value / it
    notes: list[str] = field(default_factory=list)  # footnotes the cells call for (``c``)


def _numeric(t: pa.DataType) -> bool:
    return pa.types.is_integer(t) or pa.types.is_decimal(t) or pa.types.is_floating(t)


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def present(table: pa.Table, lang: str = "en", missing: str = "") -> Presented:
    """``table`` (an engine result, or any table) with its measure columns presented and its
    headers in words; other columns as they are (``missing`` for NULL)."""
    names = table.column_names
    units: dict[str, str] = {}
    scales: dict[str, Decimal] = {}
    columns: list[list[str]] = []
    headers: list[str] = []
    for name in names:
        values = table.column(name).to_pylist()
        adjusted = adjusted_of(name)
        if name in MEASURES:
            scale, unit = column_scale(name, values, lang)
            units[name], scales[name] = unit, scale
            columns.append([cell_text(name, v, lang, scale, missing) for v in values])
            headers.append(measure_header(name, lang, unit))
        elif adjusted is not None:
            base, suffix = adjusted
            scale, unit = column_scale(base, values, lang)
            units[name], scales[name] = unit, scale
            columns.append([adjusted_text(base, v, lang, scale, missing) for v in values])
            headers.append(series_header(base, suffix, lang, unit))
        else:
            columns.append([_plain(v) for v in values])
            headers.append(dim_header(name, lang))
    numeric = [
        name in MEASURES or adjusted_of(name) is not None or _numeric(table.schema.field(name).type)
        for name in names
    ]
    notes = []
    if FLAG_COLUMN in names:  # disclosure control: a withheld figure reads "c", with a note
        flagged = [f == FLAG for f in table.column(FLAG_COLUMN).to_pylist()]
        for j, name in enumerate(names):
            if name in MEASURES or adjusted_of(name) is not None:
                values = table.column(name).to_pylist()
                columns[j] = [
                    FLAG if c and v is None else t
                    for c, v, t in zip(flagged, values, columns[j], strict=True)
                ]
        if any(flagged):
            notes.append(confidential_note(lang))
    rows = [list(row) for row in zip(*columns, strict=True)]
    return Presented(headers, rows, numeric, units, scales, notes)


def number_format(name: str, dtype: pa.DataType) -> str | None:
    """The spreadsheet number format of a column: how its exact cells are displayed.

    >>> number_format("value_cny", pa.decimal128(38, 2)), number_format("yoy_pct", pa.float64())
    ('#,##0.00', '0.0')
    >>> number_format("partner", pa.string()) is None
    True
    """
    adjusted = adjusted_of(name)
    if adjusted is not None:
        return "#,##0.00" if adjusted[0] in MONEY else "#,##0"
    if name in MONEY:
        return "#,##0.00"
    if name in RATIOS or name in INDEXES:
        return "0.0"
    if name in COUNTS or pa.types.is_integer(dtype):
        return "#,##0" if name in MEASURES else "0"
    return None
