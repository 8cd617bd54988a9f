"""Disclosure control on a real store: statistics from the records, the versioned policy, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cell_tables import table_from_micro
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.disclosure import CellTable, Policy, load_policy, policy_history, save_policy
from tradestats.disclosure.cells import breakdown_cell_stats
from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

# (partner, hs_code, enterprise, yuan): KOR's chapter 85 has one firm, USA's 01 two.
LINES = [
    ("USA", "85076000", "E1", "500.00"),
    ("USA", "85076000", "E2", "300.00"),
    ("USA", "85414200", "E3", "250.50"),
    ("USA", "85414200", "E1", "100.00"),
    ("USA", "01012100", "E4", "80.00"),
    ("USA", "01012100", "E5", "20.00"),
    ("VNM", "85076000", "E2", "400.00"),
    ("VNM", "85414200", "E3", "150.00"),
    ("VNM", "01012100", "E6", "60.00"),
    ("VNM", "01012100", "E4", "45.25"),
    ("VNM", "01012100", "E5", "30.00"),
    ("KOR", "85414200", "E7", "900.00"),
    ("KOR", "01019000", "E8", "10.00"),
    ("KOR", "01019000", "E1", "15.00"),
    ("KOR", "01019000", "E2", "12.00"),
]


def _micro(digits: int) -> list[tuple[tuple[str, ...], str, int]]:
    return [((p, hs[:digits]), e, round(float(v) * 100)) for p, hs, e, v in LINES]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    rows = [
        row(partner=p, hs_code=hs, enterprise_id=e, value_cny=v, trade_mode=f"0{i:03d}")
        for i, (p, hs, e, v) in enumerate(LINES)
    ]
    imports = [row(flow="import", partner="USA", enterprise_id="E9", value_cny="7.00")]
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "jan.csv", rows + imports)])
    return tmp_path / "store"


def _cells(t: CellTable) -> dict[tuple[str | None, ...], tuple[int, int, list[int]]]:
    return {
        k: (int(t.value[i]), int(t.contributors[i]), t.top[i].tolist()) for k, i in t.index.items()
    }


def _same(got: CellTable, want: CellTable) -> None:
    assert got.dims == want.dims and _cells(got) == _cells(want)


def test_cell_statistics_match_the_records(store: Path) -> None:
    got = breakdown_cell_stats(Engine(store), "2025-01", ["partner", "hs2"], flow="export")
    _same(got, table_from_micro(("partner", "hs2"), _micro(2)))
    # KOR x 85 is one firm's 900.00; E1 is in three of USA's and KOR's cells.
    i = got.index[("KOR", "85")]
    assert (got.value[i], got.contributors[i]) == (90000, 1)


def test_nested_hs_levels_form_a_hierarchy(store: Path) -> None:
    got = breakdown_cell_stats(
        Engine(store), "2025-01", ["partner", "hs4"], flow="export", nested=True
    )
    parents = {"hs4": {hs[:4]: hs[:2] for _, hs, _, _ in LINES}}
    micro = [((p, hs[:4]), e, round(float(v) * 100)) for p, hs, e, v in LINES]
    _same(got, table_from_micro(("partner", "hs4"), micro, parents))
    assert got.parent_code(1, "8507") == "85"


def test_flow_total_adds_both_flows_and_other_dimensions_work(store: Path) -> None:
    got = breakdown_cell_stats(Engine(store), "2025-01", ["trade_mode"], flow="total")
    assert len(got) == len(LINES) + 2  # fifteen export modes, the import's 0110, the total
    assert (
        got.value[got.index[("__total__",)]] == sum(round(float(v) * 100) for *_, v in LINES) + 700
    )


def test_lines_without_an_enterprise_count_as_one_contributor(tmp_path: Path) -> None:
    rows = [row(partner="USA", enterprise_id="", value_cny=f"{v}.00") for v in (1, 2, 3)]
    rows.append(row(partner="VNM", enterprise_id="E1", value_cny="5.00"))
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "a.csv", rows)])
    got = breakdown_cell_stats(Engine(tmp_path / "s"), "2025-01", ["partner"], flow="export")
    assert got.contributors[got.index[("USA",)]] == 1  # three anonymous lines: one, to be safe


def test_unknown_dimension_and_missing_ids_are_refused(tmp_path: Path, store: Path) -> None:
    with pytest.raises(UsageError, match="cannot break down by 'product_group'"):
        breakdown_cell_stats(Engine(store), "2025-01", ["product_group"])
    rows = [row(enterprise_id=""), row(partner="VNM", enterprise_id="")]
    ingest_files(tmp_path / "anon", [write_csv(tmp_path / "b.csv", rows)])
    with pytest.raises(UsageError, match="needs enterprise ids"):
        breakdown_cell_stats(Engine(tmp_path / "anon"), "2025-01", ["partner"])


def test_the_policy_is_versioned_with_the_store(store: Path, tmp_path: Path) -> None:
    s = Store(store)
    assert load_policy(s) == Policy() and policy_history(s) == []
    first = save_policy(s, Policy(threshold=4), note="first")
    assert (first.version, first.from_batch) == (1, "b000001")
    feb = [row(period="2025-02", enterprise_id="E1")]
    ingest_files(store, [write_csv(tmp_path / "feb.csv", feb)])  # b000002
    save_policy(s, Policy(threshold=5, dominance=((2, 80),)))
    assert load_policy(s).threshold == 5
    assert load_policy(s, as_of="b000001").threshold == 4  # as published then
    assert [p.version for p in policy_history(s)] == [1, 2]
    text = (store / "disclosure" / "policy-0002.yaml").read_text()
    assert "from_batch: b000002" in text and "- - 2\n  - 80" in text


def test_a_bad_policy_file_names_the_file_and_the_field(store: Path) -> None:
    folder = store / "disclosure"
    folder.mkdir()
    (folder / "policy-0001.yaml").write_text("threshold: 0\n")
    with pytest.raises(UsageError, match=r"policy-0001\.yaml: threshold must be a whole number"):
        load_policy(Store(store))
    (folder / "policy-0001.yaml").write_text("treshold: 3\n")
    with pytest.raises(UsageError, match="unknown field"):
        load_policy(Store(store))


def test_cli_sets_the_policy_and_prints_a_protected_table(store: Path) -> None:
    runner = CliRunner()
    set_it = runner.invoke(
        app, ["disclosure", "policy", "--store", str(store), "--dominance", "1:85"]
    )
    assert set_it.exit_code == 0, set_it.output
    assert "policy v1" in set_it.stdout and "the largest 1 over 85 %" in set_it.stdout
    args = ["--store", str(store), "--period", "2025-01", "--flow", "export", "--by", "partner,hs2"]
    shown = runner.invoke(app, ["disclosure", "table", *args, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    rows = {(r["partner"], r["hs2"]): r for r in json.loads(shown.stdout)}
    assert rows[("KOR", "85")] == {"partner": "KOR", "hs2": "85", "value": None, "flag": "c"}
    assert rows[("total", "total")]["value"] == 2872.75 and rows[("total", "total")]["flag"] == ""
    audit = runner.invoke(app, ["disclosure", "audit", *args, "--format", "json"])
    assert audit.exit_code == 0, audit.output
    doc = json.loads(audit.stdout)
    assert doc["ok"] and doc["primary"] >= 1
    kor = next(r for r in doc["rows"] if r["cell"] == "KOR x 85")
    assert kor["value"] == "900.00" and kor["required"] == ["810.00", "990.00"]
    printed = runner.invoke(app, ["disclosure", "audit", *args])
    assert printed.exit_code == 0 and "every confidential cell protected" in printed.stdout


def test_cli_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["disclosure", "policy", "--store", str(tmp_path)])
    assert result.exit_code == 2 and "not a tradestats store" in result.output
