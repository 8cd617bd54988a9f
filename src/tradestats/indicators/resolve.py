"""Turn a Selection into an Ibis boolean expression over the records table.

Each filter is (union of included codes/groups) minus (union of excluded ones). Partner groups
use the comparable member set: membership at the end of the reporting period, for both years.
Product groups are HS prefix rules that depend on the HS edition in force in each month.

Example (with a reference ``ref`` and records table ``t``)::

    pred = Resolver(ref, date(2025, 12, 31), months).selection(t, selection)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce

import ibis
import ibis.expr.types as ir

from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.query import FlowSel, Selection
from tradestats.indicators.suggest import nearest
from tradestats.records import PROVINCE_CODES, EnterpriseType

_HS_PREFIX = re.compile(r"^\d{2,10}$")
_TRADE_MODE = re.compile(r"^\d{4}$")
BRAND_ALIASES = {"domestic": ("1", "2"), "foreign": ("3", "4"), "none": ("0",)}


def any_of(preds: Iterable[ir.BooleanValue]) -> ir.BooleanValue:
    """OR of ``preds`` (False when empty)."""
    items = list(preds)
    return reduce(lambda a, b: a | b, items) if items else ibis.literal(False)


def all_of(preds: Iterable[ir.BooleanValue]) -> ir.BooleanValue:
    """AND of ``preds`` (True when empty)."""
    items = list(preds)
    return reduce(lambda a, b: a & b, items) if items else ibis.literal(True)


def isin(col: ir.StringColumn, codes: Iterable[str]) -> ir.BooleanValue:
    values = sorted(set(codes))
    return col.isin(values) if values else ibis.literal(False)


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12}-{m % 12 + 1:02d}"


def in_months(col: ir.StringValue, months: Iterable[str]) -> ir.BooleanValue:
    """``col`` in ``months``, written as BETWEEN over runs of consecutive months.

    'YYYY-MM' strings sort like the months they name, and a range comparison is much cheaper
    per row than a long IN list (it is evaluated once per cell of every scan).
    """
    runs: list[list[str]] = []
    for m in sorted(set(months)):
        if runs and _next_month(runs[-1][-1]) == m:
            runs[-1].append(m)
        else:
            runs.append([m])
    return any_of(col == r[0] if len(r) == 1 else col.between(r[0], r[-1]) for r in runs)


@dataclass
class Resolver:
    """Resolves names against ``ref`` for a period ending on ``period_end``, over ``months``."""

    ref: refapi.ReferenceLike
    period_end: date
    months: Sequence[str]

    # -- per field: a token -> predicate ------------------------------------------------

    def partner_codes(self, token: str) -> frozenset[str]:
        """ISO code -> itself; group name -> comparable members at the period end."""
        if refapi.is_partner_code(self.ref, token):
            return frozenset({token.upper()})
        group = refapi.partner_group(self.ref, token)
        return frozenset(group.comparable_members(self.period_end))

    def product_pred(self, t: ir.Table, token: str) -> ir.BooleanValue:
        """HS prefix or product group (rules of the edition in force in each month)."""
        if _HS_PREFIX.match(token):
            return t.hs_code.startswith(token)
        group = refapi.product_group(self.ref, token)
        by_edition: dict[str, list[str]] = {}
        for m in self.months:
            by_edition.setdefault(self.ref.hs_edition(m), []).append(m)
        parts = []
        for edition, months in sorted(by_edition.items()):
            pred = any_of(t.hs_code.startswith(p) for p in group.include(edition))
            if excluded := group.exclude(edition):
                pred = pred & ~any_of(t.hs_code.startswith(p) for p in excluded)
            # The month condition matters only when the months span two HS editions.
            parts.append(pred if len(by_edition) == 1 else in_months(t.period, months) & pred)
        return any_of(parts)

    def trade_mode_codes(self, token: str) -> frozenset[str]:
        if _TRADE_MODE.match(token):
            return frozenset({token})
        return frozenset(refapi.trade_mode_group(self.ref, token).codes)

    @staticmethod
    def enterprise_types(token: str) -> frozenset[str]:
        key = token.strip().lower()
        if key not in EnterpriseType.values():
            hint = nearest(key, EnterpriseType.values())
            raise UsageError(f"unknown enterprise type {token!r}", hint=hint)
        return frozenset({key})

    @staticmethod
    def regions(token: str) -> frozenset[str]:
        if token not in PROVINCE_CODES:
            hint = nearest(token, PROVINCE_CODES)
            raise UsageError(f"unknown region {token!r} (2-digit GB/T 2260 code)", hint=hint)
        return frozenset({token})

    @staticmethod
    def brand_types(token: str) -> frozenset[str]:
        key = token.strip().lower()
        if key in BRAND_ALIASES:
            return frozenset(BRAND_ALIASES[key])
        if key not in {"0", "1", "2", "3", "4"}:
            hint = nearest(key, [*BRAND_ALIASES, "0", "1", "2", "3", "4"])
            raise UsageError(f"unknown brand type {token!r}", hint=hint)
        return frozenset({key})

    # -- whole selection ------------------------------------------------------------------

    def _tokens_pred(self, t: ir.Table, field: str, tokens: Sequence[str]) -> ir.BooleanValue:
        """Any of ``tokens``: product rules OR-ed, other codes united into one IN list."""
        if field == "product":
            return any_of(self.product_pred(t, token) for token in tokens)
        codes = {
            "partner": self.partner_codes,
            "trade_mode": self.trade_mode_codes,
            "enterprise_type": self.enterprise_types,
            "region": self.regions,
            "brand_type": self.brand_types,
        }[field]
        return isin(t[field], frozenset().union(*(codes(token) for token in tokens)))

    def field_pred(
        self, t: ir.Table, field: str, include: Sequence[str], exclude: Sequence[str]
    ) -> ir.BooleanValue:
        """(any included) AND NOT (any excluded); NULL codes never match an include."""
        pred = self._tokens_pred(t, field, include) if include else None
        if exclude:
            # Negation must keep rows whose code is NULL: NOT (NULL IN ...) would drop them.
            no = self._tokens_pred(t, field, exclude).fill_null(False)
            pred = ~no if pred is None else pred & ~no
        return ibis.literal(True) if pred is None else pred

    def selection(self, t: ir.Table, sel: Selection) -> ir.BooleanValue:
        """The predicate of ``sel`` over ``t``, flows included."""
        preds = [flow_pred(t, sel.flow)]
        for name, flt in sel.filters().items():
            preds.append(self.field_pred(t, name, flt.include, flt.exclude))
        return all_of(preds)


def flow_pred(t: ir.Table, flow: FlowSel) -> ir.BooleanValue:
    """Rows of the flow; total and balance use both flows."""
    if flow in (FlowSel.EXPORT, FlowSel.IMPORT):
        return t.flow == flow.value
    return t.flow.isin(["export", "import"])


def signed(t: ir.Table, column: str, flow: FlowSel) -> ir.NumericValue:
    """The money column, negated for imports when the flow is the balance."""
    col = t[column]
    if flow is FlowSel.BALANCE:
        return ibis.cases((t.flow == "import", -col), else_=col)
    return col
