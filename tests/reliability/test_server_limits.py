"""The server's time limit stops work: a real ``tradestats serve`` under heavy queries at once.

WAVES waves of HEAVY_QUERIES distinct heavy queries (breakdowns by partner and HS8, and
more, of a year, a half or a quarter) are sent together, one wave after the other, to a server
with ``--time-limit LIMIT`` over a store of SERVER_RECORDS synthetic records, while one client
asks light questions (a month's total for one partner) one after the other. Counted: the heavy
queries answered 503 (stopped) and 200; how long after the last heavy answer the server's CPU
is idle again (under 10 % of a core over 0.5 s, from its /proc stat; asserted within 2 s);
the light queries' p95 (the slowest, under 20 of them) and slowest time, reported against the
target of 200 ms. Before the limits stopped work (issue
23), 24 heavy queries answered 503 at 12 s left the server computing for 60-150 s more and
light queries waited 50 times longer.

This campaign builds a store of a million records and runs for about a minute: it runs in
``make reliability`` (TRADESTATS_SERVER_LIMITS=1), not in ``make test``.
TRADESTATS_HEAVY_QUERIES (24), TRADESTATS_SERVER_RECORDS (1,000,000) and
TRADESTATS_TIME_LIMIT (2 s) set the sizes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from server_kit import get, served_process

HEAVY_QUERIES = int(os.environ.get("TRADESTATS_HEAVY_QUERIES", "24"))
RECORDS = int(os.environ.get("TRADESTATS_SERVER_RECORDS", "1000000"))
LIMIT = float(os.environ.get("TRADESTATS_TIME_LIMIT", "2"))
WAVES = 3  # bursts one after the other, so that the light client has time for its questions
IDLE_WITHIN = 2.0  # seconds after the last heavy answer (issue 23)
LIGHT_P95 = 0.200  # seconds (issue 23)
IDLE_SHARE = 0.10  # of one core, over IDLE_WINDOW
IDLE_WINDOW = 0.5
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

pytestmark = pytest.mark.skipif(
    os.environ.get("TRADESTATS_SERVER_LIMITS") != "1",
    reason="the server-limit campaign (a 1M-record store, a minute): make reliability",
)

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
PARTNERS = ("USA", "JPN", "KOR", "DEU", "VNM", "AUS", "BRA", "IND", "RUS", "GBR", "FRA", "MYS")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("limits")
    cli = [sys.executable, "-m", "tradestats.cli"]
    out, root = tmp / "records", tmp / "store"
    subprocess.run([*cli, "synth", "-n", str(RECORDS), "--seed", "1", "--out", str(out), "-q"],
                   check=True, capture_output=True)  # fmt: skip
    files = sorted(str(p) for p in out.glob("*.parquet"))
    subprocess.run([*cli, "ingest", *files, "--store", str(root), "--quiet"],
                   check=True, capture_output=True)  # fmt: skip
    return root


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, all its threads (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def heavy_targets(n: int) -> list[str]:
    """``n`` distinct heavy queries (no answer cache helps): by partner and HS8 (and more) of a
    year, a half or a quarter (about 0.3 to 1 s each alone on a million records)."""
    periods = [
        f"{y}{part}"
        for y in (2024, 2025)
        for part in ("", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4")
    ]
    extra = ("", ",enterprise_type", ",trade_mode", ",region", ",transport_mode", ",unit")
    targets = [
        f"/api/v1/query?period={p}&flow={f}&by=partner,hs8{more}"
        for more in extra
        for f in ("export", "import")
        for p in periods
    ]
    assert n <= len(targets), f"at most {len(targets)} distinct heavy queries"
    return targets[:n]


def light_targets() -> list[str]:
    return [
        f"/api/v1/query?period={m}&flow={f}&partner={p}"
        for p in PARTNERS
        for f in ("export", "import")
        for m in MONTHS
    ]


def idle_after(pid: int, since: float, give_up: float = 30.0) -> float:
    """Seconds from ``since`` to the start of the first window of IDLE_WINDOW s in which the
    process used under IDLE_SHARE of a core (sampled every 0.1 s)."""
    samples: list[tuple[float, float]] = []
    while time.monotonic() - since < give_up:
        samples.append((time.monotonic(), cpu_seconds(pid)))
        for i, (t0, c0) in enumerate(samples):
            ends = [(t, c) for t, c in samples[i:] if t - t0 >= IDLE_WINDOW]
            if ends and (ends[0][1] - c0) / (ends[0][0] - t0) < IDLE_SHARE:
                return max(t0 - since, 0.0)
        time.sleep(0.1)
    return give_up


def test_heavy_queries_past_the_limit_stop_and_light_ones_go_on(store: Path) -> None:
    with served_process(store, "--time-limit", str(LIMIT)) as (port, proc):
        for target in light_targets()[:3]:  # warm the engine (first query, reference data)
            for _ in range(10):  # the first may pass the limit (reference data, DuckDB start)
                if get(port, target)[0] == 200:
                    break
        statuses: Counter[int] = Counter()
        finished: list[float] = []
        lock = threading.Lock()
        done = threading.Event()
        light: list[float] = []
        light_statuses: Counter[int] = Counter()

        def heavy(target: str) -> None:
            status, _ = get(port, target)
            with lock:
                statuses[status] += 1
                finished.append(time.monotonic())

        def lights() -> None:
            for target in light_targets()[3:]:
                if done.is_set():
                    return
                start = time.monotonic()
                status, _ = get(port, target)
                light.append(time.monotonic() - start)
                light_statuses[status] += 1

        light_thread = threading.Thread(target=lights)
        light_thread.start()
        started = time.monotonic()
        for wave in range(WAVES):  # each wave's queries differ from the others' (no cache)
            targets = heavy_targets(HEAVY_QUERIES * WAVES)[wave::WAVES]
            threads = [threading.Thread(target=heavy, args=(t,)) for t in targets]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
        last = max(finished)
        done.set()  # the light client stops too: from now on the server should have no work
        light_thread.join(timeout=60)
        idle = idle_after(proc.pid, last)
    p95 = statistics.quantiles(light, n=20)[-1] if len(light) >= 20 else max(light)
    met = "met" if p95 < LIGHT_P95 else "NOT met"
    print(
        f"\nserver limits: {WAVES} waves of {HEAVY_QUERIES} heavy queries at once (--time-limit "
        f"{LIMIT:g} s, {RECORDS:,} records): {statuses[503]} answered 503, {statuses[200]} "
        f"answered 200, other {sum(n for s, n in statuses.items() if s not in (200, 503))}; "
        f"last answer {last - started:.1f} s after the first request; CPU idle {idle:.2f} s "
        f"after it (target {IDLE_WITHIN:g} s); {len(light)} light queries meanwhile "
        f"({dict(light_statuses)}): p95 {p95 * 1000:.0f} ms, slowest {max(light) * 1000:.0f} "
        f"ms (target p95 {LIGHT_P95 * 1000:.0f} ms: {met})"
    )
    # 200, 503 (stopped), or 422 when a breakdown computed in time has more rows than an answer
    # may hold (Limits.max_rows): each a documented answer, never a crash.
    assert set(statuses) <= {200, 422, 503} and statuses[503] > 0, statuses
    assert set(light_statuses) <= {200, 503}, light_statuses
    assert idle <= IDLE_WITHIN, f"the server computed for {idle:.1f} s after the last answer"
    # The light queries' p95 is reported, not asserted: on a 2-core machine shared with other
    # work it depends on that work (RELIABILITY.md, section 8c).
