"""The mirror table: two answers of the engine, joined partner by partner.

For a reporter R and flow ``export``: R's exports to each partner P (``by=partner``) beside
P's imports from R (``partner=R``, ``by=reporter``), over the reporters the store holds. Exports
are usually valued FOB and imports CIF, so where both are complete the ratio of the two is the
CIF/FOB ratio, and the gap the freight and insurance plus every asymmetry (timing, partner
attribution, confidentiality, re-exports through a third country). A partner that does not
report (or is not in the store) has no mirror figure: its row carries the reporter's side only,
and the other way round.

Columns: ``partner``; ``<basis>`` (the reporter's figure), ``<basis>_mirror`` (the partner's),
``<basis>_gap`` (mirror minus reported, exact money); ``mirror_ratio_pct`` (mirror / reported x
100) and ``mirror_gap_pct`` (gap / reported x 100), both exact to 20 decimals, NULL where a
side is missing or the reported figure is 0; ``flag`` ``c`` where the store's disclosure policy
withholds a side (both sides are answered through ``Engine.answer``). Rows: the reporter's
largest partners first, then partners found on the mirror side only.

Example (a store holding both sides; see tests/engine/test_mirror.py):
    >>> mirror_table(engine, "2025", "CHN").column_names  # doctest: +SKIP
    ['partner', 'value_usd', 'value_usd_mirror', 'value_usd_gap', 'mirror_ratio_pct', ...]
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from tradestats.errors import NoData
from tradestats.indicators.derive import RATIO_TYPE, ratio
from tradestats.records import MONEY_TYPE

OTHER = {"export": "import", "import": "export"}


def _side(engine: Any, by: str, **kw: Any) -> tuple[dict[str, Any], set[str]]:
    """One side as {code: value} and the codes withheld under the store's disclosure policy
    (``Engine.answer``: a withheld value is null, flag c)."""
    try:
        table = engine.answer(by=by, **{k: v for k, v in kw.items() if v is not None})
    except NoData:
        return {}, set()
    codes = table.column(by).to_pylist()
    values = dict(zip(codes, table.column(kw["measures"]).to_pylist(), strict=True))
    flags = table.column("flag").to_pylist() if "flag" in table.column_names else []
    return values, {c for c, f in zip(codes, flags, strict=False) if f}


def mirror_table(
    engine: Any,
    period: str,
    reporter: str,
    flow: str = "export",
    basis: str = "value_usd",
    partner: str | None = None,
    product: str | None = None,
    as_of: str | None = None,
) -> pa.Table:
    """The reporter's ``flow`` by partner beside each partner's opposite flow from it."""
    common = {"period": period, "measures": basis, "basis": basis, "product": product,
              "as_of": as_of}  # fmt: skip
    reported, withheld = _side(engine, "partner", reporter=reporter, flow=flow, partner=partner,
                               **common)  # fmt: skip
    if not reported:
        raise NoData(f"the store has no {flow}s of {reporter} for {period}")
    mirrored, hidden = _side(engine, "reporter", reporter=partner, flow=OTHER[flow],
                             partner=reporter, **common)  # fmt: skip
    mirrored.pop(reporter, None)  # a reporter is not its own partner
    withheld |= hidden
    ranked = sorted((p for p in reported if p is not None),
                    key=lambda p: (reported[p] is None, -(reported[p] or 0), p))  # fmt: skip
    order = ranked + sorted(p for p in mirrored if p not in reported and p is not None)
    gap: list[Decimal | None] = []
    ratios: list[Decimal | None] = []
    gaps_pct: list[Decimal | None] = []
    for p in order:
        mine, theirs = reported.get(p), mirrored.get(p)
        both = mine is not None and theirs is not None
        gap.append(theirs - mine if both else None)  # type: ignore[operator]
        ratios.append(ratio(theirs, mine) if both else None)
        gaps_pct.append(ratio(theirs - mine, mine) if both else None)  # type: ignore[operator]
    return pa.table({
        "partner": pa.array(order, pa.string()),
        basis: pa.array([reported.get(p) for p in order], MONEY_TYPE),
        f"{basis}_mirror": pa.array([mirrored.get(p) for p in order], MONEY_TYPE),
        f"{basis}_gap": pa.array(gap, MONEY_TYPE),
        "mirror_ratio_pct": pa.array(ratios, RATIO_TYPE),
        "mirror_gap_pct": pa.array(gaps_pct, RATIO_TYPE),
        "flag": pa.array(["c" if p in withheld else "" for p in order], pa.string()),
    })  # fmt: skip
