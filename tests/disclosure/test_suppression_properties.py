"""Properties over random tables: every confidential cell is suppressed and protected (the LP
audit says so), suppressed cells are null with flag c, and no published cell or total changes."""

from __future__ import annotations

import os
from decimal import Decimal

import numpy as np
from cell_tables import Micro, table_from_micro
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradestats.disclosure import Policy, Reason, protect
from tradestats.disclosure.audit import published_unchanged
from tradestats.disclosure.table import CellTable

EXAMPLES = int(os.environ.get("TRADESTATS_DISCLOSURE_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Enterprises come from a small pool, so the same firm trades in several cells (as real
# firms do) and the margins' counts are not the sums of the cells' counts.
FIRMS = [f"E{i}" for i in range(12)]


@st.composite
def contributions(draw: st.DrawFn) -> list[tuple[str, int]]:
    """A cell's declarations: one to five firms, values from tiny to large, sometimes one
    firm dominating."""
    n = draw(st.integers(1, 5))
    firms = draw(st.lists(st.sampled_from(FIRMS), min_size=n, max_size=n, unique=True))
    values = draw(st.lists(st.integers(1, 10**7), min_size=n, max_size=n))
    if draw(st.booleans()):
        values[0] *= draw(st.integers(10, 1000))  # a dominant firm
    return list(zip(firms, values, strict=True))


@st.composite
def flat_tables(draw: st.DrawFn) -> CellTable:
    """One- or two-dimensional tables with margins; some cells empty."""
    rows = [f"R{i}" for i in range(draw(st.integers(1, 5)))]
    cols = [f"C{j}" for j in range(draw(st.integers(1, 5)))]
    micro: list[Micro] = []
    for r in rows:
        for c in cols:
            if draw(st.integers(0, 4)) == 0:
                continue  # an empty cell (known zero, not in the table)
            micro += [((r, c), f, v) for f, v in draw(contributions())]
    if not micro:
        micro = [((rows[0], cols[0]), "E0", 1)]
    if len(cols) == 1:
        return table_from_micro(("partner",), [((k[0],), f, v) for k, f, v in micro])
    return table_from_micro(("partner", "hs"), micro)


@st.composite
def nested_tables(draw: st.DrawFn) -> CellTable:
    """Partner x HS where HS nests (chapters > headings > subheadings)."""
    partners = [f"P{i}" for i in range(draw(st.integers(1, 3)))]
    codes, parents = [], {}
    for ch in range(draw(st.integers(1, 3))):
        chapter = f"{ch + 1:02d}"
        for hd in range(draw(st.integers(1, 3))):
            heading = f"{chapter}{hd + 1:02d}"
            parents[heading] = chapter
            for sub in range(draw(st.integers(1, 2))):
                code = f"{heading}{sub + 1:02d}"
                parents[code] = heading
                codes.append(code)
    micro: list[Micro] = []
    for p in partners:
        for code in codes:
            if draw(st.integers(0, 3)) == 0:
                continue
            micro += [((p, code), f, v) for f, v in draw(contributions())]
    if not micro:
        micro = [((partners[0], codes[0]), "E0", 1)]
    return table_from_micro(("partner", "hs6"), micro, {"hs6": parents})


def _check(table: CellTable, policy: Policy) -> None:
    result = protect(table, policy)
    hidden = result.hidden
    sensitive = result.suppression.primary.sensitive
    assert np.all(hidden[sensitive]), "a confidential cell is published"
    report = result.audit()
    assert report.ok, [r for r in report.rows if not r.protected]
    assert report.notes == []
    assert all(r.high > r.low for r in report.rows if r.reason == Reason.SECONDARY)
    # The witness audit (large tables) proves what the linear programs find: each cell it
    # calls protected by a verified deviation has an exact interval at least that wide.
    proven = result.audit("witness")
    assert proven.ok
    exact = {r.key: r for r in report.rows}
    for r in proven.rows:
        if r.proof == "witness":
            tol = 1e-6 * max(1.0, float(r.value))
            assert exact[r.key].low <= r.low + tol and exact[r.key].high >= r.high - tol
    assert published_unchanged(table, hidden, result.shown())
    shown = result.to_arrow().to_pylist()
    for i, row in enumerate(shown):
        if hidden[i]:
            assert row["value"] is None and row["flag"] == "c"
        else:
            assert row["value"] == Decimal(int(table.value[i])).scaleb(-2) and row["flag"] == ""


@SETTINGS
@given(flat_tables())
def test_flat_tables_are_protected(table: CellTable) -> None:
    _check(table, Policy())


@SETTINGS
@given(nested_tables())
def test_nested_tables_are_protected(table: CellTable) -> None:
    _check(table, Policy())


@SETTINGS
@given(flat_tables(), st.integers(2, 6), st.integers(0, 40), st.booleans())
def test_any_policy_is_met(table: CellTable, threshold: int, pct: int, singleton: bool) -> None:
    policy = Policy(threshold=threshold, protection_pct=pct, singleton=singleton, p_percent=15)
    _check(table, policy)
