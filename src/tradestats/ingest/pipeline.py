"""Ingest: files in, one atomically committed batch out, with nothing lost.

Steps: sniff every file (all header problems reported together); stream each file through the
record rules into the staging workspace; quarantine duplicates; check the periods against the
mode; write one Parquet file per period; read those files back and reconcile them with what was
read; then commit. Any invalid row fails the whole ingest unless ``allow_rejects`` is set.

Example:
    >>> report = ingest_files("demo-store", ["examples/sample.csv"])   # doctest: +SKIP
    >>> report.rows_accepted, report.batch                            # doctest: +SKIP
    (40, 'b000001')
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from rich.progress import Progress, TaskID

from tradestats.credibility import review_ingest
from tradestats.delimited.sniff import Problem
from tradestats.errors import (
    InputRefused,
    InternalError,
    StoreError,
    TradestatsError,
    UsageError,
    ValidationFailed,
)
from tradestats.ingest import checks, direct
from tradestats.ingest.report import CurrencyTotals, IngestReport
from tradestats.ingest.staging import Workspace
from tradestats.ingest.writeout import (
    StagedFile,
    quarantine_problems,
    read_back,
    reconcile,
    write_quarantine,
)
from tradestats.reference import partner_codes
from tradestats.store import BatchRecord, DataFile, Mode, SourceFile, Store, StoreWriter, batch_id
from tradestats.store.cells import check_incoming, with_vintages
from tradestats.store.integrity import sha256_of
from tradestats.store.layout import data_path
from tradestats.store.legacy import legacy_reporters

if TYPE_CHECKING:
    from tradestats.adapters.base import Options, Source

# Failures of the disk under a write: the OS's, and DuckDB's own (its spill file or a COPY
# that cannot grow; an OutOfMemoryException when memory is full and spilling failed)
DISK_ERRORS = (OSError, duckdb.IOException, duckdb.OutOfMemoryException)
SOURCE_FIELDS = ("path", "sha256", "bytes", "format", "encoding", "rows_read")


def open_all(paths: list[Path], fmt: str, options: Options) -> list[Source]:
    """Choose every file's adapter and check its header; raise one error listing every
    file-level problem (before any row is read)."""
    from tradestats.adapters import detect, head_of, unrecognised

    problems: list[Problem] = []
    chosen = []
    for path in paths:
        if not path.is_file():
            what = "is a directory" if path.is_dir() else "does not exist"
            problems.append(Problem(str(path), None, None, what))
            continue
        try:
            head = head_of(path, options.encoding, options.delimiter)
        except OSError as err:
            problems.append(Problem(str(path), None, None, f"cannot read: {err}"))
            continue
        adapter = detect(head, fmt)
        found = adapter.check(head, options)
        note = unrecognised(head) if found and fmt == "auto" else None
        problems.extend([*found, *([Problem(str(path), 1, None, note)] if note else [])])
        if not found:
            chosen.append((adapter, head))
    if problems:
        raise InputRefused(
            "cannot read the input, nothing was committed:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return [adapter.open(head, options) for adapter, head in chosen]


def stage_files(ws: Workspace, sources: list[Source], progress: _Progress) -> IngestReport:
    """Read every source through the rules into the workspace; return the report's source part.

    Rows an adapter skipped (aggregates beside their detail) are counted by reason with their
    values, so that rows read = accepted + quarantined + skipped.
    """
    report = IngestReport()
    skipped_rows = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        digests = [pool.submit(sha256_of, s.path) for s in sources]
        for src, s in enumerate(sources):
            before = ws.accepted_rows + ws.count("rej")
            for batch in s.batches():
                ws.add_batch(src, batch)
                progress.advance(batch.table.nbytes)
            ws.add_bad_lines(src, s.bad_lines)
            skipped = 0
            for reason, (n, values) in s.skipped.items():
                report.add_skipped(reason, n, values)
                skipped += n
            skipped_rows += skipped
            report.notes.extend(s.notes)
            report.sources.append(
                {
                    "path": str(s.path),
                    "format": s.format,
                    "encoding": s.encoding,
                    "bytes": s.path.stat().st_size,
                    "rows_read": ws.accepted_rows + ws.count("rej") - before + skipped,
                    "rows_skipped": skipped,
                }
            )
        for src_info, digest in zip(report.sources, digests, strict=True):
            src_info["sha256"] = digest.result()
    ws.finish_writing()
    report.blank_lines = ws.blank
    report.rows_read = ws.accepted_rows + ws.count("rej") + skipped_rows
    return report


class _Progress:
    """A rich progress bar over bytes read, or nothing when quiet."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.bar: Progress | None = Progress(transient=True) if enabled else None
        self.task: TaskID | None = None

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("ingest", total=self.total)
        return self

    def advance(self, n: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def check_cells(store: Store, files: list[StagedFile], mode: Mode) -> tuple[str, ...]:
    """Refuse new data for (period, reporter) cells that hold data unless the user said append
    or replace; return the periods whose legacy (format-1) data the batch replaces."""
    incoming: dict[str, set[str]] = {}
    for f in files:
        incoming.setdefault(f.period, set()).add(f.reporter)
    return check_incoming(store.cells(), incoming, mode, lambda cell: legacy_reporters(store, cell))


@contextmanager
def _workspace(folder: Path) -> Iterator[Workspace]:
    ws = Workspace(folder, sorted(partner_codes()))
    try:
        yield ws
    finally:
        ws.close()


def ingest_files(
    store: Store | str | os.PathLike[str],
    files: Iterable[str | os.PathLike[str]],
    *,
    mode: Mode | str = Mode.NEW,
    allow_rejects: bool = False,
    encoding: str | None = None,
    delimiter: str | None = None,
    progress: bool = False,
    note: str | None = None,
    fmt: str = "auto",
    options: Options | None = None,
) -> IngestReport:
    """Ingest ``files`` into ``store`` as one batch; raise ValidationFailed on invalid rows.

    ``fmt`` names the source format (``auto``: each file's adapter is detected); ``options``
    carries adapter choices (reporter, HS level, code table ...).

    >>> ingest_files("demo-store", ["jan.csv"], mode="append")   # doctest: +SKIP
    >>> ingest_files("s", ["comtrade.json"], fmt="comtrade")     # doctest: +SKIP
    """
    from tradestats.adapters.base import Options

    store = store if isinstance(store, Store) else Store(store)
    mode = Mode(mode)
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError("no input files given")
    base = options or Options()
    options = replace(
        base, encoding=encoding or base.encoding, delimiter=delimiter or base.delimiter
    )
    if "\\" in str(store.root):
        # DuckDB reads a backslash in a database or spill path as a separator (all platforms)
        raise StoreError(
            f"store path {store.root} holds a backslash, which DuckDB reads as a folder "
            "separator in its work files; nothing was written",
            hint="choose a store path without '\\'",
        )
    sources = open_all(paths, fmt, options)
    first_seq = store.next_seq()
    try:
        return _ingest(store, sources, mode, allow_rejects, progress, note, paths)
    except TradestatsError:
        raise
    except DISK_ERRORS as err:  # a full disk, a read-only file system: say so
        raise write_failure(store, err, store.next_seq() > first_seq) from err
    except Exception as err:  # a bug: still say whether the batch is committed
        committed = store.next_seq() > first_seq
        raise InternalError(
            f"internal error while ingesting into {store.root} ({type(err).__name__}: {err}); "
            + ("the batch was committed" if committed else "nothing was committed")
        ) from err


def write_failure(store: Store, err: BaseException, committed: bool) -> StoreError:
    """The one message of a write that failed on the disk (``OSError`` or DuckDB's own
    ``IOException``, ``OutOfMemoryException`` when its spill file cannot grow): what failed,
    and whether the batch was committed (then a retry would be refused as a repeat).

    >>> str(write_failure(Store("s"), OSError(28, "No space left on device"), False))
    'cannot write to the store s; nothing was committed: No space left on device'
    """
    outcome = "the batch was committed, but" if committed else "nothing was committed:"
    if isinstance(err, OSError):
        return StoreError(
            f"cannot write to the store {store.root}; {outcome} {err.strerror or err}"
        )
    # DuckDB's text: 'IO Error: Could not write file "...": No space left on device'
    why = " ".join(str(err).split())
    why = why if len(why) <= 500 else why[:500] + " ..."
    disk = isinstance(err, duckdb.IOException)
    what = "cannot write to the store" if disk else "cannot finish the ingest into the store"
    return StoreError(f"{what} {store.root}; {outcome} DuckDB: {why}")


def _ingest(
    store: Store,
    sources: list[Source],
    mode: Mode,
    allow_rejects: bool,
    progress: bool,
    note: str | None,
    paths: list[Path],
) -> IngestReport:
    """Stage, check and commit ``sources`` under the store's write lock."""
    with StoreWriter(store) as writer:
        done = _ingest_direct(store, writer, sources, mode, allow_rejects, progress, note)
        if done is not None:
            return done
        return _ingest_checked(store, writer, sources, mode, allow_rejects, progress, note, paths)


def _ingest_direct(
    store: Store,
    writer: StoreWriter,
    sources: list[Source],
    mode: Mode,
    allow_rejects: bool,
    progress: bool,
    note: str | None,
) -> IngestReport | None:
    """The direct route (``direct.py``) when the input allows it and proves clean, else None."""
    sniffed = direct.eligible(sources)
    if sniffed is None:
        return None
    folder = writer.staging_dir / "direct"
    with _workspace(folder) as ws:
        with _Progress(sniffed.path.stat().st_size, progress) as bar:
            report = direct.stage_direct(ws, sniffed, bar)
        if report is not None and mode is Mode.APPEND:
            stored = store.data_files(periods=ws.periods)
            if checks.any_stored_duplicates(ws, stored):
                report = None
        if report is not None:
            report.mode = mode.value
            return _finish(store, writer, ws, report, allow_rejects, note)
    shutil.rmtree(folder)
    return None


def _ingest_checked(
    store: Store,
    writer: StoreWriter,
    sources: list[Source],
    mode: Mode,
    allow_rejects: bool,
    progress: bool,
    note: str | None,
    paths: list[Path],
) -> IngestReport:
    """The checked route: every row read with its line, through the full rules."""
    total = sum(s.path.stat().st_size for s in sources)
    with _workspace(writer.staging_dir / "work") as ws:
        with _Progress(total, progress) as bar:
            report = stage_files(ws, sources, bar)
        report.mode = mode.value
        if report.rows_read == 0:
            raise InputRefused(f"{', '.join(map(str, paths))}: no data rows; nothing was committed")
        if report.rows_read == report.rows_skipped:
            reasons = "; ".join(f"{r} ({t.rows:,})" for r, t in report.skipped.items())
            raise InputRefused(
                f"{', '.join(map(str, paths))}: every row was skipped as an aggregate "
                f"({reasons}); nothing was committed"
            )
        checks.find_duplicates(ws, _names(report))
        if mode is Mode.APPEND:
            stored = store.data_files(periods=ws.periods)
            report.stored_duplicates = checks.find_stored_duplicates(ws, stored)
        checks.remove_found(ws)
        return _finish(store, writer, ws, report, allow_rejects, note)


def _finish(
    store: Store,
    writer: StoreWriter,
    ws: Workspace,
    report: IngestReport,
    allow_rejects: bool,
    note: str | None,
) -> IngestReport:
    report.notes.extend(writer.cleaned.notes())
    files = read_back(ws)
    retires = check_cells(store, files, Mode(report.mode))
    report.periods = sorted({f.period for f in files})
    reconcile(ws, report, files)
    _reconcile_euros(ws, report, files)
    _add_skipped_values(report)
    quarantine = writer.staging_dir / "quarantine.csv"
    write_quarantine(ws, quarantine, _names(report))
    report.problems = quarantine_problems(ws, 50, _names(report))
    if not report.balanced:
        raise StoreError("internal error: the reconciliation does not balance; nothing committed")
    if report.rows_quarantined and not allow_rejects:
        _keep_attempt(store, writer, quarantine, report)
        failure = ValidationFailed(
            f"{report.rows_quarantined:,} of {report.rows_read:,} rows are invalid; nothing was "
            f"committed (--allow-rejects commits the valid rows). First problems:\n"
            + "\n".join(f"  {p}" for p in report.problems[:20]),
            hint=f"every problem is in {report.quarantine_file}",
        )
        failure.report = report
        raise failure
    report.notes.extend(review_ingest(store, ws, files, report))  # lists, never changes rows
    return _commit(store, writer, report, files, quarantine, note, retires)


def _commit(
    store: Store,
    writer: StoreWriter,
    report: IngestReport,
    files: list[StagedFile],
    quarantine: Path,
    note: str | None,
    retires: tuple[str, ...],
) -> IngestReport:
    """Place the files and write the manifest: the batch becomes visible."""
    seq = store.next_seq()
    placed = [
        DataFile(
            path=writer.place(f.path, data_path(f.period, seq, f.reporter)),
            period=f.period,
            rows=f.rows,
            value_cny=str(f.value_cny),
            value_usd=str(f.value_usd),
            reporter=f.reporter,
        )
        for f in files
    ]
    batch = batch_id(seq)
    kept = (
        writer.place_aux(quarantine, "quarantine", f"{batch}.csv")
        if report.rows_quarantined
        else None
    )
    report.batch, report.committed = batch, True
    report.quarantine_file = str(store.root / kept) if kept else None
    report.report_file = str(store.root / "reports" / f"{batch}.json")
    staged_report = writer.staging_dir / "report.json"
    staged_report.write_text(report.dumps(), encoding="utf-8")
    record = BatchRecord(
        seq=seq,
        mode=report.mode,
        committed_at=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        sources=tuple(SourceFile(**{k: s[k] for k in SOURCE_FIELDS}) for s in report.sources),
        files=tuple(placed),
        periods=tuple(report.periods),
        rows_read=report.rows_read,
        rows_accepted=report.rows_accepted,
        rows_quarantined=report.rows_quarantined,
        values={c: {k: str(v) for k, v in vars(t).items()} for c, t in report.values.items()},
        quarantine=kept,
        report=writer.place_aux(staged_report, "reports", f"{batch}.json"),
        note=note,
        retires=retires,
    )
    writer.commit(with_vintages(store.batches(), record))
    return report


def _reconcile_euros(ws: Workspace, report: IngestReport, files: list[StagedFile]) -> None:
    """Euros (Comext), which the work space does not total as it stages: accepted read back
    from the staged files, quarantined from the rejected rows' text. Absent when no row has one.
    """
    accepted = Decimal(0)
    if files:
        listed = ", ".join("'" + str(f.path).replace("'", "''") + "'" for f in files)
        (total,) = ws.con.execute(
            f"SELECT sum(value_eur) FROM read_parquet([{listed}], union_by_name = true, "
            "hive_partitioning = false)"
        ).fetchall()[0]
        accepted = Decimal(str(total)) if total is not None else Decimal(0)
    number = "TRY_CAST(replace(trim(_raw_value_eur), ',', '') AS DECIMAL(38,10))"
    quarantined, unparseable = ws.con.execute(
        f"""SELECT sum({number}), count(*) FILTER (WHERE NULLIF(trim(_raw_value_eur), '')
        IS NOT NULL AND {number} IS NULL) FROM rej"""
    ).fetchall()[0]
    quarantined = Decimal(str(quarantined)) if quarantined is not None else Decimal(0)
    if accepted or quarantined or unparseable:
        report.values["EUR"] = CurrencyTotals(
            read=accepted + quarantined,
            accepted=accepted,
            quarantined=quarantined,
            unparseable_rows=int(unparseable),
        )


def _add_skipped_values(report: IngestReport) -> None:
    """Skipped rows' values were read too: add them to 'read' and to 'skipped'."""
    for skipped in report.skipped.values():
        for cur, value in skipped.values.items():
            totals = report.values.setdefault(cur, CurrencyTotals())
            totals.read += value
            totals.skipped += value


def _names(report: IngestReport) -> list[str]:
    return [s["path"] for s in report.sources]


def _keep_attempt(
    store: Store, writer: StoreWriter, quarantine: Path, report: IngestReport
) -> None:
    """Save the rejected rows and report of a failed ingest under attempts/ (not store state)."""
    folder = (
        store.root
        / "attempts"
        / (dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S-") + writer.attempt)
    )
    folder.mkdir(parents=True, exist_ok=True)
    os.replace(quarantine, folder / "quarantine.csv")
    report.quarantine_file = str(folder / "quarantine.csv")
    report.report_file = str(folder / "report.json")
    (folder / "report.json").write_text(report.dumps(), encoding="utf-8")
