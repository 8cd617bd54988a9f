"""The store: Parquet files of canonical records under one directory, with a manifest of batches.

Layout::

    STORE/
      tradestats-store.json        marks the directory as a store (format version)
      manifest/b000001.json        one file per committed batch (the only source of truth)
      sequence.json                the last committed batch and its manifest's SHA-256
      verified.json                a cache: stats of the data files last found intact
      data/period=2025-01/b000001-own.parquet    rows of one period and one reporter
      quarantine/b000001.csv       rejected rows of a batch, with file, line, field and reason
      reports/b000001.json         the batch's reconciliation report
      attempts/                    reports and rejected rows of ingests that committed nothing
      staging/                     work space of the ingest in progress (cleared on next ingest)

Data files not named by a manifest are invisible: that is what makes a crash harmless.
A reader checks the manifests and the data files it returns (``integrity.py``, ``view.py``,
``filecheck.py``) and refuses what is not as committed (``StoreDamaged``).

Example:
    >>> store = Store("demo-store")                      # doctest: +SKIP
    >>> store.periods()                                  # doctest: +SKIP
    ['2024-01', '2024-02', ...]
    >>> store.data_files(periods=["2025-03"], as_of="b000002")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tradestats.errors import BadParameter, StoreDamaged, StoreError, UsageError
from tradestats.store.cells import CellState
from tradestats.store.filecheck import FileChecker
from tradestats.store.files import entries_text
from tradestats.store.integrity import DATA, Problem, check_marker
from tradestats.store.layout import FORMAT, MARKER, STORE_KIND, SUBDIRS
from tradestats.store.manifest import (
    BatchRecord,
    DataFile,
    batch_id,
    parse_batch_id,
    write_atomic,
)
from tradestats.store.view import Live, View, ViewCache


@dataclass(frozen=True)
class PeriodState:
    """What is live for one period: its vintage number and the batches that make it up."""

    period: str
    vintage: int
    batches: tuple[int, ...]


class Store:
    """A tradestats store at ``path`` (created on first write).

    >>> Store("/tmp/no-such-store").batches()
    []
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.root = Path(path)
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store path {self.root} is a file, not a directory")
        self._views = ViewCache(self.root)
        self._checker: FileChecker | None = None

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # -- reading -------------------------------------------------------------------------

    def view(self) -> View:
        """What the manifests say, checked, read again only when they changed (``view.py``)."""
        try:
            return self._views.get()
        except OSError as err:
            raise StoreError(f"cannot read the manifest of {self.root}: {err.strerror}") from err

    def reread(self) -> None:
        """Read the manifests afresh at the next call, whatever their stat says (a writer
        holding the lock checks the chain itself, not a reader's cached view)."""
        self._views.forget()

    def batches(self) -> list[BatchRecord]:
        """Every committed batch, oldest first; StoreDamaged when the manifests do not form
        one unbroken sequence (``tradestats verify`` says what is wrong)."""
        view = self.view()
        if view.blocking:
            raise damaged(self.root, view.blocking)
        return list(view.manifests.records)

    def batch(self, ident: str) -> BatchRecord:
        """The batch called ``ident`` (``b000003`` or ``3``)."""
        seq = parse_batch_id(ident)
        for rec in self.batches():
            if rec.seq == seq:
                return rec
        raise UsageError(f"no batch {ident!r} in {self.root}", hint=self._batch_hint())

    def _batch_hint(self) -> str:
        ids = [r.id for r in self.batches()]
        return f"batches: {', '.join(ids)}" if ids else "the store is empty"

    def resolve_as_of(self, as_of: str | None) -> int | None:
        """The last batch sequence number visible at ``as_of`` (a batch id or an ISO time)."""
        if as_of is None:
            return None
        seq = parse_batch_id(as_of)
        records = self.batches()
        if seq is not None:
            if not any(r.seq == seq for r in records):
                raise UsageError(f"no batch {as_of!r} in {self.root}", hint=self._batch_hint())
            return seq
        moment = _parse_time(as_of)
        visible = [r.seq for r in records if _parse_time(r.committed_at) <= moment]
        return max(visible) if visible else 0

    def cells(self, as_of: str | None = None) -> dict[tuple[str, str | None], CellState]:
        """For each (period, reporter) with data: its live vintage and files, as of ``as_of``.

        The reporter is ``""`` for rows without one (the store's own) and None for the files
        of a format-1 store, which may hold several reporters (see ``store.cells``).
        """
        limit = self.resolve_as_of(as_of)
        return self._checked_view().cells(limit)

    def _checked_view(self) -> View:
        view = self.view()
        if view.blocking:
            raise damaged(self.root, view.blocking)
        return view

    def state(self, as_of: str | None = None) -> dict[str, PeriodState]:
        """For each period with data: its live vintage (the highest of its cells') and the
        batches that make it up, as of ``as_of``."""
        by_period: dict[str, list[CellState]] = {}
        for cell in self.cells(as_of).values():
            by_period.setdefault(cell.period, []).append(cell)
        return {
            p: PeriodState(
                p,
                max(c.vintage for c in cells),
                tuple(sorted({seq for c in cells for seq in c.batches})),
            )
            for p, cells in sorted(by_period.items())
        }

    def periods(self, as_of: str | None = None) -> list[str]:
        """Months (YYYY-MM), years and runs of months that hold data, sorted."""
        return sorted({period for period, _ in self.cells(as_of)})

    def live_files(
        self, periods: Iterable[str] | None = None, as_of: str | None = None
    ) -> list[tuple[int, DataFile]]:
        """The live files with their batch, in commit order, optionally only for ``periods``."""
        return [(x.seq, x.file) for x in self._live(periods, as_of)]

    def _live(self, periods: Iterable[str] | None, as_of: str | None) -> list[Live]:
        wanted = None if periods is None else set(periods)
        live = self._checked_view().live(self.root, self.resolve_as_of(as_of))
        return [x for x in live if wanted is None or x.period in wanted]

    def data_files(
        self, periods: Iterable[str] | None = None, as_of: str | None = None
    ) -> list[Path]:
        """The live Parquet files, optionally only for ``periods``, as of a batch or time.

        Each file is checked to be the one committed (one ``stat`` when it has not changed,
        see ``filecheck.py``); StoreDamaged names every one that is missing, truncated or
        replaced, so no query reads it.
        """
        files = self._live(periods, as_of)
        check = self.checker.check
        bad = [(x, why) for x in files if (why := check(x.file, path=x.path)) is not None]
        if bad:
            raise damaged(self.root, [data_problem(x.seq, x.file, why) for x, why in bad])
        return [x.path for x in files]

    @property
    def checker(self) -> FileChecker:
        """The data-file checker of this store (one per Store, shared by its threads)."""
        if self._checker is None:
            self._checker = FileChecker(self.root)
        return self._checker

    def summary(self, as_of: str | None = None) -> list[dict[str, object]]:
        """Rows and value totals per live period, from the manifest (no data file is read).

        >>> Store("/tmp/no-such-store").summary()
        []
        """
        state = self.state(as_of)
        totals: dict[str, dict[str, object]] = {}
        for _, f in self.live_files(as_of=as_of):
            t = totals.setdefault(
                f.period,
                {
                    "period": f.period,
                    "vintage": state[f.period].vintage,
                    "rows": 0,
                    "value_cny": Decimal(0),
                    "value_usd": Decimal(0),
                },
            )
            t["rows"] = int(t["rows"]) + f.rows  # type: ignore[call-overload]
            t["value_cny"] = t["value_cny"] + Decimal(f.value_cny)  # type: ignore[operator]
            t["value_usd"] = t["value_usd"] + Decimal(f.value_usd)  # type: ignore[operator]
        return [totals[p] for p in sorted(totals)]

    def next_seq(self) -> int:
        """The number of the next batch: never one a batch had, even one whose manifest was
        lost (``sequence.json`` remembers the last)."""
        view = self._checked_view()
        return view.manifests.last_seq + 1

    # -- writing helpers -------------------------------------------------------------------

    def ensure(self) -> None:
        """Make the directory a store (idempotent), or refuse a folder that is not one.

        A missing or empty folder becomes a store: the marker is written first, then the
        sub-folders. A folder with content and no valid marker is refused, so that nothing a
        writer does (clean-up included) can touch files that are not the store's.
        """
        try:
            if self.root.exists():
                marker = check_marker(self.root)
                if marker is None:
                    _refuse_foreign(self.root)
            else:
                self.root.mkdir(parents=True)
                marker = None
            if marker is None:
                doc = {"kind": STORE_KIND, "format": FORMAT}
                write_atomic(self.root / MARKER, json.dumps(doc) + "\n")
            for sub in SUBDIRS:
                (self.root / sub).mkdir(exist_ok=True)
        except PermissionError as err:
            raise StoreError(f"store path {self.root} is not writable: {err.strerror}") from err
        except FileExistsError as err:
            raise StoreError(f"store path {self.root}: {err.filename} is a file") from err
        except NotADirectoryError as err:
            raise StoreError(f"store path {self.root} is not a directory: {err.filename}") from err
        except OSError as err:
            raise StoreError(f"cannot create the store at {self.root}: {err.strerror}") from err
        if not os.access(self.root, os.W_OK):
            raise StoreError(f"store path {self.root} is not writable")


def _refuse_foreign(root: Path) -> None:
    """StoreError when ``root`` holds anything: it has no marker, so it is not a store."""
    count, shown = entries_text(root)
    if count:
        raise StoreError(
            f"{root} is not a tradestats store: it holds {count} entries ({shown}) and "
            f"no {MARKER}; nothing was written",
            hint="give a new or empty folder for the store",
        )


def data_problem(seq: int, f: DataFile, why: str) -> Problem:
    """A data file that is not the one committed, as a problem of its batch."""
    return Problem(f.path, f"{why} (batch {batch_id(seq)}, period {f.period})", DATA, seq)


def damaged(root: Path, problems: list[Problem], most: int = 5) -> StoreDamaged:
    """The error for a store with ``problems``: each one said, the first ``most`` of them."""
    shown = "; ".join(map(str, problems[:most]))
    more = f"; and {len(problems) - most} more" if len(problems) > most else ""
    what = "data file" if all(p.kind == DATA for p in problems) else "manifest"
    err = StoreDamaged(
        f"the store {root} is damaged ({what} problem{'s' if len(problems) > 1 else ''}): "
        f"{shown}{more}; nothing was read from the damaged part",
        hint=f"tradestats verify --store {root} says what is wrong and what --repair can do",
    )
    err.problems = problems
    return err


def _parse_time(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as err:
        raise BadParameter(
            "as_of",
            f"--as-of {text!r} is neither a batch id (b000003) nor an ISO time",
            hint="e.g. 2026-01-14 or 2026-01-14T10:00:00+00:00",
        ) from err
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
