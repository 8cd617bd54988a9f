"""Eurostat Comext bulk files: ``DECLARANT_ISO, PARTNER_ISO, PRODUCT_NC, FLOW, PERIOD,
VALUE_IN_EUROS, QUANTITY_IN_KG`` (also the newer spellings ``VALUE_EUR``, ``QUANTITY_KG``).

- ``reporter``/``partner``: alpha-2 codes through the packaged countries, plus Eurostat's own
  ``EL`` (Greece) and ``UK`` (United Kingdom). Eurostat's confidential and unspecified partners
  (``QU``, ``QV``, ``QY`` ...) stay as read and are quarantined: never guessed.
- ``flow``: 1 import, 2 export. ``period``: ``YYYYMM`` is a month, ``YYYY52`` a year.
- ``value_eur``: euros; ``quantity`` in kg.
- ``hs_code``: the CN code (8 digits); ``TOTAL``, 2 and 4 digits are marked ``product_level``
  and skipped beside finer codes of the same cell, like Comtrade's.

Example:
    >>> from pathlib import Path
    >>> ComextAdapter().probe(Head(Path("x.csv"), b"", "utf-8", "",
    ...     ["DECLARANT_ISO", "PARTNER_ISO", "PRODUCT_NC", "FLOW", "PERIOD", "VALUE_IN_EUROS"]))
    True
"""

from __future__ import annotations

import duckdb

from tradestats.adapters.base import Head, Options, SqlSource, missing_columns, values_table
from tradestats.adapters.load import load_csv
from tradestats.delimited.reader import BadLine
from tradestats.delimited.sniff import Problem
from tradestats.reference import load_reference

MARKERS = {"declarantiso", "partneriso", "productnc", "flow", "period"}
ALPHA2_EXCEPTIONS = {"EL": "GRC", "UK": "GBR"}  # Eurostat's own codes for the same countries
NEEDED = {
    "DECLARANT_ISO": ("declarantiso",),
    "PARTNER_ISO": ("partneriso",),
    "PRODUCT_NC": ("productnc",),
    "FLOW": ("flow",),
    "PERIOD": ("period",),
    "VALUE_IN_EUROS": ("valueineuros", "valueeur"),
}


def alpha2_table() -> dict[str, str]:
    """Alpha-2 (with Eurostat's exceptions) -> alpha-3.

    >>> alpha2_table()["EL"], alpha2_table()["CN"]
    ('GRC', 'CHN')
    """
    out = {c.iso2: c.iso3 for c in load_reference().countries if c.iso2}
    out.update(ALPHA2_EXCEPTIONS)
    return out


def mapping_sql(cols: set[str]) -> str:
    """The SELECT mapping Comext rows (table ``src``) to canonical text and a skip reason."""
    value = "valueineuros" if "valueineuros" in cols else "valueeur"
    qty = next((c for c in ("quantityinkg", "quantitykg") if c in cols), None)
    quantity = f"NULLIF(trim({qty}), '')" if qty else "NULL"
    iso = "coalesce((SELECT max(v) FROM a2 WHERE k = upper(trim({c}))), trim({c}))"
    return f"""
    WITH b AS (SELECT _line,
        CASE WHEN regexp_full_match(trim(period), '\\d{{4}}52') THEN left(trim(period), 4)
            WHEN regexp_full_match(trim(period), '\\d{{6}}')
            THEN left(trim(period), 4) || '-' || right(trim(period), 2)
            ELSE trim(period) END AS period,
        CASE trim(flow) WHEN '1' THEN 'import' WHEN '2' THEN 'export' ELSE trim(flow) END AS flow,
        upper(trim(productnc)) AS code,
        {iso.format(c="declarantiso")} AS reporter, {iso.format(c="partneriso")} AS partner,
        NULLIF(trim({value}), '') AS value_eur, {quantity} AS quantity FROM src),
    l AS (SELECT *, CASE WHEN code = 'TOTAL' THEN 0 ELSE length(code) END AS lvl,
        concat_ws('|', period, flow, reporter, partner) AS g FROM b),
    coarse AS (SELECT DISTINCT a._line FROM l a JOIN l b ON a.g = b.g AND b.lvl > a.lvl
        AND (a.lvl = 0 OR starts_with(b.code, a.code)))
    SELECT l._line, period, flow, code AS hs_code, partner, NULL AS value_cny,
        NULL AS value_usd, value_eur, quantity,
        CASE WHEN quantity IS NOT NULL THEN 'kg' END AS unit, NULL AS trade_mode,
        NULL AS enterprise_id, NULL AS enterprise_type, NULL AS region, NULL AS brand_type,
        NULL AS transport_mode, reporter,
        CASE WHEN lvl = 0 THEN 'total' WHEN lvl IN (2, 4) THEN CAST(lvl AS VARCHAR)
            END AS product_level,
        CASE WHEN coarse._line IS NOT NULL
            THEN 'coarser product level beside finer codes of the same cell' END AS _skip
    FROM l LEFT JOIN coarse USING (_line)"""


class ComextAdapter:
    """Eurostat Comext bulk files (euros)."""

    name = "comext"
    description = "Eurostat Comext bulk file (DECLARANT_ISO, PARTNER_ISO, ..., VALUE_IN_EUROS)"

    def probe(self, head: Head) -> bool:
        return head.keys >= MARKERS

    def check(self, head: Head, options: Options) -> list[Problem]:
        return missing_columns(head, NEEDED)

    def open(self, head: Head, options: Options) -> SqlSource:
        path, encoding = head.path, head.encoding or "utf-8"
        cols = head.keys

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            bad = load_csv(con, path, encoding, options.delimiter or ",")
            values_table(con, "a2", alpha2_table())
            return bad

        return SqlSource(path, self.name, encoding, mapping_sql(cols), loader)
