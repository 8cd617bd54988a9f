"""The :class:`Reference` object: every classification, looked up by code, name or alias.

Example:
    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> ref.hs_edition("2021-12"), ref.hs_section("85"), ref.regions["44"].name_en
    ('HS2017', 'XVI', 'Guangdong')
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from tradestats.errors import UsageError
from tradestats.reference import hs
from tradestats.reference.areas import PartnerArea
from tradestats.reference.countries import Country, Region
from tradestats.reference.groups import PartnerGroup
from tradestats.reference.products import ProductGroup
from tradestats.reference.tradeclass import EnterpriseTypeInfo, TradeModeGroup
from tradestats.reference.units import Unit, alias_table
from tradestats.reference.units import key as unit_key

T = TypeVar("T")


def normalize(name: str) -> str:
    """Lookup key of a name or alias: lower case, runs of space, '-' and '_' made one space.

    >>> normalize("Belt-and-Road  partner_countries")
    'belt and road partner countries'
    """
    return re.sub(r"[\s\-_]+", " ", name.strip().lower())


def _name_key(name: str) -> str:
    """A country name's lookup key: lower case, letters and digits only ("Viet Nam" is
    "vietnam", "Côte d'Ivoire" is "côtedivoire")."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _index(items: Iterable[Any]) -> dict[str, Any]:
    """Names and aliases first, then titles (a title never hides a name or alias)."""
    items = list(items)
    index: dict[str, Any] = {}
    for item in items:
        for key in (item.name, *getattr(item, "aliases", ())):
            index.setdefault(normalize(key), item)
    for item in items:
        for key in (item.title_en, item.title_zh):
            index.setdefault(normalize(key), item)
    return index


def ascii_upper(code: str) -> str:
    """A code trimmed and upper-cased, only when it is ASCII: Python's case mapping turns the
    look-alikes ``'uſa'`` and ``'ınd'`` into ``'USA'`` and ``'IND'``, which must not happen.

    >>> ascii_upper(" usa "), ascii_upper("uſa")
    ('USA', 'uſa')
    """
    text = code.strip()
    return text.upper() if text.isascii() else text


def lookup(index: dict[str, T], name: str, kind: str) -> T:
    """Find ``name`` in an index, or raise UsageError suggesting the nearest names."""
    key = normalize(name)
    if key in index:
        return index[key]
    near = difflib.get_close_matches(key, list(index), n=6, cutoff=0.5)
    names = list(dict.fromkeys(getattr(index[k], "name", k) for k in near))[:3]
    hint = f"did you mean {', '.join(repr(n) for n in names)}?" if names else None
    raise UsageError(f"unknown {kind} {name!r}", hint=hint)


class Reference:
    """All reference classifications, validated. Build it with ``load_reference()``."""

    def __init__(
        self,
        *,
        countries: list[Country],
        regions: list[Region],
        areas: list[PartnerArea] = (),  # type: ignore[assignment]
        comtrade: tuple[dict[str, str], dict[str, str]] = ({}, {}),
        units: list[Unit] = (),  # type: ignore[assignment]
        partner_groups: list[PartnerGroup],
        product_groups: list[ProductGroup],
        enterprise_types: list[EnterpriseTypeInfo],
        trade_mode_groups: list[TradeModeGroup],
        concordance: hs.Concordance | None,
        code_lists: tuple[dict[str, list[str]], dict[str, str]] = ({}, {}),
    ) -> None:
        self.countries = countries
        self.areas: dict[str, PartnerArea] = {a.code: a for a in areas}
        self._comtrade_numbers, self._comtrade_alphas = comtrade
        self.units: dict[str, Unit] = {u.code: u for u in units}
        self.unit_spellings: dict[str, str] = alias_table(units)
        self.regions: dict[str, Region] = {r.code: r for r in regions}
        self.partner_groups: dict[str, PartnerGroup] = {g.name: g for g in partner_groups}
        self.product_groups: dict[str, ProductGroup] = {g.name: g for g in product_groups}
        self.enterprise_types = {e.name: e for e in enterprise_types}
        self.trade_mode_groups = {g.name: g for g in trade_mode_groups}
        self.concordance = concordance
        self._code_lists, self.code_list_origin = code_lists
        self._countries: dict[str, Country] = {}
        for c in countries:
            for key in (c.iso3, c.iso2, c.numeric):
                if key:
                    self._countries.setdefault(key, c)
        self._country_names: dict[str, str] = {}
        for c in countries:
            for name in (c.name_en, c.name_zh):
                if name:
                    self._country_names.setdefault(_name_key(name), c.iso3)
        self._groups = _index(partner_groups)
        self._products = _index(product_groups)
        self._modes = _index(trade_mode_groups)

    def country(self, code: str) -> Country:
        """A country by ISO alpha-3, alpha-2 or numeric code (case-insensitive).

        >>> from tradestats.reference import load_reference
        >>> load_reference().country("344").name_zh
        '中国香港'
        """
        found = self._countries.get(ascii_upper(code))
        if found is None:
            near = difflib.get_close_matches(code.upper(), [c.iso3 for c in self.countries], n=3)
            raise UsageError(
                f"unknown country code {code!r}",
                hint=f"did you mean {', '.join(near)}?" if near else None,
            )
        return found

    @property
    def partner_codes(self) -> frozenset[str]:
        """Every code a record's partner may take: the ISO countries, the World total ``WLD``,
        the pseudo-partners, and the former codes (valid only for their dates, see
        :meth:`former_codes`; the ingest rules check them)."""
        return frozenset(c.iso3 for c in self.countries) | set(self.areas)

    @property
    def former_codes(self) -> dict[str, tuple[str, str]]:
        """Code -> (first, last valid day) of the codes valid only for some dates (``ANT``)."""
        return {a.code: (a.valid_from, a.valid_to) for a in self.areas.values() if not a.current}

    def partner_area(self, code: str) -> PartnerArea:
        """A World, pseudo-partner or former code (``'WLD'``, ``'XNS'``, ``'ANT'``).

        >>> from tradestats.reference import load_reference
        >>> load_reference().partner_area("XBK").comtrade
        '837'
        """
        found = self.areas.get(ascii_upper(code))
        if found is None:
            raise UsageError(f"{code!r} is not a World, pseudo-partner or former code")
        return found

    def country_named(self, name: str) -> str | None:
        """The ISO alpha-3 code of a country's English or Chinese name (case, spaces and
        punctuation ignored), None when no country has that name.

        >>> from tradestats.reference import load_reference
        >>> ref = load_reference()
        >>> ref.country_named("Vietnam"), ref.country_named("viet nam"), ref.country_named("越南")
        ('VNM', 'VNM', 'VNM')
        >>> ref.country_named("Atlantis") is None
        True
        """
        return self._country_names.get(_name_key(name))

    def countries_near(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` codes of countries whose English or Chinese name is close to ``name``
        (a misspelling's suggestions), closest first.

        >>> from tradestats.reference import load_reference
        >>> load_reference().countries_near("Vietnm")
        ['VNM']
        >>> load_reference().countries_near("Atlantis")
        []
        """
        near = difflib.get_close_matches(_name_key(name), list(self._country_names), n=n * 2,
                                         cutoff=0.75)  # fmt: skip
        return list(dict.fromkeys(self._country_names[k] for k in near))[:n]

    def comtrade_code(self, number: str) -> str | None:
        """The code of a Comtrade (or BACI) partner number, leading zeros ignored; None if
        unknown.

        >>> from tradestats.reference import load_reference
        >>> ref = load_reference()
        >>> ref.comtrade_code("842"), ref.comtrade_code("0490"), ref.comtrade_code("0")
        ('USA', 'TWN', 'WLD')
        """
        text = number.strip()
        return self._comtrade_numbers.get(str(int(text))) if text.isdigit() else None

    def comtrade_alpha(self, alpha: str) -> str | None:
        """The code of a Comtrade alpha code (``'S19'`` TWN, ``'_X '`` XNS, ``'W00'`` WLD)."""
        return self._comtrade_alphas.get(ascii_upper(alpha))

    def unit_code(self, text: str) -> str | None:
        """The unit code of a spelling (``'KG'``, ``'千克'``, ``'m³'``), None when unknown."""
        return self.unit_spellings.get(unit_key(text))

    def comtrade_unit(self, number: str) -> str | None:
        """The unit code of a Comtrade ``qtyUnitCode`` (8 is ``kg``); None for -1 (none)."""
        return next((u.code for u in self.units.values() if u.comtrade == number.strip()), None)

    @property
    def comtrade_numbers(self) -> dict[str, str]:
        """Every Comtrade number (no leading zeros) -> code."""
        return dict(self._comtrade_numbers)

    @property
    def comtrade_alphas(self) -> dict[str, str]:
        """Every Comtrade alpha code -> code."""
        return dict(self._comtrade_alphas)

    def partner_group(self, name: str) -> PartnerGroup:
        """A partner group by name or alias, case-insensitive (``'ASEAN'``, ``'一带一路'``)."""
        return lookup(self._groups, name, "partner group")

    def groups_of(self, code: str, day: dt.date | str) -> list[str]:
        """Names of the partner groups ``code`` belongs to on ``day``.

        >>> from tradestats.reference import load_reference
        >>> load_reference().groups_of("TLS", "2025-10-26")
        ['asean', 'bri']
        """
        iso3 = self.country(code).iso3
        return sorted(n for n, g in self.partner_groups.items() if iso3 in g.members_on(day))

    def product_group(self, name: str) -> ProductGroup:
        """A product group by name or alias, case-insensitive (``'new trio'``, ``'新三样'``)."""
        return lookup(self._products, name, "product group")

    def trade_mode_group(self, name: str) -> TradeModeGroup:
        """A trade-mode group by name (``'processing_trade'``)."""
        return lookup(self._modes, name, "trade-mode group")

    def trade_mode_group_of(self, code: str) -> str:
        """The group a 4-digit trade-mode code belongs to (the residual group when unlisted)."""
        for group in self.trade_mode_groups.values():
            if code in group.codes:
                return group.name
        return next(g.name for g in self.trade_mode_groups.values() if g.residual)

    def hs_edition(self, period: str) -> str:
        """The edition in force in a month: ``'HS2022'`` from 2022-01, ``'HS2017'`` from
        2017-01, ``'HS2012'`` from 2012-01 ... (see ``hs.hs_edition``)."""
        return hs.hs_edition(period)

    def missing_code_lists(self) -> dict[str, str]:
        """Edition -> how to supply its code list, for the editions product groups have rules
        for whose list is not loaded (their prefixes cannot be checked or expanded).

        >>> from tradestats.reference import load_reference
        >>> sorted(load_reference().missing_code_lists())
        ['HS2012', 'HS2017']
        """
        return {
            e: hs.HOW_TO_SUPPLY.format(edition=e)
            + (" (or hs_concordance.csv, columns hs2022,hs2017)" if e == "HS2017" else "")
            for e in hs.EDITIONS
            if e not in self._code_lists
        }

    def hs_section(self, chapter: str) -> str:
        """The HS section of a chapter, as a Roman numeral string (``'85'`` -> ``'XVI'``)."""
        return hs.hs2022().section_of(chapter)

    @property
    def hs_sections(self) -> dict[str, str]:
        """The 21 HS sections: Roman numeral -> English name (same in HS2017 and HS2022)."""
        return dict(hs.hs2022().section_names)

    def hs_section_name(self, section: str, lang: str = "en") -> str:
        """Name of a section (Roman numeral, or ``not specified`` for chapter 99) in English
        or Chinese."""
        if section == hs.NOT_SPECIFIED:
            return hs.NOT_SPECIFIED_NAMES["zh" if lang == "zh" else "en"]
        names = hs.SECTION_NAMES_ZH if lang == "zh" else hs.hs2022().section_names
        if section not in names:
            raise UsageError(f"unknown HS section {section!r}", hint="use I to XXI")
        return names[section]

    def hs_description(self, code: str, lang: str = "en") -> str:
        """English description of an HS2022 chapter, heading or subheading.

        >>> from tradestats.reference import load_reference
        >>> load_reference().hs_description("0101")
        'Horses, asses, mules and hinnies; live'
        """
        if lang != "en":
            raise UsageError(f"no HS descriptions in language {lang!r}", hint="use lang='en'")
        return hs.hs2022().description(code)

    def hs_codes(self, edition: str, level: int = 6) -> list[str]:
        """Sorted codes of an edition (HS2022 packaged; others from the user's code lists)."""
        edition = hs.check_edition(edition)
        if edition == "HS2022":
            return hs.hs2022().codes(level)
        if edition not in self._code_lists:
            raise UsageError(
                f"no {edition} code list is loaded", hint=hs.HOW_TO_SUPPLY.format(edition=edition)
            )
        return sorted({c[:level] for c in self._code_lists[edition]})

    def convert_hs(self, code: str, source: str, target: str) -> tuple[str, ...]:
        """6-digit codes of ``target`` edition corresponding to ``code`` (needs a concordance)."""
        if self.concordance is None:
            raise UsageError("no HS concordance is loaded", hint="add hs_concordance.csv")
        return self.concordance.convert(code, source, target)
