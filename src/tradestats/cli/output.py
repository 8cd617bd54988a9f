"""One way to print results for every command: --format table|csv|json|parquet|xlsx|sdmx-*.

The SDMX formats (tradestats.sdmxio) need to know what the table's columns do not say: the
query's flow, period and reporter (``about``).

Example:
    >>> import pyarrow as pa
    >>> emit(pa.table({"partner": ["KOR"], "value_cny": [1]}), "json")
    [{"partner": "KOR", "value_cny": 1}]
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa
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
    XLSX = "xlsx"
    SDMX_CSV = "sdmx-csv"
    SDMX_ML = "sdmx-ml"


FORMAT_OPTION = typer.Option(OutputFormat.TABLE, "--format", "-f", help="Output format.")
OUT_OPTION = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout.")


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


LANG_OPTION = typer.Option(
    Lang.EN, "--lang", help="Language of --format table (headers, scales such as 亿元)."
)


def out_problem(path: Path, *, folder: bool = False) -> str | None:
    """Why ``path`` cannot be written as an output file (or, with ``folder``, a folder to
    create or fill), or None: checked before the work starts so a long run does not fail at
    its end.

    >>> out_problem(Path("/no/such/folder/out.csv"))
    'cannot write /no/such/folder/out.csv: its folder /no/such/folder does not exist'
    """
    if folder:
        if path.exists() and not path.is_dir():
            return f"cannot write into {path}: it is a file, not a folder"
        parent = path if path.is_dir() else path.parent
    else:
        if path.is_dir():
            return f"cannot write {path}: it is a folder"
        parent = path.parent
    where = f"into {path}" if folder else str(path)
    if not parent.is_dir():
        what = "is a file" if parent.exists() else "does not exist"
        return f"cannot write {where}: its folder {parent} {what}"
    if os.statvfs(parent).f_flag & os.ST_RDONLY:
        return f"cannot write {where}: its folder {parent} is on a read-only file system"
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"cannot write {where}: permission denied"
    return None


def check_out(path: Path | None, *, folder: bool = False) -> None:
    """Refuse (UsageError, exit 2) an output path that cannot be written, naming it and why."""
    if path is not None and (problem := out_problem(path, folder=folder)):
        raise UsageError(problem)


def os_failure(err: OSError, doing: str = "write") -> UsageError:
    """An operating-system failure on a user's path as one clear message (exit 2).

    >>> str(os_failure(IsADirectoryError(21, "Is a directory", "out")))
    'cannot write out: Is a directory'
    """
    name = err.filename if err.filename is not None else "a file"
    return UsageError(f"cannot {doing} {name}: {err.strerror or err}")


def rows_of(table: pa.Table) -> list[dict[str, Any]]:
    """The table as a list of dicts, one per row."""
    return table.to_pylist()


def to_json(table: pa.Table) -> str:
    """JSON text: a list of objects keyed by column name, decimals written exactly."""
    return exact.dumps(rows_of(table), ensure_ascii=True)


def to_csv(table: pa.Table) -> str:
    return exact.csv_text(table)


def to_rich(table: pa.Table, title: str | None = None, lang: str = "en") -> Table:
    """The table for people: measures scaled, rounded and separated by the presentation layer
    (``tradestats.bulletin.present``), headers in words with their units; numbers right-aligned.
    CSV, JSON and Parquet keep the exact values."""
    from tradestats.bulletin.present import present

    shown = present(table, lang)
    caption = "\n".join(shown.notes) or None  # e.g. what a "c" means
    out = Table(title=title, show_lines=False, caption=caption, caption_justify="left")
    for header, numeric in zip(shown.headers, shown.numeric, strict=True):
        out.add_column(header, justify="right" if numeric else "left")
    for row in shown.rows:
        out.add_row(*row)
    return out


def emit(
    table: pa.Table,
    fmt: OutputFormat | str = OutputFormat.TABLE,
    out: Path | None = None,
    title: str | None = None,
    about: Any = None,
    lang: str = "en",
) -> None:
    """Print or write ``table`` in the chosen format (parquet needs ``out``; the SDMX formats
    take ``about``, a ``tradestats.sdmxio.About``; ``lang`` is the table's language)."""
    check_out(out)
    try:
        _emit(table, OutputFormat(fmt), out, title, about, lang)
    except OSError as err:
        raise os_failure(err) from err


def _emit(
    table: pa.Table, fmt: OutputFormat, out: Path | None, title: Any, about: Any, lang: str
) -> None:
    if fmt in (OutputFormat.SDMX_CSV, OutputFormat.SDMX_ML):
        _emit_sdmx(table, fmt, out, about)
        return
    if fmt in (OutputFormat.PARQUET, OutputFormat.XLSX):
        from tradestats import export

        if out is None:
            raise UsageError(f"--format {fmt.value} needs --out FILE")
        write = export.parquet_bytes if fmt is OutputFormat.PARQUET else export.xlsx_bytes
        out.write_bytes(write(table))
        return
    if fmt is OutputFormat.TABLE:
        console = Console(file=out.open("w", encoding="utf-8") if out else sys.stdout, width=200)
        console.print(to_rich(table, title, str(lang)))
        return
    text = to_json(table) if fmt is OutputFormat.JSON else to_csv(table)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


def _emit_sdmx(table: pa.Table, fmt: OutputFormat, out: Path | None, about: Any) -> None:
    from tradestats.indicators.reference_api import load_default_reference
    from tradestats.sdmxio import About, observations, to_sdmx_csv, to_sdmx_ml

    obs = observations(table, about or About())
    if fmt is OutputFormat.SDMX_CSV:
        text = to_sdmx_csv(obs)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
        return
    data = to_sdmx_ml(obs, load_default_reference())
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write_bytes(data)
