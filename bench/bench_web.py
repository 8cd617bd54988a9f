"""Load test of `tradestats serve` on loopback: N concurrent clients for S seconds, typical queries.

Usage: python bench/bench_web.py --store demo-store --clients 20 --seconds 30

Starts the server in a child process on a free 127.0.0.1 port, runs the clients (threads with
one HTTP connection each), cycles through typical dashboard and API queries, and prints a Markdown
section: requests, errors, p50/p95/p99 latency, for the first (uncached) answer of each query
and for all requests. Traffic goes only to 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

QUERIES = [
    "/api/v1/query?period=2025&flow=total&measures=value_cny,yoy_pct",
    "/api/v1/query?period=2025&flow=export&by=partner&measures=value_cny,yoy_pct,share_pct&top=10",
    "/api/v1/query?period=2025&flow=total&partner=asean&measures=value_cny,yoy_pct,share_pct",
    "/api/v1/query?period=2025&flow=export&product=new_trio&measures=value_cny,yoy_pct",
    "/api/v1/query?period=2025&flow=import&by=quarter&measures=value_cny,yoy_pct",
    "/api/v1/query?period=2025&flow=total&by=enterprise_type&measures=value_cny,share_pct",
    "/api/v1/query?period=2025&flow=export&by=month&measures=value_cny,yoy_pct",
    "/api/v1/query?period=2025-Q4&flow=import&partner=africa&measures=value_cny,yoy_pct",
    "/api/v1/indicators/total.yoy?period=2025",
    "/api/v1/periods",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/periods", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def client(base: str, stop: float, offset: int, out: list[tuple[str, float, int]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        i = offset
        while time.monotonic() < stop:
            path = QUERIES[i % len(QUERIES)]
            start = time.perf_counter()
            try:
                status = http.get(path).status_code
            except httpx.HTTPError:
                status = 0
            out.append((path, time.perf_counter() - start, status))
            i += 1


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, default=Path("demo-store"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "tradestats.cli", "serve", "--store", str(args.store),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_ready(base)
        results: list[tuple[str, float, int]] = []
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(base, stop, k, results))
            for k in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, results)


def report(args: argparse.Namespace, results: list[tuple[str, float, int]]) -> None:
    ms = [r[1] * 1000 for r in results]
    errors = sum(1 for r in results if r[2] != 200)
    first: dict[str, float] = {}
    for path, seconds, _ in results:
        first.setdefault(path, seconds * 1000)
    print(
        f"### Web API under load: {args.clients} clients for {args.seconds:.0f} s, {args.store}\n"
    )
    print("| requests | errors | req/s | p50 ms | p95 ms | p99 ms | first answers p50 / max ms |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    cold = sorted(first.values())
    print(
        f"| {len(results):,} | {errors} | {len(results) / args.seconds:,.0f} | "
        f"{pct(ms, 50):.0f} | {pct(ms, 95):.0f} | {pct(ms, 99):.0f} | "
        f"{statistics.median(cold):.0f} / {max(cold):.0f} |"
    )
    print(
        "\nThe server caches answers per question and store state, so repeated queries are "
        "answered from memory; the last column gives the first (computed) answer of each of the "
        f"{len(QUERIES)} queries."
    )


if __name__ == "__main__":
    main()
