"""Checks of a text against itself, needing no data.

Figures are compared as intervals (each stated figure covers half a unit of its last digit),
so a check fails only when no set of unrounded figures could make the text true:

- ``parts_sum``: total trade = exports + imports; ``balance``: surplus = exports - imports;
- ``share_base``: a share against the stated part and whole, and against the other bases
  (a share of exports reported as a share of total trade, and vice versa);
- ``growth_levels``: a growth rate against the two levels stated for it ("from X to Y");
- ``parts_growth``: total growth against the growth of exports and of imports;
- ``exchange_rate``: the rate each yuan/dollar pair implies, whether pairs agree, and that a
  bracketed dollar figure is a spot conversion of the yuan figure;
- ``mixed_currency``: a growth rate in dollars beside levels in yuan.

Example:
    >>> from tradestats.checker import extract_claims
    >>> text = "In 2025 exports were 3.00 trillion yuan and imports 2.00 trillion yuan; " \\
    ...        "total trade reached 5.20 trillion yuan."
    >>> [(f.check, f.ok) for f in consistency(extract_claims(text), text)]
    [('parts_sum', False)]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tradestats.checker.model import Claim, Finding, Measure, Qualifier
from tradestats.checker.numbers import fmt_number
from tradestats.checker.resolve import shift_year

FLOW_NAMES = {"total": "total trade", "export": "exports", "import": "imports"}


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
        if o.lo <= 0:
            return Span(Decimal("-Infinity"), Decimal("Infinity"))
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


def consistency(claims: list[Claim], text: str = "") -> list[Finding]:
    """Every consistency finding for a list of resolved claims (see the module docstring)."""
    index = {id(c): i for i, c in enumerate(claims)}
    book = _Book(claims, index)
    out: list[Finding] = []
    for check in (_parts_sum, _balance, _share_base, _growth_levels, _parts_growth,
                  _exchange_rates, _mixed_currency):  # fmt: skip
        out.extend(f for f in check(book) if f.message not in {o.message for o in out})
    return out


class _Book:
    """Claims by (measure, flow, dims, period, currency) for quick pairing."""

    def __init__(self, claims: list[Claim], index: dict[int, int]) -> None:
        self.all = claims
        self.claims = [c for c in claims if c.subject.topic == "trade" and c.period]
        self.index = index
        self._by_key: dict[tuple[object, ...], list[Claim]] = {}
        for c in self.claims:
            if span(c) is not None:
                self._by_key.setdefault(self._key(c), []).append(c)

    @staticmethod
    def _key(c: Claim) -> tuple[object, ...]:
        unit = c.stated.unit if c.measure is Measure.VALUE else "CNY"
        dims = tuple(sorted(c.subject.dims().items()))
        return (c.measure, c.subject.flow, dims, c.period, c.role, unit)

    def find(self, measure: Measure, flow: str | None, dims: dict[str, str], period: str | None,
             unit: str = "CNY", role: str = "") -> Claim | None:  # fmt: skip
        """The first plain (or 'about') claim of that measure, subject, period and currency."""
        key = (measure, flow, tuple(sorted(dims.items())), period, role, unit)
        found = self._by_key.get(key)
        return found[0] if found else None

    def ids(self, *claims: Claim) -> list[int]:
        return [self.index[id(c)] for c in claims]

    def values(self, unit: str = "CNY") -> Iterable[Claim]:
        return (c for c in self.claims if c.measure is Measure.VALUE and c.stated.unit == unit)


def _trillions(s: Span) -> str:
    return fmt_number(s.mid() / Decimal(10) ** 12, 3)


def _parts_sum(book: _Book) -> list[Finding]:
    out = []
    for t in book.values():
        if t.subject.flow != "total" or t.role:
            continue
        dims, p = t.subject.dims(), t.period
        e = book.find(Measure.VALUE, "export", dims, p)
        i = book.find(Measure.VALUE, "import", dims, p)
        if e and i:
            total, parts = span(t), span(e) + span(i)  # type: ignore[operator]
            ok = total is not None and total.meets(parts)
            msg = (f"exports + imports = {e.text} + {i.text} = about {_trillions(parts)} trillion;"
                   f" total stated {t.text}")  # fmt: skip
            out.append(Finding("parts_sum", ok, msg, book.ids(e, i, t)))
    return out


def _balance(book: _Book) -> list[Finding]:
    out = []
    for b in book.values():
        if b.subject.flow != "balance":
            continue
        dims, p = b.subject.dims(), b.period
        e = book.find(Measure.VALUE, "export", dims, p)
        i = book.find(Measure.VALUE, "import", dims, p)
        if e and i:
            diff = span(e) - span(i)  # type: ignore[operator]
            ok = span(b).meets(diff)  # type: ignore[union-attr]
            msg = f"exports - imports = about {_trillions(diff)} trillion; surplus stated {b.text}"
            out.append(Finding("balance", ok, msg, book.ids(e, i, b)))
    return out


def _share_base(book: _Book) -> list[Finding]:
    out = []
    for s in (c for c in book.claims if c.measure is Measure.SHARE and span(c)):
        flow, dims = s.subject.flow, s.subject.dims()
        part = book.find(Measure.VALUE, flow, dims, s.period)
        if part is None:
            continue
        implied: dict[str, tuple[Claim, Span]] = {}
        for base in ("total", "export", "import"):
            whole = book.find(Measure.VALUE, base, {}, s.period)
            if whole is not None and whole is not part:
                implied[base] = (whole, span(part) / span(whole) * 100)  # type: ignore[operator]
        implied = {b: v for b, v in implied.items() if v[1].lo <= 100}  # a part within its whole
        if implied:
            out.append(_share_finding(book, s, part, implied))
    return out


def _share_finding(book: _Book, s: Claim, part: Claim,
                   implied: dict[str, tuple[Claim, Span]]) -> Finding:  # fmt: skip
    stated_base = s.subject.parent_flow or s.subject.flow or "total"
    share = span(s)
    assert share is not None
    fits = [b for b, (_, sp) in implied.items() if sp.meets(share)]
    base_name = FLOW_NAMES.get(stated_base, stated_base)
    if stated_base in fits or (not fits and stated_base not in implied):
        ok = stated_base in fits
        msg = f"{s.text} of {base_name}: {part.text} / whole gives " + ", ".join(
            f"{fmt_number(sp.mid(), 1)} % of {FLOW_NAMES[b]}" for b, (_, sp) in implied.items()
        )
    else:
        ok = False
        sp = implied[stated_base][1] if stated_base in implied else None
        got = f"{fmt_number(sp.mid(), 1)} %" if sp else "unknown"
        other = ", ".join(f"{FLOW_NAMES[b]} ({fmt_number(implied[b][1].mid(), 1)} %)" for b in fits)
        msg = (f"wrong base: {s.text} is stated as a share of {base_name} (that gives {got}) but "
               f"matches the share of {other or 'no stated whole'}")  # fmt: skip
    wholes = [w for w, _ in implied.values()]
    return Finding("share_base", ok, msg, book.ids(s, part, *wholes))


def _growth_levels(book: _Book) -> list[Finding]:
    out = []
    for g in (c for c in book.claims if c.measure is Measure.YOY and span(c)):
        flow, dims = g.subject.flow, g.subject.dims()
        now = book.find(Measure.VALUE, flow, dims, g.period)
        prior = shift_year(g.period, -1) if g.period else None
        before = book.find(Measure.VALUE, flow, dims, prior, role="previous")
        if now and before and before.sentence == g.sentence:
            implied = (span(now) / span(before)) * 100  # type: ignore[operator]
            implied = Span(implied.lo - 100, implied.hi - 100)
            ok = implied.meets(span(g))  # type: ignore[arg-type]
            msg = (f"from {before.text} to {now.text} is {fmt_number(implied.mid(), 1)} % growth;"
                   f" stated {g.text}")  # fmt: skip
            out.append(Finding("growth_levels", ok, msg, book.ids(g, before, now)))
    return out


def _parts_growth(book: _Book) -> list[Finding]:
    out = []
    for gt in (c for c in book.claims if c.measure is Measure.YOY and c.subject.flow == "total"):
        p, dims = gt.period, gt.subject.dims()
        parts = [(book.find(Measure.VALUE, f, dims, p), book.find(Measure.YOY, f, dims, p))
                 for f in ("export", "import")]  # fmt: skip
        if not all(v and g for v, g in parts) or span(gt) is None:
            continue
        now = Span(Decimal(0), Decimal(0))
        prior = Span(Decimal(0), Decimal(0))
        for v, g in parts:
            level, growth = span(v), span(g)  # type: ignore[arg-type]
            now = now + level  # type: ignore[operator]
            prior = prior + level / Span(1 + growth.lo / 100, 1 + growth.hi / 100)  # type: ignore[operator,union-attr]
        implied = now / prior * 100
        implied = Span(implied.lo - 100, implied.hi - 100)
        ok = implied.meets(span(gt))  # type: ignore[arg-type]
        msg = (
            f"exports and imports and their growth imply total growth of "
            f"{fmt_number(implied.lo, 2)} to {fmt_number(implied.hi, 2)} %; stated {gt.text}"
        )
        ids = book.ids(gt, *[c for pair in parts for c in pair if c])
        out.append(Finding("parts_growth", ok, msg, ids))
    return out


def _exchange_rates(book: _Book) -> list[Finding]:
    pairs = []
    for d in book.values("USD"):
        y = book.all[d.paired] if d.paired is not None else None
        y = y if y is not None and y.measure is Measure.VALUE and y.stated.unit == "CNY" else None
        y = y or book.find(Measure.VALUE, d.subject.flow, d.subject.dims(), d.period)
        if y is not None and span(y) and span(d):
            pairs.append((y, d, span(y) / span(d)))  # type: ignore[operator]
    out = []
    for y, d, rate in pairs:
        kind = "a spot conversion of the yuan figure" if d.paired is not None else "a pair"
        msg = (
            f"{y.text} and {d.text} imply {fmt_number(rate.mid(), 3)} yuan per dollar "
            f"({fmt_number(rate.lo, 3)}-{fmt_number(rate.hi, 3)}): {kind} at one rate; the "
            "official dollar series sums each declaration's dollar value and may differ"
        )
        out.append(Finding("exchange_rate", True, msg, book.ids(y, d)))
    for (y1, d1, r1), (y2, d2, r2) in itertools.pairwise(pairs):
        if not r1.meets(r2):
            msg = (
                f"currency pairs imply different rates: {fmt_number(r1.mid(), 3)} "
                f"({y1.text} / {d1.text}) vs {fmt_number(r2.mid(), 3)} ({y2.text} / {d2.text})"
            )
            out.append(Finding("exchange_rate", False, msg, book.ids(y1, d1, y2, d2)))
    return out


def _mixed_currency(book: _Book) -> list[Finding]:
    out = []
    for g in (c for c in book.claims if c.measure is Measure.YOY):
        if g.subject.basis != "value_usd":
            continue
        level = book.find(Measure.VALUE, g.subject.flow, g.subject.dims(), g.period)
        if level is not None and g.sentence == level.sentence:
            msg = (
                f"growth {g.text} is in dollars beside a level in yuan ({level.text}); growth "
                "in yuan differs because the exchange rate moved"
            )
            out.append(Finding("mixed_currency", False, msg, book.ids(g, level)))
    return out
