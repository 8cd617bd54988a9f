"""The Comtrade adapter on real UN Comtrade extracts (../shared/data/comtradr_fixtures)."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.errors import ValidationFailed
from tradestats.ingest import ingest_files

sys.path.insert(0, str(Path(__file__).parent))
from adapter_helpers import stored

FIX = "comtradr_fixtures"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_china_exports_yearly_values_equal_primary_value(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_CHN_exports_KOR_MEX_USA_2012-2022_annual_total.csv"
    report = ingest_files(tmp_path / "s", [src])
    assert report.sources[0]["format"] == "comtrade"
    assert (report.rows_read, report.rows_accepted, report.rows_skipped) == (33, 33, 0)
    got = {
        (p, partner): v
        for p, partner, v in stored(
            tmp_path / "s",
            "SELECT period, partner, sum(value_usd) FROM r "
            "WHERE flow = 'export' AND reporter = 'CHN' AND product_level = 'total' "
            "AND hs_code = 'TOTAL' GROUP BY ALL",
        )
    }
    want = {(r["ref_year"], r["partner_iso"]): Decimal(r["primary_value"]) for r in _rows(src)}
    assert got == want
    assert sorted({p for p, _ in got}) == [str(y) for y in range(2012, 2023)]  # annual: YYYY


def test_raw_v1_json_ingests(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_api_v1_CHN_2010_TOTAL_ARG_DEU.json"
    report = ingest_files(tmp_path / "s", [src])
    assert report.sources[0]["format"] == "comtrade"
    assert report.rows_accepted == 4 and report.balanced
    rows = stored(tmp_path / "s", "SELECT period, flow, partner, reporter FROM r ORDER BY ALL")
    assert {(r[1], r[2]) for r in rows} == {
        ("export", "ARG"),
        ("export", "DEU"),
        ("import", "ARG"),
        ("import", "DEU"),
    }
    assert {r[0] for r in rows} == {"2010"} and {r[3] for r in rows} == {"CHN"}


def test_eu27_wood_never_counts_a_value_twice(shared_data: Path, tmp_path: Path) -> None:
    """Mixed 2/4/6-digit rows: nothing stored is an aggregate of other stored rows, and the
    stored total is the file total less what was skipped or quarantined."""
    src = shared_data / FIX / "comtrade_EU27_imports_wood_HS44_by_partner_2021-2022.csv"
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert report.rows_read == 73_003 and report.balanced
    assert report.rows_read == report.rows_accepted + report.rows_quarantined + report.rows_skipped
    # 'Areas, nes' (X1, XX, _X) are no country: quarantined, never guessed.
    assert report.rejects_by_field == {"partner": report.rows_quarantined}
    nested = stored(
        tmp_path / "s",
        """SELECT count(*) FROM r a JOIN r b ON a.period = b.period AND a.reporter = b.reporter
           AND a.partner = b.partner AND length(b.hs_code) > length(a.hs_code)
           AND starts_with(b.hs_code, a.hs_code)""",
    )
    assert nested == [(0,)]
    usd = report.values["USD"]
    file_total = sum(Decimal(r["primary_value"]) for r in _rows(src))
    rounding = usd.read - file_total  # thousandths rounded to the cent, stated in the notes
    assert abs(rounding) <= Decimal("0.005") * 73_003
    assert any("rounded half away from zero" in n for n in report.notes)
    (stored_total,) = stored(tmp_path / "s", "SELECT sum(value_usd) FROM r")[0]
    assert stored_total == usd.accepted == usd.read - usd.quarantined - usd.skipped


def test_world_partner_only_file_commits_nothing(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_EU27_imports_wood_HS44_from_world_2018-2022.csv"
    with pytest.raises(ValidationFailed, match="every row was skipped as an aggregate"):
        ingest_files(tmp_path / "s", [src])
    assert not (tmp_path / "s" / "manifest").exists() or not any(
        (tmp_path / "s" / "manifest").iterdir()
    )


def test_thai_shrimp_reimports_and_partners(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_THA_shrimp_HS6_by_partner_2007-2011.csv"
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert report.balanced
    flows = {f for (f,) in stored(tmp_path / "s", "SELECT DISTINCT flow FROM r")}
    assert flows <= {"export", "import", "re_export", "re_import"}
    assert {r for (r,) in stored(tmp_path / "s", "SELECT DISTINCT reporter FROM r")} == {"THA"}
