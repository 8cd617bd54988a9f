"""The FastAPI application: the read-only API under ``/api/v1``, the dashboard and the docs.

Example:
    >>> from tradestats.web import create_app                           # doctest: +SKIP
    >>> app = create_app("demo-store")                                  # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)   # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from tradestats import __version__
from tradestats.engine import StoreLike
from tradestats.indicators.reference_api import ReferenceLike
from tradestats.web.context import Limits, WebContext
from tradestats.web.errors import ApiError, envelope, install_error_handlers
from tradestats.web.pool import EnginePool
from tradestats.web.routes import (
    classifications,
    indicators,
    indices,
    mirror,
    pages,
    publish,
    query,
)
from tradestats.web.routes import store as store_routes
from tradestats.web.routes.pages import STATIC_DIR

if TYPE_CHECKING:
    from tradestats.web.routes.ingest import IngestConfig

API = "/api/v1"
DESCRIPTION = """Foreign-trade statistics computed from customs declaration records.

Read-only: no endpoint writes to the store. Every error is a JSON envelope
`{"error": {"status", "code", "message", "hint", "details"}}`: 422 for an invalid parameter,
400 for a question the engine cannot answer, 404 for an unknown resource or a period without
data, 503 when the per-request time limit is exceeded.
"""


def installed(package: str) -> bool:
    """True when an optional part of tradestats (bulletin, checker) is present."""
    try:
        return importlib.util.find_spec(package) is not None
    except ImportError:
        return False


def _limit_middleware(
    limits: Limits, own_limit: frozenset[str] = frozenset()
) -> Callable[..., Awaitable[Response]]:
    """Refuse long query strings and bodies over ``limits.max_body``, except on the paths in
    ``own_limit``, whose routes enforce their own (larger) limit after checking the caller."""

    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if len(request.url.query.encode()) > limits.max_query_string:
            return envelope(
                ApiError(414, "uri_too_long", f"query string over {limits.max_query_string} bytes")
            )
        size = request.headers.get("content-length")
        if request.method == "POST" and (size is None or not size.isdigit()):
            return envelope(ApiError(411, "length_required", "a POST needs a Content-Length"))
        ours = request.url.path not in own_limit
        if ours and size is not None and size.isdigit() and int(size) > limits.max_body:
            return envelope(
                ApiError(413, "payload_too_large", f"request body over {limits.max_body} bytes")
            )
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return guard


def create_app(
    store: StoreLike | str | os.PathLike[str],
    *,
    reference: ReferenceLike | None = None,
    limits: Limits | None = None,
    pool_size: int | None = None,
    cors_origins: Sequence[str] = (),
    backend: str = "duckdb",
    ingest: IngestConfig | None = None,
    allow_unrestricted: bool = False,
) -> FastAPI:
    """The web application over ``store`` (a directory or a Store); nothing is written to it.

    ``cors_origins`` enables CORS for those origins only (GET); it is off by default.
    ``ingest`` adds the token-protected ``POST /api/v1/ingest`` (routes/ingest.py); absent
    by default. ``allow_unrestricted`` lets ``/api/v1/query?unrestricted=true`` show the values
    of cells the store's disclosure policy suppresses (flagged ``c``); off by default.

    >>> app = create_app("/tmp/no-such-store")
    >>> app.title
    'tradestats API'
    """
    limits = limits or Limits()
    app = FastAPI(
        title="tradestats API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    pool = EnginePool(store, size=pool_size, reference=reference, backend=backend)
    app.state.tradestats = WebContext(pool=pool, limits=limits, unrestricted=allow_unrestricted)
    install_error_handlers(app)
    for module in (query, indices, mirror, indicators, classifications, store_routes):
        app.include_router(module.router, prefix=API)
    app.state.features = {
        "bulletin": installed("tradestats.bulletin"),
        "check": installed("tradestats.checker"),
    }
    if app.state.features["bulletin"]:
        app.include_router(publish.bulletin_router, prefix=API)
    if app.state.features["check"]:
        app.include_router(publish.check_router, prefix=API)
    own_limit: frozenset[str] = frozenset()
    if ingest is not None:  # the one route that writes: only when the server allows it
        from tradestats.web.routes.ingest import ingest_router

        app.include_router(ingest_router(ingest), prefix=API)
        own_limit = frozenset({f"{API}/ingest"})  # the upload limit, after the token
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.middleware("http")(_limit_middleware(limits, own_limit))
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    return app
