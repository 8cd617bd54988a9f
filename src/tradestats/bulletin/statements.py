"""Statements to segments: plain text and traced figures, in reading order.

Example:
    >>> segs = statement_segments(parts, ctx)        # doctest: +SKIP
    >>> "".join(s.text for s in segs)                 # doctest: +SKIP
    "China's trade in goods grew by 3.8 percent to 45.47 trillion yuan in 2025."
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tradestats.bulletin.compute import History
from tradestats.bulletin.phrases import SlotContext, slot_words
from tradestats.bulletin.template import Part, Slot
from tradestats.bulletin.trace import Figure, Trace, plain, query_dict
from tradestats.bulletin.verbs import NOT_AVAILABLE
from tradestats.engine import IndicatorResult
from tradestats.indicators.query import Query


@dataclass(frozen=True)
class Segment:
    text: str
    fig: Figure | None = None


@dataclass
class StatementContext:
    """What the segments of every statement are built from."""

    lang: str
    jump: Decimal
    results: dict[str, IndicatorResult]
    queries: dict[str, Query]
    history: dict[str, History]
    streak_ends: dict[str, str]
    streak_firsts: dict[str, str | None]
    reserved: dict[str, str]
    trace: Trace


def _extra(slot: Slot, value: Any, ctx: StatementContext) -> dict[str, Any]:
    if slot.fmt == "record":
        h = ctx.history[slot.name]
        return {
            "record": h.is_record(value),
            "compared_with": [
                {"period": p, "value": plain(v)} for p, v in zip(h.periods, h.values, strict=True)
            ],
        }
    if slot.fmt == "streak":
        first = ctx.streak_firsts[slot.name]
        return {"streak_end": ctx.streak_ends[slot.name], "first_comparable": first}
    return {}


def _figure(slot: Slot, ctx: StatementContext, where: str) -> Figure:
    res = ctx.results[slot.name]
    measure = res.indicator.measure.value
    hist = ctx.history.get(slot.name)
    sctx = SlotContext(
        lang=ctx.lang,
        jump=ctx.jump,
        is_record=bool(hist and hist.is_record(res.value)),
        streak_end=ctx.streak_ends.get(slot.name, ""),
        streak_first=ctx.streak_firsts.get(slot.name),
    )
    text, rounded = slot_words(measure, res.value, slot.fmt, sctx)
    return ctx.trace.add(
        text=text, value=res.value, unit=res.unit, measure=measure,
        query=query_dict(ctx.queries[slot.name]), source=where, indicator=slot.name,
        rounded=rounded, extra=_extra(slot, res.value, ctx),
    )  # fmt: skip


def statement_segments(parts: list[Part], ctx: StatementContext, where: str) -> list[Segment]:
    """Text and figures of one statement; adjacent text is merged."""
    out: list[Segment] = []
    for part in parts:
        if isinstance(part, Slot) and part.name in ctx.reserved:
            seg = Segment(ctx.reserved[part.name])
        elif isinstance(part, Slot):
            fig = _figure(part, ctx, where)
            seg = Segment(fig.text, fig)
        else:
            seg = Segment(_after_verb(part.text, out, ctx.lang))
        if seg.fig is None and out and out[-1].fig is None:
            out[-1] = Segment(out[-1].text + seg.text)
        else:
            out.append(seg)
    return out


def _after_verb(text: str, out: list[Segment], lang: str) -> str:
    """Text after a slot; "year on year" is dropped after a growth that could not be compared
    with a year earlier (the words already say it: no "... a year earlier year on year").

    >>> _after_verb(" year on year, reaching", [Segment(NOT_AVAILABLE["en"])], "en")
    ', reaching'
    """
    if lang == "en" and out and out[-1].text == NOT_AVAILABLE["en"]:
        return text.removeprefix(" year on year")
    return text


def slot_names(parts: list[Part], fmt: str | None = None) -> list[str]:
    """Indicator names of the slots (of one format when ``fmt`` is given)."""
    return [
        p.name
        for p in parts
        if isinstance(p, Slot)
        and p.name not in ("period", "year")
        and (fmt is None or p.fmt == fmt)
    ]
