"""``GET /api/v1/mirror``: a reporter's flows beside its partners' mirror flows, ratio and gap.

The parameters are ``tradestats mirror``' (``tradestats.mirror.MIRROR_PARAMS``), checked by the
same ``build_mirror``; JSON pages or a CSV, Excel or Parquet file of every row.

Example:
    GET /api/v1/mirror?period=2022&reporter=CHN&flow=export
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import pyarrow as pa
from fastapi import APIRouter, Request
from fastapi import Query as Param
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from tradestats.mirror import MIRROR_NAMES, MIRROR_PARAMS, MirrorQuestion, build_mirror
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

router = APIRouter(tags=["mirror"])
OWN = ("format", "size", "next")


def mirror_parameters() -> list[inspect.Parameter]:
    """One query parameter per mirror parameter (the CLI's options), then the response's own."""
    out = []
    for p in MIRROR_PARAMS:
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


async def _table(ctx: WebContext, q: MirrorQuestion) -> pa.Table:
    """The whole answer, computed once per store state and kept for its pages and files."""
    key = ctx.answer_key("mirror", q)
    kept: pa.Table | None = ctx.tables.get(key)
    if kept is None:
        kept = await ctx.pool.run(q.answer, ctx.limits.time_limit, "heavy")
        ctx.tables.put(key, kept)
    return kept


async def mirror(request: Request, ctx: WebContext, **values: Any) -> Response:
    """A reporter's exports to each partner beside the partners' imports from it (or the
    reverse), with their ratio and gap.

    Example: `/api/v1/mirror?period=2022&reporter=CHN&flow=export`
    """
    check_known(request, (*MIRROR_NAMES, *OWN))
    fmt = FormatParam(values.pop("format"))
    page = parse_page(values.pop("size"), values.pop("next"))
    q = build_mirror(values)
    table = await _table(ctx, q)
    doc = q.described()
    body = await run_in_threadpool(render, table, doc, fmt, page, next_url_of(request))
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"tradestats-mirror-{q.reporter}-{q.period}")
    return answered(request, body, fmt, f"{name}.{fmt.value}")


with_parameters(mirror, mirror_parameters())
router.get(
    "/mirror",
    response_model=QueryResult,
    responses={200: {"content": {"text/csv": {}}}, **ERROR_RESPONSES},
    summary="Mirror flows: a reporter's figures beside its partners'",
)(mirror)
