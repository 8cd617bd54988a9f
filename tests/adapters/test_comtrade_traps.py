"""The Comtrade adapter on small hand-made files: every trap, with answers worked out by hand."""

from __future__ import annotations

import json
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
    "freq_code,ref_year,ref_month,period,reporter_code,reporter_iso,flow_code,partner_code,"
    "partner_iso,partner2code,cmd_code,customs_code,mot_code,qty_unit_abbr,qty,primary_value"
)


def _line(**kw: str) -> str:
    base = {
        "freq_code": "A",
        "ref_year": "2022",
        "ref_month": "52",
        "period": "2022",
        "reporter_code": "156",
        "reporter_iso": "CHN",
        "flow_code": "X",
        "partner_code": "410",
        "partner_iso": "KOR",
        "partner2code": "0",
        "cmd_code": "440710",
        "customs_code": "C00",
        "mot_code": "0",
        "qty_unit_abbr": "kg",
        "qty": "10",
        "primary_value": "100",
    }
    base.update(kw)
    return ",".join(base[h] for h in HEAD.split(","))


def _write(tmp: Path, lines: list[str], name: str = "ct.csv") -> Path:
    path = tmp / name
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return path


def _sum(root: Path, where: str = "TRUE") -> Decimal:
    return stored(root, f"SELECT coalesce(sum(value_usd), 0) FROM r WHERE {where}")[0][0]


def test_world_kept_as_declared_total_customs_mot_and_hs_aggregates_skipped(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            _line(partner_code="0", partner_iso="W00", primary_value="1000"),  # World
            _line(cmd_code="TOTAL", primary_value="600"),  # TOTAL beside 44, 4407, 440710
            _line(cmd_code="44", primary_value="500"),
            _line(cmd_code="4407", primary_value="300"),
            _line(cmd_code="440710", primary_value="200"),  # the finest: kept
            _line(cmd_code="440711", customs_code="C01", primary_value="7"),  # C00 beside
            _line(cmd_code="440711", primary_value="9"),  # C00 total kept
            _line(cmd_code="440712", mot_code="0", primary_value="50"),  # beside 2 modes
            _line(cmd_code="440712", mot_code="2100", primary_value="20"),
            _line(cmd_code="440712", mot_code="1000", primary_value="30"),
            _line(cmd_code="940330", partner_code="757", partner_iso="", primary_value="5"),
        ],
    )
    report = ingest_files(tmp_path / "s", [src])
    assert report.balanced and report.rows_read == 11
    assert (report.rows_accepted, report.rows_skipped, report.rows_quarantined) == (6, 5, 0)
    by_reason = {r: (t.rows, t.values["USD"]) for r, t in report.skipped.items()}
    assert by_reason == {
        "coarser HS level beside finer codes of the same cell": (3, Decimal(1400)),
        "customs procedure breakdown (its C00 total is kept)": (1, Decimal(7)),
        "transport mode total (motCode 0) beside its breakdown": (1, Decimal(50)),
    }
    # The World row is the reporter's declared total: stored as partner WLD, beside the rest.
    assert _sum(tmp_path / "s", "partner <> 'WLD'") == Decimal(200 + 9 + 20 + 30 + 5)
    assert _sum(tmp_path / "s", "partner = 'WLD'") == Decimal(1000)
    assert report.values["USD"].skipped == Decimal(1400 + 7 + 50)
    assert stored(tmp_path / "s", "SELECT partner FROM r WHERE hs_code = '940330'") == [("CHE",)]


def test_hs_level_asked_for_keeps_only_that_level(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [_line(cmd_code="44", primary_value="500"), _line(cmd_code="4407", primary_value="300")],
    )
    report = ingest_files(tmp_path / "s", [src], options=Options(hs_level=2))
    assert report.rows_accepted == 1 and report.rows_skipped == 1
    assert stored(tmp_path / "s", "SELECT hs_code, product_level FROM r") == [("44", "2")]


def test_reexports_are_kept_apart_and_monthly_periods(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            _line(freq_code="M", ref_month="3", period="202203", primary_value="10"),
            _line(freq_code="M", ref_month="3", period="202203", flow_code="RX", primary_value="4"),
        ],
    )
    ingest_files(tmp_path / "s", [src])
    got = stored(tmp_path / "s", "SELECT period, flow, value_usd FROM r ORDER BY flow")
    assert got == [("2022-03", "export", Decimal(10)), ("2022-03", "re_export", Decimal(4))]


def test_unknown_partner_code_is_quarantined_not_guessed(tmp_path: Path) -> None:
    src = _write(tmp_path, [_line(), _line(partner_code="998", partner_iso="Q9Q")])
    with pytest.raises(ValidationFailed, match="'Q9Q' is not an ISO 3166-1 alpha-3"):
        ingest_files(tmp_path / "s", [src])
    assert store_listing(tmp_path / "s") == {}  # store unchanged


def test_taiwan_s19_490_is_twn_and_said_in_the_notes(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            _line(partner_code="490", partner_iso="S19", primary_value="70"),
            _line(partner_code="490", partner_iso="", cmd_code="440711", primary_value="5"),
            _line(reporter_code="490", reporter_iso="S19", cmd_code="440712"),
        ],
    )
    report = ingest_files(tmp_path / "s", [src])
    assert (report.rows_accepted, report.rows_quarantined) == (3, 0)
    assert any("read as TWN" in n and "2 row(s) as partner, 1 as reporter" in n
               for n in report.notes), report.notes  # fmt: skip
    got = stored(tmp_path / "s", "SELECT reporter, partner, value_usd FROM r ORDER BY hs_code")
    assert got == [("CHN", "TWN", Decimal(70)), ("CHN", "TWN", Decimal(5)),
                   ("TWN", "KOR", Decimal(100))]  # fmt: skip


def test_areas_nes_bunkers_and_former_codes_are_kept_never_quarantined(tmp_path: Path) -> None:
    src = _write(
        tmp_path,
        [
            _line(partner_code="899", partner_iso="_X ", primary_value="1"),
            _line(partner_code="837", partner_iso="X1 ", cmd_code="440711", primary_value="2"),
            _line(partner_code="", partner_iso="E19", cmd_code="440712", primary_value="4"),
            _line(partner_code="530", partner_iso="ANT", ref_year="2010", period="2010"),
            _line(partner_code="492", partner_iso="MCO", cmd_code="440713", primary_value="8"),
        ],
    )
    report = ingest_files(tmp_path / "s", [src])
    assert (report.rows_accepted, report.rows_quarantined) == (5, 0) and report.balanced
    got = stored(tmp_path / "s", "SELECT partner FROM r ORDER BY value_usd")
    assert got == [("XNS",), ("XBK",), ("XEN",), ("XEU",), ("ANT",)]  # 492 is not Monaco
    # ANT is valid until 2010-12-15: a 2011 row naming it is refused with its date.
    late = _write(tmp_path, [_line(partner_code="530", partner_iso="ANT", ref_year="2011",
                                   period="2011")], "late.csv")  # fmt: skip
    with pytest.raises(ValidationFailed, match="'ANT' is a former code, valid until 2010-12-15"):
        ingest_files(tmp_path / "t", [late])


def test_lookalike_partner_letters_are_refused_not_read_as_usa(tmp_path: Path) -> None:
    src = _write(tmp_path, [_line(partner_code="", partner_iso="uſa")])
    with pytest.raises(ValidationFailed, match="'uſa' has a letter outside A-Z that looks like"):
        ingest_files(tmp_path / "s", [src])


def test_missing_value_column_is_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "ct.csv"
    path.write_text("ref_year,reporter_iso,flow_code,partner_iso,cmd_code\n2022,CHN,X,KOR,44\n")
    with pytest.raises(ValidationFailed, match="missing column"):
        ingest_files(tmp_path / "s", [path], fmt="comtrade")


def test_truncated_file_quarantines_the_cut_line(tmp_path: Path) -> None:
    text = "\n".join([HEAD, _line(), _line(cmd_code="440711")])
    path = tmp_path / "cut.csv"
    path.write_text(text[:-25], encoding="utf-8")  # the last line is cut mid-row
    report = ingest_files(tmp_path / "s", [path], allow_rejects=True)
    assert (report.rows_accepted, report.rows_quarantined) == (1, 1) and report.balanced
    assert "field(s)" in report.problems[0] and ":3:" in report.problems[0]


def test_wrong_encoding_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "ct.csv"
    path.write_bytes(("\n".join([HEAD, _line()]) + "\n").encode("utf-16"))
    with pytest.raises(ValidationFailed, match="UTF-16"):
        ingest_files(tmp_path / "s", [path])


def test_duplicate_aggregate_rows_in_json(tmp_path: Path) -> None:
    records = [
        {"refYear": 2010, "refMonth": 52, "freqCode": "A", "reporterCode": 842, "flowCode": "M",
         "partnerCode": p, "cmdCode": c, "customsCode": "C00", "motCode": 0,
         "primaryValue": v}
        for p, c, v in [(0, "TOTAL", 30.5), (0, "TOTAL", 30.5), (156, "TOTAL", 30.5)]
    ]  # fmt: skip
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"count": 3, "data": records}))
    report = ingest_files(tmp_path / "s", [path], allow_rejects=True)
    # The World row is kept (as WLD); its exact repeat is a duplicate, quarantined.
    assert (report.rows_accepted, report.rows_quarantined) == (2, 1) and report.balanced
    got = stored(tmp_path / "s", "SELECT reporter, partner, flow, value_usd FROM r ORDER BY 2")
    assert got == [("USA", "CHN", "import", Decimal("30.50")),
                   ("USA", "WLD", "import", Decimal("30.50"))]  # fmt: skip


def test_valuation_edition_quantity_and_net_weight_are_kept(tmp_path: Path) -> None:
    head = "refYear,reporterCode,flowCode,partnerCode,cmdCode,classificationCode,qtyUnitCode,"
    head += "qtyUnitAbbr,qty,netWgt,cifvalue,fobvalue,primaryValue\n"
    path = tmp_path / "v.csv"
    path.write_text(
        head + "2019,392,M,156,271019,H5,8,kg,1500.5,1500.5,120.125,110,120.125\n"
        "2019,392,M,156,870380,H5,5,u,3,4200,,,90000\n"
        "2019,392,M,156,854140,H5,-1,N/A,,7.25,,,5\n",
        encoding="utf-8",
    )
    report = ingest_files(tmp_path / "s", [path])
    assert report.balanced and report.rows_accepted == 3
    cols = "hs_code, hs_edition, value_usd, value_cif_usd, value_fob_usd, quantity, unit"
    got = stored(tmp_path / "s", f"SELECT {cols}, net_weight_kg FROM r ORDER BY hs_code")
    assert got == [
        ("271019", "HS2017", Decimal("120.13"), Decimal("120.13"), Decimal("110.00"),
         Decimal("1500.500"), "kg", Decimal("1500.500")),
        ("854140", "HS2017", Decimal("5.00"), None, None, None, None, Decimal("7.250")),
        ("870380", "HS2017", Decimal("90000.00"), None, None, Decimal("3.000"), "u",
         Decimal("4200.000")),
    ]  # fmt: skip
    assert any(n.endswith("value_cif_usd rounded half away from zero to the cent on 1 row(s) "
               "whose source value has thousandths (total change 0.0050000000)")
               for n in report.notes)  # fmt: skip


def test_legacy_comtrade_csv_layout_is_recognised(tmp_path: Path) -> None:
    head = (
        "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
        "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
        "Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Netweight (kg),"
        "Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag\n"
    )
    path = tmp_path / "comtrade.csv"
    path.write_text(
        head + 'H4,2015,2015,2015,6,1,2,Export,156,China,CHN,490,"Other Asia, nes",,850760,'
        "Lithium-ion accumulators,5,Number of items,10,20,1234,,1234,0\n"
        "H4,2015,201503,March 2015,6,1,1,Import,156,China,CHN,0,World,WLD,850760,"
        "Lithium-ion accumulators,5,Number of items,4,8,99,99,,0\n",
        encoding="utf-8",
    )
    report = ingest_files(tmp_path / "s", [path])
    assert report.sources[0]["format"] == "comtrade" and report.rows_accepted == 2
    got = stored(tmp_path / "s", "SELECT period, flow, partner, hs_edition, unit, value_usd, "
                 "value_fob_usd FROM r ORDER BY period")  # fmt: skip
    assert got == [
        ("2015", "export", "TWN", "HS2012", "u", Decimal(1234), Decimal(1234)),
        ("2015-03", "import", "WLD", "HS2012", "u", Decimal(99), None),
    ]
