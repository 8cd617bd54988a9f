"""`tradestats check`: verify the numeric claims of an article against a store and itself.

Example:
    $ tradestats check article.txt --store demo-store
    $ cat article.txt | tradestats check - --format json --out report.json
    $ tradestats check article.txt --store demo-store --format html --out report.html
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.engine_options import ENGINE_OPTION, SPARK_MASTER_OPTION, EngineName
from tradestats.cli.output import check_out
from tradestats.errors import TradestatsError, UsageError


class CheckFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    HTML = "html"


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"no such file: {source}")
    return path.read_text(encoding="utf-8", errors="replace")


@app.command()
def check(
    source: str = typer.Argument(..., metavar="FILE|-", help="Article text file, or - for stdin."),
    store: Path | None = typer.Option(None, "--store", "-s", help="Store to verify against."),
    as_of: str | None = typer.Option(None, "--as-of", help="Read the store as of a batch/time."),
    date: str | None = typer.Option(
        None, "--date", help="Article date YYYY-MM-DD (for 'last year'); default: from the text."
    ),
    fmt: CheckFormat = typer.Option(CheckFormat.TABLE, "--format", "-f", help="Output format."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    engine_name: EngineName = ENGINE_OPTION,
    spark_master: str | None = SPARK_MASTER_OPTION,
) -> None:
    """Check every numeric claim of an article: supported, contradicted or unverifiable.

    Without --store only the consistency checks run (totals, shares, growth, exchange rates).

    Example: tradestats check article.txt --store demo-store --format html --out report.html
    """
    from tradestats.checker import check as run_check
    from tradestats.checker.report import to_html, to_json, to_rich
    from tradestats.cli.engine_options import make_engine

    check_out(out)
    try:
        engine = None if store is None else make_engine(store, engine_name, spark_master)
        report = run_check(_read(source), store=engine, as_of=as_of, article_date=date)
    except TradestatsError as err:
        Console(stderr=True, width=120).print(f"[bold red]error:[/] {err}", highlight=False)
        raise typer.Exit(err.exit_code) from None
    if fmt is CheckFormat.TABLE:
        handle = out.open("w", encoding="utf-8") if out else sys.stdout
        Console(file=handle, width=160).print(to_rich(report))
        if out:
            handle.close()
        return
    title = f"Claim check: {'stdin' if source == '-' else Path(source).name}"
    text = to_json(report) if fmt is CheckFormat.JSON else to_html(report, title=title)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
