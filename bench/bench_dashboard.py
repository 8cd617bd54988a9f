"""Benchmark: a scripted browser session on the dashboard, cold, as a user's first clicks.

Each session starts `tradestats serve` afresh (nothing computed, nothing cached), opens the
dashboard in Chromium (Playwright, Debian's /usr/bin/chromium) and times, from the action to
the page's ``data-state="ready"`` (every panel drawn): the first view, then the first clicks a
user makes: the table by partner group, products by product group, then by HS section, a
partner typed in (Thailand), an enterprise type chosen, and the flow changed. Prints a
Markdown table: median and p95 per step over the sessions, and how many steps hit an error.

Example:
    .venv/bin/python bench/bench_dashboard.py --store demo-store --sessions 5
"""

from __future__ import annotations

import argparse
import contextlib
import math
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
READY = "document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(store: Path) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "tradestats.cli", "serve", "--store", str(store),
           "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/api/v1/periods", timeout=1).status_code < 500:
                    break
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def steps(page: Any) -> list[tuple[str, Callable[[], None]]]:
    """The user's first clicks, in order."""
    return [
        ("table by partner group", lambda: page.select_option("#table-by", "partner_group")),
        ("products by product group", lambda: page.select_option("#product-by", "product_group")),
        ("products by HS section", lambda: page.select_option("#product-by", "hs_section")),
        (
            "partner THA",
            lambda: (page.fill("#f-partner", "THA"), page.press("#f-partner", "Enter")),
        ),
        ("enterprise type", lambda: page.select_option("#f-enterprise_type", index=1)),
        ("flow export", lambda: page.select_option("#f-flow", "export")),
    ]


def session(url: str) -> tuple[dict[str, float], int]:
    """Seconds per step of one cold session, and the steps that ended in an error."""
    from playwright.sync_api import sync_playwright

    times: dict[str, float] = {}
    errors = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(url + "/")
        page.wait_for_function(READY, timeout=60_000)
        times["first view"] = time.perf_counter() - start
        for name, act in steps(page):
            page.evaluate("document.body.dataset.state = 'clicked'")
            start = time.perf_counter()
            act()
            page.wait_for_function(READY, timeout=60_000)
            times[name] = time.perf_counter() - start
            errors += page.evaluate("document.body.dataset.state") == "error"
        browser.close()
    return times, errors


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path("demo-store"))
    ap.add_argument("--sessions", type=int, default=5)
    args = ap.parse_args(argv)
    all_times: dict[str, list[float]] = {}
    errors = 0
    for _ in range(args.sessions):
        with served(args.store) as url:
            times, err = session(url)
        errors += err
        for k, v in times.items():
            all_times.setdefault(k, []).append(v)
    print(f"## Dashboard, cold browser sessions ({args.sessions}, server started afresh each)\n")
    print("| step | median s | p95 s |\n|---|---:|---:|")
    for k, v in all_times.items():
        print(f"| {k} | {statistics.median(v):.2f} | {p95(v):.2f} |")
    print(f"\nSteps ending in an error: {errors}")


if __name__ == "__main__":
    main()
