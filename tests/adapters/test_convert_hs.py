"""HS edition conversion: exact splits, weights, unmapped codes, and the official UNSD table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from tradestats.adapters.hs_convert import convert_rows, read_rows
from tradestats.cli import app
from tradestats.ingest import ingest_files
from tradestats.reference import Concordance

from helpers import row, write_csv

PV = Concordance.from_pairs(
    [("854142", "854140"), ("854143", "854140"), ("850760", "850760"), ("010121", "010110")]
)


def test_one_to_many_split_is_exact_and_weighted() -> None:
    rows = [row(hs_code="85414000", value_cny="100.01", value_usd="0.03", quantity="1")]
    out, unmapped, rep = convert_rows(rows, PV, "HS2017", "HS2022")
    assert [(r["hs_code"], r["value_cny"], r["value_usd"], r["quantity"]) for r in out] == [
        ("854142", "50.01", "0.02", "0.500"),
        ("854143", "50.00", "0.01", "0.500"),
    ]
    assert (rep.rows_split, rep.rows_equal_split, unmapped) == (1, 1, [])
    weights = {"854142": Decimal(1), "854143": Decimal(3)}
    out, _, rep = convert_rows(rows, PV, "HS2017", "HS2022", weights)
    assert [r["value_cny"] for r in out] == ["25.00", "75.01"] and rep.rows_equal_split == 0
    assert rep.balanced


def test_unmapped_codes_are_listed_and_values_add_up() -> None:
    rows = [row(hs_code="850760"), row(hs_code="999999"), row(hs_code="0101100000")]
    out, unmapped, rep = convert_rows(rows, PV, "HS2017", "HS2022")
    assert [r["hs_code"] for r in out] == ["850760", "010121"]
    assert (rep.rows_unchanged, rep.rows_recoded) == (1, 1)
    assert dict(rep.unmapped) == {"999999": 1} and len(unmapped) == 1
    assert rep.balanced and rep.values_unmapped["value_cny"] == Decimal("1000.00")


def test_pre_aggregated_rows_pass_through() -> None:
    rows = [row(hs_code="TOTAL", product_level="total")]
    out, _, rep = convert_rows(rows, PV, "HS2017", "HS2022")
    assert out == rows and rep.rows_pre_aggregated == 1


def test_official_correlation_table_and_cli(shared_data: Path, tmp_path: Path) -> None:
    table = shared_data / "hs2022_hs2017_correlation" / "hs2022_hs2017_correlation.csv"
    src = write_csv(tmp_path / "in.csv", [row(hs_code="854140", value_usd="10.00")])
    out = tmp_path / "out.csv"
    args = ["convert-hs", str(src), "--from", "HS2017", "--to", "HS2022"]
    result = CliRunner().invoke(app, [*args, "--concordance", str(table), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    codes = sorted(r["hs_code"] for r in rows)
    assert {"854142", "854143"} <= set(codes)  # the photovoltaic split of HS2022
    assert sum(Decimal(r["value_usd"]) for r in rows) == Decimal("10.00")
    report = ingest_files(tmp_path / "s", [out])  # the output is canonical CSV
    assert report.rows_accepted == len(rows)


def test_store_input(tmp_path: Path) -> None:
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", [row(hs_code="854140")])])
    out, _, rep = convert_rows(read_rows(store=tmp_path / "s"), PV, "HS2017", "HS2022")
    assert len(out) == 2 and rep.balanced
