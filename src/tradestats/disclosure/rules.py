"""Primary suppression: which cells are confidential under a policy, and how much protection each
needs. Exact integer arithmetic on the smallest money unit; no float decides a rule.

- **threshold**: a cell with at least one and fewer than ``threshold`` enterprises.
- **dominance (n, k)**: the largest n enterprises hold more than k % of the cell's value.
  Its protection level is the amount the cell would have to grow for the rule to hold,
  ``100 / k * (x_1 + ... + x_n) - X`` (the usual sensitivity measure; Hundepool et al.,
  *Statistical Disclosure Control*, 2012, ch. 4).
- **p %** (optional): the cell total minus the two largest contributions estimates the largest
  to within p %: ``X - x_1 - x_2 < p / 100 * x_1``; protection ``p / 100 * x_1 - (X - x_1 - x_2)``.

Every confidential cell is protected by at least ``protection_pct`` % of its value on each side
(tau-Argus' safety range); its lower level never exceeds the value (values are >= 0).

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> from tradestats.disclosure.policy import Policy
    >>> t = CellTable.build(("p",), [(("A",), 1000, 2, (900, 100)), (("B",), 9000, 9, (2000, 1500)),
    ...                              ((TOTAL,), 10000, 11, (2000, 1500))])
    >>> found = primary(t, Policy())
    >>> [str(r) for r in found.reason], found.upper.tolist()
    (['threshold', '', ''], [100, 0, 0])
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from tradestats.disclosure.policy import Policy
from tradestats.disclosure.table import CellTable


class Reason(StrEnum):
    """Why a cell is not published (empty: it is)."""

    PUBLISHED = ""
    THRESHOLD = "threshold"
    DOMINANCE = "dominance"
    P_PERCENT = "p_percent"
    SECONDARY = "secondary"


@dataclass
class Primary:
    """The confidential cells of a table, with their protection levels (money units)."""

    reason: list[Reason]
    upper: np.ndarray  # int64
    lower: np.ndarray  # int64

    @property
    def sensitive(self) -> np.ndarray:
        return np.array([r is not Reason.PUBLISHED for r in self.reason], dtype=bool)


def _ceil_div(num: int, den: int) -> int:
    return -(-num // den)


def cell_levels(
    value: int, contributors: int, top: list[int], policy: Policy
) -> tuple[Reason, int]:
    """The first rule a cell breaks and the protection it needs (``PUBLISHED``, 0 if none).

    >>> cell_levels(1000, 4, [900, 50], Policy())  # 90 % > 85 %: needs 59, the 10 % range wins
    (<Reason.DOMINANCE: 'dominance'>, 100)
    """
    if contributors <= 0 or value < 0:
        return Reason.PUBLISHED, 0
    safety = _ceil_div(value * policy.protection_pct, 100)
    if contributors < policy.threshold:
        return Reason.THRESHOLD, safety
    need, why = 0, Reason.PUBLISHED
    for n, k in policy.dominance:
        held = sum(top[:n])
        if 100 * held > k * value:
            need = max(need, _ceil_div(100 * held - k * value, k))
            why = why or Reason.DOMINANCE
    if policy.p_percent is not None and len(top) >= 2:
        x1, x2 = top[0], top[1]
        rest = value - x1 - x2
        if 100 * rest < policy.p_percent * x1:
            need = max(need, _ceil_div(policy.p_percent * x1 - 100 * rest, 100))
            why = why or Reason.P_PERCENT
    if why is Reason.PUBLISHED:
        return why, 0
    return why, max(need, safety)


def primary(table: CellTable, policy: Policy) -> Primary:
    """Apply the policy's primary rules to every cell of ``table``."""
    reasons: list[Reason] = []
    upper = np.zeros(len(table), dtype=np.int64)
    for i in range(len(table)):
        why, level = cell_levels(
            int(table.value[i]), int(table.contributors[i]), table.top[i].tolist(), policy
        )
        reasons.append(why)
        upper[i] = level
    lower = np.minimum(upper, np.maximum(table.value, 0))
    return Primary(reasons, upper, lower)
