"""Partner groups: valid codes, dated memberships, comparable basis, names and aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ref_helpers import read_csv

from tradestats.errors import UsageError
from tradestats.reference import load_reference

D = dt.date
GROUPS = [
    "asean",
    "eu27",
    "eu28",
    "rcep",
    "brics",
    "g7",
    "g20",
    "gcc",
    "oecd",
    "apec",
    "africa",
    "latin_america",
    "bri",
]


def test_all_required_groups_exist() -> None:
    assert set(GROUPS) <= set(load_reference().partner_groups)


@pytest.mark.parametrize("name", GROUPS)
def test_every_member_is_a_valid_code(name: str) -> None:
    ref = load_reference()
    group = ref.partner_group(name)
    assert group.memberships
    assert group.ever_members() <= ref.partner_codes
    assert group.status in ("official", "approximate")
    assert group.title_en and group.title_zh and group.source


@pytest.mark.parametrize("name", GROUPS)
def test_no_member_has_overlapping_stretches(name: str) -> None:
    stretches = sorted(load_reference().partner_group(name).memberships, key=lambda m: m.start)
    for a in stretches:
        assert a.end is None or a.start <= a.end
        for b in stretches:
            if a is not b and a.code == b.code and a.start <= b.start:
                assert a.end is not None and a.end < b.start


def test_asean_timor_leste() -> None:
    asean = load_reference().partner_group("asean")
    assert len(asean.members_on(D(2025, 10, 25))) == 10
    assert len(asean.members_on(D(2025, 10, 26))) == 11
    assert len(asean.members_on(D(2025, 10, 27))) == 11
    assert "TLS" not in asean.members_on(D(2025, 10, 25))
    assert len(asean.members_on(D(1999, 4, 29))) == 9


def test_eu_history() -> None:
    ref = load_reference()
    eu27, eu28 = ref.partner_group("eu27"), ref.partner_group("eu28")
    assert len(eu27.members_on(D(2025, 1, 1))) == 27
    assert len(eu28.members_on(D(2019, 12, 31))) == 28
    assert len(eu28.members_on(D(2020, 1, 31))) == 28
    assert len(eu28.members_on(D(2020, 2, 1))) == 27
    assert eu28.members_on(D(2020, 2, 1)) == eu27.members_on(D(2020, 2, 1))
    assert "HRV" not in eu27.members_on(D(2013, 6, 30))
    assert "HRV" in eu27.members_on(D(2013, 7, 1))
    assert "GBR" not in eu27.ever_members()
    assert ref.partner_group("European Union") is eu27
    assert ref.partner_group("欧盟") is eu27


def test_brics_enlargements() -> None:
    brics = load_reference().partner_group("BRICS")
    assert len(brics.members_on(D(2023, 12, 31))) == 5
    assert brics.members_on(D(2024, 1, 1)) - brics.members_on(D(2023, 12, 31)) == {
        "EGY",
        "ETH",
        "IRN",
        "ARE",
        "SAU",
    }
    assert brics.members_on(D(2025, 1, 6)) - brics.members_on(D(2025, 1, 5)) == {"IDN"}
    assert "AMBIGUOUS" in brics.notes


def test_fixed_counts() -> None:
    ref = load_reference()
    today = D(2025, 12, 31)
    counts = {n: len(ref.partner_group(n).members_on(today)) for n in GROUPS}
    assert counts["g7"] == 7
    assert counts["g20"] == 19
    assert counts["gcc"] == 6
    assert counts["oecd"] == 38
    assert counts["apec"] == 21
    assert counts["rcep"] == 15
    assert counts["brics"] == 11


def test_rcep_entry_into_force() -> None:
    rcep = load_reference().partner_group("rcep")
    assert len(rcep.members_on(D(2022, 1, 1))) == 10
    assert "KOR" in rcep.members_on(D(2022, 2, 1))
    assert "PHL" not in rcep.members_on(D(2023, 6, 1))


def test_bri_list_change_and_comparable_basis() -> None:
    bri = load_reference().partner_group("一带一路")
    assert bri.status == "approximate"
    assert len(bri.members_on(D(2022, 12, 31))) == 64
    assert len(bri.members_on(D(2023, 1, 1))) >= 140
    assert "IND" in bri.members_on(D(2022, 12, 31))
    assert "IND" not in bri.members_on(D(2023, 1, 1))
    assert "CHN" not in bri.ever_members()
    basis = bri.comparable_members(D(2023, 12, 31))
    assert basis == bri.members_on(D(2023, 12, 31))
    assert "HND" in basis  # joined mid-2023: on the comparable basis for both years


def test_comparable_members_is_membership_at_period_end() -> None:
    asean = load_reference().partner_group("asean")
    assert asean.comparable_members(D(2025, 12, 31)) == asean.members_on(D(2025, 12, 31))
    assert "TLS" in asean.comparable_members(D(2025, 12, 31))
    assert "TLS" not in asean.comparable_members(D(2025, 9, 30))


def test_name_and_alias_lookup() -> None:
    ref = load_reference()
    assert ref.partner_group("Belt and Road partner countries").name == "bri"
    assert ref.partner_group("belt-and-road").name == "bri"
    assert ref.partner_group("Latin America").name == "latin_america"
    assert ref.partner_group("拉丁美洲和加勒比").name == "latin_america"
    with pytest.raises(UsageError, match="did you mean 'asean'"):
        ref.partner_group("aesan")


def test_africa_is_m49_region_002(shared_data: Path) -> None:
    unsd = read_csv(shared_data / "country_codes_regions" / "unsd_m49_en.csv")
    expected = {r["ISO-alpha3 Code"] for r in unsd if r["Region Code"] == "002"}
    assert load_reference().partner_group("africa").members_on(D(2025, 1, 1)) == expected


def test_latin_america_is_m49_419(shared_data: Path) -> None:
    unsd = read_csv(shared_data / "country_codes_regions" / "unsd_m49_en.csv")
    expected = {r["ISO-alpha3 Code"] for r in unsd if r["Sub-region Code"] == "419"}
    assert load_reference().partner_group("latin_america").members_on(D(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("period", "last"),
    [
        ("2025", D(2025, 12, 31)),
        ("2025-Q3", D(2025, 9, 30)),
        ("2025-H1", D(2025, 6, 30)),
        ("2024-02", D(2024, 2, 29)),
        ("2025-10-26", D(2025, 10, 26)),
    ],
)
def test_last_day_of_period(period: str, last: D) -> None:
    from tradestats.reference.groups import last_day

    assert last_day(period) == last


def test_comparable_members_accepts_periods() -> None:
    asean = load_reference().partner_group("asean")
    assert len(asean.comparable_members("2025")) == 11
    assert len(asean.comparable_members("2025-Q3")) == 10
    assert len(asean.members_on("2025-10-26")) == 11
    with pytest.raises(UsageError):
        asean.comparable_members("2025-Q5")


def test_groups_of_a_country() -> None:
    ref = load_reference()
    assert ref.groups_of("TLS", D(2025, 10, 25)) == ["bri"]
    assert "asean" in ref.groups_of("tl", D(2025, 10, 26))
    assert "eu28" in ref.groups_of("GBR", D(2019, 1, 1))
    assert "eu28" not in ref.groups_of("GBR", D(2021, 1, 1))
