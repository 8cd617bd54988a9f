"""The SIGKILL campaign's machinery: what a store holds, where a kill landed, and one trial.

A trial starts ``python -m tradestats.cli ingest ...`` in a subprocess, kills it with SIGKILL
after a random delay, and then requires that

- the store opens and its batches are the ones before, or those plus exactly one new batch;
- its live content (rows and value totals per period, read from the Parquet files) is the
  content before, or (when the batch committed) the content before with the batch's effect;
- every batch (``Store.batches`` and ``tradestats log --format json``) names files that exist
  and hold exactly the rows the manifest says: no half batch;
- the next ingest (the same file, when the kill came before the commit) commits, leaves the
  expected content, and leaves nothing behind in ``staging/`` or unreferenced in ``data/``.

The delay is drawn from the timings of one uninterrupted calibration run of the same command
(see ``kill_one``): some kills land during start-up, most while the store is open (reading,
checking, writing), and the rest near or inside the commit. What the killed writer left tells
where each kill landed (``phase``); the campaign reports how many landed where.

Example:
    >>> Content = dict  # period -> (rows, cny, usd, eur)             # doctest: +SKIP
    >>> run_campaign(kind, trials=3, seed=1, work=tmp_path)           # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
from crash_inputs import make_input
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.ingest import ingest_files
from tradestats.store import Store

Totals = tuple[int, Decimal, Decimal, Decimal]  # rows, value_cny, value_usd, value_eur
Content = dict[str, Totals]  # "period reporter" (reporter '' own, '?' format 1) -> totals
MONEY = ("value_cny", "value_usd", "value_eur")
ZERO: Totals = (0, Decimal(0), Decimal(0), Decimal(0))


def file_totals(path: Path) -> Totals:
    """Rows and value totals of one Parquet file (a missing money column counts 0)."""
    table = pq.read_table(path)
    sums = []
    for col in MONEY:
        if col in table.column_names:
            total = pc.sum(table[col]).as_py()
            sums.append(Decimal(total) if total is not None else Decimal(0))
        else:
            sums.append(Decimal(0))
    return (table.num_rows, sums[0], sums[1], sums[2])


def add(a: Totals, b: Totals) -> Totals:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def content(root: Path) -> Content:
    """What a reader sees: per live (period, reporter) cell, the rows and value totals of its
    live files."""
    out: dict[str, Totals] = {}
    for _, f in Store(root).live_files():
        key = f"{f.period} {'?' if f.reporter is None else f.reporter}"
        out[key] = add(out.get(key, ZERO), file_totals(root / f.path))
    return dict(sorted(out.items()))


def combine(before: Content, delta: Content, mode: str) -> Content:
    """The content after a batch with content ``delta`` commits in ``mode``: a replace makes
    a new vintage of exactly the cells it covers."""
    out = dict(before)
    for cell, totals in delta.items():
        if mode == "append":
            out[cell] = add(out.get(cell, ZERO), totals)
        else:  # new (fresh cells) or replace (a new vintage of those cells)
            out[cell] = totals
    return dict(sorted(out.items()))


def batch_ids(root: Path) -> list[str]:
    return [b.id for b in Store(root).batches()]


def no_half_batch(root: Path) -> None:
    """Every batch names files that exist and hold the rows its manifest says; the CLI log
    lists exactly the batches ``Store.batches`` gives."""
    records = Store(root).batches()
    for rec in records:
        rows = 0
        for f in rec.files:
            path = root / f.path
            assert path.is_file(), f"{rec.id} names {f.path}, which is missing"
            n = pq.ParquetFile(path).metadata.num_rows
            assert n == f.rows, f"{f.path}: {n} rows, the manifest says {f.rows}"
            rows += n
        assert rows == rec.rows_accepted, f"{rec.id}: {rows} rows in files, {rec.rows_accepted}"
    if not root.is_dir():  # killed before the store existed: nothing to list
        assert records == []
        return
    result = CliRunner().invoke(app, ["log", "--store", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    logged = [b["batch"] if "batch" in b else b.get("id") for b in json.loads(result.stdout)]
    assert logged == [r.id for r in records], (logged, [r.id for r in records])


def leftovers(root: Path) -> list[str]:
    """Work a writer left: staging attempts, files no manifest names, manifest temp files."""
    store = Store(root)
    named = {root / f.path for rec in store.batches() for f in rec.files}
    named |= {root / r.quarantine for r in store.batches() if r.quarantine}
    named |= {root / r.report for r in store.batches() if r.report}
    found = []
    for sub in ("data", "quarantine", "reports"):
        folder = root / sub
        if folder.is_dir():
            found += [str(p) for p in folder.rglob("*") if p.is_file() and p not in named]
    if (root / "manifest").is_dir():
        found += [str(p) for p in (root / "manifest").glob(".*")]
    return found


def phase(root: Path, before: list[str]) -> str:
    """Where the kill landed, read from what the killed writer left (before anyone cleans)."""
    staging = root / "staging"
    attempts = [p for p in staging.iterdir()] if staging.is_dir() else []
    if len(batch_ids(root)) > len(before):
        return "committed, before clean-up" if attempts else "committed"
    if leftovers(root):
        return "commit: files placed, no manifest yet"
    if attempts:
        return "staging: reading, checking, writing"
    return "start-up: store not opened yet"


@dataclass(frozen=True)
class Kind:
    """One campaign: a source format (crash_inputs maker), the CLI --format and the mode."""

    name: str
    source: str
    fmt: str
    mode: str  # append or replace
    rows: int

    def command(self, store: Path, path: Path) -> list[str]:
        flag = {"append": ["--append"], "replace": ["--replace"], "new": []}[self.mode]
        return [sys.executable, "-m", "tradestats.cli", "ingest", str(path), "--store",
                str(store), "--format", self.fmt, *flag, "--quiet"]  # fmt: skip

    def variant(self, trial: int) -> int:
        """--replace alternates two inputs with different content; --append uses one."""
        return trial % 2 if self.mode == "replace" else 0


KINDS = {
    k.name: k
    for k in (
        Kind("canonical", "canonical", "canonical", "append", 12_000),
        Kind("canonical-replace", "canonical", "canonical", "replace", 12_000),
        # KOR's revision of months that also hold the USA's rows: the USA's stay as they are
        Kind("two-reporters-replace", "canonical-kor", "canonical", "replace", 12_000),
        Kind("comtrade-json", "comtrade-json", "comtrade", "append", 6_000),
        Kind("comtrade-csv", "comtrade-csv", "comtrade", "append", 10_000),
        Kind("baci", "baci", "baci", "append", 10_000),
        Kind("cn-customs", "cn-customs", "cn-customs", "append", 10_000),
        Kind("comext", "comext", "comext", "append", 10_000),
    )
}


@dataclass
class Timing:
    """Seconds from the start of an uninterrupted run to: the store opened (staging attempt
    made), the first data file placed, the manifest written, and the process' exit."""

    opened: float
    placed: float
    committed: float
    ended: float


def _new_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*.parquet"))


def calibrate(kind: Kind, path: Path, scratch: Path) -> tuple[Timing, Content]:
    """Run the command once into an empty store, watching it; return its timings and the
    content it committed (the batch's effect on any store)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        kind.command(scratch, path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    marks: dict[str, float] = {}
    while proc.poll() is None:
        now = time.monotonic() - start
        staging = scratch / "staging"
        with contextlib.suppress(FileNotFoundError):  # the writer may be recreating it
            if "opened" not in marks and staging.is_dir() and any(staging.iterdir()):
                marks["opened"] = now
        if "placed" not in marks and _new_files(scratch / "data"):
            marks["placed"] = now
        if "committed" not in marks and any((scratch / "manifest").glob("b*.json")):
            marks["committed"] = now
        time.sleep(0.002)
    ended = time.monotonic() - start
    _, err = proc.communicate()
    assert proc.returncode == 0, f"calibration run failed: {err.decode(errors='replace')}"
    opened = marks.get("opened", ended * 0.4)
    placed = marks.get("placed", ended * 0.9)
    timing = Timing(opened, placed, marks.get("committed", placed), ended)
    return timing, content(scratch)


def parquet_names(root: Path) -> set[str]:
    """The Parquet files under ``root/data`` (cheap enough to poll every millisecond)."""
    names = set()
    with contextlib.suppress(FileNotFoundError), os.scandir(root / "data") as periods:
        for folder in periods:
            with contextlib.suppress(FileNotFoundError), os.scandir(folder.path) as files:
                names.update(f.path for f in files)
    return names


def kill_one(
    cmd: list[str], rng: random.Random, t: Timing, root: Path
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``cmd`` and SIGKILL it: 10 % of kills during start-up, 45 % while the store is
    open, 25 % near the commit (from just before the first file is placed to just after the
    manifest), and 20 % 0 to 12 ms after the first new data file shows up (inside the commit,
    which lasts about 10 ms). Returns the process (reaped) and how it was killed."""
    u = rng.random()
    before = parquet_names(root) if u >= 0.8 else set()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    if u < 0.8:
        if u < 0.10:
            delay = rng.uniform(0.0, t.opened)
        elif u < 0.55:
            delay = rng.uniform(t.opened, t.ended)
        else:
            delay = rng.uniform(max(t.opened, t.placed - 0.08), t.committed + 0.03)
        time.sleep(delay)
        how = f"after {delay:.3f} s"
    else:
        while proc.poll() is None and not parquet_names(root) - before:
            if time.monotonic() - start > 4 * t.ended + 5:
                break
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.012))
        how = f"{time.monotonic() - start:.3f} s in, just after the first data file was placed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc, how


@dataclass
class Outcome:
    """What one campaign saw."""

    kind: str
    trials: int = 0
    phases: Counter[str] = field(default_factory=Counter)
    rows_lost: int = 0
    rows_doubled: int = 0
    seconds: float = 0.0
    timings: list[Timing] = field(default_factory=list)

    def count(self, seen: Content, wanted: Content) -> None:
        """Add the rows ``seen`` lacks (lost) or has too many (doubled), period by period."""
        for period in set(seen) | set(wanted):
            diff = seen.get(period, ZERO)[0] - wanted.get(period, ZERO)[0]
            self.rows_lost += max(0, -diff)
            self.rows_doubled += max(0, diff)

    def line(self) -> str:
        shown = ", ".join(f"{k}: {v}" for k, v in sorted(self.phases.items()))
        runs = "; ".join(
            f"opened {t.opened:.2f}, placed {t.placed:.2f}, committed {t.committed:.2f}, "
            f"ended {t.ended:.2f} s"
            for t in self.timings
        )
        return (
            f"{self.kind}: {self.trials} kills in {self.seconds:.0f} s; landed in {shown}; "
            f"rows lost {self.rows_lost}, doubled {self.rows_doubled} (calibration: {runs})"
        )


def seed_store(kind: Kind, root: Path, inputs: Path) -> None:
    """The store a campaign starts from: one batch of the same source (and for --replace, a
    period the replaces never touch; for two reporters, the other reporter's rows of the
    same months)."""
    first = make_input(kind.source, inputs / "seed", kind.rows // 4, trial=999, variant=1)
    ingest_files(root, [first], fmt=kind.fmt)
    if kind.source == "canonical-kor":
        usa = make_input("canonical-usa", inputs / "seed", kind.rows // 3, trial=998)
        ingest_files(root, [usa], fmt=kind.fmt)
    if kind.mode == "replace":
        other = inputs / "seed" / "other.csv"
        other.write_text(
            "period,flow,hs_code,partner,value_cny\n2024-12,export,85076000,USA,12.34\n",
            encoding="utf-8",
        )
        ingest_files(root, [other])


def run_campaign(kind: Kind, trials: int, seed: int, work: Path) -> Outcome:
    """``trials`` SIGKILLed ingests of ``kind`` into one store; assert after each one."""
    began = time.monotonic()
    rng = random.Random(seed)
    root, inputs = work / "store", work / "inputs"
    seed_store(kind, root, inputs)
    calib: dict[int, tuple[Timing, Content]] = {}
    for variant in sorted({kind.variant(t) for t in range(max(trials, 2))}):
        path = make_input(kind.source, inputs / "calib", kind.rows, trial=0, variant=variant)
        calib[variant] = calibrate(kind, path, work / f"scratch-{variant}")
    outcome = Outcome(kind.name)
    outcome.timings = [calib[v][0] for v in sorted(calib)]
    for trial in range(1, trials + 1):
        timing, delta = calib[kind.variant(trial)]
        path = make_input(kind.source, inputs, kind.rows, trial=trial, variant=kind.variant(trial))
        before_ids, before = batch_ids(root), content(root)
        expected_after = combine(before, delta, kind.mode)
        proc, how = kill_one(kind.command(root, path), rng, timing, root)
        proc.wait()
        where = "exited before the kill" if proc.returncode == 0 else phase(root, before_ids)
        outcome.phases[where] += 1
        outcome.trials += 1
        label = f"{kind.name} trial {trial} (seed {seed}, killed {how}, landed in {where})"
        after_ids, after = batch_ids(root), content(root)
        committed = after_ids != before_ids
        if committed:
            assert after_ids[:-1] == before_ids and len(after_ids) == len(before_ids) + 1, label
        outcome.count(after, expected_after if committed else before)
        assert after == (expected_after if committed else before), label
        no_half_batch(root)
        if not committed:  # the next ingest of the same file commits all of it
            ingest_files(root, [path], mode=kind.mode, fmt=kind.fmt)
            assert batch_ids(root)[:-1] == before_ids, label
            outcome.count(content(root), expected_after)
            assert content(root) == expected_after, label
            assert not leftovers(root), (label, leftovers(root)[:3])
            assert not list((root / "staging").iterdir()), label
            no_half_batch(root)
    # Whatever the last kill left, the store takes one more ingest and cleans up after it.
    timing, delta = calib[kind.variant(trials + 1)]
    path = make_input(
        kind.source, inputs, kind.rows, trial=trials + 1, variant=kind.variant(trials + 1)
    )
    expected_after = combine(content(root), delta, kind.mode)
    ingest_files(root, [path], mode=kind.mode, fmt=kind.fmt)
    outcome.count(content(root), expected_after)
    assert content(root) == expected_after, f"{kind.name}: the ingest after the campaign"
    assert not leftovers(root) and not list((root / "staging").iterdir())
    no_half_batch(root)
    outcome.seconds = time.monotonic() - began
    return outcome


def trials_from_env(default: int = 3) -> int:
    """TRADESTATS_CRASH_TRIALS (kills per kind); CI default 3, ``make reliability`` 50."""
    return int(os.environ.get("TRADESTATS_CRASH_TRIALS", str(default)))


def seed_for(name: str) -> int:
    """The campaign's seed: TRADESTATS_CRASH_SEED (default 20261129) mixed with the kind's
    name, so each kind draws its own delays and a failure reproduces from the printed seed."""
    base = int(os.environ.get("TRADESTATS_CRASH_SEED", "20261129"))
    return base * 1000 + zlib.crc32(name.encode()) % 1000
