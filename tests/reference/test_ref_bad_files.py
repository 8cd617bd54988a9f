"""Bad user files: every problem reported together, each with file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.reference import ReferenceDataError, load_reference, validate_directory

BAD_GROUP = """\
name: my_group
title_en: My group
title_zh: 我的组
status: official
source: test
members:
  - {code: XXX, from: 2020-01-01, source: unknown code}
  - {code: FRA, from: 2020-01-01, to: 2021-12-31, source: first stretch}
  - {code: FRA, from: 2021-06-01, source: overlaps the first}
  - {code: DEU, from: 2022-01-01, to: 2021-01-01, source: to before from}
  - {code: ITA, from: 2022-13-01, source: not a date}
"""
BAD_PRODUCT = """\
name: my_products
title_en: My products
title_zh: 我的产品
status: approximate
source: test
include:
  - "85A1"
  - "8"
  - "8507.60"
  - "0199"
"""
DUPLICATE = """\
name: asean
title_en: Another ASEAN
title_zh: 东盟
status: official
source: test
members:
  - {code: THA, from: 2020-01-01}
"""
SYNTAX = "name: broken\nmembers: [\n  - {code: FRA\n"
TWICE = "name: a\nname: b\n"


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    (tmp_path / "groups").mkdir()
    (tmp_path / "products").mkdir()
    (tmp_path / "groups" / "my_group.yaml").write_text(BAD_GROUP, encoding="utf-8")
    (tmp_path / "groups" / "asean_copy.yaml").write_text(DUPLICATE, encoding="utf-8")
    (tmp_path / "groups" / "broken.yaml").write_text(SYNTAX, encoding="utf-8")
    (tmp_path / "groups" / "twice.yaml").write_text(TWICE, encoding="utf-8")
    (tmp_path / "products" / "my_products.yaml").write_text(BAD_PRODUCT, encoding="utf-8")
    return tmp_path


def _problems(directory: Path) -> dict[tuple[str, int], str]:
    """(file name, line) -> every reason on that line, joined."""
    out: dict[tuple[str, int], str] = {}
    for p in validate_directory(directory).items:
        key = (Path(p.file).name, p.line)
        out[key] = f"{out[key]}; {p.reason}" if key in out else p.reason
    return out


def test_all_problems_reported_together_with_file_and_line(bad_dir: Path) -> None:
    problems = _problems(bad_dir)
    assert "unknown country code 'XXX'" in problems[("my_group.yaml", 7)]
    assert "overlapping date ranges for FRA" in problems[("my_group.yaml", 9)]
    assert "'to' 2021-01-01 is before 'from' 2022-01-01" in problems[("my_group.yaml", 10)]
    assert "not a date" in problems[("my_group.yaml", 11)]
    assert "has letters" in problems[("my_products.yaml", 7)]
    assert "2 to 6 digits" in problems[("my_products.yaml", 8)]
    assert "matches no HS2022 code" in problems[("my_products.yaml", 10)]
    assert "YAML syntax error" in problems[("broken.yaml", 3)]
    assert "duplicate group name 'asean'" in problems[("asean_copy.yaml", 1)]
    assert "duplicate key 'name'" in problems[("twice.yaml", 2)]
    assert len(problems) >= 9


def test_nothing_loaded_from_invalid_files(bad_dir: Path) -> None:
    with pytest.raises(ReferenceDataError) as info:
        load_reference(bad_dir)
    err = info.value
    assert err.exit_code == 1
    assert len(err.problems) >= 9
    assert "my_group.yaml:7: unknown country code 'XXX'" in str(err)


def test_user_file_overrides_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "brics.yaml").write_text(
        "name: brics\ntitle_en: BRICS without SAU\ntitle_zh: 金砖国家\nstatus: official\n"
        "source: test\naliases: [NO, 'NA']\nmembers:\n  - {code: BRA, from: 2009-06-16}\n"
        "  - {code: NOR, from: 2000-01-01}\n",
        encoding="utf-8",
    )
    ref = load_reference(tmp_path)
    assert ref.partner_group("brics").ever_members() == {"BRA", "NOR"}
    assert ref.partner_group("brics").aliases == ("NO", "NA")  # YAML 1.1 'NO' stays text
    assert "asean" in ref.partner_groups  # packaged files still there
    assert not validate_directory(tmp_path)


def test_bad_countries_tsv(tmp_path: Path) -> None:
    header = (
        "iso3\tiso2\tnumeric\tname_en\tname_zh\tregion\tregion_name\tsubregion\tsubregion_name"
        "\tintermediate_region\tintermediate_region_name\n"
    )
    rows = (
        "NAM\tNA\t516\tNamibia\t纳米比亚\t002\tAfrica\t202\tX\t018\tY\n"
        "NAM\tN1\t51\tx\ty\t\t\t\t\t\t\n"
    )
    (tmp_path / "countries.tsv").write_text(header + rows, encoding="utf-8")
    problems = _problems(tmp_path)
    assert "duplicate iso3 'NAM'" in problems[("countries.tsv", 3)]
    assert any(line == 3 and "not valid" in reason for (_, line), reason in problems.items())
    # every packaged group now names codes that are not in this tiny table
    assert any(name == "asean.yaml" for name, _ in problems)


def test_edition_without_include(tmp_path: Path) -> None:
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "p.yaml").write_text(
        "name: p\ntitle_en: P\ntitle_zh: P\nstatus: official\nsource: s\n"
        "by_edition:\n  HS2022: {include: ['8541.42']}\n  HS2016: {include: ['01']}\n",
        encoding="utf-8",
    )
    problems = _problems(tmp_path)
    assert "no include prefixes for HS2017" in problems[("p.yaml", 1)]
    assert "unknown HS edition 'HS2016'" in problems[("p.yaml", 8)]


def test_bad_concordance_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "hs_concordance.csv").write_text("hs2022,hs2017\n854142,85414\n", "utf-8")
    problems = _problems(tmp_path)
    assert "6-digit" in problems[("hs_concordance.csv", 1)]


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    from tradestats.errors import UsageError

    with pytest.raises(UsageError):
        validate_directory(tmp_path / "nope")
