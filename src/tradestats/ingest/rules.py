"""The record rules as one DuckDB SELECT over a batch of text columns.

Each field gets a cleaned text value, a typed value, and a reason when it breaks its rule. The
whole batch is checked in one vectorised statement; a row is accepted when it has no reason.

Most rows are already in canonical form (no spaces to trim, no thousands separators, codes in
their case). A cheap "fast lane" test recognises them with enum look-ups and one pattern per
number; only the other rows pay for cleaning and for the explanations. A row in the fast lane
is one the full rules accept unchanged, so the lane changes the speed, never the outcome.

Example:
    >>> "period" in validation_sql(["AFG"])
    True
"""

from __future__ import annotations

import duckdb

from tradestats.delimited.sql import FREE_TEXT, as_written
from tradestats.ingest import code_rules
from tradestats.ingest.code_rules import ascii_case
from tradestats.records import (
    COLUMN_NAMES,
    COLUMNS,
    LOCAL_SCALE,
    MEASURE_COLUMNS,
    MONEY_COLUMNS,
    PROVINCE_CODES,
    QUANTITY_SCALE,
    VALUATION_COLUMNS,
    VALUE_SCALE,
    BrandType,
    EnterpriseType,
    Flow,
    ProductLevel,
)
from tradestats.sqltext import literal, quoted_sql

MAX_TEXT = 1000  # longer free-text fields are refused (they are never real codes or units)
READ_SQL = "DECIMAL(38,10)"  # precision used to account for values read, valid or not
YEAR_PATTERN = "(19[5-9][0-9]|20[0-9][0-9]|2100)"
MONTH_PATTERN = f"{YEAR_PATTERN}-(0[1-9]|1[0-2])"
# A month, a year (annual data), or months first..last of one year (cumulative data, or
# January-February published together): never split into invented single months.
PERIOD_PATTERN = f"{MONTH_PATTERN}|{YEAR_PATTERN}|{MONTH_PATTERN}\\.\\.{MONTH_PATTERN}"


MONEY_FORM = f"[0-9]{{1,16}}(\\.[0-9]{{1,{VALUE_SCALE}}})?"
QUANTITY_FORM = f"[0-9]{{1,15}}(\\.[0-9]{{1,{QUANTITY_SCALE}}})?"
LOCAL_FORM = f"[0-9]{{1,18}}(\\.[0-9]{{1,{LOCAL_SCALE}}})?"
NUMBERS = {  # column -> (decimals, digits before the point)
    **{c: (VALUE_SCALE, 16) for c in (*MONEY_COLUMNS, *VALUATION_COLUMNS)},
    "quantity": (QUANTITY_SCALE, 15),
    "net_weight_kg": (QUANTITY_SCALE, 15),
    "value_local": (LOCAL_SCALE, 18),
}


def canonical_periods() -> list[str]:
    """Every month and year the period rule accepts, written canonically (ranges excluded).

    >>> p = canonical_periods(); p[0], p[-1], len(p)
    ('1950', '2100-12', 1963)
    """
    years = [str(y) for y in range(1950, 2101)]
    return years + [f"{y}-{m:02d}" for y in years for m in range(1, 13)]


def vocabularies(partners: list[str]) -> dict[str, list[str]]:
    """The closed code lists of the fast lane, as DuckDB enum types (a hash look-up per value)."""
    return {
        "ts_period": canonical_periods(),
        "ts_flow": Flow.values(),
        "ts_iso3": code_rules.current_codes(partners),  # former codes take the full rules
        "ts_enterprise": EnterpriseType.values(),
        "ts_region": sorted(PROVINCE_CODES),
        "ts_brand": BrandType.values(),
        **code_rules.code_vocabularies(),
    }


def create_types(con: duckdb.DuckDBPyConnection, partners: list[str]) -> None:
    """Create the enum types that :func:`validation_sql` uses, on ``con``.

    >>> con = duckdb.connect(); create_types(con, ["USA"])
    >>> con.sql("SELECT TRY_CAST('USA' AS ts_iso3), TRY_CAST(' USA' AS ts_iso3)").fetchall()
    [('USA', None)]
    """
    for name, values in vocabularies(partners).items():
        con.execute(f"DROP TYPE IF EXISTS {name}")
        con.execute(f"CREATE TYPE {name} AS ENUM ({', '.join(map(literal, values))})")


def _member(col: str, enum: str, optional: bool = True) -> str:
    found = f"TRY_CAST({col} AS {enum}) IS NOT NULL"
    return f"(coalesce({col}, '') = '' OR {found})" if optional else found


def _form(col: str, pattern: str) -> str:
    return f"(coalesce({col}, '') = '' OR regexp_full_match({col}, '{pattern}'))"


def fast_lane_sql() -> str:
    """True for a row every rule accepts as it is written (to be read over the raw columns).

    Codes must be members of their list exactly (no spaces, canonical case), numbers plain
    digits with at most the allowed decimals, free text short enough, product codes 6 to 10
    digits with no product level. Anything else takes the full rules.
    """
    some_measure = " OR ".join(f"coalesce({c}, '') <> ''" for c in MEASURE_COLUMNS)
    tests = [
        _member("period", "ts_period", optional=False),
        _member("flow", "ts_flow", optional=False),
        "coalesce(product_level, '') = ''",
        "regexp_full_match(hs_code, '[0-9]{6,10}')",
        code_rules.fast_partner("partner", optional=False),
        code_rules.fast_partner("reporter", optional=True),
        *(_form(c, MONEY_FORM) for c in (*MONEY_COLUMNS, *VALUATION_COLUMNS)),
        f"({some_measure})",
        _form("quantity", QUANTITY_FORM),
        _form("net_weight_kg", QUANTITY_FORM),
        _form("value_local", LOCAL_FORM),
        code_rules.fast_currency(),
        code_rules.fast_unit(),
        _member("hs_edition", "ts_edition"),
        _form("trade_mode", "[0-9]{4}"),
        _member("enterprise_type", "ts_enterprise"),
        _member("region", "ts_region"),
        _member("brand_type", "ts_brand"),
        *(f"coalesce(length({c}), 0) <= {MAX_TEXT}" for c in FREE_TEXT),
    ]
    return "(" + "\n        AND ".join(tests) + ")"


def _in_list(values: list[str] | frozenset[str]) -> str:
    return "[" + ", ".join(literal(v) for v in sorted(values)) + "]"


def _number_clean(col: str) -> str:
    """Text of a number with thousands separators removed (only when they are well placed)."""
    t = f"trim({col})"
    return (
        f"CASE WHEN contains({col}, ',') "
        f"AND regexp_full_match({t}, '[0-9]{{1,3}}(,[0-9]{{3}})+(\\.[0-9]+)?') "
        f"THEN replace({t}, ',', '') ELSE {t} END"
    )


def _number_reason(c: str, scale: int, digits: int) -> str:
    # The first test accepts the common case with one regular expression; the others explain.
    return f"""CASE
        WHEN regexp_full_match({c}, '[0-9]{{1,{digits}}}(\\.[0-9]{{1,{scale}}})?') THEN NULL
        WHEN lower({c}) IN ('nan', '+nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '-infinity')
            THEN {quoted_sql(c)} || ' is not a finite number'
        WHEN regexp_full_match({c}, '-[0-9]+(\\.[0-9]+)?') THEN {quoted_sql(c)} || ' is negative'
        WHEN NOT regexp_full_match({c}, '[0-9]+(\\.[0-9]+)?')
            THEN {quoted_sql(c)} || ' is not a number'
        WHEN NOT regexp_full_match({c}, '[0-9]+(\\.[0-9]{{0,{scale}}}0*)?')
            THEN {quoted_sql(c)} || ' has more than {scale} decimal places'
        WHEN length(split_part({c}, '.', 1)) > {digits} THEN {quoted_sql(c)} || ' is too large'
    END"""


def _clean_exprs() -> dict[str, str]:
    """column -> its cleaned text (trimmed, canonical case, thousands separators removed)."""
    exprs = {
        "period": "NULLIF(trim(period), '')",
        "flow": f"NULLIF({ascii_case('flow', 'lower')}, '')",
        "hs_code": f"NULLIF({ascii_case('hs_code', 'upper')}, '')",
        "partner": f"NULLIF({ascii_case('partner', 'upper')}, '')",
    }
    exprs |= {c: f"NULLIF({_number_clean(c)}, '')" for c in NUMBERS}
    exprs |= {
        c: f"NULLIF(trim({c}), '')"
        for c in ("trade_mode", "enterprise_id", "region", "brand_type", "transport_mode")
    }
    exprs |= {
        "enterprise_type": f"NULLIF({ascii_case('enterprise_type', 'lower')}, '')",
        "reporter": f"NULLIF({ascii_case('reporter', 'upper')}, '')",
        "product_level": f"NULLIF({ascii_case('product_level', 'lower')}, '')",
        "unit": code_rules.unit_clean(),
        "currency": f"NULLIF({ascii_case('currency', 'upper')}, '')",
        "hs_edition": code_rules.edition_clean(),
    }
    return exprs


def fast_select(source: str) -> str:
    """The rows of ``source`` (raw text columns) in the fast lane, typed as the store keeps them.

    >>> "WHERE" in fast_select("raw")
    True
    """
    typed = ", ".join(f"CAST({as_written(c.name)} AS {c.sql_type}) AS {c.name}" for c in COLUMNS)
    return f"SELECT {typed} FROM {source} WHERE {fast_lane_sql()}"


def _clean_columns() -> str:
    """The cleaned columns; rows in the fast lane are already clean (only '' becomes NULL)."""
    out = []
    for col, clean in _clean_exprs().items():
        out.append(f"CASE WHEN _fast THEN {as_written(col)} ELSE {clean} END AS {col}")
    return "_line, _fast,\n        " + ",\n        ".join(out)


def _reasons(partners: list[str]) -> dict[str, str]:
    """field -> SQL expression giving the reason it is invalid (NULL when valid)."""
    reasons = {
        "period": f"""CASE WHEN period IS NULL THEN 'missing'
            WHEN NOT regexp_full_match(period, '{PERIOD_PATTERN}')
            THEN {quoted_sql("period")} || ' is not a month written YYYY-MM'
                || ' (nor a year YYYY, nor a range YYYY-MM..YYYY-MM)'
            WHEN length(period) = 16 AND (left(period, 4) <> substr(period, 10, 4)
                OR substr(period, 6, 2) > substr(period, 15, 2))
            THEN {quoted_sql("period")} || ' is not a range of months inside one year' END""",
        "flow": f"""CASE WHEN flow IS NULL THEN 'missing'
            WHEN NOT list_contains({_in_list(Flow.values())}, flow)
            THEN {quoted_sql("flow")} || ' is not export or import (nor re_export, re_import)'
            END""",
        "hs_code": f"""CASE WHEN hs_code IS NULL THEN 'missing'
            WHEN product_level = 'total' AND hs_code <> 'TOTAL'
            THEN {quoted_sql("hs_code")} || ' is not TOTAL (product_level total)'
            WHEN product_level IN ('2', '4') AND NOT regexp_full_match(hs_code,
                '[0-9]{{' || product_level || '}}')
            THEN {quoted_sql("hs_code")} || ' is not ' || product_level
                || ' digits (product_level ' || product_level || ')'
            WHEN product_level IS NOT NULL THEN NULL
            WHEN NOT regexp_full_match(hs_code, '[0-9]+')
            THEN {quoted_sql("hs_code")} || ' is not digits'
            WHEN length(hs_code) < 6 THEN {quoted_sql("hs_code")} || ' has ' || length(hs_code)
                || ' digits, 6 to 10 expected (a leading zero lost? coarser codes need'
                || ' product_level)'
            WHEN length(hs_code) > 10 THEN {quoted_sql("hs_code")} || ' has ' || length(hs_code)
                || ' digits, 6 to 10 expected' END""",
        "product_level": f"""CASE WHEN NOT list_contains({_in_list(ProductLevel.values())},
            product_level) THEN {quoted_sql("product_level")} || ' is not one of '
            || '{", ".join(ProductLevel.values())}' END""",
        "partner": code_rules.partner_reason("partner", partners, required=True),
        "reporter": code_rules.partner_reason("reporter", partners, required=False),
        **{c: _number_reason(c, scale, digits) for c, (scale, digits) in NUMBERS.items()},
        "value": code_rules.measure_reason(),
        "currency": code_rules.currency_reason(),
        "unit": code_rules.unit_reason(),
        "hs_edition": code_rules.edition_reason(),
        "trade_mode": f"""CASE WHEN NOT regexp_full_match(trade_mode, '[0-9]{{4}}')
            THEN {quoted_sql("trade_mode")} || ' is not a 4-digit trade mode code' END""",
        "enterprise_type": f"""CASE WHEN NOT list_contains({_in_list(EnterpriseType.values())},
            enterprise_type) THEN {quoted_sql("enterprise_type")} || ' is not one of '
            || '{", ".join(EnterpriseType.values())}' END""",
        "region": f"""CASE WHEN NOT list_contains({_in_list(PROVINCE_CODES)}, region)
            THEN {quoted_sql("region")} || ' is not a 2-digit GB/T 2260 province code' END""",
        "brand_type": f"""CASE WHEN NOT list_contains({_in_list(BrandType.values())}, brand_type)
            THEN {quoted_sql("brand_type")} || ' is not a brand type 0 to 4' END""",
    }
    for free in FREE_TEXT:
        reasons[free] = (
            f"CASE WHEN length({free}) > {MAX_TEXT} THEN 'longer than {MAX_TEXT} characters ('"
            f" || format('{{:,}}', length({free})) || ' characters)' END"
        )
    return reasons


def _typed() -> str:
    """The canonical columns of a checked row, numbers typed where their rule passed."""
    return ",\n        ".join(
        f"CASE WHEN _r_{c.name} IS NULL THEN CAST({c.name} AS {c.sql_type}) END AS {c.name}"
        if c.name in NUMBERS
        else c.name
        for c in COLUMNS
    )


def validation_sql(partners: list[str], source: str = "raw_batch", fast: bool = True) -> str:
    """SELECT giving typed columns, ``_fields``/``_reasons`` of problems, values as read, a hash.

    Blank rows are dropped. Only invalid rows carry their values parsed for the reconciliation;
    their text as read is taken from the source batch by ``_line``. The enum types of
    :func:`create_types` must exist on the connection. ``fast=False`` sends every row through
    the full rules (the lane's oracle in the tests).
    """
    fast_test = fast_lane_sql() if fast else "false"
    reasons = _reasons(partners)
    blank = " AND ".join(f"coalesce(trim({c}), '') = ''" for c in COLUMN_NAMES)
    checks = ", ".join(f"CASE WHEN NOT _fast THEN {r} END AS _r_{f}" for f, r in reasons.items())
    fields = ", ".join(f"CASE WHEN _r_{f} IS NOT NULL THEN '{f}' END" for f in reasons)
    texts = ", ".join(f"'{f}: ' || _r_{f}" for f in reasons)
    any_bad = " OR ".join(f"_r_{f} IS NOT NULL" for f in reasons)
    return f"""
    WITH s AS (SELECT *, {fast_test} AS _fast FROM {source}),
    c AS (SELECT {_clean_columns()} FROM s WHERE _fast OR NOT ({blank})),
    r AS (SELECT *, {checks} FROM c),
    b AS (SELECT *, (NOT _fast AND ({any_bad})) AS _bad FROM r),
    checked AS (SELECT
        _line,
        CASE WHEN _bad THEN concat_ws(',', {fields}) END AS _fields,
        CASE WHEN _bad THEN concat_ws('; ', {texts}) END AS _reasons,
        {_typed()},
        CASE WHEN _bad THEN TRY_CAST(value_cny AS {READ_SQL}) END AS _read_cny,
        CASE WHEN _bad THEN TRY_CAST(value_usd AS {READ_SQL}) END AS _read_usd
    FROM b)
    SELECT *, hash({", ".join(COLUMN_NAMES)}) AS _h FROM checked"""
