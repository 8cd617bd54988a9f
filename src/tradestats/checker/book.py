"""The claims of one text, indexed for the consistency checks: intervals, keys, paragraphs.

A stated figure covers an interval (half a unit of its last digit; "over 20" covers everything
above 20). Claims are filed by what they state (measure, flow, filters, period, reporter,
currency or basis), so a check finds "the exports of the same period" in one look-up.

Two claims filed under one key that cannot both be true ("exports were 5.9 trillion" in a
province's paragraph, "26.99 trillion" in the national one) mean the text speaks of two
subjects that the reading did not tell apart; a check then only combines figures from one
paragraph, where the subject is shared, so a misread subject never becomes a false alarm.

Example:
    >>> from tradestats.checker import extract_claims
    >>> text = ("In 2025, exports were 5.9 trillion yuan.\\n\\n"
    ...         "In 2025, exports nationally were 26.99 trillion yuan.")
    >>> book = Book(extract_claims(text), text)
    >>> [book.ambiguous(c) for c in book.claims]
    [True, True]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tradestats.checker.lexicon import terms
from tradestats.checker.model import Claim, Measure, Qualifier
from tradestats.checker.zhtext import simplify

INF = Decimal("Infinity")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Span:
    """A closed interval of possible true values."""

    lo: Decimal
    hi: Decimal

    def __add__(self, o: Span) -> Span:
        return Span(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Span) -> Span:
        return Span(self.lo - o.hi, self.hi - o.lo)

    def __truediv__(self, o: Span) -> Span:
        """Quotient of positive intervals."""
        if o.lo <= 0 or self.lo < 0:
            return Span(-INF, INF)
        return Span(self.lo / o.hi, self.hi / o.lo)

    def __mul__(self, k: int | Decimal) -> Span:
        """Scaled by a positive number."""
        return Span(self.lo * k, self.hi * k)

    def meets(self, o: Span) -> bool:
        return self.lo <= o.hi and o.lo <= self.hi

    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def span(c: Claim) -> Span | None:
    """The interval a plain or 'about' figure covers (signed); None for other hedges."""
    s = c.stated
    if s.qualifier not in (Qualifier.EXACT, Qualifier.ABOUT):
        return None
    half = s.half_unit if s.qualifier is Qualifier.EXACT else max(s.half_unit, s.amount / 50)
    lo, hi = s.amount - half, s.amount + half
    return Span(-hi, -lo) if c.direction < 0 else Span(lo, hi)


def bounds(c: Claim) -> Span | None:
    """Like ``span`` but hedged figures too: "over 20" is (20, inf), "nearly 7" a little
    under 7 (at most a tenth), "less than 5" (0, 5)."""
    if (exact := span(c)) is not None:
        return exact
    s, a = c.stated, c.stated.amount
    if c.direction < 0:
        return None
    if s.qualifier in (Qualifier.OVER, Qualifier.AT_LEAST):
        return Span(a, INF)
    if s.qualifier is Qualifier.UNDER:
        return Span(Decimal(0), a)
    if s.qualifier is Qualifier.NEARLY:
        return Span(a * Decimal("0.9"), a)
    return None


class Book:
    """Claims by (measure, flow, dims, period, reporter, currency) for quick pairing."""

    def __init__(self, claims: list[Claim], text: str = "") -> None:
        self.all = claims
        self.claims = [c for c in claims if c.subject.topic == "trade" and c.period]
        self.index = {id(c): i for i, c in enumerate(claims)}
        self.text = text
        self._breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
        self._by_key: dict[tuple[object, ...], list[Claim]] = {}
        self._para: dict[int, int] = {}
        # (key, paragraph) -> claims: "the same figure in this paragraph" in one look-up (a
        # scan of the key's claims is quadratic in a long text that repeats its figures).
        self._by_key_para: dict[tuple[tuple[object, ...], int], list[Claim]] = {}
        for c in self.claims:
            if span(c) is not None:
                key = self.key(c)
                self._by_key.setdefault(key, []).append(c)
                self._by_key_para.setdefault((key, self.paragraph(c)), []).append(c)
        self._ambiguous = {k for k, cs in self._by_key.items() if not _agree(cs)}

    @staticmethod
    def key(c: Claim, role: str | None = None) -> tuple[object, ...]:
        """What the claim states, as a key: growth rates are filed by their basis (a dollar
        growth is not a yuan growth), values by their currency, unknown subjects apart."""
        s = c.subject
        dims = tuple(sorted(s.dims().items()))
        role = c.role if role is None else role
        converted = c.paired is not None  # "($3.86 trillion)": a conversion at one spot rate
        return (c.measure, s.flow, dims, s.unknown, s.reporter, c.period, role, Book.unit(c),
                converted)  # fmt: skip

    @staticmethod
    def unit(c: Claim) -> str:
        """The currency a claim is in: a value's own, a growth rate's basis ("CNY" for yuan)."""
        if c.measure is Measure.VALUE:
            return c.stated.unit
        unit = {"value_usd": "USD", "value_eur": "EUR"}.get(c.subject.basis, c.subject.basis)
        return "CNY" if unit == "value_cny" else unit

    def paragraph(self, c: Claim) -> int:
        if (found := self._para.get(id(c))) is None:
            found = self._para[id(c)] = bisect.bisect(self._breaks, c.start)
        return found

    def ambiguous(self, c: Claim) -> bool:
        """Whether another claim under the same key states a figure this one denies."""
        return self.key(c) in self._ambiguous

    def local(self, *claims: Claim) -> bool:
        """Whether figures may be combined: all in one paragraph, or none ambiguous."""
        if len({self.paragraph(c) for c in claims}) <= 1:
            return True
        return not any(self.ambiguous(c) for c in claims)

    def find(self, measure: Measure, flow: str | None, dims: dict[str, str], period: str | None,
             unit: str = "CNY", role: str = "", near: Claim | None = None,
             reporter: str = "CHN", unknown: str | None = None,
             converted: bool = False) -> Claim | None:  # fmt: skip
        """The plain (or 'about') claim of that measure, subject, period and currency, in the
        paragraph of ``near`` when one is there; None when the combination is not local.
        Conversions ("($3.86 trillion)") are found only with ``converted``: a spot conversion
        is not the official dollar series and does not add up with it."""
        key = (measure, flow, tuple(sorted(dims.items())), unknown, reporter, period, role, unit,
               converted)  # fmt: skip
        found = self._by_key.get(key)
        if not found:
            return None
        if near is None:
            return found[0]
        here = self._by_key_para.get((key, self.paragraph(near)))
        best = here[0] if here else found[0]
        return best if self.local(best, near) else None

    def same(self, c: Claim, measure: Measure, flow: str | None,
             dims: dict[str, str] | None = None, period: str | None = None, unit: str = "CNY",
             role: str = "") -> Claim | None:  # fmt: skip
        """``find`` for the subject (``dims`` and unknown words), period and reporter of ``c``
        unless told otherwise (``dims={}``: the whole the subject is part of)."""
        unknown = c.subject.unknown if dims is None else None
        return self.find(measure, flow, c.subject.dims() if dims is None else dims,
                         period or c.period, unit, role, near=c, reporter=c.subject.reporter,
                         unknown=unknown, converted=c.paired is not None)  # fmt: skip

    def ids(self, *claims: Claim) -> list[int]:
        return [self.index[id(c)] for c in claims]

    def values(self, unit: str = "CNY") -> Iterable[Claim]:
        return (c for c in self.claims if c.measure is Measure.VALUE and c.stated.unit == unit)

    def values_any(self) -> Iterable[Claim]:
        """Every value claim, hedged ones ("exceeded 20 trillion") too."""
        return (c for c in self.claims if c.measure is Measure.VALUE)

    def deficit(self, c: Claim) -> bool:
        """Whether the balance word nearest before the figure (or just after it, "$5 billion
        deficit") names a deficit: a balance stated as a deficit is negative."""
        before = simplify(self.text[max(0, c.start - 80) : c.start])
        after = simplify(self.text[c.end : c.end + 12])
        words = [(m.start(), m[0]) for m in _balance_words().finditer(before)]
        if words:
            return words[-1][1].lower() in _negative()
        m = _balance_words().match(after.lstrip())
        return m is not None and m[0].lower() in _negative()


@lru_cache(maxsize=1)
def _negative() -> frozenset[str]:
    return frozenset(w.lower() for w in terms()["negative_balance"])


@lru_cache(maxsize=1)
def _balance_words() -> re.Pattern[str]:
    words = sorted(terms()["flows"]["balance"], key=len, reverse=True)
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)
                               for w in words), re.I)  # fmt: skip


def _agree(claims: list[Claim]) -> bool:
    """Whether one true value could lie in every claim's interval."""
    spans = [s for c in claims if (s := span(c)) is not None]
    return not spans or max(s.lo for s in spans) <= min(s.hi for s in spans)
