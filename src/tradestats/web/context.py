"""What every route needs: the engine pool and the limits, kept on ``app.state``.

Example:
    >>> Limits().max_top
    1000
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from fastapi import Request

from tradestats.web.cache import LRU, store_state
from tradestats.web.pool import EnginePool


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask for."""

    time_limit: float = 10.0  # seconds per request
    slow_time_limit: float = 60.0  # seconds for a bulletin or a claim check
    max_rows: int = 200_000  # rows of one query answer (served in pages, see web/paging.py)
    max_top: int = 1000
    max_items: int = 50  # codes or groups in one filter
    max_query_string: int = 4096  # bytes of the URL's query string
    max_body: int = 256_000  # bytes of a request body (POST /check)
    max_text: int = 100_000  # characters of an article to check


@dataclass
class WebContext:
    """The pool of engines over the served store, the limits, and the answers already given.

    ``answers`` holds rendered response bodies keyed by the question and the store's state, so
    a repeated question is answered in the event loop without waiting for a busy engine;
    ``tables`` the whole answers whose pages and downloads are cut from them.
    """

    pool: EnginePool
    limits: Limits
    answers: LRU = field(default_factory=lambda: LRU(512))
    tables: LRU = field(default_factory=lambda: LRU(16))  # whole answers, cut into pages
    unrestricted: bool = False  # may a request see confidential values (off by default)

    def answer_key(self, *question: Hashable) -> tuple[Hashable, ...]:
        """``question`` plus the store's state: a new batch makes older answers unreachable."""
        return (*question, store_state(self.pool.store))


def get_context(request: Request) -> WebContext:
    """FastAPI dependency: the app's WebContext."""
    ctx: WebContext = request.app.state.tradestats
    return ctx
