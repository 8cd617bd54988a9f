"""Find targets that no set of non-negative records can meet together, and say by how much.

Targets are checked on *atoms*: cells whose partner axis is a partner signature (the
combination of group memberships) and whose period axis is a quarter. On atoms, "A is part of
B" and "A and B do not overlap" are exact set relations, so the checks are:

* a part larger than its whole (a growth rate can imply this for the base year);
* disjoint parts adding up to more than their whole, or to less when they fill it exactly;
* a negative level (a residual, e.g. a quarter, left below zero);
* a published figure (share, growth, pp change) that its own levels contradict.

Example:
    >>> from tradestats.synth.targets import parse_targets
    >>> text = '''
    ... targets:
    ...   - {id: exports, scope: {flow: export}, value: 10.0, growth: 0}
    ...   - {id: cars, scope: {flow: export, enterprise_type: private}, value: 12.0, growth: 0}
    ... cny_per_usd: {2024: [7,7,7,7,7,7,7,7,7,7,7,7], 2025: [7,7,7,7,7,7,7,7,7,7,7,7]}
    ... '''
    >>> conflicts(parse_targets(text), {}, {})[0]
    'cars 2024 (12.0000 trillion) is part of exports 2024 (10.0000) but larger by 2.0000 trillion'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradestats.errors import UsageError
from tradestats.synth.claims import check_claims
from tradestats.synth.grid import Axes, signatures
from tradestats.synth.targets import TRILLION, YEARS, Targets

REL_TOL = 1e-9


@dataclass(frozen=True)
class _Set:
    name: str
    mask: np.ndarray
    level: float


def _atoms(partner_groups: dict[str, np.ndarray], product_groups: dict[str, np.ndarray]) -> Axes:
    _, p_member = signatures(partner_groups)
    _, s_member = signatures(product_groups)
    n_p = len(next(iter(p_member.values()))) if p_member else 1
    n_s = len(next(iter(s_member.values()))) if s_member else 1
    return Axes(8, n_p, n_s, p_member, s_member)


def _sets(targets: Targets, axes: Axes) -> list[_Set]:
    return [
        _Set(f"{t.id} {year}", axes.mask(t.scope, year), t.level[year])
        for t in targets.targets
        for year in YEARS
    ]


def _t(x: float) -> str:
    return f"{x / TRILLION:.4f}"


def _basic(sets: list[_Set]) -> list[str]:
    out = []
    for s in sets:
        if not s.mask.any():
            out.append(f"{s.name} covers no possible records (empty group?)")
        if s.level < 0:
            out.append(f"{s.name} level is negative ({_t(s.level)} trillion)")
    return out


def _containment(sets: list[_Set]) -> list[str]:
    out = []
    for a in sets:
        for b in sets:
            if a is b or not a.mask.any() or (a.mask & ~b.mask).any():
                continue
            same = not (b.mask & ~a.mask).any()
            if same and a.name < b.name and abs(a.level - b.level) > REL_TOL * abs(b.level):
                out.append(
                    f"{a.name} ({_t(a.level)}) and {b.name} ({_t(b.level)}) cover the same records"
                )
            elif not same and a.level > b.level * (1 + REL_TOL):
                diff = _t(a.level - b.level)
                out.append(
                    f"{a.name} ({_t(a.level)} trillion) is part of {b.name} ({_t(b.level)}) "
                    f"but larger by {diff} trillion"
                )
    return out


def _disjoint_family(seed: _Set, parts: list[_Set]) -> tuple[list[_Set], np.ndarray]:
    chosen, covered = [seed], seed.mask.copy()
    for s in sorted(parts, key=lambda s: -s.level):
        if not (s.mask & covered).any():
            chosen.append(s)
            covered |= s.mask
    return chosen, covered


def _families(sets: list[_Set]) -> list[str]:
    """Pairwise-disjoint parts of each set (grown greedily from each part) must fit inside it."""
    out = []
    for whole in sets:
        parts = [s for s in sets if s is not whole and not (s.mask & ~whole.mask).any()]
        parts = [s for s in parts if (whole.mask & ~s.mask).any()]
        for seed in parts:
            chosen, covered = _disjoint_family(seed, parts)
            if len(chosen) < 2:
                continue
            total = sum(s.level for s in chosen)
            exact = not (whole.mask & ~covered).any()
            if total > whole.level * (1 + REL_TOL) or (
                exact and total < whole.level * (1 - REL_TOL)
            ):
                names = " + ".join(sorted(s.name for s in chosen))
                out.append(
                    f"{names} = {_t(total)} trillion, but {whole.name} = {_t(whole.level)} "
                    f"(off by {_t(total - whole.level)})"
                )
    return out


def conflicts(
    targets: Targets, partner_groups: dict[str, np.ndarray], product_groups: dict[str, np.ndarray]
) -> list[str]:
    """Every conflict among the targets, as sentences; empty when they are consistent."""
    used_p = {t.scope["partner_group"] for t in targets.targets if "partner_group" in t.scope}
    used_s = {t.scope["product_group"] for t in targets.targets if "product_group" in t.scope}
    missing = sorted((used_p - set(partner_groups)) | (used_s - set(product_groups)))
    if missing:
        return [f"unknown group {m!r}" for m in missing]
    axes = _atoms(
        {k: v for k, v in partner_groups.items() if k in used_p},
        {k: v for k, v in product_groups.items() if k in used_s},
    )
    sets = _sets(targets, axes)
    out = _basic(sets) + _containment(sets) + _families(sets)
    levels = lambda tid, year: targets.target(tid).level[year]  # noqa: E731
    out += [
        f"{c.target} {c.what}: published {c.published}, but its levels give {c.computed:.4f}"
        for c in check_claims(targets, levels)
        if not c.ok
    ]
    return list(dict.fromkeys(out))


def ensure_consistent(
    targets: Targets, partner_groups: dict[str, np.ndarray], product_groups: dict[str, np.ndarray]
) -> None:
    """Raise UsageError listing every conflict, if any."""
    found = conflicts(targets, partner_groups, product_groups)
    if found:
        listed = "\n  - ".join(found)
        raise UsageError(f"inconsistent targets in {targets.name}:\n  - {listed}")
