"""Small tables whose suppressions and audit intervals are worked out by hand."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest
from cell_tables import grid, table_from_micro

from tradestats.disclosure import TOTAL, CellTable, Policy, Reason, protect
from tradestats.disclosure.audit import audit
from tradestats.disclosure.protect import apply_to_result
from tradestats.disclosure.rules import cell_levels, primary
from tradestats.errors import UsageError

T = TOTAL


def _rows(result, reason):
    return sorted(
        result.table.keys[i] for i, r in enumerate(result.suppression.reason) if r is reason
    )


# -- primary rules --------------------------------------------------------------------------


def test_threshold_rule_counts_enterprises_and_protects_ten_percent() -> None:
    # 2 enterprises < 3: confidential; 10 % of 1,234 fen rounded up is 124 fen.
    assert cell_levels(1234, 2, [1000, 234], Policy()) == (Reason.THRESHOLD, 124)
    assert cell_levels(1234, 3, [500, 434], Policy()) == (Reason.PUBLISHED, 0)
    assert cell_levels(0, 0, [], Policy()) == (Reason.PUBLISHED, 0)  # an empty cell


def test_dominance_level_is_what_the_cell_must_grow_by() -> None:
    # Largest of 1,000 holds 990: (1, 85) needs X >= 990 / 0.85 = 1164.7, so 165 more;
    # (2, 90) needs X >= 995 / 0.9 = 1105.6, so 106 more; the larger, 165, beats the 10 % (100).
    assert cell_levels(1000, 5, [990, 5], Policy()) == (Reason.DOMINANCE, 165)
    # 85 % exactly is not more than 85 %: published.
    assert cell_levels(1000, 5, [850, 10], Policy()) == (Reason.PUBLISHED, 0)


def test_p_percent_rule() -> None:
    # X = 1000, x1 = 600, x2 = 350: the rest (50) estimates x1 to within 50 < 10 % of 600.
    policy = Policy(dominance=(), p_percent=10)
    assert cell_levels(1000, 4, [600, 350], policy) == (Reason.P_PERCENT, 100)  # 10 < 100
    assert cell_levels(1000, 4, [500, 300], policy) == (Reason.PUBLISHED, 0)  # rest 200 > 50


def test_lower_protection_never_exceeds_the_value() -> None:
    t = CellTable.build(("p",), [(("A",), 10, 1, [10]), ((T,), 10, 1, [10])])
    found = primary(t, Policy(protection_pct=100))
    assert found.upper.tolist() == [10, 10] and found.lower.tolist() == [10, 10]


# -- one dimension --------------------------------------------------------------------------

ONE = [
    (("A",), 1000, 1, [1000]),
    (("B",), 5000, 9, [900, 800]),
    (("C",), 4000, 8, [700, 600]),
    ((T,), 10000, 18, [1000, 900]),
]


def test_one_dimension_the_cheapest_other_cell_is_hidden() -> None:
    result = protect(CellTable.build(("partner",), ONE), Policy())
    assert _rows(result, Reason.THRESHOLD) == [("A",)]
    assert _rows(result, Reason.SECONDARY) == [("C",)]  # C is smaller than B
    report = result.audit()
    # Published: B = 5,000 and the total 10,000, so A + C = 5,000 with both >= 0.
    by_cell = {r.label: (r.low, r.high) for r in report.rows}
    assert by_cell == {"A": pytest.approx((0, 5000)), "C": pytest.approx((0, 5000))}
    assert report.ok and report.primary == 1 and report.secondary == 1


def test_two_single_enterprise_cells_do_not_protect_each_other() -> None:
    rows = [
        (("A",), 100, 1, [100]),
        (("B",), 100, 1, [100]),
        (("C",), 5000, 10, [600, 500]),
        ((T,), 5200, 12, [600, 500]),
    ]
    # Publicly A + B = 200 protects both; but B's only enterprise knows B, hence A. So C too.
    strict = protect(CellTable.build(("partner",), rows), Policy())
    assert _rows(strict, Reason.SECONDARY) == [("C",)]
    assert strict.audit().ok
    lax = protect(CellTable.build(("partner",), rows), Policy(singleton=False))
    assert _rows(lax, Reason.SECONDARY) == []
    assert lax.audit().ok  # enough for the public intruder, which is all it was asked
    report = audit(lax.suppression, Policy(singleton=True))  # the lax pattern, strictly audited
    assert not report.ok and {r.intruder for r in report.rows if not r.protected} == {"A", "B"}


def test_a_hidden_cell_that_equals_its_total_hides_the_total() -> None:
    rows = [(("A",), 1000, 2, [600, 400]), ((T,), 1000, 2, [600, 400])]
    result = protect(CellTable.build(("partner",), rows), Policy())
    assert sorted(result.table.keys[i] for i in np.flatnonzero(result.hidden)) == [("A",), (T,)]
    row = {r.label: r for r in result.audit().rows}["A"]
    assert row.low == pytest.approx(0) and math.isinf(row.high)


# -- two dimensions with margins ------------------------------------------------------------

#          h1    h2    h3  | total
#   A      20*    5   300  |  325
#   B       6     7   400  |  413
#   C     300   400   500  | 1200
#   total 326   412  1200  | 1938
ROWS, COLS = ["A", "B", "C"], ["h1", "h2", "h3"]
VALUES = [[20, 5, 300], [6, 7, 400], [300, 400, 500]]
FIRMS = [[1, 3, 3], [3, 3, 3], [3, 3, 3]]


def test_two_dimensions_the_small_rectangle_is_hidden_and_the_intervals_hold() -> None:
    table = table_from_micro(("partner", "hs"), grid(ROWS, COLS, VALUES, FIRMS))
    result = protect(table, Policy())
    assert _rows(result, Reason.THRESHOLD) == [("A", "h1")]
    assert _rows(result, Reason.SECONDARY) == [("A", "h2"), ("B", "h1"), ("B", "h2")]
    # With x = (A, h1): (A, h2) = 25 - x, (B, h1) = 26 - x, (B, h2) = x - 13, all >= 0,
    # so x lies in [13, 25], (A, h2) in [0, 12], (B, h1) in [1, 13], (B, h2) in [0, 12].
    got = {r.key: (r.low, r.high) for r in result.audit().rows}
    assert got == {
        ("A", "h1"): pytest.approx((13, 25)),
        ("A", "h2"): pytest.approx((0, 12)),
        ("B", "h1"): pytest.approx((1, 13)),
        ("B", "h2"): pytest.approx((0, 12)),
    }
    report = result.audit()
    row = next(r for r in report.rows if r.key == ("A", "h1"))
    assert (row.need_low, row.need_high) == (18, 22) and row.protected and report.ok


def test_margins_stay_true_and_suppressed_cells_are_null_with_flag_c() -> None:
    table = table_from_micro(("partner", "hs"), grid(ROWS, COLS, VALUES, FIRMS))
    shown = protect(table, Policy()).to_arrow().to_pylist()
    by_key = {(r["partner"], r["hs"]): r for r in shown}
    assert by_key[("total", "total")]["value"] == Decimal("19.38")
    assert by_key[("A", "total")]["value"] == Decimal("3.25")
    assert by_key[("A", "h1")]["value"] is None and by_key[("A", "h1")]["flag"] == "c"
    assert by_key[("C", "h3")]["value"] == Decimal("5.00") and by_key[("C", "h3")]["flag"] == ""


def test_unrestricted_mode_shows_values_and_still_flags_them() -> None:
    table = table_from_micro(("partner", "hs"), grid(ROWS, COLS, VALUES, FIRMS))
    shown = protect(table, Policy(), unrestricted=True).to_arrow().to_pylist()
    cell = next(r for r in shown if (r["partner"], r["hs"]) == ("A", "h1"))
    assert (cell["value"], cell["flag"], cell["reason"]) == (Decimal("0.20"), "c", "threshold")


# -- a hierarchy ----------------------------------------------------------------------------

HS = {"0101": "01", "0102": "01", "0201": "02", "0202": "02"}


def test_hierarchy_the_sibling_is_hidden_not_the_chapter() -> None:
    micro = [(("0101",), "e1", 10), *((("0102",), f"f{i}", 30) for i in range(3)),
             *((("0201",), f"g{i}", 50) for i in range(4)),
             *((("0202",), f"h{i}", 100) for i in range(3))]  # fmt: skip
    table = table_from_micro(("hs",), micro, {"hs": HS})
    assert table.index[("01",)] is not None and len(table.relations) == 3
    result = protect(table, Policy())
    assert _rows(result, Reason.THRESHOLD) == [("0101",)]
    assert _rows(result, Reason.SECONDARY) == [("0102",)]
    got = {r.key: (r.low, r.high) for r in result.audit().rows}
    assert got == {("0101",): pytest.approx((0, 100)), ("0102",): pytest.approx((0, 100))}


def test_a_table_without_its_margins_is_refused() -> None:
    with pytest.raises(UsageError, match="no margin total"):
        CellTable.build(("p",), [(("A",), 1, 1, [1]), (("B",), 2, 1, [2])])


def test_a_table_that_does_not_add_up_is_refused() -> None:
    rows = [(("A",), 1, 1, [1]), (("B",), 2, 1, [2]), ((T,), 4, 2, [2, 1])]
    with pytest.raises(UsageError, match="add up to 3"):
        protect(CellTable.build(("p",), rows), Policy())


# -- applying a protection to an engine result ------------------------------------------------


def test_apply_to_result_nulls_every_named_column_of_a_hidden_row() -> None:
    result = protect(CellTable.build(("partner",), ONE), Policy())
    engine_rows = pa.table(
        {
            "partner": ["A", "B", "C"],
            "value_cny": pa.array([Decimal("10.00"), Decimal("50.00"), Decimal("40.00")]),
            "share_pct": [10.0, 50.0, 40.0],
        }
    )
    out = apply_to_result(engine_rows, result, {"partner": "partner"}, ["value_cny", "share_pct"])
    assert out.column("value_cny").to_pylist() == [None, Decimal("50.00"), None]
    assert out.column("share_pct").to_pylist() == [None, 50.0, None]
    assert out.column("flag").to_pylist() == ["c", "", "c"]
    with pytest.raises(ValueError, match="not a cell"):
        apply_to_result(pa.table({"partner": ["Z"]}), result, {"partner": "partner"}, [])
