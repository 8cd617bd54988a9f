"""Period expressions in a sentence -> engine periods, relative to the article's date.

English and Chinese (on the simplified text): years, halves, quarters, months, ranges of
months, "the first 11 months", 上半年, 前三季度, 1-11月, 12月份, Taiwan's 民國 years (114年),
fiscal years (FY 2024-25, FY2023/24, 2023-24, fiscal 2024: ``FY2024``, its months left to the
reporter), runs of years (2014-2024, the 14th Five-Year Plan period).

A period without a year takes the year written in the same sentence, else the year the text
is talking about, else the latest such period that ended before the article date ("In
December", in an article of 14 January 2026, is December 2025). A period that would end after
the article date steps back a year. A period introduced as the base of a comparison ("since
2000", "compared with the fourth quarter", "比一季度") is marked ``base``: it is never the
claim's own period.

Example:
    >>> [p.period for p in find_periods("in the first half of last year", "2026-01-14")]
    ['2025-H1']
    >>> [p.period for p in find_periods("from January to November 2025", 2026)]
    ['2025-01..2025-11']
    >>> [(p.period, p.base) for p in find_periods("In December, up 5% from 2020.", "2026-01-14")]
    [('2025-12', False), ('2020', True)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tradestats.checker.numbers import NUMBER_WORDS, ORDINALS, WORDS, parse_number
from tradestats.checker.text import MONTHS
from tradestats.checker.zhtext import ZH_NUM

_MONTH = "|".join(MONTHS)
_MON = _MONTH + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_YEAR = (
    r"(?P<y>(?:19|20)\d{2}(?!\d|\.\d|-\d|\s*(?:亿|万|元|个|家|吨|年(?:\d|[上下]半年|前|第|首|"
    r"[一二三四]季|[一二三四五六七八九十]+月))))"
    r"|(?P<rel>last\s+year|this\s+year|next\s+year|the\s+previous\s+year)"
)
_OF_YEAR = rf"(?:\s*,?\s*(?:of\s+|in\s+)?(?:the\s+)?(?:{_YEAR}|(?P<the>the\s+year)))?"
_QORD = r"(?P<q>first|second|third|fourth)"
_ZQ = r"[一二三四1-4]"
# fmt: off
PATTERNS = [
    ("plan", r"(?P<plan>1[0-5])th\s+Five-Year\s+Plan|第?(?P<zplan>十[一二三四五])五"),
    ("fy", r"(?:\b(?P<fyw>FY\s*'?|fiscal\s+(?:year\s+)?))?(?<![\d/-])(?P<fy>20\d{2})\s*[-/–]\s*"
           r"(?P<fy2>20\d{2}|\d{2})(?![\d/])"),
    ("fy_one", r"\b(?:FY\s*'?(?P<fy1>(?:20)?\d{2})|fiscal\s+(?:year\s+)?(?P<fy1b>20\d{2}))"
               r"(?![\d/-])"),
    ("years", r"\(?(?P<ya>(?:19|20)\d{2})\s*(?:-|–|to|and|至|—)\s*(?P<yb>(?:19|20)?\d{2})\b"
              r"(?![.,]\d|\s*(?:%|percent|trillion|billion|million|万|亿))\)?"),
    ("range", rf"(?P<m1>{_MONTH})\s*(?:to|through|-|–)\s*(?P<m2>{_MONTH}){_OF_YEAR}"),
    ("first_months", rf"first\s+(?P<n>\d+|{NUMBER_WORDS})\s+months{_OF_YEAR}"),
    ("n_months", rf"\b(?P<nm>\d+|{NUMBER_WORDS})-month\s+period"),
    ("first_quarters", rf"first\s+(?P<fq>two|three)\s+quarters{_OF_YEAR}"),
    ("half", rf"(?P<h>first|second)\s+half{_OF_YEAR}"),
    ("half", rf"\bH(?P<h2>[12])\b{_OF_YEAR}"),
    ("quarter", rf"{_QORD}\s+quarter{_OF_YEAR}"),
    ("quarter", rf"\bQ(?P<q2>[1-4])\b{_OF_YEAR}"),
    ("month", rf"\b(?P<m>{_MONTH})(?:'s)?(?:\s+(?:alone|{_YEAR}))?\b"),
    ("last_month", r"\blast\s+month\b"),
    ("ytd", r"\bso\s+far\s+this\s+year|\byear[-\s]to[-\s]date\b|今年以来|年初以来"),
    ("full_year", r"\b(?:for\s+the\s+(?:full\s+|whole\s+)?year\b|full[-\s]year\b|the\s+whole\s+"
                  r"year\b|the\s+year\s+as\s+a\s+whole)|全年"),
    ("year", _YEAR),
    ("zh_prev_end", r"(?P<zpe>去年|上年)(?:年)?底"),
    ("zh_half", r"(?P<zhy>(?:19|20)\d{2}年|去年|今年|上年)?(?P<zh>上|下)半年"),
    ("zh_quarters", r"(?P<zqy>(?:19|20)\d{2}年|去年|今年)?前(?P<zqn>[两二三2-3])个?季度?"),
    ("zh_quarter", rf"(?P<zqy2>(?:19|20)\d{{2}}年|去年|今年)?(?:第(?P<zq>{_ZQ})季(?:度)?|"
                   rf"(?P<zq3>{_ZQ})季度)(?!末)"),
    ("zh_months", rf"(?P<zmy>(?:19|20)\d{{2}}年|去年|今年)?(?:前(?P<zmn>\d+|{ZH_NUM})个?月|首"
                  rf"(?P<zmn2>\d+|{ZH_NUM})个月|(?:1|一)\s*[-—–~至到]\s*(?P<zme>\d+|{ZH_NUM})月份?)"),
    ("zh_month", r"(?P<zmy2>(?:19|20)\d{2}年|(?:二[〇○零]\S{2})年|去年|今年|上年)?"
                 r"(?P<zm>1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月(?:份)?(?!\d{1,2}日|\d)"
                 r"(?!底|初)"),
    ("zh_year", r"(?P<zy>(?:19|20)\d{2})年(?!\d{1,2}月\d)|(?P<zroc>1[01]\d)年(?!代)|"
                r"(?P<zrel>去年|上年|今年|本年|当年)"),
]
# fmt: on
_COMPILED = [(k, re.compile(p, re.I)) for k, p in PATTERNS]
# Words one of which a pattern's match must hold (checked on the lower-cased sentence first).
_NEEDS = {
    "plan": ("plan", "五"),
    "fy": ("-", "/", "–"),
    "fy_one": ("fy", "fiscal"),
    "years": ("-", "–", "to", "and", "至", "—"),
    "range": ("-", "–", "to", "through"),
    "first_months": ("months",),
    "n_months": ("-month",),
    "first_quarters": ("quarters",),
    "half": ("half", "h1", "h2"),
    "quarter": ("quarter", "q"),
    "last_month": ("last month",),
    "ytd": ("year", "以来"),
    "full_year": ("year", "全年"),
    "zh_prev_end": ("底",),
    "zh_half": ("半年",),
    "zh_quarters": ("季",),
    "zh_quarter": ("季",),
    "zh_months": ("月",),
    "zh_month": ("月",),
    "zh_year": ("年",),
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_ENGLISH = frozenset({"range", "first_months", "n_months", "first_quarters", "half", "quarter",
                      "month", "last_month"})  # fmt: skip
# Any period expression holds one of these; sentences without one skip the scans.
_CUE = re.compile(
    rf"(?:19|20)\d{{2}}|last\s+year|this\s+year|quarter|half|months?|\bH[12]\b|\bQ[1-4]\b|"
    rf"\b(?:{_MONTH})\b|year|FY|Plan|年|季|月|五",
    re.I,
)
_BASE_BEFORE = re.compile(
    r"(?:\bfrom|\bsince|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bversus|\bvs\.?|\brelative\s+"
    r"to|\bagainst|\bover|\bsame\s+period(?:\s+of)?|比|较|与|同|相比于|相较于)\s*"
    r"(?:the\s+|a\s+|its\s+|that\s+of\s+)?$",
    re.I,
)
_SINCE = re.compile(r"\bsince\b(?:(?![\d%]).){0,60}$", re.I)
_FUTURE = re.compile(r"\b(?:will|would|expects?|expected|forecasts?|projected|predicts?|"
                     r"estimates?|to\s+(?:grow|rise|fall|expand|slow))\b|预计|预测|预估|预期",
                     re.I)  # fmt: skip


@dataclass(frozen=True)
class PeriodRef:
    """A period found in text: its span, the engine period, and how it stands in the sentence."""

    start: int
    end: int
    period: str | None  # None when a year is needed and unknown (no article date)
    year_only: bool
    base: bool = False  # the base of a comparison, never a claim's own period
    kind: str = ""
    figure: int | None = None  # where the figure it dates starts ("compared with X in 2023-24")


class Clock:
    """The article date and the year the text is talking about, for periods without a year."""

    def __init__(self, article_date: str | int | None, carry_year: int | None = None) -> None:
        if isinstance(article_date, int):
            article_date = f"{article_date}-12-31"
        self.date = article_date
        self.year = int(article_date[:4]) if article_date else None
        self.month = int(article_date[5:7]) if article_date else 12
        self.carry_year = carry_year

    def year_for(self, last_month: int, sentence_year: int | None) -> int | None:
        """The year of a period ending in ``last_month`` that the text names without a year."""
        for year in (sentence_year, self.carry_year):
            if year is not None and (self.year is None or not self._after(year, last_month)):
                return year
        if self.year is None:
            return None
        return self.year - 1 if self._after(self.year, last_month) else self.year

    def _after(self, year: int, last_month: int) -> bool:
        """True when the period ending in ``last_month`` of ``year`` is not over at the date."""
        assert self.year is not None
        return (year, last_month) >= (self.year, self.month)


def find_periods(
    text: str,
    article_date: str | int | None,
    start: int = 0,
    end: int | None = None,
    carry_year: int | None = None,
) -> list[PeriodRef]:
    """Period expressions in ``text[start:end]``, in order, not overlapping."""
    stop = len(text) if end is None else end
    if not _CUE.search(text, start, stop):
        return []
    found: list[tuple[int, int, str, re.Match[str]]] = []  # kept sorted, never overlapping
    chinese = bool(_CJK.search(text, start, stop))
    latin = bool(_LATIN.search(text, start, stop))
    low = text[start:stop].lower()
    for kind, rx in _COMPILED:
        if (kind.startswith("zh_") and not chinese) or (kind in _ENGLISH and not latin):
            continue
        if kind in _NEEDS and not any(w in low for w in _NEEDS[kind]):
            continue
        for m in rx.finditer(text, start, stop):
            if kind == "month" and not _month_ok(text, m):
                continue
            if kind == "fy" and not _fiscal(m):
                continue  # "2021-25" is a run of years, "2024-25" a fiscal year
            i = bisect.bisect_left(found, m.start(), key=lambda f: f[0])
            clear_before = i == 0 or found[i - 1][1] <= m.start()
            clear_after = i == len(found) or found[i][0] >= m.end()
            if clear_before and clear_after:  # only the neighbours can overlap it
                found.insert(i, (m.start(), m.end(), kind, m))
    clock = Clock(article_date, carry_year)
    future = bool(_FUTURE.search(text, start, stop))
    figures = [
        _dated_figure(text, start, s) if (p := _possessive_figure(text, start, s, e)) is None else p
        for s, e, _, _ in found
    ]
    bases = [_is_base(text, start, s, e, kind) or f is not None
             for (s, e, kind, _), f in zip(found, figures, strict=True)]  # fmt: skip
    years = [y for (_, _, k, m), b in zip(found, bases, strict=True)
             if k in ("year", "zh_year") and not b and (y := _year(m, clock))]  # fmt: skip
    sentence_year = years[0] if years else None
    out = []
    for (s, e, kind, m), base, fig in zip(found, bases, figures, strict=True):
        period = _period(kind, m, clock, sentence_year, future)
        out.append(PeriodRef(s, e, period, kind in ("year", "zh_year"), base, kind, fig))
    return out


_COMPARED_FIGURE = re.compile(
    r"(?:\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?|\bthan|\bfrom)\s+(?:the\s+|a\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?(?P<fig>(?:US\s?\$|\$|€|£|¥|₹|Rs\.?\s?|"
    r"RMB|USD|EUR)?\s?\d[\d.,]*(?:\s*(?:%|percent\b|per\s+cent\b|[a-z]+\b)){0,4})\s+"
    r"(?:in|for|during|of)\s+(?:the\s+)?$",
    re.I,
)


def _dated_figure(text: str, start: int, s: int) -> int | None:
    """Where the figure starts that a period dates in "compared with US$ 437.07 billion in
    2023-24", "up from 23.77 trillion yuan in 2023": the period is that figure's, never the
    period of the sentence's other claims nor of the text after it."""
    m = _COMPARED_FIGURE.search(text[max(start, s - 80) : s])
    return None if m is None else max(start, s - 80) + m.start("fig")


def _possessive_figure(text: str, start: int, s: int, e: int) -> int | None:
    """Where the figure starts that a compared period owns: "slowing from April's 8.1 % gain"
    dates 8.1 % only, never the sentence's other claims nor the text after it."""
    if text[e - 2 : e] != "'s" or not _COMPARED_OWNER.search(text, max(start, s - 25), s):
        return None
    return e + len(text[e:]) - len(text[e:].lstrip())


_COMPARED_OWNER = re.compile(
    r"\b(?:from|than|against|versus|with|to|below|above)\s+(?:the\s+)?$", re.I
)


def _fiscal(m: re.Match[str]) -> bool:
    """Whether "2024-25", "FY2023/24", "fiscal year 2024-2025" is a fiscal year: the second year
    follows the first; four digits after it ("2024-2025") only with FY or fiscal before."""
    first, second = int(m["fy"]), m["fy2"]
    if len(second) == 4:
        return bool(m["fyw"]) and int(second) == first + 1
    return int(second) == (first + 1) % 100


def _is_base(text: str, start: int, s: int, e: int, kind: str) -> bool:
    """True for the base of a comparison: "since 2000", "compared with Q4", "比一季度"."""
    if text[e - 2 : e] == "'s":
        return False  # "from April's 8.1 % gain": April's own figure
    head = text[max(start, s - 30) : s]
    base = bool(_BASE_BEFORE.search(head) or _SINCE.search(text[max(start, s - 60) : s]))
    if kind in ("range", "years", "fy", "fy_one", "plan", "zh_months", "ytd", "full_year"):
        base = base and not re.search(r"\bfrom\s*$|\bbetween\s*$", head, re.I)
    return base or bool(re.match(r"\s*(?:相比|相较|同期相比)", text[e : e + 6]))


def _month_ok(text: str, m: re.Match[str]) -> bool:
    """A month name is a period when capitalised; 'May' only beside a date word or a flow."""
    name = m["m"]
    if not name[:1].isupper():
        return False
    if name != "May":
        return True
    before = text[max(0, m.start() - 10) : m.start()]
    after = text[m.end() : m.end() + 12]
    return bool(re.search(r"\b(?:in|for|during|of|from|since|to|and)\s+$", before)
                or re.match(r"\s*(?:\d|imports?\b|exports?\b|trade|shipments|surplus|deficit|"
                            r"alone|,)", after))  # fmt: skip


def _year(m: re.Match[str], clock: Clock) -> int | None:
    g = m.groupdict()
    if g.get("y") or g.get("zy"):
        return int(g.get("y") or g["zy"])
    if g.get("zroc"):
        return int(g["zroc"]) + 1911  # 民國 114年 = 2025
    word = " ".join((g.get("rel") or g.get("zrel") or "").lower().split())
    return _relative(word, clock)


def _relative(word: str, clock: Clock) -> int | None:
    if not word or clock.year is None:
        return None
    if word in ("this year", "今年", "本年", "当年"):
        return clock.year
    if word == "next year":
        return clock.year + 1
    return clock.year - 1  # last year, 去年, 上年, the previous year


def _zh_year(word: str | None, clock: Clock) -> int | None:
    if not word:
        return None
    if word[:2] in ("19", "20"):
        return int(word[:4])
    if word.startswith("二"):
        found = parse_number(word.rstrip("年"))[0]
        return int(found) if found else None
    return _relative(word, clock)


def _num(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.lower() in WORDS:
        return WORDS[text.lower()]
    return int(parse_number(text)[0])


def _period(kind: str, m: re.Match[str], clock: Clock, sentence_year: int | None,
            future: bool) -> str | None:  # fmt: skip
    g = m.groupdict()
    own = _own_year(m, clock)

    def year(last: int) -> int | None:
        return own if own is not None else clock.year_for(last, sentence_year)

    if kind == "plan":
        n = int(g["plan"]) if g.get("plan") else 10 + "一二三四五".index(g["zplan"][1]) + 1
        first = 2021 + 5 * (n - 14)
        return f"{first}..{first + 4}"
    if kind == "fy":
        fy = int(g["fy"])
        return f"{fy}-04..{fy + 1}-03"
    if kind == "fy_one":
        y = g.get("fy1") or g["fy1b"]
        return f"FY{2000 + int(y) if len(y) == 2 else y}"
    if kind == "years":
        a, b = int(g["ya"]), int(g["yb"])
        b = b if b > 99 else a // 100 * 100 + b
        return f"{a}..{b}" if b > a else None
    if kind in ("year", "zh_year"):
        y = _year(m, clock)
        word = (g.get("rel") or g.get("zrel") or "").lower()
        if y is not None and word in ("this year", "今年", "本年") and not future:
            return _ytd(clock) if clock.month > 1 else str(y)
        return None if y is None else str(y)
    if kind in ("full_year",):
        y = year(12)
        return None if y is None else str(y)
    if kind == "ytd":
        return _ytd(clock)
    if kind == "last_month":
        if clock.year is None:
            return None
        ly, lm = (clock.year, clock.month - 1) if clock.month > 1 else (clock.year - 1, 12)
        return f"{ly}-{lm:02d}"
    if kind == "range":
        a, b = _month(g["m1"]), _month(g["m2"])
        y = year(b)
        if y is None:
            return None
        return f"{y}-{a:02d}..{y}-{b:02d}" if a < b else f"{y}-{a:02d}"
    if kind in ("first_months", "zh_months"):
        n = _num(g.get("n") or g.get("zmn") or g.get("zmn2") or g["zme"])
        y = year(n)
        if y is None or not 1 <= n <= 12:
            return None
        return f"{y}-01..{y}-{n:02d}" if 1 < n < 12 else (str(y) if n == 12 else f"{y}-01")
    if kind == "n_months":
        n = _num(g["nm"])
        y = year(n)
        return None if y is None else (f"{y}-01..{y}-{n:02d}" if 1 < n < 12 else str(y))
    if kind in ("first_quarters", "zh_quarters"):
        n = _num(g.get("fq") or {"两": "2", "二": "2", "三": "3"}.get(g["zqn"], g["zqn"]))
        y = year(3 * n)
        return None if y is None else f"{y}-01..{y}-{3 * n:02d}"
    if kind in ("half", "zh_half"):
        first = (g.get("h") or "").lower() == "first" or g.get("h2") == "1" or g.get("zh") == "上"
        h = 1 if first else 2
        y = year(6 * h)
        return None if y is None else f"{y}-H{h}"
    if kind in ("quarter", "zh_quarter"):
        if g.get("q"):
            q = ORDINALS[g["q"].lower()]
        elif g.get("q2"):
            q = int(g["q2"])
        else:
            zq = g.get("zq") or g["zq3"]
            q = "一二三四".index(zq) + 1 if zq in "一二三四" else int(zq)
        y = year(3 * q)
        return None if y is None else f"{y}-Q{q}"
    if kind == "zh_prev_end":
        y = _relative("last year", clock)
        return None if y is None else f"{y}-12"
    mo = _month(g["m"]) if g.get("m") else _zh_month(g["zm"])
    y = year(mo)
    return None if y is None else f"{y}-{mo:02d}"


def _own_year(m: re.Match[str], clock: Clock) -> int | None:
    """The year written inside the expression itself ("first half of 2025", "2025年上半年")."""
    g = m.groupdict()
    if g.get("y"):
        return int(g["y"])
    if g.get("rel"):
        return _relative(" ".join(g["rel"].lower().split()), clock)
    for key in ("zhy", "zqy", "zqy2", "zmy", "zmy2"):
        if g.get(key):
            return _zh_year(g[key], clock)
    return None


def _ytd(clock: Clock) -> str | None:
    """January to the month before the article date (the data published so far)."""
    if clock.year is None:
        return None
    last = clock.month - 1
    if last < 1:
        return str(clock.year - 1)
    return f"{clock.year}-01" if last == 1 else f"{clock.year}-01..{clock.year}-{last:02d}"


def _month(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _zh_month(text: str) -> int:
    return _num(text)


def months_of(period: str | None) -> int:
    """How many months a period covers (0 when unknown)."""
    if not period:
        return 0
    if re.fullmatch(r"(?:FY)?\d{4}", period):
        return 12
    if re.fullmatch(r"\d{4}\.\.\d{4}", period):
        a, b = period.split("..")
        return 12 * (int(b) - int(a) + 1)
    if "-H" in period:
        return 6
    if "-Q" in period:
        return 3
    m = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if m:
        return (int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1
    return 1


def cumulative(period: str | None) -> bool:
    """A year, a run of years or a span of months from January (2025-H1, 2025-01..2025-11)."""
    if not period:
        return False
    return bool(re.fullmatch(r"\d{4}(?:\.\.\d{4})?|\d{4}-(?:H1|Q1|01\.\.\d{4}-\d{2})|"
                             r"\d{4}-04\.\.\d{4}-03|FY\d{4}", period))  # fmt: skip


def fiscal_year(period: str | None) -> str | None:
    """The fiscal year a period stands for, in words; None for a calendar period. The store
    holds calendar months and the engine asks one year at a time, so a fiscal year is never
    checked (against the calendar year or any other period).

    >>> fiscal_year("2024-04..2025-03"), fiscal_year("FY2025"), fiscal_year("2025-H1")
    ('fiscal year 2024-25 (April 2024 to March 2025)', 'fiscal year FY2025', None)
    """
    if not period:
        return None
    if m := re.fullmatch(r"(\d{4})-04\.\.(\d{4})-03", period):
        a, b = int(m[1]), int(m[2])
        if b == a + 1:
            return f"fiscal year {a}-{b % 100:02d} (April {a} to March {b})"
    if re.fullmatch(r"FY\d{4}", period):
        return f"fiscal year {period}"
    return None


def last_month(period: str) -> str | None:
    """The last month of a period as YYYY-MM (None when it cannot be read).

    >>> last_month("2025-H1"), last_month("2024-04..2025-03"), last_month("2021..2025")
    ('2025-06', '2025-03', '2025-12')
    """
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-12"
    if m := re.fullmatch(r"\d{4}\.\.(\d{4})", period):
        return f"{m[1]}-12"
    if m := re.fullmatch(r"(\d{4})-H([12])", period):
        return f"{m[1]}-{6 * int(m[2]):02d}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        return f"{m[1]}-{3 * int(m[2]):02d}"
    if m := re.fullmatch(r"(?:\d{4}-\d{2}\.\.)?(\d{4}-\d{2})", period):
        return m[1]
    return None
