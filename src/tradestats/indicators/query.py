"""The query model: a selection, measures and a breakdown, validated on construction.

Example:
    >>> q = Query.build(period="2025", flow="export", partner="asean,!VNM",
    ...                 measures="value_cny,yoy_pct", by="partner")
    >>> q.selection.partner
    Filter(include=('asean',), exclude=('VNM',))
    >>> [m.value for m in q.measures]
    ['value_cny', 'yoy_pct']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from tradestats.errors import BadParameter
from tradestats.indicators.suggest import nearest

NEGATION_PREFIXES = ("!", "~")
E = TypeVar("E", bound=StrEnum)


class FlowSel(StrEnum):
    EXPORT = "export"
    IMPORT = "import"
    TOTAL = "total"
    BALANCE = "balance"
    RE_EXPORT = "re_export"
    RE_IMPORT = "re_import"


class Seasonal(StrEnum):
    """What a monthly series is shown as: as recorded, seasonally adjusted, or its trend."""

    NONE = "none"
    SA = "sa"
    TREND = "trend"


# Measures a seasonal adjustment applies to: additive flows (sums over records). Ratios are
# computed from adjusted flows, never adjusted themselves.
SEASONAL_MEASURES = ("value_cny", "value_usd", "value_eur", "quantity", "records")


# UN Comtrade's flow codes, accepted wherever a flow is (Comtrade users type them).
FLOW_CODES = {"x": "export", "m": "import", "rx": "re_export", "rm": "re_import"}


class Measure(StrEnum):
    VALUE_CNY = "value_cny"
    VALUE_USD = "value_usd"
    VALUE_EUR = "value_eur"
    VALUE_CIF_USD = "value_cif_usd"
    VALUE_FOB_USD = "value_fob_usd"
    QUANTITY = "quantity"
    UNIT_VALUE = "unit_value"
    QUANTITY_YOY_PCT = "quantity_yoy_pct"
    UNIT_VALUE_YOY_PCT = "unit_value_yoy_pct"
    NET_WEIGHT_KG = "net_weight_kg"
    RECORDS = "records"
    ENTERPRISES = "enterprises"
    PARTNERS = "partners"
    YOY_PCT = "yoy_pct"
    SHARE_PCT = "share_pct"
    SHARE_CHANGE_PP = "share_change_pp"
    CONTRIBUTION_PP = "contribution_pp"
    PARTNERS_GROWING = "partners_growing"
    GROWTH_STREAK = "growth_streak"
    RANK = "rank"


# Measures of quantities: summed within one unit only (kg and m3 are never added together).
QUANTITY_MEASURES = frozenset(
    {Measure.QUANTITY, Measure.UNIT_VALUE, Measure.QUANTITY_YOY_PCT, Measure.UNIT_VALUE_YOY_PCT}
)
QUANTITY_GROWTH = frozenset({Measure.QUANTITY_YOY_PCT, Measure.UNIT_VALUE_YOY_PCT})
NEEDS_PREVIOUS = frozenset(
    {Measure.YOY_PCT, Measure.SHARE_CHANGE_PP, Measure.CONTRIBUTION_PP, Measure.PARTNERS_GROWING,
     *QUANTITY_GROWTH}
)  # fmt: skip
NEEDS_PARENT = frozenset({Measure.SHARE_PCT, Measure.SHARE_CHANGE_PP, Measure.CONTRIBUTION_PP})
MONEY_ONLY = frozenset(
    {Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR, Measure.VALUE_CIF_USD,
     Measure.VALUE_FOB_USD, Measure.YOY_PCT, Measure.RANK}
)  # fmt: skip
MONEY_MEASURES = frozenset(
    {Measure.VALUE_CNY, Measure.VALUE_USD, Measure.VALUE_EUR, Measure.VALUE_CIF_USD,
     Measure.VALUE_FOB_USD}
)  # fmt: skip
# Other valuations of the same dollars (imports CIF, exports FOB, as a source gives them): summed
# only over rows that have them, never filled from value_usd (a row without one is refused).
VALUATIONS = ("value_cif_usd", "value_fob_usd")
# Measures that never read the basis money column (the others sum, compare or rank it).
BASIS_FREE = MONEY_MEASURES | {
    Measure.QUANTITY, Measure.QUANTITY_YOY_PCT, Measure.NET_WEIGHT_KG, Measure.RECORDS,
    Measure.ENTERPRISES, Measure.PARTNERS,
}  # fmt: skip
# Counts of rows or distinct codes: meaningless over a difference of cumulative figures.
COUNTS = frozenset({Measure.RECORDS, Measure.ENTERPRISES, Measure.PARTNERS})


class Dim(StrEnum):
    PARTNER = "partner"
    PARTNER_GROUP = "partner_group"
    HS_SECTION = "hs_section"
    HS2 = "hs2"
    HS4 = "hs4"
    HS6 = "hs6"
    HS8 = "hs8"
    PRODUCT_GROUP = "product_group"
    ENTERPRISE_TYPE = "enterprise_type"
    TRADE_MODE = "trade_mode"
    TRADE_MODE_GROUP = "trade_mode_group"
    REGION = "region"
    BRAND_TYPE = "brand_type"
    FLOW = "flow"
    REPORTER = "reporter"
    UNIT = "unit"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


TIME_DIMS = frozenset({Dim.MONTH, Dim.QUARTER, Dim.YEAR})


class Basis(StrEnum):
    CNY = "value_cny"
    USD = "value_usd"
    EUR = "value_eur"
    CIF_USD = "value_cif_usd"
    FOB_USD = "value_fob_usd"


# Short spellings of the valuation bases (basis=cif is basis=value_cif_usd).
VALUATION_BASES = {"cif": "value_cif_usd", "fob": "value_fob_usd"}


class Grain(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


def parse_enum(kind: type[E], text: str, what: str, param: str | None = None) -> E:
    """Parse ``text`` into ``kind`` or raise BadParameter (for ``param``, default ``what``)
    suggesting the nearest value."""
    key = text.strip().lower()
    for member in kind:
        if member.value == key:
            return member
    hint = nearest(key, [m.value for m in kind])
    raise BadParameter(param or what, f"unknown {what} {text!r}", hint=hint)


FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def parse_flag(value: str | bool, param: str) -> bool:
    """``true``/``false`` (yes/no, 1/0) or a bool; BadParameter naming ``param`` otherwise.

    >>> parse_flag("yes", "like_for_like"), parse_flag(False, "like_for_like")
    (True, False)
    """
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower()
    if key not in FLAGS:
        raise BadParameter(param, f"{param} is true or false, not {value!r}")
    return FLAGS[key]


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """``"a,b"`` or ``["a", "b,c"]`` -> ``["a", "b", "c"]`` (blanks dropped)."""
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        items: list[object] = [value]  # a lone YAML number such as brand_type: 1
    else:
        items = list(value)
    return [p.strip() for item in items for p in str(item).split(",") if p.strip()]


@dataclass(frozen=True)
class Filter:
    """Codes or group names to keep (empty = all) and to drop; ``!X`` or ``~X`` negates."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @classmethod
    def parse(cls, value: str | Iterable[str] | None) -> Filter:
        """Parse a comma list (or list of them).

        >>> Filter.parse("asean,!VNM")
        Filter(include=('asean',), exclude=('VNM',))
        """
        inc: list[str] = []
        exc: list[str] = []
        for token in split_list(value):
            if token.startswith(NEGATION_PREFIXES):
                exc.append(token[1:].strip())
            else:
                inc.append(token)
        return cls(tuple(inc), tuple(exc))

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)


@dataclass(frozen=True)
class Selection:
    """Which records: flow plus filters on each classification (all optional)."""

    flow: FlowSel = FlowSel.TOTAL
    partner: Filter = Filter()
    product: Filter = Filter()
    enterprise_type: Filter = Filter()
    trade_mode: Filter = Filter()
    region: Filter = Filter()
    brand_type: Filter = Filter()
    reporter: Filter = Filter()

    FILTERS = (
        "partner", "product", "enterprise_type", "trade_mode", "region", "brand_type", "reporter"
    )  # fmt: skip

    @classmethod
    def build(
        cls, flow: str | FlowSel = "total", **filters: str | Iterable[str] | None
    ) -> Selection:
        """Selection from loose values (comma strings or lists)."""
        unknown = set(filters) - set(cls.FILTERS)
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadParameter(sorted(unknown)[0], f"unknown selection field(s): {names}")
        parsed = {k: Filter.parse(v) for k, v in filters.items()}
        text = str(flow)
        text = FLOW_CODES.get(text.strip().lower(), text)
        return cls(flow=parse_enum(FlowSel, text, "flow"), **parsed)

    def flow_total(self) -> Selection:
        """The same flow and reporter(s) with no other filter: the default parent of a share."""
        return Selection(flow=self.flow, reporter=self.reporter)

    def without_product(self) -> Selection:
        """The same selection without its product filter."""
        return replace(self, product=Filter())

    def filters(self) -> dict[str, Filter]:
        return {k: getattr(self, k) for k in self.FILTERS if getattr(self, k)}


@dataclass(frozen=True)
class Query:
    """A whole question: selection, period, measures, breakdown, parent, top-N."""

    selection: Selection
    period: str
    measures: tuple[Measure, ...] = (Measure.VALUE_CNY,)
    by: tuple[Dim, ...] = ()
    top: int | None = None
    parent: Selection | None = None
    basis: Basis = Basis.CNY
    grain: Grain = Grain.QUARTER
    as_of: str | None = None
    seasonal: Seasonal = Seasonal.NONE
    like_for_like: bool = False  # growth over the reporters present in both periods only

    def __post_init__(self) -> None:
        self._check()

    @classmethod
    def build(
        cls,
        period: str,
        flow: str = "total",
        measures: str | Sequence[str] = "value_cny",
        by: str | Sequence[str] | None = None,
        top: int | None = None,
        parent: Selection | dict[str, str] | None = None,
        basis: str = "value_cny",
        grain: str = "quarter",
        as_of: str | None = None,
        seasonal: str = "none",
        like_for_like: str | bool = False,
        **filters: str | Iterable[str] | None,
    ) -> Query:
        """Query from loose values, as the CLI and YAML give them."""
        sel = Selection.build(flow, **filters)
        if isinstance(parent, dict):
            parent = Selection.build(**parent)
        return cls(
            selection=sel,
            period=period,
            measures=tuple(
                parse_enum(Measure, m, "measure", "measures") for m in split_list(measures)
            ),
            by=tuple(parse_enum(Dim, d, "breakdown", "by") for d in split_list(by)),
            top=top,
            parent=parent,
            basis=parse_enum(Basis, VALUATION_BASES.get(basis.strip().lower(), basis), "basis"),
            grain=parse_enum(Grain, grain, "grain"),
            as_of=as_of,
            seasonal=parse_enum(Seasonal, seasonal, "seasonal series", "seasonal"),
            like_for_like=parse_flag(like_for_like, "like_for_like"),
        )

    def parent_selection(self) -> Selection:
        """The parent of shares and contributions (default: same flow's total).

        A parent without a reporter filter takes the selection's: shares are within a reporter.
        """
        if self.parent is None:
            return self.selection.flow_total()
        if self.parent.reporter:
            return self.parent
        return replace(self.parent, reporter=self.selection.reporter)

    def per_reporter_parent(self) -> bool:
        """Broken down by reporter with the default parent: each reporter's own total."""
        return self.parent is None and Dim.REPORTER in self.by

    def needs_previous(self) -> bool:
        return any(m in NEEDS_PREVIOUS for m in self.measures)

    def _check(self) -> None:
        if not self.measures:
            raise BadParameter(
                "measures", "no measure asked for", hint=f"one of {', '.join(Measure)}"
            )
        if len(set(self.measures)) != len(self.measures):
            raise BadParameter("measures", "a measure is listed twice")
        if len(set(self.by)) != len(self.by):
            raise BadParameter("by", "a breakdown is listed twice")
        if self.top is not None and self.top < 1:
            raise BadParameter("top", "top must be at least 1")
        if self.selection.flow is FlowSel.BALANCE:
            bad = [m.value for m in self.measures if m not in MONEY_ONLY]
            if bad:
                raise BadParameter(
                    "measures",
                    f"balance (exports - imports) has no {', '.join(bad)}",
                    hint="balance supports value_cny, value_usd, value_eur, yoy_pct, rank",
                )
        if Measure.GROWTH_STREAK in self.measures and TIME_DIMS & set(self.by):
            raise BadParameter(
                "by", "growth_streak cannot be broken down by month, quarter or year"
            )
        if self.seasonal is not Seasonal.NONE:
            self._check_seasonal()

    def _check_seasonal(self) -> None:
        """A seasonal series is one selection's monthly flows, whole (the adjustment needs
        every month of the span and works on sums, not on ratios or a top-N)."""
        if self.by != (Dim.MONTH,):
            raise BadParameter(
                "by", f"seasonal={self.seasonal.value} needs by=month alone",
                hint="adjust one selection's monthly series; filter instead of breaking down",
            )  # fmt: skip
        bad = [m.value for m in self.measures if m.value not in SEASONAL_MEASURES]
        if bad:
            raise BadParameter(
                "measures", f"cannot seasonally adjust {', '.join(bad)}",
                hint=f"adjust flows: {', '.join(SEASONAL_MEASURES)}",
            )  # fmt: skip
        if self.top is not None:
            raise BadParameter("top", "a seasonal series keeps every month: drop top")
