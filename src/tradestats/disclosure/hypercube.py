"""Complementary suppression without a solver, for large tables: product-form deviations.

A deviation of a table is a change of its cells that keeps every additivity relation. Along one
dimension, a *line deviation* is a change of the codes that keeps that dimension's relations:
``+1`` on the cell's code and ``-1`` on a sibling code (their parent is unchanged), or ``+1`` on
the code and on its parent, and so on up to the total or to a sibling of an ancestor. When a
code that moves has children, one child (and one of its children ...) moves with it. The
product of one line deviation per dimension is a deviation of the whole table, because each
relation runs along one dimension with the other codes fixed. In two dimensions it is the
rectangle of tau-Argus' hypercube method: the cell, a cell beside it in its row, one in its
column and the corner opposite, with signs + - - +.

Such a deviation ``D`` (entries -1, 0, +1) proves protection exactly: if every cell it moves is
suppressed, and ``a + t * D >= 0``, then ``a + t * D`` is a table consistent with everything
published, so an intruder cannot narrow the target below ``t`` on that side. No floating point
is involved: ``witness.verify`` checks the relations on integers, which is what the audit does
for large tables (``audit.audit``).

``Cube.search`` finds the cheapest such deviation for a confidential cell among a few line
deviations per dimension (the siblings already suppressed first, then the cheapest), or None;
``secondary.suppress`` falls back to the linear program for the cells it cannot protect this way.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> rows = [(("A", "01"), 50, 1, (50,)), (("A", "02"), 60, 5, (20,)),
    ...         (("B", "01"), 70, 5, (30,)), (("B", "02"), 80, 5, (30,)),
    ...         (("A", TOTAL), 110, 6, (50,)), (("B", TOTAL), 150, 9, (30,)),
    ...         ((TOTAL, "01"), 120, 6, (50,)), ((TOTAL, "02"), 140, 9, (30,)),
    ...         ((TOTAL, TOTAL), 260, 14, (50,))]
    >>> t = CellTable.build(("p", "h"), rows)
    >>> cube = Cube(t)
    >>> hidden = np.zeros(len(t), dtype=bool); hidden[0] = True
    >>> w = cube.search(0, 1, 5, hidden, np.ones(len(t)))
    >>> sorted(zip([t.label(c) for c in w.cells], w.signs.tolist()))
    [('A x 01', 1), ('A x 02', -1), ('B x 01', -1), ('B x 02', 1)]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from tradestats.disclosure.table import CellTable
from tradestats.disclosure.witness import Witness

CANDIDATES = {1: 64, 2: 8, 3: 4}  # line deviations tried per dimension, by table rank
FEW = 3  # beyond this rank, two per dimension


class Cube:
    """The table indexed by codes, for product-form deviations.

    ``child_rel[i, k]`` is the relation in which cell ``i`` is a child along dimension ``k``
    (-1: none, its code there is the total); ``parent_rel[i, k]`` the one in which it is the
    parent (-1: it has no children along ``k``).
    """

    def __init__(self, table: CellTable) -> None:
        self.table = table
        d = len(table.dims)
        self.d = d
        self.codes: list[list[str | None]] = []
        self.position: list[dict[str | None, int]] = []
        for k in range(d):
            codes = sorted({key[k] for key in table.keys}, key=lambda c: (c is None, str(c)))
            self.codes.append(codes)
            self.position.append({c: n for n, c in enumerate(codes)})
        self.radix = [len(c) + 1 for c in self.codes]
        self.cell_of: dict[int, int] = {}
        for i, key in enumerate(table.keys):
            self.cell_of[self._encode([self.position[k][c] for k, c in enumerate(key)])] = i
        self.child_rel, self.parent_rel = table.incidence()
        self.members: list[np.ndarray] = []
        # each relation's children by code along its dimension, for intersecting lines
        self.line_codes: list[np.ndarray] = []
        self.line_cells: list[np.ndarray] = []
        for rel in table.relations:
            # largest first: a down path follows the largest child
            kids = rel.children[np.argsort(-table.value[rel.children], kind="stable")]
            self.members.append(kids)
            at = np.array([self.position[rel.dim][table.keys[c][rel.dim]] for c in
                           rel.children.tolist()], dtype=np.int64)  # fmt: skip
            order = np.argsort(at, kind="stable")
            self.line_codes.append(at[order])
            self.line_cells.append(rel.children[order])

    def _encode(self, codes: Sequence[int]) -> int:
        out = 0
        for k, c in enumerate(codes):
            out = out * self.radix[k] + c
        return out

    def code(self, i: int, k: int) -> int:
        return self.position[k][self.table.keys[i][k]]

    def _down(self, i: int, k: int, sign: int) -> list[tuple[int, int]]:
        """The codes below cell ``i`` along ``k`` that move with it (largest child each)."""
        out = []
        while (r := int(self.parent_rel[i, k])) >= 0:
            i = int(self.members[r][0])
            out.append((self.code(i, k), sign))
        return out

    def lines(
        self, e: int, k: int, need: int, hidden: np.ndarray, price: np.ndarray, many: int
    ) -> list[tuple[float, list[tuple[int, int]]]]:
        """Line deviations of cell ``e`` along dimension ``k``: (price of the cells on the
        target's own line it moves, [(code, sign) ...]) with the target's code at +1, the
        cheapest first. A sibling taking the opposite sign must hold ``need``."""
        value = self.table.value
        own = [(self.code(e, k), 1), *self._down(e, k, 1)]
        out: list[tuple[float, list[tuple[int, int]]]] = []
        r = int(self.child_rel[e, k])
        if r < 0:  # the total along k: +1 on it and on its largest child
            below = int(self.parent_rel[e, k])
            kids: list[int] = self.members[below].tolist() if below >= 0 else []
            for x in kids[:many]:
                out.append((float(price[x]), [*own, (self.code(x, k), 1), *self._down(x, k, 1)]))
            return sorted(out, key=lambda o: o[0])
        chain = own
        at, spent = e, 0.0
        while r >= 0:
            line = self.members[r]
            mates = line[(line != at) & (value[line] >= need)]
            if len(mates):
                cheap = mates[np.argsort(price[mates], kind="stable")[:many]]
                for s in cheap.tolist():
                    moved = [(self.code(s, k), -1), *self._down(s, k, -1)]
                    out.append((spent + float(price[s]), [*chain, *moved]))
            parent = int(self.table.relations[r].parent)
            spent += float(price[parent])
            chain = [*chain, (self.code(parent, k), 1)]
            at, r = parent, int(self.child_rel[parent, k])
        out.append((spent, chain))  # up to the total along k
        out.sort(key=lambda o: o[0])
        return out[:many]

    def _top(self, r: int, k: int) -> int | None:
        """The parent cell of relation ``r`` when it is the total along ``k`` (a margin whose
        change needs no other change along ``k``), else None."""
        parent = int(self.table.relations[r].parent)
        return parent if self.child_rel[parent, k] < 0 else None

    def _line(self, i: int, k: int) -> tuple[int, int, bool] | None:
        """Cell ``i``'s line along ``k`` for a rectangle: (relation, sign of its members in the
        deviation, whether the line's total may move instead). A cell that is a child there
        moves against a mate (-1) or with the line's total (+1); a total along ``k`` moves with
        one of its children (+1). A code in the middle of a hierarchy is left to the product
        search (its parent and its children would both have to move)."""
        up, down = int(self.child_rel[i, k]), int(self.parent_rel[i, k])
        if up >= 0 and down < 0:
            return up, -1, True
        if up < 0 and down >= 0:
            return down, 1, False
        return None

    def _line_of(self, i: int, k: int, like: tuple[int, int, bool]) -> int:
        """The relation of cell ``i`` along ``k`` of the same kind as ``like``."""
        return int(self.child_rel[i, k] if like[1] < 0 else self.parent_rel[i, k])

    def rectangle(
        self,
        e: int,
        direction: int,
        level: int,
        price: np.ndarray,
        frozen: int | None = None,
        hidden: np.ndarray | None = None,
    ) -> Witness | None:
        """In a two-dimensional table, the cheapest rectangle: the target ``e``, a cell ``a``
        of its line along one dimension, ``b`` of its line along the other, and the corner
        ``c`` of ``a``'s and ``b``'s lines, each moving against the target or with it as its
        line demands (``_line``). Lines are intersected by code, so only corners in the table
        are tried; the witness returned is checked against every relation."""
        value = self.table.value
        first, second = self._line(e, 0), self._line(e, 1)
        if first is None or second is None:
            return None
        lines = [first, second]
        if direction < 0 and value[e] < level:
            return None
        # loop over the longer line's cells, intersect along the shorter lines
        k_long = 0 if len(self.members[lines[0][0]]) > len(self.members[lines[1][0]]) else 1
        k_short = 1 - k_long
        long, short = lines[k_long], lines[k_short]

        def holds(cell: int | np.ndarray, sign: int | np.ndarray) -> np.ndarray:
            # a cell the deviation moves down must hold the level
            return np.asarray(value[cell] >= np.where(direction * np.asarray(sign) < 0, level, 0))

        cands = self.members[long[0]]
        cands = cands[cands != e]
        cands = cands[holds(cands, long[1])]
        firsts = [(int(a), long[1]) for a in cands[np.argsort(price[cands], kind="stable")]
                  [: CANDIDATES[2]].tolist()]  # fmt: skip
        if long[2] and (top := self._top(long[0], k_long)) is not None and holds(top, 1):
            firsts.append((top, 1))
        base_codes, base_cells = self.line_codes[short[0]], self.line_cells[short[0]]
        own = self.position[k_short][self.table.keys[e][k_short]]
        best: tuple[float, Witness] | None = None
        for a, sa in sorted(firsts, key=lambda o: price[o[0]]):
            if best is not None and price[a] >= best[0]:
                break
            if frozen == a:
                continue
            other = self._line_of(a, k_short, short)
            if other < 0:
                continue
            _, ib, ic = np.intersect1d(
                base_codes, self.line_codes[other], assume_unique=True, return_indices=True
            )
            mates = base_codes[ib] != own
            b, c = base_cells[ib][mates], self.line_cells[other][ic][mates]
            sb = np.full(len(b), short[1], dtype=np.int64)
            if short[2]:
                top_b, top_c = self._top(short[0], k_short), self._top(other, k_short)
                if top_b is not None and top_c is not None:
                    b, c, sb = np.append(b, top_b), np.append(c, top_c), np.append(sb, 1)
            if not len(b):
                continue
            sc = sa * sb
            ok = holds(b, sb) & holds(c, sc)
            if frozen is not None:
                ok &= (b != frozen) & (c != frozen)
            if not ok.any():
                continue
            total = np.where(ok, price[a] + price[b] + price[c], np.inf)
            pick = int(np.argmin(total))
            if best is None or total[pick] < best[0]:
                w = Witness(
                    np.array([e, a, int(b[pick]), int(c[pick])], dtype=np.int64),
                    np.array([1, sa, int(sb[pick]), int(sc[pick])], dtype=np.int64),
                )
                if len(set(w.cells.tolist())) == 4 and w.balanced(self.table):
                    best = (float(total[pick]), w)
                    if hidden is not None and bool(hidden[w.cells].all()):
                        break  # nothing new to suppress: no rectangle does better
        return None if best is None else best[1]

    def corners(self, e: int, vectors: Sequence[list[tuple[int, int]]]) -> Witness | None:
        """The product of one line deviation per dimension, or None when a corner cell is not
        in the table (an empty cell is known to be empty, so it cannot move)."""
        cells, signs = [], []
        base = [self.code(e, k) for k in range(self.d)]
        for combo in itertools.product(*vectors):
            codes = list(base)
            sign = 1
            for k, (code, s) in enumerate(combo):
                codes[k] = code
                sign *= s
            i = self.cell_of.get(self._encode(codes))
            if i is None:
                return None
            cells.append(i)
            signs.append(sign)
        if len(set(cells)) != len(cells):
            return None
        return Witness(np.array(cells, dtype=np.int64), np.array(signs, dtype=np.int64))

    def search(
        self,
        e: int,
        direction: int,
        level: int,
        hidden: np.ndarray,
        price: np.ndarray,
        frozen: int | None = None,
    ) -> Witness | None:
        """The cheapest product-form deviation found that moves cell ``e`` by ``level`` in
        ``direction`` (+1 up, -1 down) keeping every cell >= 0 and not moving ``frozen``.

        Price: the sum over the cells it moves of ``price`` (a suppressed cell is cheap).
        """
        if self.d == 2:
            w = self.rectangle(e, direction, level, price, frozen, hidden)
            if w is not None:
                return w
        many = CANDIDATES.get(self.d, 2) if self.d <= FEW else 2
        # Going up, a sibling on the target's own line goes down by the level; going down,
        # the corners that go down are checked once the product is known.
        need = level if direction > 0 else 0
        per_dim = [self.lines(e, k, need, hidden, price, many) for k in range(self.d)]
        if any(not p for p in per_dim):
            return None
        best: tuple[float, Witness] | None = None
        combos = sorted(
            itertools.product(*(range(len(p)) for p in per_dim)),
            key=lambda ix: sum(per_dim[k][j][0] for k, j in enumerate(ix)),
        )
        value = self.table.value
        for ix in combos:
            bound = sum(per_dim[k][j][0] for k, j in enumerate(ix))
            if best is not None and bound >= best[0]:
                break
            w = self.corners(e, [per_dim[k][j][1] for k, j in enumerate(ix)])
            if w is None or (frozen is not None and frozen in w.cells):
                continue
            if not w.holds(value, e, direction, level):
                continue
            total = float(price[w.cells].sum() - price[e])
            if best is None or total < best[0]:
                best = (total, w)
        return None if best is None else best[1]
