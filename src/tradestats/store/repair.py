"""``tradestats verify``: everything wrong with a store, and the repairs that lose nothing.

``verify`` reads every manifest without trusting it (``integrity.py``), checks every data file
any batch names (superseded vintages too: ``--as-of`` reads them) and the quarantine and
report files, and lists the files no batch names. It writes nothing.

``repair`` (under the store's write lock) does only what it can prove right, and moves
everything it takes away into ``lost+found/``, never deleting it:

- a stray entry of ``manifest/`` (``b000003 (copy).json``) is moved aside;
- a manifest under another batch's name (renamed, reordered) goes back under its own name when
  that name is free or held by another misplaced manifest; a second copy of a batch is moved
  aside;
- the marker and a damaged ``sequence.json`` are written again from the manifests;
- a batch whose manifest is lost, damaged or changed, or whose data file is, is *forgotten*
  only when the user names it (``--forget b000003``): its manifest (if any) is moved aside and
  replaced by one that holds no file and keeps the batch's number, so the number is never
  given again and the batches after it keep their chain;
- once the manifests are whole, the writer's clean-up runs: files named for a batch number
  never committed are deleted (a killed writer's), every other file no batch names is moved
  aside.

Example:
    >>> verdict = verify(Store("/tmp/no-such-store"))
    >>> verdict.ok, verdict.batches
    (True, 0)
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.store.integrity import (
    BLOCKING,
    DATA,
    MISNAMED,
    NO_MARKER,
    SEQUENCE_DAMAGED,
    STRAY,
    Manifests,
    Problem,
    successor_digest,
    write_sequence,
)
from tradestats.store.layout import FORMAT, MARKER, STORE_KIND
from tradestats.store.manifest import (
    FORGOTTEN,
    MANIFEST_DIR,
    BatchRecord,
    batch_id,
    fsync_dir,
    parse_batch_id,
    write_atomic,
    write_record,
)
from tradestats.store.store import Store, data_problem
from tradestats.store.writer import StoreWriter, files_under

AUX = "aux"  # a quarantine or report file a batch names is missing


@dataclass
class Verdict:
    """What verify found (and repair did)."""

    batches: int = 0
    files: int = 0  # data files the manifests name
    read: int = 0  # of them, read to check them (the others: one stat, unchanged)
    problems: list[Problem] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)  # files no batch names
    done: list[str] = field(default_factory=list)  # what repair did

    @property
    def ok(self) -> bool:
        return not self.problems


def advice(p: Problem) -> str:
    """What can be done about ``p``.

    >>> advice(Problem("manifest/x.json", "is not a batch's manifest", STRAY))
    '--repair moves it to lost+found/'
    """
    forget = f"--repair --forget {batch_id(p.batch)}" if p.batch is not None else "--repair"
    return {
        STRAY: "--repair moves it to lost+found/",
        MISNAMED: "--repair puts it back under its own name",
        NO_MARKER: "--repair writes it again",
        SEQUENCE_DAMAGED: "--repair writes it again from the manifests",
        AUX: "restore it from a backup (the batch's data is not affected)",
        DATA: f"restore the file from a backup (the manifest records its SHA-256), or {forget} "
        "and ingest the batch's sources again (tradestats log lists them)",
    }.get(
        p.kind,
        f"restore the manifest from a backup, or {forget} (the batch's files are moved to "
        "lost+found/, kept)",
    )


def verify(store: Store, full: bool = False) -> Verdict:
    """Every problem of ``store``; ``full``: checksum every data file, changed or not."""
    view = store.view()
    m = view.manifests
    out = Verdict(batches=len(m.records), problems=list(m.problems))
    checker = store.checker
    read_before = checker.read
    named: set[str] = set()
    for rec in m.records:
        for f in rec.files:
            named.add(f.path)
            out.files += 1
            why = checker.check(f, full=full)
            if why is not None:
                out.problems.append(data_problem(rec.seq, f, why))
        for rel in (rec.quarantine, rec.report):
            if rel:
                named.add(rel)
                if not (store.root / rel).is_file():
                    what = f"is missing (named by batch {rec.id})"
                    out.problems.append(Problem(rel, what, AUX, rec.seq))
    out.read = checker.read - read_before
    if store.root.is_dir():
        out.unnamed = [
            p.relative_to(store.root).as_posix()
            for p in files_under(store.root, ("data", "quarantine", "reports"))
            if p.relative_to(store.root).as_posix() not in named
        ]
    return out


def repair(store: Store, forget: list[str] | None = None) -> Verdict:
    """Repair what can be proved right; forget the batches named in ``forget``; then verify.

    Nothing is deleted but a killed writer's files: everything else taken away is in
    ``lost+found/``.
    """
    wanted = _batch_numbers(forget or [])
    done: list[str] = []
    with StoreWriter(store, repairing=True) as writer:
        m = store.view().manifests
        done += _strays(writer, m)
        done += _misnamed(writer, m)
        m = store.view().manifests
        done += _forget(writer, m, wanted, verify(store))
        m = store.view().manifests
        done += _marker_and_sequence(store, m)
        m = store.view().manifests
        if not any(p.kind in BLOCKING for p in m.problems):
            cleaned = writer.clean_up()
            done += [f"deleted {rel} (a killed writer's: named for a batch never committed)"
                     for rel in cleaned.deleted]  # fmt: skip
            done += [f"moved {a} to {b} (no batch names it)" for a, b in cleaned.moved]
            named = {f.path for rec in m.records for f in rec.files}
            for rec in m.records:
                for f in rec.files:
                    store.checker.check(f)
            store.checker.save(named)
    verdict = verify(store)
    verdict.done = done
    return verdict


def _batch_numbers(idents: list[str]) -> set[int]:
    numbers = set()
    for ident in idents:
        seq = parse_batch_id(ident)
        if seq is None or seq < 1:
            raise UsageError(f"--forget {ident!r} is not a batch id", hint="e.g. b000003")
        numbers.add(seq)
    return numbers


def _manifest(root: Path, name: str) -> Path:
    return root / MANIFEST_DIR / name


def _strays(writer: StoreWriter, m: Manifests) -> list[str]:
    done = []
    for p in m.problems:
        if p.kind == STRAY:
            _, to = writer._aside(writer.store.root / p.where)
            done.append(f"moved {p.where} to {to} (it is no batch's manifest)")
    return done


def _misnamed(writer: StoreWriter, m: Manifests) -> list[str]:
    """Put each misplaced manifest back under its own name, through temporary names (a
    reorder swaps names); a second copy of a batch is moved aside."""
    root = writer.store.root
    well_named = {rec.seq for rec in m.records}
    holders: dict[int, list[str]] = {}
    for name, seq in sorted(m.misnamed.items()):
        holders.setdefault(seq, []).append(name)
    done, moves = [], []
    for seq, names in sorted(holders.items()):
        first, *copies = names
        if seq in well_named or not _freed(f"{batch_id(seq)}.json", m.misnamed, root):
            copies = names
        else:
            moves.append((first, f"{batch_id(seq)}.json"))
        for name in copies:
            _, to = writer._aside(_manifest(root, name))
            done.append(f"moved manifest/{name} to {to} (a second manifest of {batch_id(seq)})")
    temps = []
    for name, target in moves:
        temp = _manifest(root, f".{name}.repair-{writer.attempt}")
        os.replace(_manifest(root, name), temp)
        temps.append((temp, name, target))
    for temp, name, target in temps:
        os.replace(temp, _manifest(root, target))
        done.append(f"renamed manifest/{name} to manifest/{target} (the batch it holds)")
    if temps:
        fsync_dir(root / MANIFEST_DIR)
    return done


def _freed(name: str, misnamed: dict[str, int], root: Path) -> bool:
    """True when ``name`` is free or held by a misplaced manifest (which moves away)."""
    return name in misnamed or not _manifest(root, name).exists()


def _forget(writer: StoreWriter, m: Manifests, wanted: set[int], found: Verdict) -> list[str]:
    """Replace the manifests of the ``wanted`` batches by ones that hold nothing."""
    if not wanted:
        return []
    forgettable = {p.batch for p in found.problems if p.batch is not None and p.kind != AUX}
    whole = sorted(wanted - forgettable)
    if whole:
        raise UsageError(
            f"--forget {', '.join(map(batch_id, whole))}: no problem was found with "
            f"{'that batch' if len(whole) == 1 else 'those batches'}; nothing was changed",
            hint="--forget takes only the batches tradestats verify reports",
        )
    root = writer.store.root
    by_seq = {rec.seq: rec for rec in m.records}
    done = []
    for seq in sorted(wanted):
        path = _manifest(root, f"{batch_id(seq)}.json")
        lost = _named_digest(m, seq)
        if path.exists():
            _, to = writer._aside(path)
            done.append(f"moved manifest/{path.name} to {to}")
        before = by_seq.get(seq - 1)
        record = BatchRecord(
            seq=seq,
            mode=FORGOTTEN,
            committed_at=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            note=f"forgotten by tradestats verify --repair --forget ({_why(found, seq)})",
            previous=successor_digest(before, m.digests.get(seq - 1)) if before else None,
            forgotten_sha256=lost,
        )
        write_record(root, record)
        done.append(f"forgot batch {batch_id(seq)}: its manifest now holds no file")
    return done


def _named_digest(m: Manifests, seq: int) -> str | None:
    """The SHA-256 the store expects batch ``seq``'s manifest to have: named by the next
    batch, by sequence.json for the last, else the manifest's own."""
    after = next((r for r in m.records if r.seq == seq + 1), None)
    if after is not None and after.previous:
        return after.previous
    if int(m.sequence.get("last", 0) or 0) == seq and m.sequence.get("sha256"):
        return str(m.sequence["sha256"])
    return m.digests.get(seq)


def _why(found: Verdict, seq: int) -> str:
    return "; ".join(str(p) for p in found.problems if p.batch == seq)[:500]


def _marker_and_sequence(store: Store, m: Manifests) -> list[str]:
    root, done = store.root, []
    kinds = {p.kind for p in m.problems}
    if NO_MARKER in kinds:
        write_atomic(root / MARKER, json.dumps({"kind": STORE_KIND, "format": FORMAT}) + "\n")
        done.append(f"wrote {MARKER} again")
    others = kinds & (BLOCKING - {SEQUENCE_DAMAGED})
    stale = m.records and int(m.sequence.get("last", 0) or 0) < m.records[-1].seq
    if (SEQUENCE_DAMAGED in kinds or stale) and not others and m.records:
        last = m.records[-1]
        write_sequence(root, last.seq, successor_digest(last, m.digests[last.seq]) or "")
        done.append(f"wrote sequence.json again: {last.id} is the last batch")
    return done
