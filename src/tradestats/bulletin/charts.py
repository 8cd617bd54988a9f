"""Charts as inline SVG, drawn offline with Altair and vl-convert (no CDN, no browser).

Kinds: ``monthly`` (exports and imports by month as bars, year-on-year growth as lines),
``bars`` (one measure by row, e.g. partner or product groups) and ``shares`` (shares of a
whole as a ring, e.g. enterprise types). Every chart has a title, its units and a source line.

Example:
    >>> svg = chart_svg(chart_spec, table_view, "en", "Source: ...")   # doctest: +SKIP
    >>> svg.startswith("<svg")                                          # doctest: +SKIP
    True
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import altair as alt
import vl_convert as vlc

from tradestats.bulletin import rounding as r
from tradestats.bulletin.spec import ChartSpec
from tradestats.bulletin.tables import MONEY, TableView

FONTS = {
    "en": "Liberation Sans, DejaVu Sans, Arial, sans-serif",
    "zh": "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif",
}
WIDTH = 520
PALETTE = ["#1f4e79", "#c0504d", "#4f8a3c", "#d08c2b", "#7a5195", "#5b8db8"]
UNIT_WORDS = {
    "percent": ("percent", "%"),
    "growth": ("year-on-year growth, percent (line)", "同比增速（%，折线）"),
}


def _scaled(value: Any, view: TableView, measure: str) -> float | None:
    """A plotted number: money in the column's scale (as in the table), ratios as they are."""
    if value is None:
        return None
    return float(r.exact(value) / view.scales.get(measure, Decimal(1)))


def _unit(view: TableView, measure: str, lang: str) -> str:
    if measure in MONEY or measure.removesuffix("_sa").removesuffix("_trend") in MONEY:
        return view.units[measure]  # an adjusted money column keeps its measure's unit
    return "%" if lang == "zh" else "percent"


def _titled(chart: Any, title: str, subtitle: str, source: str, lang: str) -> dict[str, Any]:
    """Title and units on top, the source line underneath; fonts for the language."""
    top = chart.properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start"))
    framed = alt.vconcat(top).properties(
        title=alt.TitleParams(source, orient="bottom", anchor="start", fontSize=10,
                              fontWeight="normal", color="#555")
    )  # fmt: skip
    framed = framed.configure(font=FONTS[lang], background="white").configure_view(stroke=None)
    return dict(framed.to_dict())


def _short(month: str, lang: str) -> str:
    """``January`` -> ``Jan`` (Chinese month names are short already)."""
    return month if lang == "zh" else month[:3]


def _monthly(spec: ChartSpec, view: TableView, lang: str) -> tuple[Any, str]:
    m = spec.measure
    data = [
        {"flow": row.labels[view.dims.index("flow")] if "flow" in view.dims else view.title,
         "month": _short(row.labels[view.dims.index("month")], lang),
         "order": str(row.keys["month"]),
         "value": _scaled(row.values[m], view, m),
         "yoy": _scaled(row.values.get("yoy_pct"), view, "yoy_pct")}
        for row in view.rows
        if not row.total
    ]  # fmt: skip
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("month:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0))
    )
    color = alt.Color("flow:N", scale=alt.Scale(range=PALETTE), title=None,
                      legend=alt.Legend(orient="bottom", direction="horizontal"))  # fmt: skip
    bars = base.mark_bar().encode(
        y=alt.Y("value:Q", title=_unit(view, m, lang)), color=color, xOffset="flow:N"
    )
    layers = [bars]
    if "yoy_pct" in view.measures:
        line = base.mark_line(point=True, strokeDash=[4, 2]).encode(
            y=alt.Y("yoy:Q", title=_unit(view, "yoy_pct", lang)), color=color
        )
        layers.append(line)
    chart = alt.layer(*layers).resolve_scale(y="independent").properties(width=WIDTH, height=240)
    units = f"{view.units[m]} (bars)" if lang == "en" else f"{view.units[m]}（柱）"
    if "yoy_pct" in view.measures:
        units += "; " + UNIT_WORDS["growth"][lang == "zh"]
    return chart, units


def _bars(spec: ChartSpec, view: TableView, lang: str) -> tuple[Any, str]:
    m = spec.measure
    data = [
        {"label": row.label, "value": _scaled(row.values[m], view, m),
         "text": row.cells[view.measures.index(m)].text, "i": i}
        for i, row in enumerate(r for r in view.rows if not r.total)
    ]  # fmt: skip
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("label:N", sort=[str(d["label"]) for d in data], title=None),
        x=alt.X("value:Q", title=_unit(view, m, lang)),
    )
    positive = alt.datum.value >= 0
    bars = base.mark_bar().encode(
        color=alt.condition(positive, alt.value(PALETTE[0]), alt.value(PALETTE[1]))
    )
    right = base.mark_text(align="left", dx=3, fontSize=11).encode(text="text:N")
    # a negative bar's figure sits just right of the zero line, clear of the axis labels
    left = base.mark_text(align="left", dx=3, fontSize=11).encode(text="text:N", x=alt.datum(0))
    layers = [bars, right.transform_filter(positive), left.transform_filter(~positive)]
    height = max(22 * len(data), 60)
    return alt.layer(*layers).properties(width=WIDTH - 160, height=height), _unit(view, m, lang)


def _shares(spec: ChartSpec, view: TableView, lang: str) -> tuple[Any, str]:
    m = spec.measure
    data = [
        {"label": f"{row.label} {row.cells[view.measures.index(m)].text}%",
         "value": _scaled(row.values[m], view, m), "i": i}
        for i, row in enumerate(r for r in view.rows if not r.total)
    ]  # fmt: skip
    ring = (
        alt.Chart(alt.Data(values=data))
        .mark_arc(innerRadius=55, outerRadius=105, stroke="white")
        .encode(
            theta=alt.Theta("value:Q", stack=True),
            color=alt.Color("label:N", sort=alt.SortField("i"), scale=alt.Scale(range=PALETTE),
                            title=None, legend=alt.Legend(orient="right", labelLimit=320)),
            order=alt.Order("i:Q"),
        )
        .properties(width=230, height=230)
    )  # fmt: skip
    return ring, _unit(view, m, lang)


KINDS = {"monthly": _monthly, "bars": _bars, "shares": _shares}


def _namespace_ids(svg: str, prefix: str) -> str:
    """Prefix SVG ids so several inline charts on one page never share one."""
    ids = set(re.findall(r'id="([^"]+)"', svg))
    for ident in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}-{ident}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{prefix}-{ident})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{prefix}-{ident}"')
    return svg


def chart_svg(spec: ChartSpec, view: TableView, lang: str, source: str, ident: str) -> str:
    """The chart as an SVG string (title, units, source line), ready to inline in HTML."""
    chart, units = KINDS[spec.kind](spec, view, lang)
    title = spec.title.get(lang) or view.title
    subtitle = f"Unit: {units}" if lang == "en" else f"单位：{units}"
    svg = vlc.vegalite_to_svg(_titled(chart, title, subtitle, source, lang))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" ', 1)
    return _namespace_ids(svg, ident)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
