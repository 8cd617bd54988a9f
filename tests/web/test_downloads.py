"""format=xlsx and format=parquet: the whole answer as a file, with the exact figures.

Hand totals (webstore.py): 2025-03 exports VNM 150.00, USA 330.00, TLS 20.00 (500 in all);
USA's share 330 / 500 = 66 %.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import load_workbook

Q = "/api/v1/query"
ASK = {"period": "2025-03", "flow": "export", "by": "partner", "measures": "value_cny,share_pct"}


def test_xlsx_download_holds_exact_values(client):
    r = client.get(Q, params={**ASK, "format": "xlsx"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert r.headers["content-disposition"].endswith('.xlsx"')
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("partner", "value_cny", "share_pct")
    by_partner = {row[0]: row for row in rows[1:]}
    assert set(by_partner) == {"VNM", "USA", "TLS"}
    assert Decimal(str(by_partner["USA"][1])) == Decimal("330.00")
    assert Decimal(str(by_partner["USA"][2])) == Decimal("66")
    assert Decimal(str(by_partner["TLS"][2])) == Decimal("4")
    money = next(ws.iter_rows(min_row=2, max_row=2))[1]
    assert money.number_format == "#,##0.00"


def test_parquet_download_round_trips(client):
    r = client.get(Q, params={**ASK, "format": "parquet"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(r.content))
    assert pa.types.is_decimal(table.schema.field("value_cny").type)
    partners, money = table.column("partner").to_pylist(), table.column("value_cny").to_pylist()
    values = dict(zip(partners, money, strict=True))
    assert values == {"VNM": Decimal("150.00"), "USA": Decimal("330.00"), "TLS": Decimal("20.00")}


def test_csv_download_still_text(client):
    r = client.get(Q, params={**ASK, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "330.00" in r.text
