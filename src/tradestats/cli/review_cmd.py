"""`tradestats review`: the credibility review of each ingest (rows listed, never changed).

Example:
    $ tradestats review --store demo-store
    $ tradestats review --store demo-store b000004 --format csv
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import typer

from tradestats.cli.app import app
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.cli.query_cmd import _user_errors
from tradestats.errors import UsageError


@app.command()
def review(
    batch: str | None = typer.Argument(None, help="A batch id (default: list every review)."),
    store: Path = typer.Option(..., "--store", "-s", help="Store directory."),
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """List the declarations the credibility checks flagged at ingest: file, line, check,
    how far out and why. Without a batch, one line per reviewed batch.

    Example: tradestats review --store demo-store

    Example: tradestats review --store demo-store b000004 --format csv
    """
    from tradestats.credibility.review import read_review
    from tradestats.credibility.settings import FOLDER
    from tradestats.store import Store

    with _user_errors():
        s = Store(store)
        committed = {r.id for r in s.batches()}
        folder = store / FOLDER
        if batch is None:
            rows = []
            for rec in s.batches():
                summary = folder / f"{rec.id}.json"
                if summary.is_file():
                    doc = json.loads(summary.read_text(encoding="utf-8"))
                    checks = ", ".join(f"{k} {v}" for k, v in sorted(doc["by_check"].items()))
                    rows.append({"batch": rec.id, "rows_checked": doc["rows_checked"],
                                 "rows_listed": doc["rows_listed"], "checks": checks})  # fmt: skip
            emit(pa.Table.from_pylist(rows) if rows else pa.table({"batch": []}), fmt, out)
            return
        rec = s.batch(batch)
        path = folder / f"{rec.id}.csv"
        if rec.id not in committed or not path.is_file():
            raise UsageError(f"batch {rec.id} has no credibility review", hint="it was ingested "
                             "before the checks existed")  # fmt: skip
        listed = read_review(s, rec.id)
        table = pa.Table.from_pylist(listed) if listed else pa.table({"source_file": []})
        emit(table, fmt, out)
