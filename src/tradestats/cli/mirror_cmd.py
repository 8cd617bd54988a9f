"""`tradestats mirror`: a reporter's flows beside its partners' mirror flows, ratio and gap.

Example:
    $ tradestats mirror --store comtrade-store --period 2022 --reporter CHN --flow export
"""

from __future__ import annotations

from pathlib import Path

import typer

from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.cli.query_cmd import AS_OF, STORE, _engine, _user_errors


@app.command()
def mirror(
    store: Path = STORE,
    period: str = typer.Option(..., "--period", "-p", help="2025, 2025-Q2, 2025-03 ..."),
    reporter: str = typer.Option(..., "--reporter", help="The reporter (ISO alpha-3)."),
    flow: str = typer.Option("export", "--flow", help="export or import (its side)."),
    basis: str = typer.Option("value_usd", "--basis", help="Money measure of both sides."),
    partner: str | None = typer.Option(None, "--partner", help="Only these partners."),
    product: str | None = typer.Option(None, "--product", help="Only these HS codes/groups."),
    as_of: str | None = AS_OF,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """A reporter's exports to each partner beside each partner's imports from it (or the
    reverse), their ratio and gap (the CIF/FOB margin plus every asymmetry).

    Example: tradestats mirror --store comtrade-store --period 2022 --reporter CHN --format csv
    """
    from tradestats.mirror import build_mirror

    with _user_errors():
        question = build_mirror(
            {
                "period": period,
                "reporter": reporter,
                "flow": flow,
                "basis": basis,
                "partner": partner,
                "product": product,
                "as_of": as_of,
            }
        )  # fmt: skip: the checks are the HTTP API's (tradestats.mirror.question)
        emit(question.answer(_engine(store, engine_name, spark_master)), fmt, out)
