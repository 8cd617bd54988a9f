"""Servers for the hardening tests: a small store, ``tradestats serve`` in a subprocess on a
free loopback port (the real uvicorn set-up of serve_cmd.py), and raw HTTP over a socket (no
client library normalises the path or fixes the request for us).

Example:
    >>> with served(store, "--request-timeout", "2") as port:     # doctest: +SKIP
    ...     status, body = raw(port, b"GET /api/v1/ HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tradestats.store import Store

from helpers import two_year_store

build_store = two_year_store  # every month of 2024 and 2025 for two partners


def fingerprint(root: Path) -> tuple[list[str], dict[str, str]]:
    """The batches and the sha256 of every file of the store (except the writer's lock)."""
    files = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }
    return [b.id for b in Store(root).batches()], files


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raw(port: int, request: bytes, timeout: float = 10.0) -> tuple[int, bytes]:
    """Send ``request`` as is; the status and the whole answer (read until the server closes
    or the answer's Content-Length is in). Status 0: the server reset the connection without
    an answer we could read."""
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        # The server may answer (and close) before reading it all: then read the answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(request)
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                length = [
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ]
                if length and len(body) >= length[0]:
                    break
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def get(port: int, target: str) -> tuple[int, bytes]:
    """A GET of ``target`` exactly as written (no normalisation, no encoding)."""
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    return raw(port, request.encode("latin-1"))


@contextmanager
def served(store: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[int]:
    """``tradestats serve --store STORE ARGS`` on a free port; yields the port once it
    answers, stops the server (SIGINT, then SIGKILL) afterwards."""
    with served_process(store, *args, env=env) as (port, _):
        yield port


@contextmanager
def served_process(
    store: Path, *args: str, env: dict[str, str] | None = None
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """As ``served``, yielding the port and the server's process (to watch its CPU time)."""
    port = free_port()
    cmd = [sys.executable, "-m", "tradestats.cli", "serve", "--store", str(store),
           "--port", str(port), *args]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"tradestats serve exited {proc.returncode}: {out[-2000:]}")
            try:
                if get(port, "/api/v1/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tradestats serve did not answer within 60 s")
            time.sleep(0.1)
        yield port, proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
