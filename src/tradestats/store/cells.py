"""The live state of a store, cell by cell: one cell is a period and a reporter.

A batch covers exactly the (period, reporter) cells of the rows it holds: one data file per
cell. ``--replace`` publishes a new vintage of those cells only, ``--append`` adds a file to
them, and the default mode refuses a cell that already holds data. A Korean revision of 2019
therefore never touches the USA's 2019.

Stores written before reporters were kept apart (format 1) have files that may hold several
reporters; their manifests do not say which. Such a file belongs to the *legacy cell* of its
period (reporter ``None``), with the meaning it had when it was written: a new or replacing
format-1 batch replaced its whole period. A later batch may replace a legacy cell only when it
covers every reporter the legacy files hold (the batch then records the period in
``retires``); one that covers some of them is refused, since it cannot replace their rows
without deleting the others'. Rows of different reporters are never equal, so a legacy cell
beside new cells of other reporters is exact.

Example:
    >>> from tradestats.store.manifest import BatchRecord, DataFile
    >>> f = lambda p, r: DataFile(path=f"{p}-{r}", period=p, rows=1, value_cny="1",
    ...                           value_usd="1", reporter=r)
    >>> usa = BatchRecord(seq=1, mode="new", committed_at="", files=(f("2019", "USA"),
    ...                   f("2019", "KOR")), periods=("2019",))
    >>> kor = BatchRecord(seq=2, mode="replace", committed_at="", files=(f("2019", "KOR"),),
    ...                   periods=("2019",))
    >>> sorted((k, c.vintage, c.batches) for k, c in fold([usa, kor]).items())
    [(('2019', 'KOR'), 2, (2,)), (('2019', 'USA'), 1, (1,))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from tradestats.errors import UsageError
from tradestats.store.manifest import BatchRecord, DataFile, Mode

Key = tuple[str, str | None]  # (period, reporter); reporter "" own, None legacy


@dataclass(frozen=True)
class CellState:
    """What is live for one (period, reporter): its vintage and the files that make it up."""

    period: str
    reporter: str | None
    vintage: int
    files: tuple[tuple[int, DataFile], ...]  # (batch sequence number, file), oldest first

    @property
    def batches(self) -> tuple[int, ...]:
        return tuple(sorted({seq for seq, _ in self.files}))


@dataclass
class _Live:
    vintage: int
    files: list[tuple[int, DataFile]] = field(default_factory=list)


def is_legacy(record: BatchRecord) -> bool:
    """True for a batch of format 1, whose files do not say whose rows they hold."""
    return any(f.reporter is None for f in record.files)


def _legacy(cells: dict[Key, _Live], rec: BatchRecord) -> None:
    """A format-1 batch: new and replace reset the whole period, append adds to it."""
    for period in rec.periods:
        files = [(rec.seq, f) for f in rec.files if f.period == period]
        here = [k for k in cells if k[0] == period]
        if rec.mode == Mode.APPEND and here:
            live = cells.setdefault((period, None), _Live(max(cells[k].vintage for k in here)))
            live.files += files
            continue
        vintage = max((cells[k].vintage for k in here), default=0) + 1
        for k in here:
            del cells[k]
        cells[(period, None)] = _Live(vintage, files)


def _by_cell(cells: dict[Key, _Live], rec: BatchRecord) -> None:
    for f in rec.files:
        key = (f.period, f.reporter)
        if rec.mode == Mode.APPEND and key in cells:
            cells[key].files.append((rec.seq, f))
            continue
        base = cells[key].vintage if key in cells else 0
        legacy = cells.get((f.period, None))
        if key not in cells and legacy is not None and f.period in rec.retires:
            base = legacy.vintage  # a revision of rows the legacy cell held
        cells[key] = _Live(base + 1, [(rec.seq, f)])
    for period in rec.retires:
        cells.pop((period, None), None)


def fold(records: Iterable[BatchRecord], limit: int | None = None) -> dict[Key, CellState]:
    """The live cells after the batches up to sequence number ``limit`` (all when None)."""
    cells: dict[Key, _Live] = {}
    for rec in records:
        if limit is not None and rec.seq > limit:
            break
        (_legacy if is_legacy(rec) else _by_cell)(cells, rec)
    return {
        k: CellState(k[0], k[1], v.vintage, tuple(v.files))
        for k, v in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    }


def shown(period: str, reporter: str | None) -> str:
    """A cell for a message: the period alone for the store's own rows.

    >>> shown("2025-01", ""), shown("2019", "KOR")
    ('2025-01', '2019 KOR')
    """
    return period if not reporter else f"{period} {reporter}"


def _names(reporters: Iterable[str]) -> str:
    return ", ".join(r or "own (no reporter)" for r in sorted(reporters))


def check_incoming(
    cells: dict[Key, CellState],
    incoming: dict[str, set[str]],
    mode: Mode,
    legacy_reporters: Callable[[CellState], set[str]],
) -> tuple[str, ...]:
    """Check a batch's cells (period -> reporters) against the live ones; return the periods
    whose legacy cell the batch replaces. UsageError when the mode does not allow the batch."""
    taken: list[str] = []
    retires: list[str] = []
    for period in sorted(incoming):
        mine = incoming[period]
        legacy = cells.get((period, None))
        held = legacy_reporters(legacy) if legacy is not None else set()
        if mode is Mode.NEW:
            taken += [shown(period, r) for r in sorted(mine) if (period, r) in cells or r in held]
        elif mode is Mode.REPLACE and legacy is not None and held & mine:
            if not held <= mine:
                batches = ", ".join(f"b{s:06d}" for s in legacy.batches)
                raise UsageError(
                    f"period {period} holds the rows of {_names(held)} together, in file(s) of "
                    f"batch {batches} written before the store kept reporters apart; this batch "
                    f"revises {_names(held & mine)} only, and replacing those files would delete "
                    f"the rows of {_names(held - mine)}; nothing was committed",
                    hint=f"put the revised rows of every reporter of {period} ({_names(held)}) "
                    "in one --replace batch",
                )
            retires.append(period)
    if taken:
        listed = ", ".join(taken[:6]) + (" ..." if len(taken) > 6 else "")
        raise UsageError(
            f"{len(taken)} period(s) already hold data ({listed}); nothing was committed",
            hint="--append adds rows to them, --replace publishes a revision (a new vintage)",
        )
    return tuple(retires)


def with_vintages(records: list[BatchRecord], record: BatchRecord) -> BatchRecord:
    """``record`` with the vintage of each of its cells (and, per period, the highest) as they
    are once it commits after ``records``."""
    after = fold([*records, record])
    files = tuple(
        replace(f, vintage=after[(f.period, f.reporter)].vintage)
        if (f.period, f.reporter) in after
        else f
        for f in record.files
    )
    vintages: dict[str, int] = {}
    for f in files:
        if f.vintage is not None:
            vintages[f.period] = max(vintages.get(f.period, 0), f.vintage)
    return replace(record, files=files, vintages=vintages)
