"""basis=cif|fob through the real ingest and the API: the answer says which valuation it used,
and a row without it is refused, never valued at value_usd (CHN imports 1,100 dollars CIF,
1,040 FOB; KOR 300 dollars with no CIF or FOB value)."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

from web_helpers import assert_envelope

from tradestats.ingest import ingest_files
from tradestats.web import create_app

from helpers import row, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_the_api_answers_on_the_valuation_asked_and_refuses_rows_without_it(tmp_path: Path):
    rows = [
        row(period="2025-01", flow="import", partner="CHN", value_cny="", value_usd="1100.00",
            value_cif_usd="1100.00", value_fob_usd="1040.00"),
        row(period="2025-01", flow="import", partner="KOR", value_cny="", value_usd="300.00"),
    ]  # fmt: skip
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "a.csv", rows)])
    with TestClient(create_app(tmp_path / "store"), raise_server_exceptions=False) as c:
        ask = {"period": "2025-01", "measures": "value_fob_usd", "basis": "fob"}
        r = c.get("/api/v1/query", params={**ask, "partner": "CHN"})
        body = json.loads(r.text, parse_float=Decimal)
        assert body["query"]["basis"] == "value_fob_usd"
        assert body["rows"] == [{"value_fob_usd": Decimal("1040.00")}]
        err = assert_envelope(c.get("/api/v1/query", params=ask), 400)
        assert "1 of the rows read have no value_fob_usd" in err["message"]
        usd = c.get("/api/v1/query", params={"period": "2025-01", "measures": "value_usd",
                                             "basis": "value_usd"})  # fmt: skip
        assert json.loads(usd.text, parse_float=Decimal)["rows"] == [
            {"value_usd": Decimal("1400.00")}
        ]  # 1100 + 300: value_usd keeps every row
