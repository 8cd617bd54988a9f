"""One route for each question that is not a query: its parameters from one definition (the
CLI's), checked by the question's own builder, its whole answer kept per store state, served as
JSON pages or a CSV, Excel or Parquet file. ``/api/v1/indices`` and ``/api/v1/mirror`` are made
here, so they validate, page, cache and name their downloads the same way.

Example:
    >>> from tradestats.mirror import MIRROR_PARAMS
    >>> [p.name for p in parameters_of(MIRROR_PARAMS)][:3]
    ['period', 'reporter', 'flow']
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyarrow as pa
from fastapi import APIRouter, Request
from fastapi import Query as Param
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from tradestats.indicators.contract import Param as ContractParam
from tradestats.web.context import WebContext
from tradestats.web.errors import ERROR_RESPONSES
from tradestats.web.paging import MAX_SIZE, parse_page
from tradestats.web.routes.query import (
    FormatParam,
    QueryResult,
    answered,
    check_known,
    next_url_of,
    render,
    with_parameters,
)

OWN = ("format", "size", "next")


def parameters_of(params: Sequence[ContractParam]) -> list[inspect.Parameter]:
    """One query parameter per question parameter (the CLI's options), then the response's."""
    out = []
    for p in params:
        kinds: dict[type, Any] = {float: float, bool: bool}
        kind: Any = kinds.get(p.kind, str)
        extra: dict[str, Any] = {"max_length": 200} if kind is str else {}
        default = Param(... if p.required else None, description=p.described(), **extra)
        annotation = kind if p.required else kind | None
        out.append(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                     annotation=annotation))  # fmt: skip
    own: dict[str, tuple[Any, Any]] = {
        "format": (FormatParam, Param(FormatParam.json, description="json, csv, xlsx or parquet")),
        "size": (int | None, Param(None, ge=1, le=MAX_SIZE, description="Rows in a JSON page.")),
        "next": (str | None, Param(None, max_length=20, description="The next page's token.")),
    }  # fmt: skip
    for name, (annotation, default) in own.items():
        out.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                     annotation=annotation))  # fmt: skip
    return out


def question_router(
    kind: str,
    params: Sequence[ContractParam],
    build: Callable[[Mapping[str, Any]], Any],
    file_stem: Callable[[Any, dict[str, Any]], str],
    summary: str,
    description: str,
) -> APIRouter:
    """``GET /<kind>``: ``build(values).answer(engine)``, kept per store state (a heavy job)."""
    names = tuple(p.name for p in params)

    async def route(request: Request, ctx: WebContext, **values: Any) -> Response:
        check_known(request, (*names, *OWN))
        fmt = FormatParam(values.pop("format"))
        page = parse_page(values.pop("size"), values.pop("next"))
        q = build(values)
        key = ctx.answer_key(kind, q)
        table: pa.Table | None = ctx.tables.get(key)
        if table is None:
            table = await ctx.pool.run(q.answer, ctx.limits.time_limit, "heavy")
            ctx.tables.put(key, table)
        doc = q.described()
        body = await run_in_threadpool(render, table, doc, fmt, page, next_url_of(request))
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", file_stem(q, doc))
        return answered(request, body, fmt, f"{name}.{fmt.value}")

    route.__name__ = kind
    route.__doc__ = description
    with_parameters(route, parameters_of(params))
    router = APIRouter(tags=[kind])
    router.get(
        f"/{kind}",
        response_model=QueryResult,
        responses={200: {"content": {"text/csv": {}}}, **ERROR_RESPONSES},
        summary=summary,
    )(route)
    return router
