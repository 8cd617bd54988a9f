"""`tradestats serve`: the HTTP API and the dashboard over a store (read-only unless told).

The server is uvicorn with its h11 protocol and explicit limits (uvicorn's defaults have none
for a slow client: a connection that sends its request one byte at a time, or nothing at all,
is kept open for ever):

- a client has ``--request-timeout`` seconds (10) to send a whole request, head and body,
  from the moment it connects or starts the request; then it gets 408 and is disconnected;
- an idle keep-alive connection is closed after 5 s;
- a request head (request line and headers) is at most 16 KiB (uvicorn answers 400);
- at most ``--max-connections`` (1000) connections at once (more are answered 503).

``--allow-ingest`` adds ``POST /api/v1/ingest`` (see tradestats.web.routes.ingest), protected
by the token in TRADESTATS_INGEST_TOKEN; the server refuses to start without one.

Example:
    $ tradestats serve --store demo-store
    $ tradestats serve --store demo-store --host 0.0.0.0 --port 8080 --cors-origin https://x.org
    $ TRADESTATS_INGEST_TOKEN=... tradestats serve --store demo-store --allow-ingest
"""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path
from typing import Any

import h11
import typer
from rich.console import Console
from uvicorn.protocols.http.h11_impl import H11Protocol

from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.errors import UsageError

KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open
MAX_HEAD = 16 * 1024  # bytes of request line and headers (h11's limit; uvicorn answers 400)
_TIMEOUT_BODY = (
    b'{"error": {"status": 408, "code": "request_timeout", "message": "the request was not '
    b'received in time", "hint": null, "details": null}}'
)
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
    + b"content-length: %d\r\n\r\n" % len(_TIMEOUT_BODY)
    + _TIMEOUT_BODY
)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for receiving each request, head and body.

    The clock starts when the connection opens, or when the first bytes of a next request
    arrive on a kept-alive connection, and stops once the whole request is in. A client that
    is still sending (or sending nothing) at the deadline gets 408 and is disconnected, so
    slow clients cannot hold connections (slow loris).
    """

    request_timeout = 10.0

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
            self._arm()  # part of a request is in: keep (or start) the clock
        else:
            self._disarm()  # the request is complete (or the connection is done)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE:
            self._disarm()  # idle between requests: uvicorn's keep-alive timer applies

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete
        ):
            self.transport.write(TIMEOUT_RESPONSE)  # no request yet: h11 cannot answer one
        self.transport.close()


def guarded_protocol(request_timeout: float) -> type[GuardedH11Protocol]:
    """The protocol class with its deadline set."""
    return type("GuardedH11", (GuardedH11Protocol,), {"request_timeout": request_timeout})


def uvicorn_config(web: Any, host: str, port: int, request_timeout: float,
                   max_connections: int, log_level: str = "info") -> Any:  # fmt: skip
    """The uvicorn Config of ``tradestats serve``: the guarded protocol and the limits above."""
    import uvicorn

    return uvicorn.Config(
        web,
        host=host,
        port=port,
        log_level=log_level,
        http=guarded_protocol(request_timeout),
        timeout_keep_alive=KEEP_ALIVE,
        h11_max_incomplete_event_size=MAX_HEAD,
        limit_concurrency=max_connections,
        timeout_graceful_shutdown=10,
        server_header=False,
    )


def ingest_config(store: Path, max_upload_mb: int) -> Any:
    """The ingest route's settings, with the token from the environment; UsageError without
    a token, or with a short one."""
    from tradestats.web.routes.ingest import MIN_TOKEN, TOKEN_ENV, IngestConfig

    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise UsageError(
            f"--allow-ingest needs a token in {TOKEN_ENV} (at least {MIN_TOKEN} characters)",
            hint='make one with `python -c "import secrets; print(secrets.token_urlsafe(32))"`',
        )
    return IngestConfig(store=store, token=token, max_bytes=max_upload_mb * 2**20)


@app.command()
def serve(
    store: Path = typer.Option(..., "--store", "-s", help="Store directory to serve."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    cors_origin: list[str] = typer.Option(
        [],
        "--cors-origin",
        help="Allow browser calls from this origin (repeatable; off by default).",
    ),
    time_limit: float = typer.Option(
        10.0, "--time-limit", min=0.1, max=600, help="Seconds one request may compute."
    ),
    request_timeout: float = typer.Option(
        10.0, "--request-timeout", min=0.5, max=600, help="Seconds a client has to send a request."
    ),
    max_connections: int = typer.Option(
        1000, "--max-connections", min=1, max=100_000, help="Open connections (more get 503)."
    ),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Add POST /api/v1/ingest (token in TRADESTATS_INGEST_TOKEN)."
    ),
    max_upload_mb: int = typer.Option(
        64, "--max-upload-mb", min=1, max=10_000, help="Largest ingest upload, in MiB."
    ),
    allow_unrestricted: bool = typer.Option(
        False,
        "--allow-unrestricted",
        help="Let /api/v1/query?unrestricted=true show the values of cells the store's "
        "disclosure policy suppresses (for a server inside the statistics office only).",
    ),
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Serve the HTTP API (/api/v1, docs at /docs) and the dashboard (/); read-only unless
    --allow-ingest.

    Example: tradestats serve --store demo-store --port 8000
    """
    if not store.is_dir():
        raise UsageError(f"no store at {store}", hint="make one with `tradestats demo`")
    import uvicorn

    from tradestats.cli.engine_options import backend_name
    from tradestats.web import Limits, create_app

    ingest = ingest_config(store, max_upload_mb) if allow_ingest else None
    limits = Limits(time_limit=time_limit)  # the upload route keeps its own body limit
    backend = backend_name(engine_name, spark_master)
    web = create_app(store, limits=limits, cors_origins=cors_origin, backend=backend, ingest=ingest,
                     allow_unrestricted=allow_unrestricted)  # fmt: skip
    url = f"http://{host}:{port}/"
    config = uvicorn_config(web, host, port, request_timeout, max_connections)
    sock = bind(host, port)  # before saying "serving": a port in use is an error, not a lie
    console = Console(highlight=False)
    console.print(f"serving {store} at {url} (API docs: {url}docs); Ctrl-C stops")
    if ingest is not None:
        where = "" if host in ("127.0.0.1", "localhost", "::1") else " (use TLS in front of it)"
        console.print(f"ingest allowed: POST {url}api/v1/ingest with the token{where}")
    uvicorn.Server(config).run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; UsageError when the address cannot be bound.

    >>> bind("127.0.0.1", 0).getsockname()[0]
    '127.0.0.1'
    """
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as err:
        raise UsageError(
            f"cannot serve at {host}:{port}: {err.strerror or err}",
            hint="another program may use the port: choose another with --port",
        ) from None
    sock.set_inheritable(True)
    return sock
