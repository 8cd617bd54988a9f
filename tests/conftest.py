"""Shared fixtures and the test tiers.

- ``shared_data`` / ``seed_article_text``: ../shared/data and the rule for tests that need it.
- ``browser``: one headless Chromium (Debian's, through playwright) for every browser test.
- Tiers: tests under ``SLOW_PATHS`` are marked ``slow`` here, so ``pytest -m "not slow"`` (what
  ``make check`` runs) is the quick tier a developer runs while working; ``make test`` runs all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/helpers.py


def shared_data_dir() -> Path:
    env = os.environ.get("TRADESTATS_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data; skips without it, fails instead when TRADESTATS_REQUIRE_SHARED=1."""
    folder = shared_data_dir()
    if not folder.is_dir():
        if os.environ.get("TRADESTATS_REQUIRE_SHARED") == "1":
            pytest.fail(f"TRADESTATS_REQUIRE_SHARED=1 but {folder} is missing")
        pytest.skip(f"real data folder {folder} is absent")
    return folder


SEED_ARTICLE = "000_cd315f6f60b908e6.txt"


@pytest.fixture(scope="session")
def seed_article_text() -> str:
    """The seed article (../shared/seeds); skips without it unless TRADESTATS_REQUIRE_SHARED=1."""
    path = shared_data_dir().parent / "seeds" / SEED_ARTICLE
    if not path.is_file():
        if os.environ.get("TRADESTATS_REQUIRE_SHARED") == "1":
            pytest.fail(f"TRADESTATS_REQUIRE_SHARED=1 but {path} is missing")
        pytest.skip(f"seed article {path} is absent")
    return path.read_text(encoding="utf-8")


# Whole files and folders that need Spark, a browser, subprocesses killed on purpose, large
# campaigns or many minutes: the slow tier. Paths are relative to tests/.
SLOW_PATHS = (
    "spark/",
    "reliability/",
    "fuzz/",
    "corpus/",
    "store/test_crash.py",
)

# Single tests of the quick tiers' folders that take about 3 s or more each on 2 cores (from
# `--durations`); they still run in `make test`. file::test, without parameters.
SLOW_TESTS = frozenset(
    {
        "adapters/test_comtrade_real.py::test_eu27_ingest_reconciles",
        "adapters/test_comtrade_real.py::test_world_only_extract_ingests_and_answers_totals",
        "adapters/test_critical_minerals.py::test_graphite_yoy_matches_the_author",
        "bulletin/test_cli_trace.py::test_every_figure_recomputes_from_its_own_query",
        "bulletin/test_golden.py::test_golden_bulletin",
        "checker/test_checker_robustness.py::test_one_megabyte_in_linear_time",
        "checker/test_checker_seed.py::test_seed_article",
        "cli/test_store_commands.py::test_invalid_rows_exit_1_with_the_line_and_no_traceback",
        "cli/test_store_commands.py::test_refused_period_overlap_exits_2",
        "cli/test_store_commands.py::test_serve_on_a_port_in_use_says_so_and_never_claims_to_serve",
        "credibility/test_review.py::test_planted_declarations_are_all_listed",
        "credibility/test_review.py::test_the_checked_route_names_files_and_lines",
        "disclosure/test_suppression_properties.py::test_any_policy_is_met",
        "disclosure/test_suppression_properties.py::test_flat_tables_are_protected",
        "disclosure/test_suppression_properties.py::test_nested_tables_are_protected",
        "engine/test_properties.py::test_contributions_sum_to_parent_growth",
        "engine/test_properties.py::test_shares_over_a_partition_sum_to_100",
        "engine/test_properties.py::test_value_grows_by_yoy",
        "ingest/test_direct_route.py::test_any_file_commits_the_same_through_either_route",
        "ingest/test_direct_route.py::test_the_fast_lane_gives_the_same_rows_and_reasons_as_the_full_rules",
        "ingest/test_direct_route.py::test_valid_distinct_rows_go_direct_and_commit_the_same",
        "ingest/test_roundtrip.py::test_valid_records_round_trip_exactly",
        "seasonal/test_adjust.py::test_daily_simulation_spring_festival_effect_within_20_percent",
        "seasonal/test_adjust.py::test_revisions_of_the_last_points",
        "seasonal/test_adjust.py::test_spring_festival_coefficient_within_20_percent",
        "seasonal/test_adjust.py::test_without_the_festival_regressor_january_february_go_wrong",
        "seasonal/test_seasonal_cli.py::test_components_and_spring_festival_coefficient",
        "seasonal/test_seasonal_cli.py::test_jan_feb_table_holds_exact_engine_sums",
        "store/test_integrity.py::test_verify_and_query_on_the_command_line",
        "store/test_not_a_store.py::test_synth_replaces_only_the_files_its_marker_names",
        "store/test_reporter_cells.py::test_real_comtrade_revision_of_one_eu_reporter",
        "synth/test_demo.py::test_headline_matches_article",
        "synth/test_output.py::test_a_kill_between_the_two_renames_keeps_the_users_file",
        "synth/test_records.py::test_ingest_accepts_every_row",
        "synth/test_records.py::test_same_seed_same_bytes",
        "docs/test_readme_tour.py::test_every_line_of_the_tour_runs",
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tier: SLOW_PATHS, SLOW_TESTS and every ``*_browser.py`` file."""
    tests = Path(__file__).resolve().parent
    for item in items:
        try:
            rel = item.path.resolve().relative_to(tests).as_posix()
        except ValueError:  # a doctest under src/
            continue
        name = f"{rel}::{getattr(item, 'originalname', item.name)}"
        if rel.startswith(SLOW_PATHS) or rel.endswith("_browser.py") or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once per test module.

    Module scope, not session: playwright's sync API keeps an event loop marked running while
    it is open, which would break the asyncio tests collected after a browser module.

    Skips when it is missing unless TRADESTATS_REQUIRE_BROWSER=1 (CI sets it and installs it).
    Playwright's own browser download is never used.
    """
    from tradestats.bulletin.pdf import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        if os.environ.get("TRADESTATS_REQUIRE_BROWSER") == "1":
            pytest.fail("TRADESTATS_REQUIRE_BROWSER=1 but no chromium is installed")
        pytest.skip("chromium is missing (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
