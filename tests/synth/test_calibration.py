"""Every figure of the seed article holds in the generated records (independent oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest
from synth_oracle import level, read

from tradestats.synth import SynthResult

# (scope, 2025 trillion yuan or None, growth % or None), as the article publishes them.
ARTICLE = {
    "total": ({}, "45.47", "3.8"),
    "exports": ({"flow": "export"}, "26.99", "6.1"),
    "imports": ({"flow": "import"}, "18.48", "0.5"),
    "bri": ({"partner_group": "bri"}, "23.6", "6.3"),
    "asean": ({"partner_group": "asean"}, "7.55", "8"),
    "latin_america": ({"partner_group": "latin_america"}, "3.93", "6.5"),
    "africa": ({"partner_group": "africa"}, "2.49", "18.4"),
    "high_tech": ({"flow": "export", "product_group": "high_tech"}, "5.25", "13.2"),
    "new_trio": ({"flow": "export", "product_group": "new_trio"}, None, "27.1"),
    "wind": ({"flow": "export", "product_group": "wind_turbines"}, None, "48.7"),
    "brands": ({"flow": "export", "brand": "domestic"}, None, "12.9"),
    "private": ({"enterprise_type": "private"}, "26.04", "7.1"),
    "mech_elec_imports": (
        {"flow": "import", "product_group": "mechanical_electrical"},
        "7.41",
        "5.7",
    ),
}


def _round_to(x: float, published: str) -> str:
    decimals = len(published.split(".")[1]) if "." in published else 0
    return f"{x:.{decimals}f}"


@pytest.fixture(scope="module")
def records(small_run: tuple[SynthResult, Path]):  # type: ignore[no-untyped-def]
    return read(small_run[1])


@pytest.mark.parametrize("name", sorted(ARTICLE))
def test_article_figure(records, name: str) -> None:  # type: ignore[no-untyped-def]
    scope, value, growth = ARTICLE[name]
    v25, v24 = level(records, scope, 2025), level(records, scope, 2024)
    if value is not None:
        assert _round_to(v25, value) == value
    assert _round_to((v25 / v24 - 1) * 100, growth) == growth


def test_shares(records) -> None:  # type: ignore[no-untyped-def]
    total = level(records, {}, 2025)
    assert f"{level(records, {'partner_group': 'bri'}, 2025) / total * 100:.1f}" == "51.9"
    assert f"{level(records, {'enterprise_type': 'private'}, 2025) / total * 100:.1f}" == "57.3"
    share = {
        y: level(records, {"flow": "export", "brand": "domestic"}, y)
        / level(records, {"flow": "export"}, y)
        for y in (2024, 2025)
    }
    assert f"{(share[2025] - share[2024]) * 100:.1f}" == "1.4"


def test_imports_fell_in_q1_then_grew_three_quarters(records) -> None:  # type: ignore[no-untyped-def]
    growth = []
    for q in "1234":
        scope = {"flow": "import", "quarter": q}
        growth.append(level(records, scope, 2025) / level(records, scope, 2024) - 1)
    assert growth[0] < 0 < min(growth[1:])


def test_partner_counts(records) -> None:  # type: ignore[no-untyped-def]
    by = records.groupby(["partner", "year"])["fen"].sum().unstack(fill_value=0)
    assert (by[2025] > 0).sum() > 240
    both = by[(by[2024] > 0) & (by[2025] > 0)]
    assert (both[2025] > both[2024]).sum() > 190


def test_enterprise_check_matches_records(small_run, records) -> None:  # type: ignore[no-untyped-def]
    result, _ = small_run
    firms = records.loc[records["year"] == 2025, "enterprise_id"].nunique()
    check = next(c for c in result.checks if c.target == "enterprises")
    assert check.computed == firms  # at this size the population is capped: not > 780,000


def test_spring_festival_dip(records) -> None:  # type: ignore[no-untyped-def]
    monthly = records.groupby("period")["fen"].sum()
    for year in ("2024", "2025"):
        months = monthly[monthly.index.str.startswith(year)]
        assert months.iloc[1] < months.iloc[2:].mean()


def test_reported_checks_all_ok_but_enterprises(small_run) -> None:  # type: ignore[no-untyped-def]
    result, _ = small_run
    assert [c.target for c in result.checks if not c.ok] == ["enterprises"]
