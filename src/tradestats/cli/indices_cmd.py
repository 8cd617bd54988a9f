"""`tradestats indices`: unit-value price, volume and value indices, and the terms of trade.

Example:
    $ tradestats indices --store demo-store --period 2024..2025 --base 2024 --by hs_section
    $ tradestats indices --store demo-store --period 2024..2025 --chain year --terms-of-trade
"""

from __future__ import annotations

from pathlib import Path

import typer

from tradestats.cli import series_options as so
from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.cli.query_cmd import AS_OF, STORE, _engine, _user_errors


@app.command()
def indices(
    store: Path = STORE,
    period: str = so.SPAN,
    base: str | None = typer.Option(
        None, "--base", help="Base (index 100): a year or a month of the span; default its first."
    ),
    formula: str = typer.Option("fisher", "--formula", help="fisher, laspeyres or paasche."),
    chain: str = typer.Option("month", "--chain", help="Link month by month or year by year."),
    by: str | None = typer.Option(
        None, "--by", help="hs_section, hs2, hs4, product_group, partner, partner_group."
    ),
    basis: str = typer.Option("value_cny", "--basis", help="value_cny, value_usd or value_eur."),
    trim_k: float = typer.Option(
        3.0, "--trim-iqr", help="Tukey fence on log price relatives, in IQRs (0: no fence)."
    ),
    trim_cap: float = typer.Option(10.0, "--trim-cap", help="Drop relatives above this or 1/it."),
    terms: bool = typer.Option(False, "--terms-of-trade", help="Export / import price index."),
    as_of: str | None = AS_OF,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Unit-value price and volume indices of exports and imports (IMF XMPI Manual).

    Example: tradestats indices --store demo-store --period 2024..2025 --base 2024
    --formula fisher --by hs_section --format csv
    """
    from tradestats.indices.question import build_indices

    with _user_errors():
        question = build_indices(
            {
                "period": period,
                "base": base,
                "formula": formula,
                "chain": chain,
                "by": by,
                "basis": basis,
                "trim_iqr": trim_k,
                "trim_cap": trim_cap,
                "terms_of_trade": terms,
                "as_of": as_of,
            }
        )  # fmt: skip: the checks are the HTTP API's (tradestats.indices.question)
        emit(question.answer(_engine(store, engine_name, spark_master)), fmt, out)
