"""Fixtures: the hand-made store (built once) and bulletins rendered from it (cached)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/bulletin/bulletin_fixture.py

from bulletin_fixture import build_store

from tradestats.bulletin import Bulletin, render_bulletin
from tradestats.engine import Engine
from tradestats.store import Store


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_store(tmp_path_factory.mktemp("bulletin"))


@pytest.fixture(scope="session")
def engine(fixture_store: Store) -> Engine:
    return Engine(fixture_store)


@pytest.fixture(scope="session")
def bulletin(engine: Engine) -> Callable[[str, str], Bulletin]:
    """``bulletin(lang, fmt)``: the default spec's 2025 bulletin, rendered once per pair."""
    cache: dict[tuple[str, str], Bulletin] = {}

    def get(lang: str, fmt: str) -> Bulletin:
        if (lang, fmt) not in cache:
            cache[(lang, fmt)] = render_bulletin(engine, "2025", lang=lang, fmt=fmt)
        return cache[(lang, fmt)]

    return get
