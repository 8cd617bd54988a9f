"""Tables of a bulletin: an engine result, the rows the spec asks for, labels and cell figures.

Money columns share one scale (billion yuan in English, 亿元 in Chinese); ratios show 1 decimal.
Every cell is a traced :class:`Figure` whose query recomputes it alone.

Example:
    >>> view = build_table(spec_table, query, result, "en", ref, trace)   # doctest: +SKIP
    >>> view.headers                                                      # doctest: +SKIP
    ['Partner group', 'Value (billion yuan)', 'Year on year (%)', 'Share (%)']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyarrow as pa

from tradestats.bulletin.labels import dim_header, measure_header, row_label
from tradestats.bulletin.present import MONEY, RATIOS, cell_text, column_scale
from tradestats.bulletin.spec import TableSpec
from tradestats.bulletin.trace import Figure, Trace, cell_query, query_dict
from tradestats.indicators.query import Query

UNITS = {**MONEY, **RATIOS}
MISSING = "—"


@dataclass
class RowView:
    keys: dict[str, Any]
    labels: list[str]
    cells: list[Figure]
    values: dict[str, Any] = field(default_factory=dict)
    indent: bool = False

    @property
    def label(self) -> str:
        return " · ".join(self.labels)


@dataclass
class TableView:
    id: str
    title: str
    note: str
    show: bool
    dims: list[str]
    measures: list[str]
    headers: list[str]
    rows: list[RowView]
    units: dict[str, str]
    scales: dict[str, Decimal]
    query: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _pick_rows(t: TableSpec, rows: list[dict[str, Any]], dims: list[str]) -> tuple[list, list]:
    """Rows in the spec's order (all rows in the engine's order when the spec lists none)."""
    if not t.rows:
        return [(row, {}) for row in rows], []
    by_key = {str(row[dims[0]]): row for row in rows}
    picked, missing = [], []
    for spec_row in t.rows:
        if spec_row.key in by_key:
            picked.append((by_key[spec_row.key], spec_row.labels))
        else:
            missing.append(f"{t.where}: table {t.id!r} has no row {spec_row.key!r}")
    return picked, missing


def _scales(q: Query, rows: list[dict[str, Any]], lang: str) -> dict[str, tuple[Decimal, str]]:
    names = [m.value for m in q.measures]
    return {m: column_scale(m, [row[m] for row in rows], lang) for m in names}


def build_table(
    t: TableSpec, q: Query, result: pa.Table, lang: str, ref: Any, trace: Trace
) -> TableView:
    """The view of one table; its cells are added to ``trace`` in reading order."""
    dims = [d.value for d in q.by]
    measures = [m.value for m in q.measures]
    rows, warnings = _pick_rows(t, result.to_pylist(), dims)
    scales = _scales(q, [row for row, _ in rows], lang)
    table_query = query_dict(q)
    views = []
    for row, labels in rows:
        keys = {d: row[d] for d in dims}
        names = [labels.get(lang) or row_label(ref, d, row[d], lang) for d in dims]
        indent = any(n[:1].isspace() for n in names)
        names = [n.strip() for n in names]
        cells = []
        for m in measures:
            text = cell_text(m, row[m], lang, scales[m][0], MISSING)
            cells.append(
                trace.add(
                    text=text, value=row[m], unit=UNITS.get(m, "count"), measure=m,
                    query=cell_query(t.query, q.period, keys, m), source=t.where,
                    rounded=None if text == MISSING else text.replace(",", ""),
                    extra={"table": t.id, "row": keys, "scale": scales[m][1] or None},
                )
            )  # fmt: skip
        views.append(RowView(keys, names, cells, {m: row[m] for m in measures}, indent))
    return TableView(
        id=t.id,
        title=t.title.get(lang, t.id),
        note=t.note.get(lang, ""),
        show=t.show,
        dims=dims,
        measures=measures,
        headers=[dim_header(d, lang) for d in dims]
        + [measure_header(m, lang, scales[m][1]) for m in measures],
        rows=views,
        units={m: scales[m][1] for m in measures},
        scales={m: scales[m][0] for m in measures},
        query=table_query,
        warnings=warnings,
    )
