"""The disclosure policy of a store: which cells are confidential and how well they are protected.

The policy is a small YAML file inside the store, versioned with it: every change writes a new
file ``STORE/disclosure/policy-NNNN.yaml`` that names the last batch committed when it was set.
A reading of the store as of a batch uses the policy in force then, so a table published as of
``b000004`` is reproduced with the rules it was published under. A store without a policy file
uses the defaults below. The format (see docs/disclosure.md)::

    format: 1
    version: 2                 # NNNN of the file
    from_batch: b000004        # in force for readings that include this batch
    set_at: 2026-02-01T09:00:00+00:00
    note: stricter dominance after the 2025 review
    measure: value_cny         # the money column the rules judge
    threshold: 3               # fewer than 3 enterprises in a cell: confidential
    dominance: [[1, 85], [2, 90]]   # (n, k): the largest n hold more than k % of the cell
    p_percent: null            # p % rule (off); e.g. 10
    protection_pct: 10         # protection interval, % of the cell value, each side
    singleton: true            # also protect against a cell's only enterprise

Example:
    >>> p = Policy()
    >>> p.threshold, p.dominance, p.protection_pct
    (3, ((1, 85), (2, 90)), 10)
    >>> Policy.from_mapping({"threshold": 5, "dominance": [[2, 80]]}).dominance
    ((2, 80),)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from tradestats.errors import UsageError
from tradestats.records import MONEY_COLUMNS

FOLDER = "disclosure"
FORMAT = 1
_FILE = re.compile(r"^policy-(\d{4})\.yaml$")
FIELDS = ("measure", "threshold", "dominance", "p_percent", "protection_pct", "singleton")


@dataclass(frozen=True)
class Policy:
    """Primary rules and protection; the defaults are documented in docs/disclosure.md."""

    measure: str = "value_cny"
    threshold: int = 3
    dominance: tuple[tuple[int, int], ...] = ((1, 85), (2, 90))
    p_percent: int | None = None
    protection_pct: int = 10
    singleton: bool = True
    version: int = 0  # 0: the defaults, no file
    from_batch: str | None = None
    set_at: str | None = None
    note: str | None = None

    @property
    def top_n(self) -> int:
        """How many of a cell's largest enterprise values the rules need (at least 2)."""
        return max([2, *(n for n, _ in self.dominance)])

    @classmethod
    def from_mapping(cls, doc: Mapping[str, Any], where: str = "policy") -> Policy:
        """Validate a parsed policy document; UsageError names the field and why."""
        unknown = sorted(set(doc) - {*FIELDS, "format", "version", "from_batch", "set_at", "note"})
        if unknown:
            raise UsageError(f"{where}: unknown field(s) {', '.join(unknown)}",
                             hint=f"fields: {', '.join(FIELDS)}")  # fmt: skip
        base = cls()
        measure = str(doc.get("measure", base.measure))
        if measure not in MONEY_COLUMNS:
            raise UsageError(
                f"{where}: measure {measure!r} is not one of {', '.join(MONEY_COLUMNS)}"
            )
        rules = doc.get("dominance", [list(r) for r in base.dominance]) or []
        dominance = tuple(_pair(r, where) for r in rules)
        p_percent = doc.get("p_percent", base.p_percent)
        return cls(
            measure=measure,
            threshold=_whole(doc.get("threshold", base.threshold), where, "threshold", 1, 1000),
            dominance=dominance,
            p_percent=None if p_percent is None else _whole(p_percent, where, "p_percent", 1, 99),
            protection_pct=_whole(
                doc.get("protection_pct", base.protection_pct), where, "protection_pct", 0, 100
            ),
            singleton=_flag(doc.get("singleton", base.singleton), where),
            version=int(doc.get("version", 0)),
            from_batch=doc.get("from_batch"),
            set_at=doc.get("set_at"),
            note=doc.get("note"),
        )

    def to_mapping(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "from_batch": self.from_batch,
            "set_at": self.set_at,
            "note": self.note,
            "measure": self.measure,
            "threshold": self.threshold,
            "dominance": [list(r) for r in self.dominance],
            "p_percent": self.p_percent,
            "protection_pct": self.protection_pct,
            "singleton": self.singleton,
        }

    def describe(self) -> str:
        """One line for people: the rules in words.

        >>> Policy(dominance=((2, 90),)).describe()
        'confidential: fewer than 3 enterprises; the largest 2 over 90 %; protection 10 % each side'
        """
        parts = [f"fewer than {self.threshold} enterprises"]
        parts += [f"the largest {n} over {k} %" for n, k in self.dominance]
        if self.p_percent is not None:
            parts.append(f"p % rule with p = {self.p_percent}")
        return (
            "confidential: " + "; ".join(parts) + f"; protection {self.protection_pct} % each side"
        )


def _whole(value: Any, where: str, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UsageError(
            f"{where}: {name} must be a whole number from {low} to {high}, not {value!r}"
        )
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"{where}: singleton must be true or false, not {value!r}")
    return value


def _pair(rule: Any, where: str) -> tuple[int, int]:
    if not isinstance(rule, list | tuple) or len(rule) != 2:
        raise UsageError(f"{where}: a dominance rule is a pair [n, k], not {rule!r}")
    return (
        _whole(rule[0], where, "dominance n", 1, 20),
        _whole(rule[1], where, "dominance k", 1, 99),
    )


def parse_dominance(text: str) -> tuple[tuple[int, int], ...]:
    """``"1:85,2:90"`` -> ((1, 85), (2, 90)); an empty text turns dominance off.

    >>> parse_dominance("1:85, 2:90")
    ((1, 85), (2, 90))
    """
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        n, sep, k = part.partition(":")
        if not sep or not n.strip().isdigit() or not k.strip().isdigit():
            raise UsageError(f"dominance rule {part!r} is not n:k", hint="e.g. 1:85,2:90")
        out.append(_pair([int(n), int(k)], "--dominance"))
    return tuple(out)


def _files(root: Path) -> list[tuple[int, Path]]:
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _FILE.match(p.name))]
    return sorted(found)


def read_policy_file(path: Path) -> Policy:
    """Read and validate one policy file."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise UsageError(f"cannot read the disclosure policy {path}: {err}") from err
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: a disclosure policy is a mapping of fields")
    return Policy.from_mapping(doc, where=str(path))


def policy_history(store: Any) -> list[Policy]:
    """Every policy version of ``store`` (a Store), oldest first; empty when none was set."""
    return [read_policy_file(p) for _, p in _files(Path(store.root))]


def load_policy(store: Any, as_of: str | None = None) -> Policy:
    """The policy in force for a reading of ``store`` as of ``as_of`` (default: now).

    A version applies to readings that include the batch it names; earlier readings get the
    previous version, or the defaults.
    """
    limit = store.resolve_as_of(as_of)
    chosen = Policy()
    for pol in policy_history(store):
        seq = int(pol.from_batch[1:]) if pol.from_batch else 0
        if limit is None or seq <= limit:
            chosen = pol
    return chosen


def save_policy(store: Any, policy: Policy, note: str | None = None) -> Policy:
    """Write ``policy`` as the store's next version (under the store's write lock); return it
    with its version, batch and time filled in."""
    from tradestats.store import StoreWriter
    from tradestats.store.manifest import write_atomic

    with StoreWriter(store):
        versions = _files(Path(store.root))
        batches = store.batches()
        saved = replace(
            policy,
            version=(versions[-1][0] if versions else 0) + 1,
            from_batch=batches[-1].id if batches else None,
            set_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            note=note,
        )
        folder = Path(store.root) / FOLDER
        folder.mkdir(exist_ok=True)
        text = (
            "# tradestats disclosure policy (docs/disclosure.md); a change is a new file\n"
            + yaml.safe_dump(saved.to_mapping(), sort_keys=False, allow_unicode=True)
        )
        write_atomic(folder / f"policy-{saved.version:04d}.yaml", text)
    return saved


def policy_path(store: Any, policy: Policy) -> str | None:
    """Where a saved policy lives (None for the defaults)."""
    if policy.version == 0:
        return None
    return os.fspath(Path(store.root) / FOLDER / f"policy-{policy.version:04d}.yaml")
