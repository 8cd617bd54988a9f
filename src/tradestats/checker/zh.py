"""Chinese claims: 万亿元 values, 增长/下降 growth, 占/比重 shares, 个百分点, counts with 超/近,
连续N个季度 streaks and 历史新高 records. Subjects and periods are resolved by ``resolve`` with
the same lexicon (it holds the Chinese titles and aliases of the reference data).

Example:
    >>> [(c.text, c.measure.value, str(c.signed / c.stated.scale))
    ...  for c in extract_zh("2025年我国出口26.99万亿元，增长6.1%。")]
    [('26.99万亿元', 'value', '26.99'), ('6.1%', 'yoy_pct', '6.1')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from tradestats.checker.model import Claim, Measure, Qualifier, Stated
from tradestats.checker.numbers import ZH_QUALIFIER_WORDS, parse_number, qualifier_of, scale_of

_NUM = r"\d+(?:\.\d+)?"
_QUAL = rf"(?P<qual>{ZH_QUALIFIER_WORDS})?"
MONEY = re.compile(rf"{_QUAL}(?P<n>{_NUM})(?P<scale>万亿|千亿|亿|万)?(?P<cur>美元|元|人民币)")
PP = re.compile(rf"{_QUAL}(?P<n>{_NUM})个百分点")
PERCENT = re.compile(rf"{_QUAL}(?P<n>{_NUM})\s*(?:%|％)")
COUNT = re.compile(
    rf"{_QUAL}(?P<n>{_NUM})(?P<scale>万)?(?:个|家)(?P<noun>国家和地区|国家|经营主体|外贸企业|企业)"
)
COUNT_AFTER = re.compile(
    rf"(?P<noun>经营主体|外贸企业|企业)(?:数量)?(?:达到?|为|有)?(?P<body>{_QUAL}(?P<n>{_NUM})(?P<scale>万)?家)"
)
STREAK = re.compile(r"连续(?P<n>\d+|[一二两三四五六七八九十])个?(?P<unit>季度|月|年)")
RECORD = re.compile(r"(?:创)?历史新高|创新高|(?P<largest>第一大|最大)")
_UP = re.compile(r"(增长|增加|上升|提升|提高|扩大|上涨|增)[了]?$")
_DOWN = re.compile(r"(下降|减少|回落|下滑|降低|减)[了]?$")
_SHARE = re.compile(r"占|比重|占比|份额")
_UNITS = {"季度": "quarters", "月": "months", "年": "years"}


def extract_zh(text: str) -> list[Claim]:
    """Claims written in Chinese (empty for a text without Chinese characters)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    out: list[Claim] = []
    for finder in (_streaks, _pps, _money, _counts, _percents, _records):
        out.extend(finder(text))
    from tradestats.checker.extract import add_sentences, no_overlaps

    claims = no_overlaps(out)
    add_sentences(text, claims)
    return claims


def _claim(text: str, m: re.Match[str], measure: Measure, stated: Stated, **kw: object) -> Claim:
    return Claim(m.start(), m.end(), m[0], "", measure, stated, **kw)  # type: ignore[arg-type]


def _stated(m: re.Match[str], unit: str, scale: str | None = None) -> Stated:
    value, decimals = parse_number(m["n"])
    if scale or unit in ("percent", "pp"):
        decimals = max(decimals, 0)
    return Stated(value, unit, scale_of(scale), decimals, qualifier_of(m["qual"]))


def _money(text: str) -> list[Claim]:
    out = []
    for m in MONEY.finditer(text):
        unit = "USD" if m["cur"] == "美元" else "CNY"
        out.append(_claim(text, m, Measure.VALUE, _stated(m, unit, m["scale"])))
    return out


def _pps(text: str) -> list[Claim]:
    out = []
    for m in PP.finditer(text):
        c = _claim(text, m, Measure.SHARE_CHANGE, _stated(m, "pp"))
        c.direction = _direction(text, m.start())
        out.append(c)
    return out


def _percents(text: str) -> list[Claim]:
    out = []
    for m in PERCENT.finditer(text):
        c = _claim(text, m, Measure.OTHER, _stated(m, "percent"))
        clause = re.split(r"[，,；;。]", text[max(0, m.start() - 40) : m.start()])[-1]
        if _SHARE.search(clause):
            c.measure = Measure.SHARE
        elif direction := _direction(text, m.start()):
            c.measure, c.direction = Measure.YOY, direction
        out.append(c)
    return out


def _direction(text: str, start: int) -> int:
    before = text[max(0, start - 6) : start].rstrip()
    before = re.sub(r"(了|达|为|约|近|超过|同比)+$", "", before)
    if _UP.search(before):
        return 1
    return -1 if _DOWN.search(before) else 0


def _counts(text: str) -> list[Claim]:
    out = []
    for m in COUNT.finditer(text):
        detail = "partners" if "国家" in m["noun"] else "enterprises"
        if detail == "partners" and re.match(r"[^。；，,;]{0,8}增长", text[m.end() : m.end() + 12]):
            detail = "partners_growing"  # 与226个国家和地区进出口实现增长
        out.append(_claim(text, m, Measure.COUNT, _stated(m, "count", m["scale"]), detail=detail))
    for m in COUNT_AFTER.finditer(text):
        stated = _stated(m, "count", m["scale"])
        s, e = m.span("body")
        out.append(Claim(s, e, text[s:e], "", Measure.COUNT, stated, detail="enterprises"))
    return out


def _streaks(text: str) -> list[Claim]:
    out = []
    for m in STREAK.finditer(text):
        value, _ = parse_number(m["n"])
        unit = _UNITS[m["unit"]]
        stated = Stated(value, unit, Decimal(1), 0, Qualifier.EXACT)
        out.append(_claim(text, m, Measure.STREAK, stated, detail=unit.rstrip("s")))
    return out


def _records(text: str) -> list[Claim]:
    stated = Stated(Decimal(1), "rank", Decimal(1), 0, Qualifier.EXACT)
    return [
        _claim(text, m, Measure.RANK, stated, detail="largest" if m["largest"] else "record_high")
        for m in RECORD.finditer(text)
    ]
