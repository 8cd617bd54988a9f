"""The bugs the fuzzing found, each pinned by a direct test (the raw inputs are replayed by
test_fuzz_regressions.py). Numbers are those of RELIABILITY.md's "Bugs found".
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tradestats.errors import UsageError, ValidationFailed
from tradestats.ingest import ingest_files
from tradestats.store import Store


def _injected_header(target: Path) -> list[str]:
    """A China-customs header whose last cell closes the quoted identifier the adapter wrote
    around it and appends a COPY statement that writes ``target``."""
    cell = (
        "人民币\"), '') AS value_cny, NULL AS value_usd, NULL AS value_eur, NULL AS quantity, "
        "NULL AS unit, NULL AS trade_mode, NULL AS enterprise_id, NULL AS enterprise_type, "
        "NULL AS region, NULL AS brand_type, NULL AS transport_mode, 'CHN' AS reporter, "
        "NULL AS product_level, NULL AS _skip FROM src; "
        f"COPY (SELECT 42 AS x) TO '{target}'; SELECT NULLIF(trim(src.\"人民币"
    )
    return ["数据年月", "进出口", "商品编码", "贸易伙伴名称", "人民币", cell]


def test_bug4_header_cell_cannot_inject_sql(tmp_path: Path) -> None:
    """Bug 4: cn-customs put header cells into its SQL unescaped; a crafted file made DuckDB
    write (or read) any file. Now the cell is one quoted identifier, and nothing is written."""
    target = tmp_path / "pwned.csv"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_injected_header(target))
    writer.writerow(["202503", "出口", "85076000", "美国", "1", "2"])
    path = tmp_path / "customs.csv"
    path.write_bytes(buf.getvalue().encode("gbk"))
    report = ingest_files(tmp_path / "s", [path], fmt="cn-customs")
    assert not target.exists(), "the header cell ran a COPY statement"
    assert report.rows_accepted == 1  # the last 人民币 column is the value column, as before


def test_bug5_baci_reporter_cannot_inject_sql(tmp_path: Path) -> None:
    """Bug 5: BACI wrote --reporter unescaped into the text of a skip reason."""
    target = tmp_path / "pwned.csv"
    path = tmp_path / "BACI.csv"
    path.write_text("t,i,j,k,v,q\n2022,410,392,850760,5.5,1\n", encoding="utf-8")
    from tradestats.adapters.base import Options

    reporter = f"x') || '' END FROM b; COPY (SELECT 1) TO '{target}'; SELECT ('"
    with pytest.raises(ValidationFailed, match="every row was skipped") as info:
        ingest_files(tmp_path / "s", [path], options=Options(reporter=reporter))
    assert "COPY (SELECT 1)" in str(info.value)  # the reporter is text in the reason
    assert not target.exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("t,i,j,k,v,q,\n2022,410,392,850760,5.5,1,\n", None),  # trailing comma: unnamed column
        ("t,i,j,k,v,q", "no data rows"),  # header without its newline
        ("t,i,j,k,v,q\n2022,410,392,850760,5.5,1\xff\n", "cannot parse"),  # bad UTF-8, 1st block
    ],
)
def test_bug6_adapter_csv_problems_are_clear(tmp_path: Path, text: str, words: str | None) -> None:
    """Bug 6: pyarrow and DuckDB errors escaped the adapters' CSV loader as tracebacks."""
    path = tmp_path / "BACI.csv"
    path.write_bytes(text.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"))
    if words is None:
        assert ingest_files(tmp_path / "s", [path], fmt="baci").rows_accepted == 1
    else:
        with pytest.raises(ValidationFailed, match=words):
            ingest_files(tmp_path / "s", [path])
        assert Store(tmp_path / "s").batches() == []


def test_bug8_code_table_not_json(tmp_path: Path) -> None:
    from tradestats.adapters.cn_customs import read_code_table

    path = tmp_path / "codes.json"
    path.write_text('[{"CUSTOMS_COUNTRY_CODE": "344",', encoding="utf-8")
    with pytest.raises(UsageError, match="not readable JSON"):
        read_code_table(path)
    path.write_text('[1, "x", {"CUSTOMS_COUNTRY_CODE": "344", "COUNTRY_CODE": "RUS"}]')
    assert read_code_table(path) == {"344": "RUS"}


@pytest.mark.parametrize("first", [b"\x0b", b"\x0c", b"\x1c", b"\xc2\x85"])
def test_bug9_first_line_empty_once_decoded(tmp_path: Path, first: bytes) -> None:
    """Bug 9: a file starting with a character Python splits lines at (vertical tab, form
    feed, ...) gave an empty first line and a StopIteration out of the sniffer."""
    path = tmp_path / "x.csv"
    path.write_bytes(first + b"period,flow\n")
    with pytest.raises(ValidationFailed, match="missing required column"):
        ingest_files(tmp_path / "s", [path])


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [("--encoding", "no-such-codec", "unknown encoding"), ("--delimiter", "ab", "one character")],
)
def test_bug10_bad_encoding_or_delimiter_is_one_line(
    tmp_path: Path, flag: str, value: str, words: str
) -> None:
    """Bug 10: an unknown --encoding or a long --delimiter gave a Python traceback."""
    path = tmp_path / "x.csv"
    path.write_text("period,flow,hs_code,partner,value_cny\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "tradestats.cli", "ingest", str(path), "--store",
           str(tmp_path / "s"), flag, value]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text", ["0000", "0999-03", "0001-Q1", "０９９９"])
def test_bug11_years_before_1000_are_refused(text: str) -> None:
    """Bug 11: '0000' parsed as year 0, labelled '0', with months '0-01'; its end date raised."""
    from tradestats.indicators.periods import parse_period

    with pytest.raises(UsageError, match="out of range"):
        parse_period(text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("BACI.csv", "t,i,j,k,v,q\n2022,410,392,850760," + "9" * 40 + ",1\n"),
        ("ct.csv", "refYear,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n"
                   "2022,156,X,410,440710," + "9" * 40 + ".125\n"),
    ],
)  # fmt: skip
def test_bug13_huge_values_are_quarantined(tmp_path: Path, name: str, text: str) -> None:
    """Bug 13: BACI and Comtrade cast well-formed but huge values to DECIMAL(38,10), and
    DuckDB's conversion error escaped. Now such a value reaches the rules, which refuse it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"value_usd: .9999"):
        ingest_files(tmp_path / "s", [path])
    assert Store(tmp_path / "s").batches() == []


@pytest.mark.parametrize(
    ("fragment", "size", "bound"),
    [("2025", 16_000, 1.0), ("2025 ", 100_000, 3.0), ("in 2025-Q2 ", 100_000, 3.0),
     ("exports rose 5% ", 100_000, 6.0), ("出口增长5%，", 100_000, 6.0)],
)  # fmt: skip
def test_bug14_claim_extraction_is_not_quadratic(fragment: str, size: int, bound: float) -> None:
    """Bug 14: a run of digits with no unit was matched from each of its digits (16 KB of
    digits: about 30 s), and every period or term of a sentence was compared with every other
    (100 KB of "2025 ": 11 s; 100 KB of "exports rose 5% ", one 6,250-figure sentence: 57 s).
    POST /api/v1/check takes 100,000 characters."""
    import time

    from tradestats.checker import check

    check("warm up: exports rose 5 percent in 2025")
    text = (fragment * (size // len(fragment) + 1))[:size]
    # CPU time, not wall time: the test machine is shared, and the budget is our own work.
    start = time.process_time()
    check(text[: size // 8])
    eighth = time.process_time() - start
    start = time.process_time()
    check(text)
    whole = time.process_time() - start
    # Eight times the text: about eight times the work (a quadratic scan is 64 times); the
    # floor keeps a few milliseconds of noise from deciding. The bound is what a user waits.
    assert whole < 12 * eighth + 0.25, (whole, eighth)
    assert whole < bound, whole


def test_bug15_columns_equal_but_for_case(tmp_path: Path) -> None:
    """Bug 15: the China-customs loader keeps header names as they are; two that differ only in
    case ("NaN", "nan") are one name to DuckDB, whose CatalogException escaped."""
    head = "数据年月,进出口,商品编码,贸易伙伴名称,人民币,NaN,nan"
    path = tmp_path / "customs.csv"
    path.write_bytes((head + "\n202503,出口,85076000,美国,5,1,2\n").encode("gbk"))
    with pytest.raises(ValidationFailed, match="repeated column"):
        ingest_files(tmp_path / "s", [path])
