"""Fixtures of the web tests: the hand-made store (see webstore.py) and a client over it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from webstore import build_store

from tradestats.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette: "use httpx2"; httpx is what is locked
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made store, built once with the real ingest."""
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def client(store_dir: Path) -> Iterator[TestClient]:
    """A TestClient over the app serving the hand-made store."""
    with TestClient(create_app(store_dir), raise_server_exceptions=False) as c:
        yield c
