"""Mirror flows through the real ingest, the CLI and the API: China's exports to the USA (100
dollars) beside the USA's imports from China (125 dollars): ratio 125 %, gap 25 dollars."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner
from web_helpers import assert_envelope

from tradestats.cli import app
from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _store(tmp_path: Path) -> Path:
    rows = [
        row(period="2025-01", reporter="CHN", flow="export", partner="USA", value_cny="",
            value_usd="100.00"),
        row(period="2025-01", reporter="USA", flow="import", partner="CHN", value_cny="",
            value_usd="125.00"),
    ]  # fmt: skip
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "a.csv", rows)])
    return tmp_path / "store"


def test_the_api_and_the_cli_give_the_mirror_table(tmp_path: Path):
    store = _store(tmp_path)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        r = c.get("/api/v1/mirror", params={"period": "2025-01", "reporter": "CHN"})
        body = json.loads(r.text, parse_float=Decimal)
        assert body["query"]["mirror_flow"] == "import"
        (usa,) = body["rows"]
        assert usa["partner"] == "USA" and usa["value_usd_gap"] == Decimal("25.00")
        assert usa["mirror_ratio_pct"] == Decimal("125.0")
        err = assert_envelope(c.get("/api/v1/mirror", params={"period": "2025-01"}), 422)
        assert err["message"] == "reporter: Field required"
        bad = {"period": "2025-01", "reporter": "CHN,USA"}
        err = assert_envelope(c.get("/api/v1/mirror", params=bad), 400)
        assert "reporter must be one ISO alpha-3 code" in err["message"]
    done = CliRunner().invoke(app, ["mirror", "--store", str(store), "--period", "2025-01",
                                    "--reporter", "CHN", "--format", "csv"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "USA,100.00,125.00,25.00,125.0,25.0," in done.output
