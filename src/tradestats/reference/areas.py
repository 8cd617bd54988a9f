"""Partner codes beyond the current ISO countries, and how UN Comtrade and BACI number partners.

``partner_areas.tsv`` lists the World total (``WLD``), pseudo-partners in the ISO 3166-1
user-assigned range (``XNS`` areas nes, ``XBK`` bunkers, ``XFZ`` free zones, ``XSC`` special
categories ...) and ISO 3166-3 former codes with the last day they were valid (``ANT``
2010-12-15). ``comtrade_partners.tsv`` lists the Comtrade numbers and alpha codes whose code
here is not the ISO numeric match (490 / ``S19`` "Other Asia, nes" is ``TWN``; 842 is ``USA``).

Example:
    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> ref.partner_area("ANT").valid_to, ref.comtrade_code("490"), ref.comtrade_alpha("_X ")
    ('2010-12-15', 'TWN', 'XNS')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from tradestats.reference.countries import Country, read_tsv
from tradestats.reference.problems import Problems

KINDS = ("world", "nes", "special", "grouping", "former")
WORLD = "WLD"  # the partner code of a reporter's declared total over all partners
USER_ASSIGNED = re.compile(r"AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z]")
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})?")


@dataclass(frozen=True)
class PartnerArea:
    """A partner code that is no current ISO country, with its equivalents in other systems."""

    code: str
    kind: str
    name_en: str
    name_zh: str
    valid_from: str  # first valid day (YYYY-MM-DD), '' when always
    valid_to: str  # last valid day, '' when still valid
    m49: str
    comtrade: str  # Comtrade numbers, space separated
    comtrade_alpha: str
    eurostat: str  # Eurostat (Comext) partner codes, space separated
    note: str

    @property
    def current(self) -> bool:
        """True when valid today and for every period without a date limit (no former code)."""
        return self.kind != "former" and not self.valid_to and not self.valid_from


@dataclass(frozen=True)
class ComtradeCode:
    """A Comtrade partner number or alpha code read as the code ``code``."""

    comtrade: str
    comtrade_alpha: str
    code: str
    note: str


AREA_COLUMNS = tuple(f.name for f in fields(PartnerArea))
COMTRADE_COLUMNS = tuple(f.name for f in fields(ComtradeCode))


def parse_areas(text: str, file: str, countries: list[Country], problems: Problems) -> list[
    PartnerArea
]:  # fmt: skip
    """Rows of ``partner_areas.tsv``; codes unique, never a current country's, pseudo-partner
    codes in the user-assigned range, dates well formed."""
    iso = {c.iso3 for c in countries}
    out: list[PartnerArea] = []
    seen: dict[str, int] = {}
    for line, row in read_tsv(text, file, AREA_COLUMNS, problems):
        area = PartnerArea(**row)
        bad = _problem(area, iso, seen)
        if bad:
            problems.add(file, line, bad)
            continue
        seen[area.code] = line
        out.append(area)
    return out


def _problem(area: PartnerArea, iso: set[str], seen: dict[str, int]) -> str | None:
    if not re.fullmatch(r"[A-Z]{3}", area.code):
        return f"code {area.code!r} is not three letters A-Z"
    if area.code in iso:
        return f"code {area.code!r} is a current ISO 3166-1 country (countries.tsv)"
    if area.code in seen:
        return f"duplicate code {area.code!r} (first on line {seen[area.code]})"
    if area.kind not in KINDS:
        return f"kind {area.kind!r} is not one of {', '.join(KINDS)}"
    if area.kind in ("nes", "special", "grouping") and not USER_ASSIGNED.fullmatch(area.code):
        return f"pseudo-partner {area.code!r} is outside the ISO user-assigned codes (X..)"
    if area.kind == "former" and not area.valid_to:
        return f"former code {area.code!r} has no valid_to date"
    for name in ("valid_from", "valid_to"):
        if not DATE.fullmatch(getattr(area, name)):
            return f"{name} {getattr(area, name)!r} is not YYYY-MM-DD"
    if not all(n.isdigit() for n in area.comtrade.split()):
        return f"comtrade {area.comtrade!r} is not numbers separated by spaces"
    return None


def parse_comtrade(text: str, file: str, codes: set[str], problems: Problems) -> list[
    ComtradeCode
]:  # fmt: skip
    """Rows of ``comtrade_partners.tsv``; every target code must be a known partner code."""
    out = []
    for line, row in read_tsv(text, file, COMTRADE_COLUMNS, problems):
        item = ComtradeCode(**row)
        if item.code not in codes:
            problems.add(file, line, f"code {item.code!r} is not a partner code")
        elif item.comtrade and not item.comtrade.isdigit():
            problems.add(file, line, f"comtrade {item.comtrade!r} is not a number")
        elif not (item.comtrade or item.comtrade_alpha):
            problems.add(file, line, "neither a comtrade number nor an alpha code")
        else:
            out.append(item)
    return out


def comtrade_tables(
    countries: list[Country], areas: list[PartnerArea], extra: list[ComtradeCode],
    file: str, problems: Problems,
) -> tuple[dict[str, str], dict[str, str]]:  # fmt: skip
    """Comtrade number (no leading zeros) -> code, and Comtrade alpha code -> code.

    Numbers: a country's ISO numeric, then the areas' ``comtrade`` numbers, then the listed
    exceptions (which win: 842 is USA, not the ISO 840's sibling). A number listed twice with
    different codes is a problem.
    """
    numbers = {str(int(c.numeric)): c.iso3 for c in countries if c.numeric}
    alphas = {c.iso3: c.iso3 for c in countries}
    listed: dict[str, str] = {}
    pairs = [(n, a.code) for a in areas for n in a.comtrade.split()]
    pairs += [(e.comtrade, e.code) for e in extra if e.comtrade]
    for number, code in pairs:
        key = str(int(number))
        if listed.get(key, code) != code:
            problems.add(file, 1, f"Comtrade number {key} is listed as {listed[key]} and {code}")
        listed[key] = code
    numbers.update(listed)
    alphas.update({a.code: a.code for a in areas})
    alphas.update({a.comtrade_alpha.upper(): a.code for a in areas if a.comtrade_alpha})
    alphas.update({e.comtrade_alpha.upper(): e.code for e in extra if e.comtrade_alpha})
    return numbers, alphas
