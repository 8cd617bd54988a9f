"""Credibility checks at ingest: implausible declarations listed for review, never changed.

Unit values (per kg and per supplementary unit) and kg per unit are compared with the same
code's history in the store and with its other declarations in the batch (medians and
quartiles, on a log scale); enterprises that switch wholesale to partners or HS chapters new
to them are listed too. See docs/credibility.md.

Example:
    >>> from tradestats.credibility import Checks
    >>> Checks().robust_z
    4.0
"""

from tradestats.credibility.review import review_ingest
from tradestats.credibility.settings import Checks, load_checks

__all__ = ["Checks", "load_checks", "review_ingest"]
