"""The direct route (DuckDB's parallel reader) against the checked route (row by row, lines known).

Oracle: the checked route, forced by making the direct route ineligible. For every input the
two must commit the same rows and report the same reconciliation; the direct route may only be
taken for files it stages completely, and must give way for anything that needs a line number.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradestats.errors import ValidationFailed
from tradestats.ingest import direct, ingest_files
from tradestats.ingest.rules import create_types, validation_sql
from tradestats.records import COLUMN_NAMES
from tradestats.reference import partner_codes
from tradestats.store import Store

from helpers import HEADER, csv_text, row, write_csv

CLEAN = [
    row(),
    row(period="2025-02", partner="KOR", value_cny="12.5", value_usd=""),
    row(period="2025-02", flow="import", hs_code="0101210000", unit="kg", quantity=""),
    row(period="2024", enterprise_type="", region="", brand_type="", trade_mode=""),
]


def stored_rows(root: Path) -> list[tuple[object, ...]]:
    files = [str(f) for f in Store(root).data_files()]
    if not files:
        return []
    cols = ", ".join(COLUMN_NAMES)
    sql = f"SELECT {cols} FROM read_parquet({files}, hive_partitioning = false) ORDER BY ALL"
    return duckdb.sql(sql).fetchall()


def outcome(root: Path, files: list[Path], **kw: object) -> tuple[str, object]:
    """('ok', (route, counts and values, stored rows)) or ('error', message)."""
    try:
        r = ingest_files(root, files, **kw)  # type: ignore[arg-type]
    except ValidationFailed as err:
        return "error", re.sub(r"attempts/[^/]+/", "attempts/X/", str(err).replace(str(root), "S"))
    values = {c: (t.read, t.accepted, t.quarantined) for c, t in r.values.items()}
    counts = (r.rows_read, r.rows_accepted, r.rows_quarantined, r.blank_lines, values)
    return "ok", (r.route, counts, stored_rows(root))


def both_routes(
    tmp: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch, **kw: object
) -> tuple[tuple[str, object], tuple[str, object]]:
    fast = outcome(tmp / "direct", files, **kw)
    with monkeypatch.context() as m:
        m.setattr(direct, "eligible", lambda sources: None)
        slow = outcome(tmp / "checked", files, **kw)
    return fast, slow


def same_result(fast: tuple[str, object], slow: tuple[str, object]) -> str:
    """Assert the routes agree except for the route's name; return the route taken."""
    assert fast[0] == slow[0]
    if fast[0] == "error":
        assert fast[1] == slow[1]
        return "none"
    route, *rest = fast[1]  # type: ignore[misc]
    slow_route, *slow_rest = slow[1]  # type: ignore[misc]
    assert slow_route == "checked"
    assert rest == slow_rest
    return str(route)


def test_a_clean_file_takes_the_direct_route_and_stages_what_the_checked_route_stages(
    tmp_path, monkeypatch
):
    src = write_csv(tmp_path / "clean.csv", CLEAN)
    fast, slow = both_routes(tmp_path, [src], monkeypatch)
    assert same_result(fast, slow) == "direct"
    _, (_, counts, rows) = fast
    assert counts[:4] == (4, 4, 0, 0)
    assert counts[4]["CNY"][1] == Decimal("3012.50")  # 1000 + 12.5 + 1000 + 1000
    assert len(rows) == 4


@pytest.mark.parametrize(
    ("name", "text", "route"),
    [
        ("bom_crlf", "\ufeff" + csv_text(CLEAN).replace("\n", "\r\n"), "direct"),
        ("no_final_newline", csv_text(CLEAN).rstrip("\n"), "direct"),
        ("reordered_subset", csv_text(CLEAN, header=HEADER[::-1][2:]), "direct"),
        (
            "quoted",
            csv_text(
                [row(enterprise_id="E1, net"), row(enterprise_id='say "E1"', period="2025-03")]
            ),
            "direct",
        ),
        ("thousands", csv_text([row(value_cny="1,234,567.50")]), "checked"),
        ("padded_and_cased", csv_text([row(partner=" usa", flow="Export ")]), "checked"),
        ("trailing_blank_line", csv_text(CLEAN) + "\n", "checked"),
        ("blank_line_inside", csv_text(CLEAN).replace("\n", "\n\n", 2), "checked"),
        ("range_period", csv_text([row(period="2025-01..2025-02")]), "checked"),
        ("coarse_level", csv_text([row(hs_code="85", product_level="2")]), "checked"),
        (
            "multiline_field",
            csv_text([row(enterprise_id="E\n1"), row(period="2025-03")]),
            "checked",
        ),
        ("duplicate", csv_text([row(), row(), row(period="2025-03")]), "none"),
        ("one_bad_value", csv_text([row(), row(value_cny="-1")]), "none"),
        ("short_line", csv_text(CLEAN) + "2025-01,export\n", "none"),
        ("three_decimals", csv_text([row(value_usd="1.005")]), "none"),
    ],
)
def test_routes_agree_on_every_kind_of_file(name, text, route, tmp_path, monkeypatch):
    src = tmp_path / f"{name}.csv"
    src.write_text(text, encoding="utf-8")
    fast, slow = both_routes(tmp_path, [src], monkeypatch)
    assert same_result(fast, slow) == route


def test_with_allow_rejects_a_bad_row_is_quarantined_with_its_line(tmp_path, monkeypatch):
    src = write_csv(tmp_path / "bad.csv", [row(), row(partner="XXX"), row(period="2025-03")])
    fast, slow = both_routes(tmp_path, [src], monkeypatch, allow_rejects=True)
    assert same_result(fast, slow) == "checked"
    quarantine = next((tmp_path / "direct" / "quarantine").glob("*.csv")).read_text()
    assert "bad.csv,3,partner" in quarantine


def test_an_append_that_repeats_a_stored_row_gives_way_to_the_checked_route(tmp_path, monkeypatch):
    first = write_csv(tmp_path / "a.csv", [row()])
    second = write_csv(tmp_path / "b.csv", [row(), row(value_cny="5.00")])
    for name in ("direct", "checked"):
        ingest_files(tmp_path / name, [first])
    fast, slow = both_routes(tmp_path, [second], monkeypatch, mode="append", allow_rejects=True)
    assert same_result(fast, slow) == "checked"
    assert fast[1][1][:3] == (2, 1, 1)  # type: ignore[index]


def test_an_append_of_new_rows_stays_direct(tmp_path, monkeypatch):
    first = write_csv(tmp_path / "a.csv", [row()])
    second = write_csv(tmp_path / "b.csv", [row(value_cny="5.00")])
    for name in ("direct", "checked"):
        ingest_files(tmp_path / name, [first])
    fast, slow = both_routes(tmp_path, [second], monkeypatch, mode="append")
    assert same_result(fast, slow) == "direct"


def test_several_files_and_other_encodings_take_the_checked_route(tmp_path):
    a = write_csv(tmp_path / "a.csv", [row()])
    b = write_csv(tmp_path / "b.csv", [row(period="2025-02")])
    assert ingest_files(tmp_path / "s1", [a, b]).route == "checked"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(csv_text([row(unit="千克")]).encode("gbk"))
    assert ingest_files(tmp_path / "s2", [gbk]).route == "checked"


def test_data_lines_are_counted_like_the_reader_counts_them(tmp_path):
    for text, lines in [("h\n", 0), ("h\na\nb\n", 2), ("h\na\nb", 2), ("h\r\na\r\n", 1)]:
        (tmp_path / "f").write_text(text, newline="")
        assert direct.digest_and_lines(tmp_path / "f")[1] == lines


# -- the fast lane of the rules never changes an outcome ------------------------------------

field_text = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "USA",
            "usa",
            " USA",
            "XXX",
            "export",
            "Export",
            "import ",
            "2025-01",
            "2025",
            "2025-13",
            "2025-01..2025-03",
            " 2025-01",
            "1,234.50",
            "1234.5",
            "1234.567",
            "-1",
            "nan",
            "1e5",
            "0110",
            "110",
            "37",
            "99",
            "private",
            "PRIVATE",
            "0",
            "5",
            "85076000",
            "8507600000000",
            "TOTAL",
            "2",
            "85",
            "total",
            "kg",
            " kg ",
        ]
    ),
    st.text(alphabet="0123456789., -eE", max_size=8),
)
raw_row = st.fixed_dictionaries({c: field_text for c in COLUMN_NAMES})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_row, min_size=1, max_size=40))
def test_the_fast_lane_gives_the_same_rows_and_reasons_as_the_full_rules(rows):
    import pyarrow as pa

    table = pa.table({c: [r[c] for r in rows] for c in COLUMN_NAMES})
    table = table.append_column("_line", pa.array(range(2, len(rows) + 2), pa.int64()))
    con = duckdb.connect()
    partners = sorted(partner_codes())
    create_types(con, partners)
    con.register("raw_batch", table)
    fast = con.sql(validation_sql(partners) + " ORDER BY _line").fetchall()
    full = con.sql(validation_sql(partners, fast=False) + " ORDER BY _line").fetchall()
    assert fast == full


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_row, min_size=1, max_size=12))
def test_any_file_commits_the_same_through_either_route(rows):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        src = write_csv(Path(tmp) / "in.csv", rows)
        fast, slow = both_routes(Path(tmp), [src], mp, allow_rejects=True)
        same_result(fast, slow)


valid_row = st.fixed_dictionaries(
    {
        "period": st.sampled_from(["2024", "2024-12", "2025-01"]),
        "flow": st.sampled_from(["export", "import", "re_export"]),
        "hs_code": st.from_regex(r"[0-9]{6,10}", fullmatch=True),
        "partner": st.sampled_from(["USA", "NAM", "HKG", "XKX"]),
        "value_cny": st.decimals(0, 10**9, places=2).map(str),
        "value_usd": st.sampled_from(["", "0", "7.1"]),
        "quantity": st.sampled_from(["", "1.125", "3"]),
        "unit": st.sampled_from(["kg", "u", "1000 kg"]),  # codes as written: the fast lane
        "enterprise_id": st.sampled_from(["", "E1", "千克", "a,b", 'say "x"']),
        "enterprise_type": st.sampled_from(["", "private", "other"]),
        "region": st.sampled_from(["", "37", "44"]),
    }
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(valid_row, min_size=1, max_size=30, unique_by=lambda r: tuple(r.values())))
def test_valid_distinct_rows_go_direct_and_commit_the_same(rows):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        src = write_csv(Path(tmp) / "in.csv", rows)
        fast, slow = both_routes(Path(tmp), [src], mp)
        assert same_result(fast, slow) == "direct"
