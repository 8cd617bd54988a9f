"""Where everything of a store lives, and the names its writer gives files.

The names are the proof of ownership the clean-up relies on: a file in ``data/``,
``quarantine/`` or ``reports/`` that no manifest names may be deleted only when its name is one
this module makes for a batch sequence number that was never committed (a crashed writer's
work). Anything else is moved aside into ``lost+found/``, never deleted.

Example:
    >>> data_path("2025-01", 3, "KOR")
    'data/period=2025-01/b000003-KOR.parquet'
    >>> data_path("2025-01", 3, "")
    'data/period=2025-01/b000003-own.parquet'
    >>> owned_seq("data/period=2025-01/b000003-KOR.parquet"), owned_seq("data/mine.csv")
    (3, None)
"""

from __future__ import annotations

import hashlib
import re

MARKER = "tradestats-store.json"
STORE_KIND = "tradestats-store"
FORMAT = 2  # 2: one data file per (period, reporter)
READABLE_FORMATS = (1, 2)
SEQUENCE = "sequence.json"  # the last committed batch, written after its manifest
VERIFIED = "verified.json"  # cache: data files whose checksum was checked, by their stat
LOCK = ".lock"
ASIDE = "lost+found"  # files the store cannot account for, moved aside (never deleted)
SUBDIRS = ("manifest", "data", "quarantine", "reports", "attempts", "staging")
# Entries of the store's root that a store may hold (anything else is not the store's).
ROOT_ENTRIES = frozenset({MARKER, SEQUENCE, VERIFIED, LOCK, ASIDE, *SUBDIRS})

MANIFEST_FILE = re.compile(r"b(\d{6,})\.json")
MANIFEST_TEMP = re.compile(r"\.b\d{6,}\.json\.tmp-\d+")
ATTEMPT = re.compile(r"[0-9a-f]{12}")
_OWNED = (
    re.compile(r"data/period=[^/]+/b(\d{6,})-[A-Za-z0-9_]+\.parquet"),
    re.compile(r"quarantine/b(\d{6,})\.csv"),
    re.compile(r"reports/b(\d{6,})\.json"),
)
_TAG = re.compile(r"[A-Z0-9]{1,8}")
OWN_TAG = "own"  # rows without a reporter: the store's own reporter


def reporter_tag(reporter: str) -> str:
    """The part of a data file's name that says whose rows it holds.

    >>> reporter_tag("USA"), reporter_tag(""), reporter_tag("x/y")[:2]
    ('USA', 'own', 'r_')
    """
    if reporter == "":
        return OWN_TAG
    if _TAG.fullmatch(reporter):
        return reporter
    return "r_" + hashlib.sha256(reporter.encode()).hexdigest()[:10]


def data_path(period: str, seq: int, reporter: str) -> str:
    """The relative path of batch ``seq``'s file of ``period`` and ``reporter`` ('' own)."""
    return f"data/period={period}/b{seq:06d}-{reporter_tag(reporter)}.parquet"


def owned_seq(rel: str) -> int | None:
    """The batch sequence number in a name this store's writer makes, else None."""
    for pattern in _OWNED:
        if m := pattern.fullmatch(rel):
            return int(m[1])
    return None
