"""Product-form witnesses and the witness audit, on tables worked by hand.

Values are in money units (fen); the default policy: fewer than 3 enterprises is confidential,
protection 10 % of the value on each side."""

from __future__ import annotations

import numpy as np
import pytest

from tradestats.disclosure import Policy, Reason, protect
from tradestats.disclosure import secondary as secondary_module
from tradestats.disclosure.table import TOTAL, CellTable
from tradestats.disclosure.witness import Witness


def _cell(key: tuple[str, str], value: int, firms: int) -> tuple:
    # firms of equal size, so that only the threshold rule can fire
    return (key, value, firms, tuple([value // firms] * min(firms, 2)))


def _three_by_two() -> CellTable:
    """A01 has one enterprise; every other cell five.

          01    02   total
    A     50    60    110
    B     70    80    150
    C     90   100    190
    tot  210   240    450
    """
    inner = {("A", "01"): 50, ("A", "02"): 60, ("B", "01"): 70, ("B", "02"): 80,
             ("C", "01"): 90, ("C", "02"): 100}  # fmt: skip
    rows = [_cell(k, v, 1 if k == ("A", "01") else 5) for k, v in inner.items()]
    rows += [_cell(("A", TOTAL), 110, 6), _cell(("B", TOTAL), 150, 10),
             _cell(("C", TOTAL), 190, 10), _cell((TOTAL, "01"), 210, 11),
             _cell((TOTAL, "02"), 240, 15), _cell((TOTAL, TOTAL), 450, 21)]  # fmt: skip
    return CellTable.build(("partner", "hs"), rows)


@pytest.fixture
def no_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if complementary suppression needs the linear program."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the product-form search should have found a witness")

    monkeypatch.setattr(secondary_module._Solver, "witness", refuse)


def test_the_cheapest_rectangle_is_suppressed_and_proves_the_protection(no_solver: None) -> None:
    t = _three_by_two()
    result = protect(t, Policy())
    hidden = {t.label(i): str(r) for i, r in enumerate(result.suppression.reason) if r}
    # B's cells are smaller than C's, so cheaper to hide: the rectangle A01 A02 B01 B02
    assert hidden == {"A x 01": "threshold", "A x 02": "secondary", "B x 01": "secondary",
                      "B x 02": "secondary"}  # fmt: skip
    row = {r.label: r for r in result.audit("witness").rows}["A x 01"]
    # 10 % of 50 each side, proved by the deviation +5/-5 on the rectangle's corners
    assert (row.proof, row.low, row.high, row.protected) == ("witness", 45, 55, True)
    # The exact interval: A01 = t, A02 = 110 - t, B01 = 120 - t, B02 = 30 + t, all >= 0
    lp_row = {r.label: r for r in result.audit("lp").rows}["A x 01"]
    assert (lp_row.proof, round(lp_row.low, 6), round(lp_row.high, 6)) == ("lp", 0, 110)


def test_a_forged_witness_is_not_trusted_and_the_audit_solves_instead() -> None:
    t = _three_by_two()
    result = protect(t, Policy())
    a01, a02 = t.index[("A", "01")], t.index[("A", "02")]
    forged = Witness(np.array([a01, a02]), np.array([1, -1]))  # breaks column 01's sum
    assert not forged.verify(t, result.hidden)
    result.suppression.witnesses[(a01, 1)] = [forged]
    row = {r.label: r for r in result.audit("witness").rows}["A x 01"]
    assert row.proof == "lp" and row.protected and round(row.high, 6) == 110


def test_a_witness_moving_a_published_cell_proves_nothing() -> None:
    t = _three_by_two()
    hidden = np.zeros(len(t), dtype=bool)
    cells = [t.index[k] for k in (("A", "01"), ("A", "02"), ("B", "01"), ("B", "02"))]
    w = Witness(np.array(cells), np.array([1, -1, -1, 1]))
    assert w.balanced(t)
    hidden[cells[:3]] = True  # B02 published
    assert not w.verify(t, hidden)
    hidden[cells[3]] = True
    assert w.verify(t, hidden)
    # scaled up by 61 the deviation would take A02 (60) below zero
    assert w.holds(t.value, cells[0], 1, 60) and not w.holds(t.value, cells[0], 1, 61)


def test_a_confidential_total_is_protected_through_one_of_its_cells(no_solver: None) -> None:
    """Chapter 01 has two enterprises in all (A's and B's): its total is confidential, and a
    rectangle through one of its cells and chapter 02 protects it."""
    rows = [_cell(("A", "01"), 300, 1), _cell(("B", "01"), 400, 1), _cell(("A", "02"), 500, 5),
            _cell(("B", "02"), 600, 5), _cell(("C", "02"), 700, 5),
            _cell(("A", TOTAL), 800, 6), _cell(("B", TOTAL), 1000, 6), _cell(("C", TOTAL), 700, 5),
            _cell((TOTAL, "01"), 700, 2), _cell((TOTAL, "02"), 1800, 15),
            _cell((TOTAL, TOTAL), 2500, 17)]  # fmt: skip
    t = CellTable.build(("partner", "hs"), rows)
    result = protect(t, Policy())
    total_01 = t.index[(TOTAL, "01")]
    assert result.suppression.reason[total_01] is Reason.THRESHOLD
    proven = result.audit("witness")
    assert proven.ok
    assert {r.label: r.proof for r in proven.rows}["total x 01"] == "witness"
    assert result.audit("lp").ok
