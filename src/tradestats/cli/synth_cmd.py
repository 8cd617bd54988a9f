"""`tradestats synth`: write calibrated synthetic declaration lines."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from tradestats.cli.app import app
from tradestats.cli.output import check_out
from tradestats.synth import Check, SynthResult, generate


def checks_table(checks: list[Check], title: str) -> Table:
    """The published figures beside the values the generated records give."""
    table = Table(title=title)
    for name, justify in (("target", "left"), ("figure", "left"), ("published", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("records", justify="right")
    table.add_column("", justify="left")
    for c in checks:
        value = f"{int(c.computed):,}" if c.what == "count" else f"{c.computed:.4f}"
        table.add_row(c.target, c.what, c.published, value, "ok" if c.ok else "[red]MISSED[/]")
    return table


def report(result: SynthResult, out: Path, console: Console) -> None:
    """Print where the files went, the speed and how well the targets are met."""
    console.print(checks_table(result.checks, "Targets met by the generated records"))
    console.print(
        f"wrote {result.records:,} records in {len(result.files)} files to {out} "
        f"in {result.seconds:.1f} s ({result.records_per_second:,.0f} records/s)"
    )


@app.command()
def synth(
    records: int = typer.Option(1_000_000, "--records", "-n", help="Number of declaration lines."),
    targets: str = typer.Option("china-2025", "--targets", "-t", help="Targets YAML file."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same bytes)."),
    out: Path = typer.Option(Path("synth-out"), "--out", "-o", help="Output directory."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet or csv."),
    chunk: int = typer.Option(1_000_000, "--chunk", help="Most lines per file."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no table."),
) -> None:
    """Generate synthetic 2024-2025 declaration lines calibrated to a targets file.

    The records are synthetic: their totals reproduce the published figures of the targets
    file (default: China's 2025 release) at published precision.

    Example: tradestats synth --records 2000000 --seed 1 --out synth-out
    """
    check_out(out, folder=True)
    result = generate(
        records,
        targets=targets,
        seed=seed,
        out=out,
        fmt=fmt,
        chunk_records=chunk,
        progress=not quiet and sys.stderr.isatty(),
    )
    if not quiet:
        report(result, out, Console())
