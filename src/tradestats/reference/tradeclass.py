"""Enterprise types and trade-mode groups, read from ``enterprise_types.yaml`` and
``trade_modes.yaml``.

Example:
    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> sorted(ref.enterprise_types)
    ['foreign_invested', 'other', 'private', 'state_owned']
    >>> ref.trade_mode_group("general_trade").codes
    frozenset({'0110'})
    >>> ref.trade_mode_group_of("9999")
    'other'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tradestats.reference.problems import Problems
from tradestats.reference.yamlio import YDict, line_of

TRADE_MODE = re.compile(r"\d{4}")


@dataclass(frozen=True)
class EnterpriseTypeInfo:
    """One enterprise type as published in releases (matches ``records.EnterpriseType``)."""

    name: str
    title_en: str
    title_zh: str
    notes: str = ""


@dataclass(frozen=True)
class TradeModeGroup:
    """A group of 4-digit customs supervision (trade-mode) codes.

    ``residual`` marks the catch-all group: a code listed in no group belongs to it.
    """

    name: str
    title_en: str
    title_zh: str
    codes: frozenset[str]
    residual: bool = False
    notes: str = ""


def _entries(doc: Any, key: str, file: str, problems: Problems) -> list[YDict]:
    if not isinstance(doc, YDict) or not isinstance(doc.get(key), list):
        problems.add(file, line_of(doc, 1), f"file must be a mapping with a list '{key}'")
        return []
    entries = [e for e in doc[key] if isinstance(e, YDict)]
    if len(entries) != len(doc[key]):
        problems.add(file, doc.line_of(key), f"every item of '{key}' must be a mapping")
    for entry in entries:
        for field in ("name", "title_en", "title_zh"):
            if not isinstance(entry.get(field), str):
                problems.add(file, entry.line_of(field), f"missing or non-text '{field}'")
    return entries


def parse_enterprise_types(doc: Any, file: str, problems: Problems) -> list[EnterpriseTypeInfo]:
    """Enterprise types; names must be exactly ``records.EnterpriseType``'s values."""
    from tradestats.records import EnterpriseType  # late: records pulls in pyarrow

    entries = _entries(doc, "enterprise_types", file, problems)
    out = [
        EnterpriseTypeInfo(
            str(e.get("name")), str(e.get("title_en")), str(e.get("title_zh")), e.get("notes") or ""
        )
        for e in entries
    ]
    names = sorted(e.name for e in out)
    if entries and names != sorted(EnterpriseType.values()):
        problems.add(file, line_of(doc, 1), f"names must be {', '.join(EnterpriseType.values())}")
    return out


def _codes(entry: YDict, file: str, problems: Problems) -> frozenset[str]:
    raw = entry.get("codes") or []
    if not isinstance(raw, list):
        problems.add(file, entry.line_of("codes"), "'codes' must be a list")
        return frozenset()
    good = set()
    for item in raw:
        text = str(item)
        if not TRADE_MODE.fullmatch(text):
            problems.add(file, line_of(item, entry.line_of("codes")), f"bad trade mode {text!r}")
        else:
            good.add(text)
    return frozenset(good)


def parse_trade_mode_groups(doc: Any, file: str, problems: Problems) -> list[TradeModeGroup]:
    """Trade-mode groups; a code may be in one group only, and one group is residual."""
    groups = [
        TradeModeGroup(
            name=str(e.get("name")),
            title_en=str(e.get("title_en")),
            title_zh=str(e.get("title_zh")),
            codes=_codes(e, file, problems),
            residual=str(e.get("residual") or "").lower() == "true",
            notes=e.get("notes") or "",
        )
        for e in _entries(doc, "trade_mode_groups", file, problems)
    ]
    seen: dict[str, str] = {}
    for group in groups:
        for code in sorted(group.codes):
            if code in seen:
                problems.add(file, 0, f"trade mode {code} is in {seen[code]} and {group.name}")
            seen.setdefault(code, group.name)
    if groups and sum(g.residual for g in groups) != 1:
        problems.add(file, line_of(doc, 1), "exactly one group must have 'residual: true'")
    return groups
