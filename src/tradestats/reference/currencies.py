"""The currencies a record may be reported in: ISO 4217 alphabetic codes, from pycountry.

Example:
    >>> {"JPY", "KWD", "CNY"} <= currencies()
    True
"""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """ISO 4217 alphabetic codes (from pycountry), the three with their own columns included."""
    return frozenset(c.alpha_3 for c in pycountry.currencies)
