"""The canonical format: CSV or Parquet with the record's own column names (docs/schema.md).

Handles a file whose header holds the canonical required columns (any order, any case), or any
Parquet file. Reading is the ingest's own streaming reader; nothing is skipped.

Example:
    >>> CanonicalAdapter().name
    'canonical'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from tradestats.adapters.base import Head, Options
from tradestats.delimited.reader import (
    BadLine,
    CsvReader,
    RawBatch,
    parquet_header_problems,
    prefetch,
    read_parquet_batches,
)
from tradestats.delimited.sniff import Problem, Sniffed, sniff
from tradestats.errors import InputRefused
from tradestats.records import REQUIRED


@dataclass
class CanonicalSource:
    """A canonical CSV or Parquet file, streamed by the ingest's reader."""

    sniffed: Sniffed
    format: str = "canonical"
    bad_lines: list[BadLine] = field(default_factory=list)
    skipped: dict[str, tuple[int, dict[str, Decimal]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.sniffed.path

    @property
    def encoding(self) -> str | None:
        return self.sniffed.encoding

    def batches(self) -> Iterator[RawBatch]:
        s = self.sniffed
        if s.kind == "parquet":
            try:
                yield from read_parquet_batches(s)
            except (OSError, pa.ArrowException, ValueError) as err:  # a damaged page or name
                raise InputRefused(f"{s.path}: is not a readable Parquet file: {err}") from err
            return
        reader = CsvReader(s)
        try:
            yield from prefetch(iter(reader))
        except (pa.ArrowInvalid, UnicodeDecodeError) as err:
            hint = " (try --encoding gbk)" if "UTF8" in str(err) else ""
            raise InputRefused(f"{s.path}: cannot parse as CSV: {err}{hint}") from err
        self.bad_lines.extend(reader.bad_lines)


class CanonicalAdapter:
    """Canonical CSV (comma-separated unless told) or Parquet."""

    name = "canonical"
    description = "canonical CSV or Parquet (columns of docs/schema.md)"

    def probe(self, head: Head) -> bool:
        if head.sample.startswith(b"PAR1"):
            return True
        lowered = {h.lower() for h in head.header}
        return all(c in lowered for c in REQUIRED)

    def _sniff(self, head: Head, options: Options) -> Sniffed:
        s = sniff(head.path, options.encoding, options.delimiter)
        if s.kind == "parquet":
            s.problems.extend(parquet_header_problems(s))
        return s

    def check(self, head: Head, options: Options) -> list[Problem]:
        return self._sniff(head, options).problems

    def open(self, head: Head, options: Options) -> CanonicalSource:
        s = self._sniff(head, options)
        if s.kind == "parquet":
            s.encoding = None
        return CanonicalSource(s)
