"""Command-line interface: a thin layer that parses, calls the library and prints.

Example:
    $ tradestats ingest examples/sample.csv --store demo-store
    $ tradestats log --store demo-store
"""

from __future__ import annotations

import sys

from rich.console import Console

from tradestats.cli import (  # noqa: F401  (registers commands)
    bulletin_cmd,
    check_cmd,
    classifications_cmd,
    demo_cmd,
    disclosure_cmd,
    indices_cmd,
    query_cmd,
    review_cmd,
    revisions_cmd,
    seasonal_cmd,
    serve_cmd,
    store_cmds,
    synth_cmd,
)
from tradestats.cli.app import app
from tradestats.errors import TradestatsError

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: user errors print one clear message, never a traceback."""
    try:
        app()
    except TradestatsError as err:
        Console(stderr=True, width=120).print(f"[bold red]error:[/] {err}", highlight=False)
        sys.exit(err.exit_code)
