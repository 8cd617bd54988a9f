"""`tradestats seasonal`: seasonally adjust a monthly series of the store.

Example:
    $ tradestats seasonal --store store/ --period 2015..2025 --flow export --show sa
    $ tradestats seasonal --store store/ --period 2015..2025 --show jan-feb --format csv
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import numpy as np
import pyarrow as pa
import typer

from tradestats.cli import series_options as so
from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.cli.query_cmd import STORE, _engine, _user_errors


class Show(StrEnum):
    COMPONENTS = "components"
    SA = "sa"
    TREND = "trend"
    DIAGNOSTICS = "diagnostics"
    REVISIONS = "revisions"
    JAN_FEB = "jan-feb"


@app.command()
def seasonal(
    store: Path = STORE,
    period: str = so.SPAN,
    flow: str = typer.Option("export", "--flow", help="export, import, total or balance."),
    measure: str = typer.Option("value_cny", "--measure", "-m", help="value_cny, value_usd ..."),
    show: Show = typer.Option(Show.COMPONENTS, "--show", help="What to print."),
    spring_festival: bool = typer.Option(
        True, "--spring-festival/--no-spring-festival", help="Spring Festival regressor."
    ),
    trading_days: bool = typer.Option(
        True, "--trading-days/--no-trading-days", help="Trading-day regressor."
    ),
    before: int = typer.Option(10, "--window-before", help="Festival window: days before."),
    after: int = typer.Option(7, "--window-after", help="Festival window: days from it on."),
    last: int = typer.Option(12, "--revisions", help="Months whose revisions --show revisions"),
    partner: str | None = so.PARTNER,
    product: str | None = so.PRODUCT,
    enterprise_type: str | None = so.ENTERPRISE_TYPE,
    trade_mode: str | None = so.TRADE_MODE,
    reporter: str | None = so.REPORTER,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Seasonally and calendar adjust a monthly series (Spring Festival, trading days).

    Example: tradestats seasonal --store store/ --period 2015..2025 --flow export
    --partner asean --show diagnostics
    """
    from tradestats.seasonal import Settings, adjust
    from tradestats.seasonal import diagnostics as diag
    from tradestats.seasonal.janfeb import jan_feb_table
    from tradestats.seasonal.series import components_table, monthly_series, one_column

    with _user_errors():
        engine = _engine(store, engine_name, spark_master)
        sel = so.filters(
            partner=partner, product=product, enterprise_type=enterprise_type,
            trade_mode=trade_mode, reporter=reporter,
        )  # fmt: skip
        months, raw = monthly_series(engine, period, measure=measure, flow=flow, **sel)
        values = np.array([float(v) for v in raw])
        settings = Settings(spring_festival, trading_days, before=before, after=after)
        adj = adjust(months, values, settings)
        table: pa.Table
        if show is Show.COMPONENTS:
            table = components_table(adj)
        elif show in (Show.SA, Show.TREND):
            table = one_column(adj, show.value)
        elif show is Show.DIAGNOSTICS:
            table = diag.tests_table(adj)
        elif show is Show.REVISIONS:
            table = diag.revisions(months, values, adj, n=last)
        else:
            table = jan_feb_table(months, raw, adj.sa)
        emit(table, fmt, out)
