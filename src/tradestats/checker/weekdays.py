"""Dates against the weekdays a text gives them: "on Tuesday, January 14, 2026" when
14 January 2026 was a Wednesday, "7月14日（星期二）" in an article of 2025 when that was a
Monday. Needs no data: the calendar decides.

Forms read: a weekday before its date ("Tuesday, January 14, 2026", "Tue., 14 January",
"Tuesday the 14th of January") and after it ("January 14 (Tuesday)", "Jan. 14, a Tuesday"),
in Chinese a date then its weekday ("2025年7月14日（星期二）", "7月14日周一", traditional 週).
A date without its year takes the year that puts it nearest the article date (a
"December 30" in an article of 2 January is the December before); without a year and an
article date it is not checked. A date that does not exist ("Tuesday, February 30") is
flagged too.

Example:
    >>> [(f.ok, f.message) for f in weekdays("The data came out on Tuesday, January 14, 2026.")]
    [(False, 'Tuesday, January 14, 2026: 14 January 2026 was a Wednesday, not a Tuesday')]
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from tradestats.checker.model import Finding
from tradestats.checker.zhtext import simplify

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                  "fri": 4, "sat": 5, "sun": 6}  # fmt: skip
_ZH_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}

_WD = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Thurs|Fri|Sat(?:ur)?|Sun)(?:day)?"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")  # fmt: skip
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?(?![\d])"
_DATE = (rf"(?:(?P<m>{_MON})\.?\s+(?P<d>{_DAY})|(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?"
         rf"(?P<m2>{_MON})\.?){_YEAR}")  # fmt: skip
BEFORE = re.compile(rf"\b(?P<wd>{_WD})\b\.?,?\s+{_DATE}")
AFTER = re.compile(rf"\b{_DATE}\s*(?:\(\s*(?P<wd>{_WD})\.?\s*\)|,\s+an?\s+(?P<wd2>{_WD})\b)")
ZH = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*"
                r"(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]\s*[（(]?\s*(?:星期|周|礼拜)"
                r"(?P<wd>[一二三四五六日天])\s*[）)]?")  # fmt: skip


def weekdays(text: str, article_date: str | None = None) -> list[Finding]:
    """A ``weekday`` finding for each date the text gives a weekday to; ``span`` is where."""
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for rx in (BEFORE, AFTER):
        for m in rx.finditer(text):
            if m.span() in seen:
                continue
            seen.add(m.span())
            g = m.groupdict()
            wd = _day_of_week(g.get("wd") or g.get("wd2") or "")
            month = _month(g.get("m") or g.get("m2") or "")
            day = int(re.sub(r"\D", "", g.get("d") or g.get("d2") or ""))
            if (finding := _check(m, wd, month, day, g.get("y"), article_date)) is not None:
                out.append(finding)
    for m in ZH.finditer(simplify(text)):
        wd = _ZH_DAYS[m["wd"]]
        if (finding := _check(m, wd, int(m["m"]), int(m["d"]), m["y"], article_date,
                              text[m.start() : m.end()])) is not None:  # fmt: skip
            out.append(finding)
    return sorted(out, key=lambda f: f.span or (0, 0))


def _check(m: re.Match[str], wd: int | None, month: int | None, day: int, year_text: str | None,
           article_date: str | None, shown: str | None = None) -> Finding | None:  # fmt: skip
    if wd is None or month is None:
        return None
    shown = shown or m[0]
    named = DAYS[wd].capitalize()
    year = int(year_text) if year_text else _nearest_year(month, day, article_date)
    if year is None:
        return None
    if day > calendar.monthrange(year, month)[1]:
        msg = f"{shown}: there is no {day} {_MONTHS[month - 1].capitalize()} in {year}"
        return Finding("weekday", False, msg, [], span=m.span())
    actual = date(year, month, day).weekday()
    how = "" if year_text else f" (the year {year} from the article date)"
    when = f"{day} {_MONTHS[month - 1].capitalize()} {year}"
    if actual == wd:
        return Finding("weekday", True, f"{shown}: {when} was a {named}{how}", [], span=m.span())
    msg = f"{shown}: {when} was a {DAYS[actual].capitalize()}, not a {named}{how}"
    return Finding("weekday", False, msg, [], span=m.span())


def _nearest_year(month: int, day: int, article_date: str | None) -> int | None:
    """The year that puts the date nearest the article date (None without one)."""
    if not article_date or not re.match(r"\d{4}-\d{2}-\d{2}", article_date):
        return None
    ref = date.fromisoformat(article_date[:10])
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        last = calendar.monthrange(year, month)[1]
        gap = abs((date(year, month, min(day, last)) - ref).days)
        if best is None or gap < best[0]:
            best = (gap, year)
    return None if best is None else best[1]


def _day_of_week(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in DAYS:
        return DAYS.index(w)
    return _ABBREVIATIONS.get(w.removesuffix("day") if w.endswith("day") else w)


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTHS:
        return _MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w)
