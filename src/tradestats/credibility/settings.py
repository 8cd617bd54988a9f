"""Thresholds of the credibility checks; a store may override them in ``STORE/review/checks.yaml``.

Every threshold is a documented default (docs/credibility.md). A row is listed when its measure
lies more than ``robust_z`` robust standard deviations from the code's median *and* more than
``min_factor`` times above or below it: the first keeps the rule relative to how much the
code's prices really vary, the second keeps a code with near-identical prices from listing a
line 20 % off.

Example:
    >>> s = Checks()
    >>> s.robust_z, s.min_factor, s.history_months
    (4.0, 3.0, 12)
    >>> Checks.from_mapping({"robust_z": 5}).robust_z
    5.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from tradestats.errors import UsageError

FOLDER = "review"
FILE = "checks.yaml"


@dataclass(frozen=True)
class Checks:
    """What makes a declaration implausible enough to be listed for review."""

    robust_z: float = 4.0  # robust standard deviations (IQR / 1.349, natural log) from the median
    min_factor: float = 3.0  # ... and at least this many times above or below the median
    min_spread: float = 0.1  # least robust sd assumed (ln), for codes with near-equal prices
    min_history: int = 20  # lines of a code in the history before it is compared with them
    min_batch: int = 20  # lines of a code in the month of the batch before it is compared
    history_months: int = 12  # history: live months before the batch's last month
    switch_share: float = 0.9  # an enterprise with this share of its value new to it
    switch_history: int = 30  # ... having had at least this many lines in the history
    switch_lines: int = 3  # ... and this many lines in the batch
    switch_min_value: float = 100_000.0  # ... worth at least this much (yuan, dollars, euros)

    @classmethod
    def from_mapping(cls, doc: Mapping[str, Any], where: str = "checks") -> Checks:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(doc) - set(known))
        if unknown:
            raise UsageError(f"{where}: unknown setting(s) {', '.join(unknown)}",
                             hint=f"settings: {', '.join(known)}")  # fmt: skip
        values: dict[str, Any] = {}
        for name, value in doc.items():
            kind = int if known[name].type in (int, "int") else float
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise UsageError(f"{where}: {name} must be a number >= 0, not {value!r}")
            values[name] = kind(value)
        return cls(**values)


def load_checks(root: Path) -> Checks:
    """The store's settings (``review/checks.yaml``), or the defaults."""
    path = root / FOLDER / FILE
    if not path.is_file():
        return Checks()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise UsageError(f"cannot read {path}: {err}") from err
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: the settings are a mapping of name: number")
    return Checks.from_mapping(doc, where=str(path))
