"""Compare a stated figure with a computed one at the figure's printed precision.

Rules (see docs/checker.md):

- a plain figure holds when the computed value, rounded half-up to the digits shown (the
  bulletin's publication rule, ``tradestats.bulletin.rounding.round_half_up``), is the figure:
  "45.47 trillion" covers 45.465 (included) to 45.475 (excluded) trillion;
- "over N", "more than N": computed > N; "at least N": computed >= N;
- "less than N", "under N": computed < N;
- "nearly N", "almost N": a little under: N - 5 % of N <= computed < N, or computed rounds
  to N at the printed precision but is below it;
- "about N", "around N": within the larger of half a unit and 2 % of N.

Example:
    >>> from decimal import Decimal as D
    >>> s = Stated(D("45.47"), "CNY", D(10) ** 12, 2)
    >>> holds(s, D(45.465e12), s.amount), holds(s, D(45.475e12), s.amount)
    (True, False)
"""

from __future__ import annotations

from decimal import Decimal

from tradestats.checker.model import Qualifier, Stated

NEARLY_BAND = Decimal("0.05")  # "nearly N": within 5 % below N
ABOUT_BAND = Decimal("0.02")  # "about N": within 2 % of N (or half a unit, if larger)


def holds(stated: Stated, computed: Decimal, target: Decimal) -> bool:
    """True when ``computed`` agrees with the stated figure ``target`` (signed, base units).

    >>> from decimal import Decimal as D
    >>> s = Stated(D(780000), "count", D(1), -4, Qualifier.OVER)
    >>> holds(s, D(780000), s.amount), holds(s, D(780001), s.amount)
    (False, True)
    """
    q = stated.qualifier
    half = stated.half_unit
    if q is Qualifier.OVER:
        return computed > target
    if q is Qualifier.AT_LEAST:
        return computed >= target
    if q is Qualifier.UNDER:
        return computed < target
    if q is Qualifier.NEARLY:
        return target - abs(target) * NEARLY_BAND <= computed < target
    if q is Qualifier.ABOUT:
        return abs(computed - target) <= max(half, abs(target) * ABOUT_BAND)
    return published(stated, computed) == target / stated.scale


def published(stated: Stated, computed: Decimal) -> Decimal:
    """``computed`` as it would be printed at the stated figure's scale and digits (half-up).

    >>> from decimal import Decimal as D
    >>> published(Stated(D("3.8"), "percent", D(1), 1), D("3.75"))
    Decimal('3.8')
    """
    return _half_up(computed / stated.scale, stated.decimals)


def _half_up(value: Decimal, places: int) -> Decimal:
    # The bulletin's rule, imported when first needed: the bulletin package loads its charts.
    from tradestats.bulletin.rounding import round_half_up

    return round_half_up(value, places)


def to_decimal(value: object) -> Decimal | None:
    """A computed value as Decimal (floats through their shortest repr), None when missing.

    >>> to_decimal(3.7652625526945482)
    Decimal('3.7652625526945482')
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return None


def in_scale(stated: Stated, computed: Decimal, extra: int = 1) -> Decimal:
    """``computed`` in the stated figure's scale, rounded half-up to one digit more than printed.

    >>> from decimal import Decimal as D
    >>> in_scale(Stated(D("45.47"), "CNY", D(10) ** 12, 2), D("45470000000001.98"))
    Decimal('45.470')
    """
    return _half_up(computed / stated.scale, max(stated.decimals, 0) + extra)
