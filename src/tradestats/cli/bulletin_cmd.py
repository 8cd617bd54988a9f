"""`tradestats bulletin`: a press-release style bulletin from the store and a release spec.

Example:
    $ tradestats bulletin --store demo-store --period 2025 --lang zh --format html \\
        --out bulletin-2025.zh.html --trace bulletin-2025.zh.trace.json
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.cli.output import check_out


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


class Fmt(StrEnum):
    HTML = "html"
    MD = "md"
    PDF = "pdf"


@app.command()
def bulletin(
    store: Path = typer.Option(..., "--store", "-s", help="Store directory."),
    period: str = typer.Option(..., "--period", "-p", help="2025, 2025-Q2, 2025-01..2025-11 ..."),
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    lang: Lang = typer.Option(Lang.EN, "--lang", help="en or zh."),
    fmt: Fmt = typer.Option(Fmt.HTML, "--format", "-f", help="html, md or pdf (needs Chromium)."),
    spec: Path | None = typer.Option(None, "--spec", help="Release spec YAML (default: shipped)."),
    trace: Path | None = typer.Option(None, "--trace", help="Write every figure's query (JSON)."),
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Draw charts (html, pdf)."),
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Write a bulletin in English or Chinese; every number is traceable to its query.

    Example: tradestats bulletin -s demo-store -p 2025 --lang zh --out b.html --trace b.json
    """
    from tradestats.bulletin import render_bulletin
    from tradestats.cli.engine_options import make_engine

    check_out(out)
    check_out(trace)
    engine = make_engine(store, engine_name, spark_master)
    result = render_bulletin(
        engine, period, lang=lang.value, fmt=fmt.value, spec=spec, charts=charts
    )
    result.write(out, trace=trace)
    err = Console(stderr=True, width=120)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
    err.print(
        f"wrote {out} ({len(result.trace.figures)} figures"
        + (f"; trace in {trace})" if trace else ")"),
        highlight=False,
    )
