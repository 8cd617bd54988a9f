"""Every partner and product group of the reference data can be named in the indicator library
and in a bulletin spec: the names come from the reference, not from a list in the code (the
list once left out 20 of the 29 product groups and eu28)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.bulletin.spec import load_spec
from tradestats.indicators.library import load_library
from tradestats.reference import load_reference

REF = load_reference()


def _library(tmp_path: Path, key: str, names: list[str]) -> Path:
    path = tmp_path / f"{key}.yaml"
    path.write_text(
        "".join(
            f"- name: g{i}.value\n  measure: value_cny\n  {key}: {n}\n" for i, n in enumerate(names)
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("key", "names"),
    [("partner", sorted(REF.partner_groups)), ("product", sorted(REF.product_groups))],
)
def test_every_group_is_accepted_by_the_library(tmp_path: Path, key: str, names: list[str]):
    assert len(names) >= (13 if key == "partner" else 29)
    lib = load_library([_library(tmp_path, key, names)])
    assert len(lib.names()) == len(names)


def test_every_group_is_accepted_by_a_bulletin_spec(tmp_path: Path):
    groups = [("partner", n) for n in sorted(REF.partner_groups)]
    groups += [("product", n) for n in sorted(REF.product_groups)]
    lines = ["title: T", "indicators:"]
    lines += [f"  - {{name: my.g{i}, flow: export, {k}: {n}, measure: value_cny}}"
              for i, (k, n) in enumerate(groups)]  # fmt: skip
    lines += ["sections:", "  - statements:", '      - en: "{my.g0}"']
    path = tmp_path / "all-groups.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = load_spec(path)
    assert spec is not None


def test_a_name_the_reference_lacks_is_still_refused(tmp_path: Path):
    from tradestats.indicators.library import LibraryError

    with pytest.raises(LibraryError, match="unknown product group 'new_trios'"):
        load_library([_library(tmp_path, "product", ["new_trios"])])
