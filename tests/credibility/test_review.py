"""Credibility checks at ingest: planted implausible declarations are listed, a clean synthetic
batch lists at most 0.5 % of its rows, and no row is ever changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.credibility.lines import old_position
from tradestats.credibility.review import read_review
from tradestats.ingest import ingest_files
from tradestats.store import Store
from tradestats.synth import generate

PLANTS = 12  # of each kind
Synthetic = tuple[Path, pa.Table]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    """A store holding 2024, and 2025's rows (not yet ingested) with codes of rich history."""
    root = tmp_path_factory.mktemp("cred")
    result = generate(60_000, seed=11, out=root / "synth")
    files = sorted(result.files)
    ingest_files(root / "store", [f for f in files if "-2024-" in f.name])
    year = pa.concat_tables([pq.read_table(f) for f in files if "-2025-" in f.name])
    return root, year


def _write(table: pa.Table, path: Path) -> Path:
    pacsv.write_csv(table, path)
    return path


def _common_rows(year: pa.Table, unit: str, n: int) -> list[int]:
    """Rows of codes with many lines (so a code median exists), spread over the file."""
    codes = pc.value_counts(year["hs_code"]).to_pylist()
    rich = {c["values"] for c in codes if c["counts"] >= 60}
    picks = [
        i
        for i, (c, u) in enumerate(
            zip(year["hs_code"].to_pylist(), year["unit"].to_pylist(), strict=True)
        )
        if c in rich and u == unit
    ]
    step = max(1, len(picks) // n)
    return picks[::step][:n]


def _plant(year: pa.Table) -> tuple[pa.Table, set[int], set[int]]:
    """Unit value 100 times (value x 100) and kg per unit 50 times (net weight x 50)."""
    pricey = set(_common_rows(year, "kg", PLANTS))
    heavy = set(_common_rows(year, "u", PLANTS)) - pricey
    rows = year.to_pylist()
    for i in pricey:
        rows[i]["value_cny"] *= 100
        rows[i]["value_usd"] *= 100
    for i in heavy:
        rows[i]["net_weight_kg"] *= 50
    return pa.Table.from_pylist(rows, schema=year.schema), pricey, heavy


def _listed(store: Path, batch: str) -> list[dict[str, str]]:
    return read_review(Store(store), batch)  # finds the direct route's lines first


def test_planted_declarations_are_all_listed(
    synthetic: tuple[Path, pa.Table], tmp_path: Path
) -> None:
    root, year = synthetic
    store = tmp_path / "store"
    shutil.copytree(root / "store", store)  # the same 2024 history
    planted, pricey, heavy = _plant(year)
    source = _write(planted, tmp_path / "2025.csv")
    report = ingest_files(store, [source])
    assert report.route == "direct" and report.rows_accepted == planted.num_rows
    listed = _listed(store, "b000002")
    lines = {}
    for r in listed:
        lines.setdefault(int(r["line"]), []).append(r)
    for i in pricey:  # data row i is line i + 2 (the header is line 1)
        found = lines.get(i + 2, [])
        assert any(r["measure"] == "value per kg" and float(r["factor"]) > 20 for r in found), i
    for i in heavy:
        found = lines.get(i + 2, [])
        assert any(r["measure"] == "kg per u" and float(r["factor"]) > 10 for r in found), i
        assert all(r["source_file"] == str(source) for r in found)
    # Accepted as declared: the stored value is the planted one.
    i = min(pricey)
    stored = pa.concat_tables(
        pq.read_table(f) for f in Store(store).data_files(periods=[planted["period"][i].as_py()])
    )
    assert planted["value_cny"][i].as_py() in stored["value_cny"].to_pylist()
    assert json.loads((store / "review" / "b000002.json").read_text())["rows_listed"] >= 2 * PLANTS


def test_a_clean_batch_lists_at_most_half_a_percent(
    synthetic: tuple[Path, pa.Table], tmp_path: Path
) -> None:
    root, year = synthetic
    store = tmp_path / "store"
    shutil.copytree(root / "store", store)
    report = ingest_files(store, [_write(year, tmp_path / "2025.csv")])
    summary = json.loads((store / "review" / "b000002.json").read_text())
    assert summary["rows_checked"] == year.num_rows == report.rows_accepted
    assert summary["history_periods"] == ["2024-01", "2024-12"]
    assert summary["rows_listed"] <= 0.005 * year.num_rows, summary
    assert any("credibility review" in n for n in report.notes)


def test_the_checked_route_names_files_and_lines(
    synthetic: tuple[Path, pa.Table], tmp_path: Path
) -> None:
    root, year = synthetic
    store = tmp_path / "store"
    shutil.copytree(root / "store", store)
    planted, pricey, _ = _plant(year)
    half = planted.num_rows // 2
    first = _write(planted.slice(0, half), tmp_path / "a.csv")
    second = _write(planted.slice(half), tmp_path / "b.csv")
    report = ingest_files(store, [first, second])  # two files: the checked route
    assert report.route == "checked"
    where = {
        (r["source_file"], int(r["line"]))
        for r in _listed(store, "b000002")
        if r["measure"] == "value per kg"
    }
    for i in pricey:
        expected = (str(first), i + 2) if i < half else (str(second), i - half + 2)
        assert expected in where, (i, expected)


def test_positions_shift_past_removed_duplicates() -> None:
    assert old_position(0, []) == 0
    assert old_position(0, [0]) == 1
    assert old_position(4, [0, 2, 10]) == 6


def test_cli_prints_a_batch_review(synthetic: Synthetic, tmp_path: Path) -> None:
    root, year = synthetic
    store = tmp_path / "store"
    shutil.copytree(root / "store", store)
    planted, _, _ = _plant(year)
    ingest_files(store, [_write(planted, tmp_path / "2025.csv")])
    result = CliRunner().invoke(
        app, ["review", "--store", str(store), "b000002", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {"source_file", "line", "reason", "factor"} <= set(rows[0])
    shown = CliRunner().invoke(app, ["review", "--store", str(store)])
    assert shown.exit_code == 0 and "b000002" in shown.stdout
