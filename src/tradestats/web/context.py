"""What every route needs: the engine pool and the limits, kept on ``app.state``.

Example:
    >>> Limits().max_top
    1000
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from tradestats.web.pool import EnginePool


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask for."""

    time_limit: float = 10.0  # seconds per request
    slow_time_limit: float = 60.0  # seconds for a bulletin or a claim check
    max_rows: int = 10_000  # rows in one query answer
    max_top: int = 1000
    max_items: int = 50  # codes or groups in one filter
    max_query_string: int = 4096  # bytes of the URL's query string
    max_body: int = 256_000  # bytes of a request body (POST /check)
    max_text: int = 100_000  # characters of an article to check


@dataclass
class WebContext:
    """The pool of engines over the served store, and the limits."""

    pool: EnginePool
    limits: Limits


def get_context(request: Request) -> WebContext:
    """FastAPI dependency: the app's WebContext."""
    ctx: WebContext = request.app.state.tradestats
    return ctx
