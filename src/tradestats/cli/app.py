"""The typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
import typer.core


def _flag_type(self: Any, ctx: Any) -> str | None:
    """No type label for a flag: it takes no value (typer 0.29, the locked version, labels every
    option with its annotation, so ``--help`` read ``--quiet <bool>``)."""
    if getattr(self, "is_flag", False):
        return None
    return _labelled(self, ctx)


_labelled = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]

app = typer.Typer(
    name="tradestats",
    help="Foreign-trade statistics from customs declaration records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"tradestats {version('tradestats')}")
        except PackageNotFoundError:  # run from a source tree that is not installed
            from tradestats import __version__

            typer.echo(f"tradestats {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Foreign-trade statistics from customs declaration records.

    Example: tradestats --version
    """
