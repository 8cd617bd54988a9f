"""The door front ends use: protect a table under a policy, then show it or apply it to a result.

``protect`` runs primary and secondary suppression; the outcome shows every published cell with
its true value and every suppressed cell as null with flag ``c`` (Comext's and SDMX's flag for
confidential). In the explicit unrestricted mode (internal use only) values are shown and the
flag still marks what may not leave the office.

``apply_to_result`` is how the engine applies a protection to any breakdown result: rows are
matched to cells by their key columns; the value columns of a suppressed row become null and its
flag ``c``. Every figure derived from a suppressed value (shares, growth, ranks of that row) must
be nulled with it, which is why the caller names every column to clear.

Example:
    >>> from tradestats.disclosure.table import CellTable, TOTAL
    >>> from tradestats.disclosure.policy import Policy
    >>> t = CellTable.build(("partner",), [(("KOR",), 100000, 1, (100000,)),
    ...     (("USA",), 500000, 9, (90000, 80000)), (("VNM",), 400000, 8, (70000, 60000)),
    ...     ((TOTAL,), 1000000, 18, (100000, 90000))])
    >>> shown = protect(t, Policy()).to_arrow()
    >>> shown.column("flag").to_pylist(), shown.column("value").to_pylist()[:2]
    (['c', '', 'c', ''], [None, Decimal('5000.00')])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradestats.disclosure.audit import AuditReport, audit
from tradestats.disclosure.policy import Policy
from tradestats.disclosure.rules import Reason
from tradestats.disclosure.secondary import Suppression, suppress
from tradestats.disclosure.table import TOTAL, CellTable
from tradestats.records import MONEY_TYPE, VALUE_SCALE

FLAG = "c"
TOTAL_LABEL = "total"  # how a margin's code is shown


@dataclass
class Protected:
    """A table after disclosure control (or marked only, in unrestricted mode)."""

    suppression: Suppression
    policy: Policy
    unrestricted: bool = False

    @property
    def table(self) -> CellTable:
        return self.suppression.table

    @property
    def hidden(self) -> np.ndarray:
        return self.suppression.suppressed

    def shown(self) -> list[int | None]:
        """Each cell's value as published (money units), None where suppressed."""
        if self.unrestricted:
            return [int(v) for v in self.table.value]
        return [None if h else int(v) for h, v in zip(self.hidden, self.table.value, strict=True)]

    def flags(self) -> list[str]:
        return [FLAG if h else "" for h in self.hidden]

    def audit(self, method: str = "auto") -> AuditReport:
        """The audit of this protection (``audit.audit``; ``method``: auto, lp, witness)."""
        return audit(self.suppression, self.policy, method)

    def to_arrow(self) -> pa.Table:
        """Dimension columns (margins shown as ``total``), ``value`` (exact), ``flag``; in
        unrestricted mode also the ``reason`` of each suppression."""
        cols: dict[str, pa.Array] = {}
        for d, name in enumerate(self.table.dims):
            cols[name] = pa.array(
                [TOTAL_LABEL if k[d] == TOTAL else k[d] for k in self.table.keys], pa.string()
            )
        money = [None if v is None else Decimal(v).scaleb(-VALUE_SCALE) for v in self.shown()]
        cols["value"] = pa.array(money, MONEY_TYPE)
        cols["flag"] = pa.array(self.flags(), pa.string())
        if self.unrestricted:
            cols["reason"] = pa.array([str(r) for r in self.suppression.reason], pa.string())
        return pa.table(cols)


def protect(table: CellTable, policy: Policy, unrestricted: bool = False) -> Protected:
    """Primary and secondary suppression of ``table`` (checked additive first)."""
    table.check_additive()
    return Protected(suppress(table, policy), policy, unrestricted)


def apply_to_result(
    result: pa.Table,
    protected: Protected,
    keys: Mapping[str, str],
    clear: Sequence[str],
    flag_column: str = "flag",
) -> pa.Table:
    """``result`` with the columns ``clear`` nulled on suppressed rows and a flag column.

    ``keys`` maps each dimension of the protected table to the result's column holding its
    code; a result row whose key is not a cell of the table is an error (the protection was
    computed for another table). A margin row carries ``TOTAL`` in its key column; a null
    code is an ordinary code (an unknown region, say).
    """
    dims = protected.table.dims
    missing = [d for d in dims if d not in keys]
    if missing:
        raise ValueError(f"no result column given for dimension(s) {', '.join(missing)}")
    columns = [result.column(keys[d]).to_pylist() for d in dims]
    hidden = protected.hidden
    mask = []
    for codes in zip(*columns, strict=True) if dims else [()] * result.num_rows:
        key = tuple(None if c is None else str(c) for c in codes)
        i = protected.table.index.get(key)
        if i is None:
            raise ValueError(f"result row {key} is not a cell of the protected table")
        mask.append(bool(hidden[i]))
    flags = pa.array([FLAG if m else "" for m in mask], pa.string())
    out = result
    if not protected.unrestricted:
        keep = pa.array([not m for m in mask])
        for name in clear:
            col = out.column(name)
            nulls = pa.nulls(len(col), col.type)
            out = out.set_column(out.column_names.index(name), name, pc.if_else(keep, col, nulls))
    return out.append_column(flag_column, flags)


def reasons(protected: Protected) -> dict[str, int]:
    """How many cells each reason suppressed, e.g. ``{"threshold": 3, "secondary": 4}``."""
    out: dict[str, int] = {}
    for r in protected.suppression.reason:
        if r is not Reason.PUBLISHED:
            out[str(r)] = out.get(str(r), 0) + 1
    return out
