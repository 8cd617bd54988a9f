"""End to end at a small size: `tradestats demo` prints the article's figures from records."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.disclosure import policy_history
from tradestats.engine import Engine
from tradestats.store import Store
from tradestats.synth.headline import SEED_FIGURES, headline

SMALL = 20_000


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    store = tmp_path_factory.mktemp("demo") / "demo-store"
    out = store.parent / "out"
    result = CliRunner().invoke(
        app, ["demo", "--store", str(store), "--records", str(SMALL), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return store, result.output


def test_headline_matches_article(demo_store: tuple[Path, str]) -> None:
    store, _ = demo_store
    rows = headline(Engine(store), "2025")
    missed = [r.figure.indicator for r in rows if not r.ok]
    assert missed == ["enterprises.count"]  # 780,000 firms need millions of lines (the default)
    assert len(rows) == len(SEED_FIGURES)


def test_output_and_reuse(demo_store: tuple[Path, str]) -> None:
    store, output = demo_store
    assert "45.47" in output and "29 of 30 figures match" in output
    # The demo store gets the default disclosure policy, so every front end shows it.
    assert "disclosure policy 1 set" in " ".join(output.split())
    assert [p.version for p in policy_history(Store(store))] == [1]
    out = store.parent / "out"
    bulletin = out / "bulletin-2025.en.html"
    made = bulletin.stat().st_mtime_ns
    again = CliRunner().invoke(app, ["demo", "--store", str(store), "--out", str(out)])
    assert again.exit_code == 0 and "reusing" in again.output
    # Same store, program and article: the outputs are kept, not made again.
    assert "up to date" in " ".join(again.output.split())  # rich wraps long lines
    assert bulletin.stat().st_mtime_ns == made
    bulletin.unlink()  # an output missing: everything is made again
    third = CliRunner().invoke(app, ["demo", "--store", str(store), "--out", str(out)])
    assert third.exit_code == 0 and bulletin.is_file()
    assert "up to date" not in " ".join(third.output.split())


def test_synth_command(tmp_path: Path) -> None:
    args = ["synth", "--records", "3000", "--seed", "1", "--out", str(tmp_path), "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("records-*.parquet"))) == 24
