"""Ingest of canonical CSV: every record rule, the reconciliation, and the quarantine."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tradestats.errors import StoreError, ValidationFailed
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import HEADER, csv_text, row, store_listing, write_csv


def _ingest_one(tmp_path: Path, rows: list[dict[str, str]]) -> ValidationFailed:
    src = write_csv(tmp_path / "in.csv", rows)
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "store", [src])
    return info.value


@pytest.mark.parametrize(
    ("fields", "line_text"),
    [
        ({"period": "2025-13"}, "period: '2025-13' is not a month written YYYY-MM"),
        ({"period": "2025-1"}, "period: '2025-1' is not a month"),
        ({"period": ""}, "period: missing"),
        ({"flow": "re-export"}, "flow: 're-export' is not export or import"),
        ({"hs_code": "85076000123"}, "hs_code: '85076000123' has 11 digits, 6 to 10 expected"),
        ({"hs_code": "10121"}, "a leading zero lost?"),
        ({"hs_code": "8507.60"}, "hs_code: '8507.60' is not digits"),
        ({"partner": "XXX"}, "partner: 'XXX' is not an ISO 3166-1 alpha-3 country code"),
        ({"partner": "US"}, "partner: 'US' is not an ISO 3166-1 alpha-3"),
        ({"value_cny": "NaN"}, "value_cny: 'NaN' is not a finite number"),
        ({"value_cny": "inf"}, "value_cny: 'inf' is not a finite number"),
        ({"value_usd": "-1.00"}, "value_usd: '-1.00' is negative"),
        ({"value_cny": "12abc"}, "value_cny: '12abc' is not a number"),
        ({"value_cny": "1.234"}, "value_cny: '1.234' has more than 2 decimal places"),
        ({"value_cny": "12345678901234567"}, "is too large"),
        ({"value_cny": "", "value_usd": "", "quantity": ""}, "a row needs a value or a quantity"),
        ({"quantity": "-3"}, "quantity: '-3' is negative"),
        ({"trade_mode": "110"}, "trade_mode: '110' is not a 4-digit trade mode code"),
        ({"enterprise_type": "pirate"}, "enterprise_type: 'pirate' is not one of"),
        ({"region": "99"}, "region: '99' is not a 2-digit GB/T 2260 province code"),
        ({"brand_type": "7"}, "brand_type: '7' is not a brand type 0 to 4"),
        ({"unit": "x" * 1001}, "is not a unit of quantity of units.tsv"),
        ({"quantity": "5", "unit": ""}, "unit: missing: quantity '5' needs its unit"),
        ({"partner": "uſa"}, "partner: 'uſa' has a letter outside A-Z that looks like 'USA'"),
        ({"partner": "ANT", "period": "2011-01"}, "'ANT' is a former code, valid until 2010-12-15"),
        ({"value_local": "5", "currency": "USD"}, "currency: 'USD' values go in value_usd"),
    ],
)
def test_each_rule_names_file_line_field_and_reason(
    tmp_path: Path, fields: dict[str, str], line_text: str
) -> None:
    err = _ingest_one(tmp_path, [row(), row(**{"enterprise_id": "E2", **fields})])
    message = str(err)
    assert f"{tmp_path / 'in.csv'}:3: " in message  # the bad row is on line 3
    assert line_text in message
    assert not Store(tmp_path / "store").batches()


def test_valid_rows_with_normalisation_are_accepted_exactly(tmp_path: Path) -> None:
    rows = [
        row(value_cny="1,234,567.50", flow=" Export ", partner="usa", enterprise_type="PRIVATE"),
        row(hs_code="0101210000", partner="NAM", value_cny="", value_usd="7"),
        row(period="2025-02", value_cny="0.1", value_usd="0"),
    ]
    report = ingest_files(tmp_path / "s", [write_csv(tmp_path / "in.csv", rows)])
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (3, 3, 0)
    files = Store(tmp_path / "s").data_files()
    got = duckdb.sql(
        f"SELECT flow, partner, hs_code, value_cny, value_usd, enterprise_type FROM "
        f"read_parquet({[str(f) for f in files]}) ORDER BY value_cny NULLS FIRST"
    ).fetchall()
    assert got == [
        ("export", "NAM", "0101210000", None, Decimal("7.00"), "private"),
        ("export", "USA", "85076000", Decimal("0.10"), Decimal("0.00"), "private"),
        ("export", "USA", "85076000", Decimal("1234567.50"), Decimal("140.00"), "private"),
    ]
    # Worked by hand: 1,234,567.50 + 0.10 = 1,234,567.60 yuan; 140 + 7 + 0 = 147 dollars.
    assert report.values["CNY"].accepted == Decimal("1234567.60")
    assert report.values["USD"].accepted == Decimal("147.00")


def test_allow_rejects_commits_valid_rows_and_quarantines_the_rest(tmp_path: Path) -> None:
    rows = [row(), row(partner="XXX", value_cny="500.25"), row(value_cny="oops", hs_code="850760")]
    src = write_csv(tmp_path / "in.csv", rows)
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (3, 1, 2)
    cny = report.values["CNY"]
    # read = 1000.00 + 500.25 (the 'oops' value is not a number and is counted apart)
    assert (cny.read, cny.accepted, cny.quarantined) == (
        Decimal("1500.25"),
        Decimal("1000.00"),
        Decimal("500.25"),
    )
    assert cny.unparseable_rows == 1
    assert report.balanced
    batch = Store(tmp_path / "s").batches()[0]
    assert batch.quarantine is not None
    with (tmp_path / "s" / batch.quarantine).open(encoding="utf-8") as fh:
        quarantined = list(csv.DictReader(fh))
    assert [(q["line"], q["fields"]) for q in quarantined] == [("3", "partner"), ("4", "value_cny")]
    assert quarantined[0]["source_file"] == str(src)
    assert quarantined[1]["value_cny"] == "oops"  # kept as it was read


def test_failed_ingest_keeps_its_rejects_outside_the_store_state(tmp_path: Path) -> None:
    err = _ingest_one(tmp_path, [row(partner="XXX")])
    report = err.report
    assert report is not None and not report.committed  # type: ignore[attr-defined]
    kept = Path(report.quarantine_file)  # type: ignore[attr-defined]
    assert kept.is_file() and "attempts" in kept.parts
    assert "XXX" in kept.read_text(encoding="utf-8")


def test_exact_duplicate_lines_are_quarantined_naming_the_first(tmp_path: Path) -> None:
    rows = [row(), row(hs_code="850760"), row(), row(enterprise_id="E2"), row()]
    report = ingest_files(
        tmp_path / "s", [write_csv(tmp_path / "in.csv", rows)], allow_rejects=True
    )
    assert report.rows_accepted == 3
    assert report.rejects_by_field == {"duplicate": 2}
    assert report.problems == [
        f"{tmp_path / 'in.csv'}:4: duplicate of line 2",
        f"{tmp_path / 'in.csv'}:6: duplicate of line 2",
    ]


def test_duplicates_across_files_of_one_ingest(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [row()])
    b = write_csv(tmp_path / "b.csv", [row(period="2025-02"), row()])
    report = ingest_files(tmp_path / "s", [a, b], allow_rejects=True)
    assert report.problems == [f"{b}:3: duplicate of {a}:2"]


def test_gbk_bom_and_thousands_separators(tmp_path: Path) -> None:
    text = csv_text([row(unit="千克", value_cny="12,345.67")])
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + csv_text([row(period="2025-02")]).encode("utf-8"))
    report = ingest_files(tmp_path / "s", [gbk, bom])
    assert report.rows_accepted == 2
    assert [s["encoding"] for s in report.sources] == ["gb18030", "utf-8"]
    files = [str(f) for f in Store(tmp_path / "s").data_files()]
    units = duckdb.sql(
        f"SELECT unit, value_cny FROM read_parquet({files}) ORDER BY period"
    ).fetchall()
    # 千克 (kilogram) is a spelling of the WCO unit kg: stored as the code.
    assert units == [("kg", Decimal("12345.67")), ("kg", Decimal("1000.00"))]


def test_blank_lines_are_counted_not_lost(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    text = csv_text([row(), row(hs_code="850760")])
    lines = text.splitlines()
    src.write_text("\n".join([lines[0], lines[1], "", lines[2], ""]) + "\n", encoding="utf-8")
    report = ingest_files(tmp_path / "s", [src])
    assert (report.rows_read, report.rows_accepted, report.blank_lines) == (2, 2, 2)


def test_line_numbers_stay_right_after_malformed_lines(tmp_path: Path) -> None:
    text = csv_text([row(), row(hs_code="850760")]).splitlines()
    src = tmp_path / "in.csv"
    bad = text[1] + ",extra"
    src.write_text("\n".join([text[0], bad, text[1], text[2].replace("USA", "ZZZ")]) + "\n")
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert report.problems == [
        f"{src}:2: has {len(HEADER) + 1} field(s), the header has {len(HEADER)}",
        f"{src}:4: partner: 'ZZZ' is not an ISO 3166-1 alpha-3 country code",
    ]


def test_parquet_input_is_validated_like_csv(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [row(), row(partner="ZZZ"), row(hs_code="0101210000")]
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, tmp_path / "in.parquet")
    report = ingest_files(tmp_path / "s", [tmp_path / "in.parquet"], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (2, 1)
    assert report.problems == [
        f"{tmp_path / 'in.parquet'}:2: partner: 'ZZZ' is not an ISO 3166-1 alpha-3 country code"
    ]


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x")
    src = write_csv(tmp_path / "in.csv", [row()])
    with pytest.raises(StoreError, match="is a file, not a directory"):
        ingest_files(target, [src])
    assert target.read_text() == "x"


def test_unwritable_store_path(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    with pytest.raises(StoreError, match=r"cannot create the store at /proc/tradestats-store"):
        ingest_files(Path("/proc/tradestats-store"), [src])


def test_store_unchanged_after_a_rejected_ingest(tmp_path: Path) -> None:
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "a.csv", [row()])])
    before = store_listing(tmp_path / "s")
    with pytest.raises(ValidationFailed):
        ingest_files(
            tmp_path / "s", [write_csv(tmp_path / "b.csv", [row(period="2025-02", flow="x")])]
        )
    assert store_listing(tmp_path / "s") == before


def test_any_iso_4217_currency_is_stored_as_reported_and_reconciled(tmp_path: Path) -> None:
    # Japan's figures in yen (no decimals) and Kuwait's in dinars (3 decimals), beside dollars.
    yen = dict(value_cny="", value_usd="", currency="JPY")
    rows = [
        row(reporter="JPN", value_local="1,250,000", **yen),
        row(reporter="JPN", hs_code="850760", value_local="375000", **yen),
        row(reporter="KWT", value_cny="", value_local="12.345", currency="kwd"),
        row(hs_code="850761", value_cny="", value_usd="", value_local="9", currency="usd"),
        row(hs_code="850762", value_cny="", value_usd="", value_local="9", currency="YEN"),
    ]
    report = ingest_files(tmp_path / "s", [write_csv(tmp_path / "y.csv", rows)],
                          allow_rejects=True)  # fmt: skip
    assert (report.rows_accepted, report.rows_quarantined) == (3, 2) and report.balanced
    jpy, kwd = report.values["JPY"], report.values["KWD"]
    assert (jpy.read, jpy.accepted, jpy.quarantined) == (Decimal(1_625_000), Decimal(1_625_000), 0)
    assert kwd.accepted == Decimal("12.345")
    # A dollar value written in value_local is refused, and counted apart from the dollars.
    assert report.values["value_local (USD)"].quarantined == Decimal(9)
    assert report.values["USD"].read == Decimal("140.00")
    assert report.rejects_by_field == {"currency": 2}
    files = [str(f) for f in Store(tmp_path / "s").data_files()]
    got = duckdb.sql(f"SELECT reporter, currency, value_local, value_usd FROM read_parquet("
                     f"{files}) ORDER BY value_local").fetchall()  # fmt: skip
    assert got == [("KWT", "KWD", Decimal("12.345"), Decimal("140.00")),
                   ("JPN", "JPY", Decimal("375000.000"), None),
                   ("JPN", "JPY", Decimal("1250000.000"), None)]  # fmt: skip


def test_quantity_only_rows_are_ingested(tmp_path: Path) -> None:
    rows = [row(value_cny="", value_usd="", quantity="12.5", unit="1000 kg"),
            row(hs_code="850760", value_cny="", value_usd="", quantity="", unit="",
                net_weight_kg="3.25")]  # fmt: skip
    report = ingest_files(tmp_path / "s", [write_csv(tmp_path / "q.csv", rows)])
    assert report.rows_accepted == 2 and report.balanced
    assert report.values["CNY"].accepted == 0
