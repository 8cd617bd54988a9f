"""A store holding a monthly series with a known seasonal pattern and Spring Festival effect."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tradestats.ingest import ingest_files
from tradestats.seasonal import Settings
from tradestats.seasonal.adjust import regressors

sys.path.insert(0, str(Path(__file__).parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from synthetic import FESTIVAL_COEF, PATTERN, months

from helpers import row, write_csv


@pytest.fixture(scope="session")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """2017-2024, two lines a month (the engine sums them): a trend, ``PATTERN``, the festival
    regressor times ``FESTIVAL_COEF``, 1 % noise. Also the rows, for exact sums."""
    ms = months(2017, 2024)
    n = len(ms)
    _, x = regressors(ms, Settings())
    rng = np.random.default_rng(3)
    z = np.log(1e6) + 0.004 * np.arange(n) + np.tile(PATTERN, n // 12) + FESTIVAL_COEF * x[:, 0]
    z += rng.normal(0, 0.01, n)
    rows = []
    for m, v in zip(ms, np.exp(z), strict=True):
        half = round(v / 2, 2)
        rows += [row(period=m, value_cny=f"{half:.2f}"), row(period=m, value_cny="0.01")]
    tmp = tmp_path_factory.mktemp("sa")
    ingest_files(tmp / "s", [write_csv(tmp / "r.csv", rows)])
    return tmp / "s", rows


@pytest.fixture(scope="session")
def store(stored: tuple[Path, list[dict[str, str]]]) -> Path:
    return stored[0]
