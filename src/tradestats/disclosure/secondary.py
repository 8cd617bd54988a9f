"""Secondary (complementary) suppression: hide enough other cells that no confidential cell can
be narrowed below its protection interval from the published cells and totals.

For each confidential cell and each direction (up by its upper level, down by its lower one):
unless a deviation found earlier already answers it, the protector's program (``lp.deviation``)
finds the cheapest consistent deviation of the table that moves the cell that far, and every
cell it moves is suppressed. A cell costs the logarithm of its value (tau-Argus' cost is the
value, with an optional transformation), margins ten times more and the grand total a thousand
times, so interior and small cells are hidden before totals. The program is first solved on a
window of the table around the cell (its codes, their ancestors, the largest siblings and
children of each, and codes already suppressed beside it), widened until it is feasible; any
deviation found in a window is a deviation of the whole table, so the window only saves time.

With ``singleton`` on, a cell with a single enterprise is also treated as known to that
enterprise: every confidential cell beside it is protected again with that cell fixed.

Passes repeat until one adds nothing. The result is checked by ``audit.audit``.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> from tradestats.disclosure.policy import Policy
    >>> t = CellTable.build(("p",), [(("A",), 1000, 1, (1000,)), (("B",), 5000, 9, (900, 800)),
    ...     (("C",), 4000, 8, (700, 600)), ((TOTAL,), 10000, 18, (1000, 900))])
    >>> s = suppress(t, Policy())
    >>> [str(r) for r in s.reason]
    ['threshold', '', 'secondary', '']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from tradestats.disclosure import lp
from tradestats.disclosure.hypercube import Cube
from tradestats.disclosure.policy import Policy
from tradestats.disclosure.rules import Primary, Reason, primary
from tradestats.disclosure.table import TOTAL, CellTable
from tradestats.disclosure.witness import Witness

MARGIN_COST = 10.0
GRAND_TOTAL_COST = 1000.0
HIDDEN_COST = 0.01  # share of its cost a suppressed cell costs to move
SINGLE_COST = 0.1  # ... and a suppressed single-enterprise cell
WINDOWS = (6, 24, 96)  # siblings and children kept per code before the whole table
KEPT = 6  # witnesses shared per cell and direction


@dataclass
class Suppression:
    """A table's cells with the reason each is suppressed (``Reason.PUBLISHED``: shown)."""

    table: CellTable
    primary: Primary
    reason: list[Reason]
    unprotectable: list[str] = field(default_factory=list)
    # (cell, +1 up / -1 down) -> deviations that protect it, for the audit to verify
    witnesses: dict[tuple[int, int], list[Witness]] = field(default_factory=dict)

    @property
    def suppressed(self) -> np.ndarray:
        return np.array([r is not Reason.PUBLISHED for r in self.reason], dtype=bool)


def base_cost(table: CellTable) -> np.ndarray:
    """Price of moving each cell: ``1 + log10(1 + value)``, dearer for margins and the total.

    tau-Argus' cost is the cell value, optionally transformed (its lambda); the logarithm keeps
    the larger cells dearer while the prices stay within a few orders of magnitude, which a
    simplex solver's tolerances need (raw values span 1e2 to 1e14 fen).
    """
    cost = 1.0 + np.log10(1.0 + np.maximum(table.value, 0).astype(np.float64))
    for i, key in enumerate(table.keys):
        if all(c == TOTAL for c in key):
            cost[i] *= GRAND_TOTAL_COST
        elif TOTAL in key:
            cost[i] *= MARGIN_COST
    return cost


class _Windows:
    """Neighbourhoods of a cell in the table, for the protector's program."""

    def __init__(self, table: CellTable) -> None:
        self.table = table
        d = len(table.dims)
        self.children: list[dict[str | None, list[str | None]]] = [{} for _ in range(d)]
        margin = [dict[str | None, int]() for _ in range(d)]
        for i, key in enumerate(table.keys):
            for k, code in enumerate(key):
                if code != TOTAL and all(c == TOTAL for j, c in enumerate(key) if j != k):
                    margin[k][code] = int(table.value[i])
        self.codes: list[list[str | None]] = []
        self.position: list[dict[str | None, int]] = []
        for k in range(d):
            codes = sorted({key[k] for key in table.keys}, key=str)
            self.codes.append(codes)
            self.position.append({c: n for n, c in enumerate(codes)})
            for code in codes:
                if code != TOTAL:
                    self.children[k].setdefault(table.parent_code(k, code), []).append(code)
            size = margin[k]
            for kids in self.children[k].values():
                kids.sort(key=lambda c: -size.get(c, 0))
        self.coded = np.array(
            [[self.position[k][c] for k, c in enumerate(key)] for key in table.keys], dtype=np.int64
        ).reshape(len(table), d)

    def _ancestors(self, k: int, code: str | None) -> list[str | None]:
        chain = [code]
        while chain[-1] != TOTAL:
            chain.append(self.table.parent_code(k, chain[-1]))
        return chain

    def cells(self, target: int, width: int, hidden: np.ndarray) -> np.ndarray:
        """Cells whose codes all lie in the target's neighbourhood of ``width``: on each
        dimension its code and ancestors, the ``width`` largest siblings of each and the
        ``width`` largest siblings whose cell beside the target is suppressed, and below every
        kept code its ``width`` largest children (a parent moves only with its children)."""
        key = self.table.keys[target]
        keep_all = np.ones(len(self.table), dtype=bool)
        for k, code in enumerate(key):
            chain = self._ancestors(k, code)
            keep: set[str | None] = set(chain)
            for node in chain:
                if node != TOTAL:
                    keep |= set(self.children[k].get(self.table.parent_code(k, node), [])[:width])
            if code != TOTAL:
                beside = []
                for other in self.children[k].get(self.table.parent_code(k, code), []):
                    probe = self.table.index.get((*key[:k], other, *key[k + 1 :]))
                    if probe is not None and hidden[probe]:
                        beside.append(other)
                        if len(beside) == width:
                            break
                keep |= set(beside)
            todo = list(keep)
            while todo:
                new = [c for c in self.children[k].get(todo.pop(), [])[:width] if c not in keep]
                keep |= set(new)
                todo.extend(new)
            allowed = np.zeros(len(self.codes[k]), dtype=bool)
            allowed[[self.position[k][c] for c in keep]] = True
            keep_all &= allowed[self.coded[:, k]]
        return np.flatnonzero(keep_all)


def suppress(table: CellTable, policy: Policy, max_passes: int = 20) -> Suppression:
    """Primary and complementary suppression of ``table`` under ``policy``.

    A deviation found is a witness that stays valid as more cells are hidden: it protects
    its cell (and every confidential cell it moves far enough) against every intruder who
    knows none of the cells it moves. Witnesses are sought first as product-form deviations
    (``hypercube``: exact, no solver), then by the linear program. With ``singleton`` on, a
    single-enterprise cell beside the target whose enterprise every witness so far needs to
    be ignorant of (it lies in all their supports) gets a witness that leaves it alone. New
    single-enterprise cells hidden by a pass bring new intruders, so passes repeat until one
    adds nothing.
    """
    found = primary(table, policy)
    reason = list(found.reason)
    hidden = found.sensitive.copy()
    targets = sorted(np.flatnonzero(hidden).tolist(), key=lambda i: -int(found.upper[i]))
    witnesses: dict[tuple[int, int], list[Witness]] = {}
    if not targets:
        return Suppression(table, found, reason, witnesses=witnesses)
    cost = base_cost(table)
    single = table.contributors == 1
    cube = Cube(table)
    solver = _Solver(table)
    problems: dict[str, None] = {}
    given_up: set[tuple[int, int, int]] = set()

    def price() -> np.ndarray:
        # Suppressed cells move cheaply (not for free: a free cell would let the program move
        # every suppressed cell at once); a single-enterprise one costs more, so that a
        # deviation avoids it where it can (then it also protects against that enterprise).
        return np.where(hidden, np.where(single, SINGLE_COST, HIDDEN_COST) * cost, cost)

    prices = price()
    for _ in range(max_passes):
        added = 0
        for p in targets:
            for sign, level in ((1, int(found.upper[p])), (-1, int(found.lower[p]))):
                if level == 0:
                    continue
                seen = witnesses.setdefault((p, sign), [])
                while True:
                    known = _uncovered(table, seen, p, hidden, single, policy.singleton)
                    if known is None and seen:
                        break
                    if (p, sign, -1 if known is None else known) in given_up:
                        break  # reported already
                    w = cube.search(p, sign, level, hidden, prices, frozen=known)
                    if w is None:
                        w = solver.witness(hidden, prices, p, sign * level, known)
                    if w is None:
                        problems[_unprotectable(table, p, known)] = None
                        given_up.add((p, sign, -1 if known is None else known))
                        break
                    new = w.cells[~hidden[w.cells]]
                    if len(new):
                        hidden[new] = True
                        for i in new.tolist():
                            reason[i] = Reason.SECONDARY
                        added += len(new)
                        prices = price()
                    _share(witnesses, found, table, w, p, sign)
        if added == 0:
            break
    return Suppression(table, found, reason, list(problems), witnesses)


def _uncovered(
    table: CellTable,
    seen: list[Witness],
    p: int,
    hidden: np.ndarray,
    single: np.ndarray,
    singleton: bool,
) -> int | None:
    """An intruder no witness of ``seen`` answers: None for the public one when there is no
    witness yet or none is left, else the single-enterprise cell beside ``p`` lying in every
    witness' support (each witness that leaves it alone protects against its enterprise)."""
    if not seen:
        return None
    if not singleton:
        return None
    common = set(seen[0].cells.tolist())
    for w in seen[1:]:
        common &= set(w.cells.tolist())
        if not common:
            return None
    for q in sorted(common):
        if q != p and hidden[q] and single[q] and table.are_mates(p, q):
            return q
    return None


def _share(
    witnesses: dict[tuple[int, int], list[Witness]],
    found: Primary,
    table: CellTable,
    w: Witness,
    target: int,
    direction: int,
) -> None:
    """Record the witness for the target it was found for, and for every other confidential
    cell it moves, in each direction in which, scaled to that cell's level, it keeps the table
    >= 0 (up to ``KEPT`` witnesses per cell and direction: more rarely answer another intruder)."""
    witnesses.setdefault((target, direction), []).append(w)
    for r, s in zip(w.cells.tolist(), w.signs.tolist(), strict=True):
        if found.reason[r] is Reason.PUBLISHED or s == 0:
            continue
        for sign, level in ((1, int(found.upper[r])), (-1, int(found.lower[r]))):
            if (r, sign) == (target, direction) or level == 0:
                continue
            got = witnesses.setdefault((r, sign), [])
            if len(got) < KEPT and w.holds(table.value, r, sign, level):
                got.append(w)


class _Solver:
    """The linear program's witnesses, in growing windows around the target."""

    def __init__(self, table: CellTable) -> None:
        self.table = table
        self.m = table.matrix()
        self.windows: _Windows | None = None

    def witness(
        self, hidden: np.ndarray, price: np.ndarray, p: int, amount: int, known: int | None
    ) -> Witness | None:
        if self.windows is None:
            self.windows = _Windows(self.table)
        frozen = [] if known is None else [known]
        got = _protect(self.table, self.windows, self.m, hidden, price, p, float(amount), frozen)
        if got is None:
            return None
        moved, y = got
        cells = np.concatenate([[p], moved]).astype(np.int64)
        return Witness(cells, np.concatenate([[float(amount)], y]).astype(np.float64))


def _protect(
    table: CellTable,
    windows: _Windows,
    m: sp.csr_matrix,
    hidden: np.ndarray,
    price: np.ndarray,
    p: int,
    amount: float,
    frozen: list[int],
) -> tuple[np.ndarray, np.ndarray] | None:
    """The cheapest deviation for ``p`` in growing windows, then in the whole table."""
    for width in WINDOWS:
        cells = windows.cells(p, width, hidden)
        got = lp.deviation(table, p, amount, price, window=cells, frozen=frozen, matrix=m)
        if got is not None:
            return got
    return lp.deviation(table, p, amount, price, frozen=frozen, matrix=m)


def _unprotectable(table: CellTable, p: int, known: int | None) -> str:
    if known is None:
        return f"{table.label(p)} cannot be protected"
    return f"{table.label(p)} cannot be protected from the enterprise of {table.label(known)}"
