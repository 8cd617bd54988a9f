"""partner_areas.tsv, comtrade_partners.tsv and units.tsv: the codes public trade data use.

Every row is checked against the standards it cites: pseudo-partners in the ISO 3166-1
user-assigned range, former codes against ISO 3166-3 (pycountry), Comtrade numbers against the
codes seen in the real Comtrade extracts of ../shared/data.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pycountry
import pytest

from tradestats.errors import UsageError
from tradestats.reference import load_reference, validate_directory

FIX = "comtradr_fixtures"


def test_taiwan_is_comtrade_490_s19() -> None:
    ref = load_reference()
    assert ref.comtrade_code("490") == ref.comtrade_alpha("S19") == "TWN"
    assert ref.country("TWN").numeric == "158"  # the ISO number stays Taiwan's too
    assert ref.comtrade_code("158") == "TWN"


def test_pseudo_partners_are_user_assigned_and_documented() -> None:
    ref = load_reference()
    pseudo = [a for a in ref.areas.values() if a.kind in ("nes", "special", "grouping")]
    assert {"XNS", "XBK", "XFZ", "XSC", "XEN", "XAF"} <= {a.code for a in pseudo}
    for a in pseudo:
        assert re.fullmatch(r"X[A-Z]{2}", a.code) and a.code != "XKX", a
        assert a.name_en and a.name_zh and a.comtrade, a  # every one has its Comtrade number
    # Comtrade's alpha codes as they appear in real files (padded with a space).
    assert [ref.comtrade_alpha(c) for c in ("_X ", "X1 ", "XX ", "E19", "F19")] == [
        "XNS", "XBK", "XSC", "XEN", "XAF",
    ]  # fmt: skip
    assert [ref.comtrade_code(n) for n in ("899", "837", "838", "839")] == [
        "XNS", "XBK", "XFZ", "XSC",
    ]  # fmt: skip
    assert ref.comtrade_code("492") == "XEU" and ref.comtrade_alpha("MCO") == "MCO"  # Monaco


def test_world_is_wld_and_m49_001() -> None:
    ref = load_reference()
    world = ref.partner_area("WLD")
    assert (world.kind, world.m49, world.comtrade, world.comtrade_alpha) == (
        "world", "001", "0", "W00",
    )  # fmt: skip
    assert ref.comtrade_code("0") == ref.comtrade_alpha("World") == "WLD"
    assert "WLD" in ref.partner_codes


def test_former_codes_match_iso_3166_3_with_their_dates() -> None:
    ref = load_reference()
    for c in pycountry.historic_countries:
        if c.alpha_3 in {k.alpha_3 for k in pycountry.countries}:
            continue  # ATF: withdrawn once, then given again
        area = ref.partner_area(c.alpha_3)
        assert area.kind == "former" and area.valid_to.startswith(c.withdrawal_date[:4])
        assert c.alpha_3 in ref.former_codes  # valid only for its dates
    assert ref.former_codes["ANT"] == ("", "2010-12-15")
    assert [ref.comtrade_code(n) for n in ("530", "532", "891", "890", "200", "810")] == [
        "ANT", "ANT", "SCG", "YUG", "CSK", "SUN",
    ]  # fmt: skip


def test_lookalike_letters_are_not_codes() -> None:
    ref = load_reference()
    for text in ("uſa", "ınd"):  # Python's upper() gives USA and IND
        assert text.upper() in ("USA", "IND")
        with pytest.raises(UsageError):
            ref.country(text)
        assert ref.comtrade_alpha(text) is None


def test_comtrade_partner_codes_of_the_real_files_are_all_known(shared_data: Path) -> None:
    ref = load_reference()
    for name in ("comtrade_THA_shrimp_HS6_by_partner_2007-2011.csv",
                 "comtrade_CHN_exports_KOR_MEX_USA_2012-2022_annual_total.csv"):  # fmt: skip
        with (shared_data / FIX / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                code = ref.comtrade_code(r["partner_code"])
                assert code is not None, r["partner_code"]
                # the alpha code, where Comtrade gives one, names the same partner
                assert ref.comtrade_alpha(r["partner_iso"]) == code, r["partner_desc"]


def test_units_are_wco_codes_with_spellings() -> None:
    ref = load_reference()
    assert {"kg", "u", "2u", "12u", "1000u", "l", "m", "m2", "m3", "carat"} <= set(ref.units)
    assert [ref.unit_code(t) for t in ("KG", " kg ", "千克", "吨", "t", "m²", "个", "双")] == [
        "kg", "kg", "kg", "1000 kg", "1000 kg", "m2", "u", "2u",
    ]  # fmt: skip
    assert ref.unit_code("\u212ag") is None  # the Kelvin sign is no k
    assert ref.comtrade_unit("8") == "kg" and ref.comtrade_unit("-1") is None
    assert (ref.units["2u"].base, ref.units["2u"].factor) == ("u", "2")


def test_bad_area_and_unit_files_list_every_problem(tmp_path: Path) -> None:
    packaged = Path(__file__).parents[2] / "src/tradestats/reference/data"
    lines = (packaged / "partner_areas.tsv").read_text(encoding="utf-8").splitlines()
    lines.append("\t".join(["USA", "nes", "x", "x", "", "", "", "", "", "", ""]))
    lines.append("\t".join(["BBB", "nes", "x", "x", "", "", "", "", "", "", ""]))
    lines.append("\t".join(["ABC", "former", "x", "x", "", "", "", "", "", "", ""]))
    (tmp_path / "partner_areas.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = (packaged / "units.tsv").read_text(encoding="utf-8").splitlines()
    units.append("\t".join(["kilo", "", "yes", "kg", "0", "x", "KG"]))
    (tmp_path / "units.tsv").write_text("\n".join(units) + "\n", encoding="utf-8")
    reasons = [p.reason for p in validate_directory(tmp_path).items]
    assert any("'USA' is a current ISO 3166-1 country" in r for r in reasons)
    assert any("'BBB' is outside the ISO user-assigned codes" in r for r in reasons)
    assert any("former code 'ABC' has no valid_to" in r for r in reasons)
    assert any("spelling 'KG' is already unit 'kg'" in r for r in reasons)
