"""Loading a source file's text into the adapter's DuckDB table ``src``, with line numbers.

Every field is loaded as text (validation decides what is wrong, not the parser). Column names
become lookup keys (``reporter_iso`` and ``reporterISO`` both ``reporteriso``); ``_line`` is the
physical line of a CSV row, or the 1-based record number of a JSON record.

Example:
    >>> con = duckdb.connect()                                   # doctest: +SKIP
    >>> bad = load_csv(con, Path("comtrade.csv"), "utf-8", ",")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from tradestats.adapters.base import key
from tradestats.delimited import reader as csv_reader
from tradestats.delimited.reader import BadLine, LineTracker, block_refusal
from tradestats.errors import InputRefused, listed


def header_of(path: Path, encoding: str, delimiter: str) -> list[str]:
    """The first line of a text file, split into stripped column names."""
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        first = fh.readline().lstrip("\ufeff")
    return [h.strip() for h in next(csv.reader(io.StringIO(first), delimiter=delimiter), [])]


def load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    encoding: str,
    delimiter: str,
    keep_names: bool = False,
) -> list[BadLine]:
    """Stream a CSV file into table ``src`` (text columns + ``_line``); return malformed lines.

    Column names become lookup keys unless ``keep_names`` (then only stripped).
    """
    header = header_of(path, encoding, delimiter)
    names = header if keep_names else [key(h) for h in header]
    # An unnamed column (a trailing comma in the header) gets a name no mapping uses.
    names = [n or f"_unnamed_{i + 1}" for i, n in enumerate(names)]
    folded = [n.lower() for n in names]  # DuckDB's column names ignore case
    repeated = sorted({n for n, f in zip(names, folded, strict=True) if folded.count(f) > 1})
    if repeated:
        raise InputRefused(f"{path}: repeated column(s): {listed(repeated, quote=False)}")
    tracker = LineTracker()
    cols = ", ".join('"' + n.replace('"', '""') + '" VARCHAR' for n in names)
    try:
        con.execute(f"CREATE TABLE src ({cols}, _line BIGINT)")
    except duckdb.CatalogException as err:  # names equal to DuckDB in some other way
        raise InputRefused(f"{path}: repeated column(s): {err}") from err
    if _header_only(path):  # no rows (and pyarrow cannot skip a lone line without its end)
        return tracker.bad_lines
    try:
        _stream_csv(con, path, encoding, delimiter, names, tracker)
    except (pa.ArrowInvalid, UnicodeDecodeError) as err:
        refused = block_refusal(path, tracker, err)
        if refused is not None:
            raise refused from None
        raise InputRefused(f"{path}: cannot parse as CSV ({encoding}): {err}") from err
    return tracker.bad_lines


def _header_only(path: Path) -> bool:
    """True when the file is one line (its header) with nothing after it."""
    with path.open("rb") as fh:
        data, more = fh.read(1 << 16), fh.read(1)
    body = data.rstrip(b"\r\n")
    return not more and b"\n" not in body and b"\r" not in body


def _stream_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    encoding: str,
    delimiter: str,
    names: list[str],
    tracker: LineTracker,
) -> None:
    """Read the rows after the header into ``src``, block by block."""
    reader = csv_reader.open_text_csv(path, encoding, delimiter, names, tracker, skip_empty=True)
    for batch in reader:
        if batch.num_rows == 0:
            continue
        lines = pa.array(tracker.lines_for(batch.num_rows), pa.int64())
        table = pa.Table.from_batches([batch]).append_column("_line", lines)
        con.register("_incoming", table)
        con.execute("INSERT INTO src SELECT * FROM _incoming")
        con.unregister("_incoming")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def load_json_records(con: duckdb.DuckDBPyConnection, path: Path) -> list[BadLine]:
    """Load a JSON array of records (or ``{"data": [...]}``) into ``src``; numbers kept exact."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            doc = json.load(fh, parse_float=str, parse_int=str)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise InputRefused(f"{path}: is not readable JSON: {err}") from err
    records = doc.get("data") if isinstance(doc, dict) else doc
    if not isinstance(records, list):
        raise InputRefused(f"{path}: JSON has no list of records (expected a 'data' list)")
    bad: list[BadLine] = []
    names: dict[str, None] = {}
    for i, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            bad.append(BadLine(i, json.dumps(rec)[:2000], "record is not a JSON object"))
            continue
        for k in rec:
            names.setdefault(key(k), None)
    columns: dict[str, list[str | None]] = {n: [] for n in names}
    lines = []
    for i, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            continue
        keyed = {key(k): v for k, v in rec.items()}
        for n in names:
            columns[n].append(_text(keyed.get(n)))
        lines.append(i)
    table = pa.table({n: pa.array(v, pa.string()) for n, v in columns.items()})
    table = table.append_column("_line", pa.array(np.asarray(lines, np.int64)))
    con.register("_incoming", table)
    con.execute("CREATE TABLE src AS SELECT * FROM _incoming")
    con.unregister("_incoming")
    return bad
