"""Raking meets overlapping margins, and says which ones it cannot meet."""

from __future__ import annotations

import numpy as np
import pytest

from tradestats.errors import UsageError
from tradestats.synth.lines import split_fen
from tradestats.synth.rake import Constraint, Partition, rake


def test_overlapping_subsets_and_partition() -> None:
    rng = np.random.default_rng(0)
    x0 = rng.lognormal(size=200)
    labels = np.arange(200) % 4
    part = Partition("p", labels, np.array([10.0, 20.0, 30.0, 40.0]))
    cons = [Constraint("a", np.arange(0, 120), 55.0), Constraint("b", np.arange(60, 200), 70.0)]
    x = rake(x0, cons, [part])
    assert np.allclose(np.bincount(labels, x), [10, 20, 30, 40])
    assert np.isclose(x[:120].sum(), 55) and np.isclose(x[60:].sum(), 70)


def test_infeasible_names_the_constraints() -> None:
    cons = [Constraint("whole", np.arange(4), 10.0), Constraint("part", np.arange(2), 12.0)]
    with pytest.raises(UsageError, match=r"whole|part"):
        rake(np.ones(4), cons)


def test_split_fen_is_exact_and_positive() -> None:
    fen = np.array([10**13, 5, 1_000])
    counts = np.array([1000, 5, 3])
    out = split_fen(fen, counts, np.random.default_rng(1))
    ends = np.cumsum(counts)
    assert [int(s.sum()) for s in np.split(out, ends[:-1])] == fen.tolist()
    assert out.min() >= 1
