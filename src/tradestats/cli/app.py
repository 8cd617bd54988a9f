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
