"""Engines for concurrent requests, and the per-request time limit.

The DuckDB backend holds one connection and one ``records`` view, so an Engine must not serve
two requests at once. The pool hands each worker thread an engine of its own (created on
demand, kept for reuse); all engines share one reference and one indicator library.

A call that runs past the time limit is abandoned: the client gets a 503 envelope at once, the
running DuckDB statement is interrupted, and its engine returns to the pool when it stops.

Example:
    >>> pool = EnginePool("demo-store")                                  # doctest: +SKIP
    >>> await pool.run(lambda eng: eng.store.periods(), timeout=5.0)     # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import queue
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from tradestats.engine import Engine, StoreLike
from tradestats.indicators.library import Library, load_library
from tradestats.indicators.reference_api import ReferenceLike, load_default_reference
from tradestats.web.errors import ApiError

T = TypeVar("T")


def _interrupt(engine: Engine) -> None:
    """Ask DuckDB to stop the running statement (best effort; other backends are left be)."""
    raw = getattr(getattr(engine.backend, "con", None), "con", None)
    stop = getattr(raw, "interrupt", None)
    if callable(stop):
        with contextlib.suppress(Exception):  # the statement may have just finished
            stop()


class EnginePool:
    """Engines over one store, at most ``size`` computing at once."""

    def __init__(
        self,
        store: StoreLike | str | os.PathLike[str],
        *,
        size: int = 2,
        reference: ReferenceLike | None = None,
        library: Library | None = None,
        backend: str = "duckdb",
    ) -> None:
        self.store = Engine(store, reference=reference, backend=backend).store
        self.reference = reference if reference is not None else load_default_reference()
        self.library = library if library is not None else load_library()
        self.backend = backend
        self.limiter = anyio.CapacityLimiter(max(1, size))
        self._free: queue.SimpleQueue[Engine] = queue.SimpleQueue()

    def _engine(self) -> Engine:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            return Engine(
                self.store, reference=self.reference, backend=self.backend, library=self.library
            )

    def _call(self, fn: Callable[[Engine], T], busy: list[Engine]) -> T:
        engine = self._engine()
        busy.append(engine)
        try:
            return fn(engine)
        finally:
            busy.remove(engine)
            self._free.put(engine)

    async def run(self, fn: Callable[[Engine], T], timeout: float) -> T:
        """``fn(engine)`` in a worker thread; ApiError 503 when it exceeds ``timeout`` s."""
        busy: list[Engine] = []
        try:
            with anyio.fail_after(timeout):
                return await anyio.to_thread.run_sync(
                    self._call, fn, busy, limiter=self.limiter, abandon_on_cancel=True
                )
        except TimeoutError:
            for engine in list(busy):
                _interrupt(engine)
            raise ApiError(
                503,
                "timeout",
                f"the request took longer than the {timeout:g} s limit and was stopped",
                hint="narrow the period or the breakdown, or ask for fewer rows",
            ) from None
