"""End to end on a small store built here from a hand-made canonical CSV.

The store (yuan; dollars in brackets), the same rows in every month of the year:

    2024  export USA 847130 10.0 bn (1.40)  private      E1 brand 1
    2024  import VNM 850760  5.0 bn (0.70)  state_owned  E2 brand 0
    2025  export USA 847130 11.0 bn (1.55)  private      E1 brand 1
    2025  export VNM 870380  2.0 bn (0.28)  private      E3 brand 1   (an electric car)
    2025  import VNM 850760  4.5 bn (0.64)  state_owned  E2 brand 0

Year totals, worked by hand:
    2024 exports 120, imports 60, total 180 billion yuan.
    2025 exports 12 x 13 = 156 (+30.0 %), imports 54 (-10.0 %), total 210 (+16.67 %).
    2025 dollars: 12 x (1.55 + 0.28 + 0.64) = 29.64 billion; 210 / 30.0 = 7.0 is a spot rate.
    ASEAN (VNM) 2025: 24 + 54 = 78 (2024: 60, +30.0 %); share 78 / 210 = 37.14 % of total.
    Exports to ASEAN 24: 11.43 % of total trade, 15.38 % of exports.
    Private enterprises 2025: 132 + 24 = 156, share 156 / 210 = 74.29 %.
    Partners 2 (both grew), enterprises 3; exports grew in all four quarters of 2025 (the
    store has no 2023, so 2024 quarters have no growth and the streak is 4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.checker import check
from tradestats.checker.report import to_html, to_json, to_rich
from tradestats.cli import app
from tradestats.ingest import ingest_files

from helpers import row, write_csv

ARTICLE = """date 2026-01-14
Trade hits record high in 2025

In 2025, total trade rose 16.7 percent year-on-year to 210 billion yuan ($30.0 billion). \
Exports grew 30 percent to 156 billion yuan, while imports fell 10 percent to 54 billion yuan.

Trade with ASEAN jumped 30 percent to 78 billion yuan, accounting for 37.1 percent of total trade. \
Imports from ASEAN rose 5 percent. Exports to ASEAN accounted for 15.4 percent of total trade.

Private enterprises' trade reached 156 billion yuan, 74.3 percent of the total import and export \
value. The country traded with 2 countries and regions last year, and there are over 2 business \
entities and more than 5 enterprises with records. Exports grew for four consecutive quarters. \
Trade in dollars came to $29.6 billion. Exports of the new trio rose 12 percent.
"""

# claim text -> (verdict, a piece of the reason), worked out by hand from the table above.
EXPECTED = {
    "record high": ("supported", "highest"),
    "16.7 percent": ("supported", "16.67"),
    "210 billion yuan": ("supported", "210.0"),
    "$30.0 billion": ("unverifiable", "spot conversion"),
    "30 percent": ("supported", "30.0"),
    "156 billion yuan": ("supported", "156.0"),
    "10 percent": ("supported", "-10.0"),
    "54 billion yuan": ("supported", "54.0"),
    "78 billion yuan": ("supported", "78.0"),
    "37.1 percent": ("supported", "37.14"),
    "5 percent": ("contradicted", "-10.0"),  # imports from VNM fell 54 / 60
    "15.4 percent": ("contradicted", "share of exports"),  # 11.43 % of total, 15.38 % of exports
    "74.3 percent": ("supported", "74.29"),
    "2 countries and regions": ("supported", "2"),
    "over 2 business entities": ("supported", "3"),
    "more than 5 enterprises": ("contradicted", "3"),
    "four consecutive quarters": ("supported", "4 consecutive"),
    "$29.6 billion": ("supported", "dollar series"),
    "12 percent": ("unverifiable", "zero base"),  # no electric cars exported in 2024
}


BN = "000000000.00"  # billions of yuan or dollars, to two decimals
MONTHLY = [  # year, flow, partner, HS, yuan, dollars, enterprise, type, brand
    (2024, "export", "USA", "847130", "10" + BN, "1400000000.00", "E1", "private", "1"),
    (2024, "import", "VNM", "850760", "5" + BN, "700000000.00", "E2", "state_owned", "0"),
    (2025, "export", "USA", "847130", "11" + BN, "1550000000.00", "E1", "private", "1"),
    (2025, "export", "VNM", "870380", "2" + BN, "280000000.00", "E3", "private", "1"),
    (2025, "import", "VNM", "850760", "4500000000.00", "640000000.00", "E2", "state_owned", "0"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [
        row(period=f"{year}-{m:02d}", flow=flow, partner=partner, hs_code=hs, value_cny=cny,
            value_usd=usd, enterprise_id=ent, enterprise_type=etype, brand_type=brand)
        for m in range(1, 13)
        for year, flow, partner, hs, cny, usd, ent, etype, brand in MONTHLY
    ]  # fmt: skip
    root = tmp_path_factory.mktemp("checker")
    csv = write_csv(root / "records.csv", rows)
    ingest_files(root / "store", [csv])
    return root / "store"


@pytest.fixture(scope="module")
def report(store: Path):
    return check(ARTICLE, store=store)


def test_verdicts_worked_by_hand(report) -> None:
    got = {c.text: c for c in report.claims}
    assert set(got) == set(EXPECTED)
    for text, (verdict, reason) in EXPECTED.items():
        assert (text, got[text].verdict.value) == (text, verdict), got[text].reason
        assert reason in got[text].reason, (text, got[text].reason)


def test_contradicted_claims_carry_computed_value(report) -> None:
    c = next(c for c in report.claims if c.text == "5 percent")
    assert c.computed == pytest.approx(-10.0)
    assert c.query == {
        "period": "2025",
        "flow": "import",
        "partner": "asean",
        "measures": "yoy_pct",
        "basis": "value_cny",
    }


def test_json_shape(report) -> None:
    data = json.loads(to_json(report))
    assert sorted(data) == ["article_date", "claims", "consistency"]
    first = data["claims"][0]
    for key in (
        "text",
        "start",
        "end",
        "sentence",
        "measure",
        "subject",
        "period",
        "stated",
        "computed",
        "verdict",
        "reason",
    ):
        assert key in first
    assert ARTICLE[first["start"] : first["end"]] == first["text"]


def test_html_is_escaped_and_offline(store: Path) -> None:
    text = ARTICLE + "\n<script>alert('x')</script> & exports rose 5 percent in 2025."
    page = to_html(check(text, store=store))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert page.count('<mark id="c') == len(check(text).claims)
    assert 'class="contradicted"' in page and 'class="supported"' in page


def test_rich_table_renders(report) -> None:
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(to_rich(report))
    assert "contradicted" in console.export_text()


def test_cli_json_and_html(store: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["check", str(article), "--store", str(store), "--format", "json"])
    assert res.exit_code == 0, res.output
    verdicts = {c["text"]: c["verdict"] for c in json.loads(res.stdout)["claims"]}
    assert verdicts["5 percent"] == "contradicted"
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["check", "-", "--format", "html", "--out", str(out)], input=ARTICLE)
    assert res.exit_code == 0 and out.read_text().startswith("<!DOCTYPE html>")


def test_cli_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Exports rose 5 percent in 2025.", encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(article), "--store", str(tmp_path / "none")])
    assert res.exit_code == 2 and "no store" in res.output
