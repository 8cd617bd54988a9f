"""UN Comtrade: Comtrade Plus API JSON (camelCase), bulk or comtradr CSV (snake_case or camelCase).

What it maps (one canonical row per Comtrade row, or the row is skipped with a reason):

- ``period``: annual rows (``freqCode`` A, ``refMonth`` 52, or only a year) become ``YYYY``;
  monthly rows ``YYYY-MM``.
- ``reporter``/``partner``: the ISO alpha-3 columns when they hold a known code, else Comtrade's
  M49-like numbers through the packaged countries plus ``M49_EXCEPTIONS`` (757 Switzerland, 842
  USA, ...). Areas that are no country ("Areas, nes" ``X1``, ``_X``) stay unmapped and the rules
  quarantine them: never guessed.
- ``flow``: X export, M import, RX re_export, RM re_import (re-exports are an "of which" item of
  exports: stored apart, never added). Other breakdown flows (DX, FM, processing) are skipped.
- ``value_usd``: ``primaryValue`` in US dollars, rounded (half away from zero) to the cent when
  the source carries thousandths (the report's notes give the rows and the total change).
- ``hs_code``/``product_level``: ``TOTAL``, 2 and 4 digits are marked; 6 digits are lines.

Rows never double-counted, each skipped and counted by reason: partner World (code 0); partner2,
customs-procedure (not ``C00``) breakdowns beside their total; transport-mode total (``motCode``
0) beside its breakdown; coarser HS codes beside finer codes of the same cell (or every level but
the one asked for with ``--hs-level``).

Example:
    >>> from pathlib import Path
    >>> ComtradeAdapter().probe(Head(Path("x.csv"), b"", "utf-8", "",
    ...     ["ref_year", "cmd_code", "primary_value", "partner_iso"]))
    True
"""

from __future__ import annotations

import duckdb

from tradestats.adapters.base import (
    Head,
    Options,
    SqlSource,
    missing_columns,
    sql_text,
    values_table,
)
from tradestats.adapters.load import load_csv, load_json_records
from tradestats.ingest.reader import BadLine
from tradestats.ingest.sniff import Problem
from tradestats.reference import load_reference

# Comtrade numbers that are not the ISO numeric code of the same territory.
M49_EXCEPTIONS = {
    "757": "CHE",  # Switzerland (ISO 756), Comtrade includes Liechtenstein
    "842": "USA",  # USA (ISO 840), Comtrade includes Puerto Rico and US Virgin Islands
    "251": "FRA",  # France (ISO 250), Comtrade includes Monaco
    "579": "NOR",  # Norway (ISO 578), Comtrade includes Svalbard and Jan Mayen
    "699": "IND",  # India (ISO 356), Comtrade's code since 1975
}
FLOWS = {"X": "export", "M": "import", "RX": "re_export", "RM": "re_import"}
FLOW_WORDS = {"export": "X", "import": "M", "re-export": "RX", "re-import": "RM"}
NEEDED = {
    "a year (refYear or period)": ("refyear", "period"),
    "reporter (reporterISO or reporterCode)": ("reporteriso", "reportercode"),
    "flow (flowCode or flowDesc)": ("flowcode", "flowdesc"),
    "partner (partnerISO or partnerCode)": ("partneriso", "partnercode"),
    "cmdCode": ("cmdcode",),
    "primaryValue": ("primaryvalue",),
}
OPTIONAL = (
    "refyear", "refmonth", "period", "freqcode", "reporteriso", "reportercode", "flowcode",
    "flowdesc", "partneriso", "partnercode", "partner2code", "partner2iso", "cmdcode",
    "customscode", "motcode", "primaryvalue", "qty", "qtyunitabbr", "netwgt",
)  # fmt: skip


def m49_table() -> dict[str, str]:
    """Comtrade code (no leading zeros) -> ISO alpha-3.

    >>> t = m49_table()
    >>> t["842"], t["757"], t["156"], t["344"]
    ('USA', 'CHE', 'CHN', 'HKG')
    """
    out = {str(int(c.numeric)): c.iso3 for c in load_reference().countries if c.numeric}
    out.update(M49_EXCEPTIONS)
    return out


def _iso(iso_col: str, code_col: str) -> str:
    """SQL: a known alpha-3 from ``iso_col``, else the code mapped, else the text as read."""
    return f"""coalesce((SELECT max(v) FROM m49 WHERE v = upper(trim({iso_col}))),
        (SELECT max(v) FROM m49 WHERE k = CAST(TRY_CAST(trim({code_col}) AS INTEGER) AS VARCHAR)),
        coalesce(NULLIF(trim({iso_col}), ''), trim({code_col})))"""


def _col(name: str, cols: set[str]) -> str:
    return f"NULLIF(trim({name}), '')" if name in cols else "NULL"


def _rounded(expr: str, scale: int) -> str:
    """Round a well-formed number with more than ``scale`` decimals; anything else as read."""
    # At most 28 digits before the point: what DECIMAL(38,10) holds (larger: left as read,
    # for the rules to refuse as too large).
    return f"""CASE WHEN regexp_full_match({expr}, '[0-9]{{1,28}}\\.[0-9]{{{scale + 1},}}')
        THEN CAST(round(CAST({expr} AS DECIMAL(38,10)), {scale}) AS VARCHAR) ELSE {expr} END"""


def mapping_sql(cols: set[str], options: Options) -> str:
    """The SELECT mapping table ``src`` (Comtrade columns as keys) to canonical text + skip."""
    c = {n: _col(n, cols) for n in OPTIONAL}
    year = f"coalesce({c['refyear']}, left({c['period']}, 4))"
    month = f"coalesce(lpad({c['refmonth']}, 2, '0'), NULLIF(substr({c['period']}, 5, 2), ''))"
    annual = f"(upper({c['freqcode']}) = 'A' OR {c['refmonth']} = '52' OR {month} IS NULL)"
    flow = (
        f"coalesce(upper({c['flowcode']}), CASE lower({c['flowdesc']}) "
        + " ".join(f"WHEN '{w}' THEN '{code}'" for w, code in FLOW_WORDS.items())
        + f" ELSE {c['flowdesc']} END)"
    )
    default_reporter = sql_text(options.reporter) if options.reporter else "NULL"
    value = _rounded(c["primaryvalue"], 2)
    has_qty = f"({c['qty']} IS NOT NULL AND coalesce({c['qtyunitabbr']}, 'N/A') <> 'N/A')"
    level = "CASE WHEN code = 'TOTAL' THEN 0 ELSE length(code) END"
    if options.hs_level is not None:  # the level asked for replaces the finest-level rule
        n = int(options.hs_level)
        level_rule = f"WHEN lvl <> {n} THEN 'HS level other than the {n} digits asked for'"
    else:
        level_rule = (
            "WHEN coarse._line IS NOT NULL "
            "THEN 'coarser HS level beside finer codes of the same cell'"
        )
    cell = "period, reporter, flowcode, partner_raw"
    return f"""
    WITH base AS (SELECT _line,
        CASE WHEN {annual} THEN {year} ELSE {year} || '-' || {month} END AS period,
        {flow} AS flowcode,
        coalesce({_iso("reporteriso", "reportercode")}, {default_reporter}) AS reporter,
        {_iso("partneriso", "partnercode")} AS partner_raw,
        ({c["partnercode"]} = '0' OR upper({c["partneriso"]}) IN ('W00', 'WLD')) AS world,
        coalesce({c["partner2code"]}, CASE WHEN upper({c["partner2iso"]}) = 'W00' THEN '0'
            ELSE {c["partner2iso"]} END) AS p2,
        upper({c["customscode"]}) AS customs, {c["motcode"]} AS mot,
        upper({c["cmdcode"]}) AS code,
        {c["primaryvalue"]} AS raw_value, {value} AS value_usd,
        CASE WHEN {has_qty} THEN {_rounded(c["qty"], 3)}
            ELSE {_rounded(c["netwgt"], 3)} END AS quantity,
        CASE WHEN {has_qty} THEN {c["qtyunitabbr"]}
            WHEN {c["netwgt"]} IS NOT NULL THEN 'kg' END AS unit
        FROM src),
    s1 AS (SELECT *, {level} AS lvl, CASE
        WHEN world THEN 'partner World (code 0): the sum of the partners'
        WHEN flowcode NOT IN ('X', 'M', 'RX', 'RM') AND length(flowcode) BETWEEN 2 AND 3
            THEN 'flow ' || flowcode || ': a breakdown of exports or imports' END AS _skip
        FROM base),
    s2 AS (SELECT * REPLACE (CASE WHEN _skip IS NULL AND p2 <> '0' AND bool_or(p2 = '0'
            AND _skip IS NULL) OVER (PARTITION BY {cell}, code, customs, mot)
            THEN 'partner2 breakdown (its partner2 World total is kept)' ELSE _skip END AS _skip)
        FROM s1),
    s3 AS (SELECT * REPLACE (CASE WHEN _skip IS NULL AND customs <> 'C00' AND bool_or(
            customs = 'C00' AND _skip IS NULL) OVER (PARTITION BY {cell}, code, p2, mot)
            THEN 'customs procedure breakdown (its C00 total is kept)' ELSE _skip END AS _skip)
        FROM s2),
    s4 AS (SELECT * REPLACE (CASE WHEN _skip IS NULL AND mot = '0' AND bool_or(mot <> '0'
            AND _skip IS NULL) OVER (PARTITION BY {cell}, code, p2, customs)
            THEN 'transport mode total (motCode 0) beside its breakdown' ELSE _skip END AS _skip)
        FROM s3),
    live AS (SELECT _line, lvl, code, concat_ws('|', {cell}, p2, customs, mot) AS g
        FROM s4 WHERE _skip IS NULL),
    coarse AS (SELECT DISTINCT a._line FROM live a JOIN live b ON a.g = b.g
        AND b.lvl > a.lvl AND (a.lvl = 0 OR starts_with(b.code, a.code)))
    SELECT s4._line, period,
        CASE flowcode {" ".join(f"WHEN '{k}' THEN '{v}'" for k, v in FLOWS.items())}
            ELSE flowcode END AS flow,
        code AS hs_code, partner_raw AS partner, NULL AS value_cny, value_usd, NULL AS value_eur,
        quantity, unit, NULL AS trade_mode, NULL AS enterprise_id, NULL AS enterprise_type,
        NULL AS region, NULL AS brand_type,
        CASE WHEN mot <> '0' THEN mot END AS transport_mode, reporter,
        CASE WHEN code = 'TOTAL' THEN 'total' WHEN lvl IN (2, 4) THEN CAST(lvl AS VARCHAR)
            END AS product_level,
        raw_value AS _raw_value,
        CASE WHEN _skip IS NOT NULL THEN _skip {level_rule} END AS _skip
    FROM s4 LEFT JOIN coarse USING (_line)"""


NOTES_SQL = """SELECT 'value_usd rounded half away from zero to the cent on ' || count(*)
    || ' row(s) whose source value has thousandths (total change '
    || CAST(sum(CAST(value_usd AS DECIMAL(38,10)) - CAST(_raw_value AS DECIMAL(38,10)))
        AS VARCHAR) || ')'
    FROM mapped WHERE value_usd IS DISTINCT FROM _raw_value
    AND TRY_CAST(value_usd AS DECIMAL(38,10)) IS NOT NULL HAVING count(*) > 0"""


class ComtradeAdapter:
    """UN Comtrade extracts (API JSON, bulk CSV)."""

    name = "comtrade"
    description = "UN Comtrade API JSON or bulk CSV (cmdCode, primaryValue, ...)"

    def probe(self, head: Head) -> bool:
        return {"cmdcode", "primaryvalue"} <= head.keys

    def check(self, head: Head, options: Options) -> list[Problem]:
        return missing_columns(head, NEEDED)

    def open(self, head: Head, options: Options) -> SqlSource:
        path = head.path
        is_json = head.text.lstrip("\ufeff \r\n\t").startswith(("{", "["))
        encoding = head.encoding or "utf-8"
        delimiter = options.delimiter or ","

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            bad = (
                load_json_records(con, path)
                if is_json
                else load_csv(con, path, encoding, delimiter)
            )
            values_table(con, "m49", m49_table())
            cols = {r[0] for r in con.execute("DESCRIBE src").fetchall()}
            for missing in set(OPTIONAL) - cols:
                con.execute(f"ALTER TABLE src ADD COLUMN {missing} VARCHAR")
            return bad

        return SqlSource(
            path=path,
            format=self.name,
            encoding="utf-8" if is_json else encoding,
            select=mapping_sql(set(OPTIONAL), options),
            loader=loader,
            notes_sql=NOTES_SQL,
        )
