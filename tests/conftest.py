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
