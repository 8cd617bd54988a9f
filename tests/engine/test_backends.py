"""The DuckDB backend: the records view, type normalisation, offline settings, backend choice."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tsfakes import FakeReference

from tradestats.backends import get_backend
from tradestats.backends.duckdb import DuckDBBackend, records_view_sql
from tradestats.engine import Engine
from tradestats.errors import UsageError


class Files:
    def __init__(self, files):
        self.files = files

    def periods(self, as_of=None):
        return sorted({pq.read_table(f).column("period")[0].as_py() for f in self.files})

    def data_files(self, periods=None, as_of=None):
        return self.files


def test_off_canonical_file_is_cast_to_canonical_types(tmp_path):
    # A file with float money and without most optional columns: the view casts and fills.
    path = tmp_path / "odd.parquet"
    pq.write_table(
        pa.table({"period": ["2025-01"], "flow": ["export"], "hs_code": ["010121"],
                  "partner": ["VNM"], "value_cny": [12.5], "value_usd": [1.75]}),
        path,
    )  # fmt: skip
    assert "CAST(value_cny AS DECIMAL(18,2))" in records_view_sql([path])
    eng = Engine(Files([path]), reference=FakeReference())
    got = eng.query(period="2025-01", measures="value_cny,value_usd").to_pylist()[0]
    assert got == {"value_cny": Decimal("12.50"), "value_usd": Decimal("1.75")}


def test_canonical_files_need_no_cast(gen_store):
    sql = records_view_sql(gen_store.data_files())
    assert "CAST(" not in sql and "union_by_name = true" in sql


def test_no_extension_downloads():
    con = DuckDBBackend().con
    rows = con.raw_sql(
        "SELECT current_setting('autoinstall_known_extensions'), "
        "current_setting('autoload_known_extensions')"
    ).fetchall()
    assert rows == [(False, False)]


def test_backend_choice():
    assert get_backend("duckdb").dialect == "duckdb"
    with pytest.raises(UsageError, match="did you mean 'duckdb'"):
        get_backend("duckbd")


def test_partition_folder_names_do_not_retype_the_period(tmp_path):
    # Regression: an annual file stored under data/period=2012/ made DuckDB's hive detection
    # read `period` as the integer 2012; the file's own column (text) must win.
    import duckdb

    from tradestats.records import SCHEMA

    folder = tmp_path / "period=2012"
    folder.mkdir()
    row = {name: None for name in SCHEMA.names}
    row.update(period="2012", flow="export", hs_code="850760", partner="USA")
    row["value_usd"] = Decimal("1.00")
    pq.write_table(pa.Table.from_pylist([row], schema=SCHEMA), folder / "b000001-0.parquet")
    con = duckdb.connect()
    con.execute(records_view_sql([folder / "b000001-0.parquet"]))
    assert con.sql("SELECT period, typeof(period) FROM records").fetchall() == [("2012", "VARCHAR")]
