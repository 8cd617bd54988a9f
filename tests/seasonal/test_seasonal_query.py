"""seasonal=sa|trend in the query contract: the engine, `tradestats query` and the HTTP API
answer an adjusted monthly series beside the recorded one (store: conftest.py)."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from synthetic import FESTIVAL_COEF, PATTERN
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.errors import BadParameter
from tradestats.seasonal import Settings
from tradestats.seasonal.adjust import regressors
from tradestats.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SPAN = "2017..2024"


@pytest.fixture(scope="module")
def answer(store: Path):
    return Engine(store).query(period=SPAN, flow="total", by="month", seasonal="sa")


def test_recorded_column_is_the_exact_sum_of_the_lines(answer, stored) -> None:
    _, rows = stored
    assert answer.column_names == ["month", "value_cny", "value_cny_sa"]
    assert answer.num_rows == 96
    got = dict(zip(answer["month"].to_pylist(), answer["value_cny"].to_pylist(), strict=True))
    assert got["2019-02"] == sum(Decimal(r["value_cny"]) for r in rows if r["period"] == "2019-02")


def test_adjusted_series_removes_the_known_seasonal_and_festival_effects(answer) -> None:
    months = answer["month"].to_pylist()
    _, x = regressors(months, Settings())
    recorded = np.array([float(v) for v in answer["value_cny"].to_pylist()])
    # What the series is made of, without its seasonal pattern and festival effect.
    truth = recorded / np.exp(np.tile(PATTERN, 8) + FESTIVAL_COEF * x[:, 0])
    sa = np.array(answer["value_cny_sa"].to_pylist())
    assert np.max(np.abs(sa / truth - 1)) < 0.03
    assert np.mean(np.abs(sa / truth - 1)) < 0.005
    # ... whereas the recorded series is off by the festival's swing in January/February.
    assert np.max(np.abs(recorded / truth - 1)) > 0.08


def test_the_same_adjustment_as_tradestats_seasonal(answer, store: Path) -> None:
    out = CliRunner().invoke(
        app, ["seasonal", "--store", str(store), "--period", SPAN, "--flow", "total",
              "--show", "sa", "--format", "json"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    theirs = [r["seasonally_adjusted"] for r in json.loads(out.output)]
    assert answer["value_cny_sa"].to_pylist() == pytest.approx(theirs, rel=1e-12)


def test_trend_is_smooth_and_follows_the_level(store: Path) -> None:
    t = Engine(store).query(period=SPAN, flow="total", by="month", seasonal="trend")
    assert t.column_names == ["month", "value_cny", "value_cny_trend"]
    trend = np.array(t["value_cny_trend"].to_pylist())
    # The level without pattern or noise: the lines of a month hold half the made value (and 0.01).
    level = 0.5e6 * np.exp(0.004 * np.arange(96))
    assert np.max(np.abs(trend / level - 1)) < 0.03
    assert np.max(np.abs(np.diff(np.log(trend)))) < 0.02  # no seasonal swing left


@pytest.mark.parametrize(
    ("ask", "param", "words"),
    [
        ({"by": "partner"}, "by", "needs by=month alone"),
        ({"by": "month,partner"}, "by", "needs by=month alone"),
        ({"by": "month", "measures": "yoy_pct"}, "measures", "cannot seasonally adjust yoy_pct"),
        ({"by": "month", "top": 5}, "top", "keeps every month"),
        ({"by": "month", "seasonal": "x13"}, "seasonal", "unknown seasonal series"),
    ],
)
def test_questions_an_adjustment_cannot_answer(store: Path, ask, param, words) -> None:
    with pytest.raises(BadParameter) as err:
        Engine(store).query(**{"period": SPAN, "seasonal": "sa", **ask})
    assert err.value.param == param and words in str(err.value)


def test_too_short_or_unstored_spans_are_refused(store: Path) -> None:
    with pytest.raises(BadParameter, match=r"36 months at least; 2023-01\.\.2024-12 has 24"):
        Engine(store).query(period="2023..2024", by="month", seasonal="sa")
    with pytest.raises(Exception, match="no data for 12 month"):
        Engine(store).query(period="2016..2024", by="month", seasonal="sa")


def test_cli_query_table_names_the_adjusted_column(store: Path) -> None:
    res = CliRunner().invoke(
        app, ["query", "--store", str(store), "--period", SPAN, "--by", "month",
              "--seasonal", "sa", "--format", "table", "--lang", "zh"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "季节调整后金额（万元）" in res.output
    res = CliRunner().invoke(
        app, ["query", "--store", str(store), "--period", "2023..2024", "--by", "month",
              "--seasonal", "trend"],
    )  # fmt: skip
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "36 months at least" in res.output


def test_api_answers_the_series_and_echoes_the_question(store: Path) -> None:
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        r = client.get("/api/v1/query", params={"period": SPAN, "by": "month", "seasonal": "sa"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["query"]["seasonal"] == "sa" and body["query"]["period"] == "2017-01..2024-12"
        assert [c["name"] for c in body["columns"]] == ["month", "value_cny", "value_cny_sa"]
        assert body["row_count"] == 96
        bad = client.get("/api/v1/query", params={"period": SPAN, "by": "hs2", "seasonal": "sa"})
        assert bad.status_code == 400 and "by=month" in bad.text


def test_sdmx_carries_the_adjustment_and_an_import_keeps_only_records(store: Path, tmp_path):
    from tradestats.ingest import ingest_files
    from tradestats.reference import load_reference
    from tradestats.sdmxio import read_sdmx_csv, read_sdmx_ml
    from tradestats.sdmxio.validate import validate

    # The store's lines are all exports to the USA of one code: that selection, by month.
    ask = ["query", "--store", str(store), "--period", SPAN, "--flow", "export", "--by", "month",
           "--seasonal", "sa", "--partner", "USA", "--product", "85076000"]  # fmt: skip
    out = tmp_path / "sa.csv"
    res = CliRunner().invoke(app, [*ask, "--format", "sdmx-csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    ref = load_reference()
    read = read_sdmx_csv(out.read_text(encoding="utf-8"), ref)
    kinds = {(o["MEASURE"], o["ADJUSTMENT"]) for o in read}
    assert kinds == {("VALUE_CNY", "N"), ("VALUE_CNY", "Y")} and len(read) == 192
    xml = tmp_path / "sa.xml"
    res = CliRunner().invoke(app, [*ask, "--format", "sdmx-ml", "--out", str(xml)])
    assert res.exit_code == 0, res.output
    assert validate(xml.read_bytes(), ref) == []
    assert {o["ADJUSTMENT"] for o in read_sdmx_ml(xml.read_bytes(), ref)} == {"N", "Y"}
    report = ingest_files(tmp_path / "back", [out])
    assert (report.rows_accepted, report.rows_quarantined) == (96, 0)  # the recorded months
    again = {"period": SPAN, "flow": "export", "by": "month", "seasonal": "sa", "partner": "USA"}
    back, before = Engine(tmp_path / "back").query(**again), Engine(store).query(**again)
    assert back.to_pylist() == before.to_pylist()  # same records, hence the same adjustment
