"""Reading what format-1 manifests do not say: the reporters a legacy data file holds.

Only writers need this (to decide whether a batch may replace a legacy cell), so it reads the
files' ``reporter`` column, which is small and dictionary-encoded.

Example:
    >>> legacy_reporters(store, store.cells()[("2019", None)])     # doctest: +SKIP
    {'KOR', 'USA'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow.compute as pc
import pyarrow.parquet as pq

from tradestats.errors import StoreError

if TYPE_CHECKING:
    from tradestats.store.cells import CellState
    from tradestats.store.store import Store


def legacy_reporters(store: Store, cell: CellState) -> set[str]:
    """The reporters of the rows of ``cell``'s files ('' for rows without one)."""
    found: set[str] = set()
    for _, f in cell.files:
        path = store.root / f.path
        try:
            pf = pq.ParquetFile(path)
            if "reporter" not in pf.schema_arrow.names:
                found.add("")
                continue
            column = pf.read(columns=["reporter"]).column("reporter")
        except (OSError, ValueError) as err:
            raise StoreError(f"cannot read the reporters of {path}: {err}") from err
        found |= {"" if v is None else str(v) for v in pc.unique(column).to_pylist()}
    return found
