"""The API and the dashboard under a store's disclosure policy.

The hand-made web store has one enterprise per partner (``E`` + its code), so with a policy
every partner cell is a one-firm cell, confidential; exports 2025 as a whole are four firms'
1710 yuan (KOR 1210, the largest, 70.8 %: under the (1, 85) rule), published. Without
``--allow-unrestricted`` the server refuses to show confidential values.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import assert_envelope, live_server
from webstore import build_store

from tradestats.disclosure import Policy, save_policy
from tradestats.store import Store
from tradestats.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ASK = {"period": "2025", "flow": "export", "by": "partner", "measures": "value_cny,yoy_pct"}


@pytest.fixture(scope="module")
def policed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = build_store(tmp_path_factory.mktemp("disclosure-web"))
    save_policy(Store(store), Policy(dominance=((1, 85),)), note="one firm over 85 %")
    return store


@pytest.fixture(scope="module")
def client(policed: Path) -> Iterator[TestClient]:
    with TestClient(create_app(policed), raise_server_exceptions=False) as c:
        yield c


def test_the_api_answers_confidential_cells_null_with_flag_c(client: TestClient) -> None:
    r = client.get("/api/v1/query", params={**ASK, "present": "en"})
    assert r.status_code == 200
    doc = r.json()
    assert {row["partner"] for row in doc["rows"]} == {"KOR", "USA", "VNM", "TLS"}
    assert all(row["value_cny"] is None and row["flag"] == "c" for row in doc["rows"])
    assert all(row["yoy_pct"] is None for row in doc["rows"])
    cells = doc["presented"]["rows"]
    at = list(doc["presented"]["headers"]).index("value_cny")
    assert {c[at] for c in cells} == {"c"} and doc["presented"]["notes"][0].startswith("c: ")
    assert doc["query"]["disclosure"].startswith("policy 1")
    total = client.get("/api/v1/query", params={"period": "2025", "flow": "export"}).json()
    assert total["rows"] == [{"value_cny": 1710.0, "flag": ""}]  # totals stay true


def test_downloads_carry_the_flag(client: TestClient) -> None:
    csv = client.get("/api/v1/query", params={**ASK, "format": "csv"}).text
    assert csv.splitlines()[0] == "partner,value_cny,yoy_pct,flag"
    assert "KOR,,,c" in csv.splitlines()


def test_the_server_refuses_unrestricted_by_default(client: TestClient) -> None:
    r = client.get("/api/v1/query", params={**ASK, "unrestricted": "true"})
    body = assert_envelope(r, 403)
    assert "unrestricted" in body["message"]


def test_a_server_started_to_allow_it_answers_unrestricted(policed: Path) -> None:
    with TestClient(create_app(policed, allow_unrestricted=True)) as c:
        rows = c.get("/api/v1/query", params={**ASK, "unrestricted": "true"}).json()["rows"]
    assert {(r["partner"], r["value_cny"], r["flag"]) for r in rows} == {
        ("KOR", 1210.0, "c"), ("USA", 330.0, "c"), ("VNM", 150.0, "c"), ("TLS", 20.0, "c")
    }  # fmt: skip


def test_the_dashboard_shows_c_and_the_legend(browser: Any, policed: Path) -> None:
    with live_server(create_app(policed)) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/#period=2025&flow=export")
        page.wait_for_function("document.body.dataset.state === 'ready'", timeout=20_000)
        cells = page.evaluate(
            "[...document.querySelectorAll('#data-table tbody tr')]"
            ".map(tr => tr.children[1].textContent)"
        )
        assert cells and set(cells) == {"c"}
        assert page.inner_text("#kpi-value") == "1,710.00"
        assert page.is_visible("#conf-note")
        assert page.inner_text("#conf-note").startswith("c: confidential")
        page.select_option("#f-lang", "zh")
        page.wait_for_function("document.documentElement.lang === 'zh-CN'", timeout=20_000)
        assert page.inner_text("#conf-note").startswith("c：涉及统计保密")


def test_a_named_indicator_withheld_is_null_with_flag_c(client: TestClient) -> None:
    # Imports 2025: VNM's one firm (EVNM, 180.00) alone: confidential.
    doc = client.get("/api/v1/indicators/imports.value", params={"period": "2025"}).json()
    assert (doc["value"], doc["flag"]) == (None, "c")
    doc = client.get("/api/v1/indicators/exports.value", params={"period": "2025"}).json()
    assert (doc["value"], doc["flag"]) == (1710.0, "")
