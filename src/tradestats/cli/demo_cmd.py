"""`tradestats demo`: the main job on the embedded default, in one command."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import emit
from tradestats.store import Store

SAMPLE = Path("examples/sample.csv")


@app.command()
def demo(
    store: Path = typer.Option(Path("demo-store"), "--store", "-s", help="Store to fill."),
    sample: Path = typer.Option(SAMPLE, help="Canonical CSV to ingest on the first run."),
) -> None:
    """Ingest the sample file into a local store (once) and print what the store holds.

    Example: tradestats demo --store demo-store
    """
    from tradestats.ingest import ingest_files

    console = Console()
    target = Store(store)
    if not target.batches():
        report = ingest_files(target, [sample])
        report.render(console)
    else:
        console.print(f"{store} already holds data; showing it (delete it to start over)")
    rows = target.summary()
    emit(pa.Table.from_pylist(rows), "table", title=f"Periods in {store}")
