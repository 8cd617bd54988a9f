"""Engines for concurrent requests, two lanes by cost, and a time limit that stops the work.

The DuckDB backend holds one connection and one ``records`` view, so an Engine must not serve
two requests at once. The pool hands each worker thread an engine of its own (created on
demand, kept for reuse); all engines share one reference and one indicator library.

Admission by cost: a *heavy* request (a bulletin, a long article to check, a fine breakdown)
takes a slot of the heavy lane; a *light* one takes the light lane's slot, or a free heavy
slot, so light questions never wait behind heavy ones.

The heavy lane leaves a core to the light one: by default it has one slot per core but one, and
its DuckDB engines one thread per slot of those cores, so a burst of heavy breakdowns never
occupies every core while a light question waits for CPU (on two cores: one heavy slot of one
thread, and the light lane's engine on the other core).

A call that runs past its time limit is answered 503 at once and its engine is told to stop
(``Backend.interrupt``: DuckDB's statement interrupt or Spark's job cancel, and no later
statement of the plan runs). The slot is given back only when the worker thread has really
stopped, so abandoned work never piles up beyond the pool's size.

Example:
    >>> pool = EnginePool("demo-store")                                  # doctest: +SKIP
    >>> await pool.run(lambda eng: eng.store.periods(), timeout=5.0)     # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import anyio
import anyio.from_thread
import anyio.to_thread

from tradestats.engine import Engine, StoreLike
from tradestats.errors import Cancelled
from tradestats.indicators.library import Library, load_library
from tradestats.indicators.query import Dim, Measure, Query, Seasonal
from tradestats.indicators.reference_api import ReferenceLike, load_default_reference
from tradestats.web.errors import ApiError

T = TypeVar("T")
Cost = Literal["light", "heavy"]
FINE_DIMS = frozenset({Dim.HS6, Dim.HS8})  # thousands of keys: a big cube and a big answer
LONG_ARTICLE = 2_000  # characters: a longer text asks the engine many questions


def query_cost(q: Query) -> Cost:
    """Heavy: a breakdown by two keys or more, or by HS6/HS8, a growth streak (it reads
    every month back to its start) or a seasonal series (years of months, then a model fit);
    light otherwise.

    >>> from tradestats.indicators.contract import build_query
    >>> query_cost(build_query({"period": "2025", "by": "hs6"}))
    'heavy'
    """
    many = len(q.by) > 1 or bool(FINE_DIMS & set(q.by))
    adjusted = q.seasonal is not Seasonal.NONE
    return "heavy" if many or adjusted or Measure.GROWTH_STREAK in q.measures else "light"


def check_cost(text: str) -> Cost:
    """Heavy for a long article (each claim is a question to the engine)."""
    return "heavy" if len(text) > LONG_ARTICLE else "light"


class _Slot:
    """One admission: the lane whose token a request holds, given back once, by the worker
    thread when the work has stopped, or by the request if the work never began."""

    def __init__(self, lane: anyio.CapacityLimiter) -> None:
        self.lane = lane
        self._lock = threading.Lock()
        self.began = self.given_back = self.stopping = False

    def begin(self) -> bool:
        """In the worker thread: False when the request gave up before the work began."""
        with self._lock:
            self.began = not self.given_back
            return self.began

    def give_back_unbegun(self) -> None:
        """In the event loop, on cancellation: the token back if no thread took the work."""
        with self._lock:
            if self.began or self.given_back:
                return
            self.given_back = True
        self.lane.release_on_behalf_of(self)


def heavy_shape(size: int | None, cores: int | None = None) -> tuple[int, int]:
    """(heavy slots, DuckDB threads of each heavy engine) for a machine of ``cores``.

    >>> heavy_shape(None, 2), heavy_shape(None, 8), heavy_shape(2, 2), heavy_shape(3, 16)
    ((1, 1), (7, 1), (2, 1), (3, 5))
    """
    spare = max(1, (cores or os.cpu_count() or 2) - 1)  # one core stays for the light lane
    slots = max(1, size if size is not None else spare)
    return slots, max(1, spare // slots)


class EnginePool:
    """Engines over one store: at most ``size`` heavy and one more light request at once
    (``size`` None: one heavy slot per core but one, see ``heavy_shape``)."""

    def __init__(
        self,
        store: StoreLike | str | os.PathLike[str],
        *,
        size: int | None = None,
        reference: ReferenceLike | None = None,
        library: Library | None = None,
        backend: str = "duckdb",
    ) -> None:
        self.store = Engine(store, reference=reference, backend=backend).store
        self.reference = reference if reference is not None else load_default_reference()
        self.library = library if library is not None else load_library()
        self.backend = backend
        slots, self.heavy_threads = heavy_shape(size)
        self.heavy = anyio.CapacityLimiter(slots)
        self.light = anyio.CapacityLimiter(1)
        self._free: dict[int, queue.SimpleQueue[Engine]] = {}

    def _engine(self, threads: int | None) -> Engine:
        """A free engine whose DuckDB uses ``threads`` (None: every core), or a new one."""
        free = self._free.setdefault(threads or 0, queue.SimpleQueue())
        try:
            return free.get_nowait()
        except queue.Empty:
            backend: Any = self.backend
            if backend == "duckdb" and threads:
                from tradestats.backends.duckdb import DuckDBBackend

                backend = DuckDBBackend(threads=threads)
            return Engine(
                self.store, reference=self.reference, backend=backend, library=self.library
            )

    async def _admit(self, cost: Cost) -> _Slot:
        slot = _Slot(self.light if cost == "light" else self.heavy)
        if cost == "light":
            try:
                self.light.acquire_on_behalf_of_nowait(slot)
                return slot
            except anyio.WouldBlock:
                with contextlib.suppress(anyio.WouldBlock):
                    self.heavy.acquire_on_behalf_of_nowait(slot)
                    slot.lane = self.heavy
                    return slot
        await slot.lane.acquire_on_behalf_of(slot)
        return slot

    def _call(self, fn: Callable[[Engine], T], busy: list[Engine], slot: _Slot) -> T:
        if not slot.begin():
            raise Cancelled("the request gave up before its work began")
        threads = self.heavy_threads if slot.lane is self.heavy else None
        engine = self._engine(threads)
        engine.backend.resume()
        busy.append(engine)
        if slot.stopping:  # the limit passed while this thread took its engine
            engine.backend.interrupt()
        try:
            return fn(engine)
        finally:
            busy.remove(engine)
            self._free[threads or 0].put(engine)
            # The slot is free only now that the work has stopped (abandoned or not).
            with contextlib.suppress(Exception):  # the event loop may be closing
                anyio.from_thread.run_sync(slot.lane.release_on_behalf_of, slot)

    async def run(self, fn: Callable[[Engine], T], timeout: float, cost: Cost = "light") -> T:
        """``fn(engine)`` in a worker thread; ApiError 503 when it exceeds ``timeout`` s
        (waiting for a slot included)."""
        busy: list[Engine] = []
        try:
            with anyio.fail_after(timeout):
                slot = await self._admit(cost)
                try:
                    return await anyio.to_thread.run_sync(
                        self._call, fn, busy, slot, abandon_on_cancel=True
                    )
                except anyio.get_cancelled_exc_class():
                    slot.stopping = True
                    for engine in list(busy):
                        engine.backend.interrupt()
                    slot.give_back_unbegun()
                    raise
        except (TimeoutError, Cancelled):
            raise ApiError(
                503,
                "timeout",
                f"the request took longer than the {timeout:g} s limit and was stopped",
                hint="narrow the period or the breakdown, or ask for fewer rows",
            ) from None
