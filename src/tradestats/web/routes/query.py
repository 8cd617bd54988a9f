"""``GET /api/v1/query``: the engine's query model as URL parameters; JSON or CSV.

Example:
    GET /api/v1/query?period=2025&flow=export&by=partner&measures=value_cny,yoy_pct,share_pct&top=5
    GET /api/v1/query?period=2025-Q2&partner=asean,!VNM&by=month&format=csv
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum
from typing import Annotated, Any

import pyarrow as pa
from fastapi import APIRouter, Depends
from fastapi import Query as Param
from fastapi.responses import Response
from pydantic import BaseModel

from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.indicators.query import Query, Selection, split_list
from tradestats.web.context import Limits, WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, ApiError
from tradestats.web.periods import check_period
from tradestats.web.serialize import columns, dumps, table_csv

router = APIRouter(tags=["query"])

TOKENS = r"^[\w\s,!~.\-]*$"  # codes, group names and aliases, commas, negation
FILTER_HELP = "Comma list of codes or group names; !X or ~X excludes X."


class FlowParam(StrEnum):
    export = "export"
    import_ = "import"
    total = "total"
    balance = "balance"


class BasisParam(StrEnum):
    value_cny = "value_cny"
    value_usd = "value_usd"


class GrainParam(StrEnum):
    month = "month"
    quarter = "quarter"


class FormatParam(StrEnum):
    json = "json"
    csv = "csv"


class Column(BaseModel):
    name: str
    type: str


class QueryResult(BaseModel):
    """A query's answer: the question as understood, the columns and the rows."""

    query: dict[str, Any]
    columns: list[Column]
    rows: list[dict[str, Any]]
    row_count: int


def _filter(description: str) -> Any:
    return Param(max_length=300, pattern=TOKENS, description=description)


class FilterParams(BaseModel):
    """The selection filters (kept together so the route stays short)."""

    partner: str | None = None
    product: str | None = None
    enterprise_type: str | None = None
    trade_mode: str | None = None
    region: str | None = None
    brand_type: str | None = None


PartnerP = Annotated[str | None, _filter(f"ISO alpha-3 codes or partner groups. {FILTER_HELP}")]
ProductP = Annotated[str | None, _filter(f"HS prefixes or product groups. {FILTER_HELP}")]
EnterpriseP = Annotated[str | None, _filter("state_owned, foreign_invested, private, other.")]
ModeP = Annotated[str | None, _filter("4-digit trade modes or trade-mode groups.")]
RegionP = Annotated[str | None, _filter("2-digit province codes.")]
BrandP = Annotated[str | None, _filter("Brand types 0-4.")]


def filter_params(
    partner: PartnerP = None,
    product: ProductP = None,
    enterprise_type: EnterpriseP = None,
    trade_mode: ModeP = None,
    region: RegionP = None,
    brand_type: BrandP = None,
) -> FilterParams:
    """FastAPI dependency collecting the filters."""
    return FilterParams(
        partner=partner,
        product=product,
        enterprise_type=enterprise_type,
        trade_mode=trade_mode,
        region=region,
        brand_type=brand_type,
    )


def _check_sizes(filters: dict[str, str | None], limits: Limits, **lists: tuple[str, int]) -> None:
    for name, value in filters.items():
        if len(split_list(value)) > limits.max_items:
            raise ApiError(422, "invalid_parameter", f"{name}: more than {limits.max_items} items")
    for name, (value, most) in lists.items():
        if len(split_list(value)) > most:
            raise ApiError(422, "invalid_parameter", f"{name}: at most {most} items")


def build_query(
    period: str,
    flow: str,
    measures: str,
    by: str | None,
    top: int | None,
    filters: dict[str, Any],
    parent: str | None = None,
    **options: Any,
) -> Query:
    """The engine Query, or ApiError 400 with the engine's message and hint.

    >>> build_query("2025", "export", "value_cny", "partner", 5, {"partner": "asean"}).top
    5
    """
    try:
        q = Query.build(
            period=period, flow=flow, measures=measures, by=by, top=top, **options, **filters
        )
        if parent == "selection":
            return replace(q, parent=q.selection)
        if parent:
            return replace(q, parent=Selection.build(parent))
        return q
    except UsageError as err:
        raise ApiError.from_usage(err, 400) from None


def describe(q: Query, label: str) -> dict[str, Any]:
    """The question as the engine understood it (echoed in every answer)."""
    filters = {
        k: [*f.include, *(f"!{x}" for x in f.exclude)] for k, f in q.selection.filters().items()
    }
    return {
        "period": label,
        "flow": q.selection.flow.value,
        "measures": [m.value for m in q.measures],
        "by": [d.value for d in q.by],
        "top": q.top,
        "filters": filters,
        "parent": None if q.parent is None else q.parent.flow.value,
        "basis": q.basis.value,
        "as_of": q.as_of,
    }


def _filename(doc: dict[str, Any]) -> str:
    parts = ["tradestats", doc["period"], doc["flow"], *doc["by"]]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(parts)) + ".csv"


CACHED_ROWS = 2000  # larger answers are not kept


def run_query(engine: Engine, q: Query, limits: Limits) -> tuple[pa.Table, dict[str, Any]]:
    """Check the period, run the query, enforce the row limit (runs in a worker thread)."""
    period = check_period(engine.store, q.period, q.as_of)
    table = engine.query(q)
    if table.num_rows > limits.max_rows:
        raise ApiError(
            422,
            "too_many_rows",
            f"the answer has {table.num_rows} rows, more than the limit of {limits.max_rows}",
            hint="add top=N or use a coarser breakdown",
        )
    return table, describe(q, period.label)


def render(table: pa.Table, doc: dict[str, Any], fmt: FormatParam) -> bytes:
    """The answer's body: JSON (query, columns, rows) or CSV."""
    if fmt is FormatParam.csv:
        return table_csv(table).encode()
    body = {
        "query": doc,
        "columns": columns(table),
        "rows": table.to_pylist(),
        "row_count": table.num_rows,
    }
    return dumps(body).encode()


@router.get(
    "/query",
    response_model=QueryResult,
    responses={200: {"content": {"text/csv": {}}}, **ERROR_RESPONSES},
    summary="Compute measures over a selection of records, optionally broken down",
)
async def query(
    ctx: Annotated[WebContext, Depends(get_context)],
    filters: Annotated[FilterParams, Depends(filter_params)],
    period: Annotated[
        str,
        Param(
            min_length=4,
            max_length=40,
            description="2025, 2025-Q2, 2025-H1, 2025-03, 2025-01..2025-11 or 2025-YTD.",
        ),
    ],
    flow: FlowParam = FlowParam.total,
    measures: Annotated[
        str, Param(max_length=300, pattern=TOKENS, description="Comma list of measures.")
    ] = "value_cny",
    by: Annotated[
        str | None, Param(max_length=200, pattern=TOKENS, description="Comma list of dimensions.")
    ] = None,
    top: Annotated[int | None, Param(ge=1, le=Limits.max_top, description="N largest.")] = None,
    parent: Annotated[
        str | None,
        Param(pattern="^(selection|export|import|total)$", description="Parent of shares."),
    ] = None,
    basis: BasisParam = BasisParam.value_cny,
    grain: GrainParam = GrainParam.quarter,
    as_of: Annotated[
        str | None, Param(max_length=40, description="Batch id (b000003) or ISO time.")
    ] = None,
    format: FormatParam = FormatParam.json,
) -> Response:
    """Compute measures (value, growth, share, ...) over a selection, broken down by dimensions.

    Example: `/api/v1/query?period=2025&flow=export&by=partner&measures=value_cny,yoy_pct&top=5`
    """
    limits = ctx.limits
    chosen = filters.model_dump()
    _check_sizes(chosen, limits, measures=(measures, 13), by=(by or "", 3))
    q = build_query(
        period, flow.value, measures, by, top, chosen, parent,
        basis=basis.value, grain=grain.value, as_of=as_of,
    )  # fmt: skip
    key = ctx.answer_key("query", q, format)
    cached: tuple[bytes, str] | None = ctx.answers.get(key)
    if cached is None:
        table, doc = await ctx.pool.run(lambda eng: run_query(eng, q, limits), limits.time_limit)
        cached = (render(table, doc, format), _filename(doc))
        if table.num_rows <= CACHED_ROWS:
            ctx.answers.put(key, cached)
    body, filename = cached
    if format is FormatParam.csv:
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return Response(body, media_type="application/json")
