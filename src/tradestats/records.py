"""The canonical customs record: one row is one declaration line (or a pre-aggregated cell).

This module is the single definition of the record: column names, storage types, the closed
vocabularies, and the rule each field must satisfy. Readers, the store, the engine and the
generator all take the schema from here.

Example:
    >>> from tradestats.records import COLUMNS, Flow
    >>> [c.name for c in COLUMNS][:4]
    ['period', 'flow', 'hs_code', 'partner']
    >>> Flow.parse("Export")
    <Flow.EXPORT: 'export'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa

VALUE_SCALE = 2  # money is stored as DECIMAL(18, 2): exact fen / cents
QUANTITY_SCALE = 3
# A value in the reporter's own currency: 3 decimals (the dinars of ISO 4217 have 3) and 18
# digits before the point (a year of Viet Nam's trade in dong passes 10^15).
LOCAL_SCALE = 3
MONEY_TYPE = pa.decimal128(18, VALUE_SCALE)
QUANTITY_TYPE = pa.decimal128(18, QUANTITY_SCALE)
LOCAL_TYPE = pa.decimal128(21, LOCAL_SCALE)
MONEY_SQL = f"DECIMAL(18,{VALUE_SCALE})"
QUANTITY_SQL = f"DECIMAL(18,{QUANTITY_SCALE})"
LOCAL_SQL = f"DECIMAL(21,{LOCAL_SCALE})"
# HS editions, oldest first, with UN Comtrade's classification codes (H0 .. H6).
HS_EDITIONS: dict[str, str] = {
    "HS1992": "H0", "HS1996": "H1", "HS2002": "H2", "HS2007": "H3", "HS2012": "H4",
    "HS2017": "H5", "HS2022": "H6",
}  # fmt: skip


class _Vocabulary(StrEnum):
    """A closed vocabulary, parsed once from text (case and surrounding space ignored)."""

    @classmethod
    def parse(cls, text: str) -> _Vocabulary:
        """Return the member spelled ``text``; raise ValueError naming the allowed values."""
        key = text.strip().lower()
        for member in cls:
            if member.value == key:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"{text!r} is not one of: {allowed}")

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Flow(_Vocabulary):
    """Trade flow. Re-exports and re-imports are "of which" items already inside exports and
    imports (UN Comtrade RX, RM): kept distinguishable, never to be added to them."""

    EXPORT = "export"
    IMPORT = "import"
    RE_EXPORT = "re_export"
    RE_IMPORT = "re_import"


class ProductLevel(_Vocabulary):
    """Level of a pre-aggregated product code; a declaration line (6 to 10 digits) has none."""

    TOTAL = "total"  # hs_code is TOTAL: all products
    CHAPTER = "2"  # hs_code has 2 digits
    HEADING = "4"  # hs_code has 4 digits


class EnterpriseType(_Vocabulary):
    STATE_OWNED = "state_owned"
    FOREIGN_INVESTED = "foreign_invested"
    PRIVATE = "private"
    OTHER = "other"


class BrandType(_Vocabulary):
    """Brand type, a declaration element; 1 and 2 are domestic brands."""

    NO_BRAND = "0"
    DOMESTIC_OWN = "1"
    DOMESTIC_ACQUIRED = "2"
    FOREIGN_OEM = "3"
    FOREIGN_OTHER = "4"


# GB/T 2260 province-level codes (first two digits of the administrative division code).
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)


@dataclass(frozen=True)
class Column:
    """One canonical column: its name, Arrow storage type, SQL type and whether it is required."""

    name: str
    arrow_type: pa.DataType
    sql_type: str
    required: bool
    doc: str


COLUMNS: tuple[Column, ...] = (
    Column("period", pa.string(), "VARCHAR", True, "YYYY-MM; YYYY (annual); YYYY-MM..YYYY-MM"),
    Column("flow", pa.string(), "VARCHAR", True, "|".join(Flow.values())),
    Column("hs_code", pa.string(), "VARCHAR", True, "6 to 10 digits; TOTAL, 2 or 4 by level"),
    Column("partner", pa.string(), "VARCHAR", True, "ISO 3166-1 alpha-3"),
    Column("value_cny", MONEY_TYPE, MONEY_SQL, False, "yuan, >= 0, at most 2 decimals"),
    Column("value_usd", MONEY_TYPE, MONEY_SQL, False, "dollars, >= 0, at most 2 decimals"),
    Column("quantity", QUANTITY_TYPE, QUANTITY_SQL, False, ">= 0, at most 3 decimals"),
    Column("unit", pa.string(), "VARCHAR", False, "unit of quantity: a code of units.tsv (WCO)"),
    Column("trade_mode", pa.string(), "VARCHAR", False, "4-digit supervision mode"),
    Column("enterprise_id", pa.string(), "VARCHAR", False, "trading entity id"),
    Column("enterprise_type", pa.string(), "VARCHAR", False, "|".join(EnterpriseType.values())),
    Column("region", pa.string(), "VARCHAR", False, "2-digit GB/T 2260 province code"),
    Column("brand_type", pa.string(), "VARCHAR", False, "0-4"),
    Column("transport_mode", pa.string(), "VARCHAR", False, "free text"),
    Column("reporter", pa.string(), "VARCHAR", False, "ISO alpha-3; empty: the store's own"),
    Column("product_level", pa.string(), "VARCHAR", False, "total|2|4; empty: a declaration line"),
    # Appended last so that the positions of the older columns do not move.
    Column("value_eur", MONEY_TYPE, MONEY_SQL, False, "euros, >= 0, at most 2 decimals"),
    # Appended for public trade data (older stores lack them: they read as NULL).
    Column("hs_edition", pa.string(), "VARCHAR", False, "HS1992 .. HS2022; empty: by period"),
    Column("value_cif_usd", MONEY_TYPE, MONEY_SQL, False, "dollars valued CIF, as reported"),
    Column("value_fob_usd", MONEY_TYPE, MONEY_SQL, False, "dollars valued FOB, as reported"),
    Column("value_local", LOCAL_TYPE, LOCAL_SQL, False, "value in currency, at most 3 decimals"),
    Column("currency", pa.string(), "VARCHAR", False, "ISO 4217 code of value_local"),
    Column("net_weight_kg", QUANTITY_TYPE, QUANTITY_SQL, False, "net weight in kg, >= 0"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
MONEY_COLUMNS: tuple[str, ...] = ("value_cny", "value_usd", "value_eur")
# Other valuations of the same trade (CIF, FOB): never added to the value columns.
VALUATION_COLUMNS: tuple[str, ...] = ("value_cif_usd", "value_fob_usd")
# Columns that measure trade; a row needs at least one.
MEASURE_COLUMNS: tuple[str, ...] = (*MONEY_COLUMNS, "value_local", "quantity", "net_weight_kg")
CURRENCY_OF: dict[str, str] = {"value_cny": "CNY", "value_usd": "USD", "value_eur": "EUR"}

SCHEMA: pa.Schema = pa.schema([pa.field(c.name, c.arrow_type, nullable=True) for c in COLUMNS])


def column(name: str) -> Column:
    """Return the canonical column called ``name``.

    >>> column("hs_code").required
    True
    """
    for c in COLUMNS:
        if c.name == name:
            return c
    raise KeyError(name)
