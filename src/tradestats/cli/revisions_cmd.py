"""`tradestats revisions`: a figure or table in every vintage, its revisions and their summary.

Example:
    $ tradestats revisions --store demo-store --period 2025-03 --flow export --by partner
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit, to_json, to_rich
from tradestats.cli.query_cmd import _user_errors


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows)


@app.command()
def revisions(
    store: Path = typer.Option(..., "--store", "-s", help="Store directory."),
    period: str = typer.Option(..., "--period", "-p", help="2025, 2025-Q2, 2025-03 ..."),
    flow: str = typer.Option("total", "--flow", help="export, import, total, balance ..."),
    measure: str = typer.Option("value_cny", "--measure", "-m", help="One measure."),
    by: str | None = typer.Option(None, "--by", help="Breakdown: a table instead of a figure."),
    partner: str | None = typer.Option(None, help="ISO codes or groups; !X excludes X."),
    product: str | None = typer.Option(None, help="HS prefixes or product groups."),
    enterprise_type: str | None = typer.Option(None, "--enterprise-type", help="e.g. private."),
    trade_mode: str | None = typer.Option(None, "--trade-mode", help="4-digit modes or groups."),
    region: str | None = typer.Option(None, help="2-digit province codes."),
    reporter: str | None = typer.Option(None, help="Reporter ISO codes or groups."),
    basis: str = typer.Option("value_cny", help="Money basis of derived measures."),
    summary: bool = typer.Option(False, "--summary", help="csv/parquet: the summary rows only."),
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """Show a figure (or each row of a table) at every release of the store: its value, the
    revision since the previous release, and per row the total, mean and mean absolute
    revision.

    Example: tradestats revisions --store demo-store --period 2025-03 --flow export

    Example: tradestats revisions --store demo-store --period 2025 --by partner --format json
    """
    from tradestats.engine import Engine
    from tradestats.revisions import revision_report

    with _user_errors():
        filters = {"partner": partner, "product": product, "enterprise_type": enterprise_type,
                   "trade_mode": trade_mode, "region": region, "reporter": reporter}  # fmt: skip
        query = {k: v for k, v in filters.items() if v is not None}
        report = revision_report(
            Engine(store), period=period, flow=flow, measures=measure, by=by, basis=basis,
            **query,
        )  # fmt: skip
        long, short = _table(report.long_rows()), _table(report.summary_rows())
        if fmt is OutputFormat.JSON:
            extra = {
                "mean_total_revision": report.mean_total_revision,
                "mean_absolute_total_revision": report.mean_absolute_total_revision,
            }
            text = (
                f'{{"measure": "{report.measure}", "releases": {to_json(long)}, '
                f'"summary": {to_json(short)}, "table": {to_json(_table([extra]))[1:-1]}, '
                f'"skipped": {to_json(_table([{"why": s} for s in report.skipped]))}}}\n'
            )
            if out is None:
                typer.echo(text, nl=False)
            else:
                out.write_text(text, encoding="utf-8")
            return
        if fmt is not OutputFormat.TABLE:
            emit(short if summary else long, fmt, out)
            return
        console = Console(width=200)
        console.print(to_rich(long, title=f"{report.measure} at each release"))
        console.print(to_rich(short, title="revisions"))
        if len(report.rows) > 1:
            console.print(
                f"over {len(report.rows)} rows: mean total revision "
                f"{report.mean_total_revision}, mean absolute total revision "
                f"{report.mean_absolute_total_revision}",
                highlight=False,
            )
        for s in report.skipped:
            console.print(f"not computed at {s}", highlight=False)
