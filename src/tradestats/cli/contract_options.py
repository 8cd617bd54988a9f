"""CLI options made from the query contract, so the CLI accepts exactly what the engine does.

``with_query_options(fn)`` gives a command one option per parameter of
``tradestats.indicators.contract.PARAMS`` (``--period``, ``--flow``, ``--partner`` ...), with
the contract's help text; the command receives them as keywords and hands them to
``build_query``, which alone decides what is valid.

Example::

    @app.command()
    @with_query_options
    def query(store: Path = STORE, **question: str | None) -> None:
        q = build_query(question)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from tradestats.indicators.contract import PARAMS, Param

F = TypeVar("F", bound=Callable[..., Any])


def _help(p: Param) -> str:
    default = f" Default: {p.default}." if p.default is not None else ""
    return p.described() + default


def option_parameters() -> list[inspect.Parameter]:
    """One keyword parameter per contract parameter (text; None: not given)."""
    out = []
    for p in PARAMS:
        default = ... if p.required else None
        metavar = "N" if p.kind is int else p.name.upper()
        option = typer.Option(default, *p.cli, help=_help(p), show_default=False, metavar=metavar)
        out.append(
            inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=option,
                              annotation=str if p.required else str | None)
        )  # fmt: skip
    return out


def with_query_options(fn: F) -> F:
    """``fn`` with the contract's options added to its signature (before ``**question``)."""
    sig = inspect.signature(fn)
    own = [p for p in sig.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    keyword = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    fn.__signature__ = sig.replace(parameters=[*option_parameters(), *keyword])  # type: ignore[attr-defined]
    return fn
