"""``POST /api/v1/ingest``: absent by default, token-protected, the normal ingest behind it.

Most tests use the ASGI app (``create_app(..., ingest=IngestConfig(...))``); the CLI tests
check that ``tradestats serve --allow-ingest`` refuses to start without a good token and that
a real server takes an upload.
"""

from __future__ import annotations

import http.client
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_kit import build_store, fingerprint, served
from typer.testing import CliRunner

from tradestats.cli import app as cli
from tradestats.store import Store
from tradestats.web import Limits, create_app
from tradestats.web.routes.ingest import IngestConfig

from helpers import csv_text, row

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "t" * 16 + "0123456789abcdef-_"  # 34 characters
URL = "/api/v1/ingest"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JAN_2026 = csv_text([row(period="2026-01", value_cny="5.00"), row(period="2026-01", partner="KOR")])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[dict[str, Any]]:
    store = build_store(tmp_path)
    config = IngestConfig(store=store, token=TOKEN, max_bytes=10_000)
    with TestClient(create_app(store, ingest=config), raise_server_exceptions=False) as c:
        yield {"store": store, "client": c}


def test_absent_by_default(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        response = c.post(URL, content=JAN_2026, headers=AUTH)
        assert response.status_code == 404
        assert "/api/v1/ingest" not in c.get("/openapi.json").json()["paths"]
    assert [b.id for b in Store(store).batches()] == ["b000001"]


def test_in_the_schema_when_enabled(site: dict[str, Any]) -> None:
    op = site["client"].get("/openapi.json").json()["paths"][URL]["post"]
    assert "text/csv" in op["requestBody"]["content"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN},
     {"Authorization": f"Bearer {TOKEN}x"}, {"X-Token": TOKEN}],
)  # fmt: skip
def test_401_without_the_right_token(site: dict[str, Any], headers: dict[str, str]) -> None:
    before = fingerprint(site["store"])
    response = site["client"].post(URL, content=JAN_2026, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert fingerprint(site["store"]) == before


def test_the_right_token_ingests_and_answers_the_report(site: dict[str, Any]) -> None:
    client = site["client"]
    response = client.post(URL, params={"filename": "jan.csv"}, content=JAN_2026, headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["batch"] == "b000002" and report["rows_accepted"] == 2
    assert report["sources"][0]["path"] == "jan.csv"  # not the server's temporary path
    assert "2026-01" in [p["period"] for p in client.get("/api/v1/periods").json()["periods"]]
    answer = client.get("/api/v1/query", params={"period": "2026-01"}).json()
    assert answer["rows"][0]["value_cny"] == 1005.0  # 5.00 + 1000.00, seen at once
    batches = client.get("/api/v1/batches").json()["batches"]
    assert batches[-1]["note"] == "uploaded over HTTP as jan.csv"


def test_modes_new_append_replace(site: dict[str, Any]) -> None:
    client, store = site["client"], site["store"]
    post = lambda body, mode: client.post(URL, params={"mode": mode}, content=body, headers=AUTH)  # noqa: E731
    assert post(JAN_2026, "new").status_code == 200
    again = post(JAN_2026, "new")  # the periods hold data: refused, like the CLI
    assert again.status_code == 400 and "already hold data" in again.json()["error"]["message"]
    more = csv_text([row(period="2026-01", value_cny="7.00", enterprise_id="E9")])
    assert post(more, "append").json()["rows_accepted"] == 1
    revised = csv_text([row(period="2026-01", value_cny="1.00")])
    assert post(revised, "replace").status_code == 200
    assert Store(store).state()["2026-01"].vintage == 2
    assert [b.mode for b in Store(store).batches()] == ["new", "new", "append", "replace"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (csv_text([row(period="2026-13")]), "2026-13"),
        (csv_text([row(partner="XXX", period="2026-02")]), "XXX"),
        (b"\x00\x01binary junk", "binary"),
        ("period,flow\n2026-01,export\n", "missing required column"),
    ],
)
def test_a_bad_file_is_refused_and_commits_nothing(
    site: dict[str, Any], body: str | bytes, words: str
) -> None:
    before = fingerprint(site["store"])
    response = site["client"].post(URL, params={"filename": "bad.csv"}, content=body,
                                   headers=AUTH)  # fmt: skip
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "ingest_refused" and words in error["message"]
    assert "ts-upload-" not in error["message"]  # the upload's name, not the temporary path
    after = fingerprint(site["store"])
    assert after[0] == before[0]  # no batch
    assert {k: v for k, v in after[1].items() if not k.startswith("attempts/")} == before[1]


def test_an_upload_into_a_damaged_store_is_503_and_changes_nothing(
    site: dict[str, Any],
) -> None:
    store = Path(site["store"])
    Store(store).data_files()[0].unlink()  # a live data file lost
    before = fingerprint(store)
    response = site["client"].post(URL, params={"filename": "jan.csv"}, content=JAN_2026,
                                   headers=AUTH)  # fmt: skip
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["code"] == "store_damaged" and "is missing" in error["message"]
    assert str(store) not in response.text and str(store.parent) not in response.text
    assert fingerprint(store) == before


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "a/b.csv", "..", ".hidden", "x\x00.csv", "a" * 200]
)
def test_the_file_name_is_a_name_never_a_path(site: dict[str, Any], name: str) -> None:
    before = fingerprint(site["store"])
    response = site["client"].post(URL, params={"filename": name}, content=JAN_2026, headers=AUTH)
    assert response.status_code == 422
    assert fingerprint(site["store"]) == before


def test_uploads_over_the_limit_get_413(site: dict[str, Any]) -> None:
    before = fingerprint(site["store"])
    big = JAN_2026 + "\n" * 20_000
    response = site["client"].post(URL, content=big, headers=AUTH)
    assert response.status_code == 413
    empty = site["client"].post(URL, content=b"", headers=AUTH)
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "empty_upload"
    assert fingerprint(site["store"]) == before


def test_the_upload_limit_applies_to_uploads_only(tmp_path: Path) -> None:
    """Allowing large uploads leaves the other routes' body limit as it is."""
    store = build_store(tmp_path)
    config = IngestConfig(store=store, token=TOKEN, max_bytes=100_000)
    app = create_app(store, ingest=config, limits=Limits(max_body=2_000))
    upload = csv_text([row(period="2026-01", hs_code=f"8507{i:06d}") for i in range(60)])
    assert 2_000 < len(upload) < 100_000
    with TestClient(app, raise_server_exceptions=False) as client:
        check = client.post("/api/v1/check", json={"text": "x" * 3_000})
        assert check.status_code == 413, check.text
        taken = client.post(URL, content=upload, headers=AUTH)
        assert taken.status_code == 200 and taken.json()["rows_accepted"] == 60, taken.text
        stranger = client.post(URL, content=upload, headers={"Authorization": "Bearer x"})
        assert stranger.status_code == 401


@pytest.mark.parametrize("token", [None, "", "short-token"])
def test_serve_refuses_to_start_without_a_good_token(
    tmp_path: Path, token: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = build_store(tmp_path)
    monkeypatch.delenv("TRADESTATS_INGEST_TOKEN", raising=False)
    if token is not None:
        monkeypatch.setenv("TRADESTATS_INGEST_TOKEN", token)
    result = CliRunner().invoke(cli, ["serve", "--store", str(store), "--allow-ingest"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception)
    assert "TRADESTATS_INGEST_TOKEN" in str(result.exception) or "token" in str(result.exception)


@pytest.mark.slow
def test_a_real_server_takes_an_upload(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    env = {"TRADESTATS_INGEST_TOKEN": TOKEN}
    with served(store, "--allow-ingest", env=env) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", f"{URL}?filename=jan.csv", body=JAN_2026.encode(), headers=AUTH)
        response = conn.getresponse()
        body = json.loads(response.read())
        assert response.status == 200 and body["rows_accepted"] == 2, body
        conn.request("POST", URL, body=JAN_2026.encode(), headers={"Authorization": "Bearer x"})
        response = conn.getresponse()
        response.read()
        assert response.status == 401
    assert [b.id for b in Store(store).batches()] == ["b000001", "b000002"]
