"""Consistency checks between currencies: the exchange rates a text's money pairs imply.

A pair is a value and its conversion ("26.99 trillion yuan ($3.86 trillion)", a spot
conversion at one rate) or the same subject stated in two currencies ("exports were 25.45
trillion yuan ... in dollar terms $3.58 trillion", the official dollar series, which sums each
declaration's dollar value). Each pair's rate is shown; a rate outside any the two currencies
have traded at (a euro worth 0.77 dollars) is an error, and so are two conversions of one kind
in one paragraph at rates that cannot both hold. A spot conversion and the official dollar
series are not compared: they differ by design (45.47 trillion yuan is $6.51 trillion at the
release day's rate, $6.36 trillion in the dollar series).

Example:
    >>> from tradestats.checker import extract_claims
    >>> from tradestats.checker.book import Book
    >>> text = "The EU imported goods worth €517.8 billion ($400.1 billion) from China in 2024."
    >>> [(f.check, f.ok) for f in exchange_rates(Book(extract_claims(text), text))]
    [('exchange_rate', True), ('exchange_rate', False)]
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tradestats.checker.book import Book, Span
from tradestats.checker.book import span as figure_span
from tradestats.checker.model import Claim, Finding, Measure, Qualifier
from tradestats.checker.numbers import fmt_number

# (quote, base) -> the range of quote units per base unit seen since 1999 (the euro's birth),
# widened a little: yuan per dollar 6.04 (2014) .. 8.28 (peg until 2005); dollars per euro
# 0.825 (Oct 2000) .. 1.599 (Jul 2008); yuan per euro their products' extremes.
PLAUSIBLE = {
    ("CNY", "USD"): (Decimal("5.9"), Decimal("8.8")),
    ("USD", "EUR"): (Decimal("0.8"), Decimal("1.62")),
    ("CNY", "EUR"): (Decimal("6.3"), Decimal("11.2")),
}
NAMES = {"CNY": "yuan", "USD": "dollar", "EUR": "euro"}


def exchange_rates(book: Book) -> list[Finding]:
    """The rate of every money pair, rates no market has seen, and conversions that disagree."""
    pairs = [p for d in book.claims if (p := _pair(book, d)) is not None]
    out = []
    for quote, base, q, b, rate in pairs:
        kind = "a spot conversion at one rate" if _spot(q, b) else "the same figure in two series"
        msg = (
            f"{q.text} and {b.text} imply {fmt_number(rate.mid(), 3)} {NAMES[quote]} per "
            f"{NAMES[base]} ({fmt_number(rate.lo, 3)}-{fmt_number(rate.hi, 3)}): {kind}"
        )
        if (quote, base) == ("CNY", "USD"):
            msg += (
                "; the official dollar series sums each declaration's dollar value and may differ"
            )
        out.append(Finding("exchange_rate", True, msg, book.ids(q, b)))
        lo, hi = PLAUSIBLE[(quote, base)]
        if rate.hi < lo or rate.lo > hi:
            msg = (f"{q.text} and {b.text} imply {fmt_number(rate.mid(), 3)} {NAMES[quote]} per "
                   f"{NAMES[base]}, outside any rate since 1999 ({lo}-{hi})")  # fmt: skip
            out.append(Finding("exchange_rate", False, msg, book.ids(q, b)))
    groups: dict[tuple[object, ...], list[tuple[Claim, Claim, Span]]] = {}
    for quote, base, q, b, rate in pairs:
        key = (quote, base, _spot(q, b), book.paragraph(q), q.period)
        groups.setdefault(key, []).append((q, b, rate))
    for group in groups.values():
        q1, b1, r1 = group[0]
        for q2, b2, r2 in group[1:]:
            if not r1.meets(r2):
                msg = (f"currency pairs imply different rates: {fmt_number(r1.mid(), 3)} "
                       f"({q1.text} / {b1.text}) vs {fmt_number(r2.mid(), 3)} "
                       f"({q2.text} / {b2.text})")  # fmt: skip
                out.append(Finding("exchange_rate", False, msg, book.ids(q1, b1, q2, b2)))
    return out


def span(c: Claim) -> Span | None:
    """The interval a money figure of a pair covers: a plain figure in millions, billions or
    trillions is taken to its scale's unit, so "$400 billion" beside "€517.8 billion" is
    399.5-400.5 billion (a converted figure is rounded to the scale, not to hundreds).

    >>> from tradestats.checker import extract_claims
    >>> (c,) = extract_claims("In 2024 exports were $400 billion.")
    >>> (str(span(c).lo / 10**9), str(figure_span(c).lo / 10**9))
    ('399.5', '350')
    """
    s = c.stated
    if s.qualifier is Qualifier.EXACT and s.decimals < 0 and s.scale >= 10**6:
        c = replace(c, stated=replace(s, decimals=0))
    return figure_span(c)


def _spot(q: Claim, b: Claim) -> bool:
    return q.paired is not None or b.paired is not None


def _pair(book: Book, d: Claim) -> tuple[str, str, Claim, Claim, Span] | None:
    """(quote, base, quote claim, base claim, rate) when ``d`` is the base-currency side of a
    pair: the conversion of the claim it is paired with, or the same subject in the quote
    currency in its paragraph (a text states a figure in two currencies side by side)."""
    if d.measure is not Measure.VALUE or span(d) is None:
        return None
    other = book.all[d.paired] if d.paired is not None else None
    if other is not None and (other.measure is not Measure.VALUE or span(other) is None):
        other = None
    for quote, base in PLAUSIBLE:
        if other is not None:
            units = (other.stated.unit, d.stated.unit)
            if units == (quote, base):
                return quote, base, other, d, span(other) / span(d)  # type: ignore[operator]
            if units == (base, quote):
                return quote, base, d, other, span(d) / span(other)  # type: ignore[operator]
            continue
        if d.stated.unit != base:
            continue
        q = book.same(d, Measure.VALUE, d.subject.flow, unit=quote)
        if q is not None and book.paragraph(q) == book.paragraph(d):
            return quote, base, q, d, span(q) / span(d)  # type: ignore[operator]
    return None


def mixed_currency(book: Book) -> list[Finding]:
    """A growth rate in dollars beside a level in yuan, in one sentence."""
    out = []
    for g in (c for c in book.claims if c.measure is Measure.YOY):
        if g.subject.basis != "value_usd":
            continue
        level = book.same(g, Measure.VALUE, g.subject.flow, unit="CNY")
        if level is not None and g.sentence == level.sentence:
            msg = (
                f"growth {g.text} is in dollars beside a level in yuan ({level.text}); growth "
                "in yuan differs because the exchange rate moved"
            )
            out.append(Finding("mixed_currency", False, msg, book.ids(g, level)))
    return out
