"""Reference classifications: countries, partner groups, HS products and product groups.

Example:
    >>> from tradestats.reference import partner_codes
    >>> "NAM" in partner_codes()
    True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycountry


@lru_cache(maxsize=8)
def partner_codes(classifications_dir: Path | None = None) -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes a record's ``partner`` may take (plus XKX, Kosovo)."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes.add("XKX")
    return frozenset(codes)
