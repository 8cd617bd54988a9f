"""The indicator library: every seed-article figure is defined; bad files report file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.library import LibraryError, load_library
from tradestats.indicators.query import Measure

SEED_FIGURES = {
    "total.value": Measure.VALUE_CNY, "total.yoy": Measure.YOY_PCT,
    "exports.value": Measure.VALUE_CNY, "exports.yoy": Measure.YOY_PCT,
    "imports.value": Measure.VALUE_CNY, "imports.yoy": Measure.YOY_PCT,
    "partners.count": Measure.PARTNERS, "partners.growing": Measure.PARTNERS_GROWING,
    "bri.total.value": Measure.VALUE_CNY, "bri.total.yoy": Measure.YOY_PCT,
    "bri.total.share": Measure.SHARE_PCT,
    "asean.total.value": Measure.VALUE_CNY, "asean.total.yoy": Measure.YOY_PCT,
    "latin_america.total.value": Measure.VALUE_CNY, "latin_america.total.yoy": Measure.YOY_PCT,
    "africa.total.value": Measure.VALUE_CNY, "africa.total.yoy": Measure.YOY_PCT,
    "high_tech.exports.value": Measure.VALUE_CNY, "high_tech.exports.yoy": Measure.YOY_PCT,
    "new_trio.exports.yoy": Measure.YOY_PCT, "wind_turbines.exports.yoy": Measure.YOY_PCT,
    "domestic_brand.exports.yoy": Measure.YOY_PCT,
    "domestic_brand.exports.share_change": Measure.SHARE_CHANGE_PP,
    "enterprises.count": Measure.ENTERPRISES,
    "private.total.value": Measure.VALUE_CNY, "private.total.yoy": Measure.YOY_PCT,
    "private.total.share": Measure.SHARE_PCT,
    "imports.quarterly_streak": Measure.GROWTH_STREAK,
    "mechanical_electrical.imports.value": Measure.VALUE_CNY,
    "mechanical_electrical.imports.yoy": Measure.YOY_PCT,
}  # fmt: skip


def test_every_seed_figure_is_defined():
    lib = load_library()
    assert {n: lib.get(n).measure for n in SEED_FIGURES} == SEED_FIGURES


def test_definitions_build_the_intended_selection():
    lib = load_library()
    dom = lib.get("domestic_brand.exports.share_change").query("2025")
    assert dom.selection.flow.value == "export" and dom.selection.brand_type.include == (
        "domestic",
    )
    # Private share is of TOTAL trade (the press figure 57.3 %), not of exports.
    assert lib.get("private.total.share").query("2025").parent_selection().flow.value == "total"
    assert lib.get("imports.quarterly_streak").query("2025").grain.value == "quarter"


def test_unknown_name_suggests():
    with pytest.raises(UsageError, match=r"did you mean 'exports\.yoy'"):
        load_library().get("export.yoy")


BAD = """\
- name: a.value
  measure: value_cny
- name: a.value
  measure: value_cny
- name: b
  measure: yoy
- name: c
  measure: value_cny
  partner: aesan
- name: d
  mesure: value_cny
- name: e
  measure: value_cny
  flow: exports
"""


def test_bad_file_reports_every_problem_with_line(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(LibraryError) as err:
        load_library([path])
    text = str(err.value)
    assert "bad.yaml:3: duplicate indicator 'a.value' (first defined at bad.yaml:1)" in text
    assert "bad.yaml:5: b:" in text and "did you mean 'yoy_pct'" in text
    assert "bad.yaml:9: unknown partner group 'aesan'" in text
    assert "bad.yaml:11: unknown key 'mesure'" in text
    assert "bad.yaml:10: missing 'measure'" in text
    assert "bad.yaml:12: e:" in text and "did you mean 'export'" in text
    assert text.startswith("6 problem(s)")


def test_not_a_list(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("name: x\n")
    with pytest.raises(LibraryError, match=r"x\.yaml:1: the file must be a list"):
        load_library([path])
