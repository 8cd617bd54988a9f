"""Validated, streaming, reconciled ingest of canonical CSV and Parquet files into a store.

Example:
    >>> from tradestats.ingest import ingest_files
    >>> report = ingest_files("demo-store", ["examples/sample.csv"])   # doctest: +SKIP
"""

from __future__ import annotations

from tradestats.ingest.pipeline import ingest_files
from tradestats.ingest.report import CurrencyTotals, IngestReport

__all__ = ["CurrencyTotals", "IngestReport", "ingest_files"]
