"""One query contract: the CLI options and the HTTP parameters are the query model's, accept
exactly what it accepts, and give the same answers (an annual-only store included)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.errors import BadParameter, UsageError
from tradestats.indicators.contract import NAMES, PARAMS, build_query
from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# (parameter, value, accepted by the model?) for every parameter: values the model takes and
# values it refuses, each tried through Python, the CLI and HTTP.
VALUES = [
    ("period", "2025", True), ("period", "2025-13", False), ("period", "2025-YTD", True),
    ("flow", "re_export", True), ("flow", "exprt", False), ("flow", "balance", True),
    ("measures", "value_cny,yoy_pct", True), ("measures", "bogus", False),
    ("by", "partner,month", True), ("by", "colour", False), ("by", "unit", True),
    ("top", "3", True), ("top", "0", False),
    ("partner", "asean,!VNM", True), ("partner", "aesan", False),
    ("product", "new_trio", True), ("product", "trio", False),
    ("enterprise_type", "private", True), ("enterprise_type", "privat", False),
    ("trade_mode", "processing_trade", True), ("trade_mode", "process", False),
    ("region", "37", True), ("region", "99", False),
    ("brand_type", "domestic", True), ("brand_type", "7", False),
    ("reporter", "own", True), ("parent", "selection", True), ("parent", "world", False),
    ("basis", "value_usd", True), ("basis", "value_gbp", False),
    ("grain", "month", True), ("grain", "week", False),
    ("as_of", "b000001", True), ("as_of", "yesterday", False),
]  # fmt: skip
COMPUTED = {
    "region",
    "enterprise_type",
    "trade_mode",
    "brand_type",
    "partner",
    "product",
    "as_of",
    "period",
    "reporter",
}  # checked against reference or store when computed


def test_the_cli_and_http_parameters_are_the_contracts(client):
    cli = {p.name for p in get_command(app).commands["query"].params}  # type: ignore[attr-defined]
    assert set(NAMES) <= cli
    assert cli - set(NAMES) == {
        "store", "explain", "fmt", "out", "engine_name", "spark_master", "classifications", "lang",
        "names", "unrestricted",
    }  # fmt: skip
    spec = client.get("/openapi.json").json()["paths"]["/api/v1/query"]["get"]["parameters"]
    assert {p["name"] for p in spec} == {
        *NAMES,
        "format",
        "names",
        "present",
        "sort",
        "size",
        "next",
        "unrestricted",
    }
    described = {p["name"]: p.get("description", "") for p in spec}
    for p in PARAMS:  # the help is the contract's
        assert p.help in described[p.name]


def _python(store: Path, name: str, value: str) -> bool:
    from tradestats.engine import Engine

    values = {"period": "2025-03", name: value}
    try:
        build_query(values)
        Engine(store).query(**values)
    except BadParameter:
        return False
    except UsageError:  # well formed, but e.g. no data for it: not the contract's business
        return True
    return True


@pytest.mark.parametrize(("name", "value", "accepted"), VALUES)
def test_every_front_end_accepts_exactly_what_the_model_accepts(
    client, store_dir, name, value, accepted
):
    assert _python(store_dir, name, value) is accepted
    flag = next(p for p in PARAMS if p.name == name).cli[0]
    args = ["query", "--store", str(store_dir), "--period", "2025-03", flag, value]
    if name == "period":
        args = ["query", "--store", str(store_dir), "--period", value]
    res = CliRunner().invoke(app, args)
    refused = res.exit_code == 2 and "unknown" in res.output + str(res.stderr_bytes or b"")
    if accepted:
        assert res.exit_code in (0, 2) and not refused, res.output
    else:
        assert res.exit_code == 2
    r = client.get("/api/v1/query", params={"period": "2025-03", name: value})
    invalid = r.status_code in (400, 422) and r.json()["error"]["code"] == "invalid_parameter"
    assert invalid is not accepted, (r.status_code, r.text)


def test_an_unknown_http_parameter_is_named(client):
    r = client.get("/api/v1/query", params={"period": "2025-03", "colour": "red"})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "invalid_parameter" and "colour" in err["message"]
    assert err["details"] == [{"loc": "colour", "msg": "unknown parameter"}]


@pytest.fixture(scope="module")
def annual_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Comtrade-like annual data: two reporters, years 2021 and 2022, no months at all."""
    tmp = tmp_path_factory.mktemp("annual")
    rows = [
        row(period=y, flow="export", partner=p, reporter="CHN", value_usd=v, value_cny="",
            hs_code="TOTAL", product_level="total", enterprise_id="", quantity="", unit="")
        for y, p, v in (("2021", "USA", "500.00"), ("2021", "KOR", "150.00"),
                        ("2022", "USA", "560.00"), ("2022", "KOR", "140.00"))
    ]  # fmt: skip
    ingest_files(tmp / "s", [write_csv(tmp / "a.csv", rows)])
    return tmp / "s"


def test_an_annual_only_store_answers_the_same_over_cli_and_http(annual_store):
    q = {"period": "2022", "flow": "export", "by": "partner", "basis": "value_usd",
         "measures": "value_usd,yoy_pct,share_pct"}  # fmt: skip
    args = ["query", "--store", str(annual_store), "--format", "json"]
    for k, v in q.items():
        args += [next(p for p in PARAMS if p.name == k).cli[0], v]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    cli_rows = json.loads(res.stdout)
    with TestClient(create_app(annual_store)) as c:
        r = c.get("/api/v1/query", params=q)
    assert r.status_code == 200, r.text
    http_rows = json.loads(r.text)["rows"]
    assert cli_rows == http_rows
    # 560 / 700 = 80 %; 560 against 500 = +12 %
    assert http_rows[1] == {"partner": "USA", "value_usd": 560.00, "yoy_pct": 12.0,
                            "share_pct": 80.0}  # fmt: skip
