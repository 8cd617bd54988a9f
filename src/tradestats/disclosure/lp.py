"""The two linear programs of cell suppression, solved with HiGHS (scipy.optimize.linprog).

**The intruder's problem** (the audit, ``extremes``): every published cell is fixed at its
value, every suppressed cell is a variable >= 0, and the table's additivity relations hold. The
smallest and the largest value a suppressed cell can take are its interval; the cell is
protected when the interval reaches its protection levels on both sides (fixed-interval
protection).

**The protector's problem** (complementary suppression, ``deviation``): find a deviation ``y``
of the table that keeps every relation (``M y = 0``), moves the sensitive cell ``p`` by its
protection level (``y_p = +upl`` or ``-lpl``), keeps every cell >= 0 (``y_i >= -a_i``) and is
cheapest, where moving a cell that is already suppressed costs little. The cells the deviation
moves must be suppressed: then ``a + y`` is a table consistent with everything published, so the
intruder's interval for ``p`` reaches ``a_p + upl``. Suppressing more cells later only widens
the intruder's feasible set, so a cell once protected stays protected.

Values are in the smallest money unit. Each program is scaled by its own largest number, so
HiGHS works on numbers near 1 and its tolerances (1e-7) are relative to that scale.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> t = CellTable.build(("p",), [(("A",), 60, 1, (60,)), (("B",), 40, 4, (10,)),
    ...                              ((TOTAL,), 100, 5, (60, 10))])
    >>> e = extremes(t, np.array([True, False, False]))[0]   # A alone: 100 - 40
    >>> round(e.low, 6), round(e.high, 6)
    (60.0, 60.0)
    >>> e = extremes(t, np.array([True, True, False]))[0]    # A and B: 0 .. 100
    >>> round(e.low, 6), round(e.high, 6)
    (0.0, 100.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from tradestats.disclosure.table import CellTable

REACHED = 1e-6  # slack, relative to a program's scale, when comparing its optimum with a bound


@dataclass(frozen=True)
class Extreme:
    """The least and greatest value of one suppressed cell, with a table attaining each.

    ``at_low`` / ``at_high`` give the values of the suppressed cells that the attaining table
    moves (cells absent keep their true value); ``at_high`` is None when the cell is unbounded.
    ``scale`` is the program's largest number, for tolerances.
    """

    low: float
    high: float
    scale: float
    at_low: dict[int, float]
    at_high: dict[int, float] | None


def _components(m: sp.csr_matrix, cells: np.ndarray) -> list[np.ndarray]:
    """Groups of ``cells`` linked through relations (each solved as its own program)."""
    if len(cells) == 0:
        return []
    sub = m[:, cells]
    link = (sub.T @ sub) != 0
    count, labels = sp.csgraph.connected_components(link, directed=False)
    return [cells[labels == k] for k in range(count)]


def extremes(
    table: CellTable,
    suppressed: np.ndarray,
    targets: Iterable[int] | None = None,
    known: Iterable[int] = (),
    matrix: sp.csr_matrix | None = None,
) -> dict[int, Extreme]:
    """For every suppressed cell (or only ``targets``), what the intruder can deduce.

    ``known`` cells are suppressed but known to this intruder (a cell's only enterprise knows
    its value).
    """
    m = table.matrix() if matrix is None else matrix
    hidden = suppressed.copy()
    hidden[list(known)] = False
    wanted = set(np.flatnonzero(hidden).tolist()) if targets is None else set(targets)
    a = table.value.astype(np.float64)
    out: dict[int, Extreme] = {}
    for comp in _components(m, np.flatnonzero(hidden)):
        asked = [int(c) for c in comp if int(c) in wanted]
        if not asked:
            continue
        rows = np.unique(m[:, comp].nonzero()[0])
        a_eq = m[rows][:, comp]
        others = m[rows] @ np.where(hidden, 0.0, a)  # published (and known) cells' share
        scale = max(1.0, float(np.abs(others).max(initial=0.0)), float(a[comp].max()))
        b_eq = -others / scale
        for cell in asked:
            j = int(np.flatnonzero(comp == cell)[0])
            out[cell] = _solve(a_eq, b_eq, comp, j, scale)
    return out


def _solve(
    a_eq: sp.csr_matrix, b_eq: np.ndarray, comp: np.ndarray, j: int, scale: float
) -> Extreme:
    c = np.zeros(len(comp))
    c[j] = 1.0
    low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if low.status != 0 or high.status not in (0, 3):
        raise RuntimeError(f"the audit's linear program failed: {low.message} / {high.message}")
    cells = comp.tolist()
    at_low = dict(zip(cells, (low.x * scale).tolist(), strict=True))
    if high.status == 3:
        return Extreme(float(low.fun) * scale, np.inf, scale, at_low, None)
    at_high = dict(zip(cells, (high.x * scale).tolist(), strict=True))
    return Extreme(float(low.fun) * scale, float(-high.fun) * scale, scale, at_low, at_high)


def deviation(
    table: CellTable,
    target: int,
    amount: float,
    cost: np.ndarray,
    window: Sequence[int] | np.ndarray | None = None,
    frozen: Iterable[int] = (),
    matrix: sp.csr_matrix | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """A cheapest consistent deviation moving ``target`` by ``amount`` (+ up, - down), as the
    cells it moves and by how much (in money units, the target left out), or None when no
    such deviation exists inside ``window`` (default: all cells).

    ``cost[i]`` is the price of moving cell i by one unit of ``amount``; ``frozen`` cells may
    not move (cells an intruder knows).
    """
    m = table.matrix() if matrix is None else matrix
    cells = np.arange(len(table)) if window is None else np.unique(np.asarray(window))
    cells = np.union1d(cells, [target])
    rows = np.unique(m[:, cells].nonzero()[0])
    a_eq = m[rows][:, cells]
    n = len(cells)
    size = abs(amount)
    upper = np.full(n, np.inf)
    lower_cap = table.value[cells].astype(np.float64) / size  # y_i >= -a_i
    for f in frozen:
        hit = np.flatnonzero(cells == f)
        upper[hit] = lower_cap[hit] = 0.0
    j = int(np.flatnonzero(cells == target)[0])
    bounds = np.column_stack([np.zeros(2 * n), np.concatenate([upper, lower_cap])])
    up, down = (j, j + n) if amount > 0 else (j + n, j)
    bounds[up] = (1.0, 1.0)
    bounds[down] = (0.0, 0.0)
    c = np.concatenate([cost[cells], cost[cells]])
    c[[j, j + n]] = 0.0
    res = linprog(
        c,
        A_eq=sp.hstack([a_eq, -a_eq]).tocsr(),
        b_eq=np.zeros(len(rows)),
        bounds=bounds,
        method="highs",
    )
    if res.status == 2:  # infeasible inside this window
        return None
    if res.status != 0:
        raise RuntimeError(f"the suppression's linear program failed: {res.message}")
    y = (res.x[:n] - res.x[n:]) * size
    moved = np.abs(y) > 1e-7 * size
    moved[j] = False
    return cells[moved], y[moved]


def reached(found: float, required: float, scale: float) -> bool:
    """``found`` reaches ``required`` within the LP's slack (relative to the program's scale).

    >>> reached(99.99999999, 100.0, 100.0), reached(99.0, 100.0, 100.0)
    (True, False)
    """
    return found >= required - REACHED * max(1.0, abs(scale), abs(required))
