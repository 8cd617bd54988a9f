"""Witnesses of protection: deviations of a table that an intruder cannot rule out.

A witness is a change ``y`` of some suppressed cells that keeps every additivity relation of
the table. If ``a + y >= 0`` then ``a + y`` is as consistent with everything published as the
true table ``a``, so the intruder's interval for a cell ``p`` reaches ``a_p + y_p``. A witness
whose cells all stay suppressed stays valid however many more cells are suppressed later.

- An **exact** witness has entries -1, 0, +1 (a product-form deviation, ``hypercube``); scaled
  by a whole number of money units it is checked on integers, with no tolerance.
- A **solver** witness carries the floating-point deviation a linear program returned
  (``lp.deviation``); the audit re-derives the intervals of those cells by linear programs.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> t = CellTable.build(("p",), [(("A",), 60, 1, (60,)), (("B",), 40, 4, (10,)),
    ...                              ((TOTAL,), 100, 5, (60, 10))])
    >>> w = Witness(np.array([0, 1]), np.array([1, -1]))
    >>> w.verify(t, np.array([True, True, False])), w.holds(t.value, 0, 1, 40)
    (True, True)
    >>> w.holds(t.value, 0, 1, 41)     # B cannot go below zero
    False
    >>> w.verify(t, np.array([True, False, False]))   # B is published: it cannot move
    False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradestats.disclosure.table import CellTable

SLACK = 1e-6  # a solver witness' tolerance on a cell staying >= 0, relative to the level


@dataclass(frozen=True)
class Witness:
    """The cells a deviation moves and by how much: ``signs`` (-1/+1, exact) or ``y`` (floats
    of a solver, in money units)."""

    cells: np.ndarray  # int64
    signs: np.ndarray  # int64 for exact witnesses, float64 deviations otherwise

    @property
    def exact(self) -> bool:
        return self.signs.dtype.kind == "i"

    def at(self, cell: int) -> float:
        """The witness' entry for ``cell`` (0 when it does not move it)."""
        hit = np.flatnonzero(self.cells == cell)
        return float(self.signs[hit[0]]) if len(hit) else 0.0

    def holds(self, value: np.ndarray, target: int, direction: int, level: int) -> bool:
        """True when the witness, scaled to move ``target`` by ``level`` in ``direction``,
        keeps every cell it moves >= 0 (exact witnesses: on integers)."""
        if level <= 0:
            return True
        s = self.at(target)
        if s == 0:
            return False
        if self.exact:
            down = (direction * int(s)) * self.signs < 0
            return bool(np.all(value[self.cells[down]] >= level))
        y = self.signs * (direction * level / s)
        # a solver's deviation meets its bounds to within its tolerance, relative to the level
        return bool(np.all(value[self.cells] + y >= -SLACK * level))

    def verify(self, table: CellTable, suppressed: np.ndarray) -> bool:
        """True when every cell it moves is suppressed and, for an exact witness, every
        relation of the table holds on it exactly (each parent moves by its children's sum)."""
        if not bool(np.all(suppressed[self.cells])):
            return False
        return not self.exact or self.balanced(table)

    def balanced(self, table: CellTable) -> bool:
        """True when every relation holds on the (exact) witness: each parent moves by the sum
        of its children's moves."""
        child, parent = table.incidence()
        moved: dict[int, int] = {}
        for c, s in zip(self.cells.tolist(), self.signs.tolist(), strict=True):
            for r in child[c].tolist():
                if r >= 0:
                    moved[r] = moved.get(r, 0) + s
            for r in parent[c].tolist():
                if r >= 0:
                    moved[r] = moved.get(r, 0) - s
        return all(v == 0 for v in moved.values())
