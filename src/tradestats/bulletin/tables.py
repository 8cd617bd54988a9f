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

from tradestats.bulletin.labels import (
    confidential_note,
    dim_header,
    measure_header,
    row_label,
    series_header,
)
from tradestats.bulletin.present import (
    FLAG,
    FLAG_COLUMN,
    INDEXES,
    MONEY,
    RATIOS,
    adjusted_of,
    adjusted_text,
    cell_text,
    column_scale,
)
from tradestats.bulletin.spec import TableSpec
from tradestats.bulletin.trace import Figure, Trace, cell_query, query_dict
from tradestats.indicators.query import Query

UNITS = {**MONEY, **RATIOS, **dict.fromkeys(INDEXES, "index")}
MISSING = "—"


@dataclass
class RowView:
    keys: dict[str, Any]
    labels: list[str]
    cells: list[Figure]
    values: dict[str, Any] = field(default_factory=dict)
    indent: bool = False
    total: bool = False  # the whole selection's row (tables print it last; charts leave it out)

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


def _scales(
    names: list[str], rows: list[dict[str, Any]], lang: str
) -> dict[str, tuple[Decimal, str]]:
    """One scale per column (an adjusted column scaled as its measure is)."""
    return {m: column_scale(_base(m), [row[m] for row in rows], lang) for m in names}


def _base(column: str) -> str:
    found = adjusted_of(column)
    return found[0] if found else column


def _text(column: str, value: Any, lang: str, scale: Decimal) -> str:
    if adjusted_of(column):
        return adjusted_text(_base(column), value, lang, scale, MISSING)
    return cell_text(column, value, lang, scale, MISSING)


def _header(column: str, lang: str, unit: str) -> str:
    found = adjusted_of(column)
    return series_header(*found, lang, unit) if found else measure_header(column, lang, unit)


def _note(*parts: str) -> str:
    """A table's note: the spec's, then the confidentiality footnote when a cell is ``c``."""
    return " ".join(p for p in parts if p)


def build_table(
    t: TableSpec, q: Query, result: pa.Table, lang: str, ref: Any, trace: Trace,
    total: pa.Table | None = None,
) -> TableView:  # fmt: skip
    """The view of one table; its cells are added to ``trace`` in reading order. ``total``:
    the answer without the breakdown, printed as the last row with the spec's label."""
    dims = [d.value for d in q.by]
    measures = [c for c in t.columns() if c in result.column_names]
    rows, warnings = _pick_rows(t, result.to_pylist(), dims)
    if total is not None and t.total and total.num_rows:
        whole = {**total.to_pylist()[0], **dict.fromkeys(dims)}
        rows.append((whole, {**t.total, "_total": "1"}))
    scales = _scales(measures, [row for row, _ in rows], lang)
    table_query = query_dict(q)
    views = []
    withheld = False  # a cell confidential under the store's disclosure policy: "c", a footnote
    for row, labels in rows:
        is_total = "_total" in labels
        keys = {} if is_total else {d: row[d] for d in dims}
        names = [labels.get(lang) or row_label(ref, d, row[d], lang) for d in dims]
        indent = any(n[:1].isspace() for n in names)
        names = [n.strip() for n in names]
        cells = []
        for m in measures:
            text = _text(m, row[m], lang, scales[m][0])
            if row.get(FLAG_COLUMN) == FLAG and row[m] is None:
                text, withheld = FLAG, True
            # An adjusted month depends on the whole series: its query is the series' own.
            query = table_query if t.seasonal else cell_query(t.query, q.period, keys, m)
            cells.append(
                trace.add(
                    text=text, value=row[m], unit=UNITS.get(_base(m), "count"), measure=m,
                    query=query, source=t.where,
                    rounded=None if text in (MISSING, FLAG) else text.replace(",", ""),
                    extra={"table": t.id, "row": keys, "scale": scales[m][1] or None},
                )
            )  # fmt: skip
        views.append(RowView(keys, names, cells, {m: row[m] for m in measures}, indent, is_total))
    return TableView(
        id=t.id,
        title=t.title.get(lang, t.id),
        note=_note(t.note.get(lang, ""), confidential_note(lang) if withheld else ""),
        show=t.show,
        dims=dims,
        measures=measures,
        headers=[dim_header(d, lang) for d in dims]
        + [_header(m, lang, scales[m][1]) for m in measures],
        rows=views,
        units={m: scales[m][1] for m in measures},
        scales={m: scales[m][0] for m in measures},
        query=table_query,
        warnings=warnings,
    )


def build_index_table(
    t: TableSpec, params: dict[str, Any], result: pa.Table, lang: str, ref: Any, trace: Trace
) -> TableView:
    """The view of an index table (``Evaluator.index_table``): a row per flow (and group), the
    price, volume and value indices of the year against the year before (= 100)."""
    dims = [c for c in ("flow", *str(params.get("by") or "").split(",")) if c]
    measures = list(t.columns())
    rows, warnings = _pick_rows(t, result.to_pylist(), dims)
    headers = [dim_header(d, lang) for d in dims] + [measure_header(m, lang, "") for m in measures]
    views = []
    for row, labels in rows:
        keys = {d: row[d] for d in dims}
        names = [labels.get(lang) or row_label(ref, d, row[d], lang) for d in dims]
        cells = []
        for m in measures:
            text = cell_text(m, row[m], lang, Decimal(1), MISSING)
            cells.append(
                trace.add(
                    text=text, value=row[m], unit="index", measure=m,
                    query={"indices": params}, source=t.where,
                    rounded=None if text == MISSING else text,
                    extra={"table": t.id, "row": keys},
                )
            )  # fmt: skip
        views.append(RowView(keys, names, cells, {m: row[m] for m in measures}))
    return TableView(
        id=t.id, title=t.title.get(lang, t.id), note=t.note.get(lang, ""), show=t.show,
        dims=dims, measures=measures,
        headers=headers, rows=views, units=dict.fromkeys(measures, ""),
        scales=dict.fromkeys(measures, Decimal(1)), query={"indices": params}, warnings=warnings,
    )  # fmt: skip


def left_out(t: TableSpec, lang: str, warning: str) -> TableView:
    """A table the store cannot give (too few months, no quantities): not printed, and said."""
    return TableView(
        id=t.id, title=t.title.get(lang, t.id), note="", show=False, dims=[], measures=[],
        headers=[], rows=[], units={}, scales={}, query=t.indices or t.query, warnings=[warning],
    )  # fmt: skip
