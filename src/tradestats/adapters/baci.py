"""CEPII BACI yearly files: ``t,i,j,k,v,q`` (year, exporter, importer, HS6, value, quantity).

- ``v`` is in thousands of US dollars: stored as ``value_usd`` = v x 1000 (exact; rounded to the
  cent only if a value had more than 5 decimals); ``q`` is in metric tons (``unit`` ``t``);
  ``NA`` or blank quantities are left empty.
- ``i``/``j`` are CEPII's M49-like country numbers, mapped like Comtrade's (757 Switzerland,
  842 USA ...); unmappable codes are quarantined, never guessed.
- ``k`` is HS6: BACI CSVs written from integers lose the leading zero of chapters 01-09, so a
  5-digit ``k`` is padded (BACI codes are always 6 digits).
- With ``--reporter ISO3`` a file gives both flows of that reporter: rows it exports are exports
  to the importer, rows it imports are imports from the exporter, other rows are skipped (counted
  with their value). Without it every row is the exporter's export (reporter = exporter), so no
  row is counted twice.

Example:
    >>> from pathlib import Path
    >>> BaciAdapter().probe(Head(Path("BACI.csv"), b"", "utf-8", "", list("tijkvq")))
    True
"""

from __future__ import annotations

import duckdb

from tradestats.adapters.base import Head, Options, SqlSource, missing_columns, values_table
from tradestats.adapters.comtrade import m49_table
from tradestats.adapters.load import load_csv
from tradestats.ingest.reader import BadLine
from tradestats.ingest.sniff import Problem

COLUMNS = ("t", "i", "j", "k", "v", "q")


def _code(col: str) -> str:
    """SQL: the alpha-3 of a BACI country number, or the number as read."""
    return f"""coalesce((SELECT max(v) FROM m49
        WHERE k = CAST(TRY_CAST(trim(src.{col}) AS INTEGER) AS VARCHAR)), trim(src.{col}))"""


def mapping_sql(reporter: str | None) -> str:
    """The SELECT mapping BACI rows (table ``src``) to canonical text and a skip reason."""
    exporter, importer = _code("i"), _code("j")
    # At most 25 digits before the point (x 1000 must fit DECIMAL(38,10)); larger values are
    # left as read, for the rules to refuse as too large.
    value = """CASE WHEN regexp_full_match(trim(src.v), '[0-9]{1,25}(\\.[0-9]{1,5})?')
        THEN CAST(round(CAST(trim(src.v) AS DECIMAL(38,10)) * 1000, 2) AS VARCHAR)
        ELSE trim(src.v) END"""
    quantity = "CASE WHEN upper(trim(src.q)) IN ('', 'NA') THEN NULL ELSE trim(src.q) END"
    if reporter:
        rep = "'" + reporter.replace("'", "''") + "'"
        flow = f"CASE WHEN x = {rep} THEN 'export' WHEN m = {rep} THEN 'import' END"
        partner = f"CASE WHEN x = {rep} THEN m ELSE x END"
        skip = f"""CASE WHEN x <> {rep} AND m <> {rep}
            THEN 'trade between other countries (the reporter asked for is ' || {rep} || ')'
            END"""
        rep_col = rep
    else:
        flow, partner, skip, rep_col = "'export'", "m", "NULL", "x"
    return f"""
    WITH b AS (SELECT src._line, trim(src.t) AS period, {exporter} AS x, {importer} AS m,
        CASE WHEN regexp_full_match(trim(src.k), '[0-9]{{5}}') THEN '0' || trim(src.k)
            ELSE trim(src.k) END AS hs_code,
        {value} AS value_usd, {quantity} AS quantity FROM src)
    SELECT _line, period, {flow} AS flow, hs_code, {partner} AS partner, NULL AS value_cny,
        value_usd, NULL AS value_eur, quantity,
        CASE WHEN quantity IS NOT NULL THEN 't' END AS unit,
        NULL AS trade_mode, NULL AS enterprise_id, NULL AS enterprise_type, NULL AS region,
        NULL AS brand_type, NULL AS transport_mode, {rep_col} AS reporter,
        NULL AS product_level, {skip} AS _skip
    FROM b"""


class BaciAdapter:
    """CEPII BACI (HS6 bilateral flows, one file per year)."""

    name = "baci"
    description = "CEPII BACI t,i,j,k,v,q (thousands of dollars, metric tons)"

    def probe(self, head: Head) -> bool:
        return [h.strip().lower() for h in head.header] == list(COLUMNS)

    def check(self, head: Head, options: Options) -> list[Problem]:
        needed = {c: (c,) for c in COLUMNS}
        return missing_columns(head, needed)

    def open(self, head: Head, options: Options) -> SqlSource:
        path, encoding = head.path, head.encoding or "utf-8"

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            bad = load_csv(con, path, encoding, options.delimiter or ",")
            values_table(con, "m49", m49_table())
            return bad

        reporter = options.reporter.strip().upper() if options.reporter else None
        return SqlSource(path, self.name, encoding, mapping_sql(reporter), loader)
