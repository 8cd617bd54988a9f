"""Regenerate ``data/partner_areas.tsv``: the partner codes that are not current ISO countries.

Three kinds of rows, each with its UN Comtrade, UN M49 and Eurostat equivalents:

- ``world``: ``WLD``, the reporter's declared total over all partners (Comtrade 0 / W00).
- ``nes``, ``special``, ``grouping``: pseudo-partners for trade a reporter could not or would not
  attribute to one country ("areas, nes", bunkers, free zones, special categories, combined
  territories). Their codes come from the ISO 3166-1 user-assigned range ``XAA``-``XZZ``, which
  ISO guarantees never to give a country.
- ``former``: ISO 3166-3 codes of countries that no longer exist (Netherlands Antilles ``ANT``
  until 2010-12-15, ``SCG``, ``YUG``, ``CSK``, ``SUN`` ...), from ``pycountry``; a record may use
  one only for periods that start on or before its withdrawal date.

Taiwan is no row here: Comtrade's 490 "Other Asia, nes" (alpha ``S19``) *is* Taiwan by
Comtrade's convention and maps to the ISO code ``TWN`` (``comtrade_partners.tsv``).

Example:
    $ .venv/bin/python -m tradestats.reference.build_areas
    wrote 52 rows to src/tradestats/reference/data/partner_areas.tsv
"""

from __future__ import annotations

from pathlib import Path

import pycountry

from tradestats.reference.build_countries import write_tsv

OUT = Path(__file__).parent / "data" / "partner_areas.tsv"
COLUMNS = [
    "code", "kind", "name_en", "name_zh", "valid_from", "valid_to", "m49", "comtrade",
    "comtrade_alpha", "eurostat", "note",
]  # fmt: skip

# code, kind, English name, Chinese name, Comtrade numbers, Comtrade alpha, Eurostat, note.
PSEUDO = [
    ("WLD", "world", "World (the reporter's declared total)", "世界", "0", "W00", "",
     "a reported total over all partners, never added to the partners (M49 001)"),
    ("XNS", "nes", "Areas, not elsewhere specified", "其他国家（地区）未列明", "899", "_X",
     "QU QV QW", "partner unknown or not determined"),
    ("XBK", "special", "Bunkers (ship and aircraft stores)", "船舶和飞机燃料及物料", "837", "X1",
     "QQ QR QS", "fuel and provisions supplied to foreign ships and aircraft"),
    ("XFZ", "special", "Free zones", "自由区", "838", "X2", "",
     "trade with the reporter's own free zones"),
    ("XSC", "special", "Special categories (partner withheld)", "特殊类别（未公开伙伴）", "839",
     "XX", "QX QY QZ", "partner withheld for confidentiality, commercial or military reasons"),
    ("XAF", "nes", "Other Africa, nes", "其他非洲国家（地区）未列明", "577", "F19", "", ""),
    ("XNF", "nes", "Northern Africa, nes", "北非其他国家（地区）未列明", "290", "F49", "", ""),
    ("XCM", "nes", "Africa CAMEU region, nes", "中非关税经济同盟地区未列明", "472", "_AC", "", ""),
    ("XEN", "nes", "Other Europe, nes", "其他欧洲国家（地区）未列明", "568", "E19", "", ""),
    ("XEE", "nes", "Eastern Europe, nes", "东欧其他国家（地区）未列明", "221", "E29", "", ""),
    ("XEU", "nes", "Europe EU, nes", "欧盟其他国家未列明", "492", "", "",
     "Comtrade gives 492 the alpha code MCO, which is Monaco's: read by its number only"),
    ("XEF", "nes", "Europe EFTA, nes", "欧洲自由贸易联盟其他国家未列明", "697", "R20", "", ""),
    ("XWA", "nes", "Western Asia, nes", "西亚其他国家（地区）未列明", "879", "F97", "", ""),
    ("XOC", "nes", "Oceania, nes", "大洋洲其他国家（地区）未列明", "527", "O19", "", ""),
    ("XCB", "nes", "Caribbean, nes", "加勒比其他国家（地区）未列明", "129", "A49", "", ""),
    ("XNC", "nes", "North America and Central America, nes", "北美和中美其他国家（地区）未列明",
     "637", "A59", "", ""),
    ("XLA", "nes", "LAIA, nes", "拉美一体化协会其他国家未列明", "473", "", "",
     "Comtrade gives the alpha code A79 to both 473 and 636: A79 alone is read as XAM"),
    ("XAM", "nes", "Rest of America, nes", "美洲其他国家（地区）未列明", "636", "A79", "", ""),
    ("XCA", "nes", "CACM, nes", "中美洲共同市场其他国家未列明", "471", "R91", "", ""),
    ("XCI", "grouping", "Channel Islands (Guernsey and Jersey together)", "海峡群岛", "830", "_CI",
     "", "use GGY or JEY where the reporter tells them apart"),
    ("XBL", "grouping", "Belgium-Luxembourg (economic union)", "比利时-卢森堡", "58", "", "",
     "reported jointly until 1998; BEL and LUX from 1999 (Comtrade writes BEL for it)"),
    ("XSA", "grouping", "Southern African Customs Union", "南部非洲关税同盟", "711", "ZA1", "",
     "reported jointly until 1999; its members from 2000"),
]  # fmt: skip
UNTIL = {"XBL": "1998-12-31", "XSA": "1999-12-31"}
# Former codes (ISO 3166-3) as Comtrade numbers them; the others are listed without numbers.
FORMER_COMTRADE = {
    "ANT": "530 532", "SCG": "891", "YUG": "890", "CSK": "200", "SUN": "810", "DDR": "278",
    "YMD": "720", "VDR": "866", "NTZ": "536", "PCI": "582", "PCZ": "592", "ATB": "80",
    "SKM": "698",
}  # fmt: skip
FORMER_ZH = {
    "AFI": "法属阿法斯和伊萨斯", "ANT": "荷属安的列斯", "ATB": "英属南极领地", "ATN": "毛德皇后地",
    "BUR": "缅甸联邦社会主义共和国", "BYS": "白俄罗斯苏维埃社会主义共和国", "CSK": "捷克斯洛伐克",
    "CTE": "坎顿和恩德伯里群岛", "DDR": "民主德国", "DHY": "达荷美", "FXX": "法国本土",
    "GEL": "吉尔伯特和埃利斯群岛", "HVO": "上沃尔特", "JTN": "约翰斯顿岛", "MID": "中途岛",
    "NHB": "新赫布里底", "NTZ": "中立区", "PCI": "太平洋群岛托管地", "PCZ": "巴拿马运河区",
    "PUS": "美属太平洋诸岛", "RHO": "南罗得西亚", "SCG": "塞尔维亚和黑山", "SKM": "锡金",
    "SUN": "苏联", "TMP": "东帝汶（葡属帝汶）", "VDR": "越南民主共和国", "WAK": "威克岛",
    "YMD": "民主也门", "YUG": "南斯拉夫", "ZAR": "扎伊尔",
}  # fmt: skip


def _until(withdrawn: str) -> str:
    """The last valid day: pycountry gives a date, or only the year (then its last day)."""
    return withdrawn if len(withdrawn) == 10 else f"{withdrawn}-12-31"


def former_rows() -> list[dict[str, str]]:
    """ISO 3166-3 former countries whose alpha-3 is not a current code (``ATF`` is again)."""
    current = {c.alpha_3 for c in pycountry.countries}
    out = []
    for c in pycountry.historic_countries:
        if c.alpha_3 in current:
            continue
        out.append(
            {
                "code": c.alpha_3,
                "kind": "former",
                "name_en": c.name,
                "name_zh": FORMER_ZH[c.alpha_3],
                "valid_to": _until(c.withdrawal_date),
                "m49": getattr(c, "numeric", "") or "",
                "comtrade": FORMER_COMTRADE.get(c.alpha_3, ""),
                "note": getattr(c, "comment", "") or "ISO 3166-3 former code",
            }
        )
    return out


def rows() -> list[dict[str, str]]:
    """Every row of ``partner_areas.tsv``: world and pseudo-partners first, then former codes."""
    empty = {k: "" for k in COLUMNS}
    out = []
    for code, kind, en, zh, comtrade, alpha, eurostat, note in PSEUDO:
        out.append(
            {
                **empty, "code": code, "kind": kind, "name_en": en, "name_zh": zh,
                "valid_to": UNTIL.get(code, ""), "m49": "001" if code == "WLD" else "",
                "comtrade": comtrade, "comtrade_alpha": alpha, "eurostat": eurostat, "note": note,
            }
        )  # fmt: skip
    former = sorted(former_rows(), key=lambda r: r["code"])
    return out + [{**empty, **r} for r in former]


def main() -> None:
    """Write partner_areas.tsv."""
    write_tsv(OUT, COLUMNS, rows())


if __name__ == "__main__":
    main()
