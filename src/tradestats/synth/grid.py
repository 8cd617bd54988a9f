"""Cells: the cross-classification every target is a sum over.

A cell is (period, flow, partner, product class, enterprise type, brand class). The partner
axis holds single partners (or, for the conflict check, partner *signatures*: the combination
of group memberships); the product axis holds product signatures (new trio and high-tech, ...).
Because cells are disjoint, overlapping groups (ASEAN inside Belt and Road) are just different
unions of cells, and raking over them is well defined.

Example:
    >>> import numpy as np
    >>> axes = Axes(24, 2, 2, {"asean": np.array([True, False])},
    ...             {"new_trio": np.array([False, True])})
    >>> axes.shape
    (24, 2, 2, 2, 4, 2)
    >>> int(axes.mask({"partner_group": "asean", "flow": "export"}, 2025).sum())
    192
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradestats.errors import UsageError
from tradestats.records import EnterpriseType

FLOWS = ("export", "import")
ENTERPRISE_TYPES = tuple(EnterpriseType.values())
BRANDS = ("other", "domestic")


@dataclass
class Axes:
    """The axes of a cell grid; ``periods`` is 24 months or 8 quarters (2024 first)."""

    periods: int
    n_partners: int
    n_products: int
    partner_groups: dict[str, np.ndarray]
    product_groups: dict[str, np.ndarray]

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.periods, 2, self.n_partners, self.n_products, len(ENTERPRISE_TYPES), 2)

    def period_year_quarter(self) -> tuple[np.ndarray, np.ndarray]:
        """Year and quarter of each period slot."""
        per_year = self.periods // 2
        slot = np.arange(self.periods)
        return 2024 + slot // per_year, (slot % per_year) * 4 // per_year + 1

    def predicates(self, scope: dict[str, str], year: int) -> list[np.ndarray]:
        """One boolean array per axis: which positions the scope (in ``year``) includes."""
        years, quarters = self.period_year_quarter()
        period = years == year
        if "quarter" in scope:
            period &= quarters == int(scope["quarter"])
        shape = self.shape
        preds = [period, _pick(FLOWS, scope.get("flow"))]
        preds.append(_group(self.partner_groups, scope.get("partner_group"), shape[2], "partner"))
        preds.append(_group(self.product_groups, scope.get("product_group"), shape[3], "product"))
        preds.append(_pick(ENTERPRISE_TYPES, scope.get("enterprise_type")))
        preds.append(_pick(BRANDS, scope.get("brand")))
        return preds

    def mask(self, scope: dict[str, str], year: int) -> np.ndarray:
        """The scope as a flat boolean mask over every cell of the grid."""
        out = np.ones((), dtype=bool)
        for axis, pred in enumerate(self.predicates(scope, year)):
            shape = [1] * len(self.shape)
            shape[axis] = len(pred)
            out = out & pred.reshape(shape)
        return out.ravel()

    def mask_at(self, scope: dict[str, str], year: int, coords: list[np.ndarray]) -> np.ndarray:
        """The scope as a boolean mask over selected cells, given their per-axis coordinates."""
        out = np.ones(len(coords[0]), dtype=bool)
        for pred, coord in zip(self.predicates(scope, year), coords, strict=True):
            out &= pred[coord]
        return out

    def coords(self, flat: np.ndarray) -> list[np.ndarray]:
        """Per-axis coordinates of flat cell indices."""
        return list(np.unravel_index(flat, self.shape))


def _pick(values: tuple[str, ...], wanted: str | None) -> np.ndarray:
    if wanted is None:
        return np.ones(len(values), dtype=bool)
    if wanted not in values:
        raise UsageError(f"{wanted!r} is not one of {', '.join(values)}")
    return np.array([v == wanted for v in values])


def _group(groups: dict[str, np.ndarray], name: str | None, size: int, kind: str) -> np.ndarray:
    if name is None:
        return np.ones(size, dtype=bool)
    if name not in groups:
        raise UsageError(f"unknown {kind} group {name!r}")
    return groups[name]


def signatures(groups: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Collapse items to signatures (distinct membership combinations).

    Returns the signature id of each item and each group's membership over signatures.

    >>> a, b = np.array([True, True, False]), np.array([True, False, False])
    >>> sig, member = signatures({"a": a, "b": b})
    >>> sig.tolist(), {k: v.tolist() for k, v in member.items()}
    ([2, 1, 0], {'a': [False, True, True], 'b': [False, False, True]})
    """
    names = sorted(groups)
    if not names:
        return np.zeros(0, dtype=np.int64), {}
    table = np.stack([groups[n] for n in names], axis=1)
    unique, ids = np.unique(table, axis=0, return_inverse=True)
    return ids.ravel(), {n: unique[:, i] for i, n in enumerate(names)}
