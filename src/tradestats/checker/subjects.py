"""What each claim of a sentence is about, read clause by clause (commas, ';', 'while').

A subject is carried forward: a clause that names a partner, product, enterprise type, brand,
trade mode or region sets it; a clause naming only a flow starts afresh unless it refers back
("their", "bilateral trade", 其中); a clause naming nothing inherits. Inside a clause each
dimension is taken from the term nearest before the claim, else the nearest after it.

Not subjects: the base of a share ("of total exports", blanked by the caller and kept as the
share's ``parent_flow``), examples that explain a group ("the new trio of electric vehicles,
lithium batteries and solar cells", "labor-intensive products, including garments"), and
China itself (the reporter). A subject the reference lacks ("exports of fruits", "Shenzhen's
imports") is kept as ``unknown``: never replaced by some other code.

Example:
    >>> from decimal import Decimal
    >>> from tradestats.checker.model import Stated
    >>> lex = Lexicon.build()
    >>> text = "Exports of fruits rose 5 percent."
    >>> c = Claim(23, 32, "5 percent", text, Measure.YOY, Stated(Decimal(5), "percent"))
    >>> state = read_sentence(text, lex, 0, len(text), [c], Subject())
    >>> (c.subject.flow, c.subject.product, c.subject.unknown)
    ('export', None, 'fruits')
"""

from __future__ import annotations

import bisect
import copy
import re
from functools import lru_cache

from tradestats.checker.lexicon import OTHER_TOPICS, Lexicon, Term, terms
from tradestats.checker.model import Claim, Measure, Subject
from tradestats.checker.text import clauses

# Matched on the lower-cased clause (faster than re.I on every clause of a long text).
_REFERS_BACK = re.compile(
    r"\b(?:their|its|whose|they|them|of\s+which|among\s+them|bilateral|two-way|those|these|"
    r"the\s+former|the\s+latter|the\s+same|the\s+city|the\s+province)\b|其中|其|该|两国"
)
_RELATIVE = re.compile(r"\s*(?:which|who)\b")  # ", which handled ...": about the clause before
_STRONG_TOPIC = re.compile(
    r"\b(GDP|gross domestic product|economic growth|inflation|CPI|PPI|PMI)\b|国内生产总值|经济增长",
    re.I)  # fmt: skip
_FORECAST = re.compile(
    r"\b(?:forecasts?|forecast(?:ed|ing)|expect(?:s|ed|ations?)?|polls?|polled|estimates?|"
    r"median|consensus|predict(?:s|ed|ion)?|projected|projections?|will|would|could|might)\b|"
    r"预期|预计|预测|预估|估计", re.I)  # fmt: skip
_FORECAST_WORD = re.compile(r"forecasts?|estimates?", re.I)
_FORECAST_AFTER = re.compile(r"\s*(?:forecast|estimate|expectation|consensus)\b", re.I)
_EXPLAINS = re.compile(
    r"\A[\s,\"“”']*(?:of|including|comprising|namely|like|which\s+includes?|which\s+include|"
    r"such\s+as\s+(?=\S+\s+and\b)|i\.e\.,?)\b",
    re.I,
)
_OF_ECONOMY = re.compile(r"\s+of\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?(?:economy|GDP|gross\s+"
                         r"domestic\s+product)\b", re.I)  # fmt: skip
_COMBINED = re.compile(r"合计|加起来|\b(?:combined|together|taken\s+together|in\s+all)\b", re.I)
_SERVICES = re.compile(r"\bservices\b|服务贸易", re.I)
_GOODS = re.compile(r"\bgoods\b|货物", re.I)
_ECONOMY_RANK = re.compile(r"[\s-]*(?:economy|economies|GDP)\b", re.I)
# Subjects the reference may lack: "exports of X", "X imports", "X's exports", "from X".
_OF = re.compile(
    r"\b(?i:exports?|imports?|shipments|sales|purchases)\s+of\s+(?:the\s+)?"
    r"(?P<np>[a-z][\w&-]*(?:\s+(?!(?:rose|fell|grew|were|was|to|from|in|by|at|and)\b)"
    r"[a-z][\w&-]*){0,3})(?=\s+(?:rose|fell|grew|were|was|reached|totaled|totalled|came|stood|"
    r"jumped|surged|dropped|declined|increased|decreased|climbed|slipped|edged|hit|to|from|by|"
    r"in|at|up|down|accounted|made)\b|\s*[,.;])"
)
_ADJUNCT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:the|and|while|of)\s+)(?P<np>[A-Za-z][\w&-]*(?:\s+[a-z][\w&-]*){0,2})\s+"
    r"(?:exports|imports|shipments|imports\s+and\s+exports)\b"
)
_OWNER = re.compile(r"\b(?P<np>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)'s\s+(?:(?:foreign\s+)?trade|exports|"
                    r"imports|imports\s+and\s+exports)\b")  # fmt: skip
_FROM_PLACE = re.compile(r"\bfrom\s+(?P<np>[A-Z][a-z]+)\b(?!'s)")
_AREAS = re.compile(r"\b(?:the\s+)?(?P<np>(?:eastern|western|central|northeastern|coastal|inland)"
                    r"(?:\s+and\s+(?:eastern|western|central))?\s+(?:provinces|regions|region|"
                    r"areas))\b|(?P<zh>东部|中部|西部|中西部|东北)地区", re.I)  # fmt: skip
_ZH_ITEM = re.compile(
    r"(?:^|[，,；;：:。])\s*(?P<np>[\u4e00-\u9fff]{2,8}?)(?:产品)?(?:进出口|出口|进口)"
    r"(?:量|额)?(?=增长|下降|增加|减少|同比|[\d一二三四五六七八九十百])"
)
# 全国 switches to national figures, but not as a comparison's scope (居全国首位, 占全国).
_NATIONAL = re.compile(
    r"\bnationally\b|\bnationwide\b|\bchina's\s+total\b|"
    r"(?<![居占在列])全国(?!首位|第一|前列|之首)"
)
_ZH_PLACE = re.compile(r"[\u4e00-\u9fff](?:市|省|县|自治区|地区)$")  # 深圳市: a place, no product
SCOPE = ("region", "unknown")  # a sub-national scope holds across clauses until another is named


@lru_cache(maxsize=1)
def _not_subjects() -> frozenset[str]:
    return frozenset(w.lower() for w in terms()["not_subjects"])


def read_sentence(plain: str, lex: Lexicon, s: int, e: int, inside: list[Claim],
                  state: Subject, found_all: list[Term] | None = None) -> Subject:  # fmt: skip
    """Set ``subject`` of the claims of ``plain[s:e]``; return the subject after it.
    ``found_all`` is ``lex.find(plain, s, e)`` when the caller has it."""
    if found_all is None:
        found_all = lex.find(plain, s, e)
    # Terms and claims of each clause by bisection: a list scan per clause is quadratic in
    # a long sentence of many clauses.
    # Examples are explained away over the sentence: a list of them spans several clauses
    # ("the new trio of electric vehicles, lithium batteries and solar cells grew 61.6 %").
    found_all = explained_away(plain, sorted(found_all, key=lambda t: t.start))
    term_starts = [t.start for t in found_all]
    inside = sorted(inside, key=lambda c: c.start)
    claim_starts = [c.start for c in inside]
    carried: str | None = None  # a topic other than trade, held while clauses name no subject
    heading: dict[str, str] = {}  # the dimensions a label before a colon names, for the rest
    for cs, ce in clauses(plain, s, e):
        lo, hi = bisect.bisect_left(term_starts, cs), bisect.bisect_left(term_starts, ce)
        found = found_all[lo:hi]
        state = update(state, found, plain[cs:ce])
        for dim, value in heading.items():  # "Soybeans: May imports at 13.92 million tons"
            if getattr(state, dim) is None and not any(t.dim == dim for t in found):
                setattr(state, dim, value)
        if plain[ce : ce + 1] == ":" and not _has_claim(claim_starts, cs, ce):
            heading = {t.dim: t.value for t in found if t.dim in Subject.DIMS}
        unknown = unknown_subject(plain, cs, ce, lex)
        if unknown is not None:
            state.unknown, state.unknown_dim = unknown
            if unknown[1] == "product":
                state.product = None
            else:
                state.region = None  # 深圳市 inside 广东省: a place the reference lacks
        mine = inside[bisect.bisect_left(claim_starts, cs) : bisect.bisect_left(claim_starts, ce)]
        dims = [t for t in found if t.dim in ("flow", *Subject.DIMS)]
        own_topic = clause_topic(found, plain[cs:ce])
        carried = own_topic or (None if dims else carried)  # "预算收入18.65万亿元，同比增长0.8%"
        topic = carried if mine else None
        by_dim = {dim: [t for t in dims if t.dim == dim] for dim in ("flow", *Subject.DIMS)}
        for c in mine:
            c.subject = subject_for(c, by_dim, state)
            forecast = _is_forecast(plain, cs, c)
            mine_topic = topic
            if topic is not None and _FORECAST_WORD.fullmatch(topic) and not forecast:
                mine_topic = None  # "slowing from April's 8.1 % gain, missing a 5.0 % forecast"
            set_topic(c, "forecast" if forecast and mine_topic is None else mine_topic)
            if c.measure is Measure.RANK and _ECONOMY_RANK.match(plain, c.end):
                set_topic(c, "economy")
            if c.measure is Measure.SHARE and _OF_ECONOMY.match(plain, c.end):
                set_topic(c, "economy")  # "three-fifths of an economy worth 2.8 trillion"
            _combined(c, found_all, plain, inside)
    return state


def _combined(claim: Claim, found: list[Term], text: str, claims: list[Claim]) -> None:
    """Several partners summed ("trade with ASEAN, the EU and the US combined", 合计) are no
    one partner: the sum is a subject the reference lacks, never the last partner named.
    The partners are those named before the figure with no other figure between."""
    if claim.subject.topic != "trade":
        return
    start = max([c.end for c in claims if c.end <= claim.start], default=0)
    named = [t for t in found if t.dim == "partner" and start <= t.start and t.end <= claim.start]
    if len(named) < 2 or not _COMBINED.search(text, named[-1].end, claim.start):
        return
    claim.subject.partner = None
    claim.subject.unknown = " + ".join(t.phrase for t in named)
    claim.subject.unknown_dim = "partner"
    claim.why.append(f"partner: {claim.subject.unknown} together, a sum the reference lacks")


def _has_claim(starts: list[int], s: int, e: int) -> bool:
    return bisect.bisect_left(starts, s) < bisect.bisect_left(starts, e)


def update(state: Subject, found: list[Term], clause: str) -> Subject:
    """The subject after a clause: new dims replace old, a bare flow starts afresh."""
    flows = [t for t in found if t.dim == "flow"]
    dims = [t for t in found if t.dim in Subject.DIMS]
    low = clause.lower()
    back = bool(_REFERS_BACK.search(low) or _RELATIVE.match(low))
    national = bool(_NATIONAL.search(low))
    new = copy.copy(state)
    new.parent_flow = None
    if (dims or flows) and not back:
        new = Subject(flow=state.flow, reporter=state.reporter, basis=state.basis)
        if not national and not any(t.dim == "region" for t in dims):
            new.region = state.region  # a sub-national scope holds ("Shenzhen's ...")
            if state.unknown_dim == "region":
                new.unknown, new.unknown_dim = state.unknown, state.unknown_dim
    if any(t.dim == "product" for t in dims) and new.unknown_dim == "product":
        new.unknown = new.unknown_dim = None
    if national:
        new.region = None
        if new.unknown_dim == "region":
            new.unknown = new.unknown_dim = None
    for t in dims:
        setattr(new, t.dim, t.value)
    if flows:
        new.flow = flows[-1].value
    elif any(t.dim == "trade_mode" and t.phrase.lower().endswith(("trade", "贸易")) for t in dims):
        new.flow = None  # "General trade reached ...": no flow carried (total trade, at the end)
    return new


def subject_for(claim: Claim, by_dim: dict[str, list[Term]], state: Subject) -> Subject:
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
    if subject.unknown_dim == "product" and by_dim.get("product"):
        subject.product = None  # "exports of fruits and of cars": the unknown is nearer
    return subject


def explained_away(text: str, found: list[Term]) -> list[Term]:
    """Terms without the examples that explain a group before them ("the new trio of electric
    vehicles, lithium batteries and solar cells": the new trio)."""
    out: list[Term] = []
    group: Term | None = None
    for t in found:
        gap = text[group.end : t.start] if group is not None else ""
        if (group is not None and t.dim == "product" and _contained(group.value, t.value)
                and _EXPLAINS.match(gap) and not re.search(r"\d", gap)):  # fmt: skip
            continue
        if t.dim == "product":
            group = t
        out.append(t)
    return out


@lru_cache(maxsize=256)
def _contained(group: str, part: str) -> bool:
    """True when product group ``part`` lies inside ``group`` (by its parts or HS prefixes)."""
    from tradestats.reference import load_reference

    ref = load_reference()
    try:
        g, p = ref.product_group(group), ref.product_group(part)
    except Exception:
        return False
    if part in g.parts:
        return True
    if g.parts:
        return any(_contained(x, part) for x in g.parts)
    try:
        outer, inner = g.include("HS2022"), p.include("HS2022")
    except Exception:
        return False
    return bool(inner) and all(any(i.startswith(o) for o in outer) for i in inner)


_MAYBE = re.compile(r"exports|imports|shipments|sales|purchases|'s\b|\bfrom\s+[A-Z]|provinces|"
                    r"regions|出口|进口|地区", re.I)  # fmt: skip


def unknown_subject(text: str, s: int, e: int, lex: Lexicon) -> tuple[str, str] | None:
    """(phrase, kind) of a subject the reference lacks in ``text[s:e]``, kind product or
    region; None when the clause names none."""
    clause = text[s:e]
    if not _MAYBE.search(clause):
        return None
    for rx, kind in ((_OWNER, "region"), (_AREAS, "region"), (_FROM_PLACE, "region"),
                     (_OF, "product"), (_ADJUNCT, "product"), (_ZH_ITEM, "product")):  # fmt: skip
        for m in rx.finditer(clause):
            phrase = (m.groupdict().get("np") or m.groupdict().get("zh") or "").strip()
            if phrase and _is_unknown(phrase, lex):
                return phrase, "region" if _ZH_PLACE.search(phrase) else kind
    return None


def _is_unknown(phrase: str, lex: Lexicon) -> bool:
    words = phrase.lower().split()
    if not words or words[0] in _not_subjects() or all(w in _not_subjects() for w in words):
        return False
    if re.search(r"[\d年月季期日周]", phrase):
        return False  # 全年出口, 9月出口: a period, not a subject
    return not lex.find(phrase)


def clause_topic(found: list[Term], clause: str) -> str | None:
    """The clause's topic when it is not trade in goods: GDP, prices, services."""
    strong = _STRONG_TOPIC.search(clause)
    if strong:
        return strong[0]
    if _SERVICES.search(clause) and not _GOODS.search(clause):
        return "services"
    weak = OTHER_TOPICS.search(clause)
    if weak and not [t for t in found if t.dim in ("flow", *Subject.DIMS)]:
        return weak[0]
    return None


_FORECASTS: list[tuple[str, list[int], list[int]]] = []  # (text, starts, ends) of the last text


def _is_forecast(text: str, clause_start: int, claim: Claim) -> bool:
    """A poll, an estimate or a forecast: "beating a 3.0% forecast", "市场预期的7.2%".

    The forecast words of a text are found once: searching each figure's clause again would
    rescan a long clause once per figure in it.
    """
    if not _FORECASTS or _FORECASTS[0][0] is not text:
        found = [m.span() for m in _FORECAST.finditer(text)]
        _FORECASTS[:] = [(text, [s for s, _ in found], [e for _, e in found])]
    _, starts, ends = _FORECASTS[0]
    i = bisect.bisect_left(starts, clause_start)
    before = i < len(starts) and ends[i] <= claim.start
    return before or bool(_FORECAST_AFTER.match(text, claim.end))


def set_topic(claim: Claim, topic: str | None) -> None:
    """Numbers about GDP, prices or forecasts are not trade figures (never guessed as such)."""
    if topic is not None:
        claim.subject = Subject(topic=topic)
        claim.why.append(f"not a trade figure: the clause is about {topic}")
        if claim.measure is not Measure.RANK:
            claim.measure = Measure.OTHER
