"""Row labels and column headers in English and Chinese, from the reference data.

Example:
    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> row_label(ref, "enterprise_type", "private", "zh")
    '民营企业'
    >>> row_label(ref, "quarter", "2025-Q2", "en")
    'Q2'
    >>> measure_header("share_pct", "zh", "")
    '占比（%）'
"""

from __future__ import annotations

from typing import Any

from tradestats.bulletin.verbs import MONTHS_EN, QUARTERS_ZH

MEASURE_HEADERS = {
    "value_cny": ("Value ({unit})", "金额（{unit}）"),
    "value_usd": ("Value ({unit})", "金额（{unit}）"),
    "value_eur": ("Value ({unit})", "金额（{unit}）"),
    "value_cif_usd": ("Value CIF ({unit})", "到岸价金额（{unit}）"),
    "value_fob_usd": ("Value FOB ({unit})", "离岸价金额（{unit}）"),
    "yoy_pct": ("Year on year (%)", "同比（%）"),
    "share_pct": ("Share (%)", "占比（%）"),
    "share_change_pp": ("Change in share (pp)", "占比增减（百分点）"),
    "contribution_pp": ("Contribution to growth (pp)", "拉动增长（百分点）"),
    "enterprises": ("Enterprises", "企业数"),
    "partners": ("Partners", "贸易伙伴数"),
    "partners_growing": ("Partners with growth", "增长的贸易伙伴数"),
    "records": ("Records", "记录数"),
    "growth_streak": ("Periods of growth in a row", "连续增长期数"),
    "rank": ("Rank", "排名"),
    "quantity": ("Quantity", "数量"),
    "unit_value": ("Unit value", "平均价格"),
    "quantity_yoy_pct": ("Quantity, year on year (%)", "数量同比（%）"),
    "unit_value_yoy_pct": ("Unit value, year on year (%)", "平均价格同比（%）"),
    "net_weight_kg": ("Net weight (kg)", "净重（千克）"),
    "price_index": ("Price index", "价格指数"),
    "volume_index": ("Volume index", "数量指数"),
    "value_index": ("Value index", "价值指数"),
    "terms_of_trade": ("Terms of trade", "贸易条件指数"),
    "coverage_pct": ("Value covered (%)", "覆盖率（%）"),
    "items_matched": ("Items matched", "匹配商品数"),
    "items_trimmed": ("Items trimmed", "剔除商品数"),
    "mirror_ratio_pct": ("Mirror / reported (%)", "镜像数据与报告数据之比（%）"),
    "mirror_gap_pct": ("Mirror gap (%)", "镜像差额率（%）"),
}
DIM_HEADERS = {
    "partner": ("Partner", "贸易伙伴"), "partner_group": ("Partner group", "国家（地区）组"),
    "product_group": ("Product group", "商品类别"),
    "enterprise_type": ("Enterprise type", "企业性质"),
    "trade_mode_group": ("Trade mode", "贸易方式"), "trade_mode": ("Trade mode", "贸易方式"),
    "flow": ("Flow", "贸易流向"), "month": ("Month", "月份"), "quarter": ("Quarter", "季度"),
    "year": ("Year", "年份"), "region": ("Region", "地区"), "brand_type": ("Brand", "品牌类型"),
    "hs_section": ("HS section", "类"), "hs2": ("HS chapter", "章"), "hs4": ("HS heading", "品目"),
    "hs6": ("HS subheading", "子目"), "hs8": ("HS 8-digit line", "八位商品编码"),
    "reporter": ("Reporter", "报告方"), "unit": ("Unit", "计量单位"),
    "period": ("Period", "时期"), "price_link": ("Price link", "价格环比链"),
    "flag": ("Flag", "标记"),
}  # fmt: skip
CONFIDENTIAL = (
    "c: confidential, withheld under the store's statistical confidentiality rules (too few "
    "enterprises, or one or two dominant, or needed to protect such a figure); totals include "
    "it.",
    "c：涉及统计保密（企业过少、一两家企业占比过高，或为保护此类数据），不予公布；合计数包含该数据。",
)


def confidential_note(lang: str) -> str:
    """The footnote of a table with a figure withheld as confidential (flag ``c``).

    >>> confidential_note("zh")[:2]
    'c：'
    """
    return _pick(CONFIDENTIAL, lang)


FLOWS = {"export": ("Exports", "出口"), "import": ("Imports", "进口"), "total": ("Total", "进出口")}
_TITLED = {
    "partner_group": "partner_groups",
    "product_group": "product_groups",
    "enterprise_type": "enterprise_types",
    "trade_mode_group": "trade_mode_groups",
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


def _titled(ref: Any, attr: str, key: str, lang: str) -> str | None:
    table = getattr(ref, attr, None)
    item = table.get(key) if isinstance(table, dict) else None
    if item is None:
        return None
    return str(getattr(item, "title_zh" if lang == "zh" else "title_en", key))


def _partner(ref: Any, key: str, lang: str) -> str | None:
    try:
        country = ref.country(key)
    except Exception:  # unknown codes keep their code
        return None
    return str(getattr(country, "name_zh" if lang == "zh" else "name_en", key))


def row_label(ref: Any, dim: str, key: Any, lang: str) -> str:
    """The label of one breakdown key (the key itself when the reference does not know it)."""
    text = str(key)
    found: str | None = None
    if dim in _TITLED:
        found = _titled(ref, _TITLED[dim], text, lang)
    elif dim == "partner":
        found = _partner(ref, text, lang)
    elif dim == "flow" and text in FLOWS:
        found = _pick(FLOWS[text], lang)
    elif dim == "month" and len(text) == 7:
        m = int(text[5:7])
        found = f"{m}月" if lang == "zh" else MONTHS_EN[m]
    elif dim == "quarter" and len(text) == 7:
        q = int(text[6])
        found = QUARTERS_ZH[q] if lang == "zh" else f"Q{q}"
    return found or text


# An adjusted series beside a measure (seasonal=sa|trend): the measure's header, qualified.
SERIES_SUFFIXES = {"_sa": (", seasonally adjusted", "季节调整后"), "_trend": (", trend", "趋势"),
                   "_mirror": (", partner's mirror figure", "镜像"),
                   "_gap": (", mirror minus reported", "镜像差额")}  # fmt: skip


def series_header(measure: str, suffix: str, lang: str, unit: str) -> str:
    """The header of a measure's seasonally adjusted (``_sa``) or trend (``_trend``) column.

    >>> series_header("value_cny", "_sa", "en", "billion yuan")
    'Value, seasonally adjusted (billion yuan)'
    >>> series_header("value_cny", "_sa", "zh", "亿元")
    '季节调整后金额（亿元）'
    >>> series_header("records", "_trend", "zh", "")
    '记录数趋势'
    """
    en, zh = SERIES_SUFFIXES[suffix]
    text = measure_header(measure, lang, unit)
    if lang == "zh":
        if suffix == "_sa":
            return zh + text
        head, paren, rest = text.partition("（")
        return head + zh + paren + rest
    head, paren, rest = text.partition(" (")
    return head + en + paren + rest


def measure_header(measure: str, lang: str, unit: str) -> str:
    pair = MEASURE_HEADERS.get(measure, (measure, measure))
    return _pick(pair, lang).format(unit=unit)


def dim_header(dim: str, lang: str) -> str:
    """The header of a breakdown column, or of the name column beside one (``--names``).

    >>> dim_header("partner_name", "en"), dim_header("partner_name_zh", "zh")
    ('Partner name', '贸易伙伴中文名称')
    """
    for suffix, (en, zh) in NAME_SUFFIXES.items():
        base = dim.removesuffix(suffix)
        if base != dim and base in DIM_HEADERS:
            return _pick(DIM_HEADERS[base], lang) + (zh if lang == "zh" else en)
    return _pick(DIM_HEADERS.get(dim, (dim, dim)), lang)


NAME_SUFFIXES = {"_name_zh": (" name (Chinese)", "中文名称"), "_name": (" name", "英文名称")}
