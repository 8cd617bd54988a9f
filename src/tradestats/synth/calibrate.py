"""From targets to a plan: which cells get how many records and exactly how many fen.

1. Stage A rakes a small partner x flow x year table onto the flow and partner-group targets,
   so every partner's growth is fixed before records exist (this is what makes "over 190
   partners grew" hold at any size).
2. A dense prior over all cells (month, flow, partner, product signature, enterprise type,
   brand class) multiplies the stage-A partner levels by independent shares.
3. Records are allocated to cells (multinomial on prior value ** ``ALPHA``), making sure every
   constrained set and every partner/flow/year has at least one record.
4. Stage B rakes the occupied cells onto every target plus the stage-A partner levels, and the
   result is rounded to whole fen.

Example:
    >>> from tradestats.synth.targets import load_targets
    >>> plan = build_plan(load_targets(), n_records=20_000, seed=1)  # doctest: +SKIP
    >>> int(plan.counts.sum())  # doctest: +SKIP
    20000
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tradestats.errors import UsageError
from tradestats.synth import priors
from tradestats.synth.conflicts import ensure_consistent
from tradestats.synth.grid import FLOWS, Axes, signatures
from tradestats.synth.rake import Constraint, Partition, rake
from tradestats.synth.targets import YEARS, Targets
from tradestats.synth.world import World, build_world

ALPHA = 0.8  # records per cell grow less than value: big cells carry bigger lines
PARTNER_KEYS = {"flow", "partner_group"}


@dataclass
class Plan:
    """Occupied cells (flat indices into ``axes``), their record counts and values in fen."""

    world: World
    axes: Axes
    sig_of_hs8: np.ndarray
    hs8_weight: np.ndarray
    partner_levels: np.ndarray
    cells: np.ndarray
    counts: np.ndarray
    fen: np.ndarray

    def level(self, scope: dict[str, str], year: int) -> int:
        """Fen in a scope and year (exact integer sum over the plan's cells)."""
        mask = self.axes.mask_at(scope, year, self.axes.coords(self.cells))
        return int(self.fen[mask].sum())


def _world(targets: Targets) -> World:
    scopes = [t.scope for t in targets.targets]
    p_groups = sorted({s["partner_group"] for s in scopes if "partner_group" in s})
    s_groups = sorted({s["product_group"] for s in scopes if "product_group" in s})
    patterns = targets.structure.get("national_lines", [["00"]])
    return build_world(p_groups, s_groups, targets.membership_date, patterns)


def stage_a(world: World, targets: Targets, prior: np.ndarray) -> np.ndarray:
    """Partner levels by (year, flow, partner), raked onto flow and partner-group targets."""
    n = len(world.partners)
    axes = Axes(2, n, 1, world.partner_groups, {})
    x0 = np.zeros(axes.shape)
    x0[:, :, :, 0, 0, 0] = prior
    cons = [
        Constraint(f"{t.id} {y}", np.flatnonzero(axes.mask(t.scope, y)), t.level[y])
        for t in targets.calibrated()
        if set(t.scope) <= PARTNER_KEYS
        for y in YEARS
    ]
    return rake(x0.ravel(), cons).reshape(axes.shape)[:, :, :, 0, 0, 0]


def dense_prior(
    plan_axes: Axes, partner: np.ndarray, sig_share: np.ndarray, st: dict[str, Any]
) -> np.ndarray:
    """Prior value of every cell: partner level x month x product x enterprise x brand shares."""
    months = priors.month_profile(st)  # (flow, 12)
    by_month = np.concatenate([months.T[:, :, None] * partner[y][None] for y in (0, 1)])
    x = by_month[:, :, :, None, None, None] * sig_share[None, :, None, :, None, None]
    x = x * priors.enterprise_mix(st)[None, :, None, None, :, None]
    x = x * priors.brand_mix(st)[None, :, None, None, None, :]
    assert x.shape == plan_axes.shape
    return x.ravel()


def _cover(counts: np.ndarray, prior: np.ndarray, mask: np.ndarray) -> int:
    if counts[mask].sum() > 0 or not (prior[mask] > 0).any():
        return 0
    counts[int(np.argmax(np.where(mask, prior, -1.0)))] += 1
    return 1


def _cover_blocks(counts: np.ndarray, prior: np.ndarray, blocks: tuple[int, ...]) -> int:
    """One record in every empty block (blocks = leading shape of a reshape of the cells)."""
    c = counts.reshape(*blocks, -1)
    w = prior.reshape(*blocks, -1)
    added = 0
    for block in zip(*np.nonzero(c.sum(axis=-1) == 0), strict=True):
        if (w[block] > 0).any():
            c[block][int(np.argmax(w[block]))] += 1
            added += 1
    return added


def allocate(
    axes: Axes, prior: np.ndarray, targets: Targets, n_records: int, rng: np.random.Generator
) -> np.ndarray:
    """Records per cell: one in every set that needs one, the rest multinomial on prior**ALPHA."""
    n_p = axes.shape[2]
    # partner x flow x year blocks: move the year out of the month axis first
    per_year = np.zeros((2, 2, n_p, 12, prior.size // (24 * 2 * n_p)), dtype=np.int64)
    prior_py = prior.reshape(2, 12, 2, n_p, -1).transpose(0, 2, 3, 1, 4).copy()
    _cover_blocks(per_year, prior_py, (2, 2, n_p))
    counts = per_year.transpose(0, 3, 1, 2, 4).reshape(-1).copy()
    _cover_blocks(counts, prior, (24, 2))
    for t in targets.calibrated():
        for y in YEARS:
            _cover(counts, prior, axes.mask(t.scope, y))
    rest = n_records - int(counts.sum())
    if rest < 0:
        raise UsageError(f"--records must be at least {int(counts.sum())} for these targets")
    weight = prior**ALPHA
    return counts + rng.multinomial(rest, weight / weight.sum())


def stage_b(
    axes: Axes,
    cells: np.ndarray,
    x0: np.ndarray,
    targets: Targets,
    world: World,
    partner: np.ndarray,
) -> np.ndarray:
    """Rake occupied cells onto every target and the stage-A partner levels."""
    coords = axes.coords(cells)
    year = coords[0] // 12
    labels = (year * 2 + coords[1]) * len(world.partners) + coords[2]
    names = tuple(f"{p} {f} {2024 + y}" for y in (0, 1) for f in FLOWS for p in world.partners)
    part = Partition("partner", labels, partner.ravel(), names)
    cons = [
        Constraint(f"{t.id} {y}", np.flatnonzero(axes.mask_at(t.scope, y, coords)), t.level[y])
        for t in targets.calibrated()
        for y in YEARS
    ]
    return rake(x0, cons, [part])


def build_plan(targets: Targets, n_records: int, seed: int) -> Plan:
    """Check the targets, calibrate, allocate ``n_records`` records and round to fen."""
    world = _world(targets)
    sig_of_hs8, sig_member = signatures(world.product_groups)
    if not len(sig_of_hs8):  # no product-group targets: one product class
        sig_of_hs8, sig_member = np.zeros(len(world.hs8), dtype=np.int64), {}
    ensure_consistent(targets, world.partner_groups, world.product_groups)
    min_records = 8 * len(world.partners)
    if n_records < min_records:
        raise UsageError(
            f"--records must be at least {min_records} (every partner, flow and year needs lines)"
        )
    rng = np.random.default_rng([seed, 0])
    st = targets.structure
    partner = stage_a(world, targets, priors.partner_prior(world, st, rng))
    hs8_weight = priors.product_prior(world, st, rng)
    n_sig = int(sig_of_hs8.max()) + 1
    sig_share = np.stack([np.bincount(sig_of_hs8, weights=w, minlength=n_sig) for w in hs8_weight])
    axes = Axes(24, len(world.partners), n_sig, world.partner_groups, sig_member)
    prior = dense_prior(axes, partner, sig_share, st)
    counts = allocate(axes, prior, targets, n_records, rng)
    cells = np.flatnonzero(counts)
    values = stage_b(axes, cells, prior[cells], targets, world, partner)
    fen = np.rint(values * 100).astype(np.int64)
    return Plan(world, axes, sig_of_hs8, hs8_weight, partner, cells, counts[cells], fen)
