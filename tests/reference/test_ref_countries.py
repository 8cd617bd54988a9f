"""countries.tsv: codes read as text, every ISO entry present, M49 and names cross-checked."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from ref_helpers import read_csv

from tradestats.errors import UsageError
from tradestats.reference import load_reference, partner_codes

# Countries whose Chinese name is deliberately a short form (as China's customs statistics
# print them) where the UN M49 Chinese file gives the formal name.
SHORT_NAMES_ZH = set(
    [
        "TZA",
        "CAF",
        "COG",
        "COD",
        "BOL",
        "VEN",
        "USA",
        "HKG",
        "MAC",
        "PRK",
        "KOR",
        "TWN",
        "BRN",
        "LAO",
        "IRN",
        "PSE",
        "SYR",
        "ARE",
        "MDA",
        "RUS",
        "GBR",
        "VAT",
        "NLD",
        "MAF",
        "SXM",
        "BES",
    ]
)


def test_every_pycountry_entry_and_kosovo() -> None:
    ref = load_reference()
    areas = set(ref.areas)  # WLD, pseudo-partners, former codes
    assert {c.alpha_3 for c in pycountry.countries} | {"XKX"} | areas == set(partner_codes())
    assert len(ref.countries) == len(pycountry.countries) + 1


def test_codes_are_text_with_zeros_and_namibia() -> None:
    ref = load_reference()
    nam = ref.country("NAM")
    assert (nam.iso2, nam.numeric) == ("NA", "516")
    assert ref.country("AFG").numeric == "004"
    assert ref.country("na").iso3 == "NAM"
    assert ref.country("NOR").iso2 == "NO"


def test_territories_listed_separately() -> None:
    ref = load_reference()
    assert {ref.country(c).name_zh for c in ("HKG", "MAC", "TWN")} == {
        "中国香港",
        "中国澳门",
        "中国台湾",
    }
    assert ref.country("344").iso3 == "HKG"  # ISO numeric 344 is Hong Kong (GACC 344 is Russia)


def test_unknown_country_suggests() -> None:
    with pytest.raises(UsageError, match="unknown country code"):
        load_reference().country("NAX")


def test_every_row_matches_unsd_m49(shared_data: Path) -> None:
    unsd = read_csv(shared_data / "country_codes_regions" / "unsd_m49_en.csv")
    ours = {c.iso3: c for c in load_reference().countries}
    assert {r["ISO-alpha3 Code"] for r in unsd} == set(ours) - {"XKX"}
    for row in unsd:
        c = ours[row["ISO-alpha3 Code"]]
        assert (c.iso2, c.numeric) == (row["ISO-alpha2 Code"], row["M49 Code"]), c.iso3
        assert c.region == row["Region Code"], c.iso3
        assert c.region_name == row["Region Name"], c.iso3
        assert c.subregion == row["Sub-region Code"], c.iso3
        assert c.subregion_name == row["Sub-region Name"], c.iso3
        assert c.intermediate_region == row["Intermediate Region Code"], c.iso3
        assert c.intermediate_region_name == row["Intermediate Region Name"], c.iso3


def test_chinese_names_match_unsd_except_short_forms(shared_data: Path) -> None:
    unsd = read_csv(shared_data / "country_codes_regions" / "unsd_m49_zh.csv")
    ours = {c.iso3: c.name_zh for c in load_reference().countries}
    different = {
        r["ISO-alpha3 Code"] for r in unsd if ours[r["ISO-alpha3 Code"]] != r["Country or Area"]
    }
    assert different <= SHORT_NAMES_ZH
    assert all(ours[code] for code in ours)


def test_kosovo_has_no_m49_region() -> None:
    xkx = load_reference().country("XKX")
    assert (xkx.name_en, xkx.region, xkx.numeric) == ("Kosovo", "", "")


def test_provinces_match_records_codes() -> None:
    from tradestats.records import PROVINCE_CODES

    regions = load_reference().regions
    assert set(regions) == PROVINCE_CODES
    assert regions["44"].name_zh == "广东"
