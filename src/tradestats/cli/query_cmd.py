"""Query commands: `tradestats query` and `tradestats indicators list|show|compute`.

Example:
    $ tradestats query --store demo-store --period 2025 --flow export --partner asean \\
        --by partner_group --measure value_cny,yoy_pct,share_pct --format table
    $ tradestats indicators show asean.total.yoy --store demo-store --period 2025
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.contract_options import with_query_options
from tradestats.cli.engine_options import (
    CLASSIFICATIONS_OPTION,
    ENGINE_OPTION,
    SPARK_MASTER_OPTION,
    EngineName,
)
from tradestats.cli.output import FORMAT_OPTION, LANG_OPTION, OUT_OPTION, Lang, OutputFormat, emit
from tradestats.errors import TradestatsError, UsageError

indicators_app = typer.Typer(help="Named indicators: list, show and compute them.")
app.add_typer(indicators_app, name="indicators")

STORE = typer.Option(..., "--store", "-s", help="Store directory.")
PERIOD = typer.Option(
    ..., "--period", "-p", help="2025, 2025-Q2, 2025-H1, 2025-03, 2025-01..2025-11, 2025-YTD."
)
AS_OF = typer.Option(None, "--as-of", help="Read the store as of a batch id or ISO time.")


@contextmanager
def _user_errors() -> Iterator[None]:
    """User errors: one message on stderr and their exit code (2), never a traceback."""
    try:
        yield
    except TradestatsError as err:
        Console(stderr=True, width=120).print(f"[bold red]error:[/] {err}", highlight=False)
        raise typer.Exit(err.exit_code) from None


def _engine(
    store: Path,
    engine: EngineName = EngineName.DUCKDB,
    spark_master: str | None = None,
    classifications: Path | None = None,
) -> Any:
    from tradestats.cli.engine_options import make_engine

    return make_engine(store, engine, spark_master, classifications)


@app.command()
@with_query_options
def query(
    store: Path = STORE,
    explain: bool = typer.Option(
        False, "--explain", help="Print how the query is answered, then its SQL, instead."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    lang: Lang = LANG_OPTION,
    names: str = typer.Option(
        "none",
        "--names",
        help="Names beside codes from the reference data (a <column>_name "
        "and/or <column>_name_zh column after each code column): none, en, zh or both.",
    ),
    unrestricted: bool = typer.Option(
        False,
        "--unrestricted",
        help="Show the true values of cells the store's disclosure policy suppresses, still "
        "flagged c (for the statistics office only; docs/disclosure.md).",
    ),
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
    classifications: Path | None = CLASSIFICATIONS_OPTION,
    **question: str | None,
) -> None:
    """Compute measures over a selection of records, optionally broken down.

    The options of the question (period, flow, measures, breakdowns, filters ...) are those
    of the query model, the same as the HTTP API's parameters. ``--format table`` shows the
    figures as published (money scaled, rounded half-up, separated); csv, json and parquet
    keep them exact. On a store with a disclosure policy, cells it suppresses are null with
    flag ``c`` in every format (SDMX: CONF_STATUS C); ``--unrestricted`` shows their values.

    Example: tradestats query --store demo-store --period 2025 --flow export --partner asean
    --by partner_group --measure value_cny,yoy_pct,share_pct --format json
    """
    from tradestats.errors import UsageError
    from tradestats.indicators.contract import build_query
    from tradestats.names import with_names

    with _user_errors():
        q = build_query(question)
        engine = _engine(store, engine_name, spark_master, classifications)
        if explain:
            typer.echo(engine.explain(q))
            return
        if names != "none" and fmt in (OutputFormat.SDMX_CSV, OutputFormat.SDMX_ML):
            raise UsageError("--names: names are not part of the SDMX data structure",
                             hint="the SDMX codelists carry the names")  # fmt: skip
        with_names(pa.table({}), engine.reference, names)  # an unknown choice before any work
        about = _about(q, engine) if fmt in (OutputFormat.SDMX_CSV, OutputFormat.SDMX_ML) else None
        table = engine.answer(q, unrestricted=unrestricted)
        if left_out := engine.left_out(q):
            typer.echo(f"like for like: left out {', '.join(left_out)} (no comparison period)",
                       err=True)  # fmt: skip
        if names != "none":
            table = with_names(table, engine.reference, names)
        emit(table, fmt, out, about=about, lang=lang)


def _about(q: Any, engine: Any) -> Any:
    """What the SDMX formats need beside the table: flow, period label, reporter, and the one
    partner or product the selection is filtered to."""
    from tradestats.sdmxio import About

    unplaced = [k for k in q.selection.filters() if k not in ("partner", "product", "reporter")]
    if unplaced:  # its figures would read as the total of every enterprise, mode, region ...
        raise UsageError(
            f"the SDMX structure has no dimension for the {unplaced[0]} filter",
            hint="filter by partner, product or reporter only for SDMX",
        )
    period = engine.period_label(q)
    reporters = q.selection.reporter.include
    reporter = reporters[0] if len(reporters) == 1 and reporters[0] != "own" else "_Z"
    return About(
        flow=q.selection.flow.value, period=period, reporter=reporter,
        partner=_one_code(q.selection.partner, "partner"),
        commodity=_one_code(q.selection.product, "product"),
    )  # fmt: skip


def _one_code(f: Any, name: str) -> str:
    """The SDMX code of a filter: ``_T`` without one, its item when it names one; a filter of
    several items or with exclusions has no code (its figures are not any code's)."""
    if not f:
        return "_T"
    if len(f.include) == 1 and not f.exclude:
        return str(f.include[0])
    raise UsageError(
        f"--{name}: SDMX has one code per dimension; this filter names no single code",
        hint=f"filter one {name} (or group), or break the query down by {name}",
    )


@indicators_app.command("list")
def list_indicators(fmt: OutputFormat = FORMAT_OPTION, out: Path | None = OUT_OPTION) -> None:
    """List every named indicator with its measure, unit and title.

    Example: tradestats indicators list --format csv
    """
    from tradestats.indicators.library import load_library

    with _user_errors():
        lib = load_library()
        rows = [lib.get(n) for n in lib.names()]
        table = pa.table(
            {
                "name": [i.name for i in rows],
                "measure": [i.measure.value for i in rows],
                "unit": [i.unit for i in rows],
                "title": [i.title for i in rows],
            }
        )
        emit(table, fmt, out)


@indicators_app.command("show")
def show_indicator(
    name: str = typer.Argument(..., help="Indicator name, e.g. asean.total.yoy."),
    store: Path | None = typer.Option(None, "--store", "-s", help="Compute it on this store."),
    period: str | None = typer.Option(None, "--period", "-p", help="Period to compute."),
    as_of: str | None = AS_OF,
    explain: bool = typer.Option(False, "--explain", help="Print the SQL (needs --store)."),
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Show an indicator's definition; with --store and --period, also its value.

    Example: tradestats indicators show asean.total.yoy --store demo-store --period 2025
    """
    from tradestats.indicators.library import load_library

    with _user_errors():
        ind = load_library().get(name)
        typer.echo(_describe(ind))
        if store is None:
            return
        if period is None:
            raise UsageError("--store needs --period to compute the indicator")
        engine = _engine(store, engine_name, spark_master)
        if explain:
            typer.echo(engine.explain(ind.query(period)))
            return
        res = engine.indicator(name, period=period, as_of=as_of)
        typer.echo(f"value ({res.period}): {_show(res.value)} {res.unit}")


@indicators_app.command("compute")
def compute_indicators(
    names: list[str] | None = typer.Argument(None, help="Indicator names (default: all)."),
    store: Path = STORE,
    period: str = PERIOD,
    as_of: str | None = AS_OF,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Compute several named indicators at once (plain ones share one scan).

    Example: tradestats indicators compute --store demo-store --period 2025 total.yoy exports.yoy
    """
    with _user_errors():
        results = _engine(store, engine_name, spark_master).indicators(
            names or None, period=period, as_of=as_of
        )
        table = pa.table(
            {
                "name": list(results),
                "period": [r.period for r in results.values()],
                "value": [_show(r.value) for r in results.values()],
                "unit": [r.unit for r in results.values()],
            }
        )
        emit(table, fmt, out)


def _describe(ind: Any) -> str:
    spec = {k: v for k, v in ind.spec.items() if k not in ("name", "title")}
    lines = [f"{ind.name}: {ind.title}", *(f"  {k}: {v}" for k, v in spec.items())]
    lines.append(f"  unit: {ind.unit}")
    lines.append(f"  defined at: {ind.source}")
    return "\n".join(lines)


_SHOW: dict[type, Callable[[Any], str]] = {float: lambda v: repr(v)}


def _show(value: Any) -> str:
    """Exact text of a value (Decimal as written, floats in full); empty for NULL."""
    if value is None:
        return ""
    return _SHOW.get(type(value), str)(value)
