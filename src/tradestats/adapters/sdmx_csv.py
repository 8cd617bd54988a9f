"""SDMX-CSV 2.0 of tradestats' merchandise-trade structure (TRADESTATS:DF_MERCH_TRADE).

The file has one line per observation (STRUCTURE, STRUCTURE_ID, ACTION, FREQ, REPORTER,
PARTNER, FLOW, COMMODITY, MEASURE, ADJUSTMENT, TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, OBS_STATUS,
CONF_STATUS); a record is one cell (reporter x partner x flow x commodity x period) with the
lines of its measures VALUE_CNY, VALUE_USD, VALUE_EUR and QUANTITY put side by side.

- ``FLOW`` X, M, RX, RM are export, import, re-export, re-import. XM (total) and B (balance)
  are derived, not records: skipped with that reason, as are partner aggregates (``_T`` and
  groups), commodity aggregates (HS sections, product groups), derived measures (growth,
  shares ...), adjusted series (ADJUSTMENT other than N: estimates, not records) and lines
  whose ACTION is D (delete). A file of version 1.0 has no ADJUSTMENT: every line is N.
- ``COMMODITY`` ``_T`` is TOTAL and 2 or 4 digits carry ``product_level``, like Comtrade's.
- ``TIME_PERIOD`` 2025-03, 2025, 2025-Q2, 2025-S1 and 2025-01-01/P11M become the canonical
  periods 2025-03, 2025, 2025-04..2025-06, 2025-01..2025-06, 2025-01..2025-11.
- ``REPORTER`` ``_Z`` is the store's own reporter (empty). ``OBS_VALUE`` NaN is no value; a
  cell whose every value is missing or confidential (CONF_STATUS C or D) is skipped so.

Example:
    >>> from pathlib import Path
    >>> SdmxCsvAdapter().probe(Head(Path("x.csv"), b"", "utf-8", "", ["STRUCTURE",
    ...     "STRUCTURE_ID", "ACTION", "REPORTER", "PARTNER", "FLOW", "COMMODITY", "MEASURE",
    ...     "TIME_PERIOD", "OBS_VALUE"]))
    True
"""

from __future__ import annotations

import duckdb

from tradestats.adapters.base import Head, Options, SqlSource, missing_columns
from tradestats.adapters.load import load_csv
from tradestats.delimited.reader import BadLine
from tradestats.delimited.sniff import Problem

MARKERS = {"structure", "structureid", "partner", "commodity", "measure", "timeperiod", "obsvalue"}
NEEDED = {
    name: (name.lower().replace("_", ""),)
    for name in ("STRUCTURE_ID", "REPORTER", "PARTNER", "FLOW", "COMMODITY", "MEASURE",
                 "TIME_PERIOD", "OBS_VALUE")
}  # fmt: skip
RECORD_MEASURES = ("VALUE_CNY", "VALUE_USD", "VALUE_EUR", "QUANTITY")

_PERIOD = r"""CASE
    WHEN regexp_full_match(t, '\d{4}(-\d{2})?') THEN t
    WHEN regexp_full_match(t, '\d{4}-Q[1-4]') THEN left(t, 4) || '-'
        || lpad(CAST(CAST(right(t, 1) AS INT) * 3 - 2 AS VARCHAR), 2, '0') || '..' || left(t, 4)
        || '-' || lpad(CAST(CAST(right(t, 1) AS INT) * 3 AS VARCHAR), 2, '0')
    WHEN regexp_full_match(t, '\d{4}-S[12]') THEN left(t, 4) || CASE right(t, 1)
        WHEN '1' THEN '-01..' || left(t, 4) || '-06' ELSE '-07..' || left(t, 4) || '-12' END
    WHEN regexp_full_match(t, '\d{4}-\d{2}-01/P\d{1,2}M') THEN strftime(CAST(left(t, 10) AS DATE),
        '%Y-%m') || '..' || strftime(CAST(left(t, 10) AS DATE) + to_months(
        CAST(regexp_extract(t, 'P(\d+)M', 1) AS INT) - 1), '%Y-%m')
    ELSE t END"""


def mapping_sql() -> str:
    """The SELECT mapping SDMX-CSV lines (table ``src``) to canonical cells and skip reasons."""
    measures = ", ".join(f"'{m}'" for m in RECORD_MEASURES)

    def pick(m: str) -> str:
        return (
            f"max(CASE WHEN measure = '{m}' AND v <> 'NaN' AND conf NOT IN ('C', 'D') THEN v END)"
        )

    return f"""
    WITH l AS (SELECT _line, upper(trim(coalesce(action, 'I'))) AS action,
        trim(reporter) AS reporter, trim(partner) AS partner, upper(trim(flow)) AS flow,
        trim(commodity) AS commodity, upper(trim(measure)) AS measure,
        trim(timeperiod) AS t, NULLIF(trim(obsvalue), '') AS v,
        NULLIF(trim(unitmeasure), '') AS unit_measure,
        upper(coalesce(trim(confstatus), 'F')) AS conf,
        upper(coalesce(NULLIF(trim(adjustment), ''), 'N')) AS adj FROM src),
    derived AS (SELECT _line, CASE WHEN adj <> 'N' THEN 'adjusted series (ADJUSTMENT ' || adj
            || ') is an estimate, not a record'
            ELSE 'derived measure ' || measure || ' is not a record' END AS reason
        FROM l WHERE measure NOT IN ({measures}) OR adj <> 'N'),
    cells AS (SELECT min(_line) AS _line, max(action) AS action, reporter, partner, flow,
        commodity, t, {pick("VALUE_CNY")} AS value_cny, {pick("VALUE_USD")} AS value_usd,
        {pick("VALUE_EUR")} AS value_eur, {pick("QUANTITY")} AS quantity,
        max(CASE WHEN measure = 'QUANTITY' AND unit_measure <> '_Q' THEN unit_measure END)
            AS unit
        FROM l WHERE measure IN ({measures}) AND adj = 'N'
        GROUP BY reporter, partner, flow, commodity, t)
    SELECT _line, {_PERIOD} AS period,
        CASE flow WHEN 'X' THEN 'export' WHEN 'M' THEN 'import' WHEN 'RX' THEN 're_export'
            WHEN 'RM' THEN 're_import' ELSE flow END AS flow,
        CASE WHEN commodity = '_T' THEN 'TOTAL' ELSE commodity END AS hs_code, partner,
        value_cny, value_usd, quantity, unit, NULL AS trade_mode, NULL AS enterprise_id,
        NULL AS enterprise_type, NULL AS region, NULL AS brand_type, NULL AS transport_mode,
        CASE WHEN reporter IN ('_Z', '') THEN NULL ELSE reporter END AS reporter,
        CASE WHEN commodity = '_T' THEN 'total' WHEN regexp_full_match(commodity, '\\d{{2}}')
            THEN '2' WHEN regexp_full_match(commodity, '\\d{{4}}') THEN '4' END AS product_level,
        value_eur,
        CASE WHEN action = 'D' THEN 'delete action: not applied by an ingest'
            WHEN flow IN ('XM', 'B') THEN 'derived flow (total or balance) is not a record'
            WHEN NOT regexp_full_match(partner, '[A-Z]{{3}}')
                THEN 'partner aggregate (_T or a group) is not a record'
            WHEN NOT regexp_full_match(commodity, '_T|\\d+')
                THEN 'commodity aggregate (HS section or product group) is not a record'
            WHEN coalesce(value_cny, value_usd, value_eur, quantity) IS NULL
                THEN 'no value: missing or confidential'
            END AS _skip
    FROM cells
    UNION ALL BY NAME
    SELECT _line, reason AS _skip FROM derived"""


class SdmxCsvAdapter:
    """SDMX-CSV 2.0 of the TRADESTATS:DF_MERCH_TRADE structure (what --format sdmx-csv writes)."""

    name = "sdmx-csv"
    description = "SDMX-CSV 2.0, TRADESTATS:DF_MERCH_TRADE (STRUCTURE, ..., OBS_VALUE)"

    def probe(self, head: Head) -> bool:
        return head.keys >= MARKERS

    def check(self, head: Head, options: Options) -> list[Problem]:
        problems = missing_columns(head, NEEDED)
        text = head.text.splitlines()
        if not problems and len(text) > 1 and "DF_MERCH_TRADE" not in text[1]:
            problems.append(
                Problem(str(head.path), 2, "STRUCTURE_ID", "not the TRADESTATS:DF_MERCH_TRADE "
                        "dataflow (only that structure is read)")
            )  # fmt: skip
        return problems

    def open(self, head: Head, options: Options) -> SqlSource:
        path, encoding = head.path, head.encoding or "utf-8"
        keys = head.keys

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            bad = load_csv(con, path, encoding, options.delimiter or ",")
            for optional in ("action", "unitmeasure", "confstatus", "adjustment"):
                if optional not in keys:
                    con.execute(f"ALTER TABLE src ADD COLUMN {optional} VARCHAR")
            return bad

        return SqlSource(path, self.name, encoding, mapping_sql(), loader)
