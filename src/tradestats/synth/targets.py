"""Calibration targets: published figures, the levels they imply, and what we assumed.

A targets file (YAML, see ``targets/china-2025.yaml``) lists figures as published (numbers keep
their precision: ``45.47`` covers 45.465 to 45.475) and the 2024/2025 levels the generator must
hit. Levels are resolved here, in yuan, from the published value and growth, from an assumed
value or share, or as the residual of other targets.

Example:
    >>> t = load_targets()
    >>> round(t.target("exports").level[2025] / 1e12, 2)
    26.99
    >>> round(t.target("asean").level[2024] / 1e12, 3)
    6.991
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tradestats.errors import UsageError

TRILLION = 1e12
YEARS = (2024, 2025)
SCOPE_KEYS = {"flow", "partner_group", "product_group", "enterprise_type", "brand", "quarter"}
DEFAULT_TARGETS = "china-2025"


class _DecimalLoader(yaml.SafeLoader):
    """YAML loader that reads every number as an exact Decimal (its precision is meaningful)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))  # type: ignore[arg-type]


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _decimal)


def half_unit(published: Decimal) -> float:
    """Half a unit of the last digit shown: ``45.47`` -> 0.005, ``8`` -> 0.5.

    >>> half_unit(Decimal("45.47")), half_unit(Decimal("8"))
    (0.005, 0.5)
    """
    exponent = published.as_tuple().exponent
    assert isinstance(exponent, int)
    return 0.5 * 10.0**exponent


@dataclass(frozen=True)
class Ratio:
    """A share (or share change) of target ``of``, in percent."""

    of: str
    value: Decimal


@dataclass
class Target:
    """One calibrated aggregate: its scope, the levels to hit (yuan) and the published claims."""

    id: str
    label: str
    scope: dict[str, str]
    level: dict[int, float] = field(default_factory=dict)
    value: Decimal | None = None  # published 2025 level, trillion yuan
    growth: Decimal | None = None  # published growth, percent
    share: Ratio | None = None
    share_change: Ratio | None = None
    growth_sign: str | None = None
    parts: tuple[str, ...] = ()
    assumed: dict[str, Any] = field(default_factory=dict)
    base: Decimal | None = None
    source: str = ""


@dataclass(frozen=True)
class CountTarget:
    """A count claimed as 'over N' (enterprises, partners traded, partners with growth)."""

    id: str
    label: str
    kind: str
    more_than: int
    population: int | None
    source: str


@dataclass
class Targets:
    """Everything a targets file says: targets, counts, exchange rates and structure priors."""

    name: str
    targets: list[Target]
    counts: list[CountTarget]
    rates: dict[int, list[float]]
    structure: dict[str, Any]
    membership_date: dt.date
    path: str = ""

    def target(self, target_id: str) -> Target:
        """The target called ``target_id``."""
        for t in self.targets:
            if t.id == target_id:
                return t
        raise UsageError(f"no target {target_id!r} in {self.name}")

    def count(self, kind: str) -> CountTarget | None:
        """The count target of this kind, if any."""
        return next((c for c in self.counts if c.kind == kind), None)

    def calibrated(self) -> list[Target]:
        """Targets that are constraints (a total made of parts is only checked)."""
        return [t for t in self.targets if not t.parts]


def _floats(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return float(obj)
    if isinstance(obj, dict):
        return {str(k): _floats(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_floats(v) for v in obj]
    return obj


def _ratio(raw: Any) -> Ratio | None:
    return Ratio(str(raw["of"]), Decimal(raw["value"])) if raw else None


def _scope(raw: dict[str, Any], tid: str, problems: list[str]) -> dict[str, str]:
    scope = {str(k): str(v) for k, v in (raw or {}).items()}
    for key in sorted(set(scope) - SCOPE_KEYS):
        problems.append(f"target {tid}: unknown scope key {key!r}")
    if scope.get("flow", "export") not in ("export", "import"):
        problems.append(f"target {tid}: flow must be export or import")
    if scope.get("brand", "domestic") not in ("domestic", "other"):
        problems.append(f"target {tid}: brand must be domestic or other")
    if scope.get("quarter", "1") not in ("1", "2", "3", "4"):
        problems.append(f"target {tid}: quarter must be 1-4")
    return scope


def _target(raw: dict[str, Any], problems: list[str]) -> Target:
    tid = str(raw.get("id", "?"))
    return Target(
        id=tid,
        label=str(raw.get("label", tid)),
        scope=_scope(raw.get("scope") or {}, tid, problems),
        value=raw.get("value"),
        growth=raw.get("growth"),
        share=_ratio(raw.get("share")),
        share_change=_ratio(raw.get("share_change")),
        growth_sign=raw.get("growth_sign"),
        parts=tuple(raw.get("parts") or ()),
        assumed=dict(raw.get("assumed") or {}),
        base=raw.get("base"),
        source=" ".join(str(raw.get("source", "")).split()),
    )


class _Resolver:
    """Works out each target's 2024 and 2025 levels, following references between targets."""

    def __init__(self, targets: list[Target]) -> None:
        self.by_id = {t.id: t for t in targets}
        self.busy: set[tuple[str, int]] = set()

    def level(self, tid: str, year: int) -> float:
        t = self.by_id.get(tid)
        if t is None:
            raise UsageError(f"a target refers to {tid!r}, which is not defined")
        if year not in t.level:
            if (tid, year) in self.busy:
                raise UsageError(f"target {tid}: its {year} level refers to itself")
            self.busy.add((tid, year))
            t.level[year] = self._compute(t, year)
        return t.level[year]

    def _compute(self, t: Target, year: int) -> float:
        a = t.assumed
        if t.parts:
            return sum(self.level(p, year) for p in t.parts)
        if "residual" in a:
            minus = sum(self.level(m, year) for m in a["residual"]["minus"])
            return self.level(a["residual"]["of"], year) - minus
        key = "value" if year == 2025 else "base"
        explicit = t.value if year == 2025 else t.base
        if explicit is not None:
            return float(explicit) * TRILLION
        if key in a:
            return float(a[key]) * TRILLION
        share = a.get("share") or {}
        if key in share:
            return float(share[key]) / 100 * self.level(str(share["of"]), year)
        growth = t.growth if t.growth is not None else a.get("growth")
        if growth is None:
            raise UsageError(f"target {t.id}: nothing sets its {year} level")
        factor = 1 + float(growth) / 100
        return self.level(t.id, 2025) / factor if year == 2024 else self.level(t.id, 2024) * factor


def _counts(raw: list[dict[str, Any]]) -> list[CountTarget]:
    out = []
    for c in raw:
        population = (c.get("assumed") or {}).get("population")
        out.append(
            CountTarget(
                id=str(c["id"]),
                label=str(c.get("label", c["id"])),
                kind=str(c["kind"]),
                more_than=int(c["more_than"]),
                population=int(population) if population is not None else None,
                source=" ".join(str(c.get("source", "")).split()),
            )
        )
    return out


def _read(source: str | Path | None) -> tuple[str, str]:
    if source is None or str(source) == DEFAULT_TARGETS:
        path = resources.files("tradestats.synth") / "targets" / f"{DEFAULT_TARGETS}.yaml"
        return path.read_text(encoding="utf-8"), str(path)
    p = Path(source)
    if not p.is_file():
        raise UsageError(f"targets file {p} not found", hint=f"omit it to use {DEFAULT_TARGETS}")
    return p.read_text(encoding="utf-8"), str(p)


def parse_targets(text: str, path: str = "<targets>") -> Targets:
    """Targets from YAML text; every problem is reported together in one UsageError."""
    doc = yaml.load(text, Loader=_DecimalLoader)
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: a targets file must be a mapping")
    problems: list[str] = []
    targets = [_target(r, problems) for r in doc.get("targets") or []]
    seen: set[str] = set()
    for t in targets:
        if t.id in seen:
            problems.append(f"target {t.id}: defined twice")
        seen.add(t.id)
    rates = {int(y): [float(r) for r in v] for y, v in (doc.get("cny_per_usd") or {}).items()}
    if sorted(rates) != list(YEARS) or any(len(v) != 12 for v in rates.values()):
        problems.append("cny_per_usd needs 12 monthly rates for each of 2024 and 2025")
    if problems:
        raise UsageError(f"{path}: " + "; ".join(problems))
    resolver = _Resolver(targets)
    for t in targets:
        for year in YEARS:
            resolver.level(t.id, year)
    return Targets(
        name=str(doc.get("name", Path(path).stem)),
        targets=targets,
        counts=_counts(doc.get("counts") or []),
        rates=rates,
        structure=_floats(doc.get("structure") or {}),
        membership_date=dt.date.fromisoformat(str(doc.get("membership_date", "2025-12-31"))),
        path=path,
    )


def load_targets(source: str | Path | None = None) -> Targets:
    """Load a targets file (default: the packaged ``china-2025``).

    >>> load_targets().target("bri").share
    Ratio(of='total', value=Decimal('51.9'))
    """
    text, path = _read(source)
    return parse_targets(text, path)
