"""Shared fixtures: the location of ../shared/data and the rule for tests that need it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
