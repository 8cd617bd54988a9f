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


def test_seed_batch_sql_reads_records_into_one_cube(engine: Engine) -> None:
    sql = engine.explain_indicators(NAMES, "2025")
    steps = {
        part.split("\n", 1)[0]: part.split("\n", 1)[1]
        for part in ("\n" + sql).split("\n-- step ")[1:]
    }
    cube = next(body for head, body in steps.items() if "the cube" in head)
    cells = next(body for head, body in steps.items() if "cells" in head)
    distinct = [body for head, body in steps.items() if "distinct enterprises" in head]
    # The sums: one scan of the records into a small cube, every figure's cells over it.
    assert cube.count('FROM "records"') == 1 and "GROUP BY" in cube
    assert 'FROM "records"' not in cells and 'FROM "tradestats_cube"' in cells
    # Distinct enterprises are counted on the records, in a scan of their own (the cube cannot
    # count distinct values), and nowhere else.
    assert len(distinct) == 1 and distinct[0].count("COUNT(DISTINCT") == 1
    assert sql.count("COUNT(DISTINCT") == 1
    check("_seed_batch", sql)
