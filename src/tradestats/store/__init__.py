"""The versioned Parquet store: batches, manifest, vintages, atomic commit, quarantine.

Example:
    >>> from tradestats.store import Store
    >>> Store("/tmp/no-such-store").periods()
    []
"""

from __future__ import annotations

from tradestats.store.manifest import BatchRecord, DataFile, Mode, SourceFile, batch_id
from tradestats.store.store import PeriodState, Store
from tradestats.store.writer import StoreWriter

__all__ = [
    "BatchRecord",
    "DataFile",
    "Mode",
    "PeriodState",
    "SourceFile",
    "Store",
    "StoreWriter",
    "batch_id",
]
