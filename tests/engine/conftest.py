"""Fixtures: a fake reference, a hand-made store and a generated store."""

from __future__ import annotations

from pathlib import Path

import pytest
from tsfakes import FakeReference, FakeStore, generate

from tradestats.engine import Engine

MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]


@pytest.fixture(scope="session")
def ref() -> FakeReference:
    return FakeReference()


@pytest.fixture(scope="session")
def gen_store(tmp_path_factory: pytest.TempPathFactory) -> FakeStore:
    store = FakeStore(tmp_path_factory.mktemp("gen"))
    store.write_table(generate(6000, MONTHS))
    return store


@pytest.fixture(scope="session")
def gen_engine(gen_store: FakeStore, ref: FakeReference) -> Engine:
    return Engine(gen_store, reference=ref)


@pytest.fixture
def make_engine(tmp_path: Path, ref: FakeReference):
    """Engine over a store holding exactly ``rows``."""

    def build(rows: list[dict]) -> Engine:
        return Engine(FakeStore(tmp_path / "store").write(rows), reference=ref)

    return build
