"""Chinese claims, simplified or traditional script: values in 万亿元 / 亿 (with or without 元),
other currencies (美元, 欧元, 港元 ...), growth (增长/下降, 年增/年减, 按年), 成 and 倍, shares
(占/比重), 个百分点, counts, 连续N个月 streaks, records (历史新高, 单季新高) and ranks
(第一大, 首位), with numbers in digits or in Chinese characters (四十九．四, 两个百分点).

Traditional text is read through ``zhtext.simplify`` (one character for one), so spans are
the original's. Subjects and periods are resolved by ``resolve`` with the same lexicon.

Example:
    >>> [(c.text, c.measure.value, str(c.signed / c.stated.scale))
    ...  for c in extract_zh("2025年我国出口26.99万亿元，增长6.1%。")]
    [('26.99万亿元', 'value', '26.99'), ('6.1%', 'yoy_pct', '6.1')]
    >>> found = extract_zh("進出口41.76萬億元")
    >>> [(c.text, c.stated.unit, c.stated.amount == 41.76e12) for c in found]
    [('41.76萬億元', 'CNY', True)]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal

from tradestats.checker.kinds import percent_kind, pp_kind
from tradestats.checker.model import Claim, Measure, Qualifier, Stated
from tradestats.checker.numbers import ZH_QUALIFIER_WORDS, parse_number, qualifier_of, scale_of
from tradestats.checker.text import blank, zh_runs
from tradestats.checker.zhtext import ZH_NUM, simplify

_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{ZH_NUM})"
_QUAL = rf"(?P<qual>{ZH_QUALIFIER_WORDS})?"
_AFTER = r"(?P<after>以上|左右|上下|多)?"
_CUR = r"(?P<cur>美元|欧元|日元|港元|港币|英镑|新台币|台币|韩元|卢比|人民币|元)"
_SCALE = r"(?P<scale>万亿|千亿|百亿|亿|万|兆)"
MONEY = re.compile(rf"{_QUAL}(?P<n>{_NUM}){_SCALE}?{_CUR}")
# 亿 without 元: "分别出口6360.6亿、6211.9亿、2004.4亿元"; never before another unit (亿吨).
BARE = re.compile(rf"{_QUAL}(?P<n>{_NUM})(?P<scale>万亿|亿)(?![元美欧日港英新台韩人吨件辆台头"
                  r"只个标平立千桶次户])")  # fmt: skip
QUANTITY = re.compile(rf"{_QUAL}(?P<n>{_NUM})(?P<scale>万|亿)?(?P<unit>吨|辆|标箱|桶)")
PP = re.compile(rf"{_QUAL}(?P<n>{_NUM})个百分点")
PERCENT = re.compile(rf"{_QUAL}(?:(?P<n>{_NUM})\s*(?:%|％)|百分之(?P<n2>{_NUM})){_AFTER}")
TENTHS = re.compile(rf"{_QUAL}(?P<n>[一二两三四五六七八九]|\d)成{_AFTER}")
TIMES = re.compile(rf"{_QUAL}(?P<n>{_NUM})倍{_AFTER}")
COUNT = re.compile(
    rf"{_QUAL}(?P<n>{_NUM})(?P<scale>万)?(?:个|家)(?P<noun>国家和地区|国家|经营主体|外贸企业|企业)"
)
COUNT_AFTER = re.compile(
    rf"(?P<noun>经营主体|外贸企业|企业)(?:数量)?(?:达到?|为|有)?(?P<body>{_QUAL}(?P<n>{_NUM})"
    r"(?P<scale>万)?家)"
)
STREAK = re.compile(rf"连续(?:第)?(?P<n>\d+|{ZH_NUM})个?(?P<unit>季度|月|年)")
RECORD = re.compile(
    r"(?:再?创|刷新)?(?:历史|历年|同期)?(?:同期|单月|单季度?)?新高|(?P<second>次高)"
    r"|(?P<largest>第(?P<ord>[一二三四五六七八九十\d]+)大|最大|首位)"
)
_UP = re.compile(
    r"(增长|增加|上升|提升|提高|扩大|上涨|回升|攀升|飙升|大增|成长|正成长|年增|月增|"
    r"按年增|上扬|增|升|涨)(?:了|达|为|约|近|超过|逾|分别|均|仅|同比|按年|年)*$"
)
_DOWN = re.compile(r"(下降|减少|回落|下滑|降低|下跌|萎缩|收窄|缩小|年减|年降|月减|减|降|跌)"
                   r"(?:了|达|为|约|近|超过|逾|分别|均|仅|同比|按年|年)*$")  # fmt: skip
_UNITS = {"季度": "quarters", "月": "months", "年": "years"}
_CURRENCY = {
    "美元": "USD", "欧元": "EUR", "日元": "JPY", "港元": "HKD", "港币": "HKD",
    "英镑": "GBP", "新台币": "TWD", "台币": "TWD", "韩元": "KRW", "卢比": "INR",
}  # fmt: skip
# A share's words before the number in its clause (占, 比重, 相等于 ...的4.0%), and the growth
# words that would make it a growth rate after all (占比同比提高 is read by the pp patterns).
_SHARE_HEAD = re.compile(r"(?:占|比重|占比|份额|比例|相等于)[^，,；;。]{0,12}$")
_YOY_CUE = re.compile(r"同比|年增|年减|按年|较上年|比上年|增长|下降")
_LIST_GAP = re.compile(r"\s*[、，,和及与]\s*(?:对\S{1,6}?)?\s*")


def extract_zh(text: str) -> list[Claim]:
    """Claims written in Chinese (empty for a text without Chinese characters)."""
    runs = zh_runs(text)
    if not runs:
        return []
    outside, pos = [], 0
    for s, e in runs:
        outside.append((pos, s))
        pos = e
    outside.append((pos, len(text)))
    work = simplify(blank(text, outside))
    out: list[Claim] = []
    for finder in (_streaks, _pps, _quantities, _money, _counts, _percents, _records):
        out.extend(finder(work))
    from tradestats.checker.extract import add_sentences, no_overlaps

    claims = no_overlaps(out)
    _continue_lists(work, claims)
    for c in claims:
        c.text, c.lang = text[c.start : c.end], "zh"
    add_sentences(text, claims)
    return claims


def _claim(work: str, m: re.Match[str], measure: Measure, stated: Stated, **kw: object) -> Claim:
    return Claim(m.start(), m.end(), m[0], "", measure, stated, **kw)  # type: ignore[arg-type]


def _stated(m: re.Match[str], unit: str, scale: str | None = None, key: str = "n") -> Stated:
    value, decimals = parse_number(m[key])
    if scale or unit in ("percent", "pp"):
        decimals = max(decimals, 0)
    groups = m.groupdict()
    qualifier = qualifier_of(groups.get("qual"))
    if groups.get("after"):
        qualifier = qualifier_of(groups["after"])
    return Stated(value, unit, scale_of(scale), decimals, qualifier)


def _money(work: str) -> list[Claim]:
    out = []
    for m in MONEY.finditer(work):
        unit = _CURRENCY.get(m["cur"], "CNY")
        out.append(_claim(work, m, Measure.VALUE, _stated(m, unit, m["scale"])))
    for m in BARE.finditer(work):
        nxt = MONEY.search(work, m.end(), m.end() + 40)
        unit = _CURRENCY.get(nxt["cur"], "CNY") if nxt else "CNY"
        out.append(_claim(work, m, Measure.VALUE, _stated(m, unit, m["scale"])))
    for c in out:
        head = work[max(0, c.start - 4) : c.start]
        if re.search(r"(增加|减少|扩大|收窄|多|少|大增|增长|下降)$", head):
            c.measure = Measure.CHANGE
            c.direction = -1 if re.search(r"(减少|收窄|少|下降)$", head) else 1
    return out


def _quantities(work: str) -> list[Claim]:
    out = []
    for m in QUANTITY.finditer(work):
        stated = replace(_stated(m, "t" if m["unit"] == "吨" else "units", m["scale"]))
        out.append(_claim(work, m, Measure.QUANTITY, stated))
    return out


def _pps(work: str) -> list[Claim]:
    out = []
    for m in PP.finditer(work):
        c = _claim(work, m, pp_kind(work, m.start(), m.end()), _stated(m, "pp"))
        c.direction = _direction(work, m.start())
        out.append(c)
    return out


def _percents(work: str) -> list[Claim]:
    out = []
    for m in PERCENT.finditer(work):
        out.append(_rate(work, m, _stated(m, "percent", key="n" if m["n"] else "n2")))
    for m in TENTHS.finditer(work):
        value, _ = parse_number(m["n"])
        stated = replace(_stated(m, "percent"), value=value * 10, decimals=-1)
        out.append(_rate(work, m, stated))
    for m in TIMES.finditer(work):
        if _direction(work, m.start()) > 0:  # 增长1.7倍: up 170 %
            stated = replace(_stated(m, "times"), unit="percent", scale=Decimal(100))
            out.append(_rate(work, m, stated))
    return out


def _rate(work: str, m: re.Match[str], stated: Stated) -> Claim:
    c = _claim(work, m, Measure.OTHER, stated)
    kind = percent_kind(work, m.start(), m.end())
    head = _SHARE_HEAD.search(work, max(0, m.start() - 16), m.start())
    if head and (kind is None or (kind is Measure.YOY and not _YOY_CUE.search(head[0]))):
        kind = Measure.SHARE  # 占总出口比重升至三成以上: a share, whatever the next clause says
    if kind not in (Measure.SHARE, Measure.CONTRIBUTION_SHARE):
        c.direction = _direction(work, m.start())
        if kind is None:
            kind = Measure.YOY if c.direction else Measure.OTHER
    c.measure = kind
    return c


def _direction(work: str, start: int) -> int:
    before = work[max(0, start - 12) : start]
    before = re.sub(rf"(?:{ZH_QUALIFIER_WORDS})$", "", before)
    if _UP.search(before):
        return 1
    return -1 if _DOWN.search(before) else 0


def _continue_lists(work: str, claims: list[Claim]) -> None:
    """'分别增长27.7%、58.5%、12.2%': later items of a list keep the first one's reading."""
    for prev, c in itertools.pairwise(claims):
        same = prev.stated.unit == c.stated.unit and c.measure in (Measure.OTHER, prev.measure)
        if same and _LIST_GAP.fullmatch(work[prev.end : c.start]):
            c.measure, c.direction = prev.measure, c.direction or prev.direction


def _counts(work: str) -> list[Claim]:
    out = []
    for m in COUNT.finditer(work):
        detail = "partners" if "国家" in m["noun"] else "enterprises"
        if detail == "partners" and re.match(r"[^。；，,;]{0,8}增长", work[m.end() : m.end() + 12]):
            detail = "partners_growing"  # 与226个国家和地区进出口实现增长
        out.append(_claim(work, m, Measure.COUNT, _stated(m, "count", m["scale"]), detail=detail))
    for m in COUNT_AFTER.finditer(work):
        stated = _stated(m, "count", m["scale"])
        s, e = m.span("body")
        out.append(Claim(s, e, work[s:e], "", Measure.COUNT, stated, detail="enterprises"))
    return out


def _streaks(work: str) -> list[Claim]:
    out = []
    for m in STREAK.finditer(work):
        value, _ = parse_number(m["n"])
        unit = _UNITS[m["unit"]]
        stated = Stated(value, unit, Decimal(1), 0, Qualifier.EXACT)
        c = _claim(work, m, Measure.STREAK, stated, detail=unit.rstrip("s"))
        near = work[max(0, m.start() - 12) : m.end() + 16]
        if re.search(r"第一|首位|最大|首|居", near):
            c.role = "rank"  # 连续40年居全国首位: a rank held, not growth
        elif re.search(r"下降|减少|负增长|下滑", work[m.end() : m.end() + 8]):
            c.role = "decline"
        out.append(c)
    return out


def _records(work: str) -> list[Claim]:
    out = []
    for m in RECORD.finditer(work):
        value = Decimal(1)
        if m["ord"]:
            value = parse_number(m["ord"])[0]
        elif m["second"]:
            value = Decimal(2)
        stated = Stated(value, "rank", Decimal(1), 0, Qualifier.EXACT)
        detail = "largest" if m["largest"] else "record_high"
        out.append(_claim(work, m, Measure.RANK, stated, detail=detail))
    return out
