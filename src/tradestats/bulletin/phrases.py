"""Statement slots to words: a figure's text in a language, by measure and format.

Example:
    >>> from decimal import Decimal
    >>> ctx = SlotContext(lang="en")
    >>> slot_words("value_cny", Decimal("26990000014712.00"), "", ctx)
    ('26.99 trillion yuan', '26.99')
    >>> slot_words("yoy_pct", 6.126140346417313, "verb", ctx)
    ('grew by 6.1 percent', '6.1')
    >>> slot_words("share_change_pp", 1.3919711661382586, "change", SlotContext(lang="zh"))
    ('提升1.4个百分点', '1.4')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tradestats.bulletin import rounding as r
from tradestats.bulletin import verbs

COUNTS = ("enterprises", "partners", "partners_growing", "records")
CURRENCY = {"value_cny": "CNY", "value_usd": "USD"}
MISSING = {"en": "n/a", "zh": "—"}


@dataclass(frozen=True)
class SlotContext:
    """What a slot's words depend on beyond its value."""

    lang: str
    jump: Decimal = Decimal(15)
    is_record: bool = False
    streak_end: str = ""
    streak_first: str | None = None


def _money(measure: str, value: Any, fmt: str, ctx: SlotContext) -> tuple[str, str]:
    number, _ = r.money_parts(value, CURRENCY[measure], ctx.lang)
    text = r.money(value, CURRENCY[measure], ctx.lang)
    if fmt == "num":
        return str(number), str(number)
    if fmt == "record":
        return verbs.record(text, ctx.is_record, ctx.lang), str(number)
    if fmt == "balance":
        size = r.money(abs(r.exact(value)), CURRENCY[measure], ctx.lang)
        sign = 0 if number.is_zero() else (1 if number > 0 else -1)
        return verbs.balance(size, sign, ctx.lang), str(number)
    return text, str(number)


def _ratio(measure: str, value: Any, fmt: str, ctx: SlotContext) -> str:
    if fmt in ("verb", "change"):
        if measure == "yoy_pct":
            return verbs.growth(value, ctx.lang, ctx.jump, fmt)
        if measure == "share_change_pp":
            return verbs.share_change(value, ctx.lang, fmt)
        return verbs.contribution(value, ctx.lang)
    if fmt == "num":
        return str(r.round_half_up(value, 1))
    if measure in ("yoy_pct", "share_pct"):
        return r.percent(value, ctx.lang)
    return r.points(value, ctx.lang)


def slot_words(measure: str, value: Any, fmt: str, ctx: SlotContext) -> tuple[str, str | None]:
    """The words for one slot and the rounded number they show (None when no value)."""
    if measure in CURRENCY:
        if value is None:
            return MISSING[ctx.lang], None
        return _money(measure, value, fmt, ctx)
    if measure in ("yoy_pct", "share_pct", "share_change_pp", "contribution_pp"):
        rounded = None if value is None else str(r.round_half_up(value, 1))
        if value is None and fmt not in ("verb", "change"):
            return MISSING[ctx.lang], None
        return _ratio(measure, value, fmt, ctx), rounded
    if measure == "growth_streak" and fmt == "streak":
        n = None if value is None else int(value)
        text = verbs.streak(n, ctx.streak_end, ctx.lang, ctx.streak_first)
        return text, None if value is None else str(value)
    if value is None:
        return MISSING[ctx.lang], None
    if measure in COUNTS:
        return (str(int(value)) if fmt == "num" else r.count(value, ctx.lang)), str(int(value))
    shown = r.round_half_up(value, 2)
    return r.grouped(shown), str(shown)
