"""Breakdown keys: add one column per breakdown dimension to the records relation.

Plain dimensions are expressions over a row. Group dimensions (partner_group, product_group) may
overlap (a partner is in ASEAN and RCEP), so the relation is expanded: one filtered copy per group,
stacked with UNION ALL and labelled. Time dimensions label previous-year rows with the aligned
current label (2024-03 -> 2025-03), so one row carries both years.

Example::

    rel = Keys(resolver, selection, period).apply(t, (Dim.PARTNER, Dim.QUARTER))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.periods import Period
from tradestats.indicators.query import Dim, Selection
from tradestats.indicators.resolve import Resolver, isin

_HS_DIGITS = {Dim.HS2: 2, Dim.HS4: 4, Dim.HS6: 6, Dim.HS8: 8}
CHAPTERS = tuple(f"{c:02d}" for c in range(1, 100))


def prefix(col: ir.StringValue, n: int) -> ir.StringValue:
    """First ``n`` characters (NULL when the code is shorter, so 6-digit codes have no hs8)."""
    return ibis.cases((col.length() >= n, col.substr(0, n)), else_=ibis.null("string"))


@dataclass
class Keys:
    """Adds breakdown key columns for one query."""

    resolver: Resolver
    selection: Selection
    period: Period

    def apply(self, t: ir.Table, by: Sequence[Dim]) -> ir.Table:
        """``t`` with one string column per dimension in ``by`` (named after it)."""
        for dim in by:
            if dim is Dim.PARTNER_GROUP:
                t = self._partner_groups(t)
            elif dim is Dim.PRODUCT_GROUP:
                t = self._product_groups(t)
            else:
                t = t.mutate(**{dim.value: self.expr(t, dim)})
        return t

    def expr(self, t: ir.Table, dim: Dim) -> ir.Value:
        """Key expression for a plain dimension."""
        if dim in _HS_DIGITS:
            return prefix(t.hs_code, _HS_DIGITS[dim])
        if dim is Dim.HS_SECTION:
            return self._sections(t)
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
        mapping = {c: s for c in CHAPTERS if (s := refapi.section_label(self.resolver.ref, c))}
        return t.hs_code.substr(0, 2).substitute(mapping, else_=ibis.null("string"))

    def _trade_mode_groups(self, t: ir.Table) -> ir.Value:
        mapping: dict[str, str] = {}
        for name in refapi.trade_mode_group_names(self.resolver.ref):
            try:
                codes = refapi.trade_mode_group(self.resolver.ref, name).codes
            except UsageError:
                continue
            mapping.update({c: name for c in sorted(codes) if c not in mapping})
        # Modes outside every named group fall in "other"; unknown (NULL) stays NULL.
        grouped = t.trade_mode.substitute(mapping, else_=ibis.literal("other"))
        return ibis.cases((t.trade_mode.isnull(), ibis.null("string")), else_=grouped)

    def _stack(self, t: ir.Table, name: str, parts: list[tuple[str, ir.BooleanValue]]) -> ir.Table:
        if not parts:
            raise UsageError(f"no groups to break down by {name}")
        copies = [t.filter(pred).mutate(**{name: ibis.literal(label)}) for label, pred in parts]
        return ibis.union(*copies, distinct=False) if len(copies) > 1 else copies[0]

    def _partner_groups(self, t: ir.Table) -> ir.Table:
        ref = self.resolver.ref
        named = [p for p in self.selection.partner.include if not refapi.is_partner_code(ref, p)]
        names = named or refapi.partner_group_names(ref)
        parts = [(n, isin(t.partner, self.resolver.partner_codes(n))) for n in names]
        return self._stack(t, Dim.PARTNER_GROUP.value, parts)

    def _product_groups(self, t: ir.Table) -> ir.Table:
        named = [p for p in self.selection.product.include if not p.isdigit()]
        names = named or refapi.product_group_names(self.resolver.ref)
        parts = [(n, self.resolver.product_pred(t, n)) for n in names]
        return self._stack(t, Dim.PRODUCT_GROUP.value, parts)
