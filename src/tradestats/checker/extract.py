"""Find the numeric claims of an English text: values, growth, shares, pp changes, counts,
streaks, ranks and records. Each claim keeps its exact character span.

The patterns are plain regular expressions (linear time, no network model); what a number is
about is decided later, in ``resolve``.

Example:
    >>> [(c.text, c.measure.value, str(c.signed / c.stated.scale))
    ...  for c in extract("Exports fell 2.5 percent to 3.1 trillion yuan.")]
    [('2.5 percent', 'yoy_pct', '-2.5'), ('3.1 trillion yuan', 'value', '3.1')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from decimal import Decimal

from tradestats.checker.model import Claim, Measure, Qualifier, Stated
from tradestats.checker.numbers import (
    NUM,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ORDINALS,
    QUALIFIER_WORDS,
    parse_number,
    qualifier_of,
    scale_of,
)
from tradestats.checker.text import mask_dates, sentences

_Q = ""  # qualifiers are read just before a match (see _hedge): faster than an optional group
_QUAL_BEFORE = re.compile(rf"(?<![\w-])(?:{QUALIFIER_WORDS})\s+$", re.I)
_SCALES = r"trillion|billion|million|thousand|tn|bn|mn"
_CUR_BEFORE = r"(?P<cur1>US\$|\$|USD|RMB|CNY|¥|€|EUR)"
_CUR_AFTER = r"(?P<cur2>yuan|RMB|CNY|U\.S\.\s+dollars|US\s+dollars|dollars|USD|euros|EUR)"
MONEY = re.compile(
    rf"{_Q}(?:{_CUR_BEFORE}\s?(?P<n1>{NUM})(?:\s*(?P<s1>{_SCALES}))?"
    rf"(?:\s+{_CUR_AFTER.replace('cur2', 'cur3')})?"
    rf"|(?P<n2>{NUM})\s*(?:(?P<s2>{_SCALES})\s+)?{_CUR_AFTER})\b",
    re.I,
)
PP = re.compile(rf"{_Q}(?P<n>{NUM})\s*(?:percentage\s+points?|ppts?|pp)\b", re.I)
PERCENT = re.compile(rf"{_Q}(?P<n>{NUM})\s*(?:percent\b|per\s+cent\b|%)", re.I)
_COUNT_NOUNS = (
    r"countries\s+and\s+regions|countries\s+and\s+territories|countries|economies|"
    r"trading\s+partners|partners|(?:foreign\s+trade\s+)?(?:business\s+entities|entities|"
    r"enterprises|companies|firms)"
)
COUNT = re.compile(
    rf"{_Q}(?P<n>{NUM}|{NUMBER_WORDS})\s+(?:[a-z-]+\s+)?(?P<noun>{_COUNT_NOUNS})\b", re.I
)
_N = rf"(?P<n>\d+|{NUMBER_WORDS})"
_UNIT = r"(?P<unit>quarters|months|years)"
_YEARREF = r"(?:\s+(?:of\s+)?(?P<year>last\s+year|this\s+year|\d{4}))?"
STREAK = re.compile(
    rf"(?:(?:consecutive|straight|successive)\s+(?:of\s+)?{_N}\s+{_UNIT}"
    rf"|{_N.replace('<n>', '<n2>')}\s+(?:consecutive|straight|successive)\s+"
    rf"{_UNIT.replace('<unit>', '<unit2>')}"
    rf"|{_N.replace('<n>', '<n3>')}\s+{_UNIT.replace('<unit>', '<unit3>')}\s+in\s+a\s+row)"
    rf"(?:\s+since\s+the\s+(?P<since>{ORDINAL_WORDS})\s+(?P<bucket>quarter|month){_YEARREF})?",
    re.I,
)
RANK = re.compile(
    r"\b(?P<record>(?:new\s+)?(?:record|all-time)(?:\s+|-)high)\b"
    r"|\b(?:the\s+)?(?:world's\s+)?(?P<superl>largest|biggest|second-largest)\b",
    re.I,
)
_UP = (
    r"gr[eo]w(?:s|n|ing|th)?|r[io]se[sn]?|rising|increase[sd]?|increasing|up|jump(?:ed|s)?|"
    r"soar(?:ed|s|ing)?|climb(?:ed|s|ing)?|surg(?:ed|es|ing)|expand(?:ed|s|ing)?|gain(?:ed|s)?|"
    r"advanc(?:ed|es)|added|higher"
)
_DOWN = (
    r"f[ae]ll(?:s|ing|en)?|declin(?:ed|es|e|ing)|drop(?:ped|s)?|down|decreas(?:ed|es|e|ing)|"
    r"shr[au]nk|shrinks?|contract(?:ed|s|ion)|sl(?:id|ipped)|slump(?:ed)?|plung(?:ed|es)|"
    r"dipp(?:ed)|lower|tumbled"
)
DIRECTION = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
SHARE_WORDS = re.compile(
    r"\b(?:share|proportion|accounting\s+for|accounted\s+for|accounts?\s+for|making\s+up|"
    r"made\s+up|took\s+up|weight)\b",
    re.I,
)
SHARE_AFTER = re.compile(r"\A\s+of\s+(?:the\s+)?(?:(?:country|nation|china)'s\s+)?total\b", re.I)
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "euros": "EUR",
             "€": "EUR", "eur": "EUR"}  # fmt: skip


def extract(text: str) -> list[Claim]:
    """Every numeric claim in ``text`` (English), in order, spans not overlapping.

    >>> [c.text for c in extract("trade with over 190 countries and regions grew")]
    ['over 190 countries and regions']
    """
    work = mask_dates(text)
    found: list[Claim] = []
    for finder in (_streaks, _pps, _money, _percents, _counts, _ranks):
        found.extend(finder(text, work))
    claims = no_overlaps(found)
    add_sentences(text, claims)
    return claims


def _claim(text: str, m: re.Match[str], measure: Measure, stated: Stated, **kw: object) -> Claim:
    """A claim over the match, widened to a hedge word just before it ("over", "nearly")."""
    start, word = _hedge(text, m.start())
    if word:
        stated = replace(stated, qualifier=qualifier_of(word))
    return Claim(start, m.end(), text[start : m.end()], "", measure, stated, **kw)  # type: ignore[arg-type]


def _hedge(text: str, start: int) -> tuple[int, str | None]:
    """(start, word) of a qualifier right before ``start``, or (start, None)."""
    lo = max(0, start - 24)
    m = _QUAL_BEFORE.search(text, lo, start)
    return (m.start(), m[0].strip()) if m else (start, None)


def _money(text: str, work: str) -> list[Claim]:
    out = []
    for m in MONEY.finditer(work):
        raw = m["n1"] or m["n2"]
        value, decimals = parse_number(raw)
        scale = m["s1"] or m["s2"]
        if scale is None and "." not in raw:
            decimals = max(decimals, 0)
        cur = (m["cur1"] or m["cur2"] or "").lower()
        unit = _CURRENCY.get(cur, "USD" if "dollar" in cur else "CNY")
        stated = Stated(value, unit, scale_of(scale), decimals, Qualifier.EXACT)
        claim = _claim(text, m, Measure.VALUE, stated)
        if re.search(r"\bfrom\s+(?:\w+\s+){0,2}$", work[max(0, m.start() - 30) : m.start()]):
            claim.role = "previous"
        out.append(claim)
    return out


def _percent_stated(m: re.Match[str], unit: str) -> Stated:
    value, decimals = parse_number(m["n"])
    return Stated(value, unit, Decimal(1), max(decimals, 0), Qualifier.EXACT)


def _pps(text: str, work: str) -> list[Claim]:
    out = []
    for m in PP.finditer(work):
        claim = _claim(text, m, Measure.SHARE_CHANGE, _percent_stated(m, "pp"))
        claim.direction = _direction(work, m.start(), m.end())
        out.append(claim)
    return out


def _percents(text: str, work: str) -> list[Claim]:
    out = []
    for m in PERCENT.finditer(work):
        claim = _claim(text, m, Measure.OTHER, _percent_stated(m, "percent"))
        clause_start = _clause_start(work, m.start())
        before = work[clause_start : m.start()]
        if SHARE_WORDS.search(before) or SHARE_AFTER.match(work[m.end() : m.end() + 60]):
            claim.measure = Measure.SHARE
        else:
            claim.direction = _direction(work, m.start(), m.end())
            if claim.direction:
                claim.measure = Measure.YOY
        out.append(claim)
    return out


def _clause_start(work: str, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last comma, ';' or sentence end)."""
    lo = max(0, pos - 200)
    cut = [m.end() for m in re.finditer(r",(?!\d{3})|;|\.\s", work[lo:pos])]
    return lo + cut[-1] if cut else lo


def _direction(work: str, start: int, end: int) -> int:
    """+1 / -1 from the nearest direction word close before or just after the number."""
    lo = _clause_start(work, start)
    before = list(DIRECTION.finditer(work, lo, start))
    if before and start - before[-1].end() < 60:
        return 1 if before[-1]["up"] else -1
    after = DIRECTION.search(work, end, min(len(work), end + 40))
    if after and not re.search(r"[,;.]", work[end : after.start()]):
        return 1 if after["up"] else -1
    return 0


def _counts(text: str, work: str) -> list[Claim]:
    out = []
    for m in COUNT.finditer(work):
        if re.search(
            r"\b(?:top|first|leading|largest)\s+$", work[max(0, m.start() - 12) : m.start()], re.I
        ):
            continue  # "the top five trading partners" ranks them; it does not count them
        value, decimals = parse_number(m["n"])
        stated = Stated(value, "count", Decimal(1), decimals, Qualifier.EXACT)
        noun = m["noun"].lower()
        detail = "partners" if re.search(r"countr|econom|partner", noun) else "enterprises"
        following = work[m.end() : m.end() + 60]
        grew = r"^\W*(?:\w+\W+){0,3}(?:positive\s+growth|grew)|^[^。；，,;]{0,8}增长"
        if detail == "partners" and re.search(grew, following):
            detail = "partners_growing"
        out.append(_claim(text, m, Measure.COUNT, stated, detail=detail))
    return out


_STREAK_CUE = re.compile(r"consecutive|straight|successive|in\s+a\s+row", re.I)


def _streak_matches(work: str) -> list[re.Match[str]]:
    """STREAK matches, searched only near its cue words (the full scan is slow on long texts)."""
    out: list[re.Match[str]] = []
    for cue in _STREAK_CUE.finditer(work):
        if out and cue.start() < out[-1].end():
            continue
        m = STREAK.search(work, max(0, cue.start() - 30), min(len(work), cue.end() + 90))
        if m and m.start() <= cue.start() < m.end() and (not out or m.start() >= out[-1].end()):
            out.append(m)
    return out


def _streaks(text: str, work: str) -> list[Claim]:
    out = []
    for m in _streak_matches(work):
        n = m["n"] or m["n2"] or m["n3"]
        unit = (m["unit"] or m["unit2"] or m["unit3"]).lower()
        value, _ = parse_number(n)
        stated = Stated(value, unit, Decimal(1), 0, Qualifier.EXACT)
        claim = _claim(text, m, Measure.STREAK, stated, detail=unit.rstrip("s"))
        if m["since"]:
            claim.since = ORDINALS[m["since"].lower()]
        out.append(claim)
    return out


def _ranks(text: str, work: str) -> list[Claim]:
    out = []
    for m in RANK.finditer(work):
        detail = "record_high" if m["record"] else m["superl"].lower()
        stated = Stated(Decimal(1), "rank", Decimal(1), 0, Qualifier.EXACT)
        out.append(_claim(text, m, Measure.RANK, stated, detail=detail))
    return out


def no_overlaps(found: list[Claim]) -> list[Claim]:
    """Keep the first-found claim where spans overlap (finders run in priority order).

    >>> a, b = extract("grew 3 percent")[0], extract("by 3 percentage points")[0]
    >>> len(no_overlaps([a, a]))
    1
    """
    starts: list[int] = []  # sorted starts of kept spans
    ends: list[int] = []
    kept: list[Claim] = []
    for c in found:
        i = bisect.bisect_left(starts, c.start)
        if (i < len(starts) and starts[i] < c.end) or (i > 0 and ends[i - 1] > c.start):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def add_sentences(text: str, claims: list[Claim]) -> None:
    """Set each claim's ``sentence`` (claims sorted by start)."""
    spans = sentences(text)
    i = 0
    for c in claims:
        while i < len(spans) - 1 and spans[i][1] <= c.start:
            i += 1
        c.sentence = text[spans[i][0] : spans[i][1]] if spans else ""
