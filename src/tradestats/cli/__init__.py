"""Command-line interface: a thin layer that parses, calls the library and prints.

Example:
    $ tradestats ingest examples/sample.csv --store demo-store
    $ tradestats log --store demo-store
"""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text

from tradestats.cli import (  # noqa: F401  (registers commands)
    bulletin_cmd,
    check_cmd,
    classifications_cmd,
    demo_cmd,
    disclosure_cmd,
    indices_cmd,
    mirror_cmd,
    query_cmd,
    review_cmd,
    revisions_cmd,
    seasonal_cmd,
    serve_cmd,
    store_cmds,
    synth_cmd,
)
from tradestats.cli.app import app
from tradestats.errors import MAX_MESSAGE, InternalError, TradestatsError, capped

__all__ = ["MAX_MESSAGE", "app", "main", "shown"]


def shown(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` cut to about ``limit`` characters saying how much was left out (a message
    naming a 1 GB field must not print the field): ``errors.capped``, also for the messages
    of bugs and OS errors, which are no ``TradestatsError``.

    >>> shown("a" * 30 + "b" * 30, limit=50)
    'aaaaaaaa ... (44 characters left out) ... bbbbbbbb'
    """
    return capped(message, limit)


def _error(console: Console, message: str) -> None:
    """``error: message`` on stderr, the message as plain text (never read as markup)."""
    console.print(Text.assemble(("error:", "bold red"), " ", shown(message)), highlight=False)


def main() -> None:
    """Console-script entry point: every failure prints one clear message and its documented
    exit code, never a traceback (TRADESTATS_TRACEBACK=1 shows the traceback of a bug)."""
    console = Console(stderr=True, width=120)
    try:
        app()
    except TradestatsError as err:
        _error(console, str(err))
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        console.print("interrupted", highlight=False)
        sys.exit(130)
    except Exception as err:  # a bug: one line, its documented code
        if isinstance(err, OSError) and err.filename is not None:
            # a user's path the system refused (a full disk, a read-only folder): exit 2
            _error(console, f"cannot use {err.filename}: {err.strerror or err}")
            sys.exit(2)
        if os.environ.get("TRADESTATS_TRACEBACK"):
            raise
        bug = InternalError(f"internal error: {type(err).__name__}: {err}")
        hint = "a bug in tradestats; TRADESTATS_TRACEBACK=1 shows where"
        _error(console, f"{bug} ({hint})")
        sys.exit(bug.exit_code)
