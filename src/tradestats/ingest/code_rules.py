"""The code rules that need reference data: partners and reporters (with former codes valid for
their dates), look-alike letters, ISO 4217 currencies, units of quantity and HS editions.

Each function gives a SQL expression over the batch's cleaned text columns (see ``rules.py``).
Codes are upper- or lower-cased only when they are ASCII: DuckDB's ``upper()``, like Python's,
turns the look-alikes ``'uſa'`` (long s) and ``'ınd'`` (dotless i) into ``'USA'`` and ``'IND'``,
and ``lower()`` turns the Kelvin sign into ``k``. Such a code is refused, naming the code it
imitates, never read as it.

Example:
    >>> "ts_currency" in code_vocabularies()
    True
    >>> ascii_case("partner", "upper").endswith("THEN upper(trim(partner)) ELSE trim(partner) END")
    True
"""

from __future__ import annotations

from functools import lru_cache

from tradestats.records import HS_EDITIONS, MONEY_COLUMNS
from tradestats.reference.currencies import currencies
from tradestats.sqltext import literal, quoted_sql

OWN_COLUMN = {"CNY": "value_cny", "USD": "value_usd", "EUR": "value_eur"}
ASCII = "'[\\x00-\\x7F]*'"


def _in_list(values: object) -> str:
    return "[" + ", ".join(literal(v) for v in sorted(values)) + "]"  # type: ignore[call-overload]


def _map(pairs: dict[str, str]) -> str:
    return (
        "MAP {" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in sorted(pairs.items())) + "}"
    )


@lru_cache(maxsize=1)
def _reference() -> tuple[dict[str, tuple[str, str]], dict[str, str], frozenset[str]]:
    from tradestats.reference import load_reference

    ref = load_reference()
    return ref.former_codes, dict(ref.unit_spellings), frozenset(ref.units)


def code_vocabularies() -> dict[str, list[str]]:
    """The fast lane's enum types for the codes of this module (exact canonical spellings)."""
    _, _, units = _reference()
    return {
        "ts_unit": sorted(units),
        "ts_currency": sorted(currencies() - set(OWN_COLUMN)),
        "ts_edition": list(HS_EDITIONS),
    }


def ascii_case(col: str, fn: str) -> str:
    """``fn`` (upper or lower) of ``col`` trimmed, only when it is ASCII; else only trimmed."""
    t = f"trim({col})"
    return f"CASE WHEN regexp_full_match({t}, {ASCII}) THEN {fn}({t}) ELSE {t} END"


def lookalike(col: str, known: str) -> str:
    """SQL condition: ``col`` is not ASCII but its case mapping is a code of ``known``."""
    return f"(NOT regexp_full_match({col}, {ASCII}) AND list_contains({known}, upper({col})))"


def _lookalike_reason(col: str) -> str:
    return (
        f"{quoted_sql(col)} || ' has a letter outside A-Z that looks like '''"
        f" || upper({col}) || ''': refused, never read as ' || upper({col})"
    )


def _first_day(period: str = "period") -> str:
    """The first day of a period as text (a month, a year, or a range of months)."""
    return f"""CASE WHEN length({period}) >= 7 THEN substr({period}, 1, 7) || '-01'
        ELSE {period} || '-01-01' END"""


def _last_day(period: str = "period") -> str:
    """A text at or after the period's last day (day 31 sorts after every day of a month)."""
    return f"""CASE WHEN length({period}) = 4 THEN {period} || '-12-31'
        ELSE right({period}, 7) || '-31' END"""


def partner_reason(col: str, partners: list[str], required: bool) -> str:
    """Why a partner (or reporter) code is invalid, NULL when valid.

    Current codes (ISO countries, WLD, pseudo-partners) are valid in every period; a former
    ISO 3166-3 code only for periods that start on or before its last valid day (and end on or
    after its first). A look-alike is refused naming the code it imitates.
    """
    formers, _, _ = _reference()
    known = _in_list(set(partners) | set(formers))
    partners = current_codes(partners)
    until = _map({c: to for c, (_, to) in formers.items() if to})
    since = _map({c: fr for c, (fr, _) in formers.items() if fr})
    missing = f"WHEN {col} IS NULL THEN 'missing'" if required else f"WHEN {col} IS NULL THEN NULL"
    return f"""CASE {missing}
        WHEN list_contains({_in_list(partners)}, {col}) THEN NULL
        WHEN {lookalike(col, known)} THEN {_lookalike_reason(col)}
        WHEN NOT list_contains({known}, {col})
            THEN {quoted_sql(col)} || ' is not an ISO 3166-1 alpha-3 country code'
        WHEN period IS NULL OR NOT regexp_full_match(period, '[0-9]{{4}}(-[0-9]{{2}})?(\\.\\.[0-9]{{4}}-[0-9]{{2}})?')
            THEN NULL
        WHEN {until}[{col}] IS NOT NULL AND {_first_day()} > {until}[{col}]
            THEN {quoted_sql(col)} || ' is a former code, valid until ' || {until}[{col}]
            || '; period ' || period || ' is later'
        WHEN {since}[{col}] IS NOT NULL AND {_last_day()} < {since}[{col}]
            THEN {quoted_sql(col)} || ' is valid from ' || {since}[{col}] || '; period ' || period
            || ' is earlier' END"""  # noqa: E501


def current_codes(partners: list[str]) -> list[str]:
    """The codes valid in every period: ``partners`` without the former (dated) codes."""
    formers, _, _ = _reference()
    return sorted(set(partners) - set(formers))


def fast_partner(col: str, optional: bool) -> str:
    """Fast-lane test: ``col`` is a current code as written (former codes take the rules)."""
    found = f"TRY_CAST({col} AS ts_iso3) IS NOT NULL"
    return f"(coalesce({col}, '') = '' OR {found})" if optional else found


def currency_reason() -> str:
    """Why ``currency`` is invalid (with ``value_local``, which it must accompany)."""
    known = _in_list(currencies())
    own = " ".join(f"WHEN '{c}' THEN 'value_{c.lower()}'" for c in OWN_COLUMN)
    return f"""CASE WHEN currency IS NULL AND value_local IS NOT NULL
            THEN 'missing: value_local needs the ISO 4217 code of its currency'
        WHEN currency IS NULL THEN NULL
        WHEN {lookalike("currency", known)} THEN {_lookalike_reason("currency")}
        WHEN NOT list_contains({known}, currency)
            THEN {quoted_sql("currency")} || ' is not an ISO 4217 currency code'
        WHEN currency IN ('CNY', 'USD', 'EUR') THEN {quoted_sql("currency")} || ' values go in '
            || CASE currency {own} END || ', not value_local'
        WHEN value_local IS NULL THEN {quoted_sql("currency")} || ' is given without value_local'
        END"""


def fast_currency() -> str:
    """Fast-lane test: currency a listed code exactly, given together with value_local."""
    both = "((coalesce(currency, '') = '') = (coalesce(value_local, '') = ''))"
    return f"((coalesce(currency, '') = '' OR TRY_CAST(currency AS ts_currency) IS NOT NULL) AND {both})"  # noqa: E501


def unit_clean() -> str:
    """The unit's code: a known spelling (any case when ASCII, spaces collapsed) -> its code."""
    _, spellings, _ = _reference()
    spaced = "regexp_replace(trim(unit), '\\s+', ' ', 'g')"
    key = f"CASE WHEN regexp_full_match({spaced}, {ASCII}) THEN lower({spaced}) ELSE {spaced} END"
    return f"coalesce({_map(spellings)}[{key}], NULLIF(trim(unit), ''))"


def unit_reason() -> str:
    """Why ``unit`` is invalid: unknown, or missing beside a quantity."""
    _, _, units = _reference()
    return f"""CASE WHEN unit IS NULL AND quantity IS NOT NULL
            THEN 'missing: quantity ' || {quoted_sql("quantity")} || ' needs its unit'
        WHEN NOT list_contains({_in_list(units)}, unit)
            THEN {quoted_sql("unit")} || ' is not a unit of quantity of units.tsv (WCO standard'
            || ' units: kg, u, 2u, 12u, l, m, m2, m3, 1000 kg, carat ...)' END"""


def fast_unit() -> str:
    """Fast-lane test: the unit a code exactly, and present whenever a quantity is."""
    has_qty = "coalesce(quantity, '') <> ''"
    return f"((coalesce(unit, '') = '' AND NOT {has_qty}) OR TRY_CAST(unit AS ts_unit) IS NOT NULL)"


def edition_clean() -> str:
    """The HS edition, Comtrade's H0 .. H6 read as HS1992 .. HS2022."""
    comtrade = {code: edition for edition, code in HS_EDITIONS.items()}
    return f"coalesce({_map(comtrade)}[{ascii_case('hs_edition', 'upper')}], NULLIF({ascii_case('hs_edition', 'upper')}, ''))"  # noqa: E501


def edition_reason() -> str:
    """Why ``hs_edition`` is invalid."""
    return f"""CASE WHEN NOT list_contains({_in_list(HS_EDITIONS)}, hs_edition)
        THEN {quoted_sql("hs_edition")} || ' is not an HS edition (HS1992, HS1996, HS2002, HS2007,'
        || ' HS2012, HS2017, HS2022, or Comtrade''s H0 .. H6)' END"""


def measure_reason() -> str:
    """A row needs a value (in some currency) or a quantity."""
    cols = (*MONEY_COLUMNS, "value_local", "quantity", "net_weight_kg")
    none = " AND ".join(f"{c} IS NULL" for c in cols)
    return (
        f"CASE WHEN {none} THEN 'value_cny and value_usd are both missing (and value_eur,"
        " value_local, quantity, net_weight_kg): a row needs a value or a quantity' END"
    )
