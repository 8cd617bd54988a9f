"""The audit: for every suppressed cell, the interval its value could take given everything
published (by linear programs), against the protection it needs.

A confidential cell is protected when the intruder's interval reaches its value minus its lower
protection level and its value plus its upper level (fixed-interval protection). With the
policy's ``singleton`` on, the worst interval over the intruders who each know one single-
enterprise cell beside it counts. Secondary cells need no protection of their own, but their
interval is shown (it is never a single point: they were hidden because they can move).

The report holds true values of confidential cells: it is for the statistics office, never
for publication.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> from tradestats.disclosure.policy import Policy
    >>> from tradestats.disclosure.secondary import suppress
    >>> t = CellTable.build(("p",), [(("A",), 1000, 1, (1000,)), (("B",), 5000, 9, (900, 800)),
    ...     (("C",), 4000, 8, (700, 600)), ((TOTAL,), 10000, 18, (1000, 900))])
    >>> report = audit(suppress(t, Policy()), Policy())
    >>> report.ok, [(r.label, r.low, r.high) for r in report.rows]
    (True, [('A', 0.0, 5000.0), ('C', 0.0, 5000.0)])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import scipy.sparse as sp

from tradestats.disclosure import lp
from tradestats.disclosure.policy import Policy
from tradestats.disclosure.rules import Reason
from tradestats.disclosure.secondary import Suppression
from tradestats.disclosure.table import CellTable
from tradestats.disclosure.witness import Witness
from tradestats.records import VALUE_SCALE


@dataclass(frozen=True)
class AuditRow:
    """One suppressed cell: its value, the interval required and the interval an intruder gets."""

    label: str
    key: tuple[str | None, ...]
    reason: str
    value: int
    need_low: float
    need_high: float
    low: float
    high: float
    protected: bool
    intruder: str  # "public", or the single-enterprise cell whose enterprise gets the worst
    # "lp": low and high are the intruder's exact interval; "witness": they are the bounds two
    # verified deviations prove (the true interval is at least as wide); "none": not computed
    proof: str = "lp"

    def to_json(self) -> dict[str, Any]:
        """Money as exact text in yuan (or the measure's unit), intervals to the cent."""
        return {
            "cell": self.label,
            "key": list(self.key),
            "reason": self.reason,
            "value": money_text(self.value),
            "required": [money_text(self.need_low), money_text(self.need_high)],
            "interval": [money_text(self.low), money_text(self.high)],
            "protected": self.protected,
            "intruder": self.intruder,
            "proof": self.proof,
        }


@dataclass
class AuditReport:
    """Every suppressed cell's row, and whether every confidential cell is protected."""

    dims: tuple[str, ...]
    cells: int
    rows: list[AuditRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.protected for r in self.rows)

    @property
    def primary(self) -> int:
        return sum(r.reason != Reason.SECONDARY for r in self.rows)

    @property
    def secondary(self) -> int:
        return sum(r.reason == Reason.SECONDARY for r in self.rows)

    def summary(self) -> str:
        """One line: cells, suppressions, outcome."""
        failing = sum(not r.protected for r in self.rows)
        verdict = "every confidential cell protected" if self.ok else f"{failing} NOT protected"
        return (
            f"{self.cells} cells over {' x '.join(self.dims)}: {self.primary} confidential, "
            f"{self.secondary} secondary suppressions; {verdict}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "dims": list(self.dims),
            "cells": self.cells,
            "primary": self.primary,
            "secondary": self.secondary,
            "ok": self.ok,
            "rows": [r.to_json() for r in self.rows],
            "notes": self.notes,
        }


LP_CELLS = 2000  # up to this many suppressed cells, method "auto" solves every interval


def audit(result: Suppression, policy: Policy, method: str = "auto") -> AuditReport:
    """Audit the suppression pattern of ``result`` (any pattern: it need not be ours).

    ``method="lp"`` solves the intruder's two linear programs for every suppressed cell (its
    exact interval). ``"witness"`` checks, on integers, the exact deviations the suppression
    recorded (``witness.Witness.verify``): each is a table consistent with everything
    published, so it proves the interval reaches the level on its side; a confidential cell
    without such proof on both sides (or against a single-enterprise neighbour) gets its
    linear programs after all. ``"auto"``: ``lp`` up to ``LP_CELLS`` suppressed cells.
    """
    if method not in ("auto", "lp", "witness"):
        raise ValueError(f"audit method {method!r}: auto, lp or witness")
    hidden = result.suppressed
    if method == "lp" or (method == "auto" and int(hidden.sum()) <= LP_CELLS):
        return _audit_lp(result, policy)
    return _audit_witnesses(result, policy)


def _audit_lp(result: Suppression, policy: Policy, only: list[int] | None = None) -> AuditReport:
    table = result.table
    hidden = result.suppressed
    m = table.matrix()
    public = lp.extremes(table, hidden, targets=only, matrix=m)
    report = AuditReport(table.dims, len(table), notes=list(result.unprotectable))
    single = table.contributors == 1
    for i in np.flatnonzero(hidden).tolist() if only is None else only:
        why = result.reason[i]
        a = float(table.value[i])
        up, down = float(result.primary.upper[i]), float(result.primary.lower[i])
        e = public[i]
        low, high, who = e.low, e.high, "public"
        ok = why is Reason.SECONDARY or _reaches(e, a - down, a + up)
        if ok and why is not Reason.SECONDARY and policy.singleton:
            knowers = sorted(q for q in table.siblings(i) if hidden[q] and single[q])
            q = _first_knower(table, hidden, m, i, (up, -down), knowers)
            if q is not None:
                worst = lp.extremes(table, hidden, targets=[i], known=[q], matrix=m)[i]
                ok, low, high, who = False, worst.low, worst.high, table.label(q)
        row = AuditRow(table.label(i), table.keys[i], str(why), int(a), a - down, a + up,
                       low, high, ok, who)  # fmt: skip
        report.rows.append(row)
    return report


def _audit_witnesses(result: Suppression, policy: Policy) -> AuditReport:
    table = result.table
    hidden = result.suppressed
    single = table.contributors == 1
    checked: dict[int, bool] = {}

    def sound(w: Witness) -> bool:
        if id(w) not in checked:
            checked[id(w)] = w.exact and w.verify(table, hidden)
        return checked[id(w)]

    report = AuditReport(table.dims, len(table), notes=list(result.unprotectable))
    unproven: list[int] = []
    rows: dict[int, AuditRow] = {}
    for i in np.flatnonzero(hidden).tolist():
        why = result.reason[i]
        a = int(table.value[i])
        up, down = int(result.primary.upper[i]), int(result.primary.lower[i])
        if why is Reason.SECONDARY:
            rows[i] = AuditRow(table.label(i), table.keys[i], str(why), a, a, a, math.nan,
                               math.nan, True, "public", "none")  # fmt: skip
            continue
        proven = True
        for sign, level in ((1, up), (-1, down)):
            if level == 0:
                continue
            found = [w for w in result.witnesses.get((i, sign), [])
                     if sound(w) and w.holds(table.value, i, sign, level)]  # fmt: skip
            if not found or (policy.singleton and _known_to_all(table, found, i, hidden, single)):
                proven = False
                break
        if proven:
            rows[i] = AuditRow(table.label(i), table.keys[i], str(why), a, a - down, a + up,
                               a - down, a + up, True, "public", "witness")  # fmt: skip
        else:
            unproven.append(i)
    if unproven:
        for row in _audit_lp(result, policy, only=unproven).rows:
            rows[table.index[row.key]] = row
    report.rows = [rows[i] for i in sorted(rows)]
    return report


def _known_to_all(
    table: CellTable, found: list[Witness], i: int, hidden: np.ndarray, single: np.ndarray
) -> bool:
    """True when a single-enterprise cell beside ``i`` lies in every witness: its enterprise
    knows a cell each of them moves, so none of them protects ``i`` against it."""
    common = set(found[0].cells.tolist())
    for w in found[1:]:
        common &= set(w.cells.tolist())
    return any(q != i and hidden[q] and single[q] and table.are_mates(i, q) for q in common)


def _reaches(e: lp.Extreme, need_low: float, need_high: float) -> bool:
    return lp.reached(e.high, need_high, e.scale) and lp.reached(-e.low, -need_low, e.scale)


def _first_knower(
    table: CellTable,
    hidden: np.ndarray,
    m: sp.csr_matrix,
    i: int,
    amounts: tuple[float, float],
    knowers: list[int],
) -> int | None:
    """The first single-enterprise cell whose enterprise could narrow cell ``i`` below its
    protection, or None. For each side a table consistent with the publication is sought that
    moves ``i`` by its level and moves as little else as it can (moving only suppressed
    cells); a knower that table leaves alone is answered by it, so few programs are solved."""
    if not knowers:
        return None
    cells = np.flatnonzero(hidden)
    flat = np.ones(len(table))
    for amount in amounts:
        if amount == 0:
            continue
        supports: list[set[int]] = []
        for q in knowers:
            if any(q not in s for s in supports):
                continue
            got = lp.deviation(table, i, amount, flat, window=cells, frozen=[q], matrix=m)
            if got is None:
                return q
            supports.append(set(got[0].tolist()))
    return None


def money_text(units: float) -> str | None:
    """Smallest money units as text in the main unit; None for unbounded.

    >>> money_text(123456), money_text(float("inf"))
    ('1234.56', None)
    """
    if math.isinf(units) or math.isnan(units):
        return None
    return f"{Decimal(round(units)).scaleb(-VALUE_SCALE):.{VALUE_SCALE}f}"


def published_unchanged(table: CellTable, hidden: np.ndarray, shown: list[int | None]) -> bool:
    """True when every published cell shows exactly its true value (totals stay true).

    >>> t = CellTable.build(("p",), [(("A",), 1, 1, (1,)), (("__total__",), 1, 1, (1,))])
    >>> published_unchanged(t, np.array([True, True]), [None, None])
    True
    """
    for i, value in enumerate(shown):
        if hidden[i] != (value is None):
            return False
        if value is not None and value != int(table.value[i]):
            return False
    return True
