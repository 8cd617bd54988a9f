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
ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}  # fmt: skip

# Regex alternations (longest first so "more than" wins over "more").
NUMBER_WORDS = "|".join(sorted((w for w in WORDS if len(w) > 2), key=len, reverse=True))
ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
# A number starts where a run of digits starts: without the look-behind, a long run of digits
# that ends in no unit is tried from each of its digits in turn (quadratic time).
NUM = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"

SCALES = {
    "trillion": 12, "tn": 12, "billion": 9, "bn": 9, "million": 6, "mn": 6, "thousand": 3,
    "万亿": 12, "亿": 8, "万": 4, "千亿": 11, "百亿": 10,
}  # fmt: skip

QUALIFIERS = {
    "over": Qualifier.OVER, "more than": Qualifier.OVER, "above": Qualifier.OVER,
    "exceeding": Qualifier.OVER, "in excess of": Qualifier.OVER, "upwards of": Qualifier.OVER,
    "at least": Qualifier.AT_LEAST, "no less than": Qualifier.AT_LEAST,
    "nearly": Qualifier.NEARLY, "almost": Qualifier.NEARLY, "close to": Qualifier.NEARLY,
    "just under": Qualifier.NEARLY, "about": Qualifier.ABOUT, "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT, "roughly": Qualifier.ABOUT, "some": Qualifier.ABOUT,
    "less than": Qualifier.UNDER, "fewer than": Qualifier.UNDER, "under": Qualifier.UNDER,
    "below": Qualifier.UNDER,
    "超过": Qualifier.OVER, "超": Qualifier.OVER, "逾": Qualifier.OVER, "多于": Qualifier.OVER,
    "近": Qualifier.NEARLY, "接近": Qualifier.NEARLY, "将近": Qualifier.NEARLY,
    "约": Qualifier.ABOUT, "大约": Qualifier.ABOUT, "不足": Qualifier.UNDER,
}  # fmt: skip
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
    key = text.strip().lower()
    if key in WORDS:
        return Decimal(WORDS[key]), 0
    if key in ORDINALS:
        return Decimal(ORDINALS[key]), 0
    if key in ZH_DIGITS:
        return Decimal(ZH_DIGITS[key]), 0
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
    return QUALIFIERS.get(" ".join(text.lower().split()), Qualifier.EXACT)


def scale_of(word: str | None) -> Decimal:
    """10 ** n for a scale word (``trillion`` -> 10**12; ``万亿`` -> 10**12).

    >>> scale_of("billion")
    Decimal('1000000000')
    """
    if not word:
        return Decimal(1)
    return Decimal(10) ** SCALES.get(word.lower(), 0)


def fmt_number(value: Decimal | float, decimals: int = 2) -> str:
    """A number for a message, with thousands separators.

    >>> fmt_number(Decimal("6364180881375.48") / Decimal(10) ** 12, 3)
    '6.364'
    """
    return f"{float(value):,.{max(decimals, 0)}f}"
