"""Hostile requests against the web app: path traversal and SQL injection in every path and
query parameter, oversized bodies.

Every parameter of every operation comes from the app's own OpenAPI schema, so a new route or
parameter is covered without editing this file. Path parameters are also sent as raw bytes to
a real ``tradestats serve`` (no client library normalises ``../`` or decodes ``%2e%2e%2f``
before the server sees it). Each answer must be 4xx (traversal) or not 5xx (injection), never
show a file from outside the static folder, and the store must be byte for byte unchanged.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from server_kit import build_store, fingerprint, get, raw, served

from tradestats.web import create_app
from tradestats.web.routes.pages import STATIC_DIR

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CANARY_TEXT = "CANARY-7f3c9e-not-to-be-served"
PASSWD = b"root:x:0:0"
# Values that are fine for the parameters a request needs while another one is attacked.
GOOD = {"period": "2025", "name": "total.yoy", "/api/v1/classifications/{name}": "asean"}
SQL = [
    "' OR '1'='1", "1; DROP TABLE records; --",
    "2025' UNION SELECT * FROM read_csv('/etc/passwd')--",
    "x\"); COPY (SELECT 1) TO '{pwned}'; --", "'; COPY (SELECT 1) TO '{pwned}'; --",
    "asean') OR 1=1 --", "USA,'||(SELECT 1)||'", "1 OR 1=1", "$$; ATTACH '{pwned}' AS x; --",
    "\\'; SELECT 1; --", "%' AND 1=0 UNION ALL SELECT NULL--", "b000001' OR ''='",
]  # fmt: skip


def traversal(canary: Path, secret: Path) -> list[str]:
    """Decoded values a query parameter may carry."""
    return [
        "../../../../../../etc/passwd", "..\\..\\..\\..\\windows\\win.ini", "/etc/passwd",
        str(canary), os.path.relpath(canary, STATIC_DIR), os.path.relpath(secret, STATIC_DIR),
        "....//....//....//etc/passwd", "file:///etc/passwd", "x\x00y", "..%2f..%2fetc%2fpasswd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/" + "../" * 12 + "etc/passwd",
    ]  # fmt: skip


def raw_paths(canary: Path, secret: Path) -> list[str]:
    """Path segments sent undecoded in the request line."""
    rel = os.path.relpath(canary, STATIC_DIR)
    return [
        "../../../../../../etc/passwd", "..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%5c..%5c..%5cetc%5cpasswd", "%2fetc%2fpasswd", "/etc/passwd", "app.js%00.png",
        "%00", "....//....//....//etc/passwd", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "%252e%252e%252f%252e%252e%252fetc%252fpasswd", rel, rel.replace("../", "..%2f"),
        os.path.relpath(secret, STATIC_DIR).replace("/", "%2f"), str(canary)[1:],
    ]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("hostile")
    store = build_store(root)
    canary = root / "canary.txt"
    canary.write_text(CANARY_TEXT, encoding="utf-8")
    secret = next((store / "manifest").glob("*.json"))
    app = create_app(store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield {"root": root, "store": store, "canary": canary, "secret": secret, "app": app,
               "client": client}  # fmt: skip


def operations(app: Any) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(method, path template, parameters) of every operation of the OpenAPI schema."""
    out = []
    for path, item in app.openapi()["paths"].items():
        for method, op in item.items():
            out.append((method, path, op.get("parameters", [])))
    return out


def requests_with(app: Any, payload: str) -> Iterator[tuple[str, str, dict[str, str], str]]:
    """(method, url, query, what) for ``payload`` in each parameter of each GET operation;
    the other required parameters get good values."""
    for method, template, params in operations(app):
        if method != "get":
            continue
        for target in params:
            url, query = template, {}
            for p in params:
                value = payload if p is target else GOOD.get(template, GOOD.get(p["name"]))
                if p["in"] == "path":
                    safe = quote(value, safe="") if p is target else value
                    url = url.replace("{" + p["name"] + "}", safe or "x")
                elif p is target or p.get("required") or p["name"] in GOOD:
                    query[p["name"]] = value or "x"  # a good period makes as_of count
            yield method, url, query, f"{target['name']} ({target['in']}) of {template}"


def leaks(body: bytes) -> bool:
    return CANARY_TEXT.encode() in body or PASSWD in body or b'"seq"' in body


def test_every_parameter_is_in_the_schema(site: dict[str, Any]) -> None:
    """The attacks below reach every parameter (the schema lists at least these)."""
    names = {(path, p["name"]) for _, path, params in operations(site["app"]) for p in params}
    assert ("/api/v1/query", "partner") in names and (
        "/api/v1/bulletin/{period}",
        "period",
    ) in names
    assert len(names) >= 25


def test_traversal_in_query_and_path_parameters(site: dict[str, Any]) -> None:
    before = fingerprint(site["store"])
    client, seen = site["client"], 0
    for payload in traversal(site["canary"], site["secret"]):
        for method, url, query, what in requests_with(site["app"], payload):
            response = client.request(method, url, params=query)
            seen += 1
            assert 400 <= response.status_code < 500, (what, payload, response.status_code)
            assert not leaks(response.content), (what, payload)
    assert seen > 200
    assert fingerprint(site["store"]) == before


def test_sql_injection_in_every_parameter(site: dict[str, Any]) -> None:
    before = fingerprint(site["store"])
    pwned = site["root"] / "pwned.csv"
    client, statuses = site["client"], {}
    for template in SQL:
        payload = template.format(pwned=pwned)
        for method, url, query, what in requests_with(site["app"], payload):
            response = client.request(method, url, params=query)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, (what, payload, response.text[:300])
            assert not leaks(response.content), (what, payload)
    assert not pwned.exists(), "an injected COPY or ATTACH ran"
    assert fingerprint(site["store"]) == before
    print(f"SQL injection answers: {dict(sorted(statuses.items()))}")


def test_post_check_text_with_sql_and_traversal(site: dict[str, Any]) -> None:
    before = fingerprint(site["store"])
    for payload in [*SQL, *traversal(site["canary"], site["secret"])]:
        text = f"In 2025, exports to {payload} rose 5 percent."
        response = site["client"].post("/api/v1/check", json={"text": text, "as_of": payload})
        assert response.status_code < 500, (payload, response.text[:300])
    assert fingerprint(site["store"]) == before


def test_oversized_and_unsized_bodies(site: dict[str, Any]) -> None:
    client, limit = site["client"], 256_000
    big = b'{"text": "' + b"x" * limit + b'"}'
    response = client.post(
        "/api/v1/check", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    chunked = client.post("/api/v1/check", content=iter([b'{"text": "x"}']))
    assert chunked.status_code == 411  # no Content-Length: refused before reading a byte
    small = client.post("/api/v1/check", json={"text": "x" * 1000})
    assert small.status_code == 200


@pytest.mark.slow
def test_raw_requests_to_a_real_server(site: dict[str, Any]) -> None:
    """The same attacks as bytes on the wire, to ``tradestats serve``."""
    before = fingerprint(site["store"])
    bases = ["/static/", "/api/v1/indicators/", "/api/v1/classifications/", "/api/v1/bulletin/",
             "/", "/static/vendor/"]  # fmt: skip
    count = 0
    with served(site["store"]) as port:
        for base in bases:
            for segment in raw_paths(site["canary"], site["secret"]):
                status, body = get(port, base + segment)
                count += 1
                assert 400 <= status < 500, (base + segment, status, body[:200])
                assert not leaks(body), base + segment
        queries = [
            "period=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "period=2025%00",
            "period=%00",
            "period=2025&partner=..%2f..%2f",
            "period=2025&as_of=%2fetc%2fpasswd",
        ]
        for query in queries:
            status, body = get(port, "/api/v1/query?" + query)
            assert 400 <= status < 500 and not leaks(body), (query, status)
        big = b"x" * 300_000
        status, _ = raw(port, b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        b"application/json\r\nContent-Length: %d\r\n\r\n" % len(big))  # fmt: skip
        assert status == 413  # answered from the headers, before the body is sent
        status, _ = raw(port, b"GET /api/v1/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000
                        + b"\r\n\r\n")  # fmt: skip
        assert status in (400, 0), status  # a head that does not fit in 16 KiB once buffered
        assert get(port, "/api/v1/")[0] == 200  # and the server goes on
    assert count == len(bases) * len(raw_paths(site["canary"], site["secret"]))
    assert fingerprint(site["store"]) == before
