"""Golden SQL: the DuckDB SQL of every named indicator, and of the shared-scan batch.

A change in generated SQL must be reviewed: rerun with TRADESTATS_UPDATE_GOLDEN=1 to rewrite the
files, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tsfakes import FakeReference, FakeStore

from tradestats.engine import Engine
from tradestats.indicators.library import load_library

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("TRADESTATS_UPDATE_GOLDEN") == "1"
NAMES = load_library().names()
MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    rows = [
        # Both currencies: the engine refuses a money measure the data do not hold.
        {
            "period": m,
            "flow": "export",
            "partner": "VNM",
            "hs_code": "870380",
            "value_cny": "1",
            "value_usd": "1",
        }
        for m in MONTHS
    ]
    return Engine(
        FakeStore(tmp_path_factory.mktemp("golden")).write(rows), reference=FakeReference()
    )


def check(name: str, sql: str) -> None:
    path = GOLDEN / f"{name}.sql"
    if UPDATE or not path.exists():
        path.write_text(sql, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote new golden file {path.name}; review it and rerun")
    assert sql == path.read_text(encoding="utf-8"), f"SQL of {name} changed (see {path})"


@pytest.mark.parametrize("name", NAMES)
def test_indicator_sql(engine: Engine, name: str) -> None:
    check(name, engine.explain(engine.library.get(name).query("2025")))


def test_seed_batch_sql_reads_records_once(engine: Engine) -> None:
    sql = engine.explain_indicators(NAMES, "2025")
    assert sql.count('FROM "records"') == 1  # every figure from one filtered relation
    # The sums come from the small cube; distinct enterprises and partners are counted on the
    # records, in an aggregate of their own (Spark would otherwise expand every row once per
    # distinct column, and the cube cannot count distinct values).
    sums, distinct = sql.split("CROSS JOIN")
    assert "COUNT(DISTINCT" not in sums and distinct.count("COUNT(DISTINCT") == 2
    check("_seed_batch", sql)
