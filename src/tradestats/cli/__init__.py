"""Command-line interface: a thin layer that parses, calls the library and prints.

Example:
    $ tradestats ingest examples/sample.csv --store demo-store
    $ tradestats log --store demo-store
"""

from __future__ import annotations

import sys

from rich.console import Console

from tradestats.cli import store_cmds  # noqa: F401  (registers commands)
from tradestats.cli.app import app
from tradestats.errors import TradestatsError

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: user errors print one clear message, never a traceback."""
    try:
        app(standalone_mode=False)
    except TradestatsError as err:
        Console(stderr=True).print(f"[bold red]error:[/] {err}", highlight=False)
        sys.exit(err.exit_code)
    except SystemExit:
        raise
    except Exception as err:  # typer/click usage errors arrive here in non-standalone mode
        import click

        if isinstance(err, click.exceptions.ClickException):
            err.show()
            sys.exit(err.exit_code)
        if isinstance(err, click.exceptions.Abort):
            sys.exit(130)
        raise
