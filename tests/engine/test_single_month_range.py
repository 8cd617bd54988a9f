"""A range of one month (2025-03..2025-03) is the month itself, for every kind of measure:
levels, growth against the year before, shares, counts and the year-to-date of its year."""

from __future__ import annotations

import pytest

from tradestats.engine import Engine

from helpers import two_year_store

MEASURES = "value_cny,yoy_pct,share_pct,records,enterprises"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine(two_year_store(tmp_path_factory.mktemp("one-month")))


@pytest.mark.parametrize("month", ["2025-01", "2025-03", "2025-12"])
@pytest.mark.parametrize("by", [None, "partner"])
def test_a_one_month_range_is_the_month(engine: Engine, month: str, by: str | None) -> None:
    kw = {"by": by} if by else {}
    single = engine.query(period=month, measures=MEASURES, **kw).to_pylist()
    ranged = engine.query(period=f"{month}..{month}", measures=MEASURES, **kw).to_pylist()
    assert ranged == single
    assert single and all(r["value_cny"] is not None for r in single)
    # hand-worked: month m holds 100 + m CNY per partner, two partners
    m = int(month[-2:])
    if by is None:
        assert str(single[0]["value_cny"]) == f"{2 * (100 + m)}.00"
        assert single[0]["yoy_pct"] is not None


def test_the_http_api_answers_a_one_month_range_as_the_month(engine: Engine) -> None:
    from fastapi.testclient import TestClient

    from tradestats.web import create_app

    with TestClient(create_app(engine.store.root), raise_server_exceptions=False) as client:
        got = [
            client.get("/api/v1/query", params={"period": p, "measures": MEASURES, "by": "partner"})
            for p in ("2025-03", "2025-03..2025-03")
        ]
    assert [r.status_code for r in got] == [200, 200], [r.text for r in got]
    assert got[0].json()["rows"] == got[1].json()["rows"]
