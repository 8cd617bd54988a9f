"""The checker's data: a stated number, a claim, what it is about, and the report.

Example:
    >>> from decimal import Decimal
    >>> s = Stated(Decimal("45.47"), "CNY", scale=Decimal(10) ** 12, decimals=2)
    >>> s.low(), s.high()
    (Decimal('45465000000000.000'), Decimal('45475000000000.000'))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Measure(StrEnum):
    """What a claim states (the JSON ``measure``)."""

    VALUE = "value"
    YOY = "yoy_pct"
    SHARE = "share_pct"
    SHARE_CHANGE = "share_change_pp"
    COUNT = "count"
    STREAK = "streak"
    RANK = "rank"
    OTHER = "other"
    # Rates that are not year-on-year: never checked as year-on-year growth.
    QOQ = "qoq_pct"  # on the previous quarter
    MOM = "mom_pct"  # on the previous month
    CAGR = "cagr_pct"  # average annual growth over several years
    MULTI_YEAR = "multi_year_pct"  # growth over several years ("up 32.4 % from 2020")
    CONTRIBUTION = "contribution_pp"  # "boosting export growth by 1.8 percentage points"
    CONTRIBUTION_SHARE = "contribution_share_pct"  # "contributed 80 % of the growth"
    GROWTH_DIFF = "growth_diff_pp"  # a gap between growth rates ("7.7 pp faster than")
    CHANGE = "change"  # a change in value ("an increase of 1.55 trillion yuan")
    QUANTITY = "quantity"  # tonnes, units, barrels


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"


class Qualifier(StrEnum):
    """How a number is hedged in the text; decides the comparison rule."""

    EXACT = "exact"  # printed precision: half a unit of the last digit shown
    OVER = "over"  # "over", "more than": strictly greater
    AT_LEAST = "at_least"
    UNDER = "under"  # "less than", "below": strictly smaller
    NEARLY = "nearly"  # "nearly", "almost": a little under
    ABOUT = "about"  # "about", "around": a looser band


@dataclass(frozen=True)
class Stated:
    """A number as printed: ``value`` in the printed scale, times ``scale`` gives units.

    ``decimals`` is how many digits follow the point; for whole counts ending in zeros it is
    negative (780,000 -> -4: the last non-zero digit is the ten-thousands).
    """

    value: Decimal
    unit: str  # CNY, USD, EUR, ..., percent, pp, count, quarters, months, years, rank, t
    scale: Decimal = Decimal(1)
    decimals: int = 0
    qualifier: Qualifier = Qualifier.EXACT

    @property
    def amount(self) -> Decimal:
        """The number in base units (yuan, percent, count)."""
        return self.value * self.scale

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last digit shown, in base units."""
        return Decimal(5) * Decimal(10) ** (-self.decimals - 1) * self.scale

    def low(self) -> Decimal:
        return self.amount - self.half_unit

    def high(self) -> Decimal:
        return self.amount + self.half_unit

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": float(self.value),
            "unit": self.unit,
            "scale": _scale_word(self.scale),
            "decimals": max(self.decimals, 0),
            "qualifier": self.qualifier.value,
        }


_SCALES = {12: "trillion", 9: "billion", 8: "hundred million", 6: "million", 4: "ten thousand"}


def _scale_word(scale: Decimal) -> str | None:
    exp = scale.adjusted()
    return _SCALES.get(exp) if scale != 1 else None


@dataclass
class Subject:
    """What a claim is about: flow and filters, as the engine's query keywords take them."""

    flow: str | None = None  # export, import, total, balance
    partner: str | None = None
    product: str | None = None
    enterprise_type: str | None = None
    brand_type: str | None = None
    trade_mode: str | None = None
    region: str | None = None  # GB/T 2260 province code
    parent_flow: str | None = None  # base of a share, when the text names one
    basis: str = "value_cny"  # growth in yuan unless the text says otherwise
    topic: str = "trade"  # "trade", or what else the number is about (GDP, ...)
    reporter: str = "CHN"  # whose statistics: China's customs unless the text says otherwise
    unknown: str | None = None  # a subject the reference lacks ("fruits"): never guessed
    unknown_dim: str | None = None  # what the unknown stands for: product or region

    DIMS = ("partner", "product", "enterprise_type", "brand_type", "trade_mode", "region")

    def dims(self) -> dict[str, str]:
        return {d: v for d in self.DIMS if (v := getattr(self, d))}

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"flow": self.flow, **self.dims()}
        if self.parent_flow:
            out["parent_flow"] = self.parent_flow
        if self.basis != "value_cny":
            out["basis"] = self.basis
        if self.topic != "trade":
            out["topic"] = self.topic
        if self.reporter != "CHN":
            out["reporter"] = self.reporter
        if self.unknown:
            out["unknown"] = self.unknown
        return out


@dataclass
class Claim:
    """One numeric claim: its exact span in the text and everything learned about it."""

    start: int
    end: int
    text: str
    sentence: str
    measure: Measure
    stated: Stated
    direction: int = 0  # +1 rise, -1 fall, 0 none (growth, pp change)
    role: str = ""  # "previous" for a "from X" level, the level a growth starts from
    detail: str = ""  # count: partners|partners_growing|enterprises; rank: record_high|largest;
    # streak: "quarter" or "month", with ``since`` the first bucket (1-based) when the text says
    since: int | None = None
    paired: int | None = None  # index of the claim this one converts ("yuan ($...)")
    subject: Subject = field(default_factory=Subject)
    period: str | None = None
    lang: str = "en"  # the language of the sentence: en or zh
    why: list[str] = field(default_factory=list)  # how the subject and period were read
    query: dict[str, Any] | None = None
    computed: Any = None
    verdict: Verdict = Verdict.UNVERIFIABLE
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def resolved(self) -> dict[str, Any]:
        """What the claim was read as, in words a reader checks: subject, period, basis, why."""
        s = self.subject
        basis = s.basis
        if self.measure in (Measure.VALUE, Measure.CHANGE, Measure.QUANTITY):
            unit = self.stated.unit
            basis = "quantity" if self.measure is Measure.QUANTITY else f"value_{unit.lower()}"
        return {"subject": describe(s), "period": self.period, "basis": basis,
                "reporter": s.reporter, "why": list(self.why)}  # fmt: skip

    @property
    def signed(self) -> Decimal:
        """The stated number with the sign its direction word gives (fell 2 -> -2)."""
        return -self.stated.amount if self.direction < 0 else self.stated.amount

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "measure": self.measure.value,
            "subject": self.subject.as_dict(),
            "period": self.period,
            "resolved": self.resolved(),
            "stated": self.stated.as_dict() | {"signed": float(self.signed)},
            "query": self.query,
            "computed": _plain(self.computed),
            "verdict": self.verdict.value,
            "reason": self.reason,
        }


FLOW_WORDS = {"total": "trade", "export": "exports", "import": "imports",
              "balance": "trade balance"}  # fmt: skip


def describe(s: Subject) -> str:
    """A subject in words: ``exports to asean of product new_trio`` (codes as the engine knows
    them, so a reader can repeat the query).

    >>> describe(Subject(flow="export", partner="asean", product="new_trio"))
    'exports, partner asean, product new_trio'
    """
    if s.topic != "trade":
        return f"not trade ({s.topic})"
    parts = [FLOW_WORDS.get(s.flow or "", "no flow named")]
    parts += [f"{d.replace('_', ' ')} {v}" for d, v in s.dims().items()]
    if s.unknown:
        parts.append(f"'{s.unknown}' (not in the reference)")
    if s.reporter != "CHN":
        parts.append(f"as reported by {s.reporter}")
    return ", ".join(parts)


@dataclass
class Finding:
    """A consistency check over several claims, needing no data."""

    check: str  # parts_sum, balance, share_base, growth_levels, parts_growth, exchange_rate, ...
    ok: bool
    message: str
    claims: list[int] = field(default_factory=list)
    span: tuple[int, int] | None = None  # where in the text, for a finding about no claim

    def as_dict(self) -> dict[str, Any]:
        status = "ok" if self.ok else "inconsistent"
        out = {"check": self.check, "status": status, "message": self.message,
               "claims": self.claims}  # fmt: skip
        if self.span is not None:
            out["span"] = list(self.span)
        return out


@dataclass
class Report:
    """What ``check`` returns: the text, its claims and the consistency findings."""

    text: str
    claims: list[Claim]
    consistency: list[Finding]
    article_date: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_date": self.article_date,
            "claims": [c.as_dict() for c in self.claims],
            "consistency": [f.as_dict() for f in self.consistency],
        }

    def count(self, verdict: Verdict) -> int:
        return sum(c.verdict is verdict for c in self.claims)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value
