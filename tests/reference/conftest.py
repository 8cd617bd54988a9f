"""Fixtures for the reference tests (``shared_data`` comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def concordance_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A classifications dir holding only the UNSD HS2022-HS2017 correlation (read at test time)."""
    folder = tmp_path_factory.mktemp("classifications")
    source = shared_data / "hs2022_hs2017_correlation" / "hs2022_hs2017_correlation.csv"
    (folder / "hs_concordance.csv").write_text(source.read_text(encoding="utf-8-sig"), "utf-8")
    return folder
