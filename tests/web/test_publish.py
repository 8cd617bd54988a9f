"""Bulletin and claim-check endpoints on the hand-made store (figures worked out by hand)."""

from __future__ import annotations

import pytest
from web_helpers import assert_envelope

from tradestats.web.app import installed

pytestmark = pytest.mark.skipif(
    not (installed("tradestats.bulletin") and installed("tradestats.checker")),
    reason="tradestats.bulletin or tradestats.checker is not installed",
)
B = "/api/v1/bulletin"
ARTICLE = (
    "date 2026-01-14 In 2025, exports grew by 14.0 percent to 1710 yuan, imports fell "
    "10 percent, and total trade rose 20 percent."
)


def test_bulletin_html_and_its_figures(client):
    r = client.get(f"{B}/2025", params={"lang": "en"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]  # no script runs
    assert 'data-indicator="exports.value"' in r.text and "1,710.00" in r.text
    figures = client.get(f"{B}/2025", params={"format": "json"}).json()["figures"]
    by_name = {f["indicator"]: f for f in figures if f.get("indicator")}
    assert by_name["exports.value"]["value"] == "1710.00"  # 500 + 11 x 110
    assert by_name["total.value"]["value"] == "1890.00"  # 1710 + 180
    assert by_name["exports.yoy"]["rounded"] == "14.0"  # 1710 / 1500


def test_bulletin_in_chinese_markdown(client):
    r = client.get(f"{B}/2025", params={"lang": "zh", "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "出口1,710.00元" in r.text


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"period": "2023"}, 404, "no data"),
        ({"period": "2025-13"}, 400, "bad month"),
        ({"period": "2025", "lang": "fr"}, 422, "lang"),
        ({"period": "2025", "format": "docx"}, 422, "format"),
    ],
)
def test_bulletin_errors(client, params, status, words):
    period = params.pop("period")
    err = assert_envelope(client.get(f"{B}/{period}", params=params), status)
    assert words in err["message"]


def test_check_verdicts(client):
    r = client.post("/api/v1/check", json={"text": ARTICLE})
    assert r.status_code == 200, r.text
    verdicts = {c["text"]: c["verdict"] for c in r.json()["claims"]}
    assert verdicts["14.0 percent"] == "supported"  # 1710 / 1500
    assert verdicts["1710 yuan"] == "supported"
    assert verdicts["10 percent"] == "supported"  # imports 180 / 200
    assert verdicts["20 percent"] == "contradicted"  # total 1890 / 1700 = +11.2 %
    for c in r.json()["claims"]:
        assert ARTICLE[c["start"] : c["end"]] == c["text"]


def test_check_errors(client):
    assert_envelope(client.post("/api/v1/check", json={"text": ""}), 422)
    assert_envelope(client.post("/api/v1/check", json={}), 422)
    err = assert_envelope(
        client.post("/api/v1/check", json={"text": "x", "article_date": "soon"}), 422
    )
    assert err["details"][0]["loc"] == "article_date"
    bad = client.post(
        "/api/v1/check", content="{not json", headers={"content-type": "application/json"}
    )
    assert assert_envelope(bad, 422)["details"][0]["loc"] == "body"
    big = client.post("/api/v1/check", json={"text": "x" * 300_000})
    assert assert_envelope(big, 413)["code"] == "payload_too_large"
    assert assert_envelope(client.get("/api/v1/check"), 405)["code"] == "method_not_allowed"


def test_pages_are_served(client):
    for path in ("/bulletin", "/check"):
        r = client.get(path)
        assert r.status_code == 200 and "https://" not in r.text
