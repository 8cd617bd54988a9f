"""A small hand-made store for the bulletin tests: 7 lines of trade, 24 months.

Values are in units of 10 billion yuan (1e10) per month; every month of a year is the same
except one import line whose first quarter of 2025 is lower (so imports grow from Q2 on).

    line  flow    partner  HS        enterprise        brand mode  2024/month  2025/month
    EA    export  VNM      85076000  private           1     0110  10          13
    EB    export  USA      61091000  foreign_invested  3     0214  20          19
    EC    export  BRA      85023100  state_owned       1     0110   5           5
    ED    export  KOR      85423100  foreign_invested  2     0615   5           6
    IA    import  AUS      26011100  private           0     0110  15          15
    IB    import  DEU      84713000  foreign_invested  0     0615  10          Q1 8, then 12
    IC    import  NGA      27090000  state_owned       0     0110   5           4

Hand arithmetic (x 1e10 yuan, annual): exports 480 -> 516 (+7.5 %), imports 360 -> 360
(0.0 %), total 840 -> 876 (+4.286 %). Dollar values are 14 % of yuan in 2024, 13.9 % in 2025.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

UNIT = Decimal(10) ** 10
LINES = [
    # id, flow, partner, hs, enterprise type, brand, mode, 2024 monthly, 2025 monthly by quarter
    ("EA", "export", "VNM", "85076000", "private", "1", "0110", 10, (13, 13, 13, 13)),
    ("EB", "export", "USA", "61091000", "foreign_invested", "3", "0214", 20, (19, 19, 19, 19)),
    ("EC", "export", "BRA", "85023100", "state_owned", "1", "0110", 5, (5, 5, 5, 5)),
    ("ED", "export", "KOR", "85423100", "foreign_invested", "2", "0615", 5, (6, 6, 6, 6)),
    ("IA", "import", "AUS", "26011100", "private", "0", "0110", 15, (15, 15, 15, 15)),
    ("IB", "import", "DEU", "84713000", "foreign_invested", "0", "0615", 10, (8, 12, 12, 12)),
    ("IC", "import", "NGA", "27090000", "state_owned", "0", "0110", 5, (4, 4, 4, 4)),
]
USD_RATE = {2024: Decimal("0.14"), 2025: Decimal("0.139")}


def fixture_rows() -> list[dict[str, str]]:
    """The 168 canonical rows (7 lines x 24 months)."""
    rows = []
    for year in (2024, 2025):
        for month in range(1, 13):
            for ident, flow, partner, hs, etype, brand, mode, v24, v25 in LINES:
                units = v24 if year == 2024 else v25[(month - 1) // 3]
                cny = units * UNIT
                usd = cny * USD_RATE[year]
                rows.append(
                    row(
                        period=f"{year}-{month:02d}", flow=flow, partner=partner, hs_code=hs,
                        value_cny=f"{cny:.2f}", value_usd=f"{usd:.2f}", quantity="1",
                        enterprise_id=ident, enterprise_type=etype, brand_type=brand,
                        trade_mode=mode,
                    )
                )  # fmt: skip
    return rows


def build_store(root: Path) -> Store:
    """Ingest the fixture CSV into a new store under ``root``."""
    csv_path = write_csv(root / "fixture.csv", fixture_rows())
    store = Store(root / "store")
    ingest_files(store, [csv_path])
    return store
