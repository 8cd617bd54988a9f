"""One way to print results for every command: --format table|csv|json|parquet.

Example:
    >>> import pyarrow as pa
    >>> emit(pa.table({"partner": ["KOR"], "value_cny": [1]}), "json")
    [{"partner": "KOR", "value_cny": 1}]
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.table import Table

from tradestats import exact
from tradestats.errors import UsageError


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


FORMAT_OPTION = typer.Option(OutputFormat.TABLE, "--format", "-f", help="Output format.")
OUT_OPTION = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout.")


def rows_of(table: pa.Table) -> list[dict[str, Any]]:
    """The table as a list of dicts, one per row."""
    return table.to_pylist()


def to_json(table: pa.Table) -> str:
    """JSON text: a list of objects keyed by column name, decimals written exactly."""
    return exact.dumps(rows_of(table), ensure_ascii=True)


def to_csv(table: pa.Table) -> str:
    return exact.csv_text(table)


def to_rich(table: pa.Table, title: str | None = None) -> Table:
    out = Table(title=title, show_lines=False)
    for name in table.column_names:
        numeric = (
            pa.types.is_integer(table.schema.field(name).type)
            or pa.types.is_decimal(table.schema.field(name).type)
            or pa.types.is_floating(table.schema.field(name).type)
        )
        out.add_column(name, justify="right" if numeric else "left")
    for row in rows_of(table):
        out.add_row(*["" if v is None else str(v) for v in row.values()])
    return out


def emit(
    table: pa.Table,
    fmt: OutputFormat | str = OutputFormat.TABLE,
    out: Path | None = None,
    title: str | None = None,
) -> None:
    """Print or write ``table`` in the chosen format (parquet needs ``out``)."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.PARQUET:
        if out is None:
            raise UsageError("--format parquet needs --out FILE")
        pq.write_table(table, out)
        return
    if fmt is OutputFormat.TABLE:
        console = Console(file=out.open("w", encoding="utf-8") if out else sys.stdout, width=200)
        console.print(to_rich(table, title))
        return
    text = to_json(table) if fmt is OutputFormat.JSON else to_csv(table)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")
