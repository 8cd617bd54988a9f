"""Index groups: HS section, HS chapter or heading, product group, partner, partner group.

Aggregate first, map codes after: the elementary cells carry raw codes (hs_code, partner); a
group key is looked up once per distinct code through the reference, then joined. Partner and
product groups overlap (a partner is in ASEAN and RCEP), so a cell may appear in several
groups; each group's index is computed on its own. Partner groups use the membership in force
at the end of the span for every period (comparable basis).

Example:
    >>> GROUPINGS
    ('hs_section', 'hs2', 'hs4', 'product_group', 'partner', 'partner_group')
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import pandas as pd

from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi

GROUPINGS = ("hs_section", "hs2", "hs4", "product_group", "partner", "partner_group")


def parse_by(text: str | None) -> list[str]:
    """The groupings asked for (comma list), checked.

    >>> parse_by("hs_section,partner")
    ['hs_section', 'partner']
    """
    out = [b.strip() for b in (text or "").split(",") if b.strip()]
    bad = [b for b in out if b not in GROUPINGS]
    if bad:
        raise UsageError(f"cannot group indices by {', '.join(bad)}", hint=", ".join(GROUPINGS))
    if len(set(out)) != len(out):
        raise UsageError("a grouping is listed twice")
    return out


def _last_day(month: str) -> dt.date:
    """Last day of a ``YYYY-MM`` month (the comparable basis of partner groups)."""
    y, m = int(month[:4]), int(month[5:7])
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _product_group(ref: Any, name: str) -> Any:
    """The reference's product group (its ``matches`` tests a code under an edition)."""
    return refapi.product_group(ref, name)


def _pairs(codes: list[str], members: dict[str, Any]) -> pd.DataFrame:
    rows = [(c, name) for name, test in members.items() for c in codes if test(c)]
    return pd.DataFrame(rows, columns=["code", "key"])


def add_group(cells: pd.DataFrame, by: str, ref: Any, span_end: str) -> pd.DataFrame:
    """``cells`` with a ``by`` column (rows repeated for overlapping groups, dropped when in
    none: a product or partner outside every group is not part of any group's index)."""
    if by in ("hs2", "hs4"):
        n = int(by[2:])
        return cells.assign(**{by: cells.hs_code.str.slice(0, n)})
    if by == "partner":
        return cells  # the elementary cells already carry it
    if by == "hs_section":
        chapters = sorted(set(cells.hs_code.str.slice(0, 2)))
        table = {c: refapi.section_label(ref, c) for c in chapters}
        out = cells.assign(hs_section=cells.hs_code.str.slice(0, 2).map(table))
        return out[out.hs_section.notna()]
    if by == "partner_group":
        end = _last_day(span_end)
        groups = {
            n: refapi.partner_group(ref, n).comparable_members(end)
            for n in refapi.partner_group_names(ref)
        }
        tests = {n: (lambda c, m=m: c in m) for n, m in groups.items()}
        pairs = _pairs(sorted(set(cells.partner)), tests)
        merged = cells.merge(pairs, left_on="partner", right_on="code")
        return merged.drop(columns="code").rename(columns={"key": by})
    if by == "product_group":
        # Product groups are HS rules of an edition: each period's codes use its own edition.
        editions = {p: ref.hs_edition(p if len(p) > 4 else f"{p}-12") for p in set(cells.period)}
        cells = cells.assign(_edition=cells.period.map(editions))
        rows = [
            (c, e, n)
            for n in refapi.product_group_names(ref)
            for c, e in sorted(set(zip(cells.hs_code, cells._edition, strict=True)))
            if _product_group(ref, n).matches(c, e)
        ]
        pairs = pd.DataFrame(rows, columns=["hs_code", "_edition", by])
        return cells.merge(pairs, on=["hs_code", "_edition"]).drop(columns="_edition")
    raise UsageError(f"cannot group indices by {by!r}", hint=", ".join(GROUPINGS))
