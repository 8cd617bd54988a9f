"""The enterprise population: ids, provinces, and who declares each line.

Each enterprise type has its own population. Within a year, lines of a type spread evenly
over the year (every L/P-th line in file order, L lines and P firms) introduce every active
enterprise once, so the count of enterprises with records equals the active population; the
other lines go to enterprises with Zipf-like activity (the k-th largest declares ~ 1/k**s of
the lines). The active population is the assumed count
(790,000 in 2025 for china-2025) split by the count mix, but never more than
``enterprise_coverage`` times the type's lines in that year: at small sizes there are fewer
firms (the demo's few million records reach the full population).

Ids look like China customs registration codes: province (2 digits), enterprise nature
(1 state-owned, 3 foreign-invested, 6 private, 9 other) and a 7-digit serial.

Example:
    >>> import numpy as np
    >>> lines = np.array([[100, 200, 1000, 10], [100, 200, 1000, 10]])
    >>> pop = build_population(lines, 1000, {"enterprise_coverage": 0.5}, np.random.default_rng(0))
    >>> pop.active[1].tolist()
    [1, 1, 500, 1]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradestats.synth.grid import ENTERPRISE_TYPES
from tradestats.synth.priors import normalised

NATURE_DIGIT = {"state_owned": "1", "foreign_invested": "3", "private": "6", "other": "9"}
CHURN = 0.05  # share of a type's firms that trade in only one of the two years


@dataclass
class Population:
    """Enterprises of every type; ``offset[t]`` is where type t starts in ``ids``."""

    ids: pa.Array
    region: np.ndarray
    offset: np.ndarray
    size: np.ndarray
    lines: np.ndarray  # (year, type) -> lines in the year
    active: np.ndarray  # (year, type) -> active count
    first: np.ndarray  # (year, type) -> first active local id
    cover: list[list[np.ndarray]]  # (year, type) -> order in which firms first appear
    cdf: list[list[np.ndarray]]  # (year, type) -> Zipf activity over active firms

    def assign(self, year: int, etype: int, start: int, n: int, u: np.ndarray) -> np.ndarray:
        """Global enterprise ids for lines ``start .. start+n`` of (year, type); ``u`` uniform."""
        j = start + np.arange(n)
        lines, active = int(self.lines[year, etype]), int(self.active[year, etype])
        k = -(-j * active // lines)  # the k-th firm is introduced at line floor(k * L / P)
        new = (k < active) & ((k * lines) // active == j)
        out = np.empty(n, dtype=np.int64)
        out[new] = self.cover[year][etype][k[new]]
        cdf = self.cdf[year][etype]
        out[~new] = np.minimum(np.searchsorted(cdf, u[~new] * cdf[-1]), active - 1)
        return out + self.first[year, etype] + self.offset[etype]


def _sizes(lines: np.ndarray, population: int, st: dict[str, Any]) -> np.ndarray:
    """Active firms by (year, type): the assumed count, capped by the lines available."""
    mix = normalised(st.get("enterprise_count_mix", {"private": 1.0}), ENTERPRISE_TYPES)
    cap = np.floor(lines * st.get("enterprise_coverage", 0.6)).astype(np.int64)
    wanted = np.rint(population * mix).astype(np.int64)
    wanted = np.stack([np.rint(wanted * (1 - CHURN / 2)).astype(np.int64), wanted])
    return np.maximum(np.minimum(wanted, cap), np.minimum(lines, 1))


def _ids(region: np.ndarray, provinces: list[str], sizes: np.ndarray) -> pa.Array:
    prov = pc.take(pa.array(provinces), pa.array(region))
    nature = pa.array(np.repeat([NATURE_DIGIT[t] for t in ENTERPRISE_TYPES], sizes))
    serial = np.concatenate([np.arange(s) for s in sizes]) if sizes.sum() else np.zeros(0, int)
    digits = pc.utf8_lpad(pc.cast(pa.array(serial), pa.string()), 7, "0")
    return pc.binary_join_element_wise(prov, nature, digits, "")


def build_population(
    lines: np.ndarray, population: int, st: dict[str, Any], rng: np.random.Generator
) -> Population:
    """Firms for ``lines[year, type]`` declaration lines (year 0 = 2024)."""
    active = _sizes(lines, population, st)
    size = np.rint(active.max(axis=0) * (1 + CHURN)).astype(np.int64)
    first = np.stack([np.zeros(len(size), dtype=np.int64), size - active[1]])
    s = st.get("enterprise_zipf", 1.1)
    cover: list[list[np.ndarray]] = [[], []]
    cdf: list[list[np.ndarray]] = [[], []]
    for t in range(len(ENTERPRISE_TYPES)):
        weight = (rng.permutation(size[t]) + 1.0) ** -s  # big firms stay big in both years
        for y in (0, 1):
            lo, n = first[y, t], active[y, t]
            cover[y].append(rng.permutation(n))
            cdf[y].append(np.cumsum(weight[lo : lo + n]))
    provinces = sorted(st.get("provinces", {"44": 1.0}))
    p = normalised(st.get("provinces", {"44": 1.0}), provinces)
    region = rng.choice(len(provinces), size=int(size.sum()), p=p)
    offset = np.concatenate([[0], np.cumsum(size)[:-1]])
    ids = _ids(region, provinces, size)
    return Population(ids, region, offset, size, lines, active, first, cover, cdf)


def provinces_of(st: dict[str, Any]) -> list[str]:
    """Province codes in the order used by ``Population.region``."""
    return sorted(st.get("provinces", {"44": 1.0}))
