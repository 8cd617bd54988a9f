"""Statistical confidentiality: a store's disclosure policy, primary and secondary cell
suppression, and an audit that proves every confidential cell is protected.

The engine (or any front end) hands ``protect`` a ``CellTable`` (every cell and margin of a
breakdown with its value, its number of enterprises and its largest enterprise values) and
gets back which cells to publish; suppressed cells are shown as null with flag ``c``, totals
stay true. See docs/disclosure.md.

Example:
    >>> from tradestats.disclosure import CellTable, Policy, TOTAL, protect
    >>> t = CellTable.build(("partner",), [(("KOR",), 1000, 1, [1000]), (("USA",), 5000, 9,
    ...     [900, 800]), (("VNM",), 4000, 8, [700, 600]), ((TOTAL,), 10000, 18, [1000, 900])])
    >>> p = protect(t, Policy())
    >>> p.flags(), p.audit().ok
    (['c', '', 'c', ''], True)
"""

from tradestats.disclosure.audit import AuditReport, AuditRow, audit
from tradestats.disclosure.policy import Policy, load_policy, policy_history, save_policy
from tradestats.disclosure.protect import FLAG, Protected, apply_to_result, protect
from tradestats.disclosure.rules import Reason
from tradestats.disclosure.table import TOTAL, CellTable

__all__ = [
    "FLAG",
    "TOTAL",
    "AuditReport",
    "AuditRow",
    "CellTable",
    "Policy",
    "Protected",
    "Reason",
    "apply_to_result",
    "audit",
    "load_policy",
    "policy_history",
    "protect",
    "save_policy",
]
