"""A table as disclosure control sees it: cells, their per-cell statistics, and how they add up.

A table is every cell of a breakdown *and every margin*: for dimensions ``partner`` x ``hs2``
the interior cells (KOR, 85), the partner totals (KOR, TOTAL), the chapter totals (TOTAL, 85)
and the grand total (TOTAL, TOTAL). A hierarchical dimension (HS: chapter > heading >
subheading) carries codes of every level, and ``parents`` says which code each one adds up to.

Each cell holds the statistics the rules need, and nothing else:

- ``value``: the exact cell total in the smallest money unit (fen or cents, an integer);
- ``contributors``: the number of distinct enterprises with records in the cell;
- ``top``: the largest enterprise totals in the cell, largest first (as many as the policy's
  largest dominance ``n``, at least two).

The additivity relations follow from the keys: a cell whose code on dimension ``d`` is not
TOTAL is a child of the cell with that code replaced by its parent code. The parent equals the
sum of its children; that is all an intruder may use, besides knowing every value is >= 0.

Example:
    >>> rows = [(("KOR",), 700, 5, (300, 200)), (("USA",), 300, 1, (300,))]
    >>> t = CellTable.build(("partner",), [*rows, ((TOTAL,), 1000, 6, (300, 300))])
    >>> t.index[("KOR",)], len(t.relations)
    (0, 1)
    >>> t.relations[0].parent, t.relations[0].children.tolist()
    (2, [0, 1])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from tradestats.errors import UsageError

TOTAL = "__total__"  # the code of a margin: every code of the dimension added up

Key = tuple[str | None, ...]
CellRow = tuple[Key, int, int, Sequence[int]]  # key, value, contributors, top values


@dataclass(frozen=True)
class Relation:
    """``cells[parent] == sum(cells[children])`` along dimension ``dim``."""

    dim: int
    parent: int
    children: np.ndarray


@dataclass
class CellTable:
    """Cells (interior and margins) with their statistics and additivity relations."""

    dims: tuple[str, ...]
    keys: list[Key]
    value: np.ndarray  # int64, smallest money unit
    contributors: np.ndarray  # int64
    top: np.ndarray  # int64 (cells x n), 0 where the cell has fewer contributors
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    index: dict[Key, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    _child_of: list[list[int]] = field(default_factory=list, repr=False)
    _incidence: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        dims: Sequence[str],
        rows: Iterable[CellRow],
        parents: Mapping[str, Mapping[str, str]] | None = None,
    ) -> CellTable:
        """A table from (key, value, contributors, top values) rows; relations are derived.

        ``parents[dim][code]`` is the parent code of a hierarchical dimension's code (absent:
        TOTAL). Raises UsageError when a margin a relation needs is missing, or a key repeats.
        """
        rows = list(rows)
        width = max([2, *(len(r[3]) for r in rows)])
        top = np.zeros((len(rows), width), dtype=np.int64)
        for i, r in enumerate(rows):
            ordered = sorted((int(v) for v in r[3]), reverse=True)
            top[i, : len(ordered)] = ordered
        table = cls(
            dims=tuple(dims),
            keys=[tuple(r[0]) for r in rows],
            value=np.array([int(r[1]) for r in rows], dtype=np.int64),
            contributors=np.array([int(r[2]) for r in rows], dtype=np.int64),
            top=top,
            parents={d: dict(m) for d, m in (parents or {}).items()},
        )
        table._link()
        return table

    def __len__(self) -> int:
        return len(self.keys)

    def parent_code(self, dim: int, code: str | None) -> str:
        """The code that ``code`` adds up to on dimension ``dim`` (TOTAL for a flat one)."""
        return self.parents.get(self.dims[dim], {}).get(code or "", TOTAL)

    def is_margin(self, i: int) -> bool:
        """True for a cell with TOTAL on some dimension."""
        return TOTAL in self.keys[i]

    def _link(self) -> None:
        """Index the keys and derive the relations (each missing parent is an error)."""
        self.index = {}
        for i, key in enumerate(self.keys):
            if len(key) != len(self.dims):
                raise UsageError(f"cell {key} has {len(key)} codes for {len(self.dims)} dimensions")
            if key in self.index:
                raise UsageError(f"cell {key} appears twice in the table")
            self.index[key] = i
        groups: dict[tuple[int, Key], list[int]] = {}
        for i, key in enumerate(self.keys):
            for d, code in enumerate(key):
                if code == TOTAL:
                    continue
                up = (*key[:d], self.parent_code(d, code), *key[d + 1 :])
                groups.setdefault((d, up), []).append(i)
        self.relations = []
        for (d, up), children in sorted(groups.items(), key=lambda g: (g[0][0], g[1][0])):
            if up not in self.index:
                raise UsageError(
                    f"the table has no margin {_show(up)} for the cells under it on "
                    f"{self.dims[d]}: disclosure control needs every total of the table"
                )
            self.relations.append(Relation(d, self.index[up], np.array(children, dtype=np.int64)))

    def siblings(self, i: int) -> set[int]:
        """Cells that add up with cell ``i`` to a common parent (its row and column mates).

        A single-enterprise sibling's enterprise knows its own value: the intruder that the
        policy's ``singleton`` option guards against. (An ancestor's only enterprise is the
        cell's own, a descendant's is one of its own: neither is such an outsider.)
        """
        if not self._child_of:
            self._child_of = [[] for _ in self.keys]
            for r, rel in enumerate(self.relations):
                for c in rel.children.tolist():
                    self._child_of[c].append(r)
        out: set[int] = set()
        for r in self._child_of[i]:
            out |= set(self.relations[r].children.tolist())
        out.discard(i)
        return out

    def incidence(self) -> tuple[np.ndarray, np.ndarray]:
        """``(child_rel, parent_rel)``, cells x dimensions: the relation in which each cell is a
        child (its parent's sum) along each dimension, and the one in which it is the parent;
        -1 where there is none (a total along that dimension; a cell without children).

        A cell is a child in at most one relation per dimension and a parent in at most one.
        """
        if self._incidence is None:
            n, d = len(self.keys), len(self.dims)
            child = np.full((n, d), -1, dtype=np.int64)
            parent = np.full((n, d), -1, dtype=np.int64)
            for r, rel in enumerate(self.relations):
                child[rel.children, rel.dim] = r
                parent[rel.parent, rel.dim] = r
            self._incidence = (child, parent)
        return self._incidence

    def are_mates(self, i: int, j: int) -> bool:
        """True when cells ``i`` and ``j`` add up to a common parent (``siblings`` of each
        other), without listing a whole row.

        >>> t = CellTable.build(("p",), [(("A",), 1, 1, (1,)), (("B",), 2, 1, (2,)),
        ...                              ((TOTAL,), 3, 2, (2, 1))])
        >>> t.are_mates(0, 1), t.are_mates(0, 2)
        (True, False)
        """
        child, _ = self.incidence()
        a, b = child[i], child[j]
        return i != j and bool(np.any((a == b) & (a >= 0)))

    def matrix(self) -> sp.csr_matrix:
        """Relations x cells: +1 for each child, -1 for the parent (rows sum to 0 on the data)."""
        rows, cols, vals = [], [], []
        for r, rel in enumerate(self.relations):
            rows.extend([r] * (len(rel.children) + 1))
            cols.extend([*rel.children.tolist(), rel.parent])
            vals.extend([1.0] * len(rel.children) + [-1.0])
        shape = (len(self.relations), len(self.keys))
        return sp.csr_matrix((vals, (rows, cols)), shape=shape)

    def check_additive(self) -> None:
        """Raise UsageError unless every parent equals the sum of its children, exactly."""
        for rel in self.relations:
            total = int(self.value[rel.children].sum())
            if total != int(self.value[rel.parent]):
                raise UsageError(
                    f"cell {_show(self.keys[rel.parent])} is {self.value[rel.parent]} but its "
                    f"parts on {self.dims[rel.dim]} add up to {total}"
                )

    def label(self, i: int) -> str:
        """A cell's key for people: ``KOR x 85``, ``total x 85``."""
        return _show(self.keys[i])


def _show(key: Key) -> str:
    return " x ".join("total" if c == TOTAL else "(none)" if c is None else str(c) for c in key)
