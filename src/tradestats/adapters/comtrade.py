"""UN Comtrade: Comtrade Plus API JSON (camelCase), bulk or comtradr CSV (snake_case or camelCase),
and the legacy layouts (the old CSV download, "Trade Value (US$)", and the old API JSON).

What it maps (one canonical row per Comtrade row, or the row is skipped with a reason):

- ``period``: annual rows (``freqCode`` A, ``refMonth`` 52, or only a year) become ``YYYY``;
  monthly rows ``YYYY-MM``.
- ``reporter``/``partner``: Comtrade's number through the reference's Comtrade table (ISO
  numeric, plus 842 USA, 757 CHE ..., 490 "Other Asia, nes" = TWN, 899 "Areas, nes" = XNS,
  837 bunkers = XBK, 530 Netherlands Antilles = ANT ...), else its alpha code (``S19``, ``_X``,
  ``W00``), else the text as read for the rules to refuse. Taiwan is said in the notes with its
  row count. Partner World (0 / W00) is kept as ``WLD``: the reporter's declared total, stored
  beside the partners and never added to them.
- ``flow``: X export, M import, RX re_export, RM re_import (legacy 2, 1, 3, 4). Other breakdown
  flows (DX, FM, processing) are skipped.
- ``value_usd``: ``primaryValue``; ``value_cif_usd``/``value_fob_usd``: ``cifvalue``/``fobvalue``;
  rounded (half away from zero) to the cent when the source carries thousandths (the notes give
  the rows and the total change).
- ``quantity``/``unit``: ``qty`` in the unit of ``qtyUnitCode`` (WCO codes of units.tsv);
  ``net_weight_kg``: ``netWgt``. ``hs_edition``: ``classificationCode`` H0 .. H6.
- ``hs_code``/``product_level``: ``TOTAL``, 2 and 4 digits are marked; 6 digits are lines.

Rows never double-counted, each skipped and counted by reason: partner2, customs-procedure
(not ``C00``) breakdowns beside their total; transport-mode total (``motCode`` 0) beside its
breakdown; coarser HS codes beside finer codes of the same cell (or every level but the one
asked for with ``--hs-level``).

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
    ascii_upper,
    missing_columns,
    rounded,
    sql_text,
    values_table,
)
from tradestats.adapters.load import load_csv, load_json_records
from tradestats.delimited.reader import BadLine
from tradestats.delimited.sniff import Problem
from tradestats.records import HS_EDITIONS
from tradestats.reference import load_reference

FLOWS = {"X": "export", "M": "import", "RX": "re_export", "RM": "re_import"}
FLOW_WORDS = {"export": "X", "import": "M", "re-export": "RX", "re-import": "RM"}
LEGACY_FLOWS = {"1": "M", "2": "X", "3": "RX", "4": "RM"}  # the old rgCode / Trade Flow Code
# Legacy column keys (old CSV download; old API JSON) -> the Comtrade Plus keys.
LEGACY = {
    "classification": "classificationcode", "pfcode": "classificationcode", "year": "refyear",
    "yr": "refyear", "tradeflowcode": "flowcode", "rgcode": "flowcode", "tradeflow": "flowdesc",
    "rtcode": "reportercode", "rt3iso": "reporteriso", "ptcode": "partnercode",
    "pt3iso": "partneriso", "2ndpartnercode": "partner2code", "ptcode2": "partner2code",
    "2ndpartneriso": "partner2iso", "customsproc.code": "customscode", "cstcode": "customscode",
    "modeoftransportcode": "motcode", "commoditycode": "cmdcode", "qtcode": "qtyunitcode",
    "qtyunit": "qtyunitabbr", "tradequantity": "qty", "netweight(kg)": "netwgt",
    "netweight": "netwgt", "tradevalue(us$)": "primaryvalue", "tradevalue": "primaryvalue",
    "ciftradevalue(us$)": "cifvalue", "fobtradevalue(us$)": "fobvalue",
}  # fmt: skip
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
    "customscode", "motcode", "primaryvalue", "qty", "qtyunitabbr", "netwgt", "qtyunitcode",
    "cifvalue", "fobvalue", "classificationcode",
)  # fmt: skip
EDITIONS = {code: edition for edition, code in HS_EDITIONS.items()}


def m49_table() -> dict[str, str]:
    """Comtrade (and BACI) partner number (no leading zeros) -> code.

    >>> t = m49_table()
    >>> t["842"], t["757"], t["156"], t["344"], t["490"], t["0"], t["899"]
    ('USA', 'CHE', 'CHN', 'HKG', 'TWN', 'WLD', 'XNS')
    """
    return load_reference().comtrade_numbers


def load_code_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Tables ``m49`` (number -> code) and ``alpha`` (Comtrade alpha code -> code)."""
    values_table(con, "m49", m49_table())
    values_table(con, "alpha", load_reference().comtrade_alphas)


def _iso(iso_col: str, code_col: str) -> str:
    """SQL: the code of Comtrade's number, else of its alpha code, else the text as read.

    The number decides: Comtrade gives some areas the alpha code of a country (492 "Europe EU,
    nes" is written MCO, Monaco's code). Alpha codes are looked up upper-cased only when ASCII.
    """
    number = f"CAST(TRY_CAST(trim({code_col}) AS INTEGER) AS VARCHAR)"
    return f"""coalesce((SELECT max(v) FROM m49 WHERE k = {number}),
        (SELECT max(v) FROM alpha WHERE k = {ascii_upper(iso_col)}),
        coalesce(NULLIF(trim({iso_col}), ''), trim({code_col})))"""


def _col(name: str, cols: set[str]) -> str:
    return f"NULLIF(trim({name}), '')" if name in cols else "NULL"


def mapping_sql(cols: set[str], options: Options) -> str:
    """The SELECT mapping table ``src`` (Comtrade columns as keys) to canonical text + skip."""
    c = {n: _col(n, cols) for n in OPTIONAL}
    year = f"coalesce({c['refyear']}, left({c['period']}, 4))"
    month = f"coalesce(lpad({c['refmonth']}, 2, '0'), NULLIF(substr({c['period']}, 5, 2), ''))"
    annual = f"(upper({c['freqcode']}) = 'A' OR {c['refmonth']} = '52' OR {month} IS NULL)"
    legacy = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in LEGACY_FLOWS.items())
    flow = (
        f"coalesce(CASE {c['flowcode']} {legacy} ELSE upper({c['flowcode']}) END, "
        f"CASE lower({c['flowdesc']}) "
        + " ".join(f"WHEN '{w}' THEN '{code}'" for w, code in FLOW_WORDS.items())
        + f" ELSE {c['flowdesc']} END)"
    )
    default_reporter = sql_text(options.reporter) if options.reporter else "NULL"
    value = rounded(c["primaryvalue"], 2)
    unit = f"""coalesce((SELECT max(v) FROM units WHERE k = {c["qtyunitcode"]}),
        CASE WHEN upper({c["qtyunitabbr"]}) <> 'N/A' THEN {c["qtyunitabbr"]} END)"""
    no_unit = f"({c['qtyunitcode']} IN ('-1', '1') OR upper({c['qtyunitabbr']}) = 'N/A')"
    has_qty = f"({c['qty']} IS NOT NULL AND NOT coalesce({no_unit}, false))"
    edition = (
        "CASE upper("
        + c["classificationcode"]
        + ") "
        + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in EDITIONS.items())
        + f" ELSE {c['classificationcode']} END"
    )
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
        coalesce({c["partner2code"]}, CASE WHEN upper({c["partner2iso"]}) = 'W00' THEN '0'
            ELSE {c["partner2iso"]} END) AS p2,
        upper({c["customscode"]}) AS customs, {c["motcode"]} AS mot,
        upper({c["cmdcode"]}) AS code,
        {c["primaryvalue"]} AS raw_value, {value} AS value_usd,
        {c["cifvalue"]} AS raw_cif, {rounded(c["cifvalue"], 2)} AS value_cif_usd,
        {c["fobvalue"]} AS raw_fob, {rounded(c["fobvalue"], 2)} AS value_fob_usd,
        CASE WHEN {has_qty} THEN {rounded(c["qty"], 3)} END AS quantity,
        CASE WHEN {has_qty} THEN {unit} END AS unit,
        {rounded(c["netwgt"], 3)} AS net_weight_kg, {edition} AS hs_edition,
        {c["partnercode"]} AS partner_number, {c["reportercode"]} AS reporter_number,
        upper(trim({c["partneriso"]})) AS partner_alpha, upper(trim({c["reporteriso"]}))
            AS reporter_alpha
        FROM src),
    s1 AS (SELECT *, {level} AS lvl, CASE
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
        hs_edition, value_cif_usd, value_fob_usd, net_weight_kg,
        raw_value AS _raw_value, raw_cif AS _raw_cif, raw_fob AS _raw_fob,
        (partner_raw = 'TWN' AND (partner_number = '490' OR partner_alpha = 'S19')) AS _twn_partner,
        (reporter = 'TWN' AND (reporter_number = '490' OR reporter_alpha = 'S19'))
            AS _twn_reporter,
        CASE WHEN _skip IS NOT NULL THEN _skip {level_rule} END AS _skip
    FROM s4 LEFT JOIN coarse USING (_line)"""


def _rounding_note(col: str, raw: str) -> str:
    return f"""SELECT '{col} rounded half away from zero to the cent on ' || count(*)
    || ' row(s) whose source value has thousandths (total change '
    || CAST(sum(CAST({col} AS DECIMAL(38,10)) - CAST({raw} AS DECIMAL(38,10))) AS VARCHAR)
    || ')' FROM mapped WHERE {col} IS DISTINCT FROM {raw}
    AND TRY_CAST({col} AS DECIMAL(38,10)) IS NOT NULL HAVING count(*) > 0"""


TAIWAN_NOTE = """SELECT 'Comtrade 490 "Other Asia, nes" (S19) read as TWN, Taiwan by Comtrade''s'
    || ' convention: ' || count(*) FILTER (WHERE _twn_partner) || ' row(s) as partner, '
    || count(*) FILTER (WHERE _twn_reporter) || ' as reporter'
    FROM mapped WHERE _skip IS NULL HAVING count(*) FILTER (WHERE _twn_partner OR _twn_reporter)
    > 0"""
PSEUDO_NOTE = """SELECT 'partners that are no country, kept under their codes: '
    || string_agg(partner || ' ' || n, ', ' ORDER BY partner) || ' row(s)'
    FROM (SELECT partner, count(*) AS n FROM mapped WHERE _skip IS NULL
        AND regexp_full_match(partner, 'X[A-JL-Z][A-Z]|WLD') GROUP BY partner)
    HAVING count(*) > 0"""
NOTES_SQL = " UNION ALL ".join(
    f"SELECT * FROM ({q})"
    for q in (
        _rounding_note("value_usd", "_raw_value"),
        _rounding_note("value_cif_usd", "_raw_cif"),
        _rounding_note("value_fob_usd", "_raw_fob"),
        TAIWAN_NOTE,
        PSEUDO_NOTE,
    )
)


def modern(keys: set[str]) -> set[str]:
    """Column keys with the legacy names read as the Comtrade Plus ones.

    >>> sorted(modern({"commoditycode", "tradevalue(us$)", "year"}))
    ['cmdcode', 'primaryvalue', 'refyear']
    """
    return {LEGACY.get(k, k) if LEGACY.get(k, k) not in keys else k for k in keys}


class ComtradeAdapter:
    """UN Comtrade extracts (API JSON, bulk CSV)."""

    name = "comtrade"
    description = "UN Comtrade API JSON or bulk CSV (cmdCode, primaryValue, ...)"

    def probe(self, head: Head) -> bool:
        keys = modern(head.keys)
        return {"cmdcode", "primaryvalue"} <= keys

    def check(self, head: Head, options: Options) -> list[Problem]:
        renamed = Head(head.path, head.sample, head.encoding, head.text, list(modern(head.keys)))
        return missing_columns(renamed, NEEDED)

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
            load_code_tables(con)
            units = {u.comtrade: u.code for u in load_reference().units.values() if u.comtrade}
            values_table(con, "units", units)
            cols = {r[0] for r in con.execute("DESCRIBE src").fetchall()}
            for old, new in LEGACY.items():  # the legacy layouts' names, where they are alone
                if old in cols and new not in cols:
                    con.execute(f'ALTER TABLE src RENAME COLUMN "{old}" TO {new}')
                    cols = (cols - {old}) | {new}
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
