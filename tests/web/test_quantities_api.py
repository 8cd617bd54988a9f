"""Quantities, unit values and net weight through the real ingest, the CLI and the API.

Crude oil imports (2709, kg) and LNG (271121, m3), by hand:

    2024-01  SAU 2709    500.00 yuan   5 kg    net 5000 kg
    2024-01  RUS 2709    240.00 yuan   3 kg    net 3000 kg
    2025-01  SAU 2709    700.00 yuan   5.5 kg  net 5500 kg
    2025-01  RUS 2709    300.00 yuan   2 kg    net 2000 kg
    2025-01  QAT 271121   90.00 yuan  40 m3    net 18000 kg

Crude 2025: 7.5 kg for 1000 yuan, unit value 133.33; 2024: 8 kg for 740 yuan, 92.50.
Quantity -6.25 %; unit value (1000 / 7.5) / (740 / 8) - 1 = 8000 / 5550 - 1 = +44.1 %.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner
from web_helpers import assert_envelope

from tradestats.cli import app
from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _oil(period: str, partner: str, hs: str, cny: str, qty: str, unit: str, net: str):
    return row(period=period, flow="import", partner=partner, hs_code=hs, value_cny=cny,
               value_usd="", quantity=qty, unit=unit, net_weight_kg=net)  # fmt: skip


ROWS = [
    _oil("2024-01", "SAU", "27090000", "500.00", "5", "kg", "5000"),
    _oil("2024-01", "RUS", "27090000", "240.00", "3", "kg", "3000"),
    _oil("2025-01", "SAU", "27090000", "700.00", "5.5", "kg", "5500"),
    _oil("2025-01", "RUS", "27090000", "300.00", "2", "kg", "2000"),
    _oil("2025-01", "QAT", "27112100", "90.00", "40", "m3", "18000"),
]
MEASURES = "quantity,unit_value,quantity_yoy_pct,unit_value_yoy_pct,net_weight_kg"


@pytest.fixture(scope="module")
def oil_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("oil")
    ingest_files(root / "store", [write_csv(root / "oil.csv", ROWS)])
    return root / "store"


@pytest.fixture(scope="module")
def oil_client(oil_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(oil_store), raise_server_exceptions=False) as c:
        yield c


def test_the_api_gives_crude_oil_quantity_and_unit_value(oil_client: TestClient) -> None:
    r = oil_client.get("/api/v1/query", params={"period": "2025-01", "product": "2709",
                                                "measures": MEASURES})  # fmt: skip
    assert r.status_code == 200, r.text
    (got,) = json.loads(r.text, parse_float=Decimal)["rows"]
    assert got["quantity"] == Decimal("7.500")
    assert got["unit_value"].quantize(Decimal("0.01")) == Decimal("133.33")  # 1000 / 7.5
    assert got["quantity_yoy_pct"] == Decimal("-6.25")  # (7.5 - 8) / 8
    assert got["unit_value_yoy_pct"].quantize(Decimal("0.1")) == Decimal("44.1")
    assert got["net_weight_kg"] == Decimal("7500.000")


def test_the_api_refuses_adding_kilograms_to_cubic_metres(oil_client: TestClient) -> None:
    r = oil_client.get("/api/v1/query", params={"period": "2025-01", "measures": "quantity"})
    err = assert_envelope(r, 400)
    assert err["code"] == "unsupported" and "kg and m3" in err["message"]
    params = {"period": "2025-01", "by": "unit", "measures": "quantity,unit_value"}
    by_unit = oil_client.get("/api/v1/query", params=params)
    rows = json.loads(by_unit.text, parse_float=Decimal)["rows"]
    assert [(r["unit"], r["quantity"]) for r in rows] == [
        ("kg", Decimal("7.500")), ("m3", Decimal("40.000"))
    ]  # fmt: skip
    assert rows[1]["unit_value"] == Decimal("2.25")  # 90 / 40


def test_the_cli_table_rounds_the_unit_value_and_json_keeps_it(oil_store: Path) -> None:
    args = ["query", "--store", str(oil_store), "--period", "2025-01", "--product", "2709",
            "--measure", "unit_value,quantity_yoy_pct,net_weight_kg"]  # fmt: skip
    table = CliRunner().invoke(app, [*args, "--format", "table"])
    assert table.exit_code == 0, table.output
    assert "133.33" in table.output and "133.333" not in table.output
    assert "-6.3" in table.output  # -6.25 half-up to one decimal
    assert "7,500" in table.output
    out = CliRunner().invoke(app, [*args, "--format", "json"])
    (got,) = json.loads(out.output, parse_float=Decimal)
    assert got["unit_value"] == Decimal("133.33333333333333333333")
