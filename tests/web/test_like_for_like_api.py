"""Like-for-like growth over reporters through the real ingest, the API and the CLI: the answer
names the reporter left out (USA and CHN exports in 2024-03 and 2025-03; JPN in 2025-03 only)."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_the_api_and_the_cli_name_the_reporters_left_out(tmp_path: Path) -> None:
    rows = [
        row(period=p, reporter=r, partner="VNM", value_cny=v, value_usd="")
        for p, r, v in (("2024-03", "CHN", "100.00"), ("2025-03", "CHN", "150.00"),
                        ("2024-03", "USA", "60.00"), ("2025-03", "USA", "50.00"),
                        ("2025-03", "JPN", "40.00"))
    ]  # fmt: skip
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "a.csv", rows)])
    ask = {"period": "2025-03", "flow": "export", "reporter": "!USA", "measures": "yoy_pct"}
    with TestClient(create_app(tmp_path / "store"), raise_server_exceptions=False) as c:
        plain = json.loads(c.get("/api/v1/query", params=ask).text, parse_float=Decimal)
        assert plain["rows"] == [{"yoy_pct": None}] and plain["query"]["reporters_left_out"] == []
        like = c.get("/api/v1/query", params={**ask, "like_for_like": "true"})
        body = json.loads(like.text, parse_float=Decimal)
        assert body["rows"] == [{"yoy_pct": Decimal(50)}]  # CHN alone: 150 against 100
        assert body["query"]["like_for_like"] is True
        assert body["query"]["reporters_left_out"] == ["JPN"]
    res = CliRunner().invoke(app, ["query", "--store", str(tmp_path / "store"), "--period",
                                   "2025-03", "--flow", "export", "--reporter", "!USA",
                                   "--measure", "yoy_pct", "--like-for-like", "true",
                                   "--format", "json"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "like for like: left out JPN (no comparison period)" in res.stderr
    assert json.loads(res.stdout, parse_float=Decimal) == [{"yoy_pct": Decimal(50)}]
