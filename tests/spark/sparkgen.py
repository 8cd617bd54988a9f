"""Generated canonical records for the parity store (numpy, reproducible, schema-driven).

Codes come from the real reference (partners, HS2022 subheadings), skewed so that groups and
top-N lists are non-trivial; optional fields are sometimes empty, so NULL keys take part.
Columns of ``records.SCHEMA`` this module does not know are written as NULL.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tradestats.records import SCHEMA

MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]


def _exact(units: np.ndarray, scale: int) -> pa.Array:
    """decimal128(18, scale) holding units / 10**scale exactly."""
    from decimal import Decimal

    return pa.array([Decimal(int(u)).scaleb(-scale) for u in units], pa.decimal128(18, scale))


def _maybe_null(rng: np.random.Generator, values: np.ndarray, share: float) -> pa.Array:
    mask = rng.random(len(values)) < share
    return pa.array(values.astype(object), pa.string(), mask=mask)


def generate(n: int, seed: int = 5) -> pa.Table:
    """``n`` canonical records over 2023-01..2025-12."""
    from tradestats.reference import load_reference

    ref = load_reference()
    rng = np.random.default_rng(seed)
    # Countries only: World, pseudo-partners and former codes have rules of their own (a
    # former code is refused after its last valid day), which the parity suite does not test.
    partners = np.array(sorted(c.iso3 for c in ref.countries), dtype=object)
    hs6 = np.array(ref.hs_codes("HS2022", 6), dtype=object)
    zipf = lambda k: np.minimum(rng.zipf(1.4, n), k) - 1  # noqa: E731
    six = hs6[rng.permutation(len(hs6))][zipf(len(hs6))]
    tail = rng.choice(["", "00", "0090"], n, p=[0.2, 0.6, 0.2])
    month = rng.integers(0, len(MONTHS), n)
    fen = rng.lognormal(11, 2, n).astype(np.int64) + 1
    fen = np.where(month >= 24, fen * 21 // 20, fen)  # some growth in 2025
    cols: dict[str, pa.Array] = {
        "period": pa.array(np.array(MONTHS, dtype=object)[month], pa.string()),
        "flow": pa.array(rng.choice(["export", "import"], n, p=[0.58, 0.42]).astype(object)),
        "hs_code": pa.array((six + tail).astype(object), pa.string()),
        "partner": pa.array(partners[rng.permutation(len(partners))][zipf(len(partners))]),
        "value_cny": _exact(fen, 2),
        "value_usd": _exact(fen * 100 // 712, 2),
        "value_eur": _exact(fen * 100 // 781, 2),
        "quantity": _exact(rng.integers(0, 10**7, n), 3),
        "unit": pa.array(np.full(n, "kg", dtype=object), pa.string()),
        "trade_mode": _maybe_null(
            rng, rng.choice(["0110", "0214", "0615", "1210", "9610"], n), 0.03
        ),
        "enterprise_id": _maybe_null(
            rng, np.char.add("E", rng.integers(0, n // 20, n).astype(str)), 0.02
        ),
        "enterprise_type": _maybe_null(
            rng, rng.choice(["state_owned", "foreign_invested", "private", "other"], n), 0.02
        ),
        "region": _maybe_null(rng, rng.choice(["11", "31", "32", "33", "44", "37"], n), 0.02),
        "brand_type": _maybe_null(rng, rng.choice(["0", "1", "2", "3", "4"], n), 0.05),
        "transport_mode": pa.array(np.full(n, "2", dtype=object), pa.string()),
    }
    arrays = [cols.get(f.name, pa.nulls(n, f.type)).cast(f.type) for f in SCHEMA]
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def write_months(table: pa.Table, folder: Path) -> list[Path]:
    """One Parquet file per month (what a monthly delivery looks like)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for m in sorted(set(table.column("period").to_pylist())):
        part = table.filter(pa.compute.equal(table.column("period"), m))
        path = folder / f"records-{m}.parquet"
        pq.write_table(part, path)
        files.append(path)
    return files
