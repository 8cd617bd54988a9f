"""Reference classifications: countries, partner groups, HS products and product groups.

Everything is data inside the package (``reference/data``), read as text, validated on load,
and overridable by a user directory holding files of the same names.

Example:
    >>> import datetime as dt
    >>> from tradestats.reference import load_reference, partner_codes
    >>> "NAM" in partner_codes()
    True
    >>> ref = load_reference()
    >>> len(ref.partner_group("asean").members_on(dt.date(2025, 10, 27)))
    11
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tradestats.reference.countries import Country, Region
from tradestats.reference.groups import Membership, PartnerGroup
from tradestats.reference.hs import Concordance, hs_edition
from tradestats.reference.loader import load_reference, validate_directory
from tradestats.reference.problems import Problem, ReferenceDataError
from tradestats.reference.products import ProductGroup
from tradestats.reference.reference import Reference
from tradestats.reference.tradeclass import EnterpriseTypeInfo, TradeModeGroup

__all__ = [
    "Concordance",
    "Country",
    "EnterpriseTypeInfo",
    "Membership",
    "PartnerGroup",
    "Problem",
    "ProductGroup",
    "Reference",
    "ReferenceDataError",
    "Region",
    "TradeModeGroup",
    "hs_edition",
    "load_reference",
    "partner_codes",
    "validate_directory",
]


@lru_cache(maxsize=8)
def partner_codes(classifications_dir: Path | None = None) -> frozenset[str]:
    """Codes a record's ``partner`` may take in any period: ISO 3166-1 alpha-3 (plus XKX,
    Kosovo), the World total ``WLD`` and the pseudo-partners (``XNS`` areas nes, ``XBK`` bunkers
    ...) and the former ISO 3166-3 codes (valid only for their dates: ``Reference.former_codes``).

    Read from ``countries.tsv`` and ``partner_areas.tsv`` (overlaid by the user's directory).
    """
    return load_reference(classifications_dir).partner_codes
