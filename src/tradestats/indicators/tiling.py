"""Stored periods and how they make up a reporting period: months, runs of months, years.

A store holds three kinds of period: a month ``2025-03``; a run of months of one year,
``2025-01..2025-02`` (a combined or a cumulative figure); and a year ``2025`` (annual data). A
reporting period (months ``first..last`` of one year) is read from stored periods that tile its
months exactly; a stored figure is never split into months.

* The finest tiling wins: months where they exist, runs of months where they do not.
* A year ``2025`` tiles only the whole year, alone (annual data are not a sum of the months).
* Without a tiling, a difference of cumulative runs may answer (``Q2 = Jan-Jun - Jan-Mar``,
  GLOSSARY: "YTD_q - YTD_q-1 when only cumulative data exist"); annual data never take part.

Example:
    >>> [p.period for p in tile(2025, 1, 3, ["2025-01..2025-02", "2025-03", "2025"])]
    ['2025-01..2025-02', '2025-03']
    >>> tile(2025, 4, 6, ["2025"]) is None
    True
    >>> [(p.period, p.weight) for p in cover(2025, 4, 6, ["2025-01..2025-03", "2025-01..2025-06"])]
    [('2025-01..2025-06', 1), ('2025-01..2025-03', -1)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Piece:
    """A stored period read for a reporting period; weight -1 subtracts a cumulative figure."""

    period: str
    weight: int = 1


def span(stored: str) -> tuple[int, int, int] | None:
    """``(year, first month, last month)`` of a stored period; None for anything else.

    >>> span("2025-03"), span("2025-01..2025-02"), span("2025"), span("x")
    ((2025, 3, 3), (2025, 1, 2), (2025, 1, 12), None)
    """
    if m := _MONTH.match(stored):
        return int(m[1]), int(m[2]), int(m[2])
    if m := _RANGE.match(stored):
        return (int(m[1]), int(m[2]), int(m[4])) if m[1] == m[3] else None
    if m := _YEAR.match(stored):
        return int(m[1]), 1, 12
    return None


def is_month(stored: str) -> bool:
    """``2025-03`` is a month; ``2025`` and ``2025-01..2025-02`` are not.

    >>> is_month("2025-03"), is_month("2025")
    (True, False)
    """
    return _MONTH.match(stored) is not None


def is_annual(stored: str) -> bool:
    """``2025`` (annual data).

    >>> is_annual("2025"), is_annual("2025-01..2025-12")
    (True, False)
    """
    return _YEAR.match(stored) is not None


def first_month(stored: str) -> str:
    """The first month a stored period covers (its HS edition is that month's).

    >>> first_month("2025"), first_month("2025-01..2025-02"), first_month("2025-07")
    ('2025-01', '2025-01', '2025-07')
    """
    s = span(stored)
    return stored if s is None else f"{s[0]}-{s[1]:02d}"


def _candidates(
    year: int, first: int, last: int, stored: Iterable[str], annual: bool | None
) -> dict[int, list[tuple[int, str]]]:
    """Stored periods inside months first..last of ``year``, by first month."""
    found: dict[int, list[tuple[int, str]]] = {}
    for p in sorted(set(stored)):
        s = span(p)
        if s is None or s[0] != year or s[1] < first or s[2] > last:
            continue
        if annual is not None and is_annual(p) != annual:
            continue
        found.setdefault(s[1], []).append((s[2], p))
    return found


def tile(
    year: int,
    first: int,
    last: int,
    stored: Iterable[str],
    annual: bool | None = None,
    finest: bool = True,
) -> tuple[Piece, ...] | None:
    """Stored periods that tile months first..last of ``year`` exactly, or None.

    ``finest`` picks the tiling with the most pieces (else the fewest); ``annual`` True or False
    allows only annual or only sub-annual pieces (None: both).

    >>> [p.period for p in tile(2025, 1, 2, ["2025-01", "2025-02", "2025-01..2025-02"])]
    ['2025-01', '2025-02']
    >>> [p.period for p in tile(2025, 1, 2, ["2025-01", "2025-02", "2025-01..2025-02"],
    ...                         finest=False)]
    ['2025-01..2025-02']
    """
    spans = _candidates(year, first, last, stored, annual)
    best: dict[int, tuple[str, ...]] = {first: ()}
    for m in range(first, last + 1):
        if m not in best:
            continue
        for end, p in spans.get(m, []):
            cand, old = best[m] + (p,), best.get(end + 1)
            if old is None or (len(cand) > len(old) if finest else len(cand) < len(old)):
                best[end + 1] = cand
    found = best.get(last + 1)
    return None if found is None else tuple(Piece(p) for p in found)


def cumulative(year: int, first: int, last: int, stored: Iterable[str]) -> tuple[Piece, ...] | None:
    """Months first..last as (Jan..last) - (Jan..first-1), from sub-annual figures only.

    >>> [p.weight for p in cumulative(2025, 7, 9, ["2025-01..2025-09", "2025-01..2025-06"])]
    [1, -1]
    """
    if first == 1:
        return None
    items = list(stored)
    plus = tile(year, 1, last, items, annual=False, finest=False)
    minus = tile(year, 1, first - 1, items, annual=False, finest=False)
    if plus is None or minus is None:
        return None
    both = {p.period for p in plus} & {p.period for p in minus}
    kept = [p for p in plus if p.period not in both]
    return (*kept, *(Piece(p.period, -1) for p in minus if p.period not in both))


def cover(
    year: int, first: int, last: int, stored: Iterable[str], annual: bool | None = None
) -> tuple[Piece, ...] | None:
    """A tiling, else (unless only annual pieces are allowed) a cumulative difference."""
    items = list(stored)
    found = tile(year, first, last, items, annual)
    if found is None and annual is not True:
        found = cumulative(year, first, last, items)
    return found


def uncovered(year: int, first: int, last: int, stored: Iterable[str]) -> list[str]:
    """Months of first..last that no stored period of ``year`` touches.

    >>> uncovered(2025, 1, 3, ["2025-03"])
    ['2025-01', '2025-02']
    """
    touched: set[int] = set()
    for p in stored:
        s = span(p)
        if s is not None and s[0] == year:
            touched.update(range(s[1], s[2] + 1))
    return [f"{year}-{m:02d}" for m in range(first, last + 1) if m not in touched]


def overlapping(year: int, first: int, last: int, stored: Iterable[str]) -> list[str]:
    """Stored periods of ``year`` reaching outside months first..last while touching them.

    >>> overlapping(2025, 1, 1, ["2025-01..2025-02", "2025-03", "2025"])
    ['2025', '2025-01..2025-02']
    """
    out = []
    for p in sorted(set(stored)):
        s = span(p)
        if s and s[0] == year and s[1] <= last and s[2] >= first and (s[1] < first or s[2] > last):
            out.append(p)
    return out


def in_bucket(stored: str, size: int) -> bool:
    """Whether a stored period lies inside one month (size 1) or one quarter (size 3).

    >>> in_bucket("2025-01..2025-02", 3), in_bucket("2025-03..2025-04", 3), in_bucket("2025", 3)
    (True, False, False)
    """
    s = span(stored)
    return s is not None and (s[1] - 1) // size == (s[2] - 1) // size
