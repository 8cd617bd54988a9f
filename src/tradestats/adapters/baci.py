"""CEPII BACI yearly files: ``t,i,j,k,v,q`` (year, exporter, importer, HS6, value, quantity).

- ``v`` is in thousands of US dollars: stored as ``value_usd`` = v x 1000, moved exactly in the
  text, so a value of any number of decimals is read in dollars; with more than 5 decimals it
  is rounded (half away from zero) to the cent and the notes give the rows and the total
  change. A ``v`` that is no plain number is kept as read with "thousand" after it: the rules
  refuse it and the reconciliation counts it as no number, never thousands as dollars.
- ``q`` is net weight in metric tons: stored as ``net_weight_kg`` = q x 1000 (``NA`` or blank:
  empty), exact to the gram (more decimals are rounded, with a note).
- ``i``/``j`` are CEPII's country numbers, mapped like Comtrade's (757 Switzerland, 842 USA,
  490 Taiwan ...), or ISO alpha-3 codes (files re-exported with codes); unknown ones are
  quarantined, never guessed. The columns may come in any order.
- ``k`` is HS6: BACI CSVs written from integers lose the leading zero of chapters 01-09, so a
  5-digit ``k`` is padded (BACI codes are always 6 digits). The file name's ``HS17`` (HS92 ..
  HS22) gives every row's ``hs_edition``.
- With ``--reporter ISO3`` a file gives both flows of that reporter: rows it exports are exports
  to the importer, rows it imports are imports from the exporter, other rows are skipped (counted
  with their value). Without it every row is the exporter's export (reporter = exporter), so no
  row is counted twice.

Example:
    >>> from pathlib import Path
    >>> BaciAdapter().probe(Head(Path("BACI.csv"), b"", "utf-8", "", list("ijktvq")))
    True
    >>> edition_of(Path("BACI_HS17_Y2022_V202401.csv"))
    'HS2017'
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from tradestats.adapters.base import (
    Head,
    Options,
    SqlSource,
    ascii_upper,
    missing_columns,
    rounded,
    shifted,
    sql_text,
)
from tradestats.adapters.comtrade import load_code_tables
from tradestats.adapters.load import load_csv
from tradestats.delimited.reader import BadLine
from tradestats.delimited.sniff import Problem

COLUMNS = ("t", "i", "j", "k", "v", "q")
EDITION = re.compile(r"HS(92|96|02|07|12|17|22)", re.IGNORECASE)


def edition_of(path: Path) -> str | None:
    """The HS edition a BACI file name states (``BACI_HS17_...`` is HS2017), or None."""
    found = EDITION.search(path.name)
    if not found:
        return None
    yy = int(found.group(1))
    return f"HS{1900 + yy if yy > 50 else 2000 + yy}"


def _code(col: str) -> str:
    """SQL: the code of a BACI country number or ISO alpha-3, or the text as read."""
    number = f"CAST(TRY_CAST(trim(src.{col}) AS INTEGER) AS VARCHAR)"
    return f"""coalesce((SELECT max(v) FROM m49 WHERE k = {number}),
        (SELECT max(v) FROM alpha WHERE k = {ascii_upper("src." + col)}), trim(src.{col}))"""


def mapping_sql(reporter: str | None, edition: str | None = None) -> str:
    """The SELECT mapping BACI rows (table ``src``) to canonical text and a skip reason."""
    exporter, importer = _code("i"), _code("j")
    dollars = rounded(shifted("src.v", 3), 2)
    number = "regexp_full_match(trim(src.v), '-?[0-9]+(\\.[0-9]*)?')"
    value = f"CASE WHEN {number} THEN {dollars} ELSE trim(src.v) || ' thousand' END"
    tons = "CASE WHEN upper(trim(src.q)) IN ('', 'NA') THEN NULL ELSE trim(src.q) END"
    if reporter:
        rep = sql_text(reporter)
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
        {value} AS value_usd, trim(src.v) AS _raw_v,
        {rounded(shifted(tons, 3), 3)} AS net_weight_kg, {tons} AS _raw_q FROM src)
    SELECT _line, period, {flow} AS flow, hs_code, {partner} AS partner, value_usd,
        net_weight_kg, {sql_text(edition) if edition else "NULL"} AS hs_edition,
        {rep_col} AS reporter, {skip} AS _skip, _raw_v, _raw_q
    FROM b"""


NOTES_SQL = """SELECT 'value_usd (BACI v, thousands of dollars, x 1000) rounded half away from'
    || ' zero to the cent on ' || count(*) || ' row(s) with more than 5 decimals (total change '
    || rtrim(CAST(sum(CAST(value_usd AS DECIMAL(38,2)) - CAST(_raw_v AS DECIMAL(38,20)) * 1000)
        AS VARCHAR), '0') || ')'
    FROM mapped WHERE regexp_full_match(_raw_v, '[0-9]+\\.[0-9]{6,}')
        AND TRY_CAST(value_usd AS DECIMAL(38,2)) IS NOT NULL
        AND TRY_CAST(_raw_v AS DECIMAL(38,20)) IS NOT NULL HAVING count(*) > 0
    UNION ALL SELECT 'net_weight_kg (BACI q, metric tons, x 1000) rounded to the gram on '
    || count(*) || ' row(s)' FROM mapped WHERE regexp_full_match(_raw_q, '[0-9]+\\.[0-9]{7,}')
    HAVING count(*) > 0"""


class BaciAdapter:
    """CEPII BACI (HS6 bilateral flows, one file per year)."""

    name = "baci"
    description = "CEPII BACI t,i,j,k,v,q (thousands of dollars, metric tons)"

    def probe(self, head: Head) -> bool:
        return sorted(h.strip().lower() for h in head.header) == sorted(COLUMNS)

    def check(self, head: Head, options: Options) -> list[Problem]:
        needed = {c: (c,) for c in COLUMNS}
        return missing_columns(head, needed)

    def open(self, head: Head, options: Options) -> SqlSource:
        path, encoding = head.path, head.encoding or "utf-8"

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            bad = load_csv(con, path, encoding, options.delimiter or ",")
            load_code_tables(con)
            return bad

        reporter = options.reporter.strip().upper() if options.reporter else None
        select = mapping_sql(reporter, edition_of(path))
        return SqlSource(path, self.name, encoding, select, loader, notes_sql=NOTES_SQL)
