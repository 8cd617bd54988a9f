"""The small hand-made store of the web tests (built with the real ingest).

The records (yuan), reporting month 2025-03 against 2024-03:

    2024-03  export VNM 87038000 100.00  private           trade mode 0110
    2024-03  export USA 84713000 300.00  foreign_invested  trade mode 0214
    2024-03  import VNM 85076000 200.00  private           trade mode 0110
    2025-03  export VNM 87038000 150.00  private           trade mode 0110
    2025-03  export USA 84713000 330.00  foreign_invested  trade mode 0214
    2025-03  import VNM 85076000 180.00  private           trade mode 0110
    2025-03  export TLS 85414200  20.00  state_owned       trade mode 1210

and, so that whole years exist, one export to KOR (85176200, private) in every other month:
100.00 in 2024 and 110.00 in 2025.

Hand totals: 2025-03 exports 500 (2024-03: 400), imports 180 (200), total 680 (600).
Year 2025 exports 500 + 11 x 110 = 1710; 2024 exports 400 + 11 x 100 = 1500 (+14.0 %).
Year 2025 total 1710 + 180 = 1890; 2024 total 1500 + 200 = 1700.
"""

from __future__ import annotations

from pathlib import Path

from tradestats.ingest import ingest_files

from helpers import row, write_csv


def _hand(period: str, flow: str, partner: str, hs: str, cny: str, etype: str, mode: str):
    usd = f"{float(cny) / 7:.2f}"
    fields = dict(period=period, flow=flow, partner=partner, hs_code=hs, value_cny=cny)
    return row(**fields, value_usd=usd, enterprise_type=etype, trade_mode=mode,
               enterprise_id="E" + partner)  # fmt: skip


HAND = [
    _hand("2024-03", "export", "VNM", "87038000", "100.00", "private", "0110"),
    _hand("2024-03", "export", "USA", "84713000", "300.00", "foreign_invested", "0214"),
    _hand("2024-03", "import", "VNM", "85076000", "200.00", "private", "0110"),
    _hand("2025-03", "export", "VNM", "87038000", "150.00", "private", "0110"),
    _hand("2025-03", "export", "USA", "84713000", "330.00", "foreign_invested", "0214"),
    _hand("2025-03", "import", "VNM", "85076000", "180.00", "private", "0110"),
    _hand("2025-03", "export", "TLS", "85414200", "20.00", "state_owned", "1210"),
]
FILLER = [
    _hand(f"{y}-{m:02d}", "export", "KOR", "85176200", cny, "private", "0110")
    for y, cny in (("2024", "100.00"), ("2025", "110.00"))
    for m in range(1, 13)
    if m != 3
]


def build_store(root: Path) -> Path:
    """Write the records to ``root/records.csv`` and ingest them into ``root/store``."""
    csv = write_csv(root / "records.csv", HAND + FILLER)
    ingest_files(root / "store", [csv])
    return root / "store"
