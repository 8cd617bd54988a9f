"""The typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tradestats",
    help="Foreign-trade statistics from customs declaration records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
