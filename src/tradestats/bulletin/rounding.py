"""Publication rounding and number words, applied only when a figure is presented.

Rounding is half-up (away from zero at a half) on the exact Decimal: money sums come from the
engine as exact Decimals; ratios come as float64 and are read through their shortest decimal
representation (``Decimal(repr(x))``), never through binary arithmetic.

Precision: trillion and billion yuan (and US dollars) 2 decimals; 亿元 1 decimal; percent and
percentage points 1 decimal; counts exact (万 with 1 decimal in Chinese from 100,000).

Example:
    >>> money(Decimal("45470000030052.97"), "CNY", "en")
    '45.47 trillion yuan'
    >>> money(Decimal("45470000030052.97"), "CNY", "zh")
    '45.47万亿元'
    >>> percent(3.765262612842986, "en"), percent(-0.04, "zh")
    ('3.8 percent', '0.0%')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

EN_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
ZH_SCALES = (
    (Decimal(10) ** 12, "万亿", 2),
    (Decimal(10) ** 8, "亿", 1),
    (Decimal(10) ** 4, "万", 2),
)
EN_CURRENCY = {"CNY": "yuan", "USD": "US dollars", "EUR": "euros"}
ZH_CURRENCY = {"CNY": "元", "USD": "美元", "EUR": "欧元"}


def exact(value: Any) -> Decimal:
    """The value as a Decimal without binary noise: floats through their shortest repr.

    >>> exact(0.1) + exact(0.2)
    Decimal('0.3')
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Any, places: int) -> Decimal:
    """Round half away from zero to ``places`` decimals; never returns negative zero.

    >>> round_half_up(Decimal("0.05"), 1), round_half_up(Decimal("-0.05"), 1)
    (Decimal('0.1'), Decimal('-0.1'))
    >>> round_half_up(Decimal("-0.04"), 1)
    Decimal('0.0')
    """
    q = exact(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return q.copy_abs() if q.is_zero() else q


def grouped(d: Decimal) -> str:
    """Thousands separators: ``1234567.8`` -> ``1,234,567.8``."""
    return f"{d:,}"


def money_parts(value: Any, currency: str, lang: str) -> tuple[Decimal, str]:
    """Rounded number and unit word for a money value, scaled for prose."""
    v = exact(value)
    if lang == "zh":
        for size, word, places in ZH_SCALES:
            if abs(v) >= size:
                return round_half_up(v / size, places), word + ZH_CURRENCY[currency]
        return round_half_up(v, 2), ZH_CURRENCY[currency]
    for size, word in EN_SCALES:
        if abs(v) >= size:
            return round_half_up(v / size, 2), word
    return round_half_up(v, 2), ""


def money(value: Any, currency: str, lang: str) -> str:
    """Money in prose: ``45.47 trillion yuan``, ``6.36 trillion US dollars``, ``45.47万亿元``."""
    number, word = money_parts(value, currency, lang)
    if lang == "zh":
        return f"{grouped(number) if not word.startswith(('万', '亿')) else number}{word}"
    return f"{grouped(number)} {word} {EN_CURRENCY[currency]}".replace("  ", " ")


def percent(value: Any, lang: str) -> str:
    """``3.8 percent`` / ``3.8%``."""
    number = round_half_up(value, 1)
    return f"{number}%" if lang == "zh" else f"{number} percent"


def points(value: Any, lang: str) -> str:
    """``1.4 percentage points`` / ``1.4个百分点``."""
    number = round_half_up(value, 1)
    if lang == "zh":
        return f"{number}个百分点"
    return f"{number} percentage point{'' if abs(number) == 1 else 's'}"


def count(value: Any, lang: str) -> str:
    """``780,123`` / ``78.0万`` (Chinese uses 万 from 100,000)."""
    n = int(value)
    if lang == "zh":
        return f"{round_half_up(Decimal(n) / 10000, 1)}万" if abs(n) >= 100_000 else str(n)
    return f"{n:,}"


def table_money(value: Any, lang: str, scale: Decimal) -> str:
    """A money cell in a table column scaled by ``scale`` (1e9 in English, 1e8 in Chinese)."""
    places = 1 if lang == "zh" and scale == Decimal(10) ** 8 else 2
    return grouped(round_half_up(exact(value) / scale, places))


def table_scale(values: list[Any], lang: str, currency: str = "CNY") -> tuple[Decimal, str]:
    """One scale for a whole money column, from its largest value.

    >>> table_scale([Decimal("7550000004977.14"), Decimal("5e9")], "zh")
    (Decimal('100000000'), '亿元')
    """
    top = max((abs(exact(v)) for v in values if v is not None), default=Decimal(0))
    if lang == "zh":
        for size, word, _ in ZH_SCALES[1:]:
            if top >= size:
                return size, word + ZH_CURRENCY[currency]
        return Decimal(1), ZH_CURRENCY[currency]
    unit = EN_CURRENCY[currency]
    for size, word in EN_SCALES[1:]:
        if top >= size:
            return size, f"{word} {unit}"
    return Decimal(1), unit
