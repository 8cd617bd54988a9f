"""Traceability: every number of a bulletin carries the query that produced it.

A :class:`Figure` is one printed number (or phrase holding one) with its exact value, the
indicator or table it came from, and a query in the keywords of ``Query.build`` that recomputes
it on its own. Figures go to the JSON sidecar (``--trace``) and to ``data-`` attributes in HTML.

Example:
    >>> from tradestats.indicators.query import Query
    >>> query_dict(Query.build(period="2025", partner="asean,!VNM", measures="yoy_pct"))
    {'period': '2025', 'flow': 'total', 'partner': 'asean,!VNM', 'measures': 'yoy_pct'}
    >>> cell_query({"flow": "export", "by": "partner_group", "measures": "value_cny"},
    ...            "2025", {"partner_group": "asean"}, "yoy_pct")
    {'period': '2025', 'flow': 'export', 'partner': 'asean', 'measures': 'yoy_pct'}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tradestats.exact import decimal_text
from tradestats.indicators.query import Basis, Filter, Grain, Query, Seasonal, Selection

DIM_FILTERS = {
    "partner": "partner", "partner_group": "partner", "product_group": "product",
    "hs2": "product", "hs4": "product", "hs6": "product", "hs8": "product",
    "enterprise_type": "enterprise_type", "trade_mode": "trade_mode",
    "trade_mode_group": "trade_mode", "region": "region", "brand_type": "brand_type",
}  # fmt: skip
TIME_DIMS = ("month", "quarter", "year")


def _filter_text(f: Filter) -> str:
    return ",".join([*f.include, *(f"!{x}" for x in f.exclude)])


def selection_dict(sel: Selection) -> dict[str, str]:
    """A Selection as the keywords of ``Selection.build``."""
    out = {"flow": sel.flow.value}
    out |= {k: _filter_text(f) for k, f in sel.filters().items()}
    return out


def query_dict(q: Query) -> dict[str, Any]:
    """A Query as the keywords of ``Query.build`` (defaults left out)."""
    out: dict[str, Any] = {"period": q.period, **selection_dict(q.selection)}
    out["measures"] = ",".join(m.value for m in q.measures)
    if q.by:
        out["by"] = ",".join(d.value for d in q.by)
    if q.top is not None:
        out["top"] = q.top
    if q.parent is not None:
        out["parent"] = selection_dict(q.parent)
    if q.basis is not Basis.CNY:
        out["basis"] = q.basis.value
    if q.grain is not Grain.QUARTER:
        out["grain"] = q.grain.value
    if q.as_of is not None:
        out["as_of"] = q.as_of
    if q.seasonal is not Seasonal.NONE:
        out["seasonal"] = q.seasonal.value
    return out


def cell_query(
    table_query: dict[str, Any], period: str, row: dict[str, Any], measure: str
) -> dict[str, Any]:
    """The single-selection query that recomputes one table cell."""
    out = {k: v for k, v in table_query.items() if k not in ("by", "top", "measures")}
    out = {"period": period, "flow": out.pop("flow", "total"), "measures": measure, **out}
    for dim, key in row.items():
        if dim in TIME_DIMS:
            out["period"] = str(key)
        elif dim == "flow":
            out["flow"] = str(key)
        elif dim in DIM_FILTERS:
            out[DIM_FILTERS[dim]] = str(key)
    q = Query.build(**out)
    return query_dict(q)


def plain(value: Any) -> Any:
    """A JSON-safe exact value: Decimals as their exact text, floats by their repr."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    return value


@dataclass
class Figure:
    """One printed number: its text, exact value, unit and the query behind it."""

    id: str
    text: str
    value: Any
    unit: str
    measure: str
    query: dict[str, Any]
    source: str
    indicator: str | None = None
    rounded: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id, "text": self.text, "value": plain(self.value), "unit": self.unit,
            "rounded": self.rounded, "measure": self.measure, "indicator": self.indicator,
            "query": self.query, "source": self.source,
        }  # fmt: skip
        return out | self.extra

    def data_attrs(self) -> dict[str, str]:
        """The ``data-`` attributes of the figure's HTML element."""
        attrs = {
            "data-fig": self.id,
            "data-value": "" if self.value is None else str(plain(self.value)),
            "data-unit": self.unit,
            "data-measure": self.measure,
            "data-query": json.dumps(self.query, ensure_ascii=False, sort_keys=True),
        }
        if self.indicator:
            attrs["data-indicator"] = self.indicator
        if self.rounded is not None:
            attrs["data-rounded"] = self.rounded
        if self.extra.get("scale"):
            attrs["data-scale"] = str(self.extra["scale"])
        return attrs


@dataclass
class Trace:
    """The figures of one bulletin, numbered in reading order."""

    figures: list[Figure] = field(default_factory=list)

    def add(self, **kw: Any) -> Figure:
        fig = Figure(id=f"f{len(self.figures) + 1}", **kw)
        self.figures.append(fig)
        return fig

    def to_json(self, meta: dict[str, Any]) -> str:
        doc = {**meta, "figures": [f.to_json() for f in self.figures]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
