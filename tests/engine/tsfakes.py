"""Test doubles for the engine: a store over Parquet files and a small reference.

The fake reference is deliberately tiny and independent of the real reference data, so the
hand-worked answers in the tests depend only on what is written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tradestats.records import COLUMN_NAMES, SCHEMA


class FakeStore:
    """One Parquet file per period under ``root`` (what Store.data_files promises)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, rows: Iterable[dict[str, Any]]) -> FakeStore:
        table = pa.Table.from_pylist([_full(r) for r in rows], schema=SCHEMA)
        self.write_table(table)
        return self

    def write_table(self, table: pa.Table) -> FakeStore:
        for period in sorted(set(table.column("period").to_pylist())):
            part = table.filter(pa.compute.equal(table.column("period"), period))
            pq.write_table(part, self.root / f"{period}.parquet")
        return self

    def periods(self, as_of: str | None = None) -> list[str]:
        return sorted(p.stem for p in self.root.glob("*.parquet"))

    def data_files(
        self, periods: Iterable[str] | None = None, as_of: str | None = None
    ) -> list[Path]:
        wanted = None if periods is None else set(periods)
        return [
            p for p in sorted(self.root.glob("*.parquet")) if wanted is None or p.stem in wanted
        ]


def _full(row: dict[str, Any]) -> dict[str, Any]:
    out = dict.fromkeys(COLUMN_NAMES)
    out.update(row)
    for name in DECIMALS:
        if out[name] is not None:
            out[name] = Decimal(str(out[name]))
    return out


DECIMALS = tuple(f.name for f in SCHEMA if pa.types.is_decimal(f.type))


# -- reference --------------------------------------------------------------------------


@dataclass
class FakePartnerGroup:
    members: dict[str, tuple[date, date | None]]

    def members_on(self, day: date) -> frozenset[str]:
        return frozenset(
            c
            for c, (start, end) in self.members.items()
            if start <= day and (end is None or day <= end)
        )

    def comparable_members(self, period_end: date) -> frozenset[str]:
        return self.members_on(period_end)


@dataclass
class FakeProductGroup:
    rules: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]

    def include(self, edition: str) -> tuple[str, ...]:
        return self.rules[edition][0]

    def exclude(self, edition: str) -> tuple[str, ...]:
        return self.rules[edition][1]


@dataclass
class FakeTradeModeGroup:
    codes: frozenset[str]


OLD = date(1990, 1, 1)
ASEAN = {c: (OLD, None) for c in ("VNM", "THA", "MYS", "SGP", "IDN")} | {
    "TLS": (date(2025, 10, 26), None)  # joined late in 2025: comparable basis includes it
}
BRI = {c: (OLD, None) for c in ("VNM", "THA", "RUS", "KAZ", "NGA")}
AFRICA = {c: (OLD, None) for c in ("NGA", "ZAF", "KEN")}
LATAM = {c: (OLD, None) for c in ("BRA", "MEX")}


def _same(*prefixes: str) -> FakeProductGroup:
    return FakeProductGroup({"HS2017": (prefixes, ()), "HS2022": (prefixes, ())})


@dataclass
class FakeReference:
    partner_groups: dict[str, FakePartnerGroup] = field(
        default_factory=lambda: {
            "asean": FakePartnerGroup(ASEAN),
            "bri": FakePartnerGroup(BRI),
            "africa": FakePartnerGroup(AFRICA),
            "latin_america": FakePartnerGroup(LATAM),
        }
    )
    product_groups: dict[str, FakeProductGroup] = field(
        default_factory=lambda: {
            # PV modules were 854140 in HS2017, split into 854142/854143 in HS2022.
            "new_trio": FakeProductGroup(
                {
                    "HS2017": (("870380", "850760", "854140"), ()),
                    "HS2022": (("870380", "850760", "854142", "854143"), ()),
                }
            ),
            "mechanical_electrical": FakeProductGroup(
                {"HS2017": (("84", "85"), ("8507",)), "HS2022": (("84", "85"), ("8507",))}
            ),
            "high_tech": _same("8471", "8802"),
            "wind_turbines": _same("850231"),
            "green": _same("850231", "854142", "854143", "854140"),
        }
    )
    trade_mode_groups: dict[str, FakeTradeModeGroup] = field(
        default_factory=lambda: {
            "general_trade": FakeTradeModeGroup(frozenset({"0110"})),
            "processing_trade": FakeTradeModeGroup(frozenset({"0214", "0615"})),
            "bonded_logistics": FakeTradeModeGroup(frozenset({"1210"})),
            "other": FakeTradeModeGroup(frozenset()),
        }
    )

    def partner_group(self, name: str) -> FakePartnerGroup:
        return self.partner_groups[name]

    def product_group(self, name: str) -> FakeProductGroup:
        return self.product_groups[name]

    def trade_mode_group(self, name: str) -> FakeTradeModeGroup:
        return self.trade_mode_groups[name]

    def hs_edition(self, period: str) -> str:
        return "HS2022" if period >= "2022-01" else "HS2017"

    def hs_section(self, chapter: str) -> str:
        if chapter <= "05":
            return "I"
        if chapter in ("84", "85"):
            return "XVI"
        if "86" <= chapter <= "89":
            return "XVII"
        return "OTHER"


# -- generated data -------------------------------------------------------------------------

PARTNERS = ("VNM", "THA", "MYS", "SGP", "IDN", "TLS", "RUS", "KAZ", "NGA", "ZAF", "KEN", "USA")
HS = ("870380", "85076000", "854140", "854142", "854143", "847130", "010121", "880240", "620342")
ETYPES = ("state_owned", "foreign_invested", "private", "other")
MODES = ("0110", "0214", "0615", "1210", "9610")


def generate(n: int, months: list[str], seed: int = 7) -> pa.Table:
    """``n`` random records over ``months`` with exact 2-decimal money (numpy, reproducible)."""
    rng = np.random.default_rng(seed)
    fen = rng.integers(0, 5_000_000, n)
    cents = fen // 7
    pick = lambda items: np.asarray(items, dtype=object)[rng.integers(0, len(items), n)]  # noqa: E731
    cols = {
        "period": pick(months),
        "flow": pick(("export", "import")),
        "hs_code": pick(HS),
        "partner": pick(PARTNERS),
        "value_cny": [Decimal(int(v)).scaleb(-2) for v in fen],
        "value_usd": [Decimal(int(v)).scaleb(-2) for v in cents],
        "quantity": [Decimal(int(v)).scaleb(-3) for v in rng.integers(0, 10_000, n)],
        "unit": pick(("kg",)),
        "trade_mode": pick(MODES),
        "enterprise_id": pick([f"E{i:04d}" for i in range(200)]),
        "enterprise_type": pick(ETYPES),
        "region": pick(("11", "31", "44", "32")),
        "brand_type": pick(("0", "1", "2", "3", "4")),
        "transport_mode": pick(("sea",)),
    }
    # Canonical columns this generator does not fill (added to the schema later) stay NULL.
    cols |= {f.name: pa.nulls(n, f.type) for f in SCHEMA if f.name not in cols}
    return pa.Table.from_pydict({f.name: cols[f.name] for f in SCHEMA}, schema=SCHEMA)
