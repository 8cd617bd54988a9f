"""A batch covers exactly its (period, reporter) cells: --replace, --append and the default
mode never touch another reporter's rows of the same period.

Regression: in a store holding several reporters, ``--replace`` deleted the other reporters'
data for the revised periods (a Korean revision of 2019 removed the USA's 2019).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files
from tradestats.records import SCHEMA
from tradestats.store import Store

from helpers import row, write_csv


def by_reporter(store: Store, period: str, as_of: str | None = None) -> dict[str, Decimal]:
    """value_cny per reporter of ``period``, read from the live files with DuckDB."""
    files = [str(f) for f in store.data_files(periods=[period], as_of=as_of)]
    if not files:
        return {}
    got = duckdb.sql(
        f"SELECT coalesce(reporter, 'own'), sum(value_cny) FROM read_parquet({files}, "
        "hive_partitioning = false) GROUP BY ALL"
    ).fetchall()
    return dict(sorted(got))


def test_a_revision_of_one_reporter_keeps_the_others(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    first = write_csv(
        tmp_path / "both.csv",
        [
            row(period="2019", reporter="USA", value_cny="100.00"),
            row(period="2019", reporter="KOR", value_cny="200.00"),
            row(period="2019", reporter="KOR", value_cny="7.00", hs_code="85076001"),
            row(period="2020", reporter="KOR", value_cny="50.00"),
        ],
    )
    ingest_files(store, [first])
    names = sorted(f.name for f in store.data_files(periods=["2019"]))
    assert names == ["b000001-KOR.parquet", "b000001-USA.parquet"]  # one file per reporter
    revision = write_csv(
        tmp_path / "kor.csv", [row(period="2019", reporter="KOR", value_cny="250")]
    )
    report = ingest_files(store, [revision], mode="replace")
    assert report.batch == "b000002"
    assert by_reporter(store, "2019") == {"KOR": Decimal("250.00"), "USA": Decimal("100.00")}
    assert by_reporter(store, "2019", as_of="b000001") == {
        "KOR": Decimal("207.00"),
        "USA": Decimal("100.00"),
    }
    assert by_reporter(store, "2020") == {"KOR": Decimal("50.00")}
    cells = store.cells()
    assert (cells[("2019", "USA")].vintage, cells[("2019", "USA")].batches) == (1, (1,))
    assert (cells[("2019", "KOR")].vintage, cells[("2019", "KOR")].batches) == (2, (2,))
    assert store.periods() == ["2019", "2020"]
    assert store.state()["2019"].batches == (1, 2)
    assert store.batch("b000002").vintages == {"2019": 2}
    assert [f.reporter for f in store.batch("b000002").files] == ["KOR"]
    assert {s["period"]: s["rows"] for s in store.summary()} == {"2019": 2, "2020": 1}


def test_each_reporter_may_bring_its_own_new_data(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "usa.csv", [row(period="2019", reporter="USA")])])
    kor = write_csv(tmp_path / "kor.csv", [row(period="2019", reporter="KOR")])
    assert ingest_files(store, [kor]).batch == "b000002"
    again = write_csv(
        tmp_path / "again.csv", [row(period="2019", reporter="KOR", hs_code="850760")]
    )
    with pytest.raises(UsageError, match=r"1 period\(s\) already hold data \(2019 KOR\)"):
        ingest_files(store, [again])
    ingest_files(store, [again], mode="append")
    assert by_reporter(store, "2019") == {"KOR": Decimal("2000.00"), "USA": Decimal("1000.00")}
    assert store.cells()[("2019", "KOR")].batches == (2, 3)


def test_rows_without_a_reporter_are_a_cell_of_their_own(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_files(
        store,
        [write_csv(tmp_path / "a.csv", [row(value_cny="1"), row(reporter="USA", value_cny="2")])],
    )
    ingest_files(store, [write_csv(tmp_path / "b.csv", [row(value_cny="5")])], mode="replace")
    assert by_reporter(store, "2025-01") == {"USA": Decimal("2.00"), "own": Decimal("5.00")}


def test_log_lists_each_batch_with_its_reporters(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "a.csv", [row(reporter="USA"), row(reporter="KOR")])])
    ingest_files(store, [write_csv(tmp_path / "b.csv", [row(reporter="KOR")])], mode="replace")
    result = CliRunner().invoke(app, ["log", "--store", str(store.root), "--format", "json"])
    assert result.exit_code == 0, result.output
    logged = json.loads(result.stdout)
    assert [b["reporters"] for b in logged] == [["KOR", "USA"], ["KOR"]]
    table = CliRunner().invoke(app, ["log", "--store", str(store.root), "--format", "csv"])
    assert "KOR, USA" in table.stdout


# -- stores written before reporters were kept apart (format 1) ------------------------------


def legacy_store(root: Path, rows: list[dict[str, str]]) -> Store:
    """A format-1 store, as the earlier writer left it: one file for the period 2019 holding
    every reporter's rows, and a manifest whose file entry names no reporter."""
    table = pa.Table.from_pylist(
        [{**{c: None for c in SCHEMA.names}, **r} for r in rows], schema=pa.schema(SCHEMA)
    )
    folder = root / "data" / "period=2019"
    folder.mkdir(parents=True)
    pq.write_table(table, folder / "b000001-0.parquet")
    for sub in ("manifest", "quarantine", "reports", "attempts", "staging"):
        (root / sub).mkdir()
    (root / "tradestats-store.json").write_text('{"format": 1, "kind": "tradestats-store"}\n')
    total = sum((r["value_cny"] for r in rows), Decimal(0))
    record = {
        "seq": 1,
        "mode": "new",
        "committed_at": "2026-01-02T00:00:00.000+00:00",
        "files": [
            {
                "path": "data/period=2019/b000001-0.parquet",
                "period": "2019",
                "rows": len(rows),
                "value_cny": str(total),
                "value_usd": "0",
            }
        ],
        "periods": ["2019"],
        "rows_read": len(rows),
        "rows_accepted": len(rows),
        "vintages": {"2019": 1},
        "id": "b000001",
        "format": 1,
    }
    (root / "manifest" / "b000001.json").write_text(json.dumps(record))
    return Store(root)


LEGACY = [
    {"period": "2019", "flow": "export", "hs_code": "850760", "partner": "CHN", "reporter": r,
     "value_cny": Decimal(v)}
    for r, v in (("USA", "100.00"), ("KOR", "200.00"))
]  # fmt: skip


def test_a_legacy_file_of_two_reporters_is_not_replaced_for_one(tmp_path: Path) -> None:
    store = legacy_store(tmp_path / "s", LEGACY)
    assert by_reporter(store, "2019") == {"KOR": Decimal("200.00"), "USA": Decimal("100.00")}
    before = {p: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    kor = write_csv(tmp_path / "kor.csv", [row(period="2019", reporter="KOR", value_cny="250")])
    with pytest.raises(UsageError, match="would delete the rows of USA; nothing was committed"):
        ingest_files(store, [kor], mode="replace")
    after = {p: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.name != ".lock"} == before
    with pytest.raises(UsageError, match=r"already hold data \(2019 KOR\)"):
        ingest_files(store, [kor])


def test_a_legacy_file_is_replaced_by_a_batch_of_all_its_reporters(tmp_path: Path) -> None:
    store = legacy_store(tmp_path / "s", LEGACY)
    jpn = write_csv(tmp_path / "jpn.csv", [row(period="2019", reporter="JPN", value_cny="3")])
    ingest_files(store, [jpn])  # a reporter the legacy file does not hold: a cell of its own
    both = write_csv(
        tmp_path / "both.csv",
        [row(period="2019", reporter=r, value_cny=v) for r, v in (("KOR", "250"), ("USA", "90"))],
    )
    ingest_files(store, [both], mode="replace")
    assert by_reporter(store, "2019") == {
        "JPN": Decimal("3.00"),
        "KOR": Decimal("250.00"),
        "USA": Decimal("90.00"),
    }
    assert store.batch("b000003").retires == ("2019",)
    assert store.cells()[("2019", "KOR")].vintage == 2  # a revision of the legacy vintage 1
    assert ("2019", None) not in store.cells()
    assert by_reporter(store, "2019", as_of="b000002") == {
        "JPN": Decimal("3.00"),
        "KOR": Decimal("200.00"),
        "USA": Decimal("100.00"),
    }


def test_real_comtrade_revision_of_one_eu_reporter(shared_data: Path, tmp_path: Path) -> None:
    """UN Comtrade's EU27 wood imports (27 reporters, 2021-2022); Germany's 2022 is revised."""
    src = (
        shared_data
        / "comtradr_fixtures"
        / "comtrade_EU27_imports_wood_HS44_by_partner_2021-2022.csv"
    )
    store = Store(tmp_path / "s")
    ingest_files(store, [src], fmt="comtrade", allow_rejects=True)
    before = by_usd(store, "2022")
    assert len(before) == 27
    lines = src.read_text(encoding="utf-8").splitlines()
    deu = [line for line in lines[1:] if line.startswith("2022,DEU,")]
    revised = [",".join([*line.split(",")[:-1], "1000"]) for line in deu]  # every value 1000
    (tmp_path / "deu.csv").write_text("\n".join([lines[0], *revised]) + "\n", encoding="utf-8")
    # (rows with pseudo-partners such as S19 are quarantined by this version's code list)
    report = ingest_files(
        store, [tmp_path / "deu.csv"], fmt="comtrade", mode="replace", allow_rejects=True
    )
    after = by_usd(store, "2022")
    assert after["DEU"] == Decimal(1000 * report.rows_accepted)
    assert {r: v for r, v in after.items() if r != "DEU"} == {
        r: v for r, v in before.items() if r != "DEU"
    }
    assert by_usd(store, "2021") == by_usd(store, "2021", as_of="b000001")


def by_usd(store: Store, period: str, as_of: str | None = None) -> dict[str, Decimal]:
    files = [str(f) for f in store.data_files(periods=[period], as_of=as_of)]
    got = duckdb.sql(
        f"SELECT reporter, sum(value_usd) FROM read_parquet({files}, hive_partitioning = false) "
        "GROUP BY ALL"
    ).fetchall()
    return dict(got)
