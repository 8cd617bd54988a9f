"""Indices on a store with a known price path, against an independent pandas oracle.

180 items (60 codes x 3 partners) per flow over 24 months; each unit value follows the known
path times 1 % item-month noise; quantities vary by 30 %. Chained Fisher must recover the path
within 0.5 % in every month.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.engine import Engine
from tradestats.indices import compute_indices
from tradestats.ingest import ingest_files

sys.path.insert(0, str(Path(__file__).parents[1]))
import itertools

from helpers import row, write_csv

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
PATH = np.array([1 + 0.01 * t + 0.05 * math.sin(t / 3) for t in range(len(MONTHS))])
CODES = [f"{c:06d}00" for c in range(850100, 850160)]  # 60 codes of chapter 85 (section XVI)
PARTNERS = ("USA", "VNM", "DEU")


def _records(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for flow, drift in (("export", 1.0), ("import", 0.9)):
        for code in CODES:
            for partner in PARTNERS:
                base = rng.lognormal(3, 0.5)
                q_base = rng.lognormal(5, 0.5)
                for t, m in enumerate(MONTHS):
                    price = base * PATH[t] ** drift * math.exp(rng.normal(0, 0.01))
                    qty = round(q_base * rng.lognormal(0, 0.3), 3)
                    rows.append((m, flow, code, partner, round(price * qty, 2), qty))
    return pd.DataFrame(rows, columns=["period", "flow", "hs_code", "partner", "value", "qty"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    recs = _records()
    tmp = tmp_path_factory.mktemp("idx")
    rows = [
        row(period=r.period, flow=r.flow, hs_code=r.hs_code, partner=r.partner,
            value_cny=f"{r.value:.2f}", value_usd=f"{r.value / 7:.2f}", quantity=f"{r.qty:.3f}")
        for r in recs.itertuples()
    ]  # fmt: skip
    ingest_files(tmp / "s", [write_csv(tmp / "r.csv", rows)])
    return tmp / "s", recs


def oracle_fisher_chain(recs: pd.DataFrame, flow: str) -> list[float]:
    """Chained Fisher price index, written independently with pandas (no trimming needed:
    the relatives here are all within the fences)."""
    df = recs[recs.flow == flow].assign(uv=lambda d: d.value / d.qty)
    wide = df.pivot_table(index=["hs_code", "partner"], columns="period", values=["uv", "qty"])
    level, out = 1.0, [100.0]
    for a, b in itertools.pairwise(MONTHS):
        p0, p1, q0, q1 = wide["uv"][a], wide["uv"][b], wide["qty"][a], wide["qty"][b]
        lasp = (p1 * q0).sum() / (p0 * q0).sum()
        paas = (p1 * q1).sum() / (p0 * q1).sum()
        level *= math.sqrt(lasp * paas)
        out.append(level * 100)
    return out


def test_fisher_recovers_the_known_price_path(store) -> None:
    path, _ = store
    t = compute_indices(Engine(path), "2024..2025", formula="fisher").to_pandas()
    exports = t[t.flow == "export"].price_index.to_numpy()
    truth = PATH / PATH[0] * 100
    assert np.abs(exports / truth - 1).max() < 0.005
    imports = t[t.flow == "import"].price_index.to_numpy()
    assert np.abs(imports / (truth / 100) ** 0.9 / 100 - 1).max() < 0.005


def test_fisher_equals_the_pandas_oracle(store) -> None:
    path, recs = store
    t = compute_indices(Engine(path), "2024..2025", formula="fisher").to_pandas()
    for flow in ("export", "import"):
        got = t[t.flow == flow].price_index.to_numpy()
        assert got == pytest.approx(oracle_fisher_chain(recs, flow), abs=1e-9)
        assert (t[t.flow == flow].items_trimmed == 0).all()


def test_value_index_is_exact_and_equals_price_times_volume(store) -> None:
    path, recs = store
    t = compute_indices(Engine(path), "2024..2025", base="2024").to_pandas()
    ex = t[t.flow == "export"].set_index("period")
    totals = recs[recs.flow == "export"].groupby("period").value.sum()
    assert ex.value_index.to_numpy() == pytest.approx(
        (totals / totals[MONTHS[:12]].mean() * 100).to_numpy(), rel=1e-9
    )
    assert ex.price_index[MONTHS[:12]].mean() == pytest.approx(100.0, abs=1e-9)
    for r in t.itertuples():
        assert r.price_index * r.volume_index / 100 == pytest.approx(r.value_index, rel=1e-14)


def test_groups_and_terms_of_trade(store) -> None:
    path, _ = store
    eng = Engine(path)
    total = compute_indices(eng, "2024..2025", chain="year").to_pandas()
    sec = compute_indices(eng, "2024..2025", chain="year", by="hs_section").to_pandas()
    assert set(sec.hs_section) == {"XVI"}
    assert sec.price_index.to_numpy() == pytest.approx(total.price_index.to_numpy(), abs=1e-12)
    by_partner = compute_indices(eng, "2024..2025", chain="year", by="partner").to_pandas()
    assert set(by_partner.partner) == set(PARTNERS)
    tot = compute_indices(eng, "2024..2025", chain="year", terms=True).to_pandas()
    x = total[total.flow == "export"].price_index.to_numpy()
    m = total[total.flow == "import"].price_index.to_numpy()
    assert tot.terms_of_trade.to_numpy() == pytest.approx(x / m * 100, rel=1e-12)


def test_cli_indices_json_and_errors(store) -> None:
    path, _ = store
    runner = CliRunner()
    res = runner.invoke(
        app, ["indices", "--store", str(path), "--period", "2024..2025", "--chain", "year",
              "--formula", "laspeyres", "--format", "json"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["period"] for r in rows] == ["2024", "2025", "2024", "2025"]
    bad = runner.invoke(app, ["indices", "--store", str(path), "--period", "2020..2025"])
    assert bad.exit_code == 2 and "no data for 48 month(s)" in bad.output
    bad = runner.invoke(
        app, ["indices", "--store", str(path), "--period", "2024..2025", "--by", "colour"]
    )
    assert bad.exit_code == 2 and "cannot group indices by colour" in bad.output


def test_http_indices_are_the_clis_and_refuse_what_it_refuses(store) -> None:
    import warnings

    from tradestats.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    path, _ = store
    ask = {"period": "2024..2025", "chain": "year", "formula": "laspeyres"}
    cli = CliRunner().invoke(
        app, ["indices", "--store", str(path), "--period", "2024..2025", "--chain", "year",
              "--formula", "laspeyres", "--format", "json"],
    )  # fmt: skip
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        body = client.get("/api/v1/indices", params=ask).json()
        assert body["rows"] == json.loads(cli.output)  # one computation behind both doors
        assert body["query"]["formula"] == "laspeyres" and body["query"]["period"] == (
            "2024-01..2025-12"
        )
        tot = client.get("/api/v1/indices", params={**ask, "terms_of_trade": "true"}).json()
        x, m = (r["price_index"] for r in body["rows"] if r["period"] == "2025")
        assert tot["rows"][-1]["terms_of_trade"] == pytest.approx(x / m * 100, rel=1e-12)
        csv = client.get("/api/v1/indices", params={**ask, "format": "csv"})
        assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("flow,")
        refused = [({"chain": "week"}, "chain"), ({"by": "colour"}, "by"),
                   ({"trim_cap": "1"}, "trim_cap"), ({"colour": "red"}, "colour")]  # fmt: skip
        for bad, param in refused:
            r = client.get("/api/v1/indices", params={**ask, **bad})
            assert r.status_code == 400, r.text
            assert r.json()["error"]["details"][0]["loc"] == param
        r = client.get("/api/v1/indices", params={**ask, "period": "2020..2025"})
        assert r.status_code in (400, 404) and "no data for 48 month(s)" in r.text


INDEX_SPEC = """\
title: {en: "Prices in {period}", zh: "{period}价格"}
sections:
  - id: prices
    title: {en: "Prices", zh: "价格"}
    tables:
      - id: idx
        title: {en: "Unit-value indices (previous year = 100)", zh: "价格指数（上年=100）"}
        indices: {formula: fisher}
"""


def test_bulletin_index_table_against_the_year_before(store, tmp_path) -> None:
    from decimal import Decimal

    from tradestats.bulletin import render_bulletin
    from tradestats.bulletin.rounding import round_half_up

    path, recs = store
    spec = tmp_path / "idx.yaml"
    spec.write_text(INDEX_SPEC, encoding="utf-8")
    b = render_bulletin(path, "2025", lang="en", fmt="md", spec=spec)
    cells = {(f.extra["row"]["flow"], f.measure): f for f in b.trace.figures}
    # The value index, by hand: the exact value of the year over the year before, x 100.
    for flow in ("export", "import"):
        years = recs[recs.flow == flow].assign(year=lambda d: d.period.str[:4])
        total = {
            y: sum((Decimal(f"{v:.2f}") for v in g.value), Decimal(0))
            for y, g in years.groupby("year")
        }
        want = round_half_up(total["2025"] / total["2024"] * 100, 1)
        assert cells[(flow, "value_index")].text == str(want)
    theirs = compute_indices(Engine(path), "2024..2025", chain="year", base="2024").to_pandas()
    price = theirs[(theirs.flow == "export") & (theirs.period == "2025")].price_index.item()
    assert cells[("export", "price_index")].value == price
    assert "| Exports | " in b.content and "| Price index |" in b.content
    zh = render_bulletin(path, "2025", lang="zh", fmt="md", spec=spec)
    assert "价格指数" in zh.content and "出口" in zh.content
    q2 = render_bulletin(path, "2025-Q2", lang="en", fmt="md", spec=spec)
    assert any("compares whole years" in w for w in q2.warnings)


def test_a_bad_index_table_is_a_spec_error_with_its_line(tmp_path) -> None:
    from tradestats.bulletin import load_spec
    from tradestats.bulletin.spec import SpecError

    spec = tmp_path / "bad.yaml"
    spec.write_text(
        INDEX_SPEC.replace("formula: fisher", "formula: tornqvist, colour: red"), "utf-8"
    )
    with pytest.raises(SpecError) as err:
        load_spec(spec)
    text = str(err.value)
    assert "bad.yaml:8: bad index table: unknown formula 'tornqvist'" in text
    assert "unknown key 'colour'" in text
