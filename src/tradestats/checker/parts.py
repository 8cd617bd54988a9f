"""Consistency of parts with their whole: a part larger than its whole, and the shares of one
partition (enterprise types, regions) adding up to more than the whole.

A part is a value filed with a filter (a partner, a product, an enterprise type) beside the
value of the same flow, period, reporter and currency without one, in the same paragraph (a
subject carried from afar is a guess); it cannot exceed it (balances excepted). The
shares of one whole that differ only in the value of one filter (private, foreign-invested,
state-owned firms) are disjoint parts, so their lowest readings cannot add up to over 100 %.

Example:
    >>> from tradestats.checker import extract_claims
    >>> from tradestats.checker.book import Book
    >>> text = ("In 2025, total trade was 45.47 trillion yuan; "
    ...         "trade with Africa was 52.1 trillion yuan.")
    >>> [(f.check, f.ok) for f in part_whole(Book(extract_claims(text), text))]
    [('part_whole', False)]
"""

from __future__ import annotations

from decimal import Decimal

from tradestats.checker.book import Book, Span, span
from tradestats.checker.model import Claim, Finding, Measure
from tradestats.checker.numbers import fmt_number


def part_whole(book: Book) -> list[Finding]:
    """Every value with a filter that exceeds the unfiltered value of its flow and period."""
    out = []
    for p in book.values_any():
        part = span(p)
        if (
            not p.subject.dims()
            or part is None
            or p.role
            or part.lo <= 0
            or p.subject.flow in ("balance", None)
        ):  # a balance with one partner may well exceed the overall one
            continue
        whole = book.same(p, Measure.VALUE, p.subject.flow, dims={}, unit=p.stated.unit)
        w = span(whole) if whole is not None else None
        if whole is None or w is None or w.lo <= 0 or book.paragraph(p) != book.paragraph(whole):
            continue
        if part.lo > w.hi:
            msg = f"a part ({p.text}) exceeds its whole ({whole.text})"
            out.append(Finding("part_whole", False, msg, book.ids(p, whole)))
    return out


def share_sum(book: Book) -> list[Finding]:
    """Shares of one whole, one per value of one filter, adding up to more than 100 %."""
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for s in book.claims:
        if s.measure is not Measure.SHARE or span(s) is None or s.role:
            continue
        dims = s.subject.dims()
        for filt in dims:  # the filter that tells the parts apart; the rest is shared
            rest = tuple(sorted((k, v) for k, v in dims.items() if k != filt))
            base = s.subject.parent_flow or s.subject.flow or "total"  # as the share check reads it
            key = (filt, rest, base, s.subject.reporter, s.period, book.paragraph(s))
            groups.setdefault(key, []).append(s)
    out = []
    for group, shares in groups.items():
        distinct = {s.subject.dims()[str(group[0])]: s for s in shares}
        if len(distinct) < 2:
            continue
        parts = list(distinct.values())
        low = sum((span(s).lo for s in parts), Decimal(0))  # type: ignore[union-attr]
        if low > 100:
            listed = " + ".join(s.text for s in parts)
            total = fmt_number(low, 1)
            msg = f"shares of one whole add up to more than 100 %: {listed} = {total} %"
            out.append(Finding("share_sum", False, msg, book.ids(*parts)))
    return out


def share_change(book: Book) -> list[Finding]:
    """A change in percentage points against the two shares it moves between, when one
    sentence states exactly two shares of one subject and one change ("rose to 57.3 % from
    55.5 %, up 1.8 points"). The periods are not needed: the two shares are the two ends."""
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for c in book.claims:
        if c.measure in (Measure.SHARE, Measure.SHARE_CHANGE) and span(c) is not None:
            s = c.subject
            key = (c.sentence, s.flow, s.parent_flow, tuple(sorted(s.dims().items())), s.reporter)
            groups.setdefault(key, []).append(c)
    out = []
    for group in groups.values():
        shares = [c for c in group if c.measure is Measure.SHARE]
        changes = [c for c in group if c.measure is Measure.SHARE_CHANGE]
        if len(shares) != 2 or len(changes) != 1:
            continue
        a, b = (span(c) for c in shares)
        pp = span(changes[0])
        assert a is not None and b is not None and pp is not None
        gap = a - b
        size = Span(min(abs(gap.lo), abs(gap.hi)), max(abs(gap.lo), abs(gap.hi)))
        stated = Span(min(abs(pp.lo), abs(pp.hi)), max(abs(pp.lo), abs(pp.hi)))
        if not size.meets(stated):
            msg = (f"from {shares[1].text} to {shares[0].text} is a change of "
                   f"{fmt_number(size.mid(), 1)} points; stated {changes[0].text}")  # fmt: skip
            out.append(Finding("share_change", False, msg, book.ids(*shares, *changes)))
    return out
