"""Partner groups: dated memberships read from ``groups/*.yaml``.

A member belongs to a group from its ``from`` date to its ``to`` date, both inclusive
(``to`` is the last day of membership; the United Kingdom was in the EU on 2020-01-31 and
out on 2020-02-01).

Example:
    >>> import datetime as dt
    >>> from tradestats.reference import load_reference
    >>> asean = load_reference().partner_group("ASEAN")
    >>> len(asean.members_on(dt.date(2025, 10, 25))), len(asean.members_on(dt.date(2025, 10, 27)))
    (10, 11)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from tradestats.errors import UsageError
from tradestats.reference.problems import Problems
from tradestats.reference.yamlio import YDict, line_of

STATUSES = ("official", "approximate")
GROUP_KEYS = {"name", "title_en", "title_zh", "aliases", "status", "source", "notes", "members"}
MEMBER_KEYS = {"code", "from", "to", "source"}


@dataclass(frozen=True)
class Membership:
    """One stretch of membership: ``code`` is a member from ``start`` to ``end`` (inclusive)."""

    code: str
    start: dt.date
    end: dt.date | None
    source: str

    def active_on(self, day: dt.date) -> bool:
        """True when ``day`` falls inside this stretch."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PartnerGroup:
    """A named group of partners with dated memberships.

    Example:
        >>> import datetime as dt
        >>> from tradestats.reference import load_reference
        >>> eu = load_reference().partner_group("eu28")
        >>> eu.members_on(dt.date(2020, 1, 31)) - eu.members_on(dt.date(2020, 2, 1))
        frozenset({'GBR'})
    """

    name: str
    title_en: str
    title_zh: str
    aliases: tuple[str, ...]
    status: str
    source: str
    notes: str
    memberships: tuple[Membership, ...]
    file: str = ""
    line: int = 0  # line of the name, for messages

    def members_on(self, d: dt.date | str) -> frozenset[str]:
        """ISO alpha-3 codes of the members on day ``d`` (a date or ``'YYYY-MM-DD'``)."""
        day = d if isinstance(d, dt.date) else dt.date.fromisoformat(d)
        return frozenset(m.code for m in self.memberships if m.active_on(day))

    def comparable_members(self, period_end: dt.date | str) -> frozenset[str]:
        """Members to use for BOTH periods when comparing P with P-1 (comparable basis).

        The default rule: the membership in force at the end of the reporting period P.
        ``period_end`` is a date, or a period (``2025``, ``2025-Q4``, ``2025-H1``, ``2025-03``)
        whose last day is used.

        >>> from tradestats.reference import load_reference
        >>> len(load_reference().partner_group("asean").comparable_members("2025"))
        11
        """
        day = period_end if isinstance(period_end, dt.date) else last_day(period_end)
        return self.members_on(day)

    def ever_members(self) -> frozenset[str]:
        """Every code that was a member at any time."""
        return frozenset(m.code for m in self.memberships)


def last_day(period: str) -> dt.date:
    """Last day of a period: ``YYYY``, ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> last_day("2025-Q1"), last_day("2024-02"), last_day("2025")
    (datetime.date(2025, 3, 31), datetime.date(2024, 2, 29), datetime.date(2025, 12, 31))
    """
    text = period.strip().upper()
    year, _, rest = text.partition("-")
    months = {"": 12, "H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    if not year.isdigit() or len(year) != 4:
        raise UsageError(f"period {period!r} is not understood", hint="use YYYY, YYYY-Qn, YYYY-MM")
    if rest in months:
        month = months[rest]
    elif rest.isdigit() and 1 <= int(rest) <= 12:
        month = int(rest)
    else:
        raise UsageError(f"period {period!r} is not understood", hint="use YYYY, YYYY-Qn, YYYY-MM")
    first_next = dt.date(int(year) + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def parse_date(text: Any, file: str, line: int, problems: Problems) -> dt.date | None:
    """Parse an ISO date (YYYY-MM-DD); record a problem and return None when it is not one."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        problems.add(file, line, f"{text!r} is not a date (YYYY-MM-DD)")
        return None


def _text(doc: YDict, key: str, file: str, problems: Problems, required: bool = True) -> str:
    value = doc.get(key)
    if value is None:
        if required:
            problems.add(file, doc.line_of(key), f"missing '{key}'")
        return ""
    if not isinstance(value, str):
        problems.add(file, doc.line_of(key), f"'{key}' must be text")
        return ""
    return value


def _member(item: Any, file: str, codes: Collection[str], problems: Problems) -> Membership | None:
    line = line_of(item)
    if not isinstance(item, YDict):
        problems.add(file, line, "a member must be a mapping with code, from, to, source")
        return None
    for key in sorted(set(item) - MEMBER_KEYS):
        problems.add(file, item.line_of(key), f"unknown member field '{key}'")
    code = str(item.get("code") or "")
    if code not in codes:
        problems.add(file, item.line_of("code"), f"unknown country code {code!r}")
    start = parse_date(item.get("from"), file, item.line_of("from"), problems)
    end = None
    if item.get("to") is not None:
        end = parse_date(item["to"], file, item.line_of("to"), problems)
    if start and end and end < start:
        problems.add(file, item.line_of("to"), f"'to' {end} is before 'from' {start} for {code}")
        return None
    if start is None or code not in codes:
        return None
    return Membership(code, start, end, str(item.get("source") or ""))


def _check_overlaps(members: list[tuple[int, Membership]], file: str, problems: Problems) -> None:
    by_code: dict[str, list[tuple[int, Membership]]] = {}
    for line, m in members:
        by_code.setdefault(m.code, []).append((line, m))
    for code, stretches in by_code.items():
        stretches.sort(key=lambda lm: lm[1].start)
        for (_, a), (line, b) in itertools.pairwise(stretches):
            if a.end is None or b.start <= a.end:
                problems.add(file, line, f"overlapping date ranges for {code}")


def _members(doc: YDict, file: str, codes: Collection[str], problems: Problems) -> list[Membership]:
    raw = doc.get("members")
    if not isinstance(raw, list) or not raw:
        problems.add(file, doc.line_of("members"), "'members' must be a non-empty list")
        return []
    found = [(line_of(item), _member(item, file, codes, problems)) for item in raw]
    members = [(line, m) for line, m in found if m is not None]
    _check_overlaps(members, file, problems)
    return [m for _, m in members]


def parse_group(doc: Any, file: str, codes: Collection[str], problems: Problems) -> PartnerGroup:
    """Build a :class:`PartnerGroup` from a parsed YAML document, recording every problem."""
    if not isinstance(doc, YDict):
        problems.add(file, line_of(doc, 1), "a group file must be a mapping")
        return PartnerGroup("", "", "", (), "", "", "", (), file)
    for key in sorted(set(doc) - GROUP_KEYS):
        problems.add(file, doc.line_of(key), f"unknown field '{key}'")
    status = _text(doc, "status", file, problems)
    if status and status not in STATUSES:
        problems.add(file, doc.line_of("status"), f"status must be one of {', '.join(STATUSES)}")
    aliases = doc.get("aliases") or []
    if not isinstance(aliases, list):
        problems.add(file, doc.line_of("aliases"), "'aliases' must be a list")
        aliases = []
    return PartnerGroup(
        name=_text(doc, "name", file, problems),
        title_en=_text(doc, "title_en", file, problems),
        title_zh=_text(doc, "title_zh", file, problems),
        aliases=tuple(str(a) for a in aliases),
        status=status,
        source=_text(doc, "source", file, problems),
        notes=_text(doc, "notes", file, problems, required=False),
        memberships=tuple(_members(doc, file, codes, problems)),
        file=file,
        line=doc.line_of("name"),
    )
