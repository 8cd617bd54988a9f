"""SDMX exchange: export a query, read it with sdmx1, import it, and get the same figures."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files
from tradestats.reference import load_reference
from tradestats.sdmxio import About, observations, read_sdmx_csv, read_sdmx_ml, to_sdmx_ml
from tradestats.sdmxio.observations import time_period
from tradestats.sdmxio.validate import validate

sys.path.insert(0, str(Path(__file__).parents[1]))
from helpers import row, write_csv

QUERY = ["--period", "2025-Q1", "--flow", "export", "--by", "partner,hs6,month,unit",
         "--measure", "value_cny,value_usd,quantity"]  # fmt: skip
ROWS = [  # large values with cents, to catch any float on the way
    ("2025-01", "85076000", "USA", "9876543210123.45", "1371742112517.15", "12.345"),
    ("2025-01", "85076000", "USA", "0.05", "0.01", "0.001"),
    ("2025-02", "85414300", "VNM", "123456789.99", "17146776.39", "1000000.5"),
    ("2025-03", "01012100", "NAM", "1.10", "0.15", "3"),
    ("2025-03", "85414300", "DEU", "7000000000000.07", "972222222222.23", "7"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sdmx")
    rows = [
        row(period=p, hs_code=h, partner=c, value_cny=v, value_usd=u, quantity=q)
        for p, h, c, v, u, q in ROWS
    ]
    rows.append(row(period="2024-01", value_cny="5.00"))  # a previous year for yoy queries
    ingest_files(tmp / "s", [write_csv(tmp / "r.csv", rows)])
    return tmp / "s"


def _query(store: Path) -> list[dict]:
    t = Engine(store).query(
        period="2025-Q1", flow="export", by="partner,hs6,month,unit",
        measures="value_cny,value_usd,quantity",
    )  # fmt: skip
    return sorted(t.to_pylist(), key=lambda r: (r["partner"], r["hs6"], r["month"]))


def test_sdmx_csv_round_trip_gives_identical_figures(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    res = CliRunner().invoke(app, ["query", "--store", str(store), *QUERY,
                                   "--format", "sdmx-csv", "--out", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    read = read_sdmx_csv(out.read_text(encoding="utf-8"), load_reference())
    usa = {(o["MEASURE"], o["TIME_PERIOD"]): o["OBS_VALUE"] for o in read if o["PARTNER"] == "USA"}
    assert usa[("VALUE_CNY", "2025-01")] == "9876543210123.50"  # 9876543210123.45 + 0.05
    assert usa[("QUANTITY", "2025-01")] == "12.346"
    report = ingest_files(tmp_path / "back", [out])
    assert report.rows_quarantined == 0
    before, after = _query(store), _query(tmp_path / "back")
    assert after == before
    assert all(isinstance(r["value_cny"], Decimal) for r in after)


def test_sdmx_ml_validates_and_reads_back_exactly(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xml"
    res = CliRunner().invoke(app, ["query", "--store", str(store), *QUERY,
                                   "--format", "sdmx-ml", "--out", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert b"StructureSpecificData" in data
    ref = load_reference()
    assert validate(data, ref) == []
    read = read_sdmx_ml(data, ref)
    values = {(o["PARTNER"], o["MEASURE"], o["TIME_PERIOD"]): o["OBS_VALUE"] for o in read}
    for r in _query(store):
        assert values[(r["partner"], "VALUE_CNY", r["month"])] == format(r["value_cny"], "f")
        assert values[(r["partner"], "VALUE_USD", r["month"])] == format(r["value_usd"], "f")
    assert {o["FREQ"] for o in read} == {"M"} and {o["FLOW"] for o in read} == {"X"}


def test_validation_catches_what_breaks_the_structure() -> None:
    ref = load_reference()
    t = pa.table({"partner": ["USA"], "value_cny": [Decimal("1.50")]})
    good = to_sdmx_ml(observations(t, About(flow="export", period="2025")), ref)
    assert validate(good, ref) == []
    bad_code = good.replace(b'PARTNER="USA"', b'PARTNER="XXX"')
    assert any("PARTNER" in e and "XXX" in e for e in validate(bad_code, ref))
    bad_value = good.replace(b'OBS_VALUE="1.50"', b'OBS_VALUE="1,50"')
    assert any("OBS_VALUE" in e for e in validate(bad_value, ref))
    no_status = good.replace(b' OBS_STATUS="A"', b"")
    assert any("OBS_STATUS" in e for e in validate(no_status, ref))
    assert validate(b"<oops", ref)[0].startswith("not well-formed")


def test_observation_rules() -> None:
    t = pa.table({"partner_group": ["asean"], "hs_section": ["XVI"], "value_cny": [None],
                  "yoy_pct": [3.25], "share_pct": [12.0]})  # fmt: skip
    obs = observations(t, About(flow="import", period="2025-01..2025-11", reporter="CHN"))
    assert [o["MEASURE"] for o in obs] == ["VALUE_CNY", "YOY_PCT", "SHARE_PCT"]
    assert obs[0]["OBS_VALUE"] == "NaN" and obs[0]["OBS_STATUS"] == "M"
    assert (obs[1]["UNIT_MEASURE"], obs[1]["OBS_VALUE"]) == ("PC", "3.25")
    assert (obs[0]["FREQ"], obs[0]["TIME_PERIOD"]) == ("_O", "2025-01-01/P11M")
    assert (obs[0]["PARTNER"], obs[0]["COMMODITY"], obs[0]["FLOW"]) == ("asean", "XVI", "M")
    with pytest.raises(UsageError, match="no dimension for enterprise_type"):
        observations(pa.table({"enterprise_type": ["private"], "value_cny": [1]}), About())
    assert time_period("2025-H2") == ("S", "2025-S2")


def test_import_skips_aggregates_and_maps_periods(tmp_path: Path) -> None:
    head = ("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTER,PARTNER,FLOW,COMMODITY,MEASURE,"
            "TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,CONF_STATUS")  # fmt: skip
    sid = "dataflow,TRADESTATS:DF_MERCH_TRADE(1.0)"
    lines = [
        head,
        f"{sid},I,Q,CHN,USA,X,850760,VALUE_USD,2025-Q2,10.50,USD,A,F",
        f"{sid},I,Q,CHN,USA,X,850760,QUANTITY,2025-Q2,2.000,kg,A,F",
        f"{sid},I,_O,_Z,KOR,M,85,VALUE_CNY,2025-01-01/P11M,7.00,CNY,A,F",
        f"{sid},I,A,_Z,_T,X,_T,VALUE_CNY,2025,99.00,CNY,A,F",
        f"{sid},I,A,_Z,asean,X,_T,VALUE_CNY,2025,98.00,CNY,A,F",
        f"{sid},I,A,_Z,USA,B,_T,VALUE_CNY,2025,1.00,CNY,A,F",
        f"{sid},I,A,_Z,USA,X,XVI,VALUE_CNY,2025,2.00,CNY,A,F",
        f"{sid},I,A,_Z,USA,X,_T,YOY_PCT,2025,3.5,PC,A,F",
        f"{sid},I,M,_Z,JPN,X,850760,VALUE_CNY,2025-03,NaN,CNY,M,C",
    ]
    path = tmp_path / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_files(tmp_path / "s", [path])
    assert (report.rows_accepted, report.rows_quarantined) == (2, 0)
    t = Engine(tmp_path / "s").query(period="2025-Q2", flow="export", by="partner",
                                      measures="value_usd,quantity", reporter="CHN")  # fmt: skip
    assert t.to_pylist() == [
        {"partner": "USA", "value_usd": Decimal("10.50"), "quantity": Decimal("2.000")}
    ]
    skipped = {reason: sk.rows for reason, sk in report.skipped.items()}
    assert skipped == {
        "partner aggregate (_T or a group) is not a record": 2,
        "derived flow (total or balance) is not a record": 1,
        "commodity aggregate (HS section or product group) is not a record": 1,
        "derived measure YOY_PCT is not a record": 1,
        "no value: missing or confidential": 1,
    }
    assert report.rows_read == 2 + 6 and report.balanced
    t = Engine(tmp_path / "s").query(
        period="2025-01..2025-11", flow="import", by="partner,hs2", reporter="own"
    )
    assert t.to_pylist() == [{"partner": "KOR", "hs2": "85", "value_cny": Decimal("7.00")}]


def test_a_filtered_selection_is_coded_or_refused(store: Path) -> None:
    ask = ["query", "--store", str(store), "--period", "2025-Q1", "--flow", "export",
           "--format", "sdmx-csv"]  # fmt: skip
    res = CliRunner().invoke(app, [*ask, "--partner", "USA"])
    assert res.exit_code == 0, res.output
    header, line = res.output.splitlines()[:2]
    obs = dict(zip(header.split(","), line.split(","), strict=True))
    assert (obs["PARTNER"], obs["COMMODITY"]) == ("USA", "_T")  # USA's figure, not the world's
    assert obs["OBS_VALUE"] == "9876543210123.50"
    for extra, words in (
        (["--partner", "USA,VNM"], "one code per dimension"),
        (["--product", "!85"], "one code per dimension"),
        (["--enterprise-type", "private"], "no dimension for the enterprise_type filter"),
    ):
        res = CliRunner().invoke(app, [*ask, *extra])
        assert res.exit_code == 2 and words in res.output and "Traceback" not in res.output
