"""Tiling stored periods into a reporting period, and reading holdings from Parquet footers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradestats.indicators.coverage import CoverageCache, Holding, footer_holdings
from tradestats.indicators.periods import parse_period, summarize
from tradestats.indicators.tiling import Piece, cover, overlapping, tile, uncovered
from tradestats.records import SCHEMA


def periods(pieces):
    return None if pieces is None else [(p.period, p.weight) for p in pieces]


@pytest.mark.parametrize(
    "first,last,stored,want",
    [
        # Months beat a combined figure and the annual one; the year alone needs all 12.
        (1, 3, ["2025-01", "2025-02", "2025-03", "2025-01..2025-02"],
         [("2025-01", 1), ("2025-02", 1), ("2025-03", 1)]),
        (1, 12, ["2025", *[f"2025-{m:02d}" for m in range(1, 12)]], [("2025", 1)]),
        (1, 3, ["2025-01..2025-02", "2025-03"], [("2025-01..2025-02", 1), ("2025-03", 1)]),
        (2, 3, ["2025-01..2025-02", "2025-03"], None),  # never split Jan-Feb
        (4, 6, ["2025"], None),  # never split a year
        (1, 3, ["2024-01", "2024-02", "2024-03"], None),  # another year
        # Only cumulative figures: Jul-Sep = Jan-Sep - Jan-Jun.
        (7, 9, ["2025-01..2025-06", "2025-01..2025-09", "2025-01..2025-03"],
         [("2025-01..2025-09", 1), ("2025-01..2025-06", -1)]),
        # An annual figure never takes part in a difference.
        (10, 12, ["2025", "2025-01..2025-09"], None),
    ],
)  # fmt: skip
def test_cover(first, last, stored, want):
    assert periods(cover(2025, first, last, stored)) == want


def test_tile_kinds_and_gaps():
    stored = ["2024", *[f"2024-{m:02d}" for m in range(1, 13)]]
    assert periods(tile(2024, 1, 12, stored, annual=True)) == [("2024", 1)]
    assert len(tile(2024, 1, 12, stored, annual=False) or ()) == 12
    assert uncovered(2025, 1, 4, ["2025-01..2025-02", "2025-04"]) == ["2025-03"]
    assert overlapping(2025, 2, 3, ["2025-01..2025-02", "2025-03"]) == ["2025-01..2025-02"]
    assert Piece("2025-01") < Piece("2025-02")


def test_ytd_and_summary_with_other_period_kinds():
    assert parse_period("2025-YTD").resolve_ytd(["2025-01..2025-05", "2025-03"]).last == 5
    assert parse_period("2020-YTD").resolve_ytd(["2020", "2019"]).label == "2020-01..2020-12"
    assert summarize(["2025-01..2025-02", "2025-03", "2012"]) == "2012, 2025-01..2025-02, 2025-03"


def _file(path: Path, rows: list[dict]) -> Path:
    full = [{**dict.fromkeys(SCHEMA.names), **r} for r in rows]
    pq.write_table(pa.Table.from_pylist(full, schema=SCHEMA), path)
    return path


ROW = dict(period="2012", flow="export", hs_code="TOTAL", partner="KOR", product_level="total",
           value_usd=Decimal("5.00"))  # fmt: skip


def test_footer_settles_single_reporter_files(tmp_path):
    one = _file(tmp_path / "a.parquet", [{**ROW, "reporter": "CHN"}] * 3)
    assert footer_holdings(one) == {("2012", "CHN"): Holding(3, 3, (0, 3, 0))}
    none = _file(tmp_path / "b.parquet", [{**ROW, "product_level": None, "hs_code": "850760"}])
    assert footer_holdings(none) == {("2012", None): Holding(1, 0, (0, 1, 0))}
    two = _file(tmp_path / "c.parquet", [{**ROW, "reporter": "CHN"}, {**ROW, "reporter": "USA"}])
    assert footer_holdings(two) is None  # several reporters: the backend must count


def test_cache_asks_the_backend_once_for_unsettled_files(tmp_path):
    one = _file(tmp_path / "a.parquet", [{**ROW, "reporter": "CHN"}])
    two = _file(tmp_path / "c.parquet", [{**ROW, "reporter": "CHN"}, {**ROW, "reporter": "USA"}])
    asked: list[list[Path]] = []

    def query(files):
        asked.append(list(files))
        return [dict(period="2012", reporter=r, rows=1, aggregated=1, value_cny=0, value_usd=1,
                     value_eur=0) for r in ("CHN", "USA")]  # fmt: skip

    cache = CoverageCache()
    for _ in range(2):
        cov = cache.coverage([one, two], query)
        assert cov.holdings[("2012", "CHN")] == Holding(2, 2, (0, 2, 0))
        assert cov.reporters() == {"CHN", "USA"}
    assert asked == [[two]]
