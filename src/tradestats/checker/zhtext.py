"""Chinese text for the checker: traditional characters read as simplified, and numbers written
in Chinese characters.

Traditional characters are mapped one for one (``str.translate``), so every offset in the
simplified copy is the offset in the original: claim spans stay exact. The table holds the
characters of trade reporting (values, flows, periods, partners, products, enterprise types),
not a whole converter.

Example:
    >>> simplify("進出口總值41.76萬億元，增長0.2%")
    '进出口总值41.76万亿元，增长0.2%'
    >>> [zh_number(t) for t in ("四十九．四", "六四〇．五", "两", "一千三百七十九")]
    [(Decimal('49.4'), 1), (Decimal('640.5'), 1), (Decimal('2'), 0), (Decimal('1379'), 0)]
"""

from __future__ import annotations

import re
from decimal import Decimal

# Traditional -> simplified, two characters at a time.
_PAIRS = (
    "億亿萬万進进長长貿贸順顺減减個个點点連连續续與与對对國国們们總总額额際际關关區区東东"
    "歐欧產产電电機机業业營营資资場场實实創创歷历計计價价達达較较佔占幣币雙双兩两單单報报"
    "數数據据統统為为這这從从後后當当類类導导體体積积車车鋰锂紡纺織织鋼钢鐵铁農农礦矿華华"
    "韓韩紐纽蘭兰聯联亞亚爾尔羅罗馬马來来會会員员協协組组紀纪錄录記记週周貨货輸输運运銷销"
    "傳传訊讯視视聽听訂订發发務务處处號号項项節节氣气漲涨擴扩縮缩臺台灣湾門门賓宾緬缅烏乌"
    "預预測测場场顯显示示環环倉仓儲储稅税費费濟济紀纪錄录創创較较勢势與与歲岁億亿廠厂製制"
    "設设備备儀仪器器醫医藥药礦矿稀稀燃燃煤煤氣气熱热衛卫飛飞艦舰輛辆鞋鞋裝装飾饰傢家俱具"
    "塑塑膠胶紙纸書书玩玩積积體体電电腦脑訊讯號号線线網网軟软硬硬導导晶晶圓圆鏈链條条"
    "鮮鲜蔬蔬菜菜糧粮穀谷麥麦肉肉魚鱼蝦虾藥药樂乐歸归縣县鎮镇廣广蘇苏淅淅浙浙閩闽贛赣魯鲁"
    "豫豫鄂鄂湘湘瓊琼渝渝黔黔滇滇陝陕隴陇甯宁寧宁遼辽吉吉黑黑滬沪瀋沈陽阳慶庆漢汉廈厦"
    "門门灣湾澳澳紐纽約约倫伦敦敦鄉乡稱称説说說说講讲認认議议調调査查查查研研究究員员專专"
    "經经營营權权勞劳動动鬆松緊紧張张揚扬擔担憂忧穩稳復复蘇苏嚴严峻峻極极強强弱弱壓压"
    "減减縮缩漲涨跌跌飆飙躍跃衝冲擊击災灾難难險险趨趋勢势態态續续維维護护維维持持續续"
    "升升降降幅幅增增長长率率倍倍番番翻翻逾逾餘余餘余億亿兆兆隻只件件臺台輛辆噸吨標标箱箱"
    "第第季季度度半半年年月月份份首首兩两周周期期內内外外間间頭头尾尾底底初初末末"
    "創创紀纪錄录歷历史史最最高高低低新新次次順顺逆逆差差超超額额出出入入盈盈虧亏赤赤字字"
    "進进口口貨货物物貿贸易易額额總总值值規规模模佔占比比重重份份額额點点個个百百分分"
    "東东協协盟盟歐欧洲洲亞亚非非拉拉美美俄俄羅罗斯斯澳澳紐纽加加墨墨西西哥哥巴巴西西"
    "韓韩越越泰泰馬马來来印印尼尼菲菲律律賓宾緬缅柬柬埔埔寨寨寮寮新新加加坡坡汶汶萊莱"
    "德德法法英英意意義义荷荷蘭兰比比利利時时瑞瑞士士典典丹丹麥麦挪挪威威芬芬蘭兰波波"
    "沙沙烏乌地地阿阿聯联酋酋伊伊朗朗土土耳耳其其南南哈哈薩萨克克烏乌茲兹別别"
    "帶带路路沿沿線线國国家家地地區区夥伙伴伴組组織织成成員员"
    "電电動动載载人人汽汽鋰锂池池太太陽阳能能光光伏伏風风發发組组積积體体路路機机"
    "紡纺織织服服裝装鞋鞋靴靴傢家俱具玩玩具具農农產产品品礦矿砂砂原原油油天天然然氣气"
    "鋼钢材材稀稀土土大大豆豆糧粮食食醫医療疗器器械械船船舶舶飛飞機机"
    "民民營营企企業业外外商商投投資资國国有有私私"
    "般般加加工工保保稅税物物流流跨跨境境電电商商"
    "億亿萬万圓元員员"
    "財财陸陆則则勝胜於于遠远學学屬属僅仅並并該该將将臺台灣湾"
)
_MAP: dict[str, str] = {}
for _i in range(0, len(_PAIRS) - 1, 2):
    _t, _s = _PAIRS[_i], _PAIRS[_i + 1]
    if _t != _s:
        _MAP.setdefault(_t, _s)
_MAP.update({"佈": "布", "週": "周", "祇": "只", "臺": "台", "裏": "里", "裡": "里"})
SIMPLIFY = str.maketrans(_MAP)
if any(len(k) != 1 or len(v) != 1 for k, v in _MAP.items()):  # pragma: no cover
    raise ValueError("the traditional -> simplified table must map one character to one")


def simplify(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, offsets unchanged."""
    return text.translate(SIMPLIFY)


# Simplified forms that are written in traditional script too (台灣, 周年, 只有, 家具 ...).
_SHARED = frozenset("台周只里布家谷余制松于并后")
_TRADITIONAL_ONLY = frozenset(_MAP)
_SIMPLIFIED_ONLY = frozenset(_MAP.values()) - _SHARED - _TRADITIONAL_ONLY


def traditional(text: str) -> bool:
    """Whether a Chinese text is written in traditional script: more characters that only
    traditional script uses (國, 億, 進) than characters only simplified script uses (国, 亿).

    >>> traditional("我國出口成長"), traditional("我国出口增长"), traditional("Exports rose")
    (True, False, False)
    """
    trad = sum(c in _TRADITIONAL_ONLY for c in text)
    simp = sum(c in _SIMPLIFIED_ONLY for c in text)
    return trad > simp


DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
TENS = {"廿": 20, "卅": 30}
_D = "〇○零一二两兩三四五六七八九"
# A number in Chinese characters; 万 only inside one ("四万五千"), never at its end (a scale).
ZH_NUM = rf"(?:[{_D}十百千廿卅]+(?:万[{_D}十百千]+)?(?:[点點．.][{_D}]+)?)"


def zh_number(text: str) -> tuple[Decimal, int] | None:
    """The value of a number in Chinese characters and its decimals, None if it is not one.

    Positional (``四十九``, ``一千三百七十九``, ``廿二``, ``四万五千``) or digit by digit
    (``六四〇``, ``二○二五``), with an optional fraction after ``点``/``．``.

    >>> zh_number("二○二五"), zh_number("廿二"), zh_number("四万五千"), zh_number("十")
    ((Decimal('2025'), 0), (Decimal('22'), 0), (Decimal('45000'), 0), (Decimal('10'), 0))
    """
    parts = re.split(r"[点點．.]", text, maxsplit=1)
    head, frac = parts[0], parts[1] if len(parts) > 1 else ""
    if not head or any(c not in DIGITS for c in frac):
        return None
    whole = _positional(head) if re.search("[十百千万廿卅]", head) else _digits(head)
    if whole is None:
        return None
    if not frac:
        return Decimal(whole), 0
    return Decimal(f"{whole}.{''.join(str(DIGITS[c]) for c in frac)}"), len(frac)


def _digits(text: str) -> int | None:
    if any(c not in DIGITS for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))


def _positional(text: str) -> int | None:
    total = 0
    for i, section in enumerate(reversed(text.split("万"))):
        value = _section(section)
        if value is None:
            return None
        total += value * 10000**i
    return total


def _section(text: str) -> int | None:
    """Below ten thousand: ``一千三百七十九``, ``十二`` (ten is implied), ``廿二``."""
    total, digit = 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            total += (1 if digit is None else digit) * UNITS[c]
            digit = None
        elif c in TENS:
            total += TENS[c]
        else:
            return None
    return total + (digit or 0)
