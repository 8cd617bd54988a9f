"""``GET /api/v1/periods`` and ``GET /api/v1/batches``: what the served store holds.

Nothing here writes: the store is opened read-only and only its manifest is read.

Example:
    GET /api/v1/periods
    GET /api/v1/batches
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends
from fastapi import Query as Param
from fastapi.responses import Response

from tradestats import __version__
from tradestats.errors import UsageError
from tradestats.web.context import WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, from_library
from tradestats.web.serialize import dumps

router = APIRouter(tags=["store"])


def _summary(store: Any, as_of: str | None) -> list[dict[str, Any]]:
    if hasattr(store, "summary"):
        rows: list[dict[str, Any]] = store.summary(as_of=as_of)
        return rows
    return [{"period": p} for p in store.periods(as_of=as_of)]


@router.get("/periods", responses=ERROR_RESPONSES, summary="Months with data")
async def periods(
    ctx: Annotated[WebContext, Depends(get_context)],
    as_of: Annotated[str | None, Param(max_length=40)] = None,
) -> Response:
    """Months with data, with their vintage, row count and value totals; and the years.

    Example: `/api/v1/periods` -> `{"periods": [{"period": "2025-01", ...}], "years": [...]}`
    """
    try:
        rows = await anyio.to_thread.run_sync(_summary, ctx.pool.store, as_of)
    except UsageError as err:
        raise from_library(err) from None
    months = [str(r["period"]) for r in rows]
    years = sorted({m[:4] for m in months})
    complete = [y for y in years if all(f"{y}-{m:02d}" in months for m in range(1, 13))]
    doc = {"periods": rows, "years": years, "complete_years": complete, "as_of": as_of}
    return Response(dumps(doc), media_type="application/json")


def _batch(rec: Any) -> dict[str, Any]:
    sources = [
        {"file": PurePath(s.path).name, "sha256": s.sha256, "bytes": s.bytes, "format": s.format}
        for s in rec.sources
    ]
    return {
        "id": rec.id,
        "mode": rec.mode,
        "committed_at": rec.committed_at,
        "periods": list(rec.periods),
        "rows_read": rec.rows_read,
        "rows_accepted": rec.rows_accepted,
        "rows_quarantined": rec.rows_quarantined,
        "values": rec.values,
        "vintages": rec.vintages,
        "sources": sources,
        "note": rec.note,
    }


@router.get("/batches", responses=ERROR_RESPONSES, summary="Committed batches")
async def batches(ctx: Annotated[WebContext, Depends(get_context)]) -> Response:
    """Every committed batch, oldest first (source files by name only, never their paths)."""
    store: Any = ctx.pool.store
    records = await anyio.to_thread.run_sync(getattr(store, "batches", list))
    return Response(dumps({"batches": [_batch(r) for r in records]}), media_type="application/json")


@router.get("/", summary="About this API")
async def about() -> dict[str, Any]:
    """Name, version and where the schema and the docs are."""
    return {
        "service": "tradestats",
        "version": __version__,
        "openapi": "/openapi.json",
        "docs": "/docs",
        "endpoints": [
            "/api/v1/query", "/api/v1/indicators", "/api/v1/indicators/{name}",
            "/api/v1/classifications", "/api/v1/classifications/{name}",
            "/api/v1/periods", "/api/v1/batches",
        ],
    }  # fmt: skip
