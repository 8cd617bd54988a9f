"""The China-customs query-platform adapter: GBK, Chinese headers, partner names and codes."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.adapters.base import Options
from tradestats.errors import ValidationFailed
from tradestats.ingest import ingest_files

sys.path.insert(0, str(Path(__file__).parent))
from adapter_helpers import stored

from helpers import store_listing

HEAD = (
    "数据年月,进出口,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,贸易方式编码,贸易方式名称,"
    "注册地编码,注册地名称,第一数量,第一计量单位,{money}"
)


def _write(tmp: Path, rows: list[str], money: str = "人民币", enc: str = "gbk") -> Path:
    path = tmp / "customs.csv"
    path.write_bytes(("\n".join([HEAD.format(money=money), *rows]) + "\n").encode(enc))
    return path


RUSSIA = (
    '202503,出口,85076000,锂离子蓄电池,344,俄罗斯联邦,0110,一般贸易,37019,青岛,"1,234",个,'
    '"12,345,678"'
)
HONG_KONG = "202503,出口,85414300,光伏组件,110,中国香港,0110,一般贸易,44031,深圳,10,个,500.50"
UNKNOWN = "202503,进口,85076000,锂离子蓄电池,701,国(地)别不详,0110,一般贸易,11,北京,1,个,9"


def test_partners_by_name_gbk_and_thousands_separators(tmp_path: Path) -> None:
    report = ingest_files(tmp_path / "s", [_write(tmp_path, [RUSSIA, HONG_KONG])])
    assert report.sources[0]["format"] == "cn-customs"
    assert report.sources[0]["encoding"] == "gb18030"
    got = stored(
        tmp_path / "s",
        "SELECT period, flow, partner, value_cny, quantity, region, reporter FROM r ORDER BY ALL",
    )
    assert got == [
        ("2025-03", "export", "HKG", Decimal("500.50"), Decimal("10.000"), "44", "CHN"),
        ("2025-03", "export", "RUS", Decimal("12345678.00"), Decimal("1234.000"), "37", "CHN"),
    ]


def test_unknown_partner_is_quarantined_never_guessed(tmp_path: Path) -> None:
    src = _write(tmp_path, [RUSSIA, UNKNOWN])
    with pytest.raises(ValidationFailed, match="国"):
        ingest_files(tmp_path / "s", [src])
    assert store_listing(tmp_path / "s") == {}
    report = ingest_files(tmp_path / "s", [src], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1) and report.balanced


def test_code_table_maps_customs_344_to_russia(shared_data: Path, tmp_path: Path) -> None:
    table = shared_data / "china_customs_code_tables" / "CusCountry.json"
    rows = [RUSSIA.replace("俄罗斯联邦", "x"), HONG_KONG.replace("中国香港", "y"), UNKNOWN]
    report = ingest_files(
        tmp_path / "s", [_write(tmp_path, rows)], allow_rejects=True,
        options=Options(code_table=table),
    )  # fmt: skip
    got = stored(tmp_path / "s", "SELECT hs_code, partner FROM r ORDER BY ALL")
    assert got == [("85076000", "RUS"), ("85414300", "HKG")]  # not ISO numeric 344 (HKG)
    assert report.rows_quarantined == 1  # 701 'unknown' has no country: quarantined
    assert "customs code 701" in report.problems[0].lower()


@pytest.mark.parametrize(
    "table", ["CusMappingCountryCode.json", "SwCountry.json", "CusCountry.json"]
)
def test_every_single_window_table_gives_russia(shared_data: Path, table: str) -> None:
    from tradestats.adapters.cn_customs import read_code_table

    codes = read_code_table(shared_data / "china_customs_code_tables" / table)
    assert (codes["344"], codes["142"], codes["110"]) == ("RUS", "CHN", "HKG")


def test_january_february_combined_stays_one_period(tmp_path: Path) -> None:
    row = HONG_KONG.replace("202503", "2025年1-2月")
    ingest_files(tmp_path / "s", [_write(tmp_path, [row], money="美元")])
    assert stored(tmp_path / "s", "SELECT period, value_usd, value_cny FROM r") == [
        ("2025-01..2025-02", Decimal("500.50"), None)
    ]


def test_cumulative_header_gives_year_to_date_ranges(tmp_path: Path) -> None:
    report = ingest_files(tmp_path / "s", [_write(tmp_path, [HONG_KONG], money="累计人民币")])
    assert report.periods == ["2025-01..2025-03"]


def test_missing_columns_and_flow_are_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("数据年月,商品编码,人民币\n202503,85076000,1\n".encode("gbk"))
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [path])
    assert "贸易伙伴名称" in str(info.value) and "--flow" in str(info.value)


def test_flow_option_when_the_file_has_no_flow_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("数据年月,商品编码,贸易伙伴名称,美元\n202503,85076000,韩国,7\n".encode("gbk"))
    ingest_files(tmp_path / "s", [path], options=Options(flow="import"))
    assert stored(tmp_path / "s", "SELECT flow, partner FROM r") == [("import", "KOR")]


def test_truncated_gbk_file(tmp_path: Path) -> None:
    path = _write(tmp_path, [RUSSIA, HONG_KONG])
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b",", 0, len(data) - 12)])  # cut inside the last row
    report = ingest_files(tmp_path / "s", [path], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1) and report.balanced
