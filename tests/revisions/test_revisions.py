"""Revision reports of a figure and a table over three vintages, worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files
from tradestats.revisions import revision_report

from helpers import row, write_csv


def _vintage(tmp: Path, name: str, usa: str, vnm: str, mode: str) -> None:
    rows = [
        row(period="2025-01", partner="USA", value_cny=usa, enterprise_id="E1"),
        row(period="2025-01", partner="VNM", value_cny=vnm, enterprise_id="E2"),
    ]
    ingest_files(tmp / "store", [write_csv(tmp / f"{name}.csv", rows)], mode=mode)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    # January 2025 published, revised twice; February added in between (not a January release).
    _vintage(tmp_path, "first", "600.00", "400.00", "new")  # b000001: total 1,000.00
    feb = [row(period="2025-02", partner="USA", value_cny="50.00")]
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "feb.csv", feb)])  # b000002
    _vintage(tmp_path, "second", "612.50", "400.00", "replace")  # b000003: total 1,012.50
    _vintage(tmp_path, "third", "605.00", "404.00", "replace")  # b000004: total 1,009.00
    return tmp_path / "store"


def test_a_figure_over_three_vintages(store: Path) -> None:
    report = revision_report(Engine(store), period="2025-01", flow="export")
    assert [r.batch for r in report.releases] == ["b000001", "b000003", "b000004"]
    (figure,) = report.rows
    assert figure.values == [Decimal("1000.00"), Decimal("1012.50"), Decimal("1009.00")]
    assert figure.revisions == [Decimal("12.50"), Decimal("-3.50")]
    assert figure.total_revision == Decimal("9.00")
    assert figure.mean_revision == Decimal("4.50")  # (12.50 - 3.50) / 2
    assert figure.mean_absolute_revision == Decimal("8.00")  # (12.50 + 3.50) / 2


def test_a_table_over_three_vintages(store: Path) -> None:
    report = revision_report(Engine(store), period="2025-01", flow="export", by="partner")
    values = {r.key: r.values for r in report.rows}
    assert values == {
        ("USA",): [Decimal("600.00"), Decimal("612.50"), Decimal("605.00")],
        ("VNM",): [Decimal("400.00"), Decimal("400.00"), Decimal("404.00")],
    }
    # Total revisions: USA +5.00, VNM +4.00; their mean 4.50, mean absolute 4.50.
    assert report.mean_total_revision == Decimal("4.50")
    assert report.mean_absolute_total_revision == Decimal("4.50")
    usa = next(r for r in report.rows if r.key == ("USA",))
    assert usa.mean_absolute_revision == Decimal("10.00")  # (12.50 + 7.50) / 2
    assert usa.mean_revision == Decimal("2.50")  # (12.50 - 7.50) / 2


def test_means_of_money_round_half_up_on_the_exact_value(store: Path) -> None:
    from tradestats.revisions.report import _mean

    assert _mean([Decimal("0.01"), Decimal("0.00")]) == Decimal("0.01")  # 0.005 -> 0.01
    assert _mean([Decimal("0.01"), Decimal("0.01"), Decimal("0.00")]) == Decimal("0.01")
    assert _mean([2.0, 3.0]) == 2.5


def test_growth_reads_the_year_before_so_its_revisions_count(tmp_path: Path) -> None:
    base = [row(period="2024-01", value_cny="100.00"), row(period="2025-01", value_cny="110.00")]
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "a.csv", base)])
    revised = [row(period="2024-01", value_cny="110.00")]
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "b.csv", revised)], mode="replace")
    report = revision_report(
        Engine(tmp_path / "s"), period="2025-01", flow="export", measures="yoy_pct"
    )
    assert [r.batch for r in report.releases] == ["b000001", "b000002"]
    assert report.rows[0].values == [pytest.approx(10.0), pytest.approx(0.0)]


def test_as_of_and_several_measures_are_refused(store: Path) -> None:
    with pytest.raises(UsageError, match="every vintage"):
        revision_report(Engine(store), period="2025-01", as_of="b000001")
    with pytest.raises(UsageError, match="one measure"):
        revision_report(Engine(store), period="2025-01", measures="value_cny,value_usd")


def test_cli_prints_every_release_and_the_summary(store: Path) -> None:
    args = ["revisions", "--store", str(store), "--period", "2025-01", "--flow", "export"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [r["release"] for r in doc["releases"]] == ["b000001", "b000003", "b000004"]
    assert [r["value_cny"] for r in doc["releases"]] == [1000.00, 1012.50, 1009.00]
    assert doc["summary"][0]["mean_absolute_revision"] == 8.00
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0 and "b000004" in shown.stdout and "8.00" in shown.stdout
