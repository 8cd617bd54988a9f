"""Product groups: expansion per HS edition, golden code lists, unions of parts, matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from ref_helpers import GOLDEN, read_csv

from tradestats.errors import UsageError
from tradestats.reference import load_reference

REQUIRED = [
    "new_trio",
    "electric_vehicles",
    "lithium_batteries",
    "photovoltaic",
    "wind_turbines",
    "green",
    "mechanical_electrical",
    "high_tech",
    "labour_intensive",
]
NAMES = sorted(load_reference().product_groups)


def _golden(name: str, edition: str) -> list[str]:
    return (GOLDEN / f"{name}.{edition}.txt").read_text(encoding="utf-8").split()


def _shared_codes(shared_data: Path, edition: str) -> set[str]:
    path = shared_data / "hs_nomenclature" / f"{edition.lower()}_harmonized-system.csv"
    return {r["hscode"] for r in read_csv(path) if r["level"] == "6"}


def test_required_groups_exist() -> None:
    assert set(REQUIRED) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_hs2022_expansion_matches_golden(name: str) -> None:
    group = load_reference().product_group(name)
    assert group.expand("HS2022") == _golden(name, "HS2022")
    assert group.expand("HS2022"), "a product group must not be empty"


@pytest.mark.parametrize("name", NAMES)
def test_hs2017_expansion_matches_golden(name: str, concordance_dir: Path) -> None:
    group = load_reference(concordance_dir).product_group(name)
    assert group.expand("HS2017") == _golden(name, "HS2017")


@pytest.mark.parametrize("edition", ["HS2017", "HS2022"])
def test_every_expanded_code_exists_in_its_edition(
    edition: str, shared_data: Path, concordance_dir: Path
) -> None:
    codes = _shared_codes(shared_data, edition)
    ref = load_reference(concordance_dir)
    for group in ref.product_groups.values():
        expanded = set(group.expand(edition))
        assert expanded <= codes, (group.name, sorted(expanded - codes))
        # independent oracle: apply the rules to the shared nomenclature
        oracle = {c for c in codes if group.matches(c, edition)}
        assert expanded == oracle - {"300219"}, group.name  # see test_ref_hs: UNSD table gap


def test_new_trio_codes() -> None:
    ref = load_reference()
    trio = ref.product_group("新三样")
    assert trio.include("HS2022") == (
        "850760",
        "854142",
        "854143",
        "870340",
        "870350",
        "870360",
        "870370",
        "870380",
    )
    assert "854140" in trio.include("HS2017") and "854142" not in trio.include("HS2017")
    assert ref.product_group("wind_turbines").expand("HS2022") == ["850231"]


@pytest.mark.parametrize("name", ["new_trio", "labour_intensive"])
@pytest.mark.parametrize("edition", ["HS2017", "HS2022"])
def test_union_of_parts(name: str, edition: str, concordance_dir: Path) -> None:
    ref = load_reference(concordance_dir)
    group = ref.product_group(name)
    assert group.parts
    union = set().union(*(ref.product_group(p).expand(edition) for p in group.parts))
    assert set(group.expand(edition)) == union


def test_matches_national_codes_and_excludes() -> None:
    ref = load_reference()
    pv = ref.product_group("photovoltaic")
    assert pv.matches("8541430010", "HS2022")
    assert not pv.matches("8541400000", "HS2022")
    assert pv.matches("8541409000", "HS2017")
    textiles = ref.product_group("textiles")
    assert textiles.matches("520812", "HS2022")
    assert not textiles.matches("520100", "HS2022")  # raw cotton is excluded
    assert ref.product_group("agricultural_products").matches("0101", "HS2022")
    assert not ref.product_group("agricultural_products").matches("160411", "HS2022")


def test_statuses_and_titles() -> None:
    for group in load_reference().product_groups.values():
        assert group.status in ("official", "approximate")
        assert group.title_en and group.title_zh and group.source
        if group.status == "approximate":
            assert group.notes or "approximat" in group.source.lower(), group.name


def test_hs2017_needs_a_concordance() -> None:
    with pytest.raises(UsageError, match="no HS2017 code list"):
        load_reference().product_group("photovoltaic").expand("HS2017")
    with pytest.raises(UsageError, match="unknown HS edition"):
        load_reference().product_group("photovoltaic").include("HS2031")


def test_unknown_product_group_suggests() -> None:
    with pytest.raises(UsageError, match="new_trio"):
        load_reference().product_group("new_tri")
