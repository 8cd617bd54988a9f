"""Breakdown keys: add one column per breakdown dimension to the cube (or the relation).

Plain dimensions are expressions over columns the cube keeps (``cube.py``): raw codes, short HS
prefixes, the period. Group dimensions (partner_group, product_group) may overlap (a partner is in
ASEAN and RCEP): the cube is joined to a small (class, group) table, one row per group a class
belongs to. HS sections and trade-mode groups map a few dozen codes of the small cube. Time
dimensions label previous-year rows with the aligned current label (2024-03 -> 2025-03), so one
row carries both years.

Example::

    rel = Keys(cube, period, register).apply(small, (Dim.PARTNER, Dim.QUARTER))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.cube import PREFIX_DIMS, Cube, Register, prefix_column
from tradestats.indicators.periods import Period
from tradestats.indicators.query import Dim

CHAPTERS = tuple(f"{c:02d}" for c in range(1, 100))


@dataclass
class Keys:
    """Adds breakdown key columns for one plan."""

    cube: Cube
    period: Period
    register: Register

    def apply(self, t: ir.Table, by: Sequence[Dim]) -> ir.Table:
        """``t`` with one string column per dimension in ``by`` (named after it)."""
        for dim in by:
            if dim in (Dim.PARTNER_GROUP, Dim.PRODUCT_GROUP):
                t = self._groups(t, dim)
            else:
                t = t.mutate(**{dim.value: self.expr(t, dim)})
        return t

    def expr(self, t: ir.Table, dim: Dim) -> ir.Value:
        """Key expression for a plain dimension."""
        if dim is Dim.HS_SECTION:
            return self._sections(t)
        if dim in PREFIX_DIMS:
            return t[prefix_column(PREFIX_DIMS[dim])]
        if dim is Dim.TRADE_MODE_GROUP:
            return self._trade_mode_groups(t)
        if dim in (Dim.MONTH, Dim.QUARTER, Dim.YEAR):
            return self._time(t, dim)
        return t[dim.value]

    def _time(self, t: ir.Table, dim: Dim) -> ir.Value:
        # Current and previous year rows share the current year's label.
        y = self.period.year
        if dim is Dim.YEAR:
            return ibis.literal(str(y))
        mm = t.period.substr(5, 2)
        labels = {f"{m:02d}": f"{y}-{m:02d}" for m in range(1, 13)}
        if dim is Dim.QUARTER:
            labels = {f"{m:02d}": f"{y}-Q{(m - 1) // 3 + 1}" for m in range(1, 13)}
        return mm.substitute(labels, else_=ibis.null("string"))

    def _sections(self, t: ir.Table) -> ir.Value:
        ref = self.cube.resolver.ref
        mapping = {c: s for c in CHAPTERS if (s := refapi.section_label(ref, c))}
        return t[prefix_column(2)].substitute(mapping, else_=ibis.null("string"))

    def _trade_mode_groups(self, t: ir.Table) -> ir.Value:
        ref = self.cube.resolver.ref
        mapping: dict[str, str] = {}
        for name in refapi.trade_mode_group_names(ref):
            try:
                codes = refapi.trade_mode_group(ref, name).codes
            except UsageError:
                continue
            mapping.update({c: name for c in sorted(codes) if c not in mapping})
        # Modes outside every named group fall in "other"; unknown (NULL) stays NULL.
        grouped = t.trade_mode.substitute(mapping, else_=ibis.literal("other"))
        return ibis.cases((t.trade_mode.isnull(), ibis.null("string")), else_=grouped)

    def _groups(self, t: ir.Table, dim: Dim) -> ir.Table:
        if not self.cube.labels.get(dim):
            raise UsageError(f"no groups to break down by {dim.value}")
        column, labels = self.cube.group_rows(dim, self.register)
        joined = t.inner_join(labels, t[column] == labels._c)
        return joined.select(*(joined[c] for c in t.columns), **{dim.value: joined._label})
