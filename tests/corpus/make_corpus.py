"""Write the hostile input files of tests/corpus/files/ (run once; the files are committed).

    .venv/bin/python tests/corpus/make_corpus.py

The test does not run this script: it reads the committed files and tests/corpus/expected.yaml.
Every file is small (under 200 KB); the zip bomb is a small ZIP of a large file of zeros.
The 1 MB single field is generated at test time (tests/corpus/test_corpus.py), not committed.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "files"
HEAD = (
    "period,flow,hs_code,partner,value_cny,value_usd,quantity,unit,trade_mode,enterprise_id,"
    "enterprise_type,region,brand_type,transport_mode"
)
GOOD = "2025-01,export,85076000,USA,1000.00,140.00,10,kg,0110,E1,private,37,1,2"
GOOD2 = "2025-01,import,85414300,KOR,2500.50,350.00,5,kg,0110,E2,other,44,0,2"
GOOD3 = "2025-02,export,85076000,DEU,300.00,42.00,1,kg,0110,E3,private,37,1,2"


def line(**kw: str) -> str:
    names = HEAD.split(",")
    values = dict(zip(names, GOOD.split(","), strict=True))
    values.update(kw)
    return ",".join(values[n] for n in names)


def text(*lines: str, head: str = HEAD, end: str = "\n") -> str:
    return end.join([head, *lines]) + end


CN_HEAD = (
    "数据年月,进出口,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,贸易方式编码,贸易方式名称,"
    "注册地编码,注册地名称,第一数量,第一计量单位,人民币"
)
CN_OK = "202503,出口,85414300,光伏组件,110,中国香港,0110,一般贸易,44031,深圳,10,个,500.50"
CN_UNKNOWN = "202503,出口,85076000,锂离子蓄电池,999,火星共和国,0110,一般贸易,11,北京,1,个,9"

CT_HEAD = (
    "freq_code,ref_year,ref_month,period,reporter_code,reporter_iso,flow_code,partner_code,"
    "partner_iso,partner2code,cmd_code,customs_code,mot_code,qty_unit_abbr,qty,primary_value"
)


def comtrade_json(n: int) -> str:
    records = [
        {"refYear": 2022, "refMonth": 52, "freqCode": "A", "reporterCode": 156,
         "flowCode": "X", "partnerCode": p, "cmdCode": "440710", "customsCode": "C00",
         "motCode": 0, "primaryValue": 100.5 + p}
        for p in (410, 392, 842, 276)[:n]
    ]  # fmt: skip
    return json.dumps({"count": len(records), "data": records})


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        info = zipfile.ZipInfo("data.csv", date_time=(2026, 1, 1, 0, 0, 0))  # reproducible
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, b"\0" * (50 << 20))  # 50 MB of zeros, about 50 KB zipped
    return buf.getvalue()


def files() -> dict[str, bytes]:
    hs20 = "12345678901234567890"
    out: dict[str, str | bytes] = {
        # file-level refusals
        "empty.csv": b"",
        "header_only.csv": text(),
        "blank_lines_only.csv": text("", "", ""),
        "semicolon_delimiter.csv": text(GOOD.replace(",", ";"), head=HEAD.replace(",", ";")),
        "tab_delimiter.csv": text(GOOD.replace(",", "\t"), head=HEAD.replace(",", "\t")),
        "binary_junk.csv": bytes((i * 97 + 13) % 256 for i in range(4096)),
        "zip_bomb_renamed.csv": zip_bomb(),
        "gzip_renamed.csv": gzip.compress(text(GOOD).encode(), mtime=0),
        "utf16.csv": text(GOOD).encode("utf-16"),
        "missing_column.csv": text(
            GOOD.split(",", 4)[4], head=HEAD.replace("period,flow,hs_code,partner,", "")
        ),
        "extra_column.csv": text(GOOD + ",red", head=HEAD + ",colour"),
        "repeated_column.csv": text(GOOD + ",kg", head=HEAD + ",unit"),
        "no_value_column.csv": text(
            "2025-01,export,85076000,USA", head="period,flow,hs_code,partner"
        ),
        "header_misspelt.csv": text(GOOD, head=HEAD.replace("partner", "partnr")),
        "html_page.csv": b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n",
        "nul_bytes_in_row.csv": text(GOOD, GOOD2.replace("KOR", "K\0R")).encode(),
        # encodings
        "bom_utf8.csv": b"\xef\xbb\xbf" + text(GOOD, GOOD2).encode(),
        "gbk_unit.csv": text(line(unit="千克"), GOOD2).encode("gbk"),
        "gbk_read_as_utf8.csv": text(line(unit="千克"), GOOD2).encode("gbk"),
        "latin1_junk_in_row.csv": text(GOOD).encode()
        + line(unit="caf\xe9").encode("latin-1")
        + b"\n",
        # line structure
        "crlf.csv": text(GOOD, GOOD2, GOOD3, end="\r\n"),
        "cr_only.csv": text(GOOD, GOOD2, end="\r"),
        "quoted_newline.csv": text(GOOD, line(enterprise_id='"E1\nbranch 2"', hs_code="85414300")),
        "truncated_last_line.csv": text(GOOD, GOOD2)[:-1] + "\n" + GOOD3[:20],
        "no_final_newline.csv": text(GOOD, GOOD2)[:-1],
        "too_few_fields.csv": text(GOOD, ",".join(GOOD2.split(",")[:8])),
        "too_many_fields.csv": text(GOOD, GOOD2 + ",x,y"),
        "blank_lines_between.csv": text(GOOD, "", GOOD2, "", "", GOOD3),
        "very_long_line.csv": text(GOOD, line(enterprise_id="E" * 150_000)),
        "unbalanced_quote.csv": text(GOOD, line(unit='"kg'), GOOD3),
        # values
        "nan_value.csv": text(GOOD, line(value_cny="NaN", hs_code="85414300")),
        "inf_value.csv": text(GOOD, line(value_usd="inf", hs_code="85414300")),
        "negative_value.csv": text(GOOD, line(value_cny="-5.00", hs_code="85414300")),
        "three_decimals.csv": text(GOOD, line(value_cny="1.005", hs_code="85414300")),
        "huge_value.csv": text(GOOD, line(value_cny="1" + "0" * 20, hs_code="85414300")),
        "thousands_wrong_place.csv": text(GOOD, line(value_cny='"1,23,4"', hs_code="85414300")),
        "thousands_right_place.csv": text(GOOD, line(value_cny='"1,234,567.50"', hs_code="854143")),
        "trailing_spaces.csv": text(
            GOOD, line(flow=" export ", partner="KOR ", hs_code="85414300", value_cny="7.00 ")
        ),
        "value_text.csv": text(GOOD, line(value_cny="lots", hs_code="85414300")),
        "scientific_value.csv": text(GOOD, line(value_cny="1e3", hs_code="85414300")),
        "mixed_currencies.csv": text(
            line(value_usd=""),
            line(value_cny="", value_usd="99.50", hs_code="85414300"),
            line(value_cny="", value_usd="", quantity="", hs_code="85044000"),
        ),
        "no_money_on_row.csv": text(
            GOOD, line(value_cny="", value_usd="", quantity="", hs_code="85414300")
        ),
        # codes and periods
        "hs_20_digits.csv": text(GOOD, line(hs_code=hs20)),
        "hs_4_digits_lost_zero.csv": text(GOOD, line(hs_code="1012")),
        "hs_letters.csv": text(GOOD, line(hs_code="8507AB00")),
        "unknown_partner.csv": text(GOOD, line(partner="XXX", hs_code="85414300")),
        "partner_lowercase_name.csv": text(GOOD, line(partner="Germany", hs_code="85414300")),
        "period_2025_13.csv": text(GOOD, line(period="2025-13", hs_code="85414300")),
        "period_1949.csv": text(GOOD, line(period="1949-12", hs_code="85414300")),
        "period_range_backwards.csv": text(GOOD, line(period="2025-06..2025-01")),
        "flow_unknown.csv": text(GOOD, line(flow="transit", hs_code="85414300")),
        "enterprise_type_bad.csv": text(GOOD, line(enterprise_type="alien", hs_code="85414300")),
        "duplicates.csv": text(GOOD, GOOD, GOOD2, GOOD),
        "all_rows_bad.csv": text(line(partner="ZZZ"), line(period="2025-13")),
        "many_problems.csv": text(
            GOOD, *[line(partner="XXX", enterprise_id=f"E{i}") for i in range(300)]
        ),
        # adapters
        "comtrade_truncated.json": comtrade_json(4)[:400],  # mid-JSON, in the second record
        "comtrade_truncated_in_first_record.json": comtrade_json(4)[:150],
        "comtrade_ok.json": comtrade_json(3),
        "comtrade_empty_data.json": json.dumps({"count": 0, "data": []}),
        "comtrade_not_json.json": b'{"data": [\x00\x01\x02',
        "baci_missing_column.csv": "t,i,j,k,v\n2022,156,842,850760,1234.567\n",
        "baci_bad_partner.csv": "t,i,j,k,v,q\n2022,156,842,850760,1.5,1\n2022,156,999,850760,2,1\n",
        "cn_customs_unknown_partner_gbk.csv": "\n".join([CN_HEAD, CN_OK, CN_UNKNOWN, ""]).encode(
            "gbk"
        ),
        "comtrade_csv_header_only.csv": CT_HEAD + "\n",
    }
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in out.items()}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, data in files().items():
        assert len(data) < 200_000, name
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")


if __name__ == "__main__":
    main()
