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

from tradestats.errors import BadParameter
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.query import FlowSel, Selection
from tradestats.indicators.suggest import nearest
from tradestats.indicators.tiling import first_month
from tradestats.records import PROVINCE_CODES, EnterpriseType

_HS_PREFIX = re.compile(r"^\d{2,10}$")
_TRADE_MODE = re.compile(r"^\d{4}$")
BRAND_ALIASES = {"domestic": ("1", "2"), "foreign": ("3", "4"), "none": ("0",)}
OWN_REPORTER = "own"  # the reporter filter's name for rows without a reporter (the store's own)
# Partner WLD rows hold a reporter's declared total over all partners (Comtrade's partner 0,
# "World"). They are never added to the partners: a selection leaves them out unless its
# partner filter names WLD itself (then it holds only what it names, as any include does).
WORLD = "WLD"


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


def in_periods(col: ir.StringValue, periods: Iterable[str], exact: bool) -> ir.BooleanValue:
    """``col`` in the stored ``periods``: BETWEEN runs of months, or exact text when ``exact``.

    BETWEEN is safe only when every period read is a month: '2025-01..2025-02' and '2025' sort
    between months, so with other kinds among the files each period is compared exactly.
    """
    return isin(col, periods) if exact else in_months(col, periods)


def reporter_in(t: ir.Table, reporters: Iterable[str | None]) -> ir.BooleanValue:
    """Rows of ``reporters``; None stands for rows without a reporter."""
    items = set(reporters)
    pred = isin(t.reporter, {r for r in items if r is not None})
    return pred | t.reporter.isnull() if None in items else pred


@dataclass
class Resolver:
    """Resolves names against ``ref`` for a period ending on ``period_end``, over the stored
    ``periods`` read (``exact``: compare them as text, see ``in_periods``)."""

    ref: refapi.ReferenceLike
    period_end: date
    periods: Sequence[str]
    exact: bool = False

    # -- per field: a token -> predicate ------------------------------------------------

    def partner_codes(self, token: str) -> frozenset[str]:
        """ISO code -> itself; Comtrade number or country name -> its code; group name ->
        comparable members at the period end."""
        if refapi.is_partner_code(self.ref, token):
            return frozenset({token.upper()})
        if (code := refapi.partner_alias(self.ref, token)) is not None:
            return frozenset({code})
        group = refapi.partner_group(self.ref, token)
        return frozenset(group.comparable_members(self.period_end))

    def product_pred(self, t: ir.Table, token: str) -> ir.BooleanValue:
        """HS prefix or product group (rules of the edition in force in each month)."""
        if _HS_PREFIX.match(token):
            return t.hs_code.startswith(token)
        group = refapi.product_group(self.ref, token)
        parts = []
        by_edition = self.editions()
        for edition, periods in sorted(by_edition.items()):
            pred = any_of(t.hs_code.startswith(p) for p in group.include(edition))
            if excluded := group.exclude(edition):
                pred = pred & ~any_of(t.hs_code.startswith(p) for p in excluded)
            # The period condition matters only when the periods span two HS editions.
            if len(by_edition) > 1:
                pred = in_periods(t.period, periods, self.exact) & pred
            parts.append(pred)
        return any_of(parts)

    def editions(self) -> dict[str, list[str]]:
        """Stored periods read, by the HS edition in force (a year or run: its first month's)."""
        by_edition: dict[str, list[str]] = {}
        for p in self.periods:
            by_edition.setdefault(self.ref.hs_edition(first_month(p)), []).append(p)
        return by_edition

    def product_prefixes(self, token: str) -> frozenset[str]:
        """Every HS prefix ``token`` classifies by, in the editions of the periods read."""
        if _HS_PREFIX.match(token):
            return frozenset({token})
        group = refapi.product_group(self.ref, token)
        found: set[str] = set()
        for edition in self.editions():
            found.update(group.include(edition), group.exclude(edition))
        return frozenset(found)

    def reporter_codes(self, token: str) -> frozenset[str | None]:
        """``own`` -> None (rows without a reporter); else an ISO code or a country group."""
        if token.strip().lower() == OWN_REPORTER:
            return frozenset({None})
        return frozenset(self.partner_codes(token))

    def trade_mode_codes(self, token: str) -> frozenset[str]:
        if _TRADE_MODE.match(token):
            return frozenset({token})
        return frozenset(refapi.trade_mode_group(self.ref, token).codes)

    @staticmethod
    def enterprise_types(token: str) -> frozenset[str]:
        key = token.strip().lower()
        if key not in EnterpriseType.values():
            hint = nearest(key, EnterpriseType.values())
            raise BadParameter("enterprise_type", f"unknown enterprise type {token!r}", hint=hint)
        return frozenset({key})

    @staticmethod
    def regions(token: str) -> frozenset[str]:
        if token not in PROVINCE_CODES:
            hint = nearest(token, PROVINCE_CODES)
            raise BadParameter(
                "region", f"unknown region {token!r} (2-digit GB/T 2260 code)", hint=hint
            )
        return frozenset({token})

    @staticmethod
    def brand_types(token: str) -> frozenset[str]:
        key = token.strip().lower()
        if key in BRAND_ALIASES:
            return frozenset(BRAND_ALIASES[key])
        if key not in {"0", "1", "2", "3", "4"}:
            hint = nearest(key, [*BRAND_ALIASES, "0", "1", "2", "3", "4"])
            raise BadParameter("brand_type", f"unknown brand type {token!r}", hint=hint)
        return frozenset({key})

    # -- whole selection ------------------------------------------------------------------

    def _tokens_pred(self, t: ir.Table, field: str, tokens: Sequence[str]) -> ir.BooleanValue:
        """Any of ``tokens``: product rules OR-ed, other codes united into one IN list."""
        if field == "product":
            return any_of(self.product_pred(t, token) for token in tokens)
        if field == "reporter":
            return reporter_in(t, frozenset().union(*(self.reporter_codes(k) for k in tokens)))
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
        """The predicate of ``sel`` over ``t``, flows included; World rows left out unless the
        partner filter includes codes (an include never holds WLD unless it names it)."""
        preds = [flow_pred(t, sel.flow)]
        if not sel.partner.include:  # REPORTED TOTALS rule (see WORLD above)
            preds.append(t.partner != WORLD)
        for name, flt in sel.filters().items():
            preds.append(self.field_pred(t, name, flt.include, flt.exclude))
        return all_of(preds)


def flow_pred(t: ir.Table, flow: FlowSel) -> ir.BooleanValue:
    """Rows of the flow; total and balance use exports and imports (never re-exports or
    re-imports: they are "of which" items already inside exports and imports)."""
    if flow in (FlowSel.TOTAL, FlowSel.BALANCE):
        return t.flow.isin(["export", "import"])
    return t.flow == flow.value


def signed(t: ir.Table, column: str, flow: FlowSel) -> ir.NumericValue:
    """The money column, negated for imports when the flow is the balance."""
    col = t[column]
    if flow is FlowSel.BALANCE:
        return ibis.cases((t.flow == "import", -col), else_=col)
    return col
