"""Declaration lines for a chunk of cells, vectorised: values, codes, firms, modes.

A cell's fen total is split over its lines by cumulative rounding of log-normal weights, so the
lines of a cell add up to the cell total exactly (and every line carries at least one fen when
the cell can afford it). Dollar values go through the month's rate; they are rounded per line,
as customs records are, so the dollar series is the sum of dollar values.

Example:
    >>> import numpy as np
    >>> split_fen(np.array([1000, 7]), np.array([3, 2]), np.random.default_rng(0)).tolist()
    [254, 169, 577, 5, 2]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradestats.records import SCHEMA
from tradestats.synth.enterprises import Population
from tradestats.synth.grid import ENTERPRISE_TYPES, FLOWS


def split_fen(
    fen: np.ndarray, counts: np.ndarray, rng: np.random.Generator, sigma: float = 1.6
) -> np.ndarray:
    """Split each cell's ``fen`` over ``counts`` lines with heavy-tailed shares (exact sums)."""
    n = int(counts.sum())
    cell = np.repeat(np.arange(len(counts)), counts)
    w = rng.lognormal(0.0, sigma, n)
    cum = np.cumsum(w)
    ends = np.cumsum(counts) - 1
    before = np.concatenate([[0.0], cum[ends[:-1]]])
    frac = (cum - before[cell]) / (cum[ends] - before)[cell]
    frac[ends] = 1.0
    floor = np.where(fen >= counts, 1, 0)  # one fen per line when the cell can afford it
    spare = fen - floor * counts
    bound = np.rint(spare[cell] * frac).astype(np.int64)
    prev = np.concatenate([[0], bound[:-1]])
    prev[ends[:-1] + 1] = 0
    return bound - prev + floor[cell]


def _draw(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    return np.minimum(np.searchsorted(cdf, u * cdf[-1], side="right"), len(cdf) - 1)


def _decimal(units: np.ndarray, arrow_type: pa.DataType) -> pa.Array:
    """Exact DECIMAL from non-negative integer units (fen, cents, grams) without Python objects."""
    words = np.zeros((len(units), 2), dtype=np.int64)
    words[:, 0] = units
    return pa.Array.from_buffers(arrow_type, len(units), [None, pa.py_buffer(words.tobytes())])


@dataclass
class Vocab:
    """Code lists and their cumulative weights, fixed for a whole run."""

    partners: pa.Array
    hs8: pa.Array
    hs8_cdf: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]  # (flow, sig) -> (lines, cdf)
    provinces: pa.Array
    mode_names: pa.Array
    modes: dict[int, tuple[np.ndarray, np.ndarray]]  # type -> (indices into names, cdf)
    transport: tuple[pa.Array, np.ndarray]
    brand_names: pa.Array
    brands: dict[int, tuple[np.ndarray, np.ndarray]]  # brand class -> (indices, cdf)
    rates: np.ndarray  # CNY per USD by month index 0..23
    st: dict[str, Any]
    goods: Goods | None = None  # per-code prices and units (None: every code in kg at 25/kg)


UNITS = ("kg", "u", "l", "m2")


@dataclass
class Goods:
    """What each 8-digit code is like: its median price per kg, legal unit, kg per unit.

    >>> g = goods_of(3, {}, np.random.default_rng(0))
    >>> g.price_log.shape, set(g.unit.tolist()) <= {0, 1, 2, 3}
    ((3,), True)
    """

    price_log: np.ndarray  # ln(yuan per kg), median of the code's lines
    unit: np.ndarray  # index into UNITS
    kg_log: np.ndarray  # ln(kg per unit), median (unused for kg codes)


def goods_of(n_codes: int, st: dict[str, Any], rng: np.random.Generator) -> Goods:
    """Draw every code's price level and unit from the targets' structure."""
    price = st.get("price_per_kg", {"median": 25.0, "sigma": 1.5})
    sup = st.get("supplementary_units", {"share": 0.0})
    units = sup.get("units", {"u": 1.0})
    per_unit = sup.get("kg_per_unit", {"median": 2.0, "sigma": 1.5})
    price_log = np.log(price["median"]) + price["sigma"] * rng.standard_normal(n_codes)
    weights = np.array([units.get(u, 0.0) for u in UNITS[1:]], dtype=np.float64)
    other = rng.choice(3, size=n_codes, p=weights / weights.sum()) + 1 if weights.sum() else 0
    unit = np.where(rng.random(n_codes) < sup.get("share", 0.0), other, 0)
    kg_log = np.log(per_unit["median"]) + per_unit["sigma"] * rng.standard_normal(n_codes)
    return Goods(price_log, unit.astype(np.int64), kg_log)


def _quantities(
    vocab: Vocab, code: np.ndarray, value: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Net weight in grams, quantity in thousandths of the unit, and the unit index per line."""
    n = len(code)
    price = vocab.st.get("price_per_kg", {"median": 25.0, "sigma": 1.5})
    if vocab.goods is None:  # one price distribution for every code, everything in kg
        log_kg = np.log(price["median"]) + price["sigma"] * rng.standard_normal(n)
        grams = np.rint(value / 100 / np.exp(log_kg) * 1000).astype(np.int64)
        return grams, grams, np.zeros(n, dtype=np.int64)
    g = vocab.goods
    spread = price.get("line_sigma", 0.5)
    per_kg = np.exp(g.price_log[code] + spread * rng.standard_normal(n))
    grams = np.maximum(np.rint(value / 100 / per_kg * 1000), 1).astype(np.int64)
    unit = g.unit[code]
    sup = vocab.st.get("supplementary_units", {}).get("kg_per_unit", {})
    kg_each = np.exp(g.kg_log[code] + sup.get("line_sigma", 0.25) * rng.standard_normal(n))
    count = grams / 1000 / kg_each
    # Items are whole (at least one); litres and square metres keep three decimals.
    items = np.maximum(np.rint(count), 1) * 1000
    measured = np.maximum(np.rint(count * 1000), 1)
    quantity = np.where(unit == 0, grams, np.where(unit == 1, items, measured)).astype(np.int64)
    return grams, quantity, unit


def _choice(table: tuple[pa.Array, np.ndarray], u: np.ndarray) -> pa.Array:
    return pc.take(table[0], pa.array(_draw(table[1], u)))


def _hs8(vocab: Vocab, flow: np.ndarray, sig: np.ndarray, u: np.ndarray) -> np.ndarray:
    out = np.zeros(len(flow), dtype=np.int64)
    for (f, s), (lines, cdf) in vocab.hs8_cdf.items():
        pick = (flow == f) & (sig == s)
        if pick.any():
            out[pick] = lines[_draw(cdf, u[pick])]
    return out


def _mixed(
    names: pa.Array,
    tables: dict[int, tuple[np.ndarray, np.ndarray]],
    key: np.ndarray,
    u: np.ndarray,
) -> pa.Array:
    """Draw a code per line from the table chosen by ``key`` (enterprise type, brand class)."""
    codes = np.zeros(len(key), dtype=np.int64)
    for k, (idx, cdf) in tables.items():
        pick = key == k
        codes[pick] = idx[_draw(cdf, u[pick])]
    return pc.take(names, pa.array(codes))


def chunk_table(
    coords: list[np.ndarray],
    counts: np.ndarray,
    fen: np.ndarray,
    starts: dict[tuple[int, int], int],
    vocab: Vocab,
    pop: Population,
    rng: np.random.Generator,
) -> pa.Table:
    """Lines of one month's cells; ``starts[(year, type)]`` is the firm-stream position."""
    month, flow, partner, sig, etype, brand = (np.repeat(c, counts) for c in coords)
    n = len(month)
    value = split_fen(fen, counts, rng, vocab.st.get("line_sigma", 1.6))
    u = rng.random((6, n))
    firm = np.zeros(n, dtype=np.int64)
    for (y, t), start in starts.items():
        pick = (month // 12 == y) & (etype == t)
        firm[pick] = pop.assign(y, t, start, int(pick.sum()), u[0][pick])
    code = _hs8(vocab, flow, sig, u[1])
    grams, quantity, unit = _quantities(vocab, code, value, rng)
    usd = np.rint(value / vocab.rates[month]).astype(np.int64)
    periods = pa.array([f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(24)])
    columns = {
        "period": pc.take(periods, pa.array(month)),
        "flow": pc.take(pa.array(FLOWS), pa.array(flow)),
        "hs_code": pc.take(vocab.hs8, pa.array(code)),
        "partner": pc.take(vocab.partners, pa.array(partner)),
        "value_cny": _decimal(value, SCHEMA.field("value_cny").type),
        "value_usd": _decimal(usd, SCHEMA.field("value_usd").type),
        "quantity": _decimal(quantity, SCHEMA.field("quantity").type),
        "unit": pc.take(pa.array(UNITS), pa.array(unit)),
        "net_weight_kg": _decimal(grams, SCHEMA.field("net_weight_kg").type),
        "trade_mode": _mixed(vocab.mode_names, vocab.modes, etype, u[2]),
        "enterprise_id": pc.take(pop.ids, pa.array(firm)),
        "enterprise_type": pc.take(pa.array(ENTERPRISE_TYPES), pa.array(etype)),
        "region": pc.take(vocab.provinces, pa.array(pop.region[firm])),
        "brand_type": _mixed(vocab.brand_names, vocab.brands, brand, u[3]),
        "transport_mode": _choice(vocab.transport, u[4]),
    }
    # Columns the generator does not model (reporter, product_level, value_eur) are null.
    return pa.table([columns.get(f.name, pa.nulls(n, f.type)) for f in SCHEMA], schema=SCHEMA)
