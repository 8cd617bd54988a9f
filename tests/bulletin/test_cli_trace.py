"""`tradestats bulletin` on the command line, and the trace: every figure recomputes alone."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.indicators.library import Indicator, Library, load_library
from tradestats.indicators.query import Measure
from tradestats.indices.question import build_indices


def test_cli_writes_markdown_and_trace(fixture_store, tmp_path):
    out, trace = tmp_path / "b.md", tmp_path / "b.json"
    result = CliRunner().invoke(
        app,
        ["bulletin", "--store", str(fixture_store.root), "--period", "2025", "--lang", "zh",
         "--format", "md", "--out", str(out), "--trace", str(trace)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "进出口总值达8.76万亿元，创历史新高" in out.read_text(encoding="utf-8")
    doc = json.loads(trace.read_text(encoding="utf-8"))
    assert doc["bulletin"]["lang"] == "zh"
    assert len(doc["figures"]) > 100


def test_cli_missing_period_is_a_clear_error(fixture_store, tmp_path):
    out = tmp_path / "b.html"
    result = CliRunner().invoke(
        app, ["bulletin", "--store", str(fixture_store.root), "--period", "2023", "--out", str(out)]
    )
    assert result.exit_code != 0
    assert "no data for 2023" in str(result.exception)
    assert "periods in the store: 2024-01..2024-12, 2025-01..2025-12" in str(result.exception)
    assert not out.exists()


def _as_indicator(name: str, query: dict) -> Indicator:
    spec = {k: v for k, v in query.items() if k not in ("period", "measures")}
    measure = Measure(query["measures"])
    return Indicator(name=name, title=name, measure=measure, spec=spec, unit="")


def test_every_figure_recomputes_from_its_own_query(bulletin, engine):
    """The sidecar is enough to check the bulletin: each query gives the printed value."""
    every = bulletin("en", "md").trace.figures
    figures = [f for f in every if "indices" not in f.query]
    by_period = defaultdict(list)
    for f in figures:
        by_period[f.query["period"]].append(f)
    lib = Library({f.id: _as_indicator(f.id, f.query) for f in figures})
    checker = type(engine)(engine.store, reference=engine.reference, library=lib)
    for period, figs in by_period.items():
        got = checker.indicators([f.id for f in figs], period=period)
        for f in figs:
            # Money and ratios are exact decimals, counts integers: equal, not close.
            assert got[f.id].value == f.value, f"{f.id} {f.source} {f.query}"
    assert {type(f.value) for f in figures} >= {Decimal, int}
    assert any(f.unit == "percent" and isinstance(f.value, Decimal) for f in figures)
    # Index cells: their question alone (the parameters of GET /api/v1/indices) gives them.
    indexed = [f for f in every if "indices" in f.query]
    assert len(indexed) == 6  # exports and imports: price, volume and value indices
    for f in indexed:
        table = build_indices(f.query["indices"]).answer(engine).to_pylist()
        row = next(
            r for r in table if r["period"] == "2025" and r["flow"] == f.extra["row"]["flow"]
        )
        assert row[f.measure] == f.value, f"{f.id} {f.source}"


def test_statement_figures_name_library_queries(bulletin):
    lib = load_library()
    for f in bulletin("en", "md").trace.figures:
        if f.indicator in lib.indicators:
            assert f.query["measures"] == lib.get(f.indicator).measure.value
