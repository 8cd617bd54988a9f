"""Store commands: ingest files into a store, and show its log of batches."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import (
    FORMAT_OPTION,
    OUT_OPTION,
    OutputFormat,
    check_out,
    emit,
    os_failure,
)
from tradestats.errors import StoreError, TradestatsError, UsageError
from tradestats.store import BatchRecord, Mode, Store

STORE_OPTION = typer.Option(..., "--store", "-s", help="Store directory (created if missing).")
EXISTING_STORE = typer.Option(..., "--store", "-s", help="Store directory (an existing store).")


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Canonical CSV/Parquet or source files."),
    store: Path = STORE_OPTION,
    fmt: str = typer.Option(
        "auto",
        "--format",
        "-f",
        help="auto|canonical|comtrade|baci|cn-customs|comext (auto: detected per file).",
    ),
    reporter: str | None = typer.Option(
        None, help="Reporter ISO3: BACI's reporter (default: every exporter); Comtrade default."
    ),
    hs_level: int | None = typer.Option(
        None, "--hs-level", help="Comtrade: keep only this HS level (default: the finest)."
    ),
    code_table: Path | None = typer.Option(
        None, "--code-table", help="cn-customs: Single Window partner code table (JSON/CSV)."
    ),
    flow: str | None = typer.Option(None, help="cn-customs: export or import (no flow column)."),
    cumulative: bool | None = typer.Option(
        None, "--cumulative/--monthly", help="cn-customs: year-to-date values (default: header)."
    ),
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

    Example: tradestats ingest comtrade.json --store store/ --format auto
    """
    from tradestats.adapters import FORMATS
    from tradestats.adapters.base import Options
    from tradestats.ingest import ingest_files
    from tradestats.ingest.report import IngestReport

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"formats: {', '.join(FORMATS)}")
    options = Options(
        reporter=reporter,
        hs_level=hs_level,
        code_table=code_table,
        flow=flow,
        cumulative=cumulative,
    )
    if append and replace:
        raise UsageError("--append and --replace exclude each other")
    mode = Mode.APPEND if append else Mode.REPLACE if replace else Mode.NEW
    check_out(report_json)  # refused before anything is committed
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
            fmt=fmt,
            options=options,
        )
    except TradestatsError as err:
        failed = getattr(err, "report", None)
        if report_json and failed is not None:
            try:
                report_json.write_text(failed.dumps(), encoding="utf-8")
            except OSError as os_err:
                err.args = (f"{err}; --report-json: {os_failure(os_err)}",)
        raise
    for src in report.sources:
        console.print(f"{src['path']}: read as {src['format']}", highlight=False)
    report.render(Console(width=120))
    console.print(f"report: {report.report_file}", highlight=False)
    if report_json:
        try:
            report_json.write_text(report.dumps(), encoding="utf-8")
        except OSError as err:
            # The batch is committed: exit 2 with a message that says so, so that nobody
            # retries an ingest the store would refuse as a duplicate.
            raise StoreError(
                f"batch {report.batch} is committed (its report is {report.report_file}), "
                f"but --report-json failed: {os_failure(err)}"
            ) from err


@app.command("convert-hs")
def convert_hs(
    file: Path | None = typer.Argument(None, help="A canonical CSV or Parquet file."),
    store: Path | None = typer.Option(None, "--store", "-s", help="Convert a store's live data."),
    target: str = typer.Option(..., "--to", help="HS edition wanted (HS2017, HS2022 ...)."),
    source: str | None = typer.Option(
        None, "--from", help="Edition of rows without hs_edition (default: their period's)."
    ),
    concordance: Path = typer.Option(..., help="CSV whose header names two editions."),
    weights: Path | None = typer.Option(
        None, help="CSV source,target,weight per link (or code,weight per target code)."
    ),
    equal: bool = typer.Option(False, "--equal", help="Split 1:n links equally (reported)."),
    base_period: list[str] = typer.Option(
        [], "--base-period", help="Periods in the target edition whose trade weights splits."
    ),
    base: Path | None = typer.Option(
        None, help="Take the base-period rows from this file or store (default: the input)."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Converted canonical CSV to write."),
) -> None:
    """Convert records between HS editions, splitting 1:n and n:n links by trade, exactly.

    Each row is in its own edition (hs_edition, else --from, else its period's), so a store
    that spans editions is converted period by period. A code with several targets is split by
    the targets' trade in the base period (the input's rows already in the --to edition, or
    --base), unless --weights or --equal says otherwise. Rows that cannot be converted are
    written to OUT's .unmapped.csv and listed with the reason.

    Example: tradestats convert-hs --store s/ --to HS2022 --concordance c.csv -o o.csv
    """
    from tradestats.adapters.hs_convert import convert_rows, read_rows, read_weights, write_rows
    from tradestats.reference import Concordance

    if equal and weights:
        raise UsageError("--equal and --weights exclude each other")
    check_out(out)
    rows = read_rows(file, store)
    base_rows = None
    if base is not None:
        base_rows = read_rows(store=base) if base.is_dir() else read_rows(base)
    table = Concordance.from_csv(concordance)
    converted, unmapped, rep = convert_rows(
        rows, table, target, source=source, weights=read_weights(weights) if weights else None,
        split="equal" if equal else "trade", base=base_rows, base_periods=base_period,
    )  # fmt: skip
    try:
        write_rows(out, converted)
    except OSError as err:
        raise os_failure(err) from err
    _print_conversion(Console(width=120), rep, out, unmapped, write_rows)


def _print_conversion(console: Console, rep: Any, out: Path, unmapped: list[Any],
                      write_rows: Any) -> None:  # fmt: skip
    console.print(
        f"{rep.rows_read:,} rows read; {rep.rows_written:,} written to {out}: "
        f"{rep.rows_passed:,} already in the target edition, {rep.rows_unchanged:,} unchanged, "
        f"{rep.rows_recoded:,} recoded, {rep.rows_split:,} split ({rep.rows_equal_split:,} "
        f"equally), {rep.rows_pre_aggregated:,} pre-aggregated passed through",
        highlight=False,
    )
    if rep.splits:
        console.print(f"  splits by {rep.splits[next(iter(rep.splits))].rule}"
                      f" (weights from {rep.weight_column}):", highlight=False)  # fmt: skip
    for code, info in sorted(rep.splits.items()):
        top = sorted(info.weights.items(), key=lambda kv: -kv[1])[:4]
        shown = ", ".join(f"{t} {float(w) * 100:.1f}%" for t, w in top)
        more = f" (+{len(info.weights) - 4} more)" if len(info.weights) > 4 else ""
        console.print(f"    {code} [{info.rule}] {info.rows:,} row(s) -> {shown}{more}",
                      highlight=False, markup=False)  # fmt: skip
    for col, value in rep.values_in.items():
        console.print(
            f"  {col}: read {value}, written {rep.values_out.get(col, 0)}, "
            f"kept apart {rep.values_unmapped.get(col, 0)}",
            highlight=False,
        )
    if unmapped:
        kept = out.with_suffix(".unmapped.csv")
        write_rows(kept, unmapped)
        codes = "; ".join(f"{c} ({n}: {why})" for (c, why), n in rep.unmapped.most_common(10))
        console.print(
            f"  {len(unmapped):,} rows kept apart in {kept}: {codes}", highlight=False, markup=False
        )
    if not rep.balanced:
        raise TradestatsError("internal error: converted values do not add up")


@app.command()
def log(
    store: Path = EXISTING_STORE,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """List every batch: id, time, mode, sources with sha256, rows, values, periods, reporters,
    vintages.

    Example: tradestats log --store store/ --format json
    """
    if not store.is_dir():
        raise StoreError(f"no store at {store}", hint="ingest into it first: tradestats ingest")
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
                "reporters": _reporters_text(reporters_of(r)),
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
    doc["reporters"] = reporters_of(record)
    return doc


def reporters_of(record: BatchRecord) -> list[str] | None:
    """The reporters whose rows a batch holds ('' for rows without one); None for a batch of
    format 1, whose manifest does not say."""
    if any(f.reporter is None for f in record.files):
        return None
    return sorted({f.reporter for f in record.files if f.reporter is not None})


def _reporters_text(reporters: list[str] | None) -> str:
    if reporters is None:
        return "(not recorded)"
    return ", ".join(r or "own" for r in reporters)


def _periods_text(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]}..{periods[-1]} ({len(periods)})"


def _vintage_text(vintages: dict[str, int]) -> str:
    values = sorted(set(vintages.values()))
    return ", ".join(str(v) for v in values)


@app.command()
def verify(
    store: Path = typer.Option(..., "--store", "-s", help="Store directory."),
    full: bool = typer.Option(
        False, "--full", help="Checksum every data file, even those unchanged since last checked."
    ),
    repair: bool = typer.Option(
        False, "--repair", help="Repair what can be proved right; move the rest to lost+found/."
    ),
    forget: list[str] = typer.Option(
        [], "--forget", help="With --repair: forget this damaged batch (its files are kept)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Check that the store is the one committed: marker, manifest sequence, every data file.

    Exit code 0 when the store is whole, 3 when a problem remains (each is listed with what
    can be done). --repair never deletes what it cannot prove a killed writer left: it moves
    it to lost+found/.

    Example: tradestats verify --store store/

    Example: tradestats verify --store store/ --repair --forget b000003
    """
    import json

    from tradestats.store.repair import advice
    from tradestats.store.repair import repair as do_repair
    from tradestats.store.repair import verify as do_verify

    if forget and not repair:
        raise UsageError("--forget needs --repair")
    if not store.is_dir():
        raise UsageError(f"--store {store} is not a directory")
    target = Store(store)
    verdict = do_repair(target, forget) if repair else do_verify(target, full=full)
    if as_json:
        doc = {
            "ok": verdict.ok,
            "batches": verdict.batches,
            "data_files": verdict.files,
            "data_files_read": verdict.read,
            "problems": [
                {"where": p.where, "what": p.what, "kind": p.kind,
                 "batch": None if p.batch is None else f"b{p.batch:06d}", "advice": advice(p)}
                for p in verdict.problems
            ],
            "unnamed_files": verdict.unnamed,
            "repairs": verdict.done,
        }  # fmt: skip
        sys.stdout.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    else:
        console = Console(width=120, highlight=False, soft_wrap=True)
        for line in verdict.done:
            console.print(f"repaired: {line}")
        for p in verdict.problems:
            console.print(f"problem: {p}\n  what can be done: {advice(p)}")
        if verdict.unnamed:
            shown = ", ".join(verdict.unnamed[:5])
            more = f" and {len(verdict.unnamed) - 5} more" if len(verdict.unnamed) > 5 else ""
            console.print(
                f"note: {len(verdict.unnamed)} file(s) no batch names ({shown}{more}): "
                "--repair deletes a killed writer's and moves the rest to lost+found/"
            )
        state = "whole" if verdict.ok else f"{len(verdict.problems)} problem(s)"
        console.print(
            f"{store}: {state}; {verdict.batches} batches, {verdict.files} data files "
            f"({verdict.read} read to check them, the others unchanged since last checked)"
        )
    if not verdict.ok:
        raise typer.Exit(3)
