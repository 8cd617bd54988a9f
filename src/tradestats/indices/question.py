"""The parameters of an index question, defined once for `tradestats indices` and the HTTP API.

``INDEX_PARAMS`` lists them (name, help, default, kind, choices) as the query contract does for
queries; ``build_indices`` checks every value and gives an ``IndexQuestion``, whose ``answer``
computes the table. A value it does not accept is a ``BadParameter`` naming the parameter.

Example:
    >>> q = build_indices({"period": "2024..2025", "formula": "laspeyres", "trim_iqr": "0"})
    >>> q.formula.value, q.trim.k, q.chain
    ('laspeyres', None, 'month')
    >>> build_indices({"period": "2024..2025", "chain": "week"})
    Traceback (most recent call last):
    ...
    tradestats.errors.BadParameter: unknown chain 'week' (known: month, year)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from tradestats.errors import BadParameter, UsageError
from tradestats.indicators.contract import Param
from tradestats.indicators.suggest import choice, nearest
from tradestats.indices.compute import Trim
from tradestats.indices.formulas import Formula
from tradestats.indices.groups import GROUPINGS, parse_by
from tradestats.spans import FORMS, parse_span

CHAINS = ("month", "year")
BASES = ("value_cny", "value_usd", "value_eur")
FORMULAS = tuple(f.value for f in Formula)
INDEX_PARAMS: tuple[Param, ...] = (
    Param("period", f"Span of months: {FORMS}.", required=True),
    Param("base", "Base (index 100): a year or a month of the span; default its first."),
    Param("formula", "Index formula.", "fisher", choices=FORMULAS),
    Param("chain", "Link month by month or year by year.", "month", choices=CHAINS),
    Param("by", "Comma list of index groups.", choices=GROUPINGS),
    Param("basis", "Money basis of the unit values.", "value_cny", choices=BASES),
    Param("trim_iqr", "Tukey fence on log price relatives, in IQRs (0: no fence).", 3.0,
          kind=float),
    Param("trim_cap", "Drop price relatives above this or below its inverse.", 10.0,
          kind=float),
    Param("terms_of_trade", "The terms of trade (export / import price index x 100) instead.",
          False, kind=bool),
    Param("as_of", "Read the store as of a batch id (b000003) or an ISO time."),
)  # fmt: skip
INDEX_NAMES = tuple(p.name for p in INDEX_PARAMS)


@dataclass(frozen=True)
class IndexQuestion:
    """A checked index question; ``answer(engine)`` computes its table."""

    period: str
    base: str | None = None
    formula: Formula = Formula.FISHER
    chain: str = "month"
    by: str | None = None
    basis: str = "value_cny"
    trim: Trim = field(default_factory=Trim)
    terms_of_trade: bool = False
    as_of: str | None = None

    def answer(self, engine: Any) -> pa.Table:
        """Value, price and volume indices per flow and group, or the terms of trade."""
        from tradestats.indices import compute_indices

        return compute_indices(
            engine, self.period, formula=self.formula, base=self.base, by=self.by,
            chain=self.chain, basis=self.basis, trim=self.trim, terms=self.terms_of_trade,
            as_of=self.as_of,
        )  # fmt: skip

    def described(self) -> dict[str, Any]:
        """The question as understood (echoed beside an HTTP answer)."""
        return {
            "period": parse_span(self.period).label, "base": self.base,
            "formula": self.formula.value, "chain": self.chain,
            "by": parse_by(self.by), "basis": self.basis, "trim_iqr": self.trim.k or 0.0,
            "trim_cap": self.trim.cap, "terms_of_trade": self.terms_of_trade,
            "as_of": self.as_of,
        }  # fmt: skip


def _number(name: str, value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BadParameter(name, f"{name} must be a number, not {value!r}") from None


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower()
    if key in ("1", "true", "yes", "on"):
        return True
    if key in ("0", "false", "no", "off", ""):
        return False
    raise BadParameter(name, f"{name} must be true or false, not {value!r}")


def build_indices(values: Mapping[str, Any]) -> IndexQuestion:
    """The IndexQuestion for ``values`` (name -> value; None or absent: the default).

    >>> build_indices({"period": "2025", "by": "hs_section", "terms_of_trade": "true"}).by
    'hs_section'
    """
    for name in values:
        if name not in INDEX_NAMES:
            hint = nearest(str(name), INDEX_NAMES)
            raise BadParameter(str(name), f"unknown parameter {name!r}", hint=hint)
    given = {k: v for k, v in values.items() if v is not None}
    period = str(given.get("period", "")).strip()
    if not period:
        raise BadParameter("period", "a span is needed", hint=f"forms: {FORMS}")
    try:
        parse_span(period)
    except UsageError as err:
        raise BadParameter("period", str(err.message), hint=err.hint) from None
    by = given.get("by")
    try:
        parse_by(by)
    except UsageError as err:
        raise BadParameter("by", str(err.message), hint=err.hint) from None
    k = _number("trim_iqr", given.get("trim_iqr", 3.0))
    cap = _number("trim_cap", given.get("trim_cap", 10.0))
    if k < 0:
        raise BadParameter("trim_iqr", "trim_iqr must be at least 0")
    if cap <= 1:
        raise BadParameter("trim_cap", "trim_cap must exceed 1")
    return IndexQuestion(
        period=period,
        base=str(given["base"]) if given.get("base") else None,
        formula=Formula(choice("formula", given.get("formula", "fisher"), FORMULAS)),
        chain=choice("chain", given.get("chain", "month"), CHAINS),
        by=str(by) if by else None,
        basis=choice("basis", given.get("basis", "value_cny"), BASES),
        trim=Trim(k=k or None, cap=cap),
        terms_of_trade=_flag("terms_of_trade", given.get("terms_of_trade", False)),
        as_of=str(given["as_of"]) if given.get("as_of") else None,
    )
