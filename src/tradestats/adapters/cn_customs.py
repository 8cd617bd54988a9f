"""China customs online query platform exports: GBK CSV with Chinese headers.

Columns read (others ignored): 数据年月 (period), 商品编码 (HS), 贸易伙伴编码 / 贸易伙伴名称
(partner), 贸易方式编码 (trade mode), 注册地编码 (region: its first two digits, the GB/T 2260
province), 第一数量 / 第一计量单位 (quantity, unit), 人民币 or 美元 (value; the currency is taken
from the header), and a flow column (进出口, 进出口类型 or 流向: 出口 / 进口) or ``--flow``.

- Partners: with ``--code-table FILE`` the customs 3-digit code is looked up in a Single Window
  table (customs 344 is Russia, while ISO numeric 344 is Hong Kong); otherwise the partner's name
  (Chinese or English) is matched against the packaged country names and ``NAME_ALIASES``. A
  partner that matches nothing keeps its text and is quarantined: never guessed.
- Periods: ``202503``, ``2025-03``, ``2025年3月`` are months. A January-February combined figure
  (``2025年1-2月``, ``202501-02``, ``202501-202502``) is stored as the range
  ``2025-01..2025-02``, never split into invented months. Cumulative (year-to-date) files, marked
  累计 in the value header or ``--cumulative``, are stored as ``2025-01..2025-MM`` ranges.
- Values keep their thousands separators for the rules to check; HS codes of 2 or 4 digits are
  marked ``product_level`` 2 / 4.

Example:
    >>> partner_names()["俄罗斯联邦"], partner_names()["中国香港"]
    ('RUS', 'HKG')
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import duckdb

from tradestats.adapters.base import Head, Options, SqlSource, sql_text, values_table
from tradestats.adapters.load import load_csv
from tradestats.delimited.reader import BadLine
from tradestats.delimited.sniff import Problem
from tradestats.errors import UsageError
from tradestats.reference import load_reference

# Spellings the customs platform uses that differ from the packaged country names.
NAME_ALIASES = {
    "俄罗斯联邦": "RUS",
    "香港": "HKG",
    "澳门": "MAC",
    "台澎金马关税区": "TWN",
    "中国台湾省": "TWN",
    "台湾": "TWN",
    "大韩民国": "KOR",
    "朝鲜民主主义人民共和国": "PRK",
    "英国": "GBR",
    "美利坚合众国": "USA",
    "越南社会主义共和国": "VNM",
    "korea, republic of": "KOR",
    "republic of korea": "KOR",
    "russian federation": "RUS",
    "russia": "RUS",
    "united states of america": "USA",
    "hong kong, china": "HKG",
    "taiwan, china": "TWN",
    "viet nam": "VNM",
}
FLOW_WORDS = {"出口": "export", "进口": "import", "export": "export", "import": "import"}
FIELDS = {
    "period": ("数据年月", "年月"),
    "hs": ("商品编码",),
    "partner_code": ("贸易伙伴编码", "国别编码"),
    "partner_name": ("贸易伙伴名称", "国别名称", "贸易伙伴"),
    "trade_mode": ("贸易方式编码",),
    "region": ("注册地编码", "收发货人注册地编码"),
    "quantity": ("第一数量",),
    "unit": ("第一计量单位",),
    "flow": ("进出口", "进出口类型", "流向"),
}


def norm(name: str) -> str:
    """Lookup key of a partner name: lower case, no spaces (the code tables strip them)."""
    return "".join(name.split()).lower()


@lru_cache(maxsize=1)
def partner_names() -> dict[str, str]:
    """Partner name (Chinese or English, normalised) -> ISO alpha-3."""
    out = {norm(a): iso for a, iso in NAME_ALIASES.items()}
    for c in load_reference().countries:
        for name in (c.name_zh, c.name_en):
            if name:
                out.setdefault(norm(name), c.iso3)
    return out


def read_code_table(path: Path) -> dict[str, str]:
    """Customs 3-digit partner code -> ISO alpha-3, from a Single Window JSON table.

    Accepts CusCountry.json (COUNTRY_CODE, ISO_E), CusMappingCountryCode.json
    (CUSTOMS_COUNTRY_CODE, COUNTRY_CODE) or SwCountry.json (CUS_CODE, GB_CODE_V3), or a CSV of
    ``code,iso3``. Codes without an alpha-3 (701 unknown) are left out, so they are quarantined.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read the code table {path}: {err}") from err
    pairs: dict[str, str] = {}
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except (ValueError, RecursionError) as err:
            raise UsageError(f"the code table {path} is not readable JSON: {err}") from err
        for rec in records if isinstance(records, list) else []:
            if not isinstance(rec, dict):
                continue
            for code_key, iso_key in (
                ("CUSTOMS_COUNTRY_CODE", "COUNTRY_CODE"),
                ("CUS_CODE", "GB_CODE_V3"),
                ("COUNTRY_CODE", "ISO_E"),
            ):
                code, iso = rec.get(code_key), rec.get(iso_key)
                if code and iso and len(str(iso)) == 3:
                    pairs.setdefault(str(code).strip(), str(iso).strip().upper())
                    break
    else:
        for line in text.splitlines()[1:]:
            cells = [c.strip() for c in line.split(",")]
            if len(cells) >= 2 and cells[0] and len(cells[1]) == 3:
                pairs[cells[0]] = cells[1].upper()
    if not pairs:
        raise UsageError(f"the code table {path} maps no customs code to an alpha-3 code")
    return pairs


def _find(header: list[str], names: tuple[str, ...]) -> str | None:
    for h in header:
        if h.strip() in names:
            return h.strip()
    return None


def _value_columns(header: list[str]) -> dict[str, str]:
    """Currency column -> header name: 人民币 is yuan, 美元 dollars."""
    out = {}
    for h in header:
        if "人民币" in h:
            out["value_cny"] = h.strip()
        elif "美元" in h:
            out["value_usd"] = h.strip()
    return out


def _q(name: str | None) -> str:
    """SQL: the trimmed text of column ``name`` (a header cell: its quotes are escaped)."""
    if not name:
        return "NULL"
    ident = '"' + name.replace('"', '""') + '"'
    return f"NULLIF(trim(src.{ident}), '')"


PERIOD_SQL = r"""CASE
    WHEN regexp_full_match(p, '(\d{4})(\d{2})-(\d{4})?(\d{2})') THEN left(p, 4) || '-'
        || substr(p, 5, 2) || '..' || left(p, 4) || '-' || right(p, 2)
    WHEN regexp_full_match(p, '(\d{4})年(\d{1,2})-(\d{1,2})月') THEN
        regexp_extract(p, '^(\d{4})', 1) || '-'
        || lpad(regexp_extract(p, '年(\d{1,2})-', 1), 2, '0') || '..'
        || regexp_extract(p, '^(\d{4})', 1) || '-'
        || lpad(regexp_extract(p, '-(\d{1,2})月', 1), 2, '0')
    WHEN regexp_full_match(p, '\d{6}') THEN left(p, 4) || '-' || right(p, 2)
    WHEN regexp_full_match(p, '\d{4}-\d{2}') THEN p
    WHEN regexp_full_match(p, '(\d{4})年(\d{1,2})月') THEN regexp_extract(p, '^(\d{4})', 1)
        || '-' || lpad(regexp_extract(p, '年(\d{1,2})月', 1), 2, '0')
    ELSE p END"""


def mapping_sql(header: list[str], options: Options, cumulative: bool, coded: bool) -> str:
    """The SELECT mapping the platform's columns (table ``src``) to canonical text."""
    f = {k: _find(header, names) for k, names in FIELDS.items()}
    money = _value_columns(header)
    flow = (
        f"coalesce((SELECT max(v) FROM flows WHERE k = lower({_q(f['flow'])})), {_q(f['flow'])})"
        if f["flow"]
        else sql_text(options.flow or "")
    )
    by_code = f"(SELECT max(v) FROM codes WHERE k = {_q(f['partner_code'])})" if coded else "NULL"
    by_name = f"""(SELECT max(v) FROM names WHERE k = lower(regexp_replace(
        {_q(f["partner_name"])}, '\\s', '', 'g')))"""
    shown = f"coalesce({_q(f['partner_name'])}, {_q(f['partner_code'])})"
    partner = (
        f"coalesce({by_code}, {by_name}, {shown})"
        if not coded
        else (f"coalesce({by_code}, 'customs code ' || {_q(f['partner_code'])})")
    )
    period = f"(SELECT {PERIOD_SQL} FROM (SELECT {_q(f['period'])} AS p))"
    if cumulative:  # year-to-date through the month: January .. that month
        period = f"""(SELECT CASE WHEN regexp_full_match(m, '\\d{{4}}-(0[2-9]|1[0-2])')
            THEN left(m, 4) || '-01..' || m ELSE m END FROM (SELECT {period} AS m))"""
    hs = _q(f["hs"])
    region = _q(f["region"])
    return f"""SELECT _line, {period} AS period, {flow} AS flow, {hs} AS hs_code,
        {partner} AS partner, {_q(money.get("value_cny"))} AS value_cny,
        {_q(money.get("value_usd"))} AS value_usd, NULL AS value_eur,
        {_q(f["quantity"])} AS quantity,
        {_q(f["unit"])} AS unit, {_q(f["trade_mode"])} AS trade_mode, NULL AS enterprise_id,
        NULL AS enterprise_type,
        CASE WHEN regexp_full_match({region}, '\\d{{2}}|\\d{{5}}|\\d{{6}}') THEN left({region}, 2)
            ELSE {region} END AS region,
        NULL AS brand_type, NULL AS transport_mode, 'CHN' AS reporter,
        CASE length({hs}) WHEN 2 THEN '2' WHEN 4 THEN '4' END AS product_level,
        NULL AS _skip
    FROM src"""


class CnCustomsAdapter:
    """China customs query-platform CSV exports (GBK, Chinese headers)."""

    name = "cn-customs"
    description = "China customs query platform CSV (数据年月, 商品编码, 贸易伙伴 ..., GBK)"

    def probe(self, head: Head) -> bool:
        header = [h.strip() for h in head.header]
        return "商品编码" in header and _find(header, FIELDS["period"]) is not None

    def check(self, head: Head, options: Options) -> list[Problem]:
        name, header = str(head.path), [h.strip() for h in head.header]
        problems = []
        needed = {"period": "数据年月", "hs": "商品编码"}
        missing = [label for k, label in needed.items() if _find(header, FIELDS[k]) is None]
        if _find(header, FIELDS["partner_name"]) is None and (
            options.code_table is None or _find(header, FIELDS["partner_code"]) is None
        ):
            missing.append("贸易伙伴名称 (or 贸易伙伴编码 with --code-table)")
        if not _value_columns(header):
            missing.append("人民币 or 美元 (the value)")
        if missing:
            problems.append(Problem(name, 1, None, f"missing column(s): {', '.join(missing)}"))
        if _find(header, FIELDS["flow"]) is None and options.flow not in ("export", "import"):
            problems.append(
                Problem(name, 1, None, "no flow column (进出口): pass --flow export or import")
            )
        return problems

    def open(self, head: Head, options: Options) -> SqlSource:
        path, encoding = head.path, head.encoding or "gb18030"
        header = [h.strip() for h in head.header]
        codes = read_code_table(options.code_table) if options.code_table else None
        cumulative = options.cumulative
        if cumulative is None:
            cumulative = any("累计" in h for h in _value_columns(header).values())

        def loader(con: duckdb.DuckDBPyConnection) -> list[BadLine]:
            # Keep the Chinese header names as they are: the SELECT quotes them.
            bad = load_csv(con, path, encoding, options.delimiter or ",", keep_names=True)
            values_table(con, "names", partner_names())
            values_table(con, "codes", codes or {})
            values_table(con, "flows", FLOW_WORDS)
            return bad

        select = mapping_sql(header, options, bool(cumulative), codes is not None)
        source = SqlSource(path, self.name, encoding, select, loader)
        if cumulative:
            source.notes.append(f"{path}: cumulative (year-to-date) values: periods are ranges")
        return source
