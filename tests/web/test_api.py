"""The API on the hand-made store (tests/web/conftest.py): answers worked out by hand."""

from __future__ import annotations

import warnings

import pytest
from webstore import HAND

from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette: "use httpx2"; httpx is what is locked
    from fastapi.testclient import TestClient

Q = "/api/v1/query"


def rows(client, **params) -> list[dict]:
    r = client.get(Q, params=params)
    assert r.status_code == 200, r.text
    return r.json()["rows"]


def test_total_of_one_month(client):
    (only,) = rows(client, period="2025-03", measures="value_cny,yoy_pct")
    assert only["value_cny"] == 680.00  # 150 + 330 + 180 + 20
    assert only["yoy_pct"] == pytest.approx(680 / 600 * 100 - 100)  # 600 in 2024-03


def test_flows(client):
    assert rows(client, period="2025-03", flow="export", measures="yoy_pct")[0]["yoy_pct"] == (
        pytest.approx(25.0)  # 500 / 400
    )
    assert rows(client, period="2025-03", flow="import", measures="yoy_pct")[0]["yoy_pct"] == (
        pytest.approx(-10.0)  # 180 / 200
    )
    balance = rows(client, period="2025-03", flow="balance", measures="value_cny")
    assert balance[0]["value_cny"] == 320.00  # 500 - 180


def test_money_is_written_exactly(client):
    r = client.get(Q, params={"period": "2025", "flow": "export"})
    assert '"value_cny": 1710.00' in r.text  # 500 + 11 x 110, as a JSON number, two decimals


def test_partners_value_growth_share(client):
    got = rows(client, period="2025-03", flow="export", by="partner",
               measures="value_cny,yoy_pct,share_pct", top=3)  # fmt: skip
    assert [r["partner"] for r in got] == ["USA", "VNM", "TLS"]
    usa, vnm, tls = got
    assert (usa["value_cny"], usa["share_pct"]) == (330.00, pytest.approx(66.0))  # 330 / 500
    assert usa["yoy_pct"] == pytest.approx(10.0)  # 330 / 300
    assert vnm["yoy_pct"] == pytest.approx(50.0)  # 150 / 100
    assert vnm["share_pct"] == pytest.approx(30.0)
    assert tls["yoy_pct"] is None  # no 2024 base: null, never infinity
    assert tls["share_pct"] == pytest.approx(4.0)


def test_top_n(client):
    got = rows(client, period="2025", flow="export", by="partner", top=2)
    assert [r["partner"] for r in got] == ["KOR", "USA"]  # 1210, 330


def test_group_membership_at_period_end(client):
    # Timor-Leste joined ASEAN on 2025-10-26: not in ASEAN in March, in it for the year.
    march = rows(client, period="2025-03", flow="export", partner="asean", measures="value_cny")
    assert march[0]["value_cny"] == 150.00
    year = rows(client, period="2025", flow="export", partner="asean",
                measures="value_cny,yoy_pct")  # fmt: skip
    assert year[0]["value_cny"] == 170.00  # VNM 150 + TLS 20
    assert year[0]["yoy_pct"] == pytest.approx(70.0)  # same members in 2024: VNM 100


def test_exclusion_and_product_filter(client):
    got = rows(client, period="2025-03", flow="export", partner="!USA", measures="value_cny")
    assert got[0]["value_cny"] == 170.00  # 150 + 20
    got = rows(client, period="2025-03", flow="export", product="8471", measures="value_cny")
    assert got[0]["value_cny"] == 330.00


def test_monthly_trend(client):
    got = rows(client, period="2025", flow="export", by="month", measures="value_cny,yoy_pct")
    assert [r["month"] for r in got] == [f"2025-{m:02d}" for m in range(1, 13)]
    by_month = {r["month"]: r for r in got}
    assert by_month["2025-01"]["value_cny"] == 110.00
    assert by_month["2025-01"]["yoy_pct"] == pytest.approx(10.0)  # 110 / 100
    assert by_month["2025-03"]["yoy_pct"] == pytest.approx(25.0)


def test_enterprise_shares_of_the_selection(client):
    got = rows(client, period="2025-03", flow="export", by="enterprise_type",
               measures="value_cny,share_pct", parent="selection")  # fmt: skip
    shares = {r["enterprise_type"]: r["share_pct"] for r in got}
    assert shares == {
        "private": pytest.approx(30.0),  # 150 / 500
        "foreign_invested": pytest.approx(66.0),  # 330 / 500
        "state_owned": pytest.approx(4.0),  # 20 / 500
    }


def test_query_echo(client):
    doc = client.get(Q, params={"period": "2025-YTD", "partner": "asean,!VNM", "by": "partner"})
    q = doc.json()["query"]
    assert q["period"] == "2025-01..2025-12"
    assert q["filters"] == {"partner": ["asean", "!VNM"]}
    assert doc.json()["columns"][1] == {"name": "value_cny", "type": "number"}


def test_csv(client):
    params = {"period": "2025-03", "flow": "export", "by": "partner",
              "measures": "value_cny,yoy_pct", "top": 3, "format": "csv"}  # fmt: skip
    r = client.get(Q, params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.text == "partner,value_cny,yoy_pct\nUSA,330.00,10.0\nVNM,150.00,50.0\nTLS,20.00,\n"


def test_indicators(client):
    names = [i["name"] for i in client.get("/api/v1/indicators").json()["indicators"]]
    assert "exports.yoy" in names
    r = client.get("/api/v1/indicators/exports.yoy", params={"period": "2025"})
    assert r.json()["value"] == pytest.approx(14.0)  # 1710 / 1500
    assert r.json()["unit"] == "percent"
    r = client.get("/api/v1/indicators/total.value", params={"period": "2025"})
    assert '"value": 1890.00' in r.text
    r = client.get("/api/v1/indicators/total.value")
    assert "value" not in r.json() and r.json()["indicator"]["measure"] == "value_cny"


def test_periods_and_batches(client):
    doc = client.get("/api/v1/periods").json()
    assert len(doc["periods"]) == 24
    assert doc["complete_years"] == ["2024", "2025"]
    march = next(p for p in doc["periods"] if p["period"] == "2025-03")
    assert march["rows"] == 4 and march["value_cny"] == 680.00
    (batch,) = client.get("/api/v1/batches").json()["batches"]
    assert batch["id"] == "b000001"
    assert batch["rows_accepted"] == len(HAND) + 22
    assert batch["sources"][0]["file"] == "records.csv"  # a name, never a server path


def test_classifications(client):
    listing = client.get("/api/v1/classifications").json()["classifications"]
    assert {"kind": "partner_group", "name": "asean"}.items() <= next(
        c for c in listing if c["name"] == "asean"
    ).items()
    before = client.get("/api/v1/classifications/asean", params={"on": "2025-10-25"}).json()
    after = client.get("/api/v1/classifications/ASEAN", params={"on": "2025-10-27"}).json()
    codes = lambda d: {r["code"] for r in d["rows"]}  # noqa: E731
    assert codes(after) - codes(before) == {"TLS"}
    assert len(codes(after)) == 11
    trio = client.get("/api/v1/classifications/new_trio", params={"edition": "HS2022"}).json()
    assert trio["kind"] == "product_group" and trio["row_count"] > 0
    countries = client.get("/api/v1/classifications/countries").json()
    assert any(r["iso3"] == "NAM" and r["iso2"] == "NA" for r in countries["rows"])


def test_openapi_and_docs_are_offline(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/query", "/api/v1/indicators/{name}", "/api/v1/classifications/{name}",
                 "/api/v1/periods", "/api/v1/batches"):  # fmt: skip
        assert path in spec["paths"]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn." not in docs and "https://" not in docs.replace("https://fastapi", "")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_dashboard_page(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for src in ("vega-6.4.0.min.js", "vega-lite-6.5.0.min.js", "vega-embed-7.3.0.min.js"):
        assert f"/static/vendor/vega/{src}" in r.text
        assert client.get(f"/static/vendor/vega/{src}").status_code == 200
    assert "https://" not in r.text and "http://" not in r.text


def test_answers_follow_a_new_batch(tmp_path):
    """Answers are cached per store state: a committed revision is seen at once."""
    first = write_csv(tmp_path / "a.csv", [row(period="2025-03", value_cny="100.00")])
    ingest_files(tmp_path / "store", [first])
    with TestClient(create_app(tmp_path / "store")) as c:
        params = {"period": "2025-03", "measures": "value_cny"}
        assert c.get(Q, params=params).json()["rows"][0]["value_cny"] == 100.00
        assert c.get(Q, params=params).json()["rows"][0]["value_cny"] == 100.00  # cached
        revised = write_csv(tmp_path / "b.csv", [row(period="2025-03", value_cny="250.00")])
        ingest_files(tmp_path / "store", [revised], mode="replace")
        assert c.get(Q, params=params).json()["rows"][0]["value_cny"] == 250.00


def test_indicator_values_follow_a_new_batch(tmp_path):
    first = write_csv(tmp_path / "a.csv", [row(period="2025-03", value_cny="100.00")])
    ingest_files(tmp_path / "store", [first])
    path = "/api/v1/indicators/total.value?period=2025-03"
    with TestClient(create_app(tmp_path / "store")) as c:
        assert c.get(path).json()["value"] == 100.00
        assert c.get(path).json()["value"] == 100.00  # cached
        more = write_csv(tmp_path / "b.csv", [row(period="2025-03", value_cny="0.50")])
        ingest_files(tmp_path / "store", [more], mode="append")
        assert c.get(path).json()["value"] == 100.50


def test_a_repeated_question_does_not_wait_for_an_engine(tmp_path):
    """Cached answers are served in the event loop, even while every engine is busy."""
    first = write_csv(tmp_path / "a.csv", [row(period="2025-03", value_cny="100.00")])
    ingest_files(tmp_path / "store", [first])
    app = create_app(tmp_path / "store")
    with TestClient(app) as c:
        params = {"period": "2025-03", "measures": "value_cny", "format": "csv"}
        fresh = c.get(Q, params=params)

        async def busy(*_args, **_kwargs):
            raise AssertionError("the engine pool was asked again")

        app.state.tradestats.pool.run = busy
        again = c.get(Q, params=params)
        assert again.status_code == 200
        assert again.content == fresh.content
        assert again.headers["content-disposition"] == fresh.headers["content-disposition"]
        assert "100.00" in again.text
