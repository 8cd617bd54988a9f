"""A store whose manifests or data files were tampered with never answers wrong, never shows a
traceback, and is repaired without losing a byte.

Each trial copies a store of five batches (2025-01 replaced once, 2025-02 appended to) and does
one tampering of a kind drawn at random: a manifest copied beside itself (``b000003
(copy).json``), a middle or the last manifest deleted, a manifest truncated, two manifests'
names swapped (reordered), a data file swapped for another, deleted, truncated, or one byte of
it changed with its times put back. Then:

- every period is either answered exactly as before the tampering or refused with
  ``StoreDamaged`` (no other error, no silent wrong answer);
- an ingest into the store either commits (a stray copy changes nothing) or is refused, and a
  refused ingest changes no file of the store (it may add its report under ``attempts/``);
- ``tradestats verify`` reports the problem;
- ``--repair`` (with ``--forget`` for the batches it names as damaged) leaves a store that
  verifies whole, every file that was in the store is still there or in ``lost+found/`` with
  the same bytes, and no batch number is given twice.

TRADESTATS_CRASH_TRIALS trials (CI: 3 per kind; ``make reliability``: 50 in all, at least 5 per
kind); the draws come from TRADESTATS_CRASH_SEED (printed).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from crash_kit import seed_for, trials_from_env

from tradestats.engine import Engine
from tradestats.errors import StoreDamaged
from tradestats.ingest import ingest_files
from tradestats.store import Store
from tradestats.store.repair import repair, verify

from helpers import row, write_csv

PERIODS = {"2025-01": Decimal("150.00"), "2025-02": Decimal("57.00"), "2025-03": Decimal("30.00")}
KINDS = (
    "manifest copy",
    "middle manifest deleted",
    "last manifest deleted",
    "manifest truncated",
    "manifests reordered",
    "data file swapped",
    "data file deleted",
    "data file truncated",
    "data byte changed, times put back",
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("tamper")
    store = tmp / "s"
    jan = [row(value_cny="100.00"), row(value_cny="200.00", partner="KOR")]
    ingest_files(store, [write_csv(tmp / "1.csv", jan)])
    ingest_files(store, [write_csv(tmp / "2.csv", [row(period="2025-02", value_cny="50")])])
    more = [row(period="2025-02", value_cny="7", partner="VNM")]
    ingest_files(store, [write_csv(tmp / "3.csv", more)], mode="append")
    ingest_files(store, [write_csv(tmp / "4.csv", [row(period="2025-03", value_cny="30")])])
    again = [row(value_cny="150.00")]
    ingest_files(store, [write_csv(tmp / "5.csv", again)], mode="replace")
    return store


def answer(root: Path, period: str) -> Decimal | StoreDamaged:
    try:
        table = Engine(root).query(period=period, flow="export", measures="value_cny")
    except StoreDamaged as err:
        return err
    return Decimal(table.column("value_cny")[0].as_py())


def contents(root: Path) -> Counter[str]:
    """The SHA-256 of every file's bytes under ``root`` (caches left out)."""
    skip = {"verified.json", ".lock"}
    return Counter(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and p.name not in skip and "staging" not in p.parts
    )


def files_of(root: Path) -> dict[str, str]:
    """Each file's SHA-256 by its path (caches left out)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and p.name not in ("verified.json", ".lock")
    }


def tamper(root: Path, kind: str, rng: random.Random) -> Path:
    """Tamper with the store at ``root``; the file tampered with (the copy, for a copy)."""
    manifests = sorted((root / "manifest").glob("b*.json"))
    data = sorted((root / "data").rglob("*.parquet"))
    if kind == "manifest copy":
        m = rng.choice(manifests)
        shutil.copy(m, m.with_name(f"{m.stem} (copy).json"))
        return m.with_name(f"{m.stem} (copy).json")
    elif kind == "middle manifest deleted":
        m = rng.choice(manifests[1:-1])
        m.unlink()
        return m
    elif kind == "last manifest deleted":
        manifests[-1].unlink()
        return manifests[-1]
    elif kind == "manifest truncated":
        m = rng.choice(manifests)
        m.write_bytes(m.read_bytes()[: rng.randrange(1, m.stat().st_size)])
        return m
    elif kind == "manifests reordered":
        a, b = rng.sample(manifests, 2)
        tmp = a.with_name("swap.tmp")
        os.rename(a, tmp), os.rename(b, a), os.rename(tmp, b)
        return a
    elif kind == "data file swapped":
        a, b = rng.sample(data, 2)
        shutil.copy(b, a)
        return a
    elif kind == "data file deleted":
        f = rng.choice(data)
        f.unlink()
        return f
    elif kind == "data file truncated":
        f = rng.choice(data)
        with f.open("r+b") as fh:
            fh.truncate(rng.randrange(0, f.stat().st_size))
        return f
    else:
        f = rng.choice(data)
        st = f.stat()
        raw = bytearray(f.read_bytes())
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        f.write_bytes(bytes(raw))
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
        return f


def trial(template: Path, work: Path, kind: str, rng: random.Random, seen: Counter[str]) -> None:
    root = work / "s"
    shutil.copytree(template, root)
    live = set(Store(root).data_files())  # as a reader that already knew the store
    hit = tamper(root, kind, rng)
    label = f"{kind} ({work.name})"
    for period, truth in PERIODS.items():
        got = answer(root, period)
        if isinstance(got, StoreDamaged):
            seen["periods refused"] += 1
        else:
            assert got == truth, f"{label}: {period} answered {got}, not {truth}"
            seen["periods answered right"] += 1
    before = files_of(root)
    extra = write_csv(work / "new.csv", [row(period="2025-04", value_cny="9")])
    ever = 5  # the highest batch number committed
    try:
        ingest_files(root, [extra])
        seen["ingests committed"] += 1
        ever = 6
        harmless = kind == "manifest copy" or (kind.startswith("data") and hit not in live)
        assert harmless, f"{label}: an ingest committed into a damaged store"
        why = "a stray copy" if kind == "manifest copy" else "a superseded file damaged"
        seen[f"ingests committed: {why}"] += 1
    except StoreDamaged:
        now = files_of(root)
        changed = [p for p, h in before.items() if now.get(p) != h]
        added = [p for p in now if p not in before and not p.startswith("attempts/")]
        assert not changed and not added, f"{label}: a refused ingest changed {changed + added}"
        seen["ingests refused"] += 1
    found = verify(Store(root), full=True)
    assert not found.ok, f"{label}: verify found nothing"
    damaged = sorted({f"b{p.batch:06d}" for p in found.problems if p.batch is not None})
    kept = contents(root)
    fixed = repair(Store(root))
    if not fixed.ok:
        fixed = repair(Store(root), forget=damaged)
    assert fixed.ok, f"{label}: after repair: {[str(p) for p in fixed.problems]}"
    after = contents(root)
    lost = kept - after
    assert not lost, f"{label}: repair lost {sum(lost.values())} file(s)"
    store = Store(root)
    seqs = [r.seq for r in store.batches()]
    assert seqs == list(range(1, len(seqs) + 1)), f"{label}: batches {seqs}"
    assert store.next_seq() == ever + 1, f"{label}: next batch {store.next_seq()}, not {ever + 1}"
    seen["repaired whole"] += 1


TRIALS = trials_from_env()


def test_tampered_stores_never_answer_wrong_and_repair_loses_nothing(
    template: Path, tmp_path: Path
) -> None:
    seed = seed_for("tamper")
    rng = random.Random(seed)
    per_kind = max(1, -(-TRIALS // len(KINDS)))
    seen: Counter[str] = Counter()
    for kind in KINDS:
        for n in range(per_kind):
            work = tmp_path / f"{KINDS.index(kind)}-{n}"
            work.mkdir()
            trial(template, work, kind, rng, seen)
            seen[kind] += 1
    shown = ", ".join(f"{k}: {v}" for k, v in seen.items())
    print(f"\ntampering: seed {seed}, {per_kind * len(KINDS)} trials; {shown}")
    assert seen["repaired whole"] == per_kind * len(KINDS)
