"""Numbers as printed: digits with commas, number words, scales, qualifiers and precision.

Example:
    >>> parse_number("780,000")
    (Decimal('780000'), -4)
    >>> parse_number("45.47")
    (Decimal('45.47'), 2)
    >>> parse_number("three")
    (Decimal('3'), 0)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from tradestats.checker.model import Qualifier

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
ORDINAL_NUM = r"\d{1,3}(?:st|nd|rd|th)"  # 17th, 21st
# Fractions as shares, in percent: "two-thirds", "a third", "three-fifths", "half".
FRACTIONS = {
    "half": Decimal(50), "a third": Decimal(100) / 3, "one-third": Decimal(100) / 3,
    "one third": Decimal(100) / 3, "two-thirds": Decimal(200) / 3, "two thirds": Decimal(200) / 3,
    "a quarter": Decimal(25), "one-quarter": Decimal(25), "three-quarters": Decimal(75),
    "one-fifth": Decimal(20), "a fifth": Decimal(20), "two-fifths": Decimal(40),
    "three-fifths": Decimal(60), "four-fifths": Decimal(80),
}  # fmt: skip
ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}  # fmt: skip

# Regex alternations (longest first so "more than" wins over "more").
NUMBER_WORDS = "|".join(sorted((w for w in WORDS if len(w) > 2), key=len, reverse=True))
ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
# A number starts where a run of digits starts: without the look-behind, a long run of digits
# that ends in no unit is tried from each of its digits in turn (quadratic time).
NUM = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"

SCALES = {
    "trillion": 12, "tn": 12, "trn": 12, "tril": 12, "billion": 9, "bn": 9, "bln": 9,
    "million": 6, "mn": 6, "mln": 6, "m": 6, "thousand": 3, "lakh crore": 12, "crore": 7,
    "lakh": 5, "万亿": 12, "亿": 8, "万": 4, "千亿": 11, "百亿": 10, "兆": 12,
}  # fmt: skip
# ISO codes of the currencies the checker reads; the store holds CNY, USD and (some) EUR.
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "INR", "KRW", "HKD", "TWD", "SGD", "AUD",
              "CAD", "RUB", "BRL", "VND")  # fmt: skip
QUANTITY_UNITS = ("t", "units", "barrels", "teu", "m3")

# Hedges before a number. A threshold passed ("passing 20 trillion yuan", "首次突破20万亿元")
# is an "over": the figure is a bound, never a level to add up or divide by.
QUALIFIERS = {
    "over": Qualifier.OVER, "more than": Qualifier.OVER, "above": Qualifier.OVER,
    "exceeding": Qualifier.OVER, "in excess of": Qualifier.OVER, "upwards of": Qualifier.OVER,
    "well over": Qualifier.OVER, "just over": Qualifier.OVER, "exceeded": Qualifier.OVER,
    "exceeds": Qualifier.OVER, "passing": Qualifier.OVER, "passed": Qualifier.OVER,
    "surpassing": Qualifier.OVER, "surpassed": Qualifier.OVER, "topping": Qualifier.OVER,
    "topped": Qualifier.OVER, "tops": Qualifier.OVER, "top": Qualifier.OVER,
    "crossing": Qualifier.OVER, "crossed": Qualifier.OVER, "breaking": Qualifier.OVER,
    "broke": Qualifier.OVER, "beyond": Qualifier.OVER,
    "at least": Qualifier.AT_LEAST, "no less than": Qualifier.AT_LEAST,
    "nearly": Qualifier.NEARLY, "almost": Qualifier.NEARLY, "close to": Qualifier.NEARLY,
    "just under": Qualifier.NEARLY, "near": Qualifier.NEARLY, "just shy of": Qualifier.NEARLY,
    "about": Qualifier.ABOUT, "around": Qualifier.ABOUT, "approximately": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT, "some": Qualifier.ABOUT, "an estimated": Qualifier.ABOUT,
    "less than": Qualifier.UNDER, "fewer than": Qualifier.UNDER, "under": Qualifier.UNDER,
    "below": Qualifier.UNDER,
    "超过": Qualifier.OVER, "超": Qualifier.OVER, "逾": Qualifier.OVER, "多于": Qualifier.OVER,
    "突破": Qualifier.OVER, "首次突破": Qualifier.OVER, "首破": Qualifier.OVER,
    "破": Qualifier.OVER, "站上": Qualifier.OVER, "高于": Qualifier.OVER,
    "近": Qualifier.NEARLY, "接近": Qualifier.NEARLY, "将近": Qualifier.NEARLY,
    "约": Qualifier.ABOUT, "大约": Qualifier.ABOUT, "约合": Qualifier.ABOUT,
    "不足": Qualifier.UNDER, "不到": Qualifier.UNDER,
}  # fmt: skip
# Hedges after a number: "三成以上" (at least 30 %), "四成左右" (about 40 %), "or more".
AFTER_QUALIFIERS = {"以上": Qualifier.AT_LEAST, "多": Qualifier.OVER, "余": Qualifier.OVER,
                    "左右": Qualifier.ABOUT, "上下": Qualifier.ABOUT,
                    "or more": Qualifier.AT_LEAST, "plus": Qualifier.OVER}  # fmt: skip
QUALIFIER_WORDS = "|".join(
    sorted((q for q in QUALIFIERS if q.isascii()), key=len, reverse=True)
).replace(" ", r"\s+")
ZH_QUALIFIER_WORDS = "|".join(sorted((q for q in QUALIFIERS if not q.isascii()), key=len,
                                     reverse=True))  # fmt: skip


def parse_number(text: str) -> tuple[Decimal, int]:
    """The value of a printed number and its decimals (negative for round whole numbers).

    The precision of ``780,000`` is its last non-zero digit: such a figure is rounded.

    >>> parse_number("240")
    (Decimal('240'), -1)
    >>> parse_number("8")
    (Decimal('8'), 0)
    """
    key = text.strip().lower().replace("\u202f", " ").replace("\u00a0", " ")
    key = re.sub(r"(?<=\d)[ ,](?=\d{3}(?!\d))", ",", key)  # "3 238.6" as "3,238.6"
    if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", key):
        return Decimal(key[:-2]), 0
    if key in WORDS:
        return Decimal(WORDS[key]), 0
    if key in ORDINALS:
        return Decimal(ORDINALS[key]), 0
    if key in ZH_DIGITS:
        return Decimal(ZH_DIGITS[key]), 0
    if re.search(r"[\u3007\u25cb\u4e00-\u9fff]", key):
        from tradestats.checker.zhtext import zh_number

        return zh_number(key) or (Decimal(0), 0)
    try:
        value = Decimal(key.replace(",", ""))
    except InvalidOperation:
        return Decimal(0), 0
    if "." in key:
        return value, len(key.split(".")[1])
    digits = key.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    return value, -min(zeros, len(digits) - 1)


def qualifier_of(text: str | None) -> Qualifier:
    """The qualifier for a hedge word, EXACT when there is none.

    >>> qualifier_of("More  than")
    <Qualifier.OVER: 'over'>
    """
    if not text:
        return Qualifier.EXACT
    key = " ".join(text.lower().split())
    return QUALIFIERS.get(key) or AFTER_QUALIFIERS.get(key, Qualifier.EXACT)


def scale_of(word: str | None) -> Decimal:
    """10 ** n for a scale word (``trillion`` -> 10**12; ``万亿`` -> 10**12).

    >>> scale_of("billion")
    Decimal('1000000000')
    """
    if not word:
        return Decimal(1)
    return Decimal(10) ** SCALES.get(" ".join(word.lower().split()), 0)


def fmt_number(value: Decimal | float, decimals: int = 2) -> str:
    """A number for a message, with thousands separators.

    >>> fmt_number(Decimal("6364180881375.48") / Decimal(10) ** 12, 3)
    '6.364'
    """
    return f"{float(value):,.{max(decimals, 0)}f}"
