"""Store commands: ingest files into a store, and show its log of batches."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.errors import TradestatsError, UsageError
from tradestats.store import BatchRecord, Mode, Store

STORE_OPTION = typer.Option(..., "--store", "-s", help="Store directory (created if missing).")


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Canonical CSV or Parquet files."),
    store: Path = STORE_OPTION,
    append: bool = typer.Option(False, "--append", help="Add rows to periods that hold data."),
    replace: bool = typer.Option(False, "--replace", help="Publish a revision (new vintage)."),
    allow_rejects: bool = typer.Option(
        False, "--allow-rejects", help="Commit valid rows; quarantine the invalid ones."
    ),
    encoding: str | None = typer.Option(None, help="utf-8 or gbk (default: detected)."),
    delimiter: str | None = typer.Option(None, help="Field delimiter (default ',')."),
    report_json: Path | None = typer.Option(None, "--report-json", help="Write the report here."),
    note: str | None = typer.Option(None, help="A note kept with the batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Validate FILES and commit them to the store as one batch, with a reconciliation report.

    Example: tradestats ingest jan.csv feb.csv --store store/ --allow-rejects
    """
    from tradestats.ingest import ingest_files
    from tradestats.ingest.report import IngestReport

    if append and replace:
        raise UsageError("--append and --replace exclude each other")
    mode = Mode.APPEND if append else Mode.REPLACE if replace else Mode.NEW
    console = Console(stderr=True, width=120)
    report: IngestReport | None = None
    try:
        report = ingest_files(
            store,
            files,
            mode=mode,
            allow_rejects=allow_rejects,
            encoding=encoding,
            delimiter=delimiter,
            progress=not quiet and sys.stderr.isatty(),
            note=note,
        )
    except TradestatsError as err:
        failed = getattr(err, "report", None)
        if report_json and failed is not None:
            report_json.write_text(failed.dumps(), encoding="utf-8")
        raise
    report.render(Console(width=120))
    if report_json:
        report_json.write_text(report.dumps(), encoding="utf-8")
    console.print(f"report: {report.report_file}", highlight=False)


@app.command()
def log(
    store: Path = STORE_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """List every batch: id, time, mode, sources with sha256, rows, values, periods, vintages.

    Example: tradestats log --store store/ --format json
    """
    records = Store(store).batches()
    rows = []
    for r in records:
        rows.append(
            {
                "batch": r.id,
                "committed_at": r.committed_at,
                "mode": r.mode,
                "sources": "; ".join(f"{s.path} sha256:{s.sha256[:12]}" for s in r.sources),
                "rows_accepted": r.rows_accepted,
                "rows_quarantined": r.rows_quarantined,
                "value_cny": r.values.get("CNY", {}).get("accepted", "0"),
                "value_usd": r.values.get("USD", {}).get("accepted", "0"),
                "periods": _periods_text(list(r.periods)),
                "vintage": _vintage_text(r.vintages),
            }
        )
    if fmt is OutputFormat.JSON:
        rows = [_full(r) for r in records]  # machines get every field, full hashes included
    table = pa.Table.from_pylist(rows) if rows else pa.table({"batch": pa.array([], pa.string())})
    emit(table, fmt, out, title=f"Batches in {store}")


def _full(record: BatchRecord) -> dict[str, Any]:
    doc = record.to_json()
    doc.pop("files", None)
    return doc


def _periods_text(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]}..{periods[-1]} ({len(periods)})"


def _vintage_text(vintages: dict[str, int]) -> str:
    values = sorted(set(vintages.values()))
    return ", ".join(str(v) for v in values)
