"""HS edition conversion: trade weights per link, exact splits, equal splits only on request,
per-period editions, rows kept apart with reasons, the official UNSD table, clean errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.adapters.hs_convert import convert_rows, read_rows
from tradestats.cli import app
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files
from tradestats.reference import Concordance

from helpers import row, write_csv

PV = Concordance.from_pairs(
    [("854142", "854140"), ("854143", "854140"), ("850760", "850760"), ("010121", "010110")]
)
TABLE = "hs2022_hs2017_correlation/hs2022_hs2017_correlation.csv"


def test_one_to_many_split_is_exact_and_weighted_by_base_trade() -> None:
    rows = [
        row(period="2021-05", hs_code="85414000", value_cny="100.01", value_usd="0.03"),
        row(period="2022-05", hs_code="854142", value_cny="", value_usd="30.00"),  # the base:
        row(period="2022-05", hs_code="854143", value_cny="", value_usd="10.00"),  # 3 to 1
    ]
    out, apart, rep = convert_rows(rows, PV, "HS2022")
    # By hand: 100.01 yuan at 3/4 and 1/4 is 75.0075 and 25.0025 -> 7500.75 and 2500.25 fen:
    # 7500 and 2500 whole, the last fen to the larger remainder (equal: the first).
    assert [(r["hs_code"], r["value_cny"], r["value_usd"]) for r in out[:2]] == [
        ("854142", "75.01", "0.02"), ("854143", "25.00", "0.01"),
    ]  # fmt: skip
    assert out[0]["hs_edition"] == "HS2022" and (rep.rows_split, rep.rows_passed) == (1, 2)
    assert rep.splits["854140"].rule == "trade" and rep.splits["854140"].weights == {
        "854142": Decimal("0.75"), "854143": Decimal("0.25"),
    }  # fmt: skip
    assert apart == [] and rep.balanced


def test_equal_splits_only_on_request_and_unweighted_rows_kept_apart() -> None:
    rows = [row(period="2021", hs_code="854140", value_usd="10.00")]  # no 2022 base at all
    out, apart, rep = convert_rows(rows, PV, "HS2022")
    assert out == [] and len(apart) == 1
    assert dict(rep.unmapped) == {
        ("854140", "no weights: its targets had no trade in the base period"): 1
    }
    out, apart, rep = convert_rows(rows, PV, "HS2022", split="equal")
    assert [r["value_usd"] for r in out] == ["5.00", "5.00"] and rep.rows_equal_split == 1
    assert rep.splits["854140"].rule == "equal"


def test_user_weights_are_per_link() -> None:
    rows = [row(period="2021", hs_code="854140", value_usd="8.00")]
    weights = {("854140", "854142"): Decimal(1), ("854140", "854143"): Decimal(3)}
    out, _, rep = convert_rows(rows, PV, "HS2022", weights=weights)
    assert [r["value_usd"] for r in out] == ["2.00", "6.00"] and rep.splits[
        "854140"
    ].rule == "given"


def test_rows_unknown_to_the_concordance_or_of_another_edition_are_kept_apart() -> None:
    rows = [
        row(hs_code="850760", period="2021"),
        row(hs_code="999999", period="2021"),
        row(hs_code="0101100000", period="2021"),
        row(hs_code="870321", period="2014"),
    ]
    out, apart, rep = convert_rows(rows, PV, "HS2022")  # fmt: skip
    assert [r["hs_code"] for r in out] == ["850760", "010121"]
    assert (rep.rows_unchanged, rep.rows_recoded) == (1, 1)
    assert dict(rep.unmapped) == {
        ("999999", "not an HS2017 code of the concordance"): 1,
        ("870321", "no concordance from HS2012"): 1,
    }
    assert len(apart) == 2 and rep.balanced


def test_pre_aggregated_rows_pass_through() -> None:
    rows = [row(hs_code="TOTAL", product_level="total")]
    out, _, rep = convert_rows(rows, PV, "HS2022")
    assert out == rows and rep.rows_pre_aggregated == 1


def test_mexico_phones_are_weighted_by_trade_not_split_17_ways(shared_data: Path) -> None:
    table = Concordance.from_csv(shared_data / TABLE)
    targets = [t for s, t in ((p[1], p[0]) for p in table.pairs) if s == "851712"]
    assert len(targets) == 17  # HS2017 851712 (cellular phones) has 17 HS2022 targets
    base = {"851713": "900.00", "851714": "60.00", "852990": "40.00"}  # 2022 exports, by hand
    rows = [row(period="2021", hs_code="851712", value_usd="1000.00", value_cny="")]
    rows += [row(period="2022", hs_code=c, value_usd=v, value_cny="") for c, v in base.items()]
    out, _, rep = convert_rows(rows, table, "HS2022")
    got = {r["hs_code"]: r["value_usd"] for r in out if r["period"] == "2021"}
    assert got["851713"] == "900.00" and got["851714"] == "60.00"  # smartphones: 90 %, not 5.9 %
    assert sum(Decimal(v) for v in got.values()) == Decimal("1000.00")
    # 852990 takes its share of 851712 only by this link's weight: 40 of 1,000.
    assert got["852990"] == "40.00" and rep.splits["851712"].weights["851713"] == Decimal("0.9")


def test_a_store_spanning_editions_is_converted_period_by_period(tmp_path: Path) -> None:
    rows = [row(period="2021-12", hs_code="854140", value_usd="4.00"),
            row(period="2022-01", hs_code="854142", value_usd="1.00"),
            row(period="2022-01", hs_code="854143", value_usd="3.00")]  # fmt: skip
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "c.csv", rows)])
    out, _, rep = convert_rows(read_rows(store=tmp_path / "s"), PV, "HS2022")
    assert rep.rows_passed == 2 and rep.rows_split == 1  # 2022 is HS2022 already
    dec = sorted((r["period"], r["hs_code"], r["value_usd"]) for r in out)
    assert dec[:2] == [("2021-12", "854142", "1.00"), ("2021-12", "854143", "3.00")]


def test_official_correlation_table_and_cli(shared_data: Path, tmp_path: Path) -> None:
    src = write_csv(
        tmp_path / "in.csv",
        [
            row(period="2021", hs_code="854140", value_usd="10.00"),
            row(period="2022", hs_code="854142", value_usd="1.00"),
        ],
    )
    out = tmp_path / "out.csv"  # fmt: skip
    args = ["convert-hs", str(src), "--to", "HS2022", "--concordance", str(shared_data / TABLE)]
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "854140 [trade] 1 row(s) -> 854142 100.0%" in result.output
    rows = read_rows(out)
    assert sum(Decimal(r["value_usd"]) for r in rows) == Decimal("11.00") and len(rows) == 2
    report = ingest_files(tmp_path / "s", [out])  # the output is canonical CSV
    assert report.rows_accepted == len(rows)


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read the concordance"):
        Concordance.from_csv(tmp_path / "missing.csv")
    with pytest.raises(UsageError, match="does not exist"):
        read_rows(tmp_path / "missing.csv")
    src = write_csv(tmp_path / "in.csv", [row()])
    result = CliRunner().invoke(
        app,
        [
            "convert-hs",
            str(src),
            "--to",
            "HS2022",
            "--concordance",
            str(tmp_path / "nope.csv"),
            "-o",
            str(tmp_path / "o.csv"),
        ],
    )
    assert result.exit_code != 0 and "Traceback" not in result.output  # fmt: skip
    assert isinstance(result.exception, (UsageError, SystemExit))
