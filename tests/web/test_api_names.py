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


def test_present_gives_the_page_as_published_in_each_language(client):
    ask = {"period": "2025", "flow": "export", "by": "partner", "measures": "value_cny,yoy_pct",
           "sort": "-value_cny"}  # fmt: skip
    en = client.get(Q, params={**ask, "present": "en"}).json()["presented"]
    # KOR: 11 x 110 = 1210 yuan in 2025 against 11 x 100 in 2024: +10.0 %, by hand.
    assert en["rows"][0] == ["KOR", "1,210.00", "10.0"]
    assert en["headers"] == {"partner": "Partner", "value_cny": "Value (yuan)",
                             "yoy_pct": "Year on year (%)"}  # fmt: skip
    assert en["units"]["value_cny"] == "yuan" and en["scales"]["value_cny"] == "1"
    zh = client.get(Q, params={**ask, "present": "zh"}).json()["presented"]
    assert zh["headers"]["value_cny"] == "金额（元）" and zh["rows"][0][2] == "10.0"
    plain = client.get(Q, params=ask).json()
    assert "presented" not in plain  # only when asked
