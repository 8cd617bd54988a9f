"""The store checks itself: its manifests form one unbroken sequence, its files are the ones
committed.

On open (and again whenever the manifest folder changes), a store checks that

- ``manifest/`` holds only batch manifests ``b000001.json`` ..., each naming its own batch,
  with no gap and no duplicate (a stray copy such as ``b000003 (copy).json`` would double a
  batch);
- each manifest names the SHA-256 of the one before it (``previous``; format 2), and
  ``sequence.json`` the last batch and its SHA-256, so that a manifest changed, removed or put
  in another place is found, the last one included (and its number is never reused);
- each data file a manifest names still has the size the manifest records, and its SHA-256
  when its size, times or inode changed since it was last checked (``FileChecker``: one
  ``stat`` per file when nothing changed). Format-1 files, which have no recorded checksum, are
  checked for their row count.

Each problem says where it is and what is wrong; ``store/repair.py`` says what can be done.

Example:
    >>> p = Problem("manifest/b000003 (copy).json", "is not a batch's manifest", STRAY)
    >>> str(p)
    "manifest/b000003 (copy).json: is not a batch's manifest"
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from tradestats.errors import StoreError
from tradestats.store.layout import (
    MANIFEST_FILE,
    MANIFEST_TEMP,
    MARKER,
    READABLE_FORMATS,
    SEQUENCE,
    STORE_KIND,
)
from tradestats.store.manifest import FORGOTTEN, BatchRecord, batch_id, write_atomic

# Kinds of problem. BLOCKING kinds make the batches unknowable: reads and writes are refused.
# A stray entry is never read (so it changes no answer) and a damaged data file refuses only
# the reads that need it.
STRAY = "stray"  # an entry of manifest/ that is no batch's manifest (a copy ...)
MISNAMED = "misnamed"  # a manifest under another batch's name (renamed, reordered)
UNREADABLE = "unreadable"  # a manifest that is no valid batch record (truncated ...)
MISSING = "missing"  # a batch number with no manifest (deleted)
CHANGED = "changed"  # a manifest that is not the one committed
SEQUENCE_DAMAGED = "sequence"  # sequence.json cannot be read
NO_MARKER = "marker"  # manifests without the store marker (written back by --repair)
DATA = "data"  # a data file missing, truncated or changed
BLOCKING = frozenset({MISNAMED, UNREADABLE, MISSING, CHANGED, SEQUENCE_DAMAGED})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store: where (relative to its root), what, its kind and batch."""

    where: str
    what: str
    kind: str
    batch: int | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class Manifests:
    """What ``manifest/`` holds, read without trusting it."""

    records: list[BatchRecord] = field(default_factory=list)  # well-named, by number
    digests: dict[int, str] = field(default_factory=dict)  # seq -> SHA-256 of its manifest
    problems: list[Problem] = field(default_factory=list)
    misnamed: dict[str, int] = field(default_factory=dict)  # file name -> the seq it holds
    last_seq: int = 0  # the highest batch number ever committed (sequence.json included)
    sequence: dict[str, Any] = field(default_factory=dict)


def sha256_of(path: Path, flush: bool = False) -> str:
    """The SHA-256 of a file's bytes, read in 4 MiB blocks; ``flush``: and the file flushed
    to disk (a writer sealing a file before the manifest that names it)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
        if flush:
            os.fsync(fh.fileno())
    return digest.hexdigest()


def _record(data: bytes) -> BatchRecord | str:
    """The record in ``data``, or why there is none."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        return f"is not valid JSON ({err}): truncated or damaged"
    if not isinstance(doc, dict):
        return "is not a batch record (not a JSON object)"
    try:
        rec = BatchRecord.from_json(doc)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        return f"is not a batch record ({type(err).__name__}: {err})"
    for f in rec.files:
        parts = PurePosixPath(str(f.path)).parts
        if not isinstance(f.path, str) or parts[:1] != ("data",) or ".." in parts:
            return f"names a data file outside data/ ({f.path!r}): not a batch record"
    return rec


def read_manifests(root: Path) -> Manifests:
    """Every manifest of ``root``, with every problem of the sequence they form; StoreError
    when the store marker is damaged or of another format."""
    out = Manifests(sequence=read_sequence(root))
    folder = root / "manifest"
    if check_marker(root) is None and folder.is_dir():
        out.problems.append(Problem(MARKER, "is missing (the store marker)", NO_MARKER))
    entries = sorted(os.scandir(folder), key=lambda e: e.name) if folder.is_dir() else []
    by_seq: dict[int, BatchRecord] = {}
    taken: set[int] = set()  # numbers whose manifest exists, readable or not
    for entry in entries:
        rel = f"manifest/{entry.name}"
        if MANIFEST_TEMP.fullmatch(entry.name):
            continue  # a commit that died before its rename: never visible, the writer's
        m = MANIFEST_FILE.fullmatch(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            out.problems.append(Problem(rel, "is not a batch's manifest (a copy?)", STRAY))
            continue
        seq = int(m[1])
        taken.add(seq)
        try:
            data = Path(entry.path).read_bytes()
        except OSError as err:
            out.problems.append(Problem(rel, f"cannot be read ({err.strerror})", UNREADABLE, seq))
            continue
        rec = _record(data)
        if isinstance(rec, str):
            out.problems.append(Problem(rel, rec, UNREADABLE, seq))
        elif rec.seq != seq:
            out.misnamed[entry.name] = rec.seq
            what = f"holds batch {rec.id}, not {batch_id(seq)} (renamed or reordered?)"
            out.problems.append(Problem(rel, what, MISNAMED, seq))
        else:
            by_seq[seq] = rec
            out.digests[seq] = hashlib.sha256(data).hexdigest()
    out.records = [by_seq[s] for s in sorted(by_seq)]
    _check_sequence(out, by_seq, taken)
    return out


def successor_digest(rec: BatchRecord, digest: str | None) -> str | None:
    """The SHA-256 the batch after ``rec`` names: a forgotten batch keeps its lost one's."""
    if rec.mode == FORGOTTEN and rec.forgotten_sha256:
        return rec.forgotten_sha256
    return digest


def _check_sequence(out: Manifests, by_seq: dict[int, BatchRecord], taken: set[int]) -> None:
    """Gaps, the chain of ``previous`` digests, and ``sequence.json``."""
    seq_doc = out.sequence
    if seq_doc.get("damaged"):
        out.problems.append(Problem(SEQUENCE, "cannot be read (damaged)", SEQUENCE_DAMAGED))
    recorded = int(seq_doc.get("last", 0) or 0)
    highest = max(taken, default=0)
    out.last_seq = max(highest, recorded)
    for seq in range(1, out.last_seq + 1):
        if seq not in taken:
            why = "later batches exist" if seq < highest else f"{SEQUENCE} says it was committed"
            where = f"manifest/{batch_id(seq)}.json"
            out.problems.append(Problem(where, f"is missing ({why})", MISSING, seq))
    for seq, rec in by_seq.items():
        before = by_seq.get(seq - 1)
        if rec.previous is None or before is None:
            continue
        if rec.previous != successor_digest(before, out.digests[seq - 1]):
            what = (
                f"is not the manifest {rec.id} was committed after (its SHA-256 is "
                f"{out.digests[seq - 1][:12]}..., {rec.id} names {rec.previous[:12]}...)"
            )
            out.problems.append(Problem(f"manifest/{before.id}.json", what, CHANGED, seq - 1))
    last = by_seq.get(recorded)
    named = seq_doc.get("sha256")
    if last is not None and named and named != successor_digest(last, out.digests[recorded]):
        what = f"is not the manifest that was committed (its SHA-256 is not {SEQUENCE}'s)"
        out.problems.append(Problem(f"manifest/{last.id}.json", what, CHANGED, recorded))


def read_sequence(root: Path) -> dict[str, Any]:
    """``sequence.json``: the last committed batch and its manifest's SHA-256 ({} if none)."""
    try:
        doc = json.loads((root / SEQUENCE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {"damaged": True}
    if not isinstance(doc, dict) or not isinstance(doc.get("last", 0), int):
        return {"damaged": True}
    return doc


def write_sequence(root: Path, seq: int, digest: str) -> None:
    """Record ``seq`` as the last committed batch (once its manifest is in place)."""
    write_atomic(root / SEQUENCE, json.dumps({"last": seq, "sha256": digest}) + "\n")


def check_marker(root: Path) -> dict[str, object] | None:
    """The store marker of ``root``: its content, None when absent; StoreError when it is
    not one this version can read."""
    path = root / MARKER
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(
            f"{path} is damaged ({err}); the folder is not opened as a store",
            hint="restore the file from a backup: it holds only the store's kind and format",
        ) from err
    if not isinstance(doc, dict) or doc.get("kind") != STORE_KIND:
        raise StoreError(f"{path} is not a tradestats store marker")
    if doc.get("format") not in READABLE_FORMATS:
        raise StoreError(
            f"{root} is a store of format {doc.get('format')!r}; this version reads formats "
            f"{', '.join(map(str, READABLE_FORMATS))}",
            hint="upgrade tradestats",
        )
    return doc
