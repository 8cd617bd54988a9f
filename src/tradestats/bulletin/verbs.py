"""Words chosen from a figure's sign and size, in English and in the Chinese release style.

The direction is read from the *rounded* figure, so what is printed and the verb agree: a
growth of 0.04 % "remained flat" (it prints as 0.0), 0.05 % "grew by 0.1 percent". English
phrases are past tense and agree with singular and plural subjects alike ("exports remained
flat", "trade remained flat").
The Chinese edition keeps the neutral wording of official releases (增长 / 下降 / 持平).

Example:
    >>> growth(3.765, "en"), growth(18.4, "en"), growth(-2.1, "en"), growth(0.04, "en")
    ('grew by 3.8 percent', 'jumped 18.4 percent', 'fell by 2.1 percent', 'remained flat')
    >>> growth(3.765, "zh"), share_change(1.39, "zh")
    ('增长3.8%', '提升1.4个百分点')
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from tradestats.bulletin.rounding import percent, points, round_half_up
from tradestats.indicators.periods import Period, PeriodKind

NUMBERS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
              "ten", "eleven", "twelve")  # fmt: skip
ORDINALS_EN = ("", "first", "second", "third", "fourth")
MONTHS_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
QUARTERS_ZH = ("", "一季度", "二季度", "三季度", "四季度")
NOT_AVAILABLE = {"en": "could not be compared with a year earlier", "zh": "无可比数据"}


class Direction(Enum):
    FLAT = "flat"
    UP = "up"
    JUMP = "jump"
    DOWN = "down"
    PLUNGE = "plunge"


def direction(value: Any, jump: Decimal = Decimal(15)) -> Direction:
    """Direction of a percent or pp figure after rounding to 1 decimal.

    >>> direction(14.96), direction(14.94), direction(-0.05), direction(-0.049)
    (<Direction.JUMP: 'jump'>, <Direction.UP: 'up'>, <Direction.DOWN: 'down'>, \
<Direction.FLAT: 'flat'>)
    """
    r = round_half_up(value, 1)
    if r.is_zero():
        return Direction.FLAT
    if r >= jump:
        return Direction.JUMP
    if r <= -jump:
        return Direction.PLUNGE
    return Direction.UP if r > 0 else Direction.DOWN


_GROWTH_EN = {
    "verb": {Direction.FLAT: "remained flat", Direction.UP: "grew by {}",
             Direction.JUMP: "jumped {}", Direction.DOWN: "fell by {}",
             Direction.PLUNGE: "plunged {}"},
    "change": {Direction.FLAT: "flat", Direction.UP: "up {}", Direction.JUMP: "up {}",
               Direction.DOWN: "down {}", Direction.PLUNGE: "down {}"},
}  # fmt: skip
_GROWTH_ZH = {Direction.FLAT: "持平", Direction.UP: "增长{}", Direction.JUMP: "增长{}",
              Direction.DOWN: "下降{}", Direction.PLUNGE: "下降{}"}  # fmt: skip
_PP_EN = {
    "verb": {Direction.FLAT: "remained unchanged", Direction.UP: "rose by {}",
             Direction.DOWN: "fell by {}"},
    "change": {Direction.FLAT: "unchanged", Direction.UP: "up by {}", Direction.DOWN: "down by {}"},
}  # fmt: skip
_PP_ZH = {Direction.FLAT: "持平", Direction.UP: "提升{}", Direction.DOWN: "下降{}"}
_CONTRIB_EN = {Direction.FLAT: "contributed nothing to growth",
               Direction.UP: "contributed {} to growth",
               Direction.DOWN: "took {} off growth"}  # fmt: skip
_CONTRIB_ZH = {Direction.FLAT: "对增长无拉动", Direction.UP: "拉动增长{}",
               Direction.DOWN: "拖累增长{}"}  # fmt: skip


def _plain(d: Direction) -> Direction:
    return {Direction.JUMP: Direction.UP, Direction.PLUNGE: Direction.DOWN}.get(d, d)


def growth(value: Any, lang: str, jump: Decimal = Decimal(15), style: str = "verb") -> str:
    """Year-on-year growth as a phrase; ``style`` is ``verb`` (grew by) or ``change`` (up)."""
    if value is None:
        return NOT_AVAILABLE[lang]
    d = direction(value, jump)
    size = percent(abs(round_half_up(value, 1)), lang)
    words = _GROWTH_ZH[d] if lang == "zh" else _GROWTH_EN[style][d]
    return words.format(size)


def share_change(value: Any, lang: str, style: str = "verb") -> str:
    """A change in share, in percentage points: ``rose by 1.4 percentage points``."""
    if value is None:
        return NOT_AVAILABLE[lang]
    d = _plain(direction(value))
    size = points(abs(round_half_up(value, 1)), lang)
    words = _PP_ZH[d] if lang == "zh" else _PP_EN[style][d]
    return words.format(size)


def contribution(value: Any, lang: str) -> str:
    """A contribution to growth: ``contributed 1.2 percentage points to growth``."""
    if value is None:
        return NOT_AVAILABLE[lang]
    d = _plain(direction(value))
    size = points(abs(round_half_up(value, 1)), lang)
    return (_CONTRIB_ZH if lang == "zh" else _CONTRIB_EN)[d].format(size)


def record(text: str, is_record: bool, lang: str) -> str:
    """A value with a record flag: ``hit a record high of 45.47 trillion yuan``."""
    if lang == "zh":
        return f"达{text}，创历史新高" if is_record else f"达{text}"
    return f"hit a record high of {text}" if is_record else f"reached {text}"


def balance(text: str, sign: int, lang: str) -> str:
    """A trade balance by its sign, with its size: ``a trade surplus of 8.51 trillion yuan``.

    >>> balance("8.51万亿元", 1, "zh"), balance("1.20 billion yuan", -1, "en")
    ('贸易顺差8.51万亿元', 'a trade deficit of 1.20 billion yuan')
    """
    if sign == 0:
        return "贸易平衡" if lang == "zh" else "balanced trade"
    if lang == "zh":
        return f"贸易{'顺差' if sign > 0 else '逆差'}{text}"
    return f"a trade {'surplus' if sign > 0 else 'deficit'} of {text}"


def _bucket_name(bucket: str, lang: str, year: int) -> str:
    """``2025-Q2`` -> ``the second quarter`` (``of 2024`` when not in ``year``)."""
    y, rest = int(bucket[:4]), bucket[5:]
    if rest.startswith("Q"):
        q = int(rest[1])
        name = QUARTERS_ZH[q] if lang == "zh" else f"the {ORDINALS_EN[q]} quarter"
    else:
        m = int(rest)
        name = f"{m}月" if lang == "zh" else MONTHS_EN[m]
    if y != year:
        return f"{y}年{name}" if lang == "zh" else f"{name} of {y}"
    return name


def _step_back(bucket: str, n: int) -> str:
    y, rest = int(bucket[:4]), bucket[5:]
    if rest.startswith("Q"):
        idx = y * 4 + int(rest[1]) - 1 - n
        return f"{idx // 4}-Q{idx % 4 + 1}"
    idx = y * 12 + int(rest) - 1 - n
    return f"{idx // 12}-{idx % 12 + 1:02d}"


def streak(n: Any, end: str, lang: str, first: str | None = None) -> str:
    """Consecutive periods of growth ending at bucket ``end`` (``2025-Q4`` or ``2025-12``).

    >>> streak(3, "2025-Q4", "en")
    'grew year on year for three consecutive quarters since the second quarter'
    >>> streak(3, "2025-Q4", "zh")
    '自二季度起连续3个季度同比增长'

    When the streak starts at ``first``, the earliest bucket the data can compare, it may be
    longer than shown and is worded as a lower bound:

    >>> streak(4, "2025-Q4", "en", first="2025-Q1")
    'grew year on year for at least four consecutive quarters'
    """
    year = int(end[:4])
    unit_en, unit_zh = ("quarter", "个季度") if "Q" in end else ("month", "个月")
    if n is None:
        return NOT_AVAILABLE[lang]
    if n == 0:
        last = _bucket_name(end, lang, year)
        return f"{last}同比未增长" if lang == "zh" else f"did not grow year on year in {last}"
    if n == 1:
        last = _bucket_name(end, lang, year)
        return f"{last}同比增长" if lang == "zh" else f"grew year on year in {last}"
    begin = _step_back(end, n - 1)
    start = _bucket_name(begin, lang, year)
    count = NUMBERS_EN[n] if n < len(NUMBERS_EN) else str(n)
    if begin == first:
        if lang == "zh":
            return f"至少连续{n}{unit_zh}同比增长"
        return f"grew year on year for at least {count} consecutive {unit_en}s"
    if lang == "zh":
        return f"自{start}起连续{n}{unit_zh}同比增长"
    return f"grew year on year for {count} consecutive {unit_en}s since {start}"


def period_phrase(p: Period, lang: str) -> str:
    """``2025`` / ``2025年``; ``the second quarter of 2025`` / ``2025年二季度``; ...

    >>> from tradestats.indicators.periods import parse_period
    >>> period_phrase(parse_period("2025-01..2025-11"), "en")
    'January-November 2025'
    """
    y, f, last = p.year, p.first, p.months()[-1]
    m = int(last[5:7])
    zh = lang == "zh"
    if p.kind is PeriodKind.YEAR:
        return f"{y}年" if zh else str(y)
    if p.kind is PeriodKind.QUARTER:
        q = (f - 1) // 3 + 1
        return f"{y}年{QUARTERS_ZH[q]}" if zh else f"the {ORDINALS_EN[q]} quarter of {y}"
    if p.kind is PeriodKind.HALF:
        if zh:
            return f"{y}年{'上' if f == 1 else '下'}半年"
        return f"the {'first' if f == 1 else 'second'} half of {y}"
    if f == m:
        return f"{y}年{m}月" if zh else f"{MONTHS_EN[m]} {y}"
    return f"{y}年{f}-{m}月" if zh else f"{MONTHS_EN[f]}-{MONTHS_EN[m]} {y}"
