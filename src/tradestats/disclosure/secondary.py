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
from tradestats.disclosure.policy import Policy
from tradestats.disclosure.rules import Primary, Reason, primary
from tradestats.disclosure.table import TOTAL, CellTable

MARGIN_COST = 10.0
GRAND_TOTAL_COST = 1000.0
HIDDEN_COST = 0.01  # share of its cost a suppressed cell costs to move
SINGLE_COST = 0.1  # ... and a suppressed single-enterprise cell
WINDOWS = (6, 24, 96)  # siblings and children kept per code before the whole table


@dataclass
class Suppression:
    """A table's cells with the reason each is suppressed (``Reason.PUBLISHED``: shown)."""

    table: CellTable
    primary: Primary
    reason: list[Reason]
    unprotectable: list[str] = field(default_factory=list)

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
    knows none of the cells it moves, so a program is solved only for a (cell, direction,
    intruder) no witness answers yet. New single-enterprise cells hidden by a pass bring new
    intruders, so passes repeat until one adds nothing.
    """
    found = primary(table, policy)
    reason = list(found.reason)
    hidden = found.sensitive.copy()
    targets = sorted(np.flatnonzero(hidden).tolist(), key=lambda i: -int(found.upper[i]))
    if not targets:
        return Suppression(table, found, reason)
    m = table.matrix()
    cost = base_cost(table)
    windows = _Windows(table)
    single = table.contributors == 1

    def price(hidden: np.ndarray) -> np.ndarray:
        # Suppressed cells move cheaply (not for free: a free cell would let the program move
        # every suppressed cell at once); a single-enterprise one costs more, so that a
        # deviation avoids it where it can (then it also protects against that enterprise).
        return np.where(hidden, np.where(single, SINGLE_COST, HIDDEN_COST) * cost, cost)

    # (cell, +1 up / -1 down) -> supports of the deviations found: a deviation that does not
    # move cell q also protects against the intruder who knows q.
    witnesses: dict[tuple[int, int], list[set[int]]] = {}
    problems: dict[str, None] = {}
    given_up: set[tuple[int, int, int]] = set()
    for _ in range(max_passes):
        added = 0
        for p in targets:
            knowns = [-1]
            if policy.singleton:
                knowns += sorted(q for q in table.siblings(p) if hidden[q] and single[q])
            for known in knowns:
                for sign, level in ((1, found.upper[p]), (-1, found.lower[p])):
                    seen = witnesses.setdefault((p, sign), [])
                    if level == 0 or (p, sign, known) in given_up:
                        continue
                    if any(known not in support for support in seen):
                        continue
                    amount = sign * float(level)
                    frozen = [] if known < 0 else [known]
                    got = _protect(table, windows, m, hidden, price(hidden), p, amount, frozen)
                    if got is None:
                        problems[_unprotectable(table, p, None if known < 0 else known)] = None
                        given_up.add((p, sign, known))
                        continue
                    moved, y = got
                    _share(witnesses, found, table, p, amount, moved, y)
                    new = moved[~hidden[moved]]
                    hidden[new] = True
                    for i in new.tolist():
                        reason[i] = Reason.SECONDARY
                    added += len(new)
        if added == 0:
            break
    return Suppression(table, found, reason, list(problems))


def _share(
    witnesses: dict[tuple[int, int], list[set[int]]],
    found: Primary,
    table: CellTable,
    p: int,
    amount: float,
    moved: np.ndarray,
    y: np.ndarray,
) -> None:
    """Record the deviation as a witness for ``p``, for its other direction when mirrored
    it keeps the table >= 0, and for every confidential cell it moves by at least that cell's
    level (scaled down, the same deviation moves it exactly by its level)."""
    support = {p, *moved.tolist()}
    witnesses.setdefault((p, 1 if amount > 0 else -1), []).append(support)
    other = -float(found.lower[p]) if amount > 0 else float(found.upper[p])
    if _mirrors(table, moved, y, amount, other):
        witnesses.setdefault((p, -1 if amount > 0 else 1), []).append(support)
    for r, dy in zip(moved.tolist(), y.tolist(), strict=True):
        need = float(found.upper[r]) if dy > 0 else float(found.lower[r])
        if found.reason[r] is not Reason.PUBLISHED and need > 0 and abs(dy) >= need:
            witnesses.setdefault((r, 1 if dy > 0 else -1), []).append(support)


def _mirrors(
    table: CellTable, moved: np.ndarray, y: np.ndarray, amount: float, other: float
) -> bool:
    """True when the deviation scaled to move the target by ``other`` (opposite sign) keeps
    every moved cell >= 0: one program then witnesses both directions."""
    if other == 0:
        return True
    scaled = y * (other / amount)
    return bool(np.all(table.value[moved] + scaled >= 0))


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
