"""names=en|zh|both on GET /api/v1/query: a name column beside each code column, from the
reference data (webstore.py: 2025-03 exports to VNM, USA and TLS)."""

from __future__ import annotations

from web_helpers import assert_envelope

from tradestats import names
from tradestats.web.routes.query import NamesParam

Q = "/api/v1/query"
ASK = {"period": "2025-03", "flow": "export", "by": "partner", "sort": "partner"}


def test_the_api_choices_are_the_modules():
    assert tuple(NamesParam) == names.CHOICES


def test_names_in_both_languages_beside_the_code(client):
    body = client.get(Q, params={**ASK, "names": "both"}).json()
    assert [c["name"] for c in body["columns"]] == [
        "partner", "partner_name", "partner_name_zh", "value_cny"
    ]  # fmt: skip
    usa = next(r for r in body["rows"] if r["partner"] == "USA")
    assert usa["partner_name"] == "United States" and usa["partner_name_zh"] == "美国"


def test_no_names_unless_asked(client):
    body = client.get(Q, params=ASK).json()
    assert [c["name"] for c in body["columns"]] == ["partner", "value_cny"]


def test_an_answer_may_be_sorted_by_its_names(client):
    body = client.get(Q, params={**ASK, "names": "en", "sort": "partner_name"}).json()
    got = [r["partner_name"] for r in body["rows"]]
    assert got == sorted(got) and len(got) == 3


def test_names_in_the_csv_download(client):
    r = client.get(Q, params={**ASK, "names": "zh", "format": "csv"})
    assert r.text.splitlines()[0] == "partner,partner_name_zh,value_cny"
    assert "越南" in r.text


def test_unknown_names_choice_is_refused(client):
    assert_envelope(client.get(Q, params={**ASK, "names": "fr"}), 422)
