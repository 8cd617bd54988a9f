"""A real ``tradestats serve`` under slow clients (slow loris) and many connections at once.

Slow loris: SLOW_CLIENTS connections send a request head one byte at a time, and one
connection sends nothing; meanwhile other clients must get their answers at once, and every
slow connection must be answered 408 and closed by the server shortly after
``--request-timeout``. Many connections: CONNECTIONS clients connect together and each sends
one request (a mix of the API's cheap and computed answers); none may get a 5xx.

TRADESTATS_SLOW_CLIENTS (CI 20) and TRADESTATS_CONNECTIONS (CI 200) set the sizes.
TRADESTATS_SLOWLORIS_CONTROL=1 also runs the control: plain uvicorn (its defaults, as
``tradestats serve`` was before) keeps the slow connection open.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from server_kit import build_store, get, served

SLOW_CLIENTS = int(os.environ.get("TRADESTATS_SLOW_CLIENTS", "20"))
CONNECTIONS = int(os.environ.get("TRADESTATS_CONNECTIONS", "200"))
TIMEOUT = 2.0  # the server's --request-timeout in these tests
HEAD = b"GET /api/v1/periods HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n" + b"X: y\r\n" * 40


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("slow"))


def slow_client(port: int, stop: threading.Event, result: dict[str, object]) -> None:
    """Send HEAD one byte every 0.1 s until the server closes the connection (or ``stop``)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.settimeout(0.1)
        got = b""
        for i in range(len(HEAD)):
            if stop.is_set():
                break
            try:
                s.sendall(HEAD[i : i + 1])
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        result["closed_after"] = time.monotonic() - start
        result["answer"] = got.split(b"\r\n", 1)[0]
        result["sent"] = i


def silent_client(port: int, result: dict[str, object]) -> None:
    """Connect and send nothing; wait for the server to close."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        data = s.recv(4096)
        while data and not data.endswith(b"}}"):
            more = s.recv(4096)
            if not more:
                break
            data += more
        result["closed_after"] = time.monotonic() - start
        result["answer"] = data.split(b"\r\n", 1)[0]


@pytest.mark.slow
def test_slow_loris_is_timed_out_while_others_are_served(store: Path) -> None:
    with served(store, "--request-timeout", str(TIMEOUT)) as port:
        stop = threading.Event()
        results: list[dict[str, object]] = [{} for _ in range(SLOW_CLIENTS + 1)]
        threads = [
            threading.Thread(target=slow_client, args=(port, stop, results[i]))
            for i in range(SLOW_CLIENTS)
        ]
        threads.append(threading.Thread(target=silent_client, args=(port, results[-1])))
        for t in threads:
            t.start()
        time.sleep(0.5)  # the slow clients are connected and sending
        waits = []
        for _ in range(10):
            start = time.monotonic()
            status, _ = get(port, "/api/v1/periods")
            waits.append(time.monotonic() - start)
            assert status == 200
        for t in threads:
            t.join(timeout=TIMEOUT + 20)
        stop.set()
        assert max(waits) < 1.0, f"others waited {max(waits):.2f} s behind the slow clients"
        for r in results:
            assert r.get("answer") == b"HTTP/1.1 408 Request Timeout", r
            assert TIMEOUT - 0.2 < float(r["closed_after"]) < TIMEOUT + 5, r  # type: ignore[arg-type]
        sent = [int(r["sent"]) for r in results[:-1]]  # type: ignore[call-overload]
        assert max(sent) < len(HEAD) - 1, "a slow client finished its head: the test proves nothing"
        print(f"{SLOW_CLIENTS} slow + 1 silent client closed after "
              f"{min(float(r['closed_after']) for r in results):.2f}-"  # type: ignore[arg-type]
              f"{max(float(r['closed_after']) for r in results):.2f} s; others waited at most "  # type: ignore[arg-type]
              f"{max(waits) * 1000:.0f} ms")  # fmt: skip


def one_request(port: int, path: str, barrier: threading.Barrier, out: Counter[str]) -> None:
    """Connect, wait for every other client to be connected, send one GET; count the status
    (or the kind of error)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.connect()
        barrier.wait(timeout=60)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        out[str(response.status)] += 1
    except Exception as err:  # counted as a failure, with its kind
        out[type(err).__name__] += 1
    finally:
        conn.close()


PATHS = ["/api/v1/", "/api/v1/periods", "/api/v1/batches", "/api/v1/indicators",
         "/api/v1/query?period=2025&by=partner", "/api/v1/query?period=2025-03",
         "/api/v1/indicators/total.yoy?period=2025", "/static/dashboard.js"]  # fmt: skip


@pytest.mark.slow
def test_many_connections_at_once_get_no_5xx(store: Path) -> None:
    with served(store) as port:
        barrier = threading.Barrier(CONNECTIONS)
        statuses: Counter[str] = Counter()
        threads = [
            threading.Thread(
                target=one_request, args=(port, PATHS[i % len(PATHS)], barrier, statuses)
            )
            for i in range(CONNECTIONS)
        ]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=180)
        seconds = time.monotonic() - start
        print(f"{CONNECTIONS} connections at once: {dict(statuses)} in {seconds:.1f} s")
        assert statuses["200"] == CONNECTIONS, statuses


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("TRADESTATS_SLOWLORIS_CONTROL") != "1", reason="control: make reliability"
)
def test_control_plain_uvicorn_keeps_the_slow_client(store: Path) -> None:
    """Without the protocol of serve_cmd.py, uvicorn keeps a silent connection open."""
    import uvicorn

    from tradestats.web import create_app

    port_holder: dict[str, int] = {}
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port_holder["port"] = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port_holder["port"]), timeout=TIMEOUT * 3) as s:
            s.settimeout(TIMEOUT * 3)
            with pytest.raises(TimeoutError):
                s.recv(1)  # nothing comes, the connection stays open
    finally:
        server.should_exit = True
        thread.join(timeout=10)
