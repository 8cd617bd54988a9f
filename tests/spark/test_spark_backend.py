"""The Spark backend itself: backend choice, canonical types, views, master, CLI options."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tradestats.backends import get_backend, spark
from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.errors import UsageError


class Files:
    """A store of loose Parquet files."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files

    def periods(self, as_of=None):
        return sorted({pq.read_table(f).column("period")[0].as_py() for f in self.files})

    def data_files(self, periods=None, as_of=None):
        return self.files


def test_backend_choice(spark_session):
    assert get_backend("spark").dialect == "pyspark"
    with pytest.raises(UsageError, match="did you mean 'spark'"):
        get_backend("sprak")


def test_off_canonical_files_are_cast_and_unioned_by_name(spark_session, duck, tmp_path):
    # Float money, most optional columns missing, one file with a column the other lacks.
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    pq.write_table(
        pa.table({"period": ["2025-01"], "flow": ["export"], "hs_code": ["010121"],
                  "partner": ["VNM"], "value_cny": [12.5], "value_usd": [1.75]}), a,
    )  # fmt: skip
    pq.write_table(
        pa.table({"period": ["2025-01"], "flow": ["export"], "hs_code": ["010121"],
                  "partner": ["THA"], "value_cny": [0.25], "value_usd": [0.05],
                  "region": ["44"]}), b,
    )  # fmt: skip
    ref = duck.reference
    q = dict(period="2025-01", by="partner", measures="value_cny,value_usd,share_pct")
    got = Engine(Files([a, b]), reference=ref, backend="spark").query(**q)
    want = Engine(Files([a, b]), reference=ref, backend="duckdb").query(**q)
    assert got.to_pylist() == want.to_pylist()
    assert [r["value_cny"] for r in got.to_pylist()] == [Decimal("0.25"), Decimal("12.50")]


def test_one_view_per_file_set():
    x, y = [Path("/s/2025-01.parquet")], [Path("/s/2025-01.parquet"), Path("/s/2025-02.parquet")]
    assert spark.view_name(x) == spark.view_name(list(x)) != spark.view_name(y)


def test_master_is_chosen_once(spark_session):
    assert spark.master() == "local[2]"
    spark.configure("local[2]")  # the same master again is fine
    with pytest.raises(UsageError, match="already running"):
        spark.configure("spark://elsewhere:7077")


def test_cli_engine_spark_matches_duckdb(spark_session, synth_store):
    args = ["query", "--store", str(synth_store), "--period", "2025", "--flow", "export",
            "--by", "partner_group", "--measure", "value_cny,yoy_pct,share_pct", "--format",
            "json"]  # fmt: skip
    runner = CliRunner()
    duck = runner.invoke(app, args)
    sparky = runner.invoke(app, [*args, "--engine", "spark", "--spark-master", "local[2]"])
    assert duck.exit_code == sparky.exit_code == 0, sparky.output
    assert json.loads(sparky.stdout) == json.loads(duck.stdout)
    ind = runner.invoke(
        app, ["indicators", "compute", "--store", str(synth_store), "--period", "2025",
              "--engine", "spark", "--format", "json", "total.yoy", "exports.value"],
    )  # fmt: skip
    assert ind.exit_code == 0, ind.output
    assert [r["name"] for r in json.loads(ind.stdout)] == ["total.yoy", "exports.value"]


def test_cli_spark_master_needs_engine_spark(synth_store, monkeypatch):
    monkeypatch.delenv("TRADESTATS_SPARK_MASTER", raising=False)
    args = ["query", "--store", str(synth_store), "--period", "2025", "--spark-master", "local[2]"]
    got = CliRunner().invoke(app, args)
    assert got.exit_code == 2 and "--spark-master needs --engine spark" in got.output


def test_cli_check_and_bulletin_take_the_engine_options():
    runner = CliRunner()
    for cmd in ("check", "bulletin", "serve", "query"):
        text = runner.invoke(app, [cmd, "--help"], terminal_width=200).output
        assert "--engine" in text and "--spark-master" in text, cmd
