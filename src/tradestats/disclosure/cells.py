"""Per-cell, per-enterprise statistics of a breakdown, from the live records: what the rules need.

``breakdown_cell_stats`` is the one function here that reads records. It asks the engine's
backend for one aggregate, the value of each enterprise in each cell at the finest level
(``records GROUP BY keys, enterprise_id``), then derives every margin of the table from that
small result in DuckDB (GROUPING over the key levels, each enterprise summed per margin cell,
the largest ``top_n`` kept). The engine may take this function over once its query contract
lands; what it must hand to ``protect`` is the ``CellTable`` described in docs/disclosure.md.

Lines without an enterprise id count together as one unidentified contributor per cell (a
cautious choice: they may all be one trader). A selection without any enterprise id cannot be
judged and is refused. Pre-aggregated rows (``product_level``) carry no enterprises and are left
out. HS dimensions nest: ``by=partner,hs2,hs4`` is a two-dimensional table whose product
dimension is hierarchical (chapters, and headings within them); ``nested=True`` adds every
coarser HS level above the finest one asked for.

Example:
    >>> stats = breakdown_cell_stats(engine, "2025", ["partner", "hs4"])  # doctest: +SKIP
    >>> stats.dims                                                         # doctest: +SKIP
    ('partner', 'hs4')
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from tradestats.disclosure.table import TOTAL, CellTable
from tradestats.errors import UsageError
from tradestats.indicators.periods import parse_period
from tradestats.records import MONEY_COLUMNS, VALUE_SCALE

PLAIN = ("partner", "enterprise_type", "trade_mode", "region", "brand_type", "flow", "reporter",
         "transport_mode")  # fmt: skip
HS_LEVELS = {"hs2": 2, "hs4": 4, "hs6": 6, "hs8": 8}
TIME = ("month",)
FLOWS = {"export": ["export"], "import": ["import"], "total": ["export", "import"],
         "re_export": ["re_export"], "re_import": ["re_import"]}  # fmt: skip
UNIDENTIFIED = "\x00unidentified"


def _dims(by: Sequence[str], nested: bool) -> tuple[list[str], list[int]]:
    """Plain dimensions in order, and the HS levels (one hierarchical dimension)."""
    plain, levels = [], []
    for dim in by:
        if dim in HS_LEVELS:
            levels.append(HS_LEVELS[dim])
        elif dim in PLAIN or dim in TIME:
            plain.append(dim)
        else:
            known = ", ".join([*PLAIN, *HS_LEVELS, *TIME])
            raise UsageError(f"disclosure control cannot break down by {dim!r} yet", hint=known)
    if len(set(by)) != len(by):
        raise UsageError("a dimension appears twice in --by")
    levels = sorted(set(levels))
    if nested and levels:
        levels = [lv for lv in (2, 4, 6, 8) if lv <= levels[-1]]
    return plain, levels


def _months(engine: Any, period: str, as_of: str | None) -> list[str]:
    available = engine.store.periods(as_of=as_of)
    p = parse_period(period).resolve_ytd(available)
    wanted = set(p.months()) | ({str(p.year)} if p.label == str(p.year) else set())
    found = [m for m in available if m in wanted]
    if not found:
        raise UsageError(f"the store has no data for {p.label}")
    return found


def enterprise_cells(
    engine: Any,
    period: str,
    by: Sequence[str],
    flow: str = "total",
    measure: str = "value_cny",
    as_of: str | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
    nested: bool = False,
) -> tuple[pa.Table, list[str], list[int]]:
    """The backend's aggregate: one row per finest cell and enterprise, with its value.

    Columns: the plain dimensions, ``hs`` (at the finest level) when HS is asked for,
    ``enterprise`` and ``value`` (exact). Returned with the plain dimensions and HS levels.
    """
    if flow not in FLOWS:
        raise UsageError(f"disclosure control needs a flow of {', '.join(FLOWS)}, not {flow!r}")
    if measure not in MONEY_COLUMNS:
        raise UsageError(f"measure {measure!r} is not one of {', '.join(MONEY_COLUMNS)}")
    plain, levels = _dims(by, nested)
    months = _months(engine, period, as_of)
    t = engine.backend.records(engine.store.data_files(periods=months, as_of=as_of))
    keep = t.period.isin(months) & t.flow.isin(FLOWS[flow]) & t.product_level.isnull()
    keep &= t[measure].notnull()
    for column, codes in (where or {}).items():
        if column == "product":
            test = None
            for prefix in codes:
                hit = t.hs_code.startswith(prefix)
                test = hit if test is None else test | hit
            keep &= test
        else:
            keep &= t[column].isin(list(codes))
    t = t.filter(keep)
    keys: dict[str, Any] = {d: (t.period if d == "month" else t[d]) for d in plain}
    if levels:
        keys["hs"] = t.hs_code.substr(0, levels[-1])
        keys["_short"] = t.hs_code.length() < levels[-1]
    keys["enterprise"] = t.enterprise_id
    expr = t.group_by(**keys).aggregate(value=t[measure].sum())
    rows = engine.backend.execute(expr)
    if levels and any(rows.column("_short").to_pylist()):
        raise UsageError(
            f"some records have HS codes shorter than {levels[-1]} digits: "
            f"break down by a coarser HS level"
        )
    if rows.num_rows and rows.column("enterprise").null_count == rows.num_rows:
        raise UsageError(
            "disclosure control needs enterprise ids and this selection has none",
            hint="published aggregates (Comtrade, BACI) need no confidentiality: --unrestricted",
        )
    if levels:
        rows = rows.drop_columns(["_short"])
    return rows, plain, levels


def margins_sql(plain: Sequence[str], levels: Sequence[int], top_n: int) -> str:
    """SQL over ``cells`` (the backend's aggregate) giving every cell and margin of the table.

    >>> "GROUP BY" in margins_sql(["partner"], [2, 4], 2)
    True
    """
    options: list[list[str]] = [[f'"{d}"', "NULL"] for d in plain]
    if levels:
        options.append([f"left(hs, {lv})" for lv in levels] + ["NULL"])
    parts = []
    scale = 10**VALUE_SCALE
    for combo in itertools.product(*options) if options else [()]:
        cols = [f"{e} AS k{i}" for i, e in enumerate(combo)]
        flags = [f"{'true' if e == 'NULL' else 'false'} AS t{i}" for i, e in enumerate(combo)]
        keys = [f"k{i}" for i in range(len(combo))]
        group = ", ".join(keys)
        head = "".join(f"{c}, " for c in [*cols, *flags])  # none for a one-cell table
        kept = [*keys, *(f"any_value(t{i}) AS t{i}" for i in range(len(combo)))]
        picked = "".join(f"{c}, " for c in kept)
        parts.append(
            f"""(WITH e AS (SELECT {head}
                coalesce(enterprise, '{UNIDENTIFIED}') AS ent,
                CAST(sum(value) * {scale} AS HUGEINT) AS v
              FROM cells GROUP BY ALL),
            r AS (SELECT *, row_number() OVER (PARTITION BY {group or "1"} ORDER BY v DESC) AS rk
              FROM e)
            SELECT {picked}
              CAST(sum(v) AS BIGINT) AS value, count(*) AS contributors,
              list(CAST(v AS BIGINT) ORDER BY v DESC) FILTER (WHERE rk <= {int(top_n)}) AS top
            FROM r {"GROUP BY " + group if group else ""})"""
        )
    return "\nUNION ALL\n".join(parts)


def breakdown_cell_stats(
    engine: Any,
    period: str,
    by: Sequence[str],
    flow: str = "total",
    measure: str = "value_cny",
    as_of: str | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
    nested: bool = False,
    top_n: int = 2,
) -> CellTable:
    """The ``CellTable`` of a breakdown: every cell and margin with value, enterprises, top n."""
    rows, plain, levels = enterprise_cells(engine, period, by, flow, measure, as_of, where, nested)
    return cell_table(rows, plain, levels, top_n)


def cell_table(
    rows: pa.Table, plain: Sequence[str], levels: Sequence[int], top_n: int
) -> CellTable:
    """The ``CellTable`` of an aggregate of one row per finest cell and enterprise (columns:
    ``plain``, ``hs`` at the finest of ``levels`` when any, ``enterprise``, ``value``)."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("cells", rows)
        found = con.execute(margins_sql(plain, levels, top_n)).fetchall()
    finally:
        con.close()
    width = len(plain) + (1 if levels else 0)
    dims = [*plain, *([f"hs{levels[-1]}"] if levels else [])]
    table_rows = []
    for rec in found:
        codes, totals = rec[:width], rec[width : 2 * width]
        key = tuple(
            TOTAL if is_total else code for code, is_total in zip(codes, totals, strict=True)
        )
        table_rows.append((key, rec[-3], rec[-2], rec[-1] or []))
    parents: dict[str, dict[str, str]] = {}
    if len(levels) > 1:
        name = dims[-1]
        parents[name] = {}
        for key, *_ in table_rows:
            code = key[-1]
            if code == TOTAL or code is None:
                continue
            coarser = [lv for lv in levels if lv < len(code)]
            if coarser:
                parents[name][code] = code[: coarser[-1]]
    return CellTable.build(dims, table_rows, parents)
