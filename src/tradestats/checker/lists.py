"""Lists of subjects paired with lists of figures: "respectively", 分别, "the former ... the
latter".

"Trade with Russia and Kazakhstan fell 8.2 percent and rose 14.5 percent to 1.96 trillion
yuan and 0.31 trillion yuan, respectively": the subjects (Russia, Kazakhstan) pair with each
run of figures of one kind that follows them (the two rates, the two values), in order.
In Chinese the items before 分别 may be words the reference lacks (电工器材、汽车、通用机械设备分别
出口6360.6亿、6211.9亿、2004.4亿元): those stay unknown subjects. Periods pair the same way
(一季度、二季度进出口分别为9.76万亿元和10.34万亿元; "the first and second quarters").

Example:
    >>> from tradestats.checker import extract_claims
    >>> text = ("In 2025, exports to Brazil and Chile rose 6 percent and 11 percent to 1.2 "
    ...         "trillion and 0.4 trillion yuan, respectively.")
    >>> found = [(c.text, c.subject.partner) for c in extract_claims(text)]
    >>> found  # doctest: +NORMALIZE_WHITESPACE
    [('6 percent', 'BRA'), ('11 percent', 'CHL'), ('1.2 trillion', 'BRA'),
     ('0.4 trillion yuan', 'CHL')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradestats.checker.lexicon import Lexicon, Term
from tradestats.checker.model import Claim, Measure
from tradestats.checker.timeref import PeriodRef

_ANY = re.compile(r"respectively|分别|former|latter", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_FENBIE = re.compile(r"分别")
_FORMER = re.compile(r"\bthe\s+(?P<w>former|latter)\b", re.I)
_GAP = re.compile(r"\s*(?:,|、|和|及|与|以及|and|or)?\s*(?:and\s+)?(?:the\s+)?(?:those\s+(?:of|to|"
                  r"from|with)\s+)?", re.I)  # fmt: skip
_QUARTERS = re.compile(r"\b(?P<a>first|second|third|fourth)\s+and\s+(?P<b>second|third|fourth)"
                       r"\s+quarters\b", re.I)  # fmt: skip
_ZH_STRIP_HEAD = re.compile(r"^(?:其中|同期|期内|我国|中国)*(?:对|自|与|同|向|输往)?")
_ZH_STRIP_TAIL = re.compile(r"(?:的)?(?:进出口|出口|进口|贸易)?(?:额|总值)?(?:等)?(?:产品)?$")
_ORDER = {"first": 1, "second": 2, "third": 3, "fourth": 4}
DIMS = ("partner", "product", "enterprise_type", "brand_type", "trade_mode", "region", "flow")


@dataclass
class Item:
    """One entry of a list: a lexicon value, a phrase the reference lacks, or a period."""

    start: int
    end: int
    dim: str  # a Subject dimension, "unknown" or "period"
    value: str


def pair_lists(work: str, lex: Lexicon, s: int, e: int, claims: list[Claim],
               periods: list[PeriodRef], last: list[Item] | None) -> list[Item] | None:  # fmt: skip
    """Pair the figures of ``work[s:e]`` with the list before them; return the list in force."""
    if not _ANY.search(work, s, e):
        return last
    sentence = work[s:e]
    lists = _term_lists(work, lex.find(work, s, e)) + _period_lists(work, s, e, periods)
    if _FENBIE.search(sentence):
        lists += _zh_lists(work, lex, s, e)
    lists = [items for items in lists if len(items) > 1]
    if _FORMER.search(sentence):
        _former_latter(work, s, e, claims, lists[-1] if lists else last)
    for m in _FENBIE.finditer(sentence):
        at = s + m.start()
        mine = [x for x in lists if x[-1].end <= at]
        items = max(mine, key=lambda x: x[-1].end) if mine else last
        if items:
            stop = _clause_end(work, at, e)
            _assign(items, [c for c in claims if at <= c.start < stop])
            last = items
    if _RESPECTIVELY.search(sentence):
        for items in lists:
            _assign(items, [c for c in claims if c.start >= items[-1].end])
            last = items
    return last


def _term_lists(work: str, found: list[Term]) -> list[list[Item]]:
    out: list[list[Item]] = []
    run: list[Item] = []
    for t in found:
        if t.dim not in DIMS:
            continue
        item = Item(t.start, t.end, t.dim, t.value)
        if run and run[-1].dim == t.dim and _GAP.fullmatch(work[run[-1].end : t.start]):
            run.append(item)
        else:
            if len(run) > 1:
                out.append(run)
            run = [item]
    if len(run) > 1:
        out.append(run)
    return out


def _period_lists(work: str, s: int, e: int, periods: list[PeriodRef]) -> list[list[Item]]:
    out: list[list[Item]] = []
    run: list[Item] = []
    for p in periods:
        if p.base or not p.period:
            continue
        item = Item(p.start, p.end, "period", p.period)
        if run and _GAP.fullmatch(work[run[-1].end : p.start]):
            run.append(item)
        else:
            if len(run) > 1:
                out.append(run)
            run = [item]
    if len(run) > 1:
        out.append(run)
    year = next((p.period[:4] for p in periods if p.period and not p.base), None)
    for m in _QUARTERS.finditer(work, s, e):
        if year:
            qa, qb = _ORDER[m["a"].lower()], _ORDER[m["b"].lower()]
            out.append([Item(m.start(), m.start("b"), "period", f"{year}-Q{qa}"),
                        Item(m.start("b"), m.end(), "period", f"{year}-Q{qb}")])  # fmt: skip
    return out


def _zh_lists(work: str, lex: Lexicon, s: int, e: int) -> list[list[Item]]:
    """The items written before each 分别, terms or not: 电工器材、汽车、通用机械设备分别出口."""
    out: list[list[Item]] = []
    for m in _FENBIE.finditer(work, s, e):
        cuts = [x.end() for x in re.finditer(r"[，,；;：:。]", work[s : m.start()])]
        head_start = s + (cuts[-1] if cuts else 0)
        head = work[head_start : m.start()]
        items: list[Item] = []
        pos = head_start
        for part in re.split(r"(、|和|及|与)", head):
            if part in ("、", "和", "及", "与"):
                pos += len(part)
                continue
            core = _ZH_STRIP_TAIL.sub("", _ZH_STRIP_HEAD.sub("", part))
            start = pos + part.find(core) if core else pos
            found = [t for t in lex.find(work, pos, pos + len(part)) if t.dim in DIMS]
            if found:
                t = found[-1]
                items.append(Item(t.start, t.end, t.dim, t.value))
            elif len(core) >= 2:
                items.append(Item(start, start + len(core), "unknown", core))
            pos += len(part)
        if len(items) > 1 and len({i.dim for i in items} - {"unknown"}) <= 1:
            out.append(items)
    return out


def _clause_end(work: str, at: int, e: int) -> int:
    m = re.search(r"[，,；;。]", work[at:e])
    return at + m.start() if m else e


def _families(claims: list[Claim]) -> list[list[Claim]]:
    """Runs of figures of one kind, in order: values of one currency, rates, shares, pp."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.measure in (Measure.VALUE, Measure.CHANGE, Measure.QUANTITY):
            key = ("money", c.stated.unit)
        elif c.measure in (Measure.SHARE, Measure.SHARE_CHANGE):
            key = (c.measure.value, "")
        elif c.stated.unit == "percent":
            key = ("rate", "")
        else:
            key = (c.measure.value, c.stated.unit)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def _assign(items: list[Item], claims: list[Claim]) -> None:
    for group in _families(claims):
        if len(group) != len(items):
            continue
        for i, (item, c) in enumerate(zip(items, group, strict=True)):
            _set(c, item, f"item {i + 1} of a list paired 'respectively'")


def _set(c: Claim, item: Item, why: str) -> None:
    if item.dim == "period":
        c.period = item.value
        c.why.append(f"period {item.value}: {why}")
        return
    if c.subject.topic != "trade":
        return
    if item.dim == "unknown":
        c.subject.product = None
        c.subject.unknown, c.subject.unknown_dim = item.value, "product"
    else:
        setattr(c.subject, item.dim, item.value)
        if item.dim == "product" and c.subject.unknown_dim == "product":
            c.subject.unknown = c.subject.unknown_dim = None
    c.why.append(f"{item.dim} {item.value}: {why}")


def _former_latter(work: str, s: int, e: int, claims: list[Claim],
                   items: list[Item] | None) -> None:  # fmt: skip
    if not items:
        return
    marks = list(_FORMER.finditer(work, s, e))
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else e
        item = items[0] if m["w"].lower() == "former" else items[-1]
        for c in claims:
            if m.end() <= c.start < stop:
                _set(c, item, f"'the {m['w'].lower()}' of the list before")
