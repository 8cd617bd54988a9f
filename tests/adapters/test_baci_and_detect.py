"""BACI mapping, format detection, and the CLI's --format."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.adapters import detect, head_of
from tradestats.adapters.base import Options
from tradestats.cli import app
from tradestats.errors import ValidationFailed
from tradestats.ingest import ingest_files

sys.path.insert(0, str(Path(__file__).parent))
from adapter_helpers import stored

from helpers import csv_text, row, store_listing, write_csv

BACI = "t,i,j,k,v,q\n2022,156,842,850760,1234.567,12.5\n2022,842,156,10121,2.000,NA\n"
BACI += "2022,410,392,850760,5.5,1\n"


def _baci(tmp: Path, text: str = BACI) -> Path:
    path = tmp / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_baci_for_one_reporter_gives_both_flows(tmp_path: Path) -> None:
    report = ingest_files(tmp_path / "s", [_baci(tmp_path)], options=Options(reporter="CHN"))
    assert report.sources[0]["format"] == "baci"
    assert (report.rows_accepted, report.rows_skipped) == (2, 1) and report.balanced
    assert report.values["USD"].skipped == Decimal("5500")  # thousands of dollars x 1000
    got = stored(tmp_path / "s", "SELECT flow, partner, hs_code, value_usd, net_weight_kg, "
                 "hs_edition FROM r")  # fmt: skip
    assert sorted(got) == [  # q is net weight in metric tons: 12.5 t = 12,500 kg
        ("export", "USA", "850760", Decimal("1234567.00"), Decimal("12500.000"), "HS2017"),
        ("import", "USA", "010121", Decimal("2000.00"), None, "HS2017"),  # leading zero restored
    ]


def test_baci_values_of_many_decimals_reconcile_exactly_in_dollars(tmp_path: Path) -> None:
    # v in thousands of dollars with 6 to 9 decimals; one row of an unknown country (999).
    text = "t,i,j,k,v,q\n2022,156,842,850760,1.234567,1\n2022,156,842,850730,0.0015,NA\n"
    text += "2022,156,999,850760,3505.999999999,2\n2022,156,842,850710,7.1234565,NA\n"
    report = ingest_files(tmp_path / "s", [_baci(tmp_path, text)], allow_rejects=True)
    usd = report.values["USD"]
    assert (report.rows_accepted, report.rows_quarantined) == (3, 1) and report.balanced
    # By hand: 1234.567 -> 1234.57; 1.5 exact; 7123.4565 -> 7123.46 (half away from zero);
    # the refused row is counted in dollars, 3,506,000.00 (3,505,999.999999 rounded).
    assert usd.accepted == Decimal("1234.57") + Decimal("1.50") + Decimal("7123.46")
    assert usd.quarantined == Decimal("3506000.00")
    assert usd.read == usd.accepted + usd.quarantined
    assert any("rounded half away from zero to the cent on 3 row(s) with more than 5" in n
               for n in report.notes), report.notes  # fmt: skip


def test_baci_other_column_order_and_iso3_codes(tmp_path: Path) -> None:
    text = "i,j,t,k,q,v\nCHN,USA,2021,850760,2,10\n490,KOR,2021,850760,NA,1.5\n"
    path = tmp_path / "BACI_HS12_Y2021_V202401.csv"
    path.write_text(text, encoding="utf-8")
    report = ingest_files(tmp_path / "s", [path])
    assert report.sources[0]["format"] == "baci" and report.rows_accepted == 2
    got = stored(tmp_path / "s", "SELECT reporter, partner, value_usd, hs_edition FROM r")
    assert sorted(got) == [("CHN", "USA", Decimal("10000.00"), "HS2012"),
                           ("TWN", "KOR", Decimal("1500.00"), "HS2012")]  # fmt: skip


def test_baci_without_reporter_counts_each_row_once(tmp_path: Path) -> None:
    report = ingest_files(tmp_path / "s", [_baci(tmp_path)])
    assert report.rows_accepted == 3 and report.rows_skipped == 0
    got = stored(tmp_path / "s", "SELECT reporter, flow, partner FROM r ORDER BY ALL")
    assert got == [("CHN", "export", "USA"), ("KOR", "export", "JPN"), ("USA", "export", "CHN")]


def test_baci_unknown_code_is_quarantined(tmp_path: Path) -> None:
    path = _baci(tmp_path, "t,i,j,k,v,q\n2022,156,999,850760,1,1\n")
    with pytest.raises(ValidationFailed, match="'999' is not an ISO"):
        ingest_files(tmp_path / "s", [path])
    assert store_listing(tmp_path / "s") == {}


def test_detection_order_and_named_format(tmp_path: Path) -> None:
    canonical = write_csv(tmp_path / "c.csv", [row()])
    assert detect(head_of(canonical)).name == "canonical"
    assert detect(head_of(_baci(tmp_path))).name == "baci"
    assert detect(head_of(canonical), "comtrade").name == "comtrade"


def test_unrecognised_file_says_so_and_lists_formats(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("alpha,beta\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [path])
    message = str(info.value)
    assert "missing required column" in message and "--format names one of" in message


COMEXT = "DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG\n"


def test_comext_flows_euros_and_greece(tmp_path: Path) -> None:
    path = tmp_path / "full202201.csv"
    path.write_text(
        COMEXT + "DE,CN,85076000,1,202201,100,10\nEL,US,85076000,2,202201,40,\n"
        "DE,CN,TOTAL,1,202201,500,\nFR,CN,85076000,1,202252,7,1\n"
    )
    report = ingest_files(tmp_path / "s", [path])
    assert report.sources[0]["format"] == "comext"
    assert (report.rows_accepted, report.rows_skipped) == (3, 1) and report.balanced
    eur = report.values["EUR"]
    assert (eur.read, eur.accepted, eur.skipped) == (Decimal(647), Decimal(147), Decimal(500))
    got = stored(tmp_path / "s", "SELECT period, reporter, flow, partner, value_eur FROM r")
    assert sorted(got) == [
        ("2022", "FRA", "import", "CHN", Decimal(7)),
        ("2022-01", "DEU", "import", "CHN", Decimal(100)),
        ("2022-01", "GRC", "export", "USA", Decimal(40)),
    ]


def test_comext_confidential_partner_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "full202201.csv"
    path.write_text(COMEXT + "DE,CN,85076000,1,202201,100,10\nDE,QV,85076000,1,202201,x,1\n")
    report = ingest_files(tmp_path / "s", [path], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1) and report.balanced
    assert report.values["EUR"].unparseable_rows == 1
    assert report.rejects_by_field == {"partner": 1, "value_eur": 1}


def test_cli_prints_the_chosen_format(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(csv_text([row(), row(hs_code="850760")]), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(src), "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 0, result.output
    assert "read as canonical" in result.output
    bad = CliRunner().invoke(app, ["ingest", str(src), "-s", str(tmp_path / "t"), "-f", "xml"])
    assert bad.exit_code != 0 and "unknown format" in str(bad.exception)


def test_canonical_file_with_annual_and_coarse_products(tmp_path: Path) -> None:
    rows = [
        row(period="2024", hs_code="TOTAL", product_level="total", reporter="KOR"),
        row(period="2024-01..2024-02", hs_code="8507", product_level="4"),
        row(hs_code="85", product_level="4"),  # wrong level: quarantined
        row(hs_code="8507"),  # 4 digits without product_level: refused as before
        row(period="2024-03..2023-05"),  # a range across years
    ]
    report = ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", rows)], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (2, 3)
    assert report.rejects_by_field == {"hs_code": 2, "period": 1}


def _as_written_before_checksums(store: Path) -> None:
    """Make ``store`` look as stores written before data files had checksums: manifests of
    format 1 without sha256 and size per file, no sequence or verified-files record."""
    import json

    for m in sorted((store / "manifest").glob("b*.json")):
        doc = json.loads(m.read_text(encoding="utf-8"))
        for f in doc["files"]:
            f.pop("sha256", None)
            f.pop("bytes", None)
        for key in ("previous", "forgotten_sha256"):
            doc.pop(key, None)
        doc["format"] = 1
        m.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    for name in ("sequence.json", "verified.json"):
        (store / name).unlink(missing_ok=True)


def test_append_to_a_store_written_before_the_new_columns(tmp_path: Path) -> None:
    """Regression: --append compared every canonical column with stored files that lack the
    columns added for adapters (reporter, product_level, value_eur) and failed to bind."""
    import pyarrow.parquet as pq

    from tradestats.store import Store

    src = write_csv(tmp_path / "c.csv", [row()])
    ingest_files(tmp_path / "s", [src])
    for f in Store(tmp_path / "s").data_files():
        old = pq.read_table(f).drop_columns(["reporter", "product_level", "value_eur"])
        pq.write_table(old, f)
    _as_written_before_checksums(tmp_path / "s")
    with pytest.raises(ValidationFailed, match="already stored in batch b000001"):
        ingest_files(tmp_path / "s", [src], mode="append")


def test_baci_v_with_thousands_separators_is_refused_naming_line_and_field(tmp_path: Path) -> None:
    # BACI writes plain numbers: "1,234.5" (thousands of dollars) is never read as 1234.5
    src = tmp_path / "baci.csv"
    src.write_text('t,i,j,k,v,q\n2022,156,842,850760,"1,234.5",10\n2022,156,842,850760,12.5,1\n')
    report = ingest_files(tmp_path / "s", [src], fmt="baci", allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1)
    (bad,) = [m for m in report.problems if "1,234.5" in m]
    assert f"{src}:2: value_usd:" in bad and "is not a number" in bad
