"""Names beside codes: an answer's breakdown columns with their names from the reference data.

Every name comes from the reference (countries, partner and product groups, enterprise types,
trade-mode groups, HS sections and the HS2022 descriptions of chapters, headings and
subheadings); a code the reference does not name keeps an empty (null) name, never a made-up one.
A column ``partner`` gets ``partner_name`` (English) and/or ``partner_name_zh`` (Chinese) right
after it. HS descriptions exist in English only: their Chinese column is null.

Example:
    >>> import pyarrow as pa
    >>> from tradestats.reference import load_reference
    >>> t = pa.table({"partner": ["VNM", "XXX"], "value_cny": [1, 2]})
    >>> with_names(t, load_reference(), "both").column_names
    ['partner', 'partner_name', 'partner_name_zh', 'value_cny']
    >>> with_names(t, load_reference(), "both").column("partner_name_zh").to_pylist()
    ['越南', None]
    >>> with_names(pa.table({"hs4": ["0101"]}), load_reference(), "en").to_pylist()
    [{'hs4': '0101', 'hs4_name': 'Horses, asses, mules and hinnies; live'}]
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tradestats.bulletin.labels import row_label
from tradestats.errors import UsageError

CHOICES = ("none", "en", "zh", "both")
LANGS = {"none": (), "en": ("en",), "zh": ("zh",), "both": ("en", "zh")}
SUFFIX = {"en": "_name", "zh": "_name_zh"}
HS_DIMS = ("hs2", "hs4", "hs6")
NAMED_DIMS = (
    "partner", "partner_group", "product_group", "enterprise_type", "trade_mode_group",
    "hs_section", *HS_DIMS, "reporter",
)  # fmt: skip


def name_of(ref: Any, dim: str, code: Any, lang: str) -> str | None:
    """The reference's name of one breakdown code, None when it has none.

    >>> from tradestats.reference import load_reference
    >>> name_of(load_reference(), "hs_section", "XVI", "zh") is not None
    True
    >>> name_of(load_reference(), "partner", "XXX", "en") is None
    True
    """
    if code is None:
        return None
    text = str(code)
    try:
        if dim == "hs_section":
            return str(ref.hs_section_name(text, lang))
        if dim in HS_DIMS:
            return str(ref.hs_description(text)) if lang == "en" else None
    except (UsageError, KeyError, LookupError):  # a code the reference does not describe
        return None
    key = "partner" if dim == "reporter" else dim
    found = row_label(ref, key, text, lang)
    return None if found == text else found


def with_names(table: pa.Table, ref: Any, names: str) -> pa.Table:
    """``table`` with a name column after each named breakdown column, in the languages of
    ``names`` (none, en, zh, both); UsageError for another value."""
    if names not in LANGS:
        raise UsageError(f"unknown names {names!r}", hint=f"one of {', '.join(CHOICES)}")
    out = table
    for dim in [c for c in table.column_names if c in NAMED_DIMS]:
        at = out.column_names.index(dim) + 1
        codes = table.column(dim).to_pylist()
        for lang in LANGS[names]:
            cache: dict[Any, str | None] = {}
            values = [cache.setdefault(c, name_of(ref, dim, c, lang)) if c not in cache
                      else cache[c] for c in codes]  # fmt: skip
            out = out.add_column(at, dim + SUFFIX[lang], pa.array(values, pa.string()))
            at += 1
    return out
