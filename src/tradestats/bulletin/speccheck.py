"""Checks behind spec loading: problem collection, localized text, indicators and slots.

Example:
    >>> pr = Problems("my.yaml")
    >>> pr.add(3, "unknown indicator 'asean.totl.value'")
    >>> pr.summary()
    "1 problem(s) in my.yaml:\\n  my.yaml:3: unknown indicator 'asean.totl.value'"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tradestats.bulletin.template import Part, Slot
from tradestats.bulletin.yamllines import LDict, LList
from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.library import KEYS, UNITS, Indicator, Library
from tradestats.indicators.query import Measure, parse_enum, split_list
from tradestats.indicators.suggest import nearest

LANGS = ("en", "zh")
FORMAT_MEASURES = {
    "verb": {Measure.YOY_PCT, Measure.SHARE_CHANGE_PP, Measure.CONTRIBUTION_PP},
    "change": {Measure.YOY_PCT, Measure.SHARE_CHANGE_PP, Measure.CONTRIBUTION_PP},
    "record": {Measure.VALUE_CNY, Measure.VALUE_USD},
    "streak": {Measure.GROWTH_STREAK},
    "balance": {Measure.VALUE_CNY, Measure.VALUE_USD},
}


@dataclass
class Problems:
    """Problems found in one file, each ``file:line: message``."""

    file: str
    items: list[str] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.items.append(f"{self.file}:{line}: {message}")

    def unknown_keys(self, node: LDict, allowed: frozenset[str]) -> None:
        for key in node:
            if key not in allowed:
                self.add(node.line_of(key), f"unknown key {key!r}" + hint(key, sorted(allowed)))

    def summary(self) -> str:
        """All problems, in line order."""
        items = sorted(self.items, key=_line_key)
        return f"{len(items)} problem(s) in {self.file}:\n  " + "\n  ".join(items)


def _line_key(item: str) -> int:
    parts = item.split(":")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0


def hint(name: str, known: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` or ``""``."""
    found = nearest(name, known)
    return f" ({found})" if found else ""


def localized(node: LDict, key: str, pr: Problems, required: bool = False) -> dict[str, str]:
    """``{en: ..., zh: ...}`` (or one plain string used for every language)."""
    value = node.get(key)
    if value is None:
        if required:
            pr.add(node.line, f"missing {key!r} (a mapping with en and zh text)")
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    if not isinstance(value, LDict):
        pr.add(node.line_of(key), f"{key!r} must be text or a mapping with en and zh text")
        return {}
    pr.unknown_keys(value, frozenset(LANGS))
    return {k: str(v) for k, v in value.items() if k in LANGS}


def _group_names() -> dict[str, list[str]]:
    """The partner and product groups of the reference (the user's included), by filter."""
    ref = refapi.load_default_reference()
    return {
        "partner": refapi.partner_group_names(ref),
        "product": refapi.product_group_names(ref),
    }


def check_group_names(node: LDict, pr: Problems) -> None:
    """Partner and product groups must be known to the reference (codes pass: ``VNM``,
    ``8507``); every group of the reference data is usable in a spec."""
    for key, known in _group_names().items():
        for token in split_list(node.get(key)):
            name = token.lstrip("!~")
            is_code = name.isdigit() or (len(name) == 3 and name.isupper())
            if not is_code and name not in known:
                pr.add(node.line_of(key), f"unknown {key} group {name!r}" + hint(name, known))


def _row_names(dim: str) -> list[str] | None:
    """The keys a breakdown can take, from the reference (None: not checked)."""
    attr = {
        "partner_group": "partner_groups",
        "product_group": "product_groups",
        "enterprise_type": "enterprise_types",
        "trade_mode_group": "trade_mode_groups",
    }.get(dim)
    if attr is None:
        return None
    from tradestats.reference import load_reference

    return sorted(getattr(load_reference(), attr))


def check_row_key(dim: str, key: str, line: int, pr: Problems) -> None:
    """A table row must be a key its breakdown can produce (e.g. a known partner group)."""
    known = _row_names(dim)
    if known is not None and key not in known:
        pr.add(line, f"unknown {dim} {key!r} for a table row" + hint(key, known))


def _indicator(item: LDict, pr: Problems, library: Library) -> Indicator | None:
    clean = {k: v for k, v in item.items()}
    pr.unknown_keys(item, KEYS)
    if "name" not in clean or "measure" not in clean:
        pr.add(item.line, "an indicator needs 'name' and 'measure'")
        return None
    name = str(clean["name"])
    if name in library.indicators:
        pr.add(item.line_of("name"), f"indicator {name!r} is already in the indicator library")
        return None
    check_group_names(item, pr)
    try:
        measure = parse_enum(Measure, str(clean["measure"]), "measure")
        ind = Indicator(
            name=name,
            title=str(clean.get("title", name)),
            measure=measure,
            spec=clean,
            unit=str(clean.get("unit") or UNITS[measure]),
            note=clean.get("note"),
            source=f"{pr.file}:{item.line}",
        )
        ind.query("2025")
    except (UsageError, ValueError, TypeError) as err:
        pr.add(item.line, f"{name}: {err}")
        return None
    return ind


def check_indicators(items: Any, line: int, pr: Problems, library: Library) -> dict[str, Indicator]:
    """The spec's own indicators, validated like the library's."""
    if items is None:
        return {}
    if not isinstance(items, LList):
        pr.add(line, "'indicators' must be a list of indicator definitions")
        return {}
    found: dict[str, Indicator] = {}
    for i, item in enumerate(items):
        if not isinstance(item, LDict):
            pr.add(items.line_of(i), "each indicator must be a mapping")
            continue
        ind = _indicator(item, pr, library)
        if ind is None:
            continue
        if ind.name in found:
            pr.add(item.line, f"duplicate indicator {ind.name!r}")
        found[ind.name] = ind
    return found


def check_slots(
    parts: list[Part], line: int, pr: Problems, known: set[str], measures: dict[str, Measure]
) -> list[Part]:
    """Resolve ``{x.total}`` to ``x.total.value``; report unknown names and unfit formats."""
    out: list[Part] = []
    for part in parts:
        if not isinstance(part, Slot) or part.name in ("period", "year"):
            out.append(part)
            continue
        name = part.name
        if name not in known and f"{name}.value" in known:
            name = f"{name}.value"
        if name not in known:
            pr.add(line, f"unknown indicator {part.name!r}" + hint(name, sorted(known)))
        elif part.fmt in FORMAT_MEASURES and measures[name] not in FORMAT_MEASURES[part.fmt]:
            fits = ", ".join(sorted(m.value for m in FORMAT_MEASURES[part.fmt]))
            pr.add(line, f"format ':{part.fmt}' does not fit {name!r} (needs {fits})")
        out.append(Slot(name, part.fmt))
    return out
