"""Every caller mistake gets the JSON error envelope and a 4xx status, never a 5xx."""

from __future__ import annotations

import warnings

import pytest
from web_helpers import assert_envelope

from tradestats.web import Limits, create_app

from helpers import store_listing

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

Q = "/api/v1/query"
MANY = ",".join(f"P{i:02d}" for i in range(60))

CASES = [
    # (url, params, status, code, words in the message or hint)
    (Q, {}, 422, "invalid_parameter", "period"),
    (Q, {"period": "2025-13"}, 400, "invalid_parameter", "bad month"),
    (Q, {"period": "twenty"}, 400, "invalid_parameter", "unknown period"),
    (Q, {"period": "2025-01..2026-02"}, 400, "invalid_parameter", "crosses years"),
    (Q, {"period": "2" * 50}, 422, "invalid_parameter", "period"),
    (Q, {"period": "2023"}, 404, "no_data", "no data for"),
    (Q, {"period": "2026-YTD"}, 404, "no_data", "no data for 2026"),
    (Q, {"period": "2025", "flow": "exprt"}, 400, "invalid_parameter", "flow"),
    (Q, {"period": "2025", "measures": "bogus"}, 400, "invalid_parameter", "unknown measure"),
    (Q, {"period": "2025", "measures": "value_cny,value_cny"}, 400, "invalid_parameter", "twice"),
    (Q, {"period": "2025", "by": "colour"}, 400, "invalid_parameter", "unknown breakdown"),
    (Q, {"period": "2025", "by": "partner,hs2,month,year"}, 422, "invalid_parameter", "at most"),
    (Q, {"period": "2025", "partner": "aesan"}, 400, "invalid_parameter", "asean"),
    # Look-alike letters: Python upper-cases 'uſa' to 'USA'; the engine must not.
    (Q, {"period": "2025", "partner": "uſa"}, 400, "invalid_parameter", "partner"),
    (Q, {"period": "2025", "partner": "ınd"}, 400, "invalid_parameter", "partner"),
    (Q, {"period": "2025", "partner": MANY}, 422, "invalid_parameter", "at most 50"),
    (Q, {"period": "2025", "partner": "<script>"}, 400, "invalid_parameter", "partner"),
    (Q, {"period": "2025", "product": "x" * 400}, 422, "invalid_parameter", "product"),
    (Q, {"period": "2025", "top": "0"}, 422, "invalid_parameter", "top"),
    (Q, {"period": "2025", "top": "100000"}, 422, "invalid_parameter", "top"),
    (Q, {"period": "2025", "top": "ten"}, 422, "invalid_parameter", "top"),
    (Q, {"period": "2025", "flow": "balance", "measures": "share_pct"}, 400, "invalid_parameter",
     "balance"),
    (Q, {"period": "2025", "parent": "world"}, 400, "invalid_parameter", "parent"),
    (Q, {"period": "2025", "as_of": "yesterday"}, 400, "invalid_parameter", "as-of"),
    (Q, {"period": "2025", "as_of": "b000009"}, 400, "bad_request", "no batch"),
    (Q, {"period": "2025", "format": "xml"}, 422, "invalid_parameter", "format"),
    (Q, {"period": "2025", "measures": "growth_streak", "by": "month"}, 400, "invalid_parameter",
     "growth_streak"),
    (Q, {"period": "2025", "colour": "red"}, 400, "invalid_parameter", "unknown parameter"),
    (Q, {"period": "2025", "reporterCode": "156"}, 400, "invalid_parameter", "reporterCode"),
    ("/api/v1/indicators/nope.yoy", {}, 404, "not_found", "unknown indicator"),
    ("/api/v1/indicators/total.yo", {}, 404, "not_found", "total.yoy"),
    ("/api/v1/indicators/total.yoy", {"period": "1999"}, 404, "no_data", "no data"),
    ("/api/v1/indicators/total.yoy", {"period": "Q5"}, 422, "invalid_parameter", "period"),
    ("/api/v1/indicators/a b", {}, 422, "invalid_parameter", "name"),
    ("/api/v1/classifications/nowhere", {}, 404, "not_found", "unknown classification"),
    ("/api/v1/classifications/asean", {"on": "27/10/2025"}, 422, "invalid_parameter", "on"),
    ("/api/v1/classifications/new_trio", {"edition": "HS1996"}, 422, "invalid_parameter",
     "edition"),
    ("/api/v1/periods", {"as_of": "b000042"}, 400, "bad_request", "no batch"),
    ("/api/v1/nothing-here", {}, 404, "not_found", "/api/v1/nothing-here"),
    ("/static/nothing.js", {}, 404, "not_found", "not found"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "params", "status", "code", "words"), CASES)
def test_error_envelope(client, url, params, status, code, words):
    err = assert_envelope(client.get(url, params=params), status)
    assert err["code"] == code
    assert words.lower() in f"{err['message']} {err['hint']}".lower()


def test_validation_details_name_the_parameter(client):
    err = assert_envelope(client.get(Q, params={"period": "2025", "top": "0"}), 422)
    assert err["details"] == [{"loc": "top", "msg": "Input should be greater than or equal to 1"}]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_methods_refused(client, method):
    err = assert_envelope(getattr(client, method)(Q), 405)
    assert err["code"] == "method_not_allowed"


def test_query_string_length_bounded(client):
    err = assert_envelope(client.get(Q, params={"period": "2025", "x": "y" * 5000}), 414)
    assert "query string" in err["message"]


def test_time_limit(store_dir):
    app = create_app(store_dir, limits=Limits(time_limit=1e-6))
    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_envelope(c.get(Q, params={"period": "2025", "by": "partner"}), 503)
    assert err["code"] == "timeout" and "limit" in err["message"]


def test_row_limit(store_dir):
    app = create_app(store_dir, limits=Limits(max_rows=2))
    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_envelope(c.get(Q, params={"period": "2025", "by": "partner"}), 422)
        assert err["code"] == "too_many_rows" and "top" in err["hint"]
        assert c.get(Q, params={"period": "2025", "by": "partner", "top": 2}).status_code == 200


def test_cors_off_by_default_and_on_when_configured(client, store_dir):
    headers = {"Origin": "https://elsewhere.example"}
    r = client.get("/api/v1/periods", headers=headers)
    assert "access-control-allow-origin" not in r.headers
    app = create_app(store_dir, cors_origins=["https://elsewhere.example"])
    with TestClient(app) as c:
        r = c.get("/api/v1/periods", headers=headers)
    assert r.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_no_endpoint_writes_to_the_store(client, store_dir):
    before = store_listing(store_dir)
    files_before = sorted(p.relative_to(store_dir) for p in store_dir.rglob("*"))
    urls = ("/api/v1/query?period=2025&by=partner", "/api/v1/periods", "/api/v1/batches",
            "/api/v1/indicators/total.yoy?period=2025", "/api/v1/classifications", "/")  # fmt: skip
    for url in urls:
        assert client.get(url).status_code == 200
    assert store_listing(store_dir) == before
    assert sorted(p.relative_to(store_dir) for p in store_dir.rglob("*")) == files_before


ODD = ["", " ", "0", "-1", "9" * 30, "ü", "一带一路", "!", "~", ",,,", "a" * 301, "%00", "null"]


def _get_params(spec: dict) -> list[tuple[str, list[str]]]:
    out = []
    for path, item in spec["paths"].items():
        if "get" in item:
            names = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
            out.append((path, names))
    return out


def test_odd_values_never_give_5xx(client):
    """A schemathesis-style sweep: every GET parameter of the schema with odd values."""
    for path, names in _get_params(client.get("/openapi.json").json()):
        concrete = path.replace("{name}", "total.yoy" if "indicators" in path else "asean")
        for name in names:
            for value in ODD:
                params = {"period": "2025", name: value}
                r = client.get(concrete, params=params)
                assert r.status_code < 500, (path, name, value, r.text)
                if r.status_code >= 400:
                    assert_envelope(r, r.status_code)
