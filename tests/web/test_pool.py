"""The server's limits stop work: statements are interrupted, later steps never run, a slot is
free only when its thread has stopped, and light requests never wait behind heavy ones."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anyio
import pyarrow as pa
import pytest

from tradestats.engine import Engine
from tradestats.indicators.contract import build_query
from tradestats.web.errors import ApiError
from tradestats.web.pool import EnginePool, check_cost, query_cost

# Tens of seconds of hashing on 2 cores, unless interrupted.
SLOW_SQL = "SELECT sum(hash(i)) AS s FROM range(20000000000) t(i)"
SCHEMA = pa.schema([("s", pa.uint64())])


async def _until(cond, seconds: float) -> float:
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        await anyio.sleep(0.02)
    return time.perf_counter() - start


async def _refused(pool: EnginePool, fn, timeout: float, cost: str = "light") -> ApiError:
    with pytest.raises(ApiError) as err:
        await pool.run(fn, timeout, cost)  # type: ignore[arg-type]
    assert err.value.status == 503 and err.value.code == "timeout"
    return err.value


def test_a_statement_past_the_limit_is_interrupted_and_frees_its_slot(store_dir: Path) -> None:
    pool = EnginePool(store_dir, size=1)

    async def main() -> float:
        start = time.perf_counter()
        await _refused(pool, lambda eng: eng.backend.run(SLOW_SQL, SCHEMA), 0.5, "heavy")
        # The worker stops within seconds of the limit (uninterrupted, the sum runs far longer).
        await _until(lambda: pool.heavy.borrowed_tokens == 0, 10)
        return time.perf_counter() - start

    assert anyio.run(main) < 10


def test_no_later_step_runs_after_the_limit(store_dir: Path) -> None:
    pool = EnginePool(store_dir, size=1)
    done: list[str] = []

    def plan(eng: Engine) -> None:
        eng.backend.run("SELECT 1::UBIGINT AS s", SCHEMA)
        done.append("first")
        time.sleep(1.0)  # the limit passes here, between two statements
        eng.backend.run("SELECT 2::UBIGINT AS s", SCHEMA)
        done.append("second")

    async def main() -> pa.Table:
        await _refused(pool, plan, 0.3)
        await _until(lambda: pool.light.borrowed_tokens + pool.heavy.borrowed_tokens == 0, 10)
        # The engine goes back to the pool and answers the next request.
        return await pool.run(lambda eng: eng.backend.run("SELECT 3::UBIGINT AS s", SCHEMA), 10)

    got = anyio.run(main)
    assert done == ["first"]
    assert got.column("s").to_pylist() == [3]


def test_the_slot_is_held_until_the_thread_has_stopped(store_dir: Path) -> None:
    pool = EnginePool(store_dir, size=1)
    release = threading.Event()

    async def main() -> str:
        await _refused(pool, lambda eng: release.wait(30), 0.2, "heavy")
        await anyio.sleep(0.3)
        assert pool.heavy.borrowed_tokens == 1  # still working: no new heavy work admitted
        await _refused(pool, lambda eng: "never", 0.3, "heavy")
        release.set()
        await _until(lambda: pool.heavy.borrowed_tokens == 0, 10)
        return await pool.run(lambda eng: "now", 5, "heavy")

    assert anyio.run(main) == "now"


def test_light_requests_do_not_wait_behind_heavy_ones(store_dir: Path) -> None:
    pool = EnginePool(store_dir, size=1)
    release = threading.Event()
    results: dict[str, object] = {}

    async def main() -> None:
        async with anyio.create_task_group() as tg:

            async def heavy() -> None:
                results["heavy"] = await pool.run(lambda eng: release.wait(30), 30, "heavy")

            tg.start_soon(heavy)
            await anyio.sleep(0.2)
            start = time.perf_counter()
            results["light"] = await pool.run(lambda eng: eng.store.periods(), 5, "light")
            results["light_s"] = time.perf_counter() - start
            release.set()

    anyio.run(main)
    assert results["heavy"] is True and results["light"]
    assert results["light_s"] < 2


def test_costs() -> None:
    assert query_cost(build_query({"period": "2025", "by": "partner"})) == "light"
    assert query_cost(build_query({"period": "2025", "by": "hs8"})) == "heavy"
    assert query_cost(build_query({"period": "2025", "by": "partner,hs2"})) == "heavy"
    seasonal = {"period": "2015..2025", "by": "month", "seasonal": "sa"}
    assert query_cost(build_query(seasonal)) == "heavy"  # years of months and a model fit
    assert check_cost("Exports rose 5 percent.") == "light"
    assert check_cost("Exports rose 5 percent. " * 200) == "heavy"


def test_heavy_engines_leave_a_core_to_the_light_lane(store_dir: Path) -> None:
    import os

    pool = EnginePool(store_dir)  # the default shape for this machine
    cores = os.cpu_count() or 2
    assert pool.heavy.total_tokens == max(1, cores - 1)

    def threads(eng: Engine) -> int:
        return int(eng.backend.con.raw_sql("SELECT current_setting('threads')").fetchone()[0])

    async def main() -> tuple[int, int]:
        heavy = await pool.run(threads, 10, "heavy")
        light = await pool.run(threads, 10, "light")
        return heavy, light

    heavy, light = anyio.run(main)
    # Heavy slots x their threads never take every core; a light question may use them all.
    assert heavy * pool.heavy.total_tokens <= max(1, cores - 1) and light == cores
