"""The `query` and `indicators` commands, through typer's CliRunner on `tradestats.cli.app`."""

from __future__ import annotations

import inspect
import json
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from tsfakes import FakeReference, FakeStore, generate
from typer.testing import CliRunner

from tradestats.cli import app, query_cmd
from tradestats.engine import Engine

runner = CliRunner()
MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]


@pytest.fixture(scope="module")
def fake_store(tmp_path_factory):
    return FakeStore(tmp_path_factory.mktemp("cli")).write_table(generate(2000, MONTHS, seed=3))


@pytest.fixture
def store_dir(fake_store, monkeypatch, tmp_path):
    """A --store path; the command's engine reads the fake store with the fake reference."""
    fake = Engine(fake_store, reference=FakeReference())
    monkeypatch.setattr(query_cmd, "_engine", lambda *args, **kwargs: fake)
    return str(tmp_path)


def run(*args: str):
    return runner.invoke(app, list(args))


def test_query_json_is_list_of_objects_keyed_by_dims_and_measures(store_dir, fake_store):
    res = run("query", "--store", store_dir, "--period", "2025", "--flow", "export",
              "--partner", "asean", "--by", "partner_group",
              "--measure", "value_cny,yoy_pct,share_pct", "--format", "json")  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output, parse_float=Decimal)
    assert [set(r) for r in rows] == [{"partner_group", "value_cny", "yoy_pct", "share_pct"}]
    want = Engine(fake_store, reference=FakeReference()).query(
        period="2025", flow="export", partner="asean", measures="value_cny"
    )
    assert rows[0]["value_cny"] == want.column(0)[0].as_py()  # exact decimal in JSON


def test_query_csv_table_parquet(store_dir, tmp_path):
    base = ("query", "--store", store_dir, "--period", "2025-Q2", "--by", "partner", "--top", "3")
    res = run(*base, "--format", "csv")
    assert res.exit_code == 0
    lines = res.output.strip().splitlines()
    assert lines[0] == "partner,value_cny" and len(lines) == 4
    assert run(*base).exit_code == 0
    out = tmp_path / "q.parquet"
    assert run(*base, "--format", "parquet", "--out", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == 3


def test_query_explain_prints_sql(store_dir):
    res = run(
        "query", "--store", store_dir, "--period", "2025", "--measure", "yoy_pct", "--explain"
    )
    assert res.exit_code == 0
    assert "SELECT" in res.output and 'FROM "records"' in res.output


@pytest.mark.parametrize(
    "args,message",
    [
        (("--partner", "aesan"), "did you mean 'asean'"),
        (("--period", "2026"), "periods in the store: 2024-01..2024-12, 2025-01..2025-12"),
        (("--period", "2024-11..2025-02"), "crosses years"),
        (("--measure", "share"), "unknown measure"),
    ],
)
def test_query_bad_input_exit_2_without_traceback(store_dir, args, message):
    opts = dict(zip(args[::2], args[1::2], strict=True))
    opts.setdefault("--period", "2025")
    flat = [x for kv in opts.items() for x in kv]
    res = run("query", "--store", store_dir, *flat)
    assert res.exit_code == 2
    assert message in res.output.replace("\n", " ")
    assert "Traceback" not in res.output


def test_indicators_list_and_show(store_dir):
    res = run("indicators", "list", "--format", "csv")
    assert res.exit_code == 0
    assert "asean.total.yoy,yoy_pct,percent," in res.output
    res = run("indicators", "show", "asean.total.yoy")
    assert res.exit_code == 0 and "partner: asean" in res.output
    res = run("indicators", "show", "exports.value", "--store", store_dir, "--period", "2025")
    assert res.exit_code == 0 and "value (2025):" in res.output and "CNY" in res.output
    res = run("indicators", "show", "asean.total.yo")
    assert res.exit_code == 2 and "did you mean 'asean.total.yoy'" in res.output


def test_indicators_compute(store_dir):
    res = run("indicators", "compute", "--store", store_dir, "--period", "2025",
              "total.value", "exports.yoy", "--format", "json")  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["name"] for r in rows] == ["total.value", "exports.yoy"]


def test_every_command_has_a_docstring_with_an_example():
    for fn in (query_cmd.query, query_cmd.list_indicators, query_cmd.show_indicator,
               query_cmd.compute_indicators):  # fmt: skip
        assert "Example: tradestats " in (inspect.getdoc(fn) or ""), fn.__name__


def test_real_store_end_to_end(tmp_path, monkeypatch):
    """Through the real Store (ingest) and the real _engine; only the reference is faked."""
    from tradestats.ingest import ingest_files

    src = tmp_path / "in.parquet"
    pq.write_table(generate(300, ["2024-03", "2025-03"], seed=5), src)
    ingest_files(tmp_path / "store", [src])
    monkeypatch.setattr("tradestats.engine.load_default_reference", FakeReference)
    res = run("query", "--store", str(tmp_path / "store"), "--period", "2025-03",
              "--measure", "records,yoy_pct", "--format", "json")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["records"] == 300 - len(
        [p for p in generate(300, ["2024-03", "2025-03"], seed=5).column("period").to_pylist()
         if p == "2024-03"]
    )  # fmt: skip


def test_query_parent_selection_shares_sum_to_100(store_dir):
    res = run("query", "--store", store_dir, "--period", "2025", "--partner", "asean",
              "--by", "partner", "--measure", "share_pct", "--parent", "selection",
              "--format", "json")  # fmt: skip
    assert res.exit_code == 0, res.output
    shares = [r["share_pct"] for r in json.loads(res.output)]
    assert len(shares) > 1 and sum(shares) == pytest.approx(100.0)


def test_query_reporter_and_re_export_options(tmp_path):
    # A real store with two reporters (CHN, USA) and a re-export row, through the real CLI.
    from tradestats.ingest import ingest_files

    from helpers import row, write_csv

    rows = [
        row(period="2025-01", reporter="CHN", value_cny="100"),
        row(period="2025-01", reporter="CHN", flow="re_export", value_cny="30"),
        row(period="2025-01", reporter="USA", value_cny="7"),
    ]
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "r.csv", rows)])
    base = ("query", "--store", str(tmp_path / "s"), "--period", "2025-01", "--format", "json")
    res = run(*base, "--flow", "export")
    assert res.exit_code == 2 and "several reporters (CHN, USA)" in res.output
    got = json.loads(run(*base, "--flow", "export", "--reporter", "CHN").output)
    assert got == [{"value_cny": 100.0}]  # the re-export (30) is inside exports, not added
    got = json.loads(run(*base, "--flow", "re_export", "--reporter", "CHN").output)
    assert got == [{"value_cny": 30.0}]
    got = json.loads(run(*base, "--flow", "export", "--by", "reporter").output)
    assert got == [{"reporter": "CHN", "value_cny": 100.0}, {"reporter": "USA", "value_cny": 7.0}]
