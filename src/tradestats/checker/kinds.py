"""What a percentage or a percentage-point figure measures, from the words around it.

A percentage is a share ("accounting for 60 percent of total exports"), year-on-year growth
(the default for a rise or a fall), or another rate the engine does not compute as growth:
quarter-on-quarter, month-on-month, average annual growth, growth over several years, a share
of the growth. A percentage-point figure is a change of a share, a contribution to growth, or
a gap between two growth rates. The cue nearest to the number wins, one in the same clause
first. Chinese cues (环比, 年均, 拉动, 高出 ...) are read on the simplified text.

Example:
    >>> text = "The second quarter was 6% higher than the first quarter."
    >>> percent_kind(text, 23, 25).value
    'qoq_pct'
    >>> text = "Exports grew 12.9 percent, outpacing overall growth by 6.8 percentage points."
    >>> pp_kind(text, 53, 77).value
    'growth_diff_pp'
"""

from __future__ import annotations

import bisect
import re

from tradestats.checker.model import Measure

_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|"
           r"December")  # fmt: skip
_Q = r"(?:first|second|third|fourth|previous|preceding|last)\s+quarter"
RATE_CUES: list[tuple[Measure, re.Pattern[str]]] = [
    (
        Measure.CAGR,
        re.compile(
            r"\baverage\s+annual|\bannual\s+average|\ba\s+year\s+on\s+average|\bcompound(?:ed)?\s+"
            r"annual|\bCAGR\b|\bannually\s+on\s+average|\bon\s+average\s+(?:a|per)\s+year|\bper\s+"
            r"year\s+on\s+average|年均|年平均",
            re.I,
        ),
    ),
    (
        Measure.QOQ,
        re.compile(
            rf"\bquarter[-\s]on[-\s]quarter|\bq/q\b|\bqoq\b|\bsequential(?:ly)?\b|(?:than|from|on|"
            rf"over|compared\s+with|compared\s+to|versus)\s+the\s+{_Q}|比(?:一|二|三|四|上)季度|"
            r"较(?:一|二|三|四|上)季度|季度环比",
            re.I,
        ),
    ),
    (
        Measure.MOM,
        re.compile(
            rf"\bmonth[-\s]on[-\s]month|\bm/m\b|\bmom\b|(?:from|on|over|than)\s+(?:the|a)\s+"
            rf"(?:previous|preceding|prior)\s+month|\bfrom\s+a\s+month\s+(?:earlier|ago|before)|"
            rf"\bcompared\s+with\s+(?:{_MONTHS})\b|\bfrom\s+(?:{_MONTHS})\b(?!'s)(?!\s+\d{{4}})(?!\s+to)|"
            r"(?<!同)月增|(?<!同)月减|环比|比上月|较上月",  # (较上年同月增加: year on year)
            re.I,
        ),
    ),
    (
        Measure.MULTI_YEAR,
        re.compile(
            r"\bover\s+the\s+(?:past|last)\s+(?:decade|\w+\s+years)|\b(?:from|since|compared\s+"
            r"with|than\s+in)\s+(?:19|20)\d{2}\b(?!\s*[-–]\s*\d)|\bbetween\s+(?:19|20)\d{2}\s+and\b|"
            r"\bin\s+the\s+past\s+(?:decade|\w+\s+years)|与(?:19|20)\d{2}年(?:同期)?相比|"
            r"比(?:19|20)\d{2}年",
            re.I,
        ),
    ),
    (
        Measure.YOY,
        re.compile(
            r"\byear[-\s]on[-\s]year|\byear[-\s]over[-\s]year|\by/y\b|\byoy\b|\bfrom\s+a\s+year\s+"
            r"(?:earlier|ago|before)|\bon\s+the\s+year\b|\bover\s+the\s+same\s+period|\bfrom\s+the\s+"
            r"same\s+(?:period|month|quarter)|同比|年增|年减|年降|按年|较上年|比上年|"
            r"较去年同期",
            re.I,
        ),
    ),
]
SHARE_WORDS = re.compile(
    r"\b(?:share|proportion|accounting\s+for|accounted\s+for|accounts?\s+for|making\s+up|"
    r"made\s+up|makes\s+up|took\s+up|represent(?:ed|ing|s)?|weight)\b",
    re.I,
)
SHARE_AFTER = re.compile(
    r"\A\s*(?:of\s+(?:the\s+)?(?:(?:country|nation|china|eu|bloc|region)'s\s+)?(?:total|overall|"
    r"all|extra-eu|global|world|foreign\s+trade|exports?|imports?|trade)\b)",
    re.I,
)
GROWTH_SHARE = re.compile(r"\A\s*of\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:growth|increase|rise|gain)",
                          re.I)  # fmt: skip
CONTRIBUTED = re.compile(r"\bcontribut(?:ed|ing|ion)\b|\b贡献", re.I)
PP_CONTRIBUTION = re.compile(
    r"\b(?:boost(?:ed|ing)?|lift(?:ed|ing)?|add(?:ed|ing)|drove|driving|contribut(?:ed|ing))\b"
    r"[^.;]{0,60}\bgrowth\b|\bcontribut(?:ed|ing)\b[^.;]{0,40}\bto\b[^.;]{0,30}\bgrowth\b|"
    r"拉动|贡献",
    re.I,
)
PP_GAP = re.compile(
    r"\b(?:faster|slower|quicker|higher\s+than|lower\s+than|outpac(?:ed|ing)|"
    r"accelerat(?:ed|ing|ion)|decelerat(?:ed|ing)|slow(?:ed|ing)\s+(?:by|from)|pick(?:ed)?\s+up|"
    r"quicken(?:ed)?)\b|\bgrowth\s+(?:rate\s+)?(?:gap|difference)|高出|快于|慢于|高于|低于|"
    r"加快|放缓|回落|提高了?(?=\d)|增速",
    re.I,
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the clause holding ``text[start:end]`` (commas, ';', sentence ends)."""
    c_start = _clause_start(text, max(0, start - 200), start)
    m = re.search(r",(?!\d{3})|;|\.(?:\s|$)|，|；|。|\n", text[end : end + 200])
    return c_start, end + m.start() if m else min(len(text), end + 200)


_NOT_A_CUT = re.compile(r"\d{3}")  # "1,234": a thousands comma does not end a clause


def _clause_start(text: str, lo: int, start: int) -> int:
    """Just after the last clause cut (``,;.`` and the Chinese ones) in ``text[lo:start]``, or
    ``lo``. Searched backwards with ``rfind``: a pattern over the window found every comma of a
    comma-dense Chinese window once per figure."""
    best = lo
    for sep in ";，；。：\n":
        i = text.rfind(sep, lo, start)
        if i >= 0:
            best = max(best, i + 1)
    i = text.rfind(",", best, start)
    while i >= 0 and _NOT_A_CUT.match(text, i + 1, start):
        i = text.rfind(",", best, i)
    if i >= 0:
        best = max(best, i + 1)
    i = text.rfind(".", best, start - 1) if start - 1 > best else -1
    while i >= 0 and not text[i + 1].isspace():
        i = text.rfind(".", best, i)
    if i >= 0:
        best = max(best, i + 2)
    return best


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    cuts = [m.end() for m in re.finditer(r"\.\s|[。！？；;]|\n", text[lo:start])]
    s_start = lo + cuts[-1] if cuts else lo
    m = re.search(r"\.(?:\s|$)|[。！？；;]|\n", text[end : end + 400])
    return s_start, end + m.start() if m else min(len(text), end + 400)


class _CueCache:
    """The rate cues of a text, found once for all its figures: each figure asks for those of
    the 800 characters around it, and a search per figure would rescan them each time."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.cues: list[tuple[int, int, Measure]] = []
        self.starts: list[int] = []

    def get(self, text: str, lo: int, hi: int) -> list[tuple[int, int, Measure]]:
        if text is not self.text:
            self.text = text
            self.cues = sorted((m.start(), m.end(), measure) for measure, rx in RATE_CUES
                               for m in rx.finditer(text))  # fmt: skip
            self.starts = [c[0] for c in self.cues]
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_left(self.starts, hi, first)
        return [c for c in self.cues[first:last] if c[1] <= hi]


_CACHE = _CueCache()


def rate_cue(text: str, start: int, end: int) -> Measure | None:
    """The measure named by the rate cue nearest the number (same clause first)."""
    c_start, c_end = clause_bounds(text, start, end)
    s_start, s_end = sentence_bounds(text, start, end)
    cues = _CACHE.get(text, s_start, s_end)
    in_clause = [c for c in cues if c_start <= c[0] and c[1] <= c_end]
    if any(m is Measure.CAGR for _, _, m in in_clause):
        return Measure.CAGR  # "an average annual rate of 50 % over the past four years"
    for pool in (in_clause, cues):
        best: tuple[int, Measure] | None = None
        for cs, ce, measure in pool:
            d = start - ce if ce <= start else cs - end
            if d >= -1 and (best is None or d < best[0]):
                best = (d, measure)
        if best:
            return best[1]
    return None


def percent_kind(text: str, start: int, end: int) -> Measure | None:
    """SHARE, CONTRIBUTION_SHARE or a rate cue's measure; None when no cue decides."""
    c_start, c_end = clause_bounds(text, start, end)
    before, after = text[c_start:start], text[end:c_end]
    if GROWTH_SHARE.match(after) or (CONTRIBUTED.search(before) and "growth" in after.lower()):
        return Measure.CONTRIBUTION_SHARE
    if SHARE_WORDS.search(before) or SHARE_AFTER.match(after):
        return Measure.SHARE
    return rate_cue(text, start, end)


def pp_kind(text: str, start: int, end: int) -> Measure:
    """SHARE_CHANGE unless the clause speaks of contributions to growth or of growth gaps."""
    c_start, c_end = clause_bounds(text, start, end)
    clause = text[c_start:c_end]
    if PP_CONTRIBUTION.search(clause):
        return Measure.CONTRIBUTION
    if SHARE_WORDS.search(clause) or re.search(r"比重|占比|份额|占", clause):
        return Measure.SHARE_CHANGE
    if PP_GAP.search(clause):
        return Measure.GROWTH_DIFF
    return Measure.SHARE_CHANGE
