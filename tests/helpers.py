"""Small builders shared by the tests: canonical CSV text and quick stores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from tradestats.records import COLUMN_NAMES

HEADER = list(COLUMN_NAMES)


def row(**fields: str) -> dict[str, str]:
    """A valid canonical row; keyword arguments override its fields."""
    base = {
        "period": "2025-01",
        "flow": "export",
        "hs_code": "85076000",
        "partner": "USA",
        "value_cny": "1000.00",
        "value_usd": "140.00",
        "quantity": "10",
        "unit": "kg",
        "trade_mode": "0110",
        "enterprise_id": "E1",
        "enterprise_type": "private",
        "region": "37",
        "brand_type": "1",
        "transport_mode": "2",
    }
    base.update(fields)
    return base


def csv_text(
    rows: Iterable[Mapping[str, str]], header: list[str] | None = None, sep: str = ","
) -> str:
    header = header or HEADER
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([r.get(h, "") for h in header])
    return buf.getvalue()


def write_csv(path: Path, rows: Iterable[Mapping[str, str]], **kw: object) -> Path:
    path.write_text(csv_text(rows, **kw), encoding="utf-8")  # type: ignore[arg-type]
    return path


def two_year_store(root: Path) -> Path:
    """A store under ``root`` with every month of 2024 and 2025 for two partners (years work)."""
    from tradestats.ingest import ingest_files

    rows = [
        row(period=f"{y}-{m:02d}", partner=p, value_cny=f"{100 + m}.00", enterprise_id=f"E{m}{p}")
        for y in (2024, 2025)
        for m in range(1, 13)
        for p in ("USA", "VNM")
    ]
    ingest_files(root / "store", [write_csv(root / "rows.csv", rows)])
    return root / "store"


def store_listing(root: Path) -> dict[str, bytes]:
    """Every file of a store that defines its state (manifest and data), with its bytes."""
    out = {}
    for sub in ("manifest", "data", "quarantine", "reports"):
        for p in sorted((root / sub).rglob("*")) if (root / sub).exists() else []:
            if p.is_file():
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


def pct(value: Fraction | int | str) -> Decimal:
    """A ratio as the engine states it: the exact value kept to 20 decimals (half-even at the
    20th), so hand-worked answers compare exactly: ``pct(Fraction(680, 600) * 100 - 100)``."""
    f = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(f.numerator) / Decimal(f.denominator)
    return exact.quantize(Decimal(1).scaleb(-20), rounding=ROUND_HALF_EVEN)
