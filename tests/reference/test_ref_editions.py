"""HS editions by period, product-group rules per edition (HS2012, HS2017, HS2022), code lists
the user supplies, and what the reference says when one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.errors import UsageError
from tradestats.reference import hs_edition, load_reference


@pytest.mark.parametrize(
    ("period", "edition"),
    [("1995-12", "HS1992"), ("2009-06", "HS2007"), ("2012-01", "HS2012"), ("2016-12", "HS2012"),
     ("2017-01", "HS2017"), ("2022-01", "HS2022")],
)  # fmt: skip
def test_edition_in_force_by_period(period: str, edition: str) -> None:
    assert hs_edition(period) == edition


def test_electric_vehicles_in_2014_look_for_hs2012_codes() -> None:
    group = load_reference().product_group("electric_vehicles")
    # HS2012 had no 8703.40-8703.80: battery-electric cars were in 8703.90.
    assert group.include(hs_edition("2014-06")) == ("870390",)
    assert group.include(hs_edition("2019-06")) == ("870340", "870350", "870360", "870370",
                                                    "870380")  # fmt: skip


def test_older_editions_are_refused_naming_how_to_add_rules() -> None:
    group = load_reference().product_group("electric_vehicles")
    with pytest.raises(UsageError, match="no rules for HS2007") as info:
        group.include("HS2007")
    assert "by_edition" in (info.value.hint or "")


def test_missing_code_lists_are_named_with_how_to_supply_them(code_lists_dir: Path) -> None:
    missing = load_reference().missing_code_lists()
    assert set(missing) == {"HS2012", "HS2017"} and "hs/HS2012.csv" in missing["HS2012"]
    with pytest.raises(UsageError, match="no HS2012 code list is loaded"):
        load_reference().product_group("photovoltaic").expand("HS2012")
    assert load_reference(code_lists_dir).missing_code_lists() == {}


def test_every_group_prefix_exists_in_the_supplied_hs2012_and_hs2017_lists(
    code_lists_dir: Path,
) -> None:
    ref = load_reference(code_lists_dir)  # loading checks every prefix against every list
    for edition in ("HS2012", "HS2017"):
        codes = set(ref.hs_codes(edition))
        for group in ref.product_groups.values():
            assert set(group.expand(edition)) <= codes, (group.name, edition)
    assert ref.product_group("electric_vehicles").expand("HS2012") == ["870390"]
    assert "300219" in ref.hs_codes("HS2017")  # the list, unlike the correlation table, has it


def test_new_trio_is_its_parts_in_hs2012_too() -> None:
    ref = load_reference()
    trio = set(ref.product_group("new_trio").include("HS2012"))
    parts = set().union(*(ref.product_group(p).include("HS2012") for p in
                          ("electric_vehicles", "lithium_batteries", "photovoltaic")))  # fmt: skip
    assert trio == parts


def test_a_bad_code_list_names_its_file(tmp_path: Path) -> None:
    (tmp_path / "hs").mkdir()
    (tmp_path / "hs" / "HS2012.csv").write_text("code\n010121\n", "utf-8")
    from tradestats.reference import validate_directory

    problems = validate_directory(tmp_path).items
    assert any("needs a column hscode" in p.reason for p in problems)
