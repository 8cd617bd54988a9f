"""Index number formulas over matched elementary aggregates, and outlier trimming.

For items i matched in periods 0 and 1 with unit values p and quantities q (IMF Export and
Import Price Index Manual, chapters 15-17):

    Laspeyres  P_L = sum(p1 q0) / sum(p0 q0)
    Paasche    P_P = sum(p1 q1) / sum(p0 q1)
    Fisher     P_F = sqrt(P_L P_P)

Unit values are noisy (a code mixes qualities), so relatives p1/p0 far from the others are
trimmed before the formulas: Tukey's fences on the log relatives, ``k`` interquartile ranges
beyond the quartiles (default 3, the "far out" fence), plus any relative above ``cap`` or below
1/``cap`` (default 10). Trimmed items stay in the value index, so they count as volume.

Example:
    >>> import numpy as np
    >>> p0, q0, p1, q1 = (np.array(x, float) for x in ([1, 2], [10, 5], [2, 2], [10, 10]))
    >>> round(laspeyres(p0, q0, p1), 6), round(paasche(p0, p1, q1), 6)
    (1.5, 1.333333)
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np


class Formula(StrEnum):
    FISHER = "fisher"
    LASPEYRES = "laspeyres"
    PAASCHE = "paasche"


def laspeyres(p0: np.ndarray, q0: np.ndarray, p1: np.ndarray) -> float:
    return float((p1 @ q0) / (p0 @ q0))


def paasche(p0: np.ndarray, p1: np.ndarray, q1: np.ndarray) -> float:
    return float((p1 @ q1) / (p0 @ q1))


def fisher(p0: np.ndarray, q0: np.ndarray, p1: np.ndarray, q1: np.ndarray) -> float:
    return float(np.sqrt(laspeyres(p0, q0, p1) * paasche(p0, p1, q1)))


def price_index(
    formula: Formula, p0: np.ndarray, q0: np.ndarray, p1: np.ndarray, q1: np.ndarray
) -> float:
    """The link of ``formula`` (a ratio, 1.0 = no change)."""
    if formula is Formula.LASPEYRES:
        return laspeyres(p0, q0, p1)
    if formula is Formula.PAASCHE:
        return paasche(p0, p1, q1)
    return fisher(p0, q0, p1, q1)


def keep_mask(relatives: np.ndarray, k: float | None = 3.0, cap: float = 10.0) -> np.ndarray:
    """True for the relatives kept: inside Tukey's fences on logs and within [1/cap, cap].

    >>> keep_mask(np.array([1.0, 1.02, 0.98, 1.01, 0.99, 1.03, 9.0])).tolist()
    [True, True, True, True, True, True, False]
    """
    logs = np.log(relatives)
    keep = np.abs(logs) <= np.log(cap)
    if k is not None and keep.sum() >= 4:
        q1, q3 = np.percentile(logs[keep], [25, 75])
        iqr = q3 - q1
        keep &= (logs >= q1 - k * iqr) & (logs <= q3 + k * iqr)
    return keep
