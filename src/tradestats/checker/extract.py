"""Find the numeric claims of an English text: values, changes, quantities, growth and other
rates, shares, pp changes, counts, streaks, ranks and records. Each keeps its exact span.

The patterns are plain regular expressions (linear time, no network model); what a number is
about is decided later, in ``resolve``. Numbers are read as printed: ``$3.77trn``,
``£2.8trn``, ``€1 741.9 bn``, ``¥18.9 trillion`` (yen when the text is about Japan),
``Rs 37.02 lakh crore``, ordinals (``17th consecutive month``, ``third-largest``).

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

from tradestats.checker.kinds import clause_bounds, percent_kind, pp_kind
from tradestats.checker.model import Claim, Measure, Qualifier, Stated
from tradestats.checker.numbers import (
    FRACTIONS,
    NUMBER_WORDS,
    ORDINAL_NUM,
    ORDINAL_WORDS,
    ORDINALS,
    QUALIFIER_WORDS,
    parse_number,
    qualifier_of,
    scale_of,
)
from tradestats.checker.text import mask_dates, sentences

_QUAL_BEFORE = re.compile(rf"(?<![\w-])(?:{QUALIFIER_WORDS})\s+$", re.I)
_SCALES = r"trillion|billion|million|thousand|trn|tril|tn|bn|bln|mln|mn|lakh\s+crore|crore|lakh"
_CUR_BEFORE = (r"(?P<cur1>U\.?S\.?\$|HK\$|NT\$|S\$|A\$|C\$|\$|USD|RMB|CNY|¥|€|EUR|£|GBP|₹|Rs\.?|"
               r"INR|₩|KRW|JPY)")  # fmt: skip
_CUR_AFTER = (r"(?P<cur2>yuan|renminbi|RMB|CNY|U\.S\.\s+dollars|US\s+dollars|Hong\s+Kong\s+dollars|"
              r"HK\s+dollars|New\s+Taiwan\s+dollars|NT\s+dollars|dollars|USD|euros?|EUR|"
              r"pounds(?:\s+sterling)?|sterling|GBP|yen|JPY|rupees|INR|won|KRW)")  # fmt: skip
# Patterns begin with a digit or a literal so that the regex engine skips ahead quickly; a
# number begins where a run of digits begins ("(?<![\d.])" after its first digit).
_NUMF = r"\d(?<![\d.]\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
# Money may group thousands with spaces ("€3 238.6 billion"), as Eurostat prints it.
_MNUM = r"\d(?<![\d.]\d)(?:\d{0,2}(?:[,\u202f\u00a0 ]\d{3})+|\d*)(?:\.\d+)?"
MONEY_CUR = re.compile(
    rf"{_CUR_BEFORE}\s*(?P<n1>{_MNUM})(?:\s*(?P<s1>{_SCALES}))?"
    rf"(?:\s+{_CUR_AFTER.replace('cur2', 'cur3')})?\b"
)
MONEY_NUM = re.compile(rf"(?P<n2>{_MNUM})\s*(?:(?P<s2>{_SCALES})\s+)?{_CUR_AFTER}\b")
BARE_SCALE = re.compile(rf"(?P<n>{_NUMF})\s*(?P<s>trillion|billion|million|trn|bn)\b")
QUANTITY = re.compile(
    rf"(?P<n>{_NUMF})\s*(?:(?P<s>million|billion|thousand|mln|bln)\s+)?(?P<u>metric\s+tons|"
    r"metric\s+tonnes|tonnes|tons|mmt|mt|barrels|vehicles|TEUs?)\b"
)
PP = re.compile(rf"(?P<n>{_NUMF})\s*(?:percentage\s+points?|pct\s+points?|ppts?|pp)\b")
PP_WORD = re.compile(rf"(?P<n>{NUMBER_WORDS})\s+percentage\s+points?\b", re.I)
PERCENT = re.compile(rf"(?P<n>{_NUMF})\s*(?:percent\b|per\s*cent\b|pct\b|%|Percent\b)")
FRACTION = re.compile(
    r"(?P<f>two[-\s]thirds|one[-\s]third|a\s+third|three[-\s]quarters|"
    r"(?:one|two|three|four)[-\s]fifths?|a\s+fifth|(?<!first\s)(?<!second\s)half)\b(?=\s+of\b)"
)
_COUNT_NOUNS = (
    r"countries\s+and\s+regions|countries\s+and\s+territories|countries|economies|"
    r"trading\s+partners|partners|(?:foreign\s+trade\s+)?(?:business\s+entities|entities|"
    r"enterprises|companies|firms)"
)
COUNT = re.compile(rf"(?P<n>{_NUMF})\s+(?:[a-z-]+\s+)?(?P<noun>{_COUNT_NOUNS})\b")
COUNT_WORD = re.compile(rf"(?P<n>{NUMBER_WORDS})\s+(?:[a-z-]+\s+)?(?P<noun>{_COUNT_NOUNS})\b",
                        re.I)  # fmt: skip
COUNT_AFTER = re.compile(
    r"number\s+of\s+(?:[\w-]+\s+){0,8}?(?:enterprises|firms|companies|entities|traders)\b"
    r"[^.;%]{0,60}?\b(?P<verb>reached|topped|rose\s+to|hit|stood\s+at|exceeded|surpassed|"
    rf"totaled|totalled|came\s+to)\s+(?P<body>(?P<qual>about|around|over|more\s+than|nearly|"
    rf"some)?\s*(?P<n>{_NUMF}))(?!\s*(?:percent|%|per|trillion|billion|million))"
)
_N = rf"(?P<n>\d+|{NUMBER_WORDS})"
_UNIT = r"(?P<unit>quarters|months|years)"
_YEARREF = r"(?:\s+(?:of\s+)?(?P<year>last\s+year|this\s+year|\d{4}))?"
STREAK = re.compile(
    rf"(?:(?:consecutive|straight|successive)\s+(?:of\s+)?{_N}\s+{_UNIT}"
    rf"|{_N.replace('<n>', '<n2>')}\s+(?:consecutive|straight|successive)\s+"
    rf"{_UNIT.replace('<unit>', '<unit2>')}"
    rf"|{_N.replace('<n>', '<n3>')}\s+{_UNIT.replace('<unit>', '<unit3>')}\s+in\s+a\s+row"
    rf"|(?P<o>{ORDINAL_NUM}|{ORDINAL_WORDS})\s+(?:consecutive|straight|successive|running)\s+"
    rf"(?P<ou>month|quarter|year)\b"
    rf"|\bfor\s+(?:a|the)\s+(?P<o2>{ORDINAL_WORDS})\s+(?P<ou2>month|quarter|year)\b)"
    rf"(?:\s+since\s+the\s+(?P<since>{ORDINAL_WORDS})\s+(?P<bucket>quarter|month){_YEARREF})?",
    re.I,
)
RANK = re.compile(
    r"(?P<record>(?:[Nn]ew\s+)?(?:[Rr]ecord|[Aa]ll-time)(?:\s+|-)(?:high|low)s?)\b"
    r"|(?P<rec2>[Rr]ecord)\b(?!\s+(?:high|low))(?!-)"
    r"|(?P<superl>[Ll]argest|[Bb]iggest)\b"
    r"|(?P<top>top)\s+(?=(?:exporting|importing|trading|export|import|trade)\b)"
    rf"|rank(?:ed|ing|s)?\s+(?P<rank>{ORDINAL_WORDS}|{ORDINAL_NUM})\b",
)
_RANK_BEFORE = re.compile(rf"(?:(?:the\s+)?(?:world's\s+)?(?P<ord>{ORDINAL_WORDS}|{ORDINAL_NUM})"
                          r"[-\s]|(?:the\s+)?world's\s+|the\s+|new\s+)$", re.I)  # fmt: skip
_UP = (
    r"gr[eo]w(?:s|n|ing|th)?|r[io]se[sn]?|rising|increase[sd]?|increasing|up|jump(?:ed|s)?|"
    r"soar(?:ed|s|ing)?|climb(?:ed|s|ing)?|surg(?:ed|es|ing)|expand(?:ed|s|ing)?|gain(?:ed|s)?|"
    r"advanc(?:ed|es)|added|higher|widen(?:ed|ing)?|edg(?:ed|ing)\s+up|accelerat(?:ed|ing)|"
    r"beat|boost(?:ed|ing)?|lift(?:ed|ing)?"
)
_DOWN = (
    r"f[ae]ll(?:s|ing|en)?|declin(?:ed|es|e|ing)|drop(?:ped|s)?|down|decreas(?:ed|es|e|ing)|"
    r"shr[au]nk|shrinks?|contract(?:ed|s|ion)|sl(?:id|ipped)|slump(?:ed)?|plung(?:ed|es)|"
    r"dipp?(?:ed)?|lower|tumbled|narrow(?:ed|ing)?|edg(?:ed|ing)\s+down|skidd(?:ed)|slid|"
    r"slipped"
)
DIRECTION = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
CHANGE_BEFORE = re.compile(
    rf"(?:\b(?:{_UP}|{_DOWN})|\ban?\s+(?:increase|decrease|rise|drop|fall|gain)\s+of|"
    r"\b(?:widened|narrowed)\s+by)\s+(?:by\s+)?(?:about\s+|some\s+|nearly\s+)?$",
    re.I,
)
_CURRENCY = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "dollars": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "hk$": "HKD", "hong kong dollars": "HKD", "hk dollars": "HKD",
    "nt$": "TWD", "new taiwan dollars": "TWD", "nt dollars": "TWD", "s$": "SGD", "a$": "AUD",
    "c$": "CAD", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY", "¥": "CNY",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "jpy": "JPY",
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rupees": "INR", "₩": "KRW",
    "krw": "KRW", "won": "KRW",
}  # fmt: skip
_QUANTITY_SCALE = {"mmt": Decimal(10) ** 6}
_YEN_CONTEXT = re.compile(r"\byen\b|\bJapan", re.I)
_POINT = re.compile(r"percentage point")
_NOUN_CUE = re.compile(r"countries|economies|partners|entities|enterprises|companies|firms")


def extract(text: str) -> list[Claim]:
    """Every numeric claim in ``text`` (English), in order, spans not overlapping.

    >>> [c.text for c in extract("trade with over 190 countries and regions grew")]
    ['over 190 countries and regions']
    """
    work = mask_dates(text)
    found: list[Claim] = []
    yen = bool(_YEN_CONTEXT.search(text))
    for finder in (_streaks, _pps, _quantities, _money, _percents, _fractions, _counts, _ranks):
        found.extend(finder(text, work, yen))
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


def _money_stated(m: re.Match[str], yen: bool) -> Stated:
    g = m.groupdict()
    raw = g.get("n1") or g["n2"]
    value, decimals = parse_number(raw)
    scale = g.get("s1") or g.get("s2")
    if scale is None and "." not in raw:
        decimals = max(decimals, 0)
    cur = " ".join((g.get("cur1") or g.get("cur2") or g.get("cur3") or "").lower().split())
    unit = _CURRENCY.get(cur, "USD" if "dollar" in cur else "CNY")
    if cur == "¥" and yen:
        unit = "JPY"
    return Stated(value, unit, scale_of(scale), decimals, Qualifier.EXACT)


# "imports from Russia at 0.98 trillion yuan": the partner's "from", not a level grown from.
_FROM_PLACE_AT = re.compile(
    r"\bfrom\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+(?:at|of|worth|totall?ing)\s+$"
)


def _money(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    matches = _merge(list(MONEY_CUR.finditer(work)) + list(MONEY_NUM.finditer(work)))
    for m in matches:
        claim = _claim(text, m, Measure.VALUE, _money_stated(m, yen))
        head = work[max(0, claim.start - 40) : claim.start]
        if (re.search(r"\bfrom\s+(?:\w+\s+){0,2}$", head) and not re.search(r"\bto\s+\S*$", head)
                and not _FROM_PLACE_AT.search(head)):  # fmt: skip
            claim.role = "previous"
        elif CHANGE_BEFORE.search(head) and not re.search(r"\b(?:to|reach(?:ing)?)\s+$", head):
            claim.measure = Measure.CHANGE
            claim.direction = _direction(work, claim.start, claim.end)
        out.append(claim)
    return out + _shared_unit(text, work, matches, yen)


def _merge(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Matches of several patterns in text order, the first one kept where two overlap."""
    out: list[re.Match[str]] = []
    for m in sorted(matches, key=lambda m: m.start()):
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _span(matches: list[re.Match[str]]) -> tuple[int, int]:
    return (max(0, matches[0].start() - 80), matches[-1].start()) if matches else (0, 0)


def _shared_unit(text: str, work: str, matches: list[re.Match[str]], yen: bool) -> list[Claim]:
    """'0.62 trillion and 0.21 trillion yuan': the first figure takes the second's currency."""
    out = []
    starts = [m.start() for m in matches]
    for b in BARE_SCALE.finditer(work, *_span(matches)):
        i = bisect.bisect_left(starts, b.end())
        if i < len(matches) and re.fullmatch(r"\s*(?:,|and|or|to|-|–)?\s*(?:and\s+)?",
                                             work[b.end() : matches[i].start()]):  # fmt: skip
            value, decimals = parse_number(b["n"])
            stated = replace(_money_stated(matches[i], yen), value=value,
                             scale=scale_of(b["s"]), decimals=max(decimals, 0))  # fmt: skip
            out.append(_claim(text, b, Measure.VALUE, stated))
    return out


def _quantities(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    for m in QUANTITY.finditer(work):
        value, decimals = parse_number(m["n"])
        unit = m["u"].lower()
        scale = _QUANTITY_SCALE.get(unit, scale_of(m["s"]))
        stated = Stated(value, "t" if "t" in unit[:1] or unit.startswith("mt") else unit,
                        scale, max(decimals, 0) if m["s"] else decimals)  # fmt: skip
        out.append(_claim(text, m, Measure.QUANTITY, stated))
    return out


def _percent_stated(m: re.Match[str], unit: str) -> Stated:
    value, decimals = parse_number(m["n"])
    return Stated(value, unit, Decimal(1), max(decimals, 0), Qualifier.EXACT)


def _pps(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    words = [w for c in _POINT.finditer(work)
             if (w := PP_WORD.search(work, max(0, c.start() - 12), c.end() + 1))]  # fmt: skip
    for m in _merge(list(PP.finditer(work)) + words):
        claim = _claim(text, m, pp_kind(work, m.start(), m.end()), _percent_stated(m, "pp"))
        claim.direction = _direction(work, m.start(), m.end())
        out.append(claim)
    return out


def _percents(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    for m in PERCENT.finditer(work):
        claim = _claim(text, m, Measure.OTHER, _percent_stated(m, "percent"))
        kind = percent_kind(work, m.start(), m.end())
        if kind not in (Measure.SHARE, Measure.CONTRIBUTION_SHARE):
            claim.direction = _direction(work, m.start(), m.end())
            if kind is None:
                kind = Measure.YOY if claim.direction else Measure.OTHER
        claim.measure = kind
        out.append(claim)
    return out


def _fractions(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    for m in FRACTION.finditer(work):
        value = FRACTIONS[re.sub(r"\s+", "-", m["f"].lower()).replace("a-", "a ")]
        stated = Stated(value.quantize(Decimal("0.01")), "percent", Decimal(1), 0, Qualifier.ABOUT)
        out.append(_claim(text, m, Measure.SHARE, stated))
    return out


_OR_RATE = re.compile(
    r"\s+(?:by\s+)?(?:about\s+|some\s+|nearly\s+)?(?:[$€£¥₹]|US\$|RMB\s?)?"
    r"[\d.,]+\s*(?:[a-z]+\s*){0,3}?(?:,\s*|\(\s*|\s)or\s+",
    re.I,
)


def _direction(work: str, start: int, end: int) -> int:
    """+1 / -1 from the nearest direction word close before or just after the number."""
    lo = clause_bounds(work, start, end)[0]
    before = list(DIRECTION.finditer(work, lo, start))
    if before and start - before[-1].end() < 60:
        return 1 if before[-1]["up"] else -1
    after = DIRECTION.search(work, end, min(len(work), end + 40))
    if after and not re.search(r"[,;.]", work[end : after.start()]):
        return 1 if after["up"] else -1
    # A list continues the first figure's direction: "rose 6.1%, 0.5% and 3.8%"; so does a
    # rate restating a change: "rose by 120 billion yuan, or 5.2 percent".
    prior = list(DIRECTION.finditer(work, max(0, lo - 120), start))
    gap = work[prior[-1].end() : start] if prior else ""
    if prior and _OR_RATE.fullmatch(gap):
        return 1 if prior[-1]["up"] else -1
    if prior and re.fullmatch(r"(?:\s*(?:by\s+)?[\d.,]+\s*(?:%|percent|per\s*cent)\s*(?:,|and)"
                              r"\s*(?:and\s+)?)+\s*", gap, re.I):  # fmt: skip
        return 1 if prior[-1]["up"] else -1
    return 0


def _counts(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    words = [w for c in _NOUN_CUE.finditer(work)
             if (w := COUNT_WORD.search(work, max(0, c.start() - 20), c.end() + 4))]  # fmt: skip
    for m in _merge(list(COUNT.finditer(work)) + words):
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
    for m in COUNT_AFTER.finditer(work):
        value, decimals = parse_number(m["n"])
        qual = qualifier_of(m["qual"]) if m["qual"] else qualifier_of(m["verb"])
        stated = Stated(value, "count", Decimal(1), decimals, qual)
        s, e = m.span("body")
        out.append(Claim(s, e, text[s:e], "", Measure.COUNT, stated, detail="enterprises"))
    return out


_STREAK_CUE = re.compile(r"consecutive|straight|successive|in\s+a\s+row|running|\bfor\s+(?:a|the)"
                         rf"\s+(?:{ORDINAL_WORDS})\s+(?:month|quarter|year)", re.I)  # fmt: skip
_DECLINE = re.compile(r"declin|\bfall|\bfell|\bdrop|contraction|decreas|negative|slump|\bdown",
                      re.I)  # fmt: skip
_RANKED = re.compile(r"largest|biggest|\btop\b|first|leading|首位|第一|最大", re.I)


def _streak_matches(work: str) -> list[re.Match[str]]:
    """STREAK matches, searched only near its cue words (the full scan is slow on long texts)."""
    out: list[re.Match[str]] = []
    for cue in _STREAK_CUE.finditer(work):
        if out and cue.start() < out[-1].end():
            continue
        m = STREAK.search(work, max(0, cue.start() - 30), min(len(work), cue.end() + 90))
        if (
            m
            and m.start() <= cue.end()
            and cue.start() < m.end() + 1
            and (not out or m.start() >= out[-1].end())
        ):
            out.append(m)
    return out


def _streaks(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    for m in _streak_matches(work):
        n = m["n"] or m["n2"] or m["n3"] or m["o"] or m["o2"]
        unit = (m["unit"] or m["unit2"] or m["unit3"] or m["ou"] or m["ou2"]).lower()
        unit = unit if unit.endswith("s") else unit + "s"
        value, _ = parse_number(n)
        stated = Stated(value, unit, Decimal(1), 0, Qualifier.EXACT)
        claim = _claim(text, m, Measure.STREAK, stated, detail=unit.rstrip("s"))
        if m["since"]:
            claim.since = ORDINALS[m["since"].lower()]
        c_start, c_end = clause_bounds(work, m.start(), m.end())
        near = work[max(c_start, m.start() - 60) : min(c_end, m.end() + 40)]
        if _RANKED.search(near):
            claim.role = "rank"  # "the largest trader for nine consecutive years": not growth
        elif _DECLINE.search(near):
            claim.role = "decline"
        out.append(claim)
    return out


_RECORD_BEFORE = re.compile(r"(?:\ba|\bnew|\bhits?|\bset|\bposted|\bran)\s+$", re.I)
_RECORD_NEXT = re.compile(r"\s*(?:(?:trade\s+)?(?:surplus|deficit)\b|for\b|[\d$€£¥])", re.I)


def _ranks(text: str, work: str, yen: bool = False) -> list[Claim]:
    out = []
    for m in RANK.finditer(work):
        if (m["top"] or m["rank"]) and work[max(0, m.start() - 1) : m.start()].isalpha():
            continue
        if m["rec2"] and work[max(0, m.start() - 6) : m.start()].lower() == "track ":
            continue
        if m["rec2"] and not (_RECORD_BEFORE.search(work, max(0, m.start() - 10), m.start())
                              or _RECORD_NEXT.match(work, m.end())):  # fmt: skip
            continue  # "import and export records", "a track record": no claim
        lead = _RANK_BEFORE.search(work, max(0, m.start() - 30), m.start())
        order = (lead["ord"] if lead and m["superl"] else None) or m["rank"]
        value = parse_number(order)[0] if order else Decimal(1)
        detail = "record_high" if m["record"] or m["rec2"] else "largest"
        if m["record"] and m["record"].lower().rstrip("s").endswith("low"):
            detail = "record_low"
        stated = Stated(value, "rank", Decimal(1), 0, Qualifier.EXACT)
        claim = _claim(text, m, Measure.RANK, stated, detail=detail)
        if lead and m["superl"]:
            claim.start, claim.text = lead.start(), text[lead.start() : m.end()]
        out.append(claim)
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
