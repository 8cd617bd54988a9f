"""Named indicators as data: YAML files in ``indicators/library/``, validated in bulk.

Each file is a list of definitions. A definition is a selection (flow and filters), ONE measure
and options; the period is given when the indicator is computed. Every problem in every file is
reported at once, as ``file:line: message``.

Example:
    >>> lib = load_library()
    >>> lib.get("asean.total.yoy").measure
    <Measure.YOY_PCT: 'yoy_pct'>
    >>> lib.get("asean.total.yoy").query("2025").selection.partner.include
    ('asean',)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.query import Measure, Query, Selection, parse_enum, split_list
from tradestats.indicators.resolve import OWN_REPORTER
from tradestats.indicators.suggest import nearest

LIBRARY_DIR = Path(__file__).with_name("library")
SELECTION_KEYS = ("flow", *Selection.FILTERS)
KEYS = frozenset(
    {"name", "title", "measure", "parent", "basis", "grain", "unit", "seed", "note",
     *SELECTION_KEYS}
)  # fmt: skip
UNITS = {
    Measure.VALUE_CNY: "CNY", Measure.VALUE_USD: "USD", Measure.VALUE_EUR: "EUR",
    Measure.VALUE_CIF_USD: "USD", Measure.VALUE_FOB_USD: "USD",
    Measure.QUANTITY: "quantity", Measure.UNIT_VALUE: "money per unit",
    Measure.QUANTITY_YOY_PCT: "percent", Measure.UNIT_VALUE_YOY_PCT: "percent",
    Measure.NET_WEIGHT_KG: "kg",
    Measure.RECORDS: "count", Measure.ENTERPRISES: "count", Measure.PARTNERS: "count",
    Measure.PARTNERS_GROWING: "count", Measure.YOY_PCT: "percent", Measure.SHARE_PCT: "percent",
    Measure.SHARE_CHANGE_PP: "pp", Measure.CONTRIBUTION_PP: "pp", Measure.RANK: "rank",
    Measure.GROWTH_STREAK: "periods",
}  # fmt: skip


class LibraryError(UsageError):
    """One or more indicator definitions are invalid (all problems listed)."""


@dataclass(frozen=True)
class Indicator:
    """A named figure: a query template without a period."""

    name: str
    title: str
    measure: Measure
    spec: dict[str, Any] = field(repr=False)
    unit: str = ""
    seed: str | None = None
    note: str | None = None
    source: str = ""

    def query(self, period: str) -> Query:
        """The Query for ``period``."""
        opts = {k: v for k, v in self.spec.items() if k in KEYS - {"name", "title", "unit"}}
        for k in ("seed", "note", "measure"):
            opts.pop(k, None)
        return Query.build(period=period, measures=self.measure.value, **opts)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of each mapping and each of its keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Library:
    """All indicator definitions, by name."""

    indicators: dict[str, Indicator]

    def names(self) -> list[str]:
        return sorted(self.indicators)

    def get(self, name: str) -> Indicator:
        """The indicator ``name``; UsageError suggesting the nearest names when unknown."""
        if name not in self.indicators:
            raise UsageError(f"unknown indicator {name!r}", hint=nearest(name, self.indicators))
        return self.indicators[name]


def _check_names(spec: dict[str, Any], where: str, problems: list[str]) -> None:
    """Group names must be the reference data's (with the user's classifications, if any)."""
    lines = spec["__lines__"]
    ref = refapi.load_default_reference()
    partners, products = refapi.partner_group_names(ref), refapi.product_group_names(ref)
    for key, known in (("partner", partners), ("product", products), ("reporter", partners)):
        for token in split_list(spec.get(key)):
            name = token.lstrip("!~")
            is_code = name.isdigit() or (len(name) == 3 and name.isupper())
            is_code = is_code or (key == "reporter" and name == OWN_REPORTER)
            if not is_code and name not in known:
                hint = nearest(name, known) or ""
                problems.append(f"{where}:{lines.get(key)}: unknown {key} group {name!r} {hint}")


def _one(spec: Any, path: Path, problems: list[str]) -> Indicator | None:
    if not isinstance(spec, dict):
        problems.append(f"{path.name}: each entry must be a mapping, got {type(spec).__name__}")
        return None
    line = spec["__line__"]
    where = f"{path.name}"
    clean = {k: v for k, v in spec.items() if not k.startswith("__")}
    for key in sorted(set(clean) - KEYS):
        hint = nearest(key, KEYS) or ""
        problems.append(f"{where}:{spec['__lines__'][key]}: unknown key {key!r} {hint}".rstrip())
    for key in ("name", "measure"):
        if key not in clean:
            problems.append(f"{where}:{line}: missing {key!r}")
    if problems and any(p.startswith(f"{where}:{line}:") for p in problems):
        return None
    _check_names(spec, where, problems)
    if isinstance(clean.get("parent"), dict):
        clean["parent"] = {k: v for k, v in clean["parent"].items() if not k.startswith("__")}
    try:
        measure = parse_enum(Measure, str(clean["measure"]), "measure")
        ind = Indicator(
            name=str(clean["name"]),
            title=str(clean.get("title", clean["name"])),
            measure=measure,
            spec=clean,
            unit=str(clean.get("unit") or UNITS[measure]),
            seed=clean.get("seed"),
            note=clean.get("note"),
            source=f"{where}:{line}",
        )
        ind.query("2025")  # validates flow, filters, parent, basis, grain
    except (ValueError, UsageError) as err:
        problems.append(f"{where}:{line}: {clean.get('name')}: {err}")
        return None
    return ind


def load_library(paths: Iterable[Path] | None = None) -> Library:
    """Load and validate every definition; LibraryError lists all problems with file and line.

    The package's own library is read once per process.
    """
    if paths is None:
        return _package_library()
    return _load(sorted(paths))


@lru_cache(maxsize=1)
def _package_library() -> Library:
    return _load(sorted(LIBRARY_DIR.glob("*.yaml")))


def _load(files: list[Path]) -> Library:
    problems: list[str] = []
    found: dict[str, Indicator] = {}
    for path in files:
        try:
            entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or []
        except yaml.YAMLError as err:
            problems.append(f"{path.name}: not valid YAML: {err}")
            continue
        if not isinstance(entries, list):
            problems.append(f"{path.name}:1: the file must be a list of indicator definitions")
            continue
        for spec in entries:
            ind = _one(spec, path, problems)
            if ind is None:
                continue
            if ind.name in found:
                problems.append(
                    f"{ind.source}: duplicate indicator {ind.name!r} "
                    f"(first defined at {found[ind.name].source})"
                )
                continue
            found[ind.name] = ind
    if problems:
        raise LibraryError(
            f"{len(problems)} problem(s) in indicator definitions:\n  " + "\n  ".join(problems)
        )
    return Library(found)
