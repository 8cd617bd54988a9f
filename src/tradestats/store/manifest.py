"""Batch records: the store's manifest, one JSON file per committed batch.

A batch is visible to readers exactly when its manifest file exists. The file is written to a
temporary name, flushed to disk and renamed into place, so a reader sees all of a batch or none.

Example:
    >>> rec = BatchRecord(seq=1, mode="new", committed_at="2026-01-14T00:00:00+00:00")
    >>> rec.id
    'b000001'
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

MANIFEST_DIR = "manifest"
FORMAT_VERSION = 2


class Mode(StrEnum):
    """How a batch relates to data already stored for its periods."""

    NEW = "new"  # periods must not hold data yet
    APPEND = "append"  # more rows for the current vintage
    REPLACE = "replace"  # a revision: a new vintage of its periods


# The mode of a batch whose manifest was lost or damaged and that the user chose to forget
# (``tradestats verify --repair --forget``): it holds nothing; its number is never reused.
FORGOTTEN = "forgotten"


@dataclass(frozen=True)
class DataFile:
    """One Parquet file of a batch: the rows of exactly one period and one reporter.

    ``reporter`` is the rows' reporter, ``""`` for rows without one (the store's own); None in
    manifests of format 1, whose files may hold several reporters. ``vintage`` is the vintage of
    the file's (period, reporter) cell once the batch committed; ``sha256`` and ``bytes`` let
    the store check that the file is still the one committed.
    """

    path: str  # relative to the store root
    period: str
    rows: int
    value_cny: str  # exact decimal text
    value_usd: str
    reporter: str | None = None
    vintage: int | None = None
    sha256: str | None = None  # of the file's bytes at commit (None in format-1 manifests)
    bytes: int | None = None


@dataclass(frozen=True)
class SourceFile:
    """An input file of a batch, with its fingerprint."""

    path: str
    sha256: str
    bytes: int
    format: str
    encoding: str | None
    rows_read: int


@dataclass(frozen=True)
class BatchRecord:
    """Everything the store knows about one committed batch."""

    seq: int
    mode: str
    committed_at: str
    sources: tuple[SourceFile, ...] = ()
    files: tuple[DataFile, ...] = ()
    periods: tuple[str, ...] = ()
    rows_read: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    vintages: dict[str, int] = field(default_factory=dict)
    quarantine: str | None = None
    report: str | None = None
    note: str | None = None
    # periods whose legacy cell (format-1 files, reporters not recorded) this batch replaces
    retires: tuple[str, ...] = ()
    # SHA-256 of the previous batch's manifest file: the manifests form a chain
    previous: str | None = None
    # a forgotten batch (mode "forgotten", see store/repair.py): the SHA-256 its lost manifest had
    forgotten_sha256: str | None = None

    @property
    def id(self) -> str:
        return batch_id(self.seq)

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["id"] = self.id
        doc["format"] = FORMAT_VERSION
        for f in doc["files"]:  # absent, not null, in the manifests of format 1
            for key in ("reporter", "vintage", "sha256", "bytes"):
                if f[key] is None:
                    del f[key]
        return doc

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> BatchRecord:
        return cls(
            seq=int(doc["seq"]),
            mode=str(doc["mode"]),
            committed_at=str(doc["committed_at"]),
            sources=tuple(SourceFile(**s) for s in doc.get("sources", [])),
            files=tuple(DataFile(**f) for f in doc.get("files", [])),
            periods=tuple(doc.get("periods", [])),
            rows_read=int(doc.get("rows_read", 0)),
            rows_accepted=int(doc.get("rows_accepted", 0)),
            rows_quarantined=int(doc.get("rows_quarantined", 0)),
            values=dict(doc.get("values", {})),
            vintages={k: int(v) for k, v in doc.get("vintages", {}).items()},
            quarantine=doc.get("quarantine"),
            report=doc.get("report"),
            note=doc.get("note"),
            retires=tuple(doc.get("retires", [])),
            previous=doc.get("previous"),
            forgotten_sha256=doc.get("forgotten_sha256"),
        )


def batch_id(seq: int) -> str:
    """The id of the batch with sequence number ``seq``.

    >>> batch_id(42)
    'b000042'
    """
    return f"b{seq:06d}"


def parse_batch_id(text: str) -> int | None:
    """Sequence number of a batch id such as ``b000042`` (or ``42``); None if it is not one."""
    body = text[1:] if text[:1] in ("b", "B") else text
    return int(body) if body.isdigit() else None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (a rename) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_record(root: Path, record: BatchRecord) -> str:
    """Commit ``record``: after this returns, every reader sees the batch. Returns the SHA-256
    of the manifest file written (the next batch names it)."""
    path = root / MANIFEST_DIR / f"{record.id}.json"
    text = json.dumps(record.to_json(), indent=1, ensure_ascii=False)
    write_atomic(path, text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
