"""Period expressions in a sentence -> engine periods, relative to the article's date.

Example:
    >>> [p.period for p in find_periods("in the first half of last year", 2026)]
    ['2025-H1']
    >>> [p.period for p in find_periods("from January to November 2025", 2026)]
    ['2025-01..2025-11']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tradestats.checker.numbers import NUMBER_WORDS, ORDINALS, WORDS
from tradestats.checker.text import MONTHS

_MONTH = "|".join(MONTHS)
_YEAR = r"(?P<y>(?:19|20)\d{2}(?!\d)(?!-\d)|last\s+year|this\s+year)"
_OF_YEAR = rf"(?:\s*(?:of\s+|in\s+)?(?:the\s+)?{_YEAR})?"
_QORD = r"(?P<q>first|second|third|fourth)"
PATTERNS = [
    ("range", rf"(?P<m1>{_MONTH})\s*(?:to|through|-|–)\s*(?P<m2>{_MONTH}){_OF_YEAR}"),
    ("first_months", rf"first\s+(?P<n>\d+|{NUMBER_WORDS})\s+months{_OF_YEAR}"),
    ("first_quarters", rf"first\s+(?P<n>two|three)\s+quarters{_OF_YEAR}"),
    ("half", rf"(?P<h>first|second)\s+half{_OF_YEAR}"),
    ("half", rf"\bH(?P<h2>[12])\b{_OF_YEAR}"),
    ("quarter", rf"{_QORD}\s+quarter{_OF_YEAR}"),
    ("quarter", rf"\bQ(?P<q2>[1-4])\b{_OF_YEAR}"),
    ("month", rf"\b(?:in|during)\s+(?P<m>{_MONTH}){_OF_YEAR}"),
    ("year", _YEAR),
    ("zh_year", r"(?P<zy>(?:19|20)\d{2})年(?!\d{1,2}月\d)|(?P<zrel>去年|上年|今年)"),
]
_COMPILED = [(k, re.compile(p, re.I)) for k, p in PATTERNS]
# Any period expression holds one of these; sentences without one skip the nine scans.
_CUE = re.compile(
    rf"(?:19|20)\d{{2}}|last\s+year|this\s+year|quarter|half|months|\bH[12]\b|\bQ[1-4]\b|"
    rf"\b(?:{_MONTH})\b|年",
    re.I,
)


@dataclass(frozen=True)
class PeriodRef:
    """A period found in text: its span, the engine period and whether it names a year only."""

    start: int
    end: int
    period: str | None  # None when a year is needed and unknown (no article date)
    year_only: bool


def find_periods(text: str, article_year: int | None, start: int = 0, end: int | None = None,
                 carry_year: int | None = None) -> list[PeriodRef]:  # fmt: skip
    """Period expressions in ``text[start:end]``, in order, not overlapping.

    A partial period without a year ("the second quarter") takes the nearest year stated in
    the same stretch of text, else ``carry_year`` (the year the document was talking about).
    """
    stop = len(text) if end is None else end
    if not _CUE.search(text, start, stop):
        return []
    found: list[tuple[int, int, str, re.Match[str]]] = []  # kept sorted, never overlapping
    for kind, rx in _COMPILED:
        for m in rx.finditer(text, start, stop):
            i = bisect.bisect_left(found, m.start(), key=lambda f: f[0])
            clear_before = i == 0 or found[i - 1][1] <= m.start()
            clear_after = i == len(found) or found[i][0] >= m.end()
            if clear_before and clear_after:  # only the neighbours can overlap it
                found.insert(i, (m.start(), m.end(), kind, m))
    years = [_year(m, article_year) for _, _, _, m in found]
    default_year = next((y for y in years if y), carry_year)
    out = []
    for (s, e, kind, m), year in zip(found, years, strict=True):
        out.append(PeriodRef(s, e, _period(kind, m, year or default_year), kind == "year"))
    return out


def _year(m: re.Match[str], article_year: int | None) -> int | None:
    groups = m.groupdict()
    word = (groups.get("y") or groups.get("zy") or groups.get("zrel") or "").lower()
    if word.isdigit():
        return int(word)
    if not word or article_year is None:
        return None
    if word in ("this year", "今年"):
        return article_year
    return article_year - 1  # last year, 去年, 上年


def _period(kind: str, m: re.Match[str], year: int | None) -> str | None:
    if year is None:
        return None
    g = m.groupdict()
    if kind in ("year", "zh_year"):
        return str(year)
    if kind == "range":
        a, b = _month(g["m1"]), _month(g["m2"])
        return f"{year}-{a:02d}..{year}-{b:02d}" if a < b else f"{year}-{a:02d}"
    if kind == "first_months":
        n = int(g["n"]) if g["n"].isdigit() else WORDS[g["n"].lower()]
        return f"{year}-01..{year}-{n:02d}" if 1 < n < 12 else str(year)
    if kind == "first_quarters":
        n = WORDS[g["n"].lower()]
        return f"{year}-01..{year}-{3 * n:02d}"
    if kind == "half":
        h = 1 if (g.get("h") or "").lower() == "first" or g.get("h2") == "1" else 2
        return f"{year}-H{h}"
    if kind == "quarter":
        q = ORDINALS[g["q"].lower()] if g.get("q") else int(g["q2"])
        return f"{year}-Q{q}"
    return f"{year}-{_month(g['m']):02d}"


def _month(name: str) -> int:
    return MONTHS.index(name.lower()) + 1
