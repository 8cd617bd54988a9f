"""``GET /api/v1/indicators`` and ``GET /api/v1/indicators/{name}?period=``.

Example:
    GET /api/v1/indicators
    GET /api/v1/indicators/total.yoy?period=2025
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from fastapi import Query as Param
from fastapi.responses import Response

from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.indicators.library import Indicator
from tradestats.web.context import WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, ApiError
from tradestats.web.serialize import dumps

router = APIRouter(tags=["indicators"])
NAME = r"^[A-Za-z0-9_.\-]+$"


def definition(ind: Indicator) -> dict[str, Any]:
    """An indicator's definition as JSON (its selection, measure, unit and where it is defined).

    >>> from tradestats.indicators.library import load_library
    >>> definition(load_library().get("total.yoy"))["unit"]
    'percent'
    """
    spec = {k: v for k, v in ind.spec.items() if k not in ("name", "title", "seed", "note")}
    return {
        "name": ind.name,
        "title": ind.title,
        "measure": ind.measure.value,
        "unit": ind.unit,
        "definition": spec,
        "seed": ind.seed,
        "note": ind.note,
        "source": ind.source,
    }


def _lookup(ctx: WebContext, name: str) -> Indicator:
    try:
        return ctx.pool.library.get(name)
    except UsageError as err:
        raise ApiError.from_usage(err, 404) from None


@router.get("/indicators", responses=ERROR_RESPONSES, summary="Every named indicator")
async def list_indicators(ctx: Annotated[WebContext, Depends(get_context)]) -> Response:
    """Every named indicator with its measure, unit, title and definition."""
    lib = ctx.pool.library
    items = [definition(lib.get(n)) for n in lib.names()]
    return Response(dumps({"indicators": items}), media_type="application/json")


def _compute(engine: Engine, name: str, period: str, as_of: str | None) -> dict[str, Any]:
    """The indicator's value, null with flag ``c`` when the store's disclosure policy
    withholds its figure (docs/disclosure.md)."""
    from dataclasses import replace

    from tradestats.disclosure.answer import withheld

    res = engine.indicator(name, period=period, as_of=as_of)
    hidden = withheld(engine, replace(res.indicator.query(period), as_of=as_of))
    return {"period": res.period, "value": None if hidden else res.value, "unit": res.unit,
            "as_of": as_of, "flag": "c" if hidden else ""}  # fmt: skip


@router.get("/indicators/{name}", responses=ERROR_RESPONSES, summary="One named indicator")
async def show_indicator(
    ctx: Annotated[WebContext, Depends(get_context)],
    name: Annotated[str, PathParam(max_length=100, pattern=NAME)],
    period: Annotated[
        str | None, Param(min_length=4, max_length=40, description="Compute it for this period.")
    ] = None,
    as_of: Annotated[str | None, Param(max_length=40)] = None,
) -> Response:
    """An indicator's definition; with ``period``, also its value (money exact, in yuan).

    Example: `/api/v1/indicators/total.yoy?period=2025`
    """
    doc: dict[str, Any] = {"indicator": definition(_lookup(ctx, name))}
    if period is None:
        return Response(dumps(doc), media_type="application/json")
    key = ctx.answer_key("indicator", name, period, as_of)
    body: bytes | None = ctx.answers.get(key)
    if body is None:
        doc |= await ctx.pool.run(
            lambda eng: _compute(eng, name, period, as_of), ctx.limits.time_limit
        )
        body = dumps(doc).encode()
        ctx.answers.put(key, body)
    return Response(body, media_type="application/json")
