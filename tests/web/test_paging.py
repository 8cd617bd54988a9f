"""Sorting, pages and ETags of GET /api/v1/query (tradestats.web.paging).

Hand totals (webstore.py): 2025-03 exports VNM 150.00, USA 330.00, TLS 20.00 (500 in all).
"""

from __future__ import annotations

from decimal import Decimal

from web_helpers import assert_envelope

Q = "/api/v1/query"
ASK = {"period": "2025-03", "flow": "export", "by": "partner"}


def partners(r):
    assert r.status_code == 200, r.text
    return [row["partner"] for row in r.json()["rows"]]


def test_sort_descending_and_ascending(client):
    assert partners(client.get(Q, params={**ASK, "sort": "-value_cny"})) == ["USA", "VNM", "TLS"]
    assert partners(client.get(Q, params={**ASK, "sort": "partner"})) == ["TLS", "USA", "VNM"]


def test_pages_follow_next_until_the_last(client):
    first = client.get(Q, params={**ASK, "sort": "partner", "size": 2}).json()
    assert [r["partner"] for r in first["rows"]] == ["TLS", "USA"]
    assert first["row_count"] == 3 and first["next"] == "2"
    second = client.get(first["next_url"]).json()
    assert [r["partner"] for r in second["rows"]] == ["VNM"]
    assert second["next"] is None and second["next_url"] is None
    assert Decimal(str(second["rows"][0]["value_cny"])) == Decimal("150.00")


def test_one_page_answer_has_no_next(client):
    body = client.get(Q, params=ASK).json()
    assert body["row_count"] == 3 and len(body["rows"]) == 3 and body["next"] is None


def test_unknown_sort_column_is_refused_with_the_nearest(client):
    err = assert_envelope(client.get(Q, params={**ASK, "sort": "-value_cnx"}), 400)
    assert "value_cnx" in err["message"] and "value_cny" in err["hint"]


def test_forged_page_token_is_refused(client):
    err = assert_envelope(client.get(Q, params={**ASK, "next": "abc"}), 400)
    assert "next" in err["message"]


def test_page_size_is_bounded(client):
    assert_envelope(client.get(Q, params={**ASK, "size": 0}), 422)
    assert_envelope(client.get(Q, params={**ASK, "size": 10_001}), 422)


def test_downloads_hold_every_row_in_order(client):
    r = client.get(Q, params={**ASK, "sort": "-value_cny", "size": 1, "format": "csv"})
    lines = r.text.strip().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["USA", "VNM", "TLS"]


def test_etag_revalidation_answers_304(client):
    r = client.get(Q, params=ASK)
    tag = r.headers["etag"]
    again = client.get(Q, params=ASK, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = client.get(Q, params={**ASK, "sort": "-value_cny"})  # another body
    assert other.headers["etag"] != tag
    stale = client.get(Q, params=ASK, headers={"If-None-Match": other.headers["etag"]})
    assert stale.status_code == 200
