"""Release specs: the shipped default loads; bad specs list every problem with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tradestats.bulletin import SpecError, load_spec, render_bulletin
from tradestats.bulletin.template import TemplateError, parse_template
from tradestats.errors import UsageError

BAD = """\
title: {en: "Test", zh: "测试"}
sections:
  - id: one
    statements:
      - en: "Trade with ASEAN {asean.totl.value:verb} this year."
        zh: "对东盟进出口{asean.total.value}。"
      - en: "Exports {exports.yoy:verb to {exports.value}."
      - en: "Imports {imports.value:verb}."
      - en: "Exports {exports.yoy:bold}."
    tables:
      - id: t1
        query: {flow: sideways, by: partner, measures: value_cny}
      - id: t2
        query: {flow: total, by: partner_group, measures: value_cny}
        rows: [asean, aesan]
    charts:
      - {kind: pie, table: t1}
      - {kind: bars, table: nowhere}
    colour: red
"""


def write(tmp_path: Path, text: str, name: str = "my-spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_default_spec_loads_and_names_known_indicators():
    spec = load_spec()
    assert spec.name == "default.yaml"
    assert [s.id for s in spec.sections][:3] == ["headline", "quarters", "partners"]
    assert "labour_intensive.exports.yoy" in spec.indicators


def test_every_problem_is_listed_with_file_and_line(tmp_path):
    with pytest.raises(SpecError) as err:
        load_spec(write(tmp_path, BAD))
    msg = str(err.value)
    assert "problem(s) in my-spec.yaml" in msg
    expected = [
        "my-spec.yaml:5: unknown indicator 'asean.totl.value'",
        "my-spec.yaml:7: malformed template: unclosed '{' at column 9",
        "my-spec.yaml:8: format ':verb' does not fit 'imports.value'",
        "my-spec.yaml:9: malformed template: unknown format 'bold'",
        "my-spec.yaml:12: bad table query: unknown flow 'sideways'",
        "my-spec.yaml:15: unknown partner_group 'aesan' for a table row (did you mean 'asean'?)",
        "my-spec.yaml:17: chart kind must be one of monthly, bars, shares",
        "my-spec.yaml:18: chart names unknown table 'nowhere'",
        "my-spec.yaml:19: unknown key 'colour'",
    ]
    for line in expected:
        assert line in msg
    assert "(did you mean 'asean.total.value' or" in msg
    assert msg.index("my-spec.yaml:5:") < msg.index("my-spec.yaml:19:")  # in line order


def test_a_bad_spec_renders_nothing(tmp_path, engine):
    out = tmp_path / "out.html"
    with pytest.raises(SpecError):
        render_bulletin(engine, "2025", spec=write(tmp_path, BAD)).write(out)
    assert not out.exists()


def test_spec_indicators_are_validated_like_the_library(tmp_path):
    text = """\
    title: T
    indicators:
      - {name: total.value, flow: total, measure: value_cny}
      - {name: x.y, flow: total, measure: value_kg}
      - {name: z.w, flow: total, partner: atlantis, measure: value_cny}
    sections:
      - statements:
          - en: "{x.y}"
    """
    with pytest.raises(SpecError) as err:
        load_spec(write(tmp_path, text))
    msg = str(err.value)
    assert "my-spec.yaml:3: indicator 'total.value' is already in the indicator library" in msg
    assert "my-spec.yaml:4: x.y: unknown measure 'value_kg'" in msg
    assert "my-spec.yaml:5: unknown partner group 'atlantis'" in msg


def test_yaml_syntax_error_names_the_line(tmp_path):
    with pytest.raises(UsageError) as err:
        load_spec(write(tmp_path, "title: T\nsections:\n  - [unclosed\n"))
    assert "my-spec.yaml:4: not valid YAML" in str(err.value)
    assert "while parsing a flow sequence at line 3" in str(err.value)


def test_a_user_spec_with_its_own_indicator_renders(tmp_path, engine):
    text = """\
    title: {en: "Wind in {period}", zh: "{period}风电"}
    indicators:
      - {name: wind.exports.value, flow: export, product: wind_turbines, measure: value_cny}
    sections:
      - statements:
          - en: "Wind turbine exports {wind_turbines.exports.yoy:verb} to {wind.exports.value}."
            zh: "风力发电机组出口{wind.exports.value}，同比{wind_turbines.exports.yoy:verb}。"
    """
    spec = write(tmp_path, text)
    en = render_bulletin(engine, "2025", lang="en", fmt="md", spec=spec)
    assert "Wind turbine exports remained flat to 600.00 billion yuan." in str(en.content)
    zh = render_bulletin(engine, "2025", lang="zh", fmt="md", spec=spec)
    assert "风力发电机组出口6000.0亿元，同比持平。" in str(zh.content)
    assert en.trace.figures[1].query["product"] == "wind_turbines"


def test_a_language_the_spec_lacks_is_reported_with_lines(tmp_path, engine):
    text = """\
    title: {en: "Only English"}
    sections:
      - statements:
          - en: "Exports {exports.yoy:verb}."
    """
    with pytest.raises(SpecError) as err:
        render_bulletin(engine, "2025", lang="zh", spec=write(tmp_path, text))
    assert "my-spec.yaml: no zh title" in str(err.value)
    assert "my-spec.yaml:4: no zh template" in str(err.value)


def test_missing_period_names_the_periods_the_store_has(engine):
    with pytest.raises(UsageError) as err:
        render_bulletin(engine, "2026")
    assert "no data for 2026" in str(err.value)
    assert "2024-01..2024-12, 2025-01..2025-12" in str(err.value)


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("a {x", "unclosed '{' at column 3"),
        ("a } b", "unmatched '}' at column 3"),
        ("{}", "empty slot"),
        ("{x.y:loud}", "unknown format 'loud'"),
        ("{Exports}", "bad indicator name 'Exports'"),
        ("{period:verb}", "takes no format"),
    ],
)
def test_malformed_templates(template, problem):
    with pytest.raises(TemplateError, match=problem):
        parse_template(template)


def test_literal_braces_and_shorthand_names(tmp_path):
    spec = load_spec(
        write(tmp_path, 'title: T\nsections:\n  - statements:\n      - en: "{{x}} {asean.total}"\n')
    )
    parts = spec.sections[0].statements[0].templates["en"]
    assert parts[0].text == "{x} "  # type: ignore[union-attr]
    assert parts[1].name == "asean.total.value"  # type: ignore[union-attr]


def test_a_figure_the_engine_cannot_give_degrades_to_words_and_a_warning(tmp_path, engine):
    text = """\
    title: T
    sections:
      - statements:
          - en: "Imports {imports.quarterly_streak:streak}; exports {exports.yoy:verb}."
    """
    b = render_bulletin(engine, "2025-01..2025-11", fmt="md", spec=write(tmp_path, text))
    assert "Imports could not be compared with a year earlier; exports grew by" in str(b.content)
    assert any("quarterly streak needs a period ending at a quarter end" in w for w in b.warnings)


def test_without_a_year_before_the_prose_does_not_say_it_twice(tmp_path, engine):
    text = """\
    title: T
    sections:
      - statements:
          - en: "Exports {exports.yoy:verb} year on year, reaching {exports.value}."
            zh: "出口{exports.value}，同比{exports.yoy:verb}。"
    """
    spec = write(tmp_path, text)
    b = render_bulletin(engine, "2024", fmt="md", spec=spec)  # the store begins in 2024
    assert "Exports could not be compared with a year earlier, reaching" in str(b.content)
    assert "year earlier year on year" not in str(b.content)
    zh = render_bulletin(engine, "2024", lang="zh", fmt="md", spec=spec)
    assert "同比无可比数据。" in str(zh.content)


def test_a_total_row_only_where_the_rows_partition_the_selection(tmp_path):
    text = """\
    title: T
    sections:
      - tables:
          - id: a
            query: {flow: total, by: partner_group}
            total: Total
          - id: b
            query: {flow: total, by: "flow,month"}
            total: Total
    """
    with pytest.raises(SpecError) as err:
        load_spec(write(tmp_path, text))
    said = str(err.value)
    assert "my-spec.yaml:6: partner_group rows overlap: they have no total" in said
    assert "my-spec.yaml:9: a total row needs a query broken down by one dimension" in said
