"""What UN Comtrade users type works as they mean it, in the engine and over HTTP: partner
numbers (842 is the USA in Comtrade, not ISO's 840), country names (Vietnam, 越南), flow codes
(X, M) and Comtrade's month periods (202506). Hand-worked on a store where month m of each year
holds 100 + m CNY of exports to each of USA and VNM."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tradestats.engine import Engine
from tradestats.errors import BadParameter

from helpers import two_year_store


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine(two_year_store(tmp_path_factory.mktemp("comtrade-habits")))


def value(engine: Engine, **kw: str) -> Decimal:
    rows = engine.query(**kw).to_pylist()
    assert len(rows) == 1
    return rows[0]["value_cny"]


@pytest.mark.parametrize(
    "partner", ["USA", "842", "0842", "United States", "united states", "美国"]
)
def test_a_partner_by_comtrade_number_or_name(engine: Engine, partner: str) -> None:
    assert value(engine, period="2025-06", flow="export", partner=partner) == Decimal("106.00")


@pytest.mark.parametrize("partner", ["Vietnam", "Viet Nam", "越南", "704"])
def test_vietnam_by_name_or_number(engine: Engine, partner: str) -> None:
    assert value(engine, period="2025-06", flow="export", partner=partner) == Decimal("106.00")


def test_an_excluded_comtrade_number_and_a_group_still_a_group(engine: Engine) -> None:
    assert value(engine, period="2025-06", partner="!842") == Decimal("106.00")  # VNM alone
    assert value(engine, period="2025-06", partner="asean") == Decimal("106.00")  # VNM is in it


def test_comtrade_flow_codes(engine: Engine) -> None:
    assert value(engine, period="2025-06", flow="X") == Decimal("212.00")
    assert value(engine, period="2025-06", flow="x") == value(
        engine, period="2025-06", flow="export"
    )
    assert value(engine, period="2025-06", flow="M") == Decimal("0.00")  # the store has no imports


def test_comtrade_month_period(engine: Engine) -> None:
    assert value(engine, period="202506") == Decimal("212.00")
    assert engine.query(period="202506", measures="value_cny,yoy_pct").to_pylist() == (
        engine.query(period="2025-06", measures="value_cny,yoy_pct").to_pylist()
    )
    with pytest.raises(BadParameter, match="bad month"):
        engine.query(period="202513")


def test_an_unknown_name_is_still_refused(engine: Engine) -> None:
    with pytest.raises(BadParameter, match="unknown partner group 'Atlantis'"):
        engine.query(period="2025-06", partner="Atlantis")


@pytest.mark.parametrize(("typed", "meant"), [("Vietnm", "VNM"), ("Thailnd", "THA")])
def test_a_misspelt_country_name_suggests_the_country(
    engine: Engine, typed: str, meant: str
) -> None:
    with pytest.raises(BadParameter) as info:
        engine.query(period="2025-06", partner=typed)
    assert f"unknown partner {typed!r}" in info.value.message
    assert info.value.hint is not None and f"({meant})" in info.value.hint


def test_a_misspelt_group_still_suggests_the_group(engine: Engine) -> None:
    with pytest.raises(BadParameter) as info:
        engine.query(period="2025-06", partner="aesan")
    assert info.value.hint == "did you mean 'asean'?"


def test_the_http_api_takes_the_same_spellings(engine: Engine) -> None:
    from fastapi.testclient import TestClient

    from tradestats.web import create_app

    with TestClient(create_app(engine.store.root), raise_server_exceptions=False) as client:
        comtrade = client.get("/api/v1/query", params={"period": "202506", "flow": "X",
                                                       "partner": "842"})  # fmt: skip
        iso = client.get("/api/v1/query", params={"period": "2025-06", "flow": "export",
                                                  "partner": "USA"})  # fmt: skip
    assert [comtrade.status_code, iso.status_code] == [200, 200], comtrade.text
    assert comtrade.json()["rows"] == iso.json()["rows"]
    assert comtrade.json()["query"]["period"] == "2025-06"


def test_the_cli_puts_names_beside_codes(engine: Engine, tmp_path) -> None:
    from typer.testing import CliRunner

    from tradestats.cli import app

    args = ["query", "--store", str(engine.store.root), "--period", "2025-06", "--by", "partner"]
    r = CliRunner().invoke(app, [*args, "--names", "both", "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "partner,partner_name,partner_name_zh,value_cny",
        "USA,United States,美国,106.00",
        "VNM,Vietnam,越南,106.00",
    ]
    refused = CliRunner().invoke(app, [*args, "--names", "both", "-f", "sdmx-csv"])
    assert refused.exit_code == 2 and "SDMX" in refused.output
