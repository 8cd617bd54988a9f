"""Prior structure before calibration: partners, products, months, enterprise types, brands.

The partner prior is gravity-like: China's main partners take their approximate 2024 trade
(``structure.partners`` in the targets file, billion USD); every other partner a log-normal
weight around a base for its UN M49 region, so big regions hold many small partners. The 2025
prior grows each partner by a log-normal factor (small partners vary more). Calibration later
moves each partner group onto its published level, keeping these relative shapes.

Example:
    >>> import numpy as np
    >>> normalised({"a": 1.0, "b": 3.0}, ["a", "b", "c"]).tolist()
    [0.25, 0.75, 0.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tradestats.synth.grid import BRANDS, ENTERPRISE_TYPES, FLOWS
from tradestats.synth.world import World


def normalised(weights: dict[str, float], keys: list[str] | tuple[str, ...]) -> np.ndarray:
    """Weights in ``keys`` order (missing keys 0), scaled to sum to 1."""
    arr = np.array([float(weights.get(k, 0.0)) for k in keys])
    return arr / arr.sum()


def partner_prior(world: World, st: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Prior trade by (year, flow, partner), relative units."""
    n = len(world.partners)
    listed = st.get("partners", {})
    bases = st.get("region_base", {})
    noise = rng.lognormal(0.0, st.get("region_sigma", 1.2), n)
    cap = st.get("region_cap", 12.0)  # no unlisted partner outgrows the main ones
    out = np.zeros((2, 2, n))
    for i, (iso3, region) in enumerate(zip(world.partners, world.partner_region, strict=True)):
        if iso3 in listed:
            out[0, :, i] = listed[iso3]
        else:
            total = min(cap, bases.get(region, bases.get("", 0.05)) * noise[i])
            out[0, :, i] = (0.7 * total, 0.3 * total)
    growth = st.get("partner_growth", {})
    big = np.isin(np.array(world.partners), list(listed))
    sigma = np.where(big, growth.get("sigma_large", 0.03), growth.get("sigma_small", 0.06))
    mean = np.where(big, growth.get("mean_large", 0.02), growth.get("mean_small", 0.09))
    common = rng.normal(mean, sigma, n)
    per_flow = rng.normal(0.0, sigma / 2, (2, n))
    out[1] = out[0] * np.exp(common + per_flow)
    return out


def product_prior(world: World, st: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Weight of each 8-digit line by flow (rows sum to 1): chapter share x log-normal spread."""
    chapters = world.chapters()
    unique = sorted(set(chapters.tolist()))
    within = rng.lognormal(0.0, 1.2, len(chapters))
    out = np.zeros((2, len(chapters)))
    for f, flow in enumerate(FLOWS):
        named = st.get("chapters", {}).get(flow, {})
        rest = max(0.0, 1.0 - sum(named.values())) / max(1, len(set(unique) - set(named)))
        share = {c: named.get(c, rest) for c in unique}
        idx = np.searchsorted(unique, chapters)
        per_chapter = np.bincount(idx, weights=within, minlength=len(unique))
        chapter_share = np.array([share[c] for c in unique])
        out[f] = within * (chapter_share / per_chapter)[idx]
        out[f] /= out[f].sum()
    return out


def month_profile(st: dict[str, Any]) -> np.ndarray:
    """Share of the year by (flow, month of year)."""
    prof = np.array([st["month_profile"][f] for f in FLOWS], dtype=float)
    return prof / prof.sum(axis=1, keepdims=True)


def enterprise_mix(st: dict[str, Any]) -> np.ndarray:
    """Value share by (flow, enterprise type)."""
    mix = st["enterprise_value_mix"]
    return np.stack([normalised(mix[f], ENTERPRISE_TYPES) for f in FLOWS])


def brand_mix(st: dict[str, Any]) -> np.ndarray:
    """Value share by (flow, brand class: other, domestic)."""
    dom = st.get("domestic_brand_prior", {})
    rows = [[1 - dom.get(f, 0.1), dom.get(f, 0.1)] for f in FLOWS]
    assert len(rows[0]) == len(BRANDS)
    return np.array(rows)
