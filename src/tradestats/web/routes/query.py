"""``GET /api/v1/query``: the engine's query model as URL parameters; JSON or CSV.

Example:
    GET /api/v1/query?period=2025&flow=export&by=partner&measures=value_cny,yoy_pct,share_pct&top=5
    GET /api/v1/query?period=2025-Q2&partner=asean,!VNM&by=month&format=csv
    GET /api/v1/query?period=2025&by=hs6&sort=-value_cny&size=500&next=500

Answers are sorted and paged here (``tradestats.web.paging``), never re-computed: the engine
computes the whole answer once, it is kept, and every page and download is cut from it.
"""

from __future__ import annotations

import inspect
import re
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

import pyarrow as pa
from fastapi import APIRouter, Depends, Request
from fastapi import Query as Param
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from tradestats import export, names
from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.indicators.contract import NAMES, PARAMS, build_query, describe
from tradestats.indicators.query import Query, split_list
from tradestats.indicators.suggest import nearest
from tradestats.web.context import Limits, WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, ApiError, ErrorEnvelope, from_library
from tradestats.web.paging import (
    MAX_SIZE,
    Page,
    etag,
    matches,
    next_token,
    page_of,
    parse_page,
    parse_sort,
    sorted_table,
)
from tradestats.web.pool import query_cost
from tradestats.web.serialize import columns, dumps, table_csv

router = APIRouter(tags=["query"])


class FormatParam(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


DOWNLOADS = {  # format -> (media type, writer): the same files as the Python API and the CLI
    FormatParam.csv: ("text/csv; charset=utf-8", lambda t: table_csv(t).encode()),
    FormatParam.xlsx: (export.XLSX_MEDIA, export.xlsx_bytes),
    FormatParam.parquet: (export.PARQUET_MEDIA, export.parquet_bytes),
}


class NamesParam(StrEnum):  # the choices of tradestats.names (a test keeps them equal)
    none = "none"
    en = "en"
    zh = "zh"
    both = "both"


class PresentParam(StrEnum):
    none = "none"
    en = "en"
    zh = "zh"


class Column(BaseModel):
    name: str
    type: str


class QueryResult(BaseModel):
    """A query's answer: the question as understood, the columns and the rows."""

    query: dict[str, Any]
    columns: list[Column]
    rows: list[dict[str, Any]]
    row_count: int
    next: str | None = None
    next_url: str | None = None
    presented: dict[str, Any] | None = None


LIST_PARAMS = ("measures", "by")  # comma lists bounded apart from the filters
OTHER_PARAMS = (
    "format",
    "names",
    "present",
    "sort",
    "size",
    "next",
    "unrestricted",
)  # the response's own, beside the question's


def _check_sizes(values: dict[str, Any], limits: Limits) -> None:
    """The server's bounds on a question (its size, not its meaning: the engine decides that)."""
    most = {"measures": 13, "by": 3}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        bound = most.get(name, limits.max_items)
        if len(split_list(value)) > bound:
            raise ApiError(422, "invalid_parameter", f"{name}: at most {bound} items")


def question_parameters() -> list[inspect.Parameter]:
    """The route's query parameters: one per parameter of the query contract (documented in
    the OpenAPI schema with the contract's help), then ``format``."""
    out = []
    for p in PARAMS:
        kind: Any = int if p.kind is int else str
        extra: dict[str, Any] = {"max_length": 300} if kind is str else {}
        if p.name == "period":
            extra = {"min_length": 4, "max_length": 40}
        if p.name == "top":  # the server's bound on an answer's size
            extra = {"ge": 1, "le": Limits.max_top}
        default = Param(... if p.required else None, description=p.described(), **extra)
        annotation = kind if p.required else kind | None
        out.append(
            inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                              annotation=annotation)
        )  # fmt: skip
    fmt = Param(FormatParam.json, description="json, or a download: csv, xlsx (Excel), parquet")
    out.append(inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, default=fmt,
                                 annotation=FormatParam))  # fmt: skip
    own: dict[str, tuple[Any, Any]] = {
        "names": (NamesParam, Param(NamesParam.none, description=(
            "Names beside codes, from the reference data: a `<column>_name` (English) and/or "
            "`<column>_name_zh` (Chinese) column after each partner, group, enterprise type, "
            "HS section, chapter, heading or subheading column. none, en, zh or both."))),
        "present": (PresentParam, Param(PresentParam.none, description=(
            "The page as people read it, in English or Chinese (JSON only): `presented` holds "
            "the headers, each row's cells as published (money scaled per column, rounded "
            "half-up; ratios to 1 decimal) and each money column's unit and scale, from the "
            "presentation layer the bulletin and `--format table` use."))),
        "sort": (str | None, Param(None, max_length=300, description=(
            "Comma list of the answer's columns to order it by; '-' in front for descending "
            "(sort=-value_cny,partner). Nulls last. Applies to downloads too."))),
        "size": (int | None, Param(None, ge=1, le=MAX_SIZE, description=(
            f"Rows in a page of a JSON answer (default 1000, at most {MAX_SIZE}); downloads "
            "hold every row."))),
        "next": (str | None, Param(None, max_length=20, description=(
            "The page token from the previous page's 'next' (JSON answers only)."))),
        "unrestricted": (bool, Param(False, description=(
            "Show the values of cells the store's disclosure policy suppresses (still flagged "
            "c). Refused (403) unless the server was started with --allow-unrestricted."))),
    }  # fmt: skip
    for name, (annotation, default) in own.items():
        out.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                     annotation=annotation))  # fmt: skip
    return out


def check_known(request: Request, known: tuple[str, ...] = (*NAMES, *OTHER_PARAMS)) -> None:
    """400 naming the first parameter neither the question nor the response knows (``known``:
    the query route's by default): a misspelt parameter must not silently give a plausible
    wrong answer."""
    unknown = [k for k in request.query_params if k not in known]
    if unknown:
        name = unknown[0]
        hint = nearest(name, known)
        raise ApiError(
            400, "invalid_parameter", f"unknown parameter {name!r}", hint,
            details=[{"loc": name, "msg": "unknown parameter"}],
        )  # fmt: skip


def build(values: dict[str, Any]) -> Query:
    """The engine Query, or ApiError 400 with the engine's message, hint and parameter.

    >>> build({"period": "2025", "flow": "export", "by": "partner", "top": 5}).top
    5
    """
    try:
        return build_query(values)
    except UsageError as err:
        raise from_library(err) from None


def _filename(doc: dict[str, Any], fmt: FormatParam) -> str:
    parts = ["tradestats", doc["period"], doc["flow"], *doc["by"]]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(parts)) + "." + fmt.value


CACHED_ROWS = 2000  # larger answers are not kept


def run_query(
    engine: Engine, q: Query, limits: Limits, unrestricted: bool = False
) -> tuple[pa.Table, dict[str, Any]]:
    """Run the query (in a worker thread) under the store's disclosure policy and enforce the
    row limit; the engine alone says whether the store can answer it (an annual-only store
    answers a year as the CLI does)."""
    from tradestats.disclosure.answer import provenance

    table = engine.answer(q, unrestricted=unrestricted)
    if table.num_rows > limits.max_rows:
        raise ApiError(
            422,
            "too_many_rows",
            f"the answer has {table.num_rows} rows, more than the limit of {limits.max_rows}",
            hint="add top=N or use a coarser breakdown",
        )
    doc = describe(q, engine.period_label(q), engine.left_out(q))
    doc["disclosure"] = provenance(engine, q.as_of) + (" (unrestricted)" if unrestricted else "")
    return table, doc


def render(
    table: pa.Table, doc: dict[str, Any], fmt: FormatParam, page: Page = Page(),
    next_url: str | None = None, lang: str = "none",
) -> bytes:  # fmt: skip
    """The answer's body: JSON (query, columns, one page of rows, the next page's token, and
    with ``lang`` the page as presented), or a CSV, Excel or Parquet file of every row."""
    if fmt in DOWNLOADS:
        return DOWNLOADS[fmt][1](table)
    token = next_token(table, page)
    rows = page_of(table, page)
    body: dict[str, Any] = {
        "query": doc,
        "columns": columns(table),
        "rows": rows.to_pylist(),
        "row_count": table.num_rows,
        "next": token,
        "next_url": next_url.replace("__NEXT__", token) if token and next_url else None,
    }
    if lang != "none":
        body["presented"] = presented(rows, lang)
    return dumps(body).encode()


def presented(rows: pa.Table, lang: str) -> dict[str, Any]:
    """A page as published (``tradestats.bulletin.present``): headers, cell texts, units and
    scales, so that a front end shows figures without rounding or naming them itself.

    >>> from decimal import Decimal
    >>> presented(pa.table({"value_cny": [Decimal("4522028763903.32")]}), "zh")["rows"]
    [['45,220.3']]
    """
    from tradestats.bulletin.present import present

    shown = present(rows, lang, missing="—")
    return {
        "lang": lang,
        "headers": dict(zip(rows.column_names, shown.headers, strict=True)),
        "rows": shown.rows,
        "units": shown.units,
        "scales": {k: str(v) for k, v in shown.scales.items()},
        "notes": shown.notes,
    }


def next_url_of(request: Request) -> str:
    """This request's URL (path and query) with the next page's token in place of ``__NEXT__``."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "next"]
    return request.url.path + "?" + urlencode([*kept, ("next", "__NEXT__")])


async def answer_table(
    ctx: WebContext, q: Query, unrestricted: bool = False
) -> tuple[pa.Table, dict[str, Any]]:
    """The whole answer to ``q``: computed once per store state, then kept for its pages."""
    key = ctx.answer_key("table", q, unrestricted)
    kept: tuple[pa.Table, dict[str, Any]] | None = ctx.tables.get(key)
    if kept is None:
        limits = ctx.limits
        kept = await ctx.pool.run(
            lambda eng: run_query(eng, q, limits, unrestricted), limits.time_limit, query_cost(q)
        )
        ctx.tables.put(key, kept)
    return kept


async def query(request: Request, ctx: WebContext, **values: Any) -> Response:
    """Compute measures (value, growth, share, ...) over a selection, broken down by dimensions.

    The parameters are those of the query model (the same as `tradestats query`'s options);
    an unknown parameter is refused. Example:
    `/api/v1/query?period=2025&flow=export&by=partner&measures=value_cny,yoy_pct&top=5`
    """
    check_known(request)
    fmt = FormatParam(values.pop("format"))
    sort_text, page = values.pop("sort"), parse_page(values.pop("size"), values.pop("next"))
    named = str(values.pop("names").value)
    lang = str(values.pop("present").value)
    unrestricted = bool(values.pop("unrestricted"))
    if unrestricted and not ctx.unrestricted:
        raise ApiError(
            403, "forbidden", "unrestricted answers are off on this server",
            hint="confidential values are for the statistics office: tradestats query "
            "--unrestricted, or a server started with --allow-unrestricted",
        )  # fmt: skip
    _check_sizes(values, ctx.limits)
    q = build(values)
    kept_page = page if fmt not in DOWNLOADS else None
    key = ctx.answer_key("query", q, fmt, named, lang, sort_text, kept_page, unrestricted)
    cached: tuple[bytes, str] | None = ctx.answers.get(key)
    if cached is None:
        table, doc = await answer_table(ctx, q, unrestricted)
        if named != "none":  # before sorting, so that an answer may be sorted by its names
            table = names.with_names(table, ctx.pool.reference, named)
        keys = parse_sort(sort_text, table.column_names)
        url = next_url_of(request)

        def rendered() -> bytes:
            return render(sorted_table(table, keys), doc, fmt, page, url, lang)

        cached = (await run_in_threadpool(rendered), _filename(doc, fmt))
        if fmt not in DOWNLOADS and min(page.size, table.num_rows) <= CACHED_ROWS:
            ctx.answers.put(key, cached)
    body, filename = cached
    return answered(request, body, fmt, filename)


def answered(request: Request, body: bytes, fmt: FormatParam, filename: str) -> Response:
    """The response of a rendered answer: its ETag (304 when the caller has it), JSON, or a
    download as an attachment named ``filename``."""
    tag = etag(body)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}  # revalidate: the store may change
    if matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    if fmt in DOWNLOADS:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return Response(body, media_type=DOWNLOADS[fmt][0], headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def with_parameters(route: Any, parameters: list[inspect.Parameter]) -> Any:
    """``route`` taking the request, the app's WebContext and ``parameters`` (query parameters
    made from a contract), as FastAPI reads a signature."""
    own = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          annotation=Annotated[WebContext, Depends(get_context)]),
    ]  # fmt: skip
    route.__signature__ = inspect.Signature([*own, *parameters])
    return route


with_parameters(query, question_parameters())
router.get(
    "/query",
    response_model=QueryResult,
    responses={
        200: {"content": {"text/csv": {}, export.XLSX_MEDIA: {}, export.PARQUET_MEDIA: {}}},
        **ERROR_RESPONSES,
        403: {"model": ErrorEnvelope, "description": "unrestricted answers are off"},
    },
    summary="Compute measures over a selection of records, optionally broken down",
)(query)
