"""Decide what each claim is about: flow, partner, product, enterprise type, brand, period.

Reading goes clause by clause (commas, ';', 'while'), carrying a subject forward: a clause
that names a partner or product sets it; a clause naming only a flow starts afresh unless it
refers back ("their", "its"); a clause naming nothing inherits. Asides in parentheses or
dashes ("- which includes electric vehicles ... -") and the base of a share ("of total export
value") do not name the subject.

Example:
    >>> from tradestats.checker.extract import extract
    >>> text = "In 2025, exports to ASEAN rose 8 percent, while imports fell 2 percent."
    >>> claims = extract(text)
    >>> resolve(text, claims, article_date="2026-01-14")
    >>> [(c.subject.flow, c.subject.partner, c.period) for c in claims]
    [('export', 'asean', '2025'), ('import', None, '2025')]
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import replace

from tradestats.checker.lexicon import OTHER_TOPICS, Lexicon, Term
from tradestats.checker.model import Claim, Measure, Subject
from tradestats.checker.text import blank, clauses, mask_asides, mask_dates, sentences
from tradestats.checker.timeref import PeriodRef, find_periods

_BASE = re.compile(
    r"\b(?:of|in)\s+(?:the\s+)?(?P<poss>(?:country|nation|china)'s\s+)?(?P<tot>total\s+)?"
    r"(?:value\s+of\s+)?(?P<b>foreign\s+trade|trade|imports?\s+and\s+exports?|"
    r"exports?\s+and\s+imports?|exports?|imports?|进出口|出口|进口)(?:\s+(?:value|volume))?",
    re.I,
)
_BASE_ZH = re.compile(r"占(?:我国|全国)?(?P<b>外贸|进出口|出口|进口)(?:总值|总额)?")
_BASE_CUE = re.compile(r"(?:percent|%|share|proportion|weight)\W*\s*$", re.I)
_REFERS_BACK = re.compile(r"\b(?:their|its|whose|they|them|of\s+which|among\s+them)\b", re.I)
_DOLLAR_TERMS = re.compile(
    r"\bin\s+(?:U\.?S\.?\s+)?dollar\s+terms|\bin\s+(?:US\s+)?dollars\b|以美元计", re.I
)
_STRONG_TOPIC = re.compile(r"\b(GDP|gross domestic product|inflation|CPI|PPI|PMI)\b", re.I)


def resolve(
    text: str, claims: list[Claim], lexicon: Lexicon | None = None, article_date: str | None = None
) -> None:
    """Fill ``subject`` and ``period`` of every claim in place (never raises on odd text)."""
    lexicon = lexicon or Lexicon.build()
    year = int(article_date[:4]) if article_date else None
    work = mask_asides(mask_dates(text))
    bases = [m for m in _BASE.finditer(work) if _is_base(work, m)] + list(_BASE_ZH.finditer(work))
    bases.sort(key=lambda m: m.start())
    plain = blank(work, [(m.start(), m.end()) for m in bases])
    carry_period: str | None = None  # the period the text is talking about
    carry_main: str | None = None  # the last whole-year (or longer) period named
    state, prev_end = Subject(), 0
    starts = [c.start for c in claims]  # claims come sorted by start
    for s, e in sentences(text):
        if "\n" in text[prev_end:s]:
            state = Subject()  # a new paragraph starts with no subject
            carry_period = carry_main  # and a quarter or month named before no longer holds
        prev_end = e
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        inside = claims[lo:hi]
        carry_year = int(carry_period[:4]) if carry_period else None
        refs = _periods(work, year, s, e, inside, carry_year)
        for c in inside:
            c.period = _pick_period(refs, c) or carry_period
        carry_period = next((r.period for r in reversed(refs) if r.period), carry_period)
        carry_main = next((r.period for r in reversed(refs) if _is_main(r.period)), carry_main)
        state = _read_sentence(plain, lexicon, s, e, inside, state)
        for c in inside:
            if c.measure in (Measure.SHARE, Measure.SHARE_CHANGE):
                c.subject.parent_flow = _nearest_base(bases, c)
    _pair_currencies(text, claims)
    for c in claims:
        _finish(c)


def _is_main(period: str | None) -> bool:
    """A year (``2025``) or a span of whole months starting in January (``2025-01..2025-11``)."""
    return period is not None and (len(period) == 4 or ".." in period)


def _is_base(work: str, m: re.Match[str]) -> bool:
    """'of total exports', "of the country's trade", 'percent of exports': a share's base."""
    cue = _BASE_CUE.search(work[max(0, m.start() - 25) : m.start()])
    return bool(m["tot"] or m["poss"] or cue)


def _nearest_base(bases: list[re.Match[str]], claim: Claim) -> str | None:
    """The base phrase closest to a share claim (within 80 characters either side)."""
    i = bisect.bisect_left([m.start() for m in bases], claim.start)
    near = [m for m in bases[max(0, i - 2) : i + 2]
            if abs(m.start() - claim.end) < 80 or abs(claim.start - m.end()) < 80]  # fmt: skip
    if not near:
        return None
    best = min(near, key=lambda m: min(abs(m.start() - claim.end), abs(claim.start - m.end())))
    return _flow_word(best["b"])


def _flow_word(word: str) -> str:
    w = word.lower()
    if ("import" in w and "export" in w) or "trade" in w or w in ("进出口", "外贸"):
        return "total"
    return "export" if ("export" in w or w == "出口") else "import"


def _periods(
    work: str, year: int | None, s: int, e: int, inside: list[Claim], carry_year: int | None
) -> list[PeriodRef]:
    """Periods of a sentence; a streak's start ("since the second quarter of 2025") gives only
    its year, so the quarter does not become the period of the sentence's other claims."""
    streaks = [(c.start, c.end) for c in inside if c.measure is Measure.STREAK]
    out = []
    for r in find_periods(work, year, s, e, carry_year):
        in_streak = any(a <= r.start < b for a, b in streaks)
        out.append(replace(r, period=r.period[:4], year_only=True) if in_streak and r.period else r)
    return out


def _pick_period(refs: list[PeriodRef], claim: Claim) -> str | None:
    before = [r for r in refs if r.end <= claim.start and r.period]
    after = [r for r in refs if r.start >= claim.end and r.period]
    if claim.measure is Measure.STREAK:
        inner = [r for r in refs if claim.start <= r.start < claim.end and r.period]
        if inner:
            return inner[-1].period
    if before:
        return before[-1].period
    return after[0].period if after else None


def _read_sentence(
    plain: str, lex: Lexicon, s: int, e: int, inside: list[Claim], state: Subject
) -> Subject:
    dollars = bool(_DOLLAR_TERMS.search(plain[s:e]))
    for cs, ce in clauses(plain, s, e):
        terms = lex.find(plain, cs, ce)
        state = _update(state, terms, plain[cs:ce])
        mine = [c for c in inside if cs <= c.start < ce]
        topic = _topic(terms, plain[cs:ce]) if mine else None  # once a clause, not a claim
        by_dim = {dim: [t for t in terms if t.dim == dim] for dim in ("flow", *Subject.DIMS)}
        for c in mine:
            c.subject = _subject_for(c, by_dim, state)
            _set_topic(c, topic)
            if dollars and c.measure is not Measure.VALUE:
                c.subject.basis = "value_usd"
    return state


def _update(state: Subject, terms: list[Term], clause: str) -> Subject:
    """The subject after a clause: new dims replace old, a bare flow starts afresh."""
    flows = [t for t in terms if t.dim == "flow"]
    dims = [t for t in terms if t.dim != "flow"]
    back = bool(_REFERS_BACK.search(clause))
    new = copy.copy(state)
    new.parent_flow = None
    if (dims or flows) and not back:
        new = Subject(flow=state.flow)
    for t in dims:
        setattr(new, t.dim, t.value)
    if flows:
        new.flow = flows[-1].value
    return new


def _subject_for(claim: Claim, by_dim: dict[str, list[Term]], state: Subject) -> Subject:
    """The clause's subject, each dimension taken from the term nearest before the claim (else
    the nearest after it). A dimension's terms are in text order and do not overlap (as
    ``Lexicon.find`` gives them), so both are found by bisection: linear time per clause."""
    subject = copy.copy(state)
    subject.parent_flow = None
    for dim, mine in by_dim.items():
        before = bisect.bisect_right(mine, claim.start, key=lambda t: t.end)
        after = bisect.bisect_left(mine, claim.end, key=lambda t: t.start)
        if before:
            setattr(subject, dim, mine[before - 1].value)
        elif after < len(mine):
            setattr(subject, dim, mine[after].value)
    return subject


def _topic(terms: list[Term], clause: str) -> str | None:
    """The clause's topic when it is not trade: GDP, prices, forecasts."""
    strong = _STRONG_TOPIC.search(clause)
    weak = OTHER_TOPICS.search(clause)
    if strong or (weak and not terms):
        return (strong or weak)[0]  # type: ignore[index]
    return None


def _set_topic(claim: Claim, topic: str | None) -> None:
    """Numbers about GDP, prices or forecasts are not trade figures (never guessed as such)."""
    if topic is not None:
        claim.subject = Subject(topic=topic)
        if claim.measure is not Measure.RANK:
            claim.measure = Measure.OTHER


def _pair_currencies(text: str, claims: list[Claim]) -> None:
    """'45.47 trillion yuan ($6.51 trillion)': the second converts the first; same subject."""
    for i in range(1, len(claims)):
        a, b = claims[i - 1], claims[i]
        if a.measure is b.measure is Measure.VALUE and a.stated.unit != b.stated.unit:
            gap = text[a.end : b.start]
            if re.fullmatch(r"\s*[(（]\s*(?:or\s+|about\s+|around\s+)?", gap):
                b.paired = i - 1
                b.subject = replace(a.subject)
                b.period = a.period


def _finish(claim: Claim) -> None:
    """A 'from X' level ("rose 5 % to Y from X") is the same period a year earlier."""
    if claim.role == "previous" and claim.period:
        claim.period = shift_year(claim.period, -1)


def shift_year(period: str, years: int) -> str:
    """The same period ``years`` later (negative: earlier).

    >>> shift_year("2025-01..2025-11", -1)
    '2024-01..2024-11'
    """
    return re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m[1]) + years), period)
