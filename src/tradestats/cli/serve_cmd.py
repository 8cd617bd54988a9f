"""`tradestats serve`: the HTTP API and the dashboard over a store (read-only).

Example:
    $ tradestats serve --store demo-store
    $ tradestats serve --store demo-store --host 0.0.0.0 --port 8080 --cors-origin https://x.org
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.errors import UsageError


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
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Serve the read-only HTTP API (/api/v1, docs at /docs) and the dashboard (/).

    Example: tradestats serve --store demo-store --port 8000
    """
    if not store.is_dir():
        raise UsageError(f"no store at {store}", hint="make one with `tradestats demo`")
    import uvicorn

    from tradestats.cli.engine_options import backend_name
    from tradestats.web import Limits, create_app

    backend = backend_name(engine_name, spark_master)
    web = create_app(
        store, limits=Limits(time_limit=time_limit), cors_origins=cors_origin, backend=backend
    )
    url = f"http://{host}:{port}/"
    Console(highlight=False).print(f"serving {store} at {url} (API docs: {url}docs); Ctrl-C stops")
    uvicorn.run(web, host=host, port=port, log_level="info")
