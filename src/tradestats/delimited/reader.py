"""Streaming readers: canonical CSV or Parquet in, batches of text columns with line numbers out.

Every field is read as text so that validation, not the parser, decides what is wrong and says
so with file, line and field. Lines whose field count is wrong are kept (as ``BadLine``) for the
quarantine; blank lines are counted and skipped.

Example:
    >>> from pathlib import Path
    >>> s = sniff(Path("examples/sample.csv"))                       # doctest: +SKIP
    >>> [b.table.num_rows for b in CsvReader(s)]                       # doctest: +SKIP
    [12]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from queue import Empty, Queue
from threading import Event, Thread
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tradestats.delimited.sniff import Problem, Sniffed
from tradestats.errors import InputRefused
from tradestats.records import COLUMN_NAMES

# Bytes of CSV text per batch: also the longest row the reader takes (read at call time, so a
# test can make it small)
BLOCK_SIZE = 1 << 25  # 32 MiB
PARQUET_BATCH_ROWS = 262_144
# pyarrow's errors of a file it cannot split into blocks: a row longer than a block, and a
# quoted field with line breaks across a block's end (a quote not closed)
STRADDLING = "straddling object straddles two block boundaries"
OUT_OF_SYNC = "CSV parser got out of sync with chunker"


@dataclass(frozen=True)
class BadLine:
    """A line that could not be split into the header's columns."""

    line: int | None
    text: str
    reason: str


@dataclass
class RawBatch:
    """Canonical columns as text (null where absent) and each row's line in the source file."""

    table: pa.Table
    lines: np.ndarray


class LineTracker:
    """Maps the n-th well-formed row to its physical line, given the lines that were skipped.

    pyarrow's row numbers count the skipped header, so they are physical line numbers (as long
    as no quoted field spans lines). Blank lines come through as rows of empty fields and are
    dropped by the rules.
    """

    def __init__(self) -> None:
        self.bad_lines: list[BadLine] = []
        self.skipped: list[int] = []  # data-row indices (0-based) that were not well formed
        self.rows_seen = 0

    def on_invalid(self, row: Any) -> str:
        line = row.number
        if line is not None:
            self.skipped.append(line - 2)
        reason = f"has {row.actual_columns} field(s), the header has {row.expected_columns}"
        self.bad_lines.append(BadLine(line, row.text[:2000], reason))
        return "skip"

    def next_line(self) -> int:
        """The physical line of the next row to come (the header is line 1)."""
        return self.rows_seen + len(self.skipped) + 2

    def lines_for(self, n: int) -> np.ndarray:
        valid = np.arange(self.rows_seen, self.rows_seen + n, dtype=np.int64)
        self.rows_seen += n
        if not self.skipped:
            return valid + 2
        skipped = np.asarray(sorted(self.skipped), dtype=np.int64)
        before = skipped - np.arange(len(skipped), dtype=np.int64)  # valid rows before each skip
        return valid + np.searchsorted(before, valid, side="right") + 2


def _size(n: int) -> str:
    """A size in bytes as people read it.

    >>> _size(1 << 25), _size(1 << 16), _size(1000)
    ('32 MiB', '64 KiB', '1,000 bytes')
    """
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size:,} {unit}"
    return f"{n:,} bytes"


def block_refusal(path: object, tracker: LineTracker, err: Exception) -> InputRefused | None:
    """The refusal of a file the CSV reader cannot split into blocks of ``BLOCK_SIZE``, saying
    where and why, for pyarrow's two errors of that kind; else None (another parse error).

    The reader delivers whole rows block by block, so the trouble lies in the block after the
    last row delivered, whose line is known without reading the file again: a row longer than
    a block ("straddling object") starts there; a quoted field with line breaks that crosses a
    block's end (or a quote never closed) lies at or after it ("out of sync with chunker").
    """
    line = tracker.next_line()
    if STRADDLING in str(err):
        return InputRefused(
            f"{path}: the row at line {line:,} is longer than {_size(BLOCK_SIZE)} (the CSV "
            f"reader takes rows of up to {_size(BLOCK_SIZE)}; a field that long is no value of "
            "a trade record, or a quote is not closed); the file is refused whole, nothing was "
            "committed",
            hint=f"shorten or remove the field on line {line:,}, or split the file there",
        )
    if OUT_OF_SYNC in str(err):
        return InputRefused(
            f"{path}: a quote is not closed, or a quoted field holds line breaks across the "
            f"end of the CSV reader's block of {_size(BLOCK_SIZE)}, at or after line "
            f"{line:,}; the file is refused whole, nothing was committed",
            hint="close the quote, or take the line breaks out of quoted fields",
        )
    return None


def prefetch(batches: Iterator[RawBatch], depth: int = 2) -> Iterator[RawBatch]:
    """Read the next batches in a thread while the caller checks this one (parsing releases the
    GIL, so reading and checking overlap on two cores). Exceptions reach the caller."""
    queue: Queue[RawBatch | BaseException | None] = Queue(maxsize=depth)
    stop = Event()

    def produce() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    return
                queue.put(batch)
            queue.put(None)
        except BaseException as err:  # handed to the consumer, which re-raises it
            queue.put(err)

    worker = Thread(target=produce, daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with suppress(Empty):
                queue.get_nowait()
            worker.join(timeout=0.05)


def _canonical(table: pa.Table, header: list[str]) -> pa.Table:
    """Rename to canonical names and add absent optional columns as nulls, in schema order."""
    by_name = dict(zip(header, table.columns, strict=True))
    n = table.num_rows
    cols = [by_name.get(name, pa.nulls(n, pa.string())) for name in COLUMN_NAMES]
    return pa.table(cols, names=list(COLUMN_NAMES))


class CsvReader:
    """Streams a canonical CSV file; malformed lines are kept in ``bad_lines``, blank ones counted.

    >>> reader = CsvReader(sniffed)        # doctest: +SKIP
    >>> total = sum(b.table.num_rows for b in reader)   # doctest: +SKIP
    """

    def __init__(self, s: Sniffed) -> None:
        self.sniffed = s
        self.tracker = LineTracker()

    @property
    def bad_lines(self) -> list[BadLine]:
        return self.tracker.bad_lines

    def __iter__(self) -> Iterator[RawBatch]:
        s = self.sniffed
        names = [f"c{i}" for i in range(len(s.header))]
        try:
            yield from self._batches(names)
        except pa.ArrowInvalid as err:
            refused = block_refusal(s.path, self.tracker, err)
            if refused is None:
                raise
            raise refused from None

    def _batches(self, names: list[str]) -> Iterator[RawBatch]:
        s = self.sniffed
        reader = open_text_csv(s.path, s.encoding or "utf-8", s.delimiter, names, self.tracker,
                               skip_empty=False)  # fmt: skip
        for batch in reader:
            if batch.num_rows == 0:
                continue
            table = _canonical(pa.Table.from_batches([batch]), s.header)
            yield RawBatch(table, self.tracker.lines_for(batch.num_rows))


def open_text_csv(
    path: os.PathLike[str] | str,
    encoding: str,
    delimiter: str,
    names: list[str],
    tracker: LineTracker,
    skip_empty: bool,
) -> pacsv.CSVStreamingReader:
    """A streaming reader of the rows after the header, every field as text ('' kept, never
    null), one thread so that ``tracker`` can number the lines it refuses.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"; _ = p.write_text("x,y\\n1,\\n")
    >>> open_text_csv(p, "utf-8", ",", ["x", "y"], LineTracker(), True).read_all().to_pylist()
    [{'x': '1', 'y': ''}]
    """
    return pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            block_size=BLOCK_SIZE,  # the module's value now (tests shrink it)
            use_threads=False,  # keeps row numbers for malformed lines
            encoding=encoding,
            column_names=names,
            skip_rows=1,
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter,
            ignore_empty_lines=skip_empty,
            invalid_row_handler=tracker.on_invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def read_parquet_batches(s: Sniffed) -> Iterator[RawBatch]:
    """Stream a Parquet file of canonical columns; 'line' is the row number (1-based)."""
    pf = pq.ParquetFile(s.path)
    s.header = [f.name.strip().lower() for f in pf.schema_arrow]
    offset = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        table = table.cast(pa.schema([pa.field(f.name, pa.string()) for f in table.schema]))
        n = table.num_rows
        yield RawBatch(_canonical(table, s.header), np.arange(offset + 1, offset + n + 1))
        offset += n


def parquet_header_problems(s: Sniffed) -> list[Problem]:
    """The header checks of CSV, applied to a Parquet file's column names."""
    from tradestats.delimited.sniff import header_problems

    try:
        names = [f.name.strip().lower() for f in pq.ParquetFile(s.path).schema_arrow]
    except (OSError, pa.ArrowException, ValueError) as err:  # ValueError: a name not UTF-8
        return [Problem(str(s.path), None, None, f"is not a readable Parquet file: {err}")]
    s.header = names
    return header_problems(str(s.path), names, ",".join(names), ",")
