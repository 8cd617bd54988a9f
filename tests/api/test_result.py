"""Engine.result(): pandas arithmetic on floats by default, exact Decimals one call away;
polars, Arrow, Excel and Parquet keep the exact digits.

The store, by hand: exports 2025-03 to USA 1,234,567,000,000.01 yuan and KOR 0.30 yuan.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from tradestats.engine import Engine
from tradestats.export import floated
from tradestats.ingest import ingest_files
from tradestats.result import Result

from helpers import row, write_csv

ASK = dict(period="2025-03", flow="export", by="partner", measures="value_cny")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("result")
    rows = [
        row(period="2025-03", partner="USA", value_cny="1234567000000.01"),
        row(period="2025-03", partner="KOR", value_cny="0.30"),
    ]
    ingest_files(root / "store", [write_csv(root / "in.csv", rows)])
    return Engine(root / "store")


def _by_partner(frame) -> dict[str, object]:
    return dict(zip(frame["partner"], frame["value_cny"], strict=True))


def test_pandas_floats_by_default(engine: Engine) -> None:
    df = engine.result(**ASK).to_pandas()
    assert str(df.value_cny.dtype) == "float64"
    got = _by_partner(df)
    assert got["KOR"] == 0.3  # the nearest double to 0.30, not 0.30000000000000004
    assert (df.value_cny / 1e9).max() == pytest.approx(1234.567)


def test_pandas_exact_on_request(engine: Engine) -> None:
    got = _by_partner(engine.result(**ASK).to_pandas(exact=True))
    assert got == {"USA": Decimal("1234567000000.01"), "KOR": Decimal("0.30")}


def test_polars_and_arrow_exact(engine: Engine) -> None:
    result = engine.result(**ASK)
    assert isinstance(result.to_arrow(), pa.Table)
    assert len(result) == 2 and result.columns == ["partner", "value_cny"]
    pl_frame = result.to_polars()
    assert _by_partner(pl_frame.to_dict(as_series=False))["USA"] == Decimal("1234567000000.01")


def test_excel_cells_hold_exact_digits(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    engine.result(**ASK).to_excel(path)
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("partner", "value_cny")
    got = {p: Decimal(str(v)) for p, v in rows[1:]}
    assert got == {"USA": Decimal("1234567000000.01"), "KOR": Decimal("0.3")}


def test_parquet_round_trip(engine: Engine, tmp_path: Path) -> None:
    result = engine.result(**ASK)
    result.to_parquet(tmp_path / "r.parquet")
    back = pq.read_table(tmp_path / "r.parquet")
    assert back.equals(result.to_arrow())


def test_floated_keeps_nulls_and_nearest_double() -> None:
    col = pa.array([Decimal("0.10"), None, Decimal("2.675")], pa.decimal128(38, 3))
    got = floated(pa.table({"v": col})).column("v").to_pylist()
    assert got == [0.1, None, 2.675]


def test_repr_and_notebook_display(engine: Engine) -> None:
    result = engine.result(**ASK)
    assert repr(result) == "<Result 2 rows: partner, value_cny>"
    assert "<table>" in result._repr_html_() and "USA" in result._repr_html_()


def test_result_of_a_table() -> None:
    assert len(Result(pa.table({"a": [1, 2, 3]}))) == 3
