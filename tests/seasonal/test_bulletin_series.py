"""A bulletin table of a seasonally adjusted series (query seasonal: sa), on the 96-month store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.bulletin import load_spec, render_bulletin
from tradestats.bulletin.spec import SpecError
from tradestats.engine import Engine

SPEC = """\
title: {en: "Trade in {period}", zh: "{period}进出口"}
sections:
  - id: sa
    title: {en: "Seasonally adjusted", zh: "季节调整"}
    tables:
      - id: total_sa
        title: {en: "Trade by month", zh: "月度进出口"}
        query: {flow: total, by: month, measures: value_cny, seasonal: sa}
    charts:
      - {kind: monthly, table: total_sa, measure: value_cny_sa, title: "SA"}
"""


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "sa.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def test_the_period_s_months_adjusted_over_every_stored_month(store: Path, spec_file) -> None:
    b = render_bulletin(store, "2024", lang="en", fmt="md", spec=spec_file)
    whole = Engine(store).query(period="2017..2024", by="month", seasonal="sa")
    dec = dict(zip(whole["month"].to_pylist(), whole["value_cny_sa"].to_pylist(), strict=True))
    cells = [f for f in b.trace.figures if f.measure == "value_cny_sa"]
    assert [f.extra["row"]["month"] for f in cells] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert cells[-1].value == dec["2024-12"]  # the series fitted on 2017-2024, not on 2024
    assert cells[-1].query["period"] == "2017-01..2024-12"
    assert cells[-1].query["seasonal"] == "sa"
    assert "| Value, seasonally adjusted (yuan) |" in b.content  # under a billion: yuan
    assert b.warnings == []


def test_chinese_header_and_a_too_short_history_is_a_warning(store: Path, spec_file) -> None:
    b = render_bulletin(store, "2024", lang="zh", fmt="md", spec=spec_file)
    assert "季节调整后金额" in b.content
    short = render_bulletin(store, "2018", lang="en", fmt="md", spec=spec_file)
    assert any("left out" in w and "36 months" in w for w in short.warnings)
    assert "seasonally adjusted" not in short.content.split("Seasonally adjusted", 1)[1]


def test_a_chart_of_a_column_the_table_lacks_is_a_spec_error(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SPEC.replace("measure: value_cny_sa", "measure: value_cny_trend"), "utf-8")
    with pytest.raises(SpecError, match=r"bad\.yaml:10: chart measure 'value_cny_trend'"):
        load_spec(bad)
