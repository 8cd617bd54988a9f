"""Several periods in one question (period=2024,2025, as Comtrade users ask): each period's answer,
stacked with a period column, through the engine, the API and the CLI (webstore.py: exports
2024 = 1500 yuan, 2025 = 1710)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner
from web_helpers import assert_envelope

from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.errors import BadParameter


def test_the_engine_stacks_each_period_s_answer(store_dir: Path) -> None:
    t = Engine(store_dir).query(period="2024,2025", flow="export", measures="value_cny,yoy_pct")
    rows = t.to_pylist()
    assert [r["period"] for r in rows] == ["2024", "2025"]
    assert [r["value_cny"] for r in rows] == [Decimal("1500.00"), Decimal("1710.00")]
    assert rows[0]["yoy_pct"] is None  # the store holds no 2023
    assert float(rows[1]["yoy_pct"]) == pytest.approx(14.0)  # 1710 / 1500, by hand
    by = Engine(store_dir).query(period="2025-03,2024-03", flow="export", by="partner",
                                 measures="value_cny")  # fmt: skip
    periods = by.column("period").to_pylist()
    assert periods[0] == "2025-03" and periods[-1] == "2024-03"  # in the order asked
    march = [r["value_cny"] for r in by.to_pylist() if r["period"] == "2024-03"]
    assert sum(march) == Decimal("400.00")  # 2024-03 exports: VNM 100 + USA 300


def test_refused_when_repeated_or_with_a_seasonal_series(store_dir: Path) -> None:
    with pytest.raises(BadParameter, match="listed twice"):
        Engine(store_dir).query(period="2025,2025")
    with pytest.raises(BadParameter, match="one span"):
        Engine(store_dir).query(period="2024,2025", by="month", seasonal="sa")


def test_the_api_answers_and_echoes_every_period(client) -> None:
    body = client.get(
        "/api/v1/query", params={"period": "2024,2025", "flow": "export", "measures": "value_cny"}
    ).json()
    assert body["query"]["period"] == "2024,2025"
    assert [(r["period"], r["value_cny"]) for r in body["rows"]] == [("2024", 1500), ("2025", 1710)]
    err = assert_envelope(client.get("/api/v1/query", params={"period": "2025,2031"}), 404)
    assert "2031" in err["message"]


def test_sdmx_gives_each_row_its_own_time_period(store_dir: Path) -> None:
    res = CliRunner().invoke(
        app, ["query", "--store", str(store_dir), "--period", "2024,2025-Q1", "--flow", "export",
              "--format", "sdmx-csv"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    header, *lines = res.output.splitlines()
    at = header.split(",").index("TIME_PERIOD")
    assert [line.split(",")[at] for line in lines] == ["2024", "2025-Q1"]
