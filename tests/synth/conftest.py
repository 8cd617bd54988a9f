"""Shared fixtures: one small generated data set per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.synth import SynthResult, generate

SMALL_N = 20_000
SEED = 11


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthResult, Path]:
    out = tmp_path_factory.mktemp("synth")
    return generate(SMALL_N, seed=SEED, out=out), out
